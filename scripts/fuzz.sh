#!/bin/sh
# Run each named fuzz target under libFuzzer for $FUZZ_SECONDS seconds.
# Seeds: fuzz/corpus/NAME (kept in git, read-only here); new inputs:
# build/fuzz/corpus-NAME; crashes: build/fuzz/crash-*.  A crash is turned into
# a regression test by copying it into fuzz/corpus/NAME/ once fixed.
set -e
secs=${FUZZ_SECONDS:-60}
command -v clang >/dev/null || { echo "fuzz: clang is needed (apt-get install clang libclang-rt-dev)" >&2; exit 2; }
FB=build/fuzz
make B=$FB CC=clang SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" $FB/san/librecoupe.a
PKGS="libxml-2.0 libutf8proc sqlite3 zlib jansson libxxhash"
for t in "$@"; do
    clang -std=c17 -g -O1 -D_GNU_SOURCE -Iinclude -Isrc -fsanitize=fuzzer,address,undefined \
        fuzz/fuzz_$t.c $FB/san/librecoupe.a $(pkg-config --libs $PKGS) -lstemmer -lm -o $FB/libfuzzer-$t
    mkdir -p $FB/corpus-$t
    echo "== fuzz $t for ${secs}s"
    $FB/libfuzzer-$t -max_total_time=$secs -max_len=200000 -artifact_prefix=$FB/ \
        -print_final_stats=1 $FB/corpus-$t fuzz/corpus/$t 2>&1 | tail -n 15
done
