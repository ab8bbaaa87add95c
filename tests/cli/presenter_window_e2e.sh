#!/usr/bin/env bash
# `corridor present DECK --presenter` under Xvfb: the audience's window full screen at slide 1, the presenter's
# window beside it (notes, next slide, clock); Right typed into the presenter's window moves both to slide 2.
#   -> OUTDIR/presenter-1.png, OUTDIR/presenter-1.presenter.png, OUTDIR/presenter-2.png, OUTDIR/presenter-2.presenter.png
# Usage: presenter_window_e2e.sh CORRIDOR DECK OUTDIR
set -euo pipefail
corridor="$1" deck="$2" out="$3"
shot="$out/presenter-shot.png"
rm -f "$out"/presenter-*.png
cd "$out"
"$corridor" present "$deck" --presenter --screenshot "$shot" --frames 0 2>"$out/presenter-stderr.txt" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/e2e_lib.sh"

# snap_both NAME: the audience's window now, the presenter's at its next frame
snap_both() {
    snap "$1"
    for _ in $(seq 1 200); do
        [ -s "$out/presenter-shot.presenter.png" ] && break
        sleep 0.05
    done
    mv "$out/presenter-shot.presenter.png" "$out/$1.presenter.png"
}

presenter=$(xdotool search --sync --onlyvisible --name '^Corridor presenter$' | head -n 1)
for _ in 1 2; do rest; done
snap_both presenter-1
xdotool mousemove --window "$presenter" 100 100
sleep 0.3
xdotool key --window "$presenter" Right
for _ in 1 2; do rest; done
snap_both presenter-2
finish
