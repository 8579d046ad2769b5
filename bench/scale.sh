#!/bin/sh
# Scale run of ingestion with copies and stories: generate synthetic corpora
# (bench/gen_corpus.c), ingest each into a fresh database, report docs/s and
# peak RSS (/usr/bin/time -v).
#
#   bench/scale.sh [RECOUPE] [SIZES...]      default: build/recoupe 10000 100000
set -e
bin=${1:-build/recoupe}; [ $# -gt 0 ] && shift
sizes=${*:-10000 100000}
dir=$(mktemp -d /tmp/rc-scale-XXXXXX)
cc -std=c17 -O2 -D_GNU_SOURCE -o "$dir/gen" bench/gen_corpus.c
printf '%-9s %10s %10s %12s\n' docs seconds docs/s peak_RSS_MB
for n in $sizes; do
    "$dir/gen" "$n" > "$dir/c$n.jsonl"
    /usr/bin/time -v "$bin" ingest --raw --db "$dir/c$n.db" "$dir/c$n.jsonl" 2> "$dir/t$n.txt" || { cat "$dir/t$n.txt"; exit 1; }
    secs=$(sed -n 's/.*ingested [0-9]* documents in \([0-9.]*\)s.*/\1/p' "$dir/t$n.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/t$n.txt")
    awk -v n="$n" -v s="$secs" -v r="$rss" 'BEGIN { printf "%-9d %10.1f %10.0f %12.0f\n", n, s, n / s, r / 1024 }'
    rm -f "$dir/c$n.jsonl"
done
rm -rf "$dir"
