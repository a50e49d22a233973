#!/usr/bin/env bash
# Installs what is missing, builds incrementally into build/ and starts the workbench.
# Arguments go to the application, e.g. scripts/run.sh --hub /tmp/demo.sqlite
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh"
# Presets are found from the source directory; the subshell keeps the caller's directory for the
# application, so that a relative --hub path means what the user typed.
(
    cd "$root"
    cmake --preset default >/dev/null
    cmake --build --preset default --target durable-workbench
)
exec "$root/build/bin/durable-workbench" "$@"
