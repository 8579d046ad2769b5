#!/bin/sh
# Install the Debian packages recoupe needs to build, test and run its demo.
# Only apt-get and Debian's own archive; nothing is downloaded from anywhere else.
# Does nothing when every package is already there (so `make demo` stays fast).
set -e
PKGS="build-essential pkg-config libxml2-dev libutf8proc-dev libsqlite3-dev zlib1g-dev \
libjansson-dev libstemmer-dev libxxhash-dev libmicrohttpd-dev python3"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
