#!/bin/sh
# The single list of Debian packages musawat needs to build and test.
# As root: `apt-get update` once, then install what is missing.
# Otherwise: print the exact apt-get line and stop with status 1.
set -eu
PKGS="build-essential pkg-config libxlsxwriter-dev libcsv-dev libpcre2-dev libcmocka-dev \
libgsl-dev libjansson-dev libzip-dev libexpat1-dev libssl-dev zlib1g-dev python3 unzip"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "musawat: missing packages:$missing" >&2
    echo "musawat: run as root: apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi
echo "musawat: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
