#!/usr/bin/env bash
# Drives the real viewer under Xvfb with xdotool: screenshot, drag, screenshot, wheel, screenshot.
# Then asks for an export with Ctrl+P (Export PNG now) (the keyboard shortcut, X focus following the pointer over the window).
# Then Home (back to the first view), F1 (the keys window), and Ctrl+Q, which must close it.
# Usage: viewer_e2e.sh CORRIDOR FIXTURE OUTDIR ; writes OUTDIR/e2e-{start,dragged,zoomed,home,help}.png and the viewer's
# export, OUTDIR/corridor-view-*.png (the viewer runs in OUTDIR)
# Exits non-zero when any step fails. The caller checks what the images show.
set -euo pipefail
corridor="$1" fixture="$2" out="$3"
shot="$out/e2e-shot.png"
rm -f "$out"/e2e-*.png "$out"/corridor-view-*
cd "$out"

"$corridor" --no-furniture --no-defaults --data "$fixture" --window-size 800x600 --screenshot "$shot" --frames 0 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

. "$(dirname "${BASH_SOURCE[0]}")/e2e_lib.sh"

window=$(corridor_window)
snap e2e-start
# drag with the left button from the middle of the map by (+60, +40) pixels
xdotool mousemove --window "$window" 400 350 mousedown 1
for step in 1 2 3 4; do xdotool mousemove --window "$window" $((400 + step * 15)) $((350 + step * 10)); sleep 0.05; done
xdotool mouseup 1
sleep 0.3
snap e2e-dragged
# wheel up twice with the pointer at ($ZOOM_X, $ZOOM_Y), given by the caller
xdotool mousemove --window "$window" "${ZOOM_X:-400}" "${ZOOM_Y:-300}"
sleep 0.2
xdotool click 4
sleep 0.2
xdotool click 4
sleep 0.3
snap e2e-zoomed
xdotool key ctrl+p
for _ in $(seq 1 100); do
    compgen -G "corridor-view-*.png" >/dev/null && break
    sleep 0.05
done
# Home: back to the view the viewer opened with; F1: the list of keys
xdotool key Home
sleep 0.3
snap e2e-home
xdotool key F1
sleep 0.3
snap e2e-help
quit_with_keys
