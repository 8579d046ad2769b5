#!/bin/sh
# build-name-variants.sh -- regenerate data/gaz-places-alt.tsv (alternate
# names of places and countries, for cross-document entity merging) from a
# Debian and two npm data packages; see tools/build-name-variants.mjs for the
# sources and licences.  Needs apt-get (download only, nothing is installed),
# dpkg-deb, npm and node.  The packages go to a scratch directory; only the
# generated data file is kept.
#
#   sh tools/build-name-variants.sh [SCRATCH_DIR]
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/recoupe-name-variants}
mkdir -p "$work/npm" "$work/deb"
cd "$work/deb"
apt-get download libgeonames-common=0.3.0-1
for f in *.deb; do dpkg-deb -x "$f" root; done
cd "$work/npm"
[ -f package.json ] || npm init -y >/dev/null
npm install --no-audit --no-fund --no-save world-countries@5.1.0 i18n-iso-countries@7.14.0
node "$root/tools/build-name-variants.mjs" "$work/npm/node_modules" \
    "$work/deb/root/usr/share/locale" "$root/data"
