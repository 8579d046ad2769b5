#!/bin/sh
# Regenerate the golden files (review the diff before committing).
set -e
R=${RECOUPE:-build/recoupe}
[ "$1" = update ] || { echo "usage: sh tests/golden.sh update" >&2; exit 2; }
mkdir -p tests/golden
"$R" extract examples/corpus >tests/golden/extract-corpus.jsonl || true
echo "wrote tests/golden/extract-corpus.jsonl ($(wc -l <tests/golden/extract-corpus.jsonl) documents)"
