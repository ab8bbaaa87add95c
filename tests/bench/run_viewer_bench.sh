#!/usr/bin/env bash
# The interactive viewer's benchmarks (issue 11), in a real window under a bare Xvfb (no window manager, llvmpipe):
#   1. launch to first complete frame: from the moment the process is started to the end of the first frame whose
#      map image is whole (no progressive rendering left), bundled data, 1600×1000; the median of RUNS launches
#      each without the mesh cache, with an empty one and with a filled one (the second start), and of the same
#      window with no layer at all (`--no-defaults`: the floor, what no work on the data can make faster);
#   2. frame times along a scripted session driven with xdotool, with the bundled data and the panels open
#      (Layers, Messages, Help, Inspector, the search box's candidates, the measure tool, the status bar): it pans
#      by dragging, zooms with the wheel and the keys, flies (search, Home), hovers (tooltips) and clicks features
#      (identify), ROUNDS times over. Every drawn frame's time is logged by the viewer (--frame-log: from the first
#      event handled to the buffer swap); idle turns of the loop draw nothing and are not frames.
# Usage: tests/bench/run_viewer_bench.sh [CORRIDOR]   (default: build/app/corridor, built as scripts/run.sh does)
# Env: RUNS (5), ROUNDS (3). Not part of the pass/fail suite: prints the figures as a Markdown table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ -z "${CORRIDOR_BENCH_IN_XVFB:-}" ]; then
    # Always a fresh, bare X server of a known size, whatever display the caller has.
    exec env CORRIDOR_BENCH_IN_XVFB=1 xvfb-run -a -s '-screen 0 1600x1000x24' "$0" "$@"
fi
corridor="${1:-}"
if [ -z "$corridor" ]; then
    build="$root/build/app"
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
    cmake --build "$build" --parallel "$(nproc)" --target corridor >/dev/null
    corridor="$build/corridor"
fi
runs="${RUNS:-5}"
rounds="${ROUNDS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A session of its own: nothing restored from, or saved to, the user's configuration.
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
width=1600 height=1000
cx=$((width / 2)) cy=$((height / 2))

# --- 1. launch to first complete frame ---
# Three kinds of start, RUNS launches each, interleaved so drifts in load hit all three: without the mesh cache
# (--no-mesh-cache), with an empty one (the first start of this data: it builds the meshes and writes them), and
# with the one that start left (a second start). Mesa's shader cache (also under XDG_CACHE_HOME) stays warm in all.
launch() { # KIND I [FLAGS]: prints the ms from the process's start to the end of its first complete frame
    local log="$work/first-$1-$2.tsv" start done_at
    start=$(date +%s.%N)
    "$corridor" "${@:3}" --window-size "${width}x${height}" --frame-log "$log" --screenshot "$work/first.png" \
        --frames 2 >/dev/null 2>&1
    done_at=$(sed -n "s/^# first_complete_unix=//p" "$log")
    [ -n "$done_at" ] || { echo "launch $1 $2: no complete frame logged" >&2; exit 1; }
    python3 -c "print(f'{($done_at - $start) * 1000:.0f}')"
}
"$corridor" --window-size "${width}x${height}" --screenshot "$work/first.png" --frames 2 >/dev/null 2>&1 # shaders
nocache=() cold=() warm=() empty=()
for i in $(seq 1 "$runs"); do
    # The floor: the same window with no layer at all (its panels, furniture and first frame, nothing to load).
    empty+=("$(launch empty "$i" --no-defaults)")
    nocache+=("$(launch nocache "$i" --no-mesh-cache)")
    rm -rf "$XDG_CACHE_HOME/corridor"
    cold+=("$(launch cold "$i")")
    warm+=("$(launch warm "$i")")
done

# --- 2. frame times along a scripted session ---
out="$work" shot="$work/shot.png" log="$work/frames.tsv"
"$corridor" --window-size "${width}x${height}" --frame-log "$log" --screenshot "$shot" --frames 0 >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
. "$root/tests/cli/e2e_lib.sh"
window=$(corridor_window)

drag() { # DX DY: a drag from the centre in 12 moves
    xdotool mousemove --window "$window" "$cx" "$cy" mousedown 1
    for s in $(seq 1 12); do
        xdotool mousemove --window "$window" $((cx + s * $1 / 12)) $((cy + s * $2 / 12))
        sleep 0.02
    done
    xdotool mouseup 1
}
wheel() { # BUTTON COUNT: 4 zooms in, 5 out
    xdotool mousemove --window "$window" $((cx + 120)) $((cy - 80))
    for _ in $(seq 1 "$2"); do xdotool click "$1"; sleep 0.08; done
}
hover() { # X Y: rest the pointer there long enough for the tooltip
    xdotool mousemove --window "$window" "$1" "$2"
    sleep 0.6
}
search() { # QUERY: Ctrl+F, type, Enter (flies there)
    xdotool mousemove --window "$window" "$cx" "$cy"
    xdotool key ctrl+f
    sleep 0.3
    xdotool type --delay 30 "$1"
    sleep 0.3
    xdotool key Return
}

xdotool mousemove --window "$window" "$cx" "$cy"
rest
xdotool key m F1 # Messages and Help open beside Layers
for round in $(seq 1 "$rounds"); do
    drag 300 120
    drag -200 -180
    wheel 4 4
    wheel 5 2
    hover $((cx - 100)) $((cy + 60))
    xdotool click 1 # identify: the Inspector opens on what is there
    sleep 0.3
    search "Astara"
    rest
    hover "$cx" "$cy"
    xdotool click 1
    xdotool key plus plus minus Left Up Right Down
    sleep 0.5
    xdotool key r # measure: three points, then off
    for p in "-150 -60" "40 90" "200 -40"; do
        set -- $p
        xdotool mousemove --window "$window" $((cx + $1)) $((cy + $2)) click 1
        sleep 0.2
    done
    xdotool key Escape r
    search "Bandar Abbas"
    rest
    xdotool key Home
    rest
done
finish

python3 - "$log" "$rounds" "${nocache[*]}" "${cold[*]}" "${warm[*]}" "${empty[*]}" <<'EOF'
import statistics, sys
log, rounds = sys.argv[1], sys.argv[2]
nocache, cold, warm, empty = ([float(x) for x in a.split()] for a in sys.argv[3:7])
ms = [float(l.split('\t')[1]) for l in open(log) if not l.startswith('#')]
ms.sort()
p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
print("| measure | median | p95 | max | n |")
print("|---|---|---|---|---|")
for name, firsts in (("bundled map, no mesh cache", nocache), ("bundled map, first start, empty mesh cache", cold),
                     ("bundled map, second start, from the mesh cache", warm),
                     ("no layer at all (the floor: window, panels, furniture)", empty)):
    print(f"| launch to first complete frame, 1600×1000, {name} (ms) | {statistics.median(firsts):.0f} | "
          f"| {max(firsts):.0f} | {len(firsts)} launches: {', '.join(f'{x:.0f}' for x in firsts)} |")
print(f"| frame time, scripted session ×{rounds}, panels open (ms) | {statistics.median(ms):.1f} | {p95:.1f} | "
      f"{ms[-1]:.1f} | {len(ms)} frames |")
EOF
