/*
 * fuzz_jsonl.c -- the JSON Lines reader on arbitrary bytes (through
 * fmemopen), each document it yields then run through the pipeline.
 */
#include "fuzz.h"
#include "recoupe.h"
#include "input.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!pipe_) {
        rc_options o = {.max_doc_bytes = 1 << 20};
        pipe_ = rc_pipeline_new(&o);
    }
    if (size == 0)
        return 0;
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f)
        return 0;
    rc_read_opts ro = {.max_doc_bytes = 1 << 20};
    rc_reader_cb cb = {on_doc, on_err, NULL};
    rc_read_jsonl_stream(f, "fuzz.jsonl", &ro, &cb);
    fclose(f);
    return 0;
}
