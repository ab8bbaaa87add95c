#!/usr/bin/env bash
# The viewer as the only client of a bare X server (no window manager, no -noreset): such a server resets each
# time its last client disconnects, so a start-up that opens and closes a probe connection before SFML connects
# can hit the reset and abort ("Failed to open X11 display"). Starts the viewer RUNS times (default 30), each
# saving one frame; every run must exit 0 with a window-sized screenshot.
# Usage: bare_xvfb_e2e.sh CORRIDOR FIXTURE OUTDIR [RUNS]
set -euo pipefail
corridor="$1" fixture="$2" out="$3" runs="${4:-30}"
mkdir -p "$out"
rm -f "$out"/bare-*

# -displayfd: the server picks a free display number and writes it once it accepts connections.
Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$out/bare-display" 2>"$out/bare-xvfb.log" &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do
    [ -s "$out/bare-display" ] && break
    sleep 0.05
done
[ -s "$out/bare-display" ] || { echo "Xvfb did not start: $(cat "$out/bare-xvfb.log")" >&2; exit 1; }
export DISPLAY=":$(head -n 1 "$out/bare-display")"

failed=0
for i in $(seq 1 "$runs"); do
    rm -f "$out/bare-shot.png"
    status=0
    "$corridor" --no-defaults --data "$fixture" --window-size 400x300 --screenshot "$out/bare-shot.png" --frames 1 \
        >"$out/bare-run.txt" 2>&1 || status=$?
    if [ "$status" -ne 0 ] || [ ! -s "$out/bare-shot.png" ] || grep -q "no display" "$out/bare-run.txt"; then
        echo "run $i of $runs: exit $status: $(tr '\n' ' ' < "$out/bare-run.txt")" >&2
        failed=$((failed + 1))
    fi
done
if [ "$failed" -ne 0 ]; then
    echo "$failed of $runs starts failed" >&2
    exit 1
fi
echo "$runs starts, none failed"
