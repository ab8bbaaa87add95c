#!/usr/bin/env bash
# Drives the real viewer with the bundled data under Xvfb with xdotool: a briefing deck made from nothing in the
# Slides panel, by keys alone.
#   1. corridor --deck "OUTDIR/slides deck.toml" (no such file yet: a new deck there) -> OUTDIR/slides-new.png
#   2. A: a slide of the view, its title typed ("Whole corridor"), Enter
#   3. the view zoomed in twice (+ +) and moved (Left); A: a second slide, "Closer in", Enter
#                                                                                -> OUTDIR/slides-two.png
#   4. Ctrl+S: the deck written                                                  -> OUTDIR/slides-saved.png
#   5. F5: the deck as edited presented full screen                              -> OUTDIR/slides-present.png
#      Esc leaves; Ctrl+Q quits
# The viewer's stderr (where it echoes the Messages panel's warnings and errors) -> OUTDIR/slides-stderr.txt
# Usage: slides_e2e.sh CORRIDOR OUTDIR. Exits non-zero when a step fails; the caller checks what came out.
set -euo pipefail
corridor="$1" out="$2"
shot="$out/slides-shot.png"
deck="$out/slides deck.toml" # a space in the name: the path is taken whole
width=900 height=640
rm -f "$out"/slides-*.png "$out/slides-stderr.txt" "$deck" "$out/slides deck.autosave.toml"
cd "$out"

"$corridor" --no-furniture --deck "$deck" --window-size "${width}x${height}" --screenshot "$shot" --frames 0 \
    2>"$out/slides-stderr.txt" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

. "$(dirname "${BASH_SOURCE[0]}")/e2e_lib.sh"

window=$(corridor_window)
# On the map, left of the Slides panel and right of the Layers panel: X gives the keys to the window under it.
xdotool mousemove --window "$window" $((width / 2 - 60)) $((height / 2))
sleep 0.3

# slide TITLE: A, then the title typed over the one proposed (selected), Enter gives the keys back to the map.
slide() {
    xdotool key a
    rest
    xdotool type --delay 60 "$1"
    sleep 0.5
    xdotool key Return
    rest
}

rest
snap slides-new
slide "Whole corridor"
xdotool key plus
rest
xdotool key plus
rest
xdotool key Left
rest
slide "Closer in"
snap slides-two
xdotool key ctrl+s
rest
snap slides-saved
xdotool key F5
rest
rest
snap slides-present
xdotool key Escape
rest
quit_with_keys
