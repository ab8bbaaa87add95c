#!/usr/bin/env bash
# The viewer under Xvfb reloads its style sheet when it is saved, and keeps the previous style when the new one is
# broken. Usage: style_reload_e2e.sh CORRIDOR FIXTURE OUTDIR ; writes OUTDIR/reload-{before,after,broken}.png and
# OUTDIR/reload-stderr.txt
set -euo pipefail
corridor="$1" fixture="$2" out="$3"
shot="$out/reload-shot.png" style="$out/reload-style.toml"
rm -f "$out"/reload-*
printf '[map]\nbackground = "#204060"\n' > "$style"

"$corridor" --no-defaults --data "$fixture" --style "$style" --window-size 400x300 --screenshot "$shot" --frames 0 \
    2> "$out/reload-stderr.txt" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

. "$(dirname "${BASH_SOURCE[0]}")/e2e_lib.sh"

xdotool search --sync --onlyvisible --name '^Corridor$' >/dev/null
sleep 0.5
snap reload-before
printf '[map]\nbackground = "#a03010"\n' > "$style.new" && mv "$style.new" "$style"
sleep 4 # the sheet is polled; a loaded 2-core machine under the sanitizers needs the margin
snap reload-after
printf '[map]\nbackground = "#00ff00"\n[layer.e2e_points]\nstrok = "#000000"\n' > "$style.new" && mv "$style.new" "$style"
sleep 4 # the sheet is polled; a loaded 2-core machine under the sanitizers needs the margin
snap reload-broken
finish
