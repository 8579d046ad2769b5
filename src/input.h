/*
 * input.h -- internal entry points of the input reader (see input.c).
 */
#ifndef RC_INPUT_H
#define RC_INPUT_H

#include "recoupe.h"

/* Read JSON Lines from an open stream (name is used in messages).  Same
 * reporting and return value as rc_read_path().  Used by the fuzz targets
 * (with fmemopen) and by rc_read_path() itself. */
int rc_read_jsonl_stream(FILE *f, const char *name, const rc_read_opts *opts,
                         const rc_reader_cb *cb);

#endif
