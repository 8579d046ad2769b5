/*
 * fuzz_stance.c -- the stance decider on arbitrary bytes, two ways: split at
 * the first newline into a claim and a text (the first byte picks the
 * declared language: none, "en" or "fr"), and whole, as one line of
 * `recoupe stance` JSON Lines input (with or without --explain).
 */
#include "fuzz.h"
#include "recoupe.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static rc_stance *s;
    static rc_buf out;
    if (!s) {
        rc_options o = {.max_doc_bytes = 1 << 20};
        s = rc_stance_new(&o);
        rc_buf_init(&out, 0);
        if (!s)
            return 0;
    }
    static const char *const langs[] = {"", "en", "fr"};
    rc_str lang = rc_str_c(size ? langs[data[0] % 3] : "");
    const char *p = (const char *)data + (size ? 1 : 0);
    size_t n = size ? size - 1 : 0;
    const char *nl = memchr(p, '\n', n);
    size_t cl = nl ? (size_t)(nl - p) : n;
    rc_str claim = {p, cl}, text = {p + cl + (nl ? 1 : 0), n - cl - (nl ? 1 : 0)};
    rc_stance_result r;
    rc_stance_decide(s, claim, text, lang, &r);
    rc_buf_clear(&out);
    rc_stance_jsonl(s, (rc_str){(const char *)data, size}, size & 1, &out);
    return 0;
}
