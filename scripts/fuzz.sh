#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (CMake option DURABLE_FUZZ, clang, build-fuzz/) and
# runs each one for a bounded time, starting from its seed corpus tests/fuzz/corpus/<target>/.
# Exits non-zero when a target crashes, leaks, hits undefined behaviour or breaks a property; the
# input is then in build-fuzz/artifacts/<target>/. Inputs that found new coverage collect in
# build-fuzz/corpus/<target>/ (not in the repository: keep a seed there only when it matters).
#   scripts/fuzz.sh                 every target, FUZZ_SECONDS (default 25) seconds each
#   scripts/fuzz.sh json history    only these targets
# FUZZ_BUILD_DIR (default build-fuzz/), FUZZ_CXX (clang++-16) and FUZZ_JOBS (nproc) change the build.
# FUZZ_SECONDS=600 scripts/fuzz.sh runs the long version.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-25}
cxx=${FUZZ_CXX:-clang++-16}

"$root/scripts/deps.sh"
start=$(date +%s)
# -O1 and line tables only, as fuzzing builds usually are: quicker to build than -O2 -g, and
# every report still names file and line.
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DDURABLE_FUZZ=ON >/dev/null
cmake --build "$build_dir" --target fuzzers -j "${FUZZ_JOBS:-$(nproc)}"
echo "fuzz: build took $(($(date +%s) - start)) s"

if (($# > 0)); then
    targets=("$@")
else
    mapfile -t targets < "$build_dir/fuzzers.txt"
fi

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
export QT_QPA_PLATFORM=offscreen

failed=()
summary=()
for target in "${targets[@]}"; do
    seeds="$root/tests/fuzz/corpus/$target"
    corpus="$build_dir/corpus/$target"
    artifacts="$build_dir/artifacts/$target"
    log="$build_dir/logs/$target.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    if [[ ! -d "$seeds" ]]; then
        echo "fuzz: $target has no seed corpus $seeds" >&2
        failed+=("$target")
        continue
    fi
    echo "fuzz: $target for $seconds s"
    # New inputs go to the first directory (build-fuzz/corpus); the seeds are read, never written.
    # Every seed runs first, so a regression input that crashes again fails at once.
    if "$build_dir/bin/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$seeds" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
        summary+=("$(printf '%-10s %10s executions %7s/s  corpus %5s seeds + %5s found' "$target" "$runs" "$rate" \
            "$(find "$seeds" -type f | wc -l)" "$(find "$corpus" -type f | wc -l)")")
    else
        echo "fuzz: $target FAILED; the input is in $artifacts, the log $log:" >&2
        tail -n 60 "$log" >&2
        failed+=("$target")
    fi
done

printf '%s\n' "${summary[@]}"
echo "fuzz: total $(($(date +%s) - start)) s"
if ((${#failed[@]} > 0)); then
    echo "fuzz: failed: ${failed[*]}" >&2
    exit 1
fi
