# recoupe -- plain GNU Makefile.
#
#   make            build/recoupe and build/librecoupe.a
#   make check      unit tests, golden tests and CLI tests, then the same unit
#                   tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   make demo       install missing Debian packages, build, ingest the demo corpus
#   make bench      speed measurements (bench/)
#   make clean
#
# WERROR=1 (set by CI) turns warnings into errors.

PKGS     := libxml-2.0 libutf8proc sqlite3 zlib jansson libxxhash
CC       ?= cc
OPT      ?= -O2
CSTD     := -std=c17
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN     += -Werror
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS := -D_GNU_SOURCE -Iinclude -Isrc $(PKG_CFLAGS)
CFLAGS   := $(CSTD) $(OPT) -g $(WARN) -MMD -MP
LDLIBS   := $(PKG_LIBS) -lstemmer -lm

SRC      := $(sort $(wildcard src/*.c))
FUZZ     := $(patsubst fuzz/fuzz_%.c,%,$(sort $(wildcard fuzz/fuzz_*.c)))
TESTSRC  := $(sort $(wildcard tests/*.c))
DATA     := $(sort $(wildcard data/*.txt data/*.tsv))

# ---------------------------------------------------------------- variants
# $(1) = build dir, $(2) = extra CFLAGS/LDFLAGS
define variant
$(1)/gen/data.c: $(B)/embed $(DATA) | $(1)/gen
	$(B)/embed $$@ $(DATA)
$(1)/obj/%.o: %.c | $(1)/obj/src $(1)/obj/cli $(1)/obj/tests $(1)/obj/gen $(1)/obj/bench $(1)/obj/fuzz
	$$(CC) $$(CPPFLAGS) $$(CFLAGS) $(2) -c $$< -o $$@
$(1)/obj/gen/data.o: $(1)/gen/data.c | $(1)/obj/gen
	$$(CC) $$(CPPFLAGS) $$(CFLAGS) $(2) -c $$< -o $$@
$(1)/librecoupe.a: $(patsubst %.c,$(1)/obj/%.o,$(SRC)) $(1)/obj/gen/data.o
	rm -f $$@
	ar rcs $$@ $$^
$(1)/recoupe: $(1)/obj/cli/recoupe.o $(1)/librecoupe.a
	$$(CC) $(2) -o $$@ $$^ $$(LDLIBS)
$(1)/unit: $(patsubst %.c,$(1)/obj/%.o,$(TESTSRC)) $(1)/librecoupe.a
	$$(CC) $(2) -o $$@ $$^ $$(LDLIBS)
$(1)/fuzz-%: $(1)/obj/fuzz/fuzz_%.o $(1)/obj/fuzz/replay.o $(1)/librecoupe.a
	$$(CC) $(2) -o $$@ $$^ $$(LDLIBS)
$(1)/gen $(1)/obj/src $(1)/obj/cli $(1)/obj/tests $(1)/obj/gen $(1)/obj/bench $(1)/obj/fuzz:
	mkdir -p $$@
-include $(wildcard $(1)/obj/*/*.d)
endef

SAN ?= -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# B is the build directory (a private one lets several people build at once:
# make B=/tmp/mybuild /tmp/mybuild/recoupe).
B ?= build

all: $(B)/recoupe $(B)/librecoupe.a

$(eval $(call variant,$(B),))
$(eval $(call variant,$(B)/san,$(SAN)))

$(B)/embed: tools/embed.c
	@mkdir -p $(B)
	$(CC) $(CSTD) -O2 $(WARN) -o $@ $<

# ---------------------------------------------------------------- tests
check: $(B)/recoupe $(B)/unit $(B)/san/unit $(B)/san/recoupe $(patsubst %,$(B)/san/fuzz-%,$(FUZZ))
	@echo "== unit tests"
	$(B)/unit
	@echo "== unit tests under ASan+UBSan"
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $(B)/san/unit
	@echo "== fuzz corpora replayed under ASan+UBSan"
	@for t in $(FUZZ); do printf '%s: ' $$t; $(B)/san/fuzz-$$t fuzz/corpus/$$t || exit 1; done
	@echo "== CLI and golden tests"
	RECOUPE=$(B)/recoupe sh tests/cli.sh
	@echo "== CLI tests under ASan+UBSan"
	ASAN_OPTIONS=detect_leaks=1 RECOUPE=$(B)/san/recoupe sh tests/cli.sh

unit: $(B)/unit
	$(B)/unit

# Regenerate the golden files after an intended change (then review the diff).
golden: $(B)/recoupe
	sh tests/golden.sh update

# ---------------------------------------------------------------- demo
demo:
	sh scripts/install-deps.sh
	$(MAKE) all
	sh scripts/demo.sh

# ---------------------------------------------------------------- bench
bench: $(B)/recoupe $(B)/bench_extract $(B)/bench_stages
	B=$(B) sh bench/run.sh

$(B)/bench_extract $(B)/bench_stages: $(B)/%: $(B)/obj/bench/%.o $(B)/librecoupe.a
	$(CC) -o $@ $^ $(LDLIBS)

# ---------------------------------------------------------------- fuzz
# make fuzz [FUZZ_SECONDS=60]: each target under libFuzzer (needs clang and
# libclang-rt-dev); new inputs go to build/fuzz/corpus-NAME, crashes to build/fuzz/.
fuzz:
	FUZZ_SECONDS=$(or $(FUZZ_SECONDS),60) sh scripts/fuzz.sh $(FUZZ)

clean:
	rm -rf build recoupe.db recoupe.db-wal recoupe.db-shm

.PHONY: all check unit golden demo bench fuzz clean
# Keep intermediate objects (fuzz, bench) so that make does not delete and rebuild them.
.SECONDARY:
