#!/usr/bin/env bash
# A --style that does not parse at start. Run inside an X server (xvfb-run).
# 1. With the bundled layers, the viewer starts with the bundled style instead of the unstyled default look:
#    OUTDIR/broken-fallback.png (broken --style) should look like OUTDIR/broken-bundled.png (no --style).
# 2. It keeps watching the broken sheet and applies it once fixed (--no-defaults, the e2e fixture):
#    OUTDIR/broken-before.png, then OUTDIR/broken-fixed.png after the sheet is saved with background #a03010.
# Usage: broken_style_e2e.sh CORRIDOR FIXTURE OUTDIR ; stderr of each run in OUTDIR/broken-*.txt
set -euo pipefail
corridor="$1" fixture="$2" out="$3"
shot="$out/broken-shot.png" style="$out/broken-style.toml"
mkdir -p "$out"
rm -f "$out"/broken-*
printf '[map]\nbackground = "#204060"\n[layer.instc_routes]\nstrok = "#000000"\n' > "$style"

"$corridor" --style "$style" --window-size 640x400 --screenshot "$out/broken-fallback.png" --frames 2 \
    2> "$out/broken-fallback.txt"
"$corridor" --window-size 640x400 --screenshot "$out/broken-bundled.png" --frames 2 2> "$out/broken-bundled.txt"

"$corridor" --no-defaults --data "$fixture" --style "$style" --window-size 400x300 --screenshot "$shot" --frames 0 \
    2> "$out/broken-watch.txt" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/e2e_lib.sh"
xdotool search --sync --onlyvisible --name '^Corridor$' >/dev/null
sleep 0.5
snap broken-before
printf '[map]\nbackground = "#a03010"\n' > "$style.new" && mv "$style.new" "$style"
sleep 4 # the sheet is polled; a loaded 2-core machine under the sanitizers needs the margin
snap broken-fixed
finish
