#!/usr/bin/env bash
# Runs a command headless and isolated, the way the test suite needs it:
#   scripts/headless-session.sh ctest --test-dir build
#   scripts/headless-session.sh build/bin/tst_app_commandline -v2
# - QT_QPA_PLATFORM=offscreen and no DISPLAY / WAYLAND_DISPLAY, so nothing touches a real screen;
# - a private temporary HOME and XDG_{DATA,CONFIG,CACHE,RUNTIME}_HOME, removed afterwards, so
#   tests never see (or damage) the user's hub, settings or keyrings;
# - a private D-Bus session (dbus-run-session) with gnome-keyring-daemon serving an unlocked
#   Secret Service, checked with secret-tool before the command runs (QtKeychain needs it).
# Exits with the command's exit status.
set -euo pipefail

if [[ "${DURABLE_HEADLESS_STAGE:-}" != inner ]]; then
    if (($# == 0)); then
        echo "usage: $0 COMMAND [ARGS...]" >&2
        exit 64
    fi
    session_root=$(mktemp -d -t durable-session.XXXXXX)
    trap 'rm -rf "$session_root"' EXIT
    mkdir -p "$session_root"/{home,data,config,cache,runtime}
    chmod 0700 "$session_root/runtime"
    export HOME="$session_root/home"
    export XDG_DATA_HOME="$session_root/data"
    export XDG_CONFIG_HOME="$session_root/config"
    export XDG_CACHE_HOME="$session_root/cache"
    export XDG_RUNTIME_DIR="$session_root/runtime"
    export QT_QPA_PLATFORM=offscreen
    unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
    status=0
    DURABLE_HEADLESS_STAGE=inner dbus-run-session -- "${BASH_SOURCE[0]}" "$@" || status=$?
    exit "$status"
fi

# Inside the private D-Bus session. The keyring password only has to unlock this throwaway
# keyring; it is random so that nothing can depend on it.
unset DURABLE_HEADLESS_STAGE
password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
# --unlock creates the login keyring (the default collection) in our XDG_DATA_HOME and unlocks it.
# With only the secrets component the daemon prints nothing, but export whatever it prints
# (control socket etc.) in case other components are added.
keyring_env=$(printf '%s' "$password" | gnome-keyring-daemon --unlock --components=secrets)
while IFS= read -r line; do
    [[ "$line" == *=* ]] && export "${line?}"
done <<<"$keyring_env"

bus_call() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        "org.freedesktop.DBus.$1" "string:org.freedesktop.secrets"
}
# The daemon claims its bus name shortly after it returns; wait for it rather than let D-Bus
# activation start a second, locked daemon.
for _ in $(seq 100); do
    [[ "$(bus_call NameHasOwner)" == *true* ]] && break
    sleep 0.1
done
# Stop the keyring daemon we started (found by its bus name in our private bus) when done.
keyring_pid=$(bus_call GetConnectionUnixProcessID | awk '{print $2}')
trap '[[ -n "${keyring_pid:-}" ]] && kill "$keyring_pid" 2>/dev/null || true' EXIT

probe=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
printf '%s' "$probe" | secret-tool store --label='durable-workbench session probe' durable-probe "$$"
if [[ "$(secret-tool lookup durable-probe "$$")" != "$probe" ]]; then
    echo "headless-session.sh: the Secret Service does not store and return secrets" >&2
    exit 70
fi
secret-tool clear durable-probe "$$"

status=0
"$@" || status=$?
exit "$status"
