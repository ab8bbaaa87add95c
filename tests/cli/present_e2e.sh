#!/usr/bin/env bash
# Drives present mode in the real viewer under Xvfb (no window manager) with xdotool:
#   1. the viewer opens on a deck (--deck), windowed                 -> OUTDIR/present-before.png
#   2. F5: full screen, panels hidden, slide 1 (the Caspian)         -> OUTDIR/present-1.png
#   3. Right: the flight to slide 2 (a green circle at Rasht)        -> OUTDIR/present-2.png
#   4. End: cut to the last slide (the islands)                      -> OUTDIR/present-3.png
#   5. Left: back to slide 2, its circle again                       -> OUTDIR/present-back.png
#   6. Escape: the window as it was, the slides' marks gone          -> OUTDIR/present-after.png
# Usage: present_e2e.sh CORRIDOR DECK OUTDIR. Exits non-zero when a step fails; the caller checks what came out.
set -euo pipefail
corridor="$1" deck="$2" out="$3"
shot="$out/present-shot.png"
width=800 height=500
rm -f "$out"/present-*.png "$out/present-stderr.txt"
cd "$out"

"$corridor" --deck "$deck" --no-furniture --window-size "${width}x${height}" --screenshot "$shot" --frames 0 \
    2>"$out/present-stderr.txt" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

. "$(dirname "${BASH_SOURCE[0]}")/e2e_lib.sh"

window=$(corridor_window)
xdotool mousemove --window "$window" $((width / 2)) $((height / 2))
sleep 0.3

# key K NAME: press K, wait for the slide (and its flight) to settle, screenshot NAME
key() {
    xdotool key "$1"
    for _ in 1 2; do rest; done
    snap "$2"
}

rest
snap present-before
key F5 present-1
key Right present-2
key End present-3
key Left present-back
key Escape present-after
quit_with_keys
