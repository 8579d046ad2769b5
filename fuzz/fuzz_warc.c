/*
 * fuzz_warc.c -- the WARC reader on arbitrary bytes (through fmemopen):
 * plain or gzip'd (told from the first bytes, as for files), records,
 * HTTP heads, chunked and gzip payloads, resynchronisation after damage;
 * each document it yields then run through the pipeline with its charset.
 * A small document limit makes the over-the-limit paths reachable.
 */
#include "fuzz.h"
#include "recoupe.h"
#include "warc.h"

#include <stdio.h>

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

static void on_skip(void *ud, const char *path, const char *reason, long count)
{
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!pipe_) {
        rc_options o = {.max_doc_bytes = 1 << 16};
        pipe_ = rc_pipeline_new(&o);
    }
    if (size == 0)
        return 0;
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f)
        return 0;
    rc_read_opts ro = {.max_doc_bytes = 1 << 16, .skipped = on_skip};
    rc_reader_cb cb = {on_doc, on_err, NULL};
    rc_read_warc_stream(f, "fuzz.warc", &ro, &cb);
    fclose(f);
    return 0;
}
