#!/bin/sh
# make bench: recoupe's extraction against libxml2's bare parse (ratio), on
# pages of the shared evaluation pool when it is there (read in place, never
# copied), else on the demo corpus; then Mozilla Readability on the same
# pages (bench/peers/, when node is there) and the ratio of pages per second;
# then the recognisers stage by stage on the same segmented text (segmentation,
# entities, dates, quotes + claims: MB/s and the cost ratios to NER, French
# and English apart), on texts of the shared evaluation sets read in place
# plus the demo corpus, else on the demo corpus alone.
# B is the build directory.
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
"$B/bench_extract" -n 15 "$T"/*.html | tee "$T/recoupe.out"

# The peer: Mozilla Readability on linkedom (bench/peers/), on the same pages,
# one thread, same rounds; then recoupe's extraction pages/s over its.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    echo "== Mozilla Readability (linkedom) on the same pages"
    if sh bench/peers/install.sh &&
       node --single-threaded bench/peers/readability-bench.mjs -n 15 "$T"/*.html | tee "$T/peer.out"; then
        rx=$(sed -n 's/^total:.*pages\/s: bare parse [0-9.]*, extraction \([0-9.]*\),.*/\1/p' "$T/recoupe.out")
        ry=$(sed -n 's/^total:.*pages\/s: linkedom parse [0-9.]*, readability \([0-9.]*\);.*/\1/p' "$T/peer.out")
        if [ -n "$rx" ] && [ -n "$ry" ]; then
            echo "ratio recoupe extraction pages/s / Readability pages/s: $(awk -v a="$rx" -v b="$ry" 'BEGIN { printf "%.2f", a / b }')"
        else
            echo "ratio recoupe extraction pages/s / Readability pages/s: not computed (a total line is missing)"
        fi
    else
        echo "== Readability peer failed (install or run): ratio skipped"
    fi
else
    echo "== Readability peer skipped: node/npm not found"
fi

# The recognisers, stage by stage, on the same segmented documents.
EVAL=../shared/eval
if [ -d "$EVAL/dates" ] && [ -d "$EVAL/ner" ] && [ -d "$EVAL/quotes" ]; then
    echo "== recognisers stage by stage: shared evaluation texts (read in place) and the demo corpus"
    "$B/bench_stages" -n 7 \
        "$EVAL/dates/fr-timebank/gold.jsonl" -j 20 "$EVAL/ner/wikineural-fr-val/gold.jsonl.gz" -j 1 \
        "$EVAL/dates/tbaq-en/gold.jsonl.gz" "$EVAL/quotes/ggt-en-dev/gold.jsonl.gz" \
        "$EVAL/quotes/polnear-dev/gold.jsonl.gz" "$EVAL/ner/conll2003-val/gold.jsonl.gz" \
        examples/corpus
else
    echo "== recognisers stage by stage: demo corpus"
    "$B/bench_stages" -n 7 examples/corpus
fi
