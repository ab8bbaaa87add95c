#!/usr/bin/env bash
# Drives the real viewer with the bundled data under Xvfb with xdotool: search and fly-to, then the measure tool.
#   1. Ctrl+F, "Astara", Enter: the best match is centred         -> OUTDIR/nav-search.png
#   2. R (measure on); search "Rasht", Enter, click the window's centre; search "Astara (IR)", Enter, click the
#      centre; search "Astara", Enter, click the centre; Esc ends it (the viewer prints the figures on stdout);
#      "-" four times shows the whole measurement                 -> OUTDIR/nav-measure.png, OUTDIR/nav-stdout.txt
# Usage: navigate_e2e.sh CORRIDOR OUTDIR. Exits non-zero when a step fails; the caller checks what came out.
set -euo pipefail
corridor="$1" out="$2"
shot="$out/nav-shot.png"
width=1024 height=640
cx=$((width / 2)) cy=$((height / 2))
rm -f "$out"/nav-*.png "$out/nav-stdout.txt"
cd "$out"

"$corridor" --window-size "${width}x${height}" --screenshot "$shot" --frames 0 >"$out/nav-stdout.txt" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

. "$(dirname "${BASH_SOURCE[0]}")/e2e_lib.sh"

window=$(corridor_window)
# The pointer rests on the map's middle: X focus follows it (no window manager), and the status bar reads there.
xdotool mousemove --window "$window" "$cx" "$cy"
sleep 0.3

# search QUERY: Ctrl+F, replace the box's text, Enter, and wait out the flight
search() {
    xdotool key ctrl+f
    rest # the box has the keyboard (and has selected the last query, which the typing replaces)
    xdotool type --delay 40 "$1"
    sleep 0.5
    xdotool key Return
    rest
}
centre_click() {
    xdotool mousemove --window "$window" "$cx" "$cy" click 1
    sleep 0.5
}

search "Astara"
snap nav-search

xdotool key r
rest
search "Rasht"
centre_click
search "Astara (IR)"
centre_click
search "Astara"
centre_click
xdotool key Escape
rest
for _ in 1 2 3 4; do
    xdotool key minus
    sleep 0.3
done
rest
snap nav-measure
quit_with_keys
