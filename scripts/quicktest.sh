#!/bin/sh
# Build and run a subset of the unit tests in isolation, without the rest of
# the tree (useful while other modules are being written).
#
#   scripts/quicktest.sh "src/langid.c src/segment.c" "tests/test_segment.c" [SAN] [-- FILTER...]
#
# Compiles the core modules (error, buf, arena, json, data + embedded data)
# plus the given sources and tests into a private directory under /tmp, and
# runs them.  SAN=1 in the environment adds ASan+UBSan.
set -e
srcs="$1"; tests="$2"; shift 2
[ "$1" = "--" ] && shift
out=/tmp/rc-quick-$(echo "$srcs $tests" | cksum | cut -d' ' -f1)
mkdir -p "$out"
cc -std=c17 -O2 -o "$out/embed" tools/embed.c
"$out/embed" "$out/data.c" $(ls data/*.txt data/*.tsv 2>/dev/null | sort)
san=""
[ "${SAN:-0}" = 1 ] && san="-fsanitize=address,undefined -fno-omit-frame-pointer"
pk="libxml-2.0 libutf8proc sqlite3 zlib jansson libxxhash"
cc -std=c17 -O1 -g -Wall -Wextra -Wshadow -Wno-unused-parameter -D_GNU_SOURCE -Iinclude -Isrc $san \
   $(pkg-config --cflags $pk) \
   src/error.c src/buf.c src/arena.c src/json.c src/data.c "$out/data.c" $srcs tests/runner.c $tests \
   -o "$out/unit" $(pkg-config --libs $pk) -lstemmer -lm
"$out/unit" "$@"
