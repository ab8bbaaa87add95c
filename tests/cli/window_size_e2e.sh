#!/usr/bin/env bash
# Asks for a window larger than the screen, under a window manager that fits windows to the screen
# (matchbox-window-manager): the viewer must say that it got another size, and its --screenshot has that size.
# Run inside an X server (xvfb-run). Usage: window_size_e2e.sh CORRIDOR FIXTURE OUTDIR WIDTHxHEIGHT ;
# writes OUTDIR/size-shot.png and OUTDIR/size-stderr.txt
set -euo pipefail
corridor="$1" fixture="$2" out="$3" size="$4"
mkdir -p "$out"
rm -f "$out"/size-*

# The window manager is running once it has taken the root window's substructure redirection; xdotool cannot
# ask that, so wait until it has set _NET_SUPPORTING_WM_CHECK. A bare Xvfb resets when its last client leaves, and a
# client connecting during the reset is refused ("can't open display"), which happens on a loaded machine: start the
# window manager again until it holds.
wm=""
trap '[ -n "$wm" ] && kill "$wm" 2>/dev/null || true' EXIT
for _ in $(seq 1 20); do
    matchbox-window-manager -use_titlebar no 2>>"$out/size-wm.txt" &
    wm=$!
    for _ in $(seq 1 100); do
        xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break 2
        kill -0 "$wm" 2>/dev/null || break
        sleep 0.05
    done
    kill "$wm" 2>/dev/null || true
    wait "$wm" 2>/dev/null || true
    wm=""
    sleep 0.1
done
[ -n "$wm" ] || { echo "window_size_e2e: the window manager did not start (see $out/size-wm.txt)" >&2; exit 1; }
"$corridor" --no-defaults --data "$fixture" --window-size "$size" --screenshot "$out/size-shot.png" --frames 2 \
    2>"$out/size-stderr.txt"
