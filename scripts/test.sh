#!/usr/bin/env bash
# Builds and runs the whole ctest suite headless and isolated (scripts/headless-session.sh).
#   scripts/test.sh          build/ (RelWithDebInfo, warnings are errors)
#   scripts/test.sh --asan   build-asan/ (AddressSanitizer + UndefinedBehaviorSanitizer)
# Extra arguments after the options go to ctest (e.g. -R app\\. to run one area).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=ci
build_dir="$root/build"
configure_args=()
if [[ "${1:-}" == --asan ]]; then
    shift
    preset=asan
    build_dir="$root/build-asan"
    # GCC's sanitizer instrumentation produces false -Wmaybe-uninitialized warnings, and GCC's own
    # manual advises against -Werror with sanitizers; the normal build enforces warnings.
    configure_args=(-DDURABLE_WERROR=OFF)
fi

"$root/scripts/deps.sh"
cd "$root"
cmake --preset "$preset" "${configure_args[@]}" >/dev/null
cmake --build --preset "$preset"

if [[ "$preset" == asan ]]; then
    # Leaks are reported; the suppressions cover third-party libraries only, never our code.
    export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:detect_stack_use_after_return=1:strict_init_order=1:check_initialization_order=1:${ASAN_OPTIONS:-}"
    export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
fi

# PostgreSQL tests must run here, never skip (without a server they fail instead).
export DURABLE_REQUIRE_PG=1

jobs=$(nproc)
"$root/scripts/headless-session.sh" \
    ctest --test-dir "$build_dir" --output-on-failure --no-tests=error --parallel "$jobs" "$@"
