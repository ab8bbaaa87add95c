#!/usr/bin/env bash
# The Inspector on the bundled data, as evidence to look at (not pass/fail): the viewer at the Gulf islands, a click
# on Abu Musa; then at the Caspian coast, a click on the Rasht–Astara railway. Writes OUTDIR/inspect_abu_musa.png and
# OUTDIR/inspect_rasht_astara.png (1600×1000 windows).
# Usage: DISPLAY=:71 inspect_evidence.sh CORRIDOR REPO_ROOT OUTDIR   (an X server of at least 1600×1000, e.g.
# `Xvfb :71 -screen 0 1600x1000x24 &`). The click positions are where those features fall in these two views at
# this window size with the bundled style; move them if the style or the view CRS changes.
set -euo pipefail
corridor="$1" root="$2" out="$3"
mkdir -p "$out"
cd "$out"
shot="$out/inspect-shot.png"

session() { # NAME WEST SOUTH EAST NORTH CLICK_X CLICK_Y
    local name="$1" x="$6" y="$7"
    sed "s/^view = .*/view = [$2, $3, $4, $5]/" "$root/geodata/style.toml" > "$out/$name.toml"
    "$corridor" --style "$out/$name.toml" --window-size 1600x1000 --screenshot "$shot" --frames 0 &
    pid=$!
    trap 'kill "$pid" 2>/dev/null || true' EXIT
    . "$root/tests/cli/e2e_lib.sh"
    window=$(corridor_window)
    sleep 0.5
    snap "$name-start" # also waits until the map is drawn
    xdotool mousemove --window "$window" "$x" "$y"
    sleep 0.2
    xdotool click 1
    # onto the empty part of the menu bar, so no hover tooltip covers anything
    xdotool mousemove --window "$window" 900 8
    sleep 1
    snap "$name"
    rm -f "$out/$name-start.png" "$out/$name.toml"
    quit_with_keys
}
session inspect_abu_musa 54.5 25.55 55.7 26.55 740 672
session inspect_rasht_astara 48.3 37.0 50.3 38.6 829 739
