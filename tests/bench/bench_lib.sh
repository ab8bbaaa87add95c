# Shared by the export benchmarks against Mapnik (run_mapnik_compare.sh, run_mapnik_furniture.sh); sourced, not run.
# The caller sets `out` (the folder for the PNGs and the timing files) before calling measure.

PY=/usr/bin/python3 # Debian's python3 (python3-mapnik, python3-gdal), not a pyenv/venv shim

say() { echo "$(basename "$0" .sh): $*" >&2; }

# bench_tools PACKAGE…: the Debian packages the benchmark needs (scripts/setup.sh installs what is missing; nothing
# when all are there), and Mapnik and GDAL importable by $PY.
bench_tools() {
    "$root/scripts/setup.sh" >/dev/null
    "$root/scripts/setup.sh" --only "$@" >/dev/null
    "$PY" -c 'import mapnik, osgeo.ogr' || { say "python3-mapnik / python3-gdal not importable by $PY"; exit 1; }
}

# measure COMMAND…: one measured run; prints "wall-seconds peak-kilobytes cpu-seconds" (user + system, by GNU time)
# into $out/time.txt; the command's own output goes to $out/last.log
measure() {
    /usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" "$@" >"$out/last.log" 2>&1 || {
        say "failed: $*"; cat "$out/last.log" >&2; exit 1; }
    awk '{print $1, $2, $3 + $4}' "$out/time.txt" >"$out/time.tmp" && mv "$out/time.tmp" "$out/time.txt"
}

# median: of the numbers on stdin, one a line
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# bench_header RUNS: the lines above a table (what is measured, the machine, its load, the time)
bench_header() {
    echo "Median of $1 runs, whole process: wall time, peak resident memory, CPU time (user + system), by GNU time."
    echo "$(nproc) cores; load average before the run: $(cut -d' ' -f1-3 /proc/loadavg). $(date -u '+%Y-%m-%d %H:%M UTC')."
}

# ratio A B: "1.6× slower" or "1.2× faster" for time A against time B
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = a / b; printf "%.1f× %s", (r >= 1) ? r : 1 / r, (r >= 1) ? "slower" : "faster" }'; }
