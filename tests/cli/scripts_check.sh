#!/usr/bin/env bash
# Checks that scripts/test.sh cannot pass without running tests: every configure it does turns the tests on, its
# ctest fails when there are none, and scripts/run.sh (tests off) builds in another folder. Then shows that ctest
# with --no-tests=error indeed fails on a tree configured with BUILD_TESTING=OFF.
# Usage: scripts_check.sh REPO_ROOT WORKDIR
set -euo pipefail
root="$1" work="$2"
fail() { echo "scripts_check: $*" >&2; exit 1; }

test_sh="$root/scripts/test.sh" run_sh="$root/scripts/run.sh"
configures=$(grep -E '^\s*cmake -S' "$test_sh" || true)
[ -n "$configures" ] || fail "no cmake configure line found in scripts/test.sh"
while IFS= read -r line; do
    [[ "$line" == *"-DBUILD_TESTING=ON"* ]] || fail "scripts/test.sh configures without -DBUILD_TESTING=ON: $line"
done <<< "$configures"
ctests=$(grep -E '^[^#]*\bctest --' "$test_sh" || true)
[ -n "$ctests" ] || fail "no ctest line found in scripts/test.sh"
while IFS= read -r line; do
    [[ "$line" == *"--no-tests=error"* ]] || fail "scripts/test.sh runs ctest without --no-tests=error: $line"
done <<< "$ctests"
while IFS= read -r line; do
    [[ "$line" == *"-DBUILD_TESTING=OFF"* ]] || fail "scripts/run.sh configures without an explicit -DBUILD_TESTING: $line"
done <<< "$(grep -E '^\s*cmake -S' "$run_sh")"
run_dir=$(sed -nE 's/^build="\$\{CORRIDOR_BUILD_DIR:-\$root\/([^}]*)\}"$/\1/p' "$run_sh")
[ -n "$run_dir" ] || fail "cannot find scripts/run.sh's build folder"
for d in $(grep -oE 'run_suite "\$root/[^"]*"' "$test_sh" | sed -E 's/run_suite "\$root\/([^"]*)"/\1/'); do
    [ "$d" != "$run_dir" ] || fail "scripts/run.sh and scripts/test.sh share the build folder $d"
done

# What --no-tests=error is for: a tree with no tests (here a minimal project with BUILD_TESTING=OFF).
rm -rf "$work" && mkdir -p "$work/src"
cat > "$work/src/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(no_tests NONE)
include(CTest)
if(BUILD_TESTING)
    add_test(NAME dummy COMMAND true)
endif()
CMAKE
cmake -S "$work/src" -B "$work/off" -DBUILD_TESTING=OFF >/dev/null
if ctest --test-dir "$work/off" --no-tests=error >/dev/null 2>&1; then
    fail "ctest --no-tests=error passed on a tree without tests"
fi
echo "scripts: tests on in every test.sh configure, ctest fails with no tests, run.sh builds in $run_dir"
