#!/bin/sh
# Installs the speed peers of bench/run.sh (Mozilla Readability and linkedom,
# at the versions pinned in package-lock.json) into bench/peers/node_modules,
# which git ignores.  Needs node and npm; does nothing when the installed
# tree already matches the lock file.
set -e
cd "$(dirname "$0")"
if [ -f node_modules/.package-lock.json ] &&
   [ node_modules/.package-lock.json -nt package-lock.json ] &&
   [ -d node_modules/@mozilla/readability ] && [ -d node_modules/linkedom ]; then
    exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
