#!/usr/bin/env bash
# Asks for a window larger than the screen, under a window manager that fits windows to the screen
# (matchbox-window-manager): the viewer must say that it got another size, and its --screenshot has that size.
# Run inside an X server (xvfb-run). Usage: window_size_e2e.sh CORRIDOR FIXTURE OUTDIR WIDTHxHEIGHT ;
# writes OUTDIR/size-shot.png and OUTDIR/size-stderr.txt
set -euo pipefail
corridor="$1" fixture="$2" out="$3" size="$4"
mkdir -p "$out"
rm -f "$out"/size-*

matchbox-window-manager -use_titlebar no 2>"$out/size-wm.txt" &
wm=$!
trap 'kill "$wm" 2>/dev/null || true' EXIT
# The window manager is running once it has taken the root window's substructure redirection; xdotool cannot
# ask that, so wait until it has set _NET_SUPPORTING_WM_CHECK.
for _ in $(seq 1 100); do
    xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break
    sleep 0.05
done
"$corridor" --no-defaults --data "$fixture" --window-size "$size" --screenshot "$out/size-shot.png" --frames 2 \
    2>"$out/size-stderr.txt"
