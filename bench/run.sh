#!/bin/sh
# make bench: recoupe's extraction against libxml2's bare parse (ratio), on
# pages of the shared evaluation pool when it is there (read in place, never
# copied), else on the demo corpus.  B is the build directory.
set -e
B=${B:-build}
POOL=../shared/eval/extract/html
T=$(mktemp -d /tmp/rc-bench-XXXXXX)
trap 'rm -rf "$T"' EXIT
if [ -d "$POOL" ]; then
    # The 200 KB pages of the pool: every page between 180 and 220 KB, at most 20.
    n=0
    for f in $(ls "$POOL" | sort); do
        sz=$(zcat "$POOL/$f" | wc -c)
        if [ "$sz" -ge 180000 ] && [ "$sz" -le 220000 ]; then
            zcat "$POOL/$f" >"$T/$f.html"; n=$((n + 1))
            [ $n -ge 20 ] && break
        fi
    done
    echo "== extraction vs bare libxml2 parse: $n pages of 180-220 KB from $POOL"
else
    cp $(find examples/corpus -name '*.html' | sort) "$T/"
    echo "== extraction vs bare libxml2 parse: demo corpus pages"
fi
"$B/bench_extract" -n 15 "$T"/*.html
