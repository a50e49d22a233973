#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests: unix socket only, trust authentication, no fsync at
# initdb, user `durable`, database `postgres`.
#   scripts/pg-fixture.sh start DIR   creates DIR, starts a server in it, prints its postgresql:// URL
#   scripts/pg-fixture.sh stop DIR    stops that server (if running) and removes DIR
#   scripts/pg-fixture.sh url DIR     prints the URL of DIR without starting anything
# As root the server runs as the `postgres` user (initdb refuses root). The socket directory is DIR
# itself, so its path must stay short (a unix socket path holds at most 107 bytes).
set -euo pipefail

die() {
    echo "pg-fixture.sh: $*" >&2
    exit 1
}

usage() {
    echo "usage: $0 start|stop|url DIR" >&2
    exit 2
}

(($# == 2)) || usage
command=$1
dir=$2
[[ -n "$dir" ]] || usage
case "$dir" in
/*) ;;
*) dir="$PWD/$dir" ;;
esac
dir=${dir%/}

# libpq URI with the socket directory as the percent-encoded host.
url_of() {
    local encoded
    encoded=$(printf '%s' "$1" | sed -e 's/%/%25/g' -e 's|/|%2F|g' -e 's/ /%20/g' -e 's/@/%40/g' -e 's/?/%3F/g' -e 's/#/%23/g')
    printf 'postgresql://durable@%s/postgres\n' "$encoded"
}

pg_bindir() {
    command -v pg_config >/dev/null 2>&1 ||
        die "pg_config not found: install the Debian packages libpq-dev and postgresql-15 (scripts/deps.sh)"
    local bindir
    bindir=$(pg_config --bindir)
    [[ -x "$bindir/initdb" && -x "$bindir/pg_ctl" ]] ||
        die "initdb/pg_ctl not found in $bindir: install the Debian package postgresql-15 (scripts/deps.sh)"
    printf '%s\n' "$bindir"
}

# Runs a server binary as the postgres user when we are root, as ourselves otherwise.
as_server_user() {
    if ((EUID == 0)); then
        id postgres >/dev/null 2>&1 || die "no 'postgres' user to run the server as (install postgresql-15)"
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop_server() {
    local bindir=$1
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_server_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
            as_server_user "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
    fi
}

case "$command" in
start)
    bindir=$(pg_bindir)
    ((${#dir} + 20 <= 107)) || die "socket directory path too long for a unix socket: $dir"
    # A leftover from an interrupted run: stop it and start afresh.
    if [[ -e "$dir" ]]; then
        stop_server "$bindir"
        rm -rf "$dir"
    fi
    mkdir -p "$dir"
    if ((EUID == 0)); then
        chown postgres: "$dir"
        # The server user must reach its socket directory through every parent.
        runuser -u postgres -- test -x "$dir" ||
            die "the postgres user cannot reach $dir (a parent directory lacks o+x); choose another DIR"
    fi
    if ! as_server_user "$bindir/initdb" -D "$dir/data" -U durable --auth=trust --no-sync -E UTF8 \
        --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        die "initdb failed in $dir"
    fi
    if ! as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
        -o "-k $dir -c listen_addresses=''" start >/dev/null 2>&1; then
        cat "$dir/log" >&2 || true
        die "the server in $dir did not start"
    fi
    url_of "$dir"
    ;;
stop)
    if [[ -e "$dir" ]]; then
        if [[ -f "$dir/data/postmaster.pid" ]]; then
            stop_server "$(pg_bindir)"
        fi
        rm -rf "$dir"
    fi
    ;;
url)
    url_of "$dir"
    ;;
*)
    usage
    ;;
esac
