/*
 * fuzz_feed.c -- the RSS/Atom reader on arbitrary bytes (libxml2 with the
 * entity hook, RSS 2.0/1.0 and Atom walks, text constructs, the synthesised
 * page), each item then run through the pipeline; also the root sniffer.
 */
#include "fuzz.h"
#include "recoupe.h"
#include "feed.h"

static rc_pipeline *pipe_;

static int on_doc(void *ud, const rc_input *in)
{
    const rc_doc *d;
    rc_pipeline_run(pipe_, in, &d);
    return 0;
}

static void on_err(void *ud, const char *path, long line, int code, const char *msg)
{
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!pipe_) {
        rc_options o = {.max_doc_bytes = 1 << 20};
        pipe_ = rc_pipeline_new(&o);
    }
    rc_feed_sniff((const char *)data, size);
    rc_read_opts ro = {.max_doc_bytes = 1 << 20};
    rc_reader_cb cb = {on_doc, on_err, NULL};
    rc_read_feed_bytes((const char *)data, size, "fuzz.rss", &ro, &cb);
    return 0;
}
