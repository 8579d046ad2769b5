/*
 * warc.h -- reading WARC 1.0/1.1 files, plain or gzip'd (see warc.c).
 */
#ifndef RC_WARC_H
#define RC_WARC_H

#include "input.h"

#include <stdio.h>

/* Read every record of the WARC stream f (plain, or gzip members, told from
 * its first bytes), handing each HTML response to r (rc_reader_emit) and
 * reporting errors and skip counts for path.  prefix (may be NULL) holds
 * the first prefix_len bytes of the stream, already read from f by the
 * caller's sniffing; reading goes on with f after them.  f stays the
 * caller's.  Memory is bounded by r->max plus a few hundred KiB, whatever
 * the size of the file. */
void rc_warc_read(rc_reader *r, FILE *f, const char *path,
                  const unsigned char *prefix, size_t prefix_len);

/* 1 if these first bytes of a file start a WARC file: "WARC/" and a digit,
 * or a gzip member whose first inflated bytes are that; else 0. */
int rc_warc_sniff(const unsigned char *p, size_t n);

/* rc_read_path() for one WARC stream (the fuzz target's entry): same
 * reporting and return value. */
int rc_read_warc_stream(FILE *f, const char *name, const rc_read_opts *opts,
                        const rc_reader_cb *cb);

#endif
