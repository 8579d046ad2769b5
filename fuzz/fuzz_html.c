/*
 * fuzz_html.c -- the whole pipeline on arbitrary bytes read as html
 * (decoding, HTML extraction, normalisation, language id,
 * segmentation and every recogniser), then the JSON output.
 * The first byte, if any, selects whether the bytes are declared as already
 * decoded Unicode, so both decoding paths are explored.
 */
#include "fuzz.h"
#include "recoupe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static rc_pipeline *p;
    static rc_buf out;
    if (!p) {
        rc_options o = {.max_doc_bytes = 1 << 20};
        p = rc_pipeline_new(&o);
        rc_buf_init(&out, 0);
    }
    int unicode = size > 0 && (data[0] & 1);
    rc_input in = {
        .id = RC_STR_LIT("fuzz"),
        .url = RC_STR_LIT("https://example.org/2024/05/06/page.html"),
        .published = size > 1 && (data[0] & 2) ? RC_STR_LIT("2024-05-06") : RC_STR_NULL,
        .body = {(const char *)data, size},
        .format = RC_FMT_HTML,
        .body_is_unicode = unicode,
        .raw = 0,
    };
    const rc_doc *d;
    if (rc_pipeline_run(p, &in, &d) == 0) {
        rc_buf_clear(&out);
        rc_doc_to_json(d, &out);
    }
    return 0;
}
