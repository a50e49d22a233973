#!/usr/bin/env bash
# app.install: `cmake --install` of the build tree into a temporary prefix installs exactly the
# application's files, a valid desktop entry and AppStream metainfo, and a binary that runs from
# there (scripts/package.sh does the same for the Debian package in CI).
#   install.sh BUILD_DIR APP_ID VERSION
set -euo pipefail
build_dir=$1 app_id=$2 version=$3
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() {
    echo "app.install: $*" >&2
    exit 1
}

cmake --install "$build_dir" --prefix "$prefix" >/dev/null
expected=$(printf '%s\n' ./bin/durable-workbench "./share/applications/$app_id.desktop" \
    "./share/icons/hicolor/scalable/apps/$app_id.svg" "./share/metainfo/$app_id.metainfo.xml" | sort)
actual=$(cd "$prefix" && find . -type f | sort)
[[ "$actual" == "$expected" ]] || fail "installed files differ: $(diff <(echo "$expected") <(echo "$actual") || true)"
desktop-file-validate "$prefix/share/applications/$app_id.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$prefix/share/metainfo/$app_id.metainfo.xml" >/dev/null ||
    fail "appstreamcli validate: $(appstreamcli validate --no-net "$prefix/share/metainfo/$app_id.metainfo.xml")"
reported=$(QT_QPA_PLATFORM=offscreen "$prefix/bin/durable-workbench" --version)
[[ "$reported" == "durable-workbench $version" ]] || fail "--version printed '$reported'"
echo "app.install: OK ($reported)"
