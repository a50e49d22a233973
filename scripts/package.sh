#!/usr/bin/env bash
# Builds the Debian package (cpack -G DEB, cmake/DurablePackaging.cmake) from build/ (the tree
# scripts/test.sh built), unpacks it into a staging root and checks it as an installed application:
# its control fields and shlib-derived Depends (apt can resolve them on an empty system, simulated),
# that it holds exactly the application's files, the .desktop entry (desktop-file-validate) and the
# AppStream metainfo (appstreamcli validate), no RPATH, every library resolved, and that the staged
# binary runs: --version, then a headless start that serves the HTTP API. Any failure stops it with
# a message and exit 1.
#   scripts/package.sh [OUTPUT_DIR]   the .deb is left in OUTPUT_DIR (default build/package/)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="$root/build"
out_dir=$(realpath -m "${1:-$build_dir/package}")
app_id=io.github.durableworkbench.DurableWorkbench

fail() {
    echo "package.sh: FAILED: $*" >&2
    exit 1
}

"$root/scripts/deps.sh"
cd "$root"
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
    cmake --preset ci >/dev/null
fi
cmake --build "$build_dir" --target durable-workbench
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build_dir/CMakeCache.txt")
[[ -n "$version" ]] || fail "no project version in $build_dir/CMakeCache.txt"

rm -rf "$out_dir"
mkdir -p "$out_dir"
(cd "$build_dir" && cpack -G DEB -B "$out_dir" >"$out_dir/cpack.log" 2>&1) || {
    cat "$out_dir/cpack.log" >&2
    fail "cpack -G DEB"
}
shopt -s nullglob
debs=("$out_dir"/durable-workbench_*.deb)
((${#debs[@]} == 1)) || fail "expected one durable-workbench_*.deb in $out_dir, found ${#debs[@]}"
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[[ "$(basename "$deb")" == "durable-workbench_${version}_${arch}.deb" ]] || fail "unexpected file name $(basename "$deb")"

# Control fields. Depends must come from dpkg-shlibdeps (versioned library packages), plus the Qt
# plugins the binary loads at run time.
dpkg-deb -I "$deb"
field() { dpkg-deb -f "$deb" "$1"; }
[[ "$(field Package)" == durable-workbench ]] || fail "Package: $(field Package)"
[[ "$(field Version)" == "$version" ]] || fail "Version: $(field Version), expected $version"
[[ "$(field Section)" == devel ]] || fail "Section: $(field Section)"
[[ -n "$(field Maintainer)" ]] || fail "no Maintainer"
[[ "$(field Homepage)" == https://* ]] || fail "Homepage: $(field Homepage)"
[[ -n "$(field Description)" ]] || fail "no Description"
depends=$(field Depends)
for package in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6charts6 \
    libqt6httpserver6 libqt6keychain1 libsqlite3-0 qt6-qpa-plugins libqt6svg6; do
    sed -e 's/, /\n/g' -e 's/ ([^)]*)//g' <<<"$depends" | grep -Fqx "$package" || fail "Depends lacks $package: $depends"
done
grep -Eq 'libqt6widgets6 \(>= ' <<<"$depends" || fail "Depends not versioned by dpkg-shlibdeps: $depends"
# Installable on a machine with nothing installed yet: apt resolves the whole closure of Depends
# from the archive against an empty package database (a simulation, nothing is installed).
if compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    empty_status="$out_dir/empty-status"
    : >"$empty_status"
    apt-get -s -o Dir::State::status="$empty_status" install "$deb" >"$out_dir/apt-simulation.log" 2>&1 || {
        cat "$out_dir/apt-simulation.log" >&2
        fail "apt cannot install the package on an empty system"
    }
    echo "package.sh: installable from an empty system ($(grep -c '^Inst ' "$out_dir/apt-simulation.log") packages)"
else
    echo "package.sh: no apt package lists (apt-get update never ran): installability not simulated" >&2
fi

# Contents: exactly the application, nothing of the build tree, examples or tests.
stage="$out_dir/root"
dpkg-deb -x "$deb" "$stage"
expected=$(printf '%s\n' \
    ./usr/bin/durable-workbench \
    "./usr/share/applications/$app_id.desktop" \
    "./usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
    "./usr/share/metainfo/$app_id.metainfo.xml" | sort)
actual=$(cd "$stage" && find . -type f | sort)
[[ "$actual" == "$expected" ]] || fail "package contents differ from the expected files:
$(diff <(echo "$expected") <(echo "$actual") || true)"
desktop-file-validate "$stage/usr/share/applications/$app_id.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$stage/usr/share/metainfo/$app_id.metainfo.xml" || fail "appstreamcli validate"
grep -q "<release version=\"$version\"" "$stage/usr/share/metainfo/$app_id.metainfo.xml" ||
    fail "the metainfo names no release $version"
grep -qx "Icon=$app_id" "$stage/usr/share/applications/$app_id.desktop" || fail "the desktop entry's Icon is not $app_id"

bin="$stage/usr/bin/durable-workbench"
if readelf -d "$bin" | grep -Eq 'R(UN)?PATH'; then
    fail "the binary carries an RPATH: $(readelf -d "$bin" | grep -E 'R(UN)?PATH')"
fi
if ldd "$bin" | grep -q 'not found'; then
    fail "unresolved libraries: $(ldd "$bin" | grep 'not found')"
fi

# Run the staged binary with the build tree out of reach: a clean environment, a fresh HOME and
# no LD_LIBRARY_PATH. No sandbox hides the build tree's files; the RPATH check above and the
# contents check mean nothing in the package refers to it.
home="$out_dir/home"
runtime="$out_dir/runtime"
mkdir -p "$home" "$runtime"
chmod 700 "$runtime"
run() { env -i PATH=/usr/bin:/bin HOME="$home" XDG_RUNTIME_DIR="$runtime" QT_QPA_PLATFORM=offscreen "$@"; }
reported=$(run "$bin" --version) || fail "--version exited with $?"
[[ "$reported" == "durable-workbench $version" ]] || fail "--version printed '$reported'"
echo "package.sh: $reported"

# Headless: opens a hub and serves the HTTP API (a key file: CI has no keychain).
log="$out_dir/headless.log"
: >"$log"
# Not through run(): a function in the background is a subshell, and SIGTERM would stop that.
env -i PATH=/usr/bin:/bin HOME="$home" XDG_RUNTIME_DIR="$runtime" QT_QPA_PLATFORM=offscreen \
    "$bin" --headless --hub "$home/hub.sqlite" --http-port 0 --http-key-file "$home/api.key" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT # never left running when a check below fails
for _ in $(seq 1 300); do
    grep -q 'http://127.0.0.1:' "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if ! grep -q 'http://127.0.0.1:' "$log"; then
    kill "$pid" 2>/dev/null || true
    cat "$log" >&2
    fail "the staged binary did not serve headless"
fi
url=$(grep -o 'http://127.0.0.1:[0-9]*[^ ]*' "$log" | head -1)
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
[[ $status == 0 ]] || {
    cat "$log" >&2
    fail "headless run ended with $status after SIGTERM"
}
echo "package.sh: headless served at $url and stopped cleanly"
echo "package.sh: OK $deb"
