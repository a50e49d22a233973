#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/debian-packages.txt. Does nothing (not even
# apt-get update) when all of them are already installed, so it is cheap to call before every build.
set -euo pipefail

list="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/debian-packages.txt"
mapfile -t packages < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$list")

missing=()
# The sidecar tests install the Durable Task SDKs and a Node 22 binary with npm (tests/sidecar/).
# These machines bring Node.js with npm; where npm is missing, Debian's own npm does that job.
if ! command -v npm >/dev/null 2>&1; then
    missing+=(npm)
fi
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$package")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

echo "deps.sh: installing ${missing[*]}" >&2
sudo=()
if ((EUID != 0)); then
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
