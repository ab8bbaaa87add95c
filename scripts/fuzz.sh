#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, ASan and UBSan in build/fuzz and runs each for SECONDS
# (default 60), one at a time, from its seed corpus in tests/fuzz/corpus/<target>/. Not part of CI.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET…]      targets: style_fuzz geo_fuzz text_fuzz (default: all three)
# New inputs that add coverage go to build/fuzz/corpus/<target>/ (the committed seeds stay as they are); a crash,
# timeout or leak is written to build/fuzz/artifacts/<target>/ and the script exits non-zero after the last target.
# Minimise one with: build/fuzz/fuzz/<target> -minimize_crash=1 -runs=20000 <artifact>
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(style_fuzz geo_fuzz text_fuzz)
case "$seconds" in ''|*[!0-9]*) echo "fuzz: SECONDS must be a whole number, got '$seconds'" >&2; exit 2 ;; esac

"$root/scripts/setup.sh" --only clang libclang-rt-14-dev

build="$root/build/fuzz"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCORRIDOR_FUZZ=ON -DBUILD_TESTING=OFF -DCORRIDOR_WERROR=ON "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

# Largest input per target: a style file is small text, a GeoJSON layer may be larger, a label is short.
max_len() {
    case "$1" in
        style_fuzz) echo 65536 ;;
        geo_fuzz) echo 262144 ;;
        *) echo 4096 ;;
    esac
}

status=0
summary=()
for t in "${targets[@]}"; do
    corpus="$build/corpus/$t"
    artifacts="$build/artifacts/$t"
    mkdir -p "$corpus" "$artifacts"
    log="$build/$t.log"
    echo "fuzz: $t for ${seconds}s (log: $log)"
    set +e
    # ASan's leak check stays on; UBSan stops at the first report so libFuzzer keeps the input.
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
        "$build/fuzz/$t" "$corpus" "$root/tests/fuzz/corpus/$t" -max_total_time="$seconds" \
        -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" >"$log" 2>&1
    rc=$?
    set -e
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ $rc -ne 0 ]; then
        status=1
        newest=$(find "$artifacts" -type f -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2-)
        summary+=("$t: FAILED after ${execs:-?} executions: ${newest:-no artifact} (see $log)")
    else
        summary+=("$t: ${execs:-?} executions, no crash")
    fi
done
printf '%s\n' "${summary[@]}"
exit $status
