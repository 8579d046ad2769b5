/*
 * fuzz.h -- shared declaration of the fuzz targets.
 *
 * Each fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput.  Built with
 * `clang -fsanitize=fuzzer` it is a libFuzzer target (`make fuzz`); linked
 * with fuzz/replay.c it is a plain program that replays a corpus, which
 * `make check` runs under ASan+UBSan on fuzz/corpus/NAME/ so that every input
 * that once crashed stays fixed.
 */
#ifndef RC_FUZZ_H
#define RC_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
