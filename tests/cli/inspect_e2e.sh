#!/usr/bin/env bash
# Identify in the real viewer under Xvfb, driven by xdotool. Usage: inspect_e2e.sh CORRIDOR FIXTURE OUTDIR [X Y]
# Without X Y: one screenshot, OUTDIR/inspect-start.png (the caller finds a feature in it). With X Y (a feature's
# window position): click it -> inspect-selected.png; click the Layers panel -> inspect-panel-click.png (the
# selection must stay: a click on a panel is not a click on the map); Escape -> inspect-cleared.png; click it again,
# then Export PNG with Ctrl+P (the highlight must be in the export too) -> OUTDIR/corridor-view-*.png.
set -euo pipefail
corridor="$1" fixture="$2" out="$3"
shot="$out/inspect-shot.png"
rm -f "$out"/inspect-*.png "$out"/corridor-view-*
cd "$out"

"$corridor" --no-furniture --no-defaults --data "$fixture" --window-size 800x600 --screenshot "$shot" --frames 0 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

. "$(dirname "${BASH_SOURCE[0]}")/e2e_lib.sh"

window=$(corridor_window)
snap inspect-start
if [ $# -ge 5 ]; then
    x="$4" y="$5"
    xdotool mousemove --window "$window" "$x" "$y"
    sleep 0.2
    xdotool click 1
    sleep 0.5
    snap inspect-selected
    # the Layers panel's body, below its buttons (the panel opens at the top left)
    xdotool mousemove --window "$window" 150 120
    sleep 0.2
    xdotool click 1
    sleep 0.5
    snap inspect-panel-click
    xdotool mousemove --window "$window" "$x" "$((y + 150))"
    sleep 0.2
    xdotool key Escape
    sleep 0.5
    snap inspect-cleared
    xdotool mousemove --window "$window" "$x" "$y"
    sleep 0.2
    xdotool click 1
    sleep 0.5
    xdotool key ctrl+p
    for _ in $(seq 1 100); do
        compgen -G "corridor-view-*.png" >/dev/null && break
        sleep 0.05
    done
fi
quit_with_keys
