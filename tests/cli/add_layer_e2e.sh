#!/usr/bin/env bash
# Drives the real viewer with the bundled data under Xvfb with xdotool: File ▸ Add layer… by its key.
#   1. the map as it opens                                          -> OUTDIR/add-before.png
#   2. Ctrl+O: the browser lists the working folder (this one)      -> OUTDIR/add-browser.png
#      then type the path of a file made here (a magenta square on the Caspian), Enter: it loads on the
#      worker, is appended and flown to                             -> OUTDIR/add-after.png
#   3. Ctrl+O, type the path of a broken file, Enter: one message, the map as it was -> OUTDIR/add-broken.png
# The viewer's stderr (where it echoes the Messages panel's warnings and errors) -> OUTDIR/add-stderr.txt
# Usage: add_layer_e2e.sh CORRIDOR OUTDIR. Exits non-zero when a step fails; the caller checks what came out.
set -euo pipefail
corridor="$1" out="$2"
shot="$out/add-shot.png"
width=800 height=500
rm -f "$out"/add-*.png "$out/add-stderr.txt"
cd "$out"

square="$out/added square.geojson" # a space in the name: typed paths are taken whole
cat >"$square" <<'JSON'
{"type": "FeatureCollection", "name": "added_square", "features": [
 {"type": "Feature", "properties": {"name": "Added square", "fill": "#ff00ff", "fill-opacity": 1.0,
  "stroke": "#ff00ff"},
  "geometry": {"type": "Polygon", "coordinates": [[[50.0, 39.0], [53.0, 39.0], [53.0, 42.0], [50.0, 42.0],
  [50.0, 39.0]]]}}]}
JSON
broken="$out/broken-layer.geojson"
printf '{"type": "FeatureCollection", "features": [ {"type": "Feature", ' >"$broken"

"$corridor" --no-furniture --window-size "${width}x${height}" --screenshot "$shot" --frames 0 2>"$out/add-stderr.txt" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

. "$(dirname "${BASH_SOURCE[0]}")/e2e_lib.sh"

window=$(corridor_window)
xdotool mousemove --window "$window" $((width / 2)) $((height / 2))
sleep 0.3

# add PATH [SNAP]: Ctrl+O (then a screenshot named SNAP when given), type PATH over the path bar's text, Enter, and wait for the load and the flight
add() {
    xdotool key ctrl+o
    rest
    [ -z "${2:-}" ] || snap "$2"
    # The path bar took the keyboard with its text selected: what is typed replaces it. Keys with time for a frame
    # between them on a loaded machine.
    xdotool type --delay 60 "$1"
    sleep 1
    xdotool key Return
    for _ in 1 2 3; do rest; done # the worker, then the fly-to
}

rest
snap add-before
add "$square" add-browser
snap add-after
add "$broken"
snap add-broken
quit_with_keys
