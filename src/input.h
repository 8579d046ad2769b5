/*
 * input.h -- internal entry points of the input reader (see input.c), and
 * the reader state that the container readers (warc.c, feed.c) share with it.
 */
#ifndef RC_INPUT_H
#define RC_INPUT_H

#include "recoupe.h"

/* Read JSON Lines from an open stream (name is used in messages).  Same
 * reporting and return value as rc_read_path().  Used by the fuzz targets
 * (with fmemopen) and by rc_read_path() itself. */
int rc_read_jsonl_stream(FILE *f, const char *name, const rc_read_opts *opts,
                         const rc_reader_cb *cb);

/* Normalised URLs already handed out during one rc_read_path() call
 * (input.c): 64-bit hashes, at most RC_URLSET_MAX of them. */
typedef struct rc_urlset rc_urlset;
#define RC_URLSET_MAX ((size_t)1 << 22)

/* The state of one rc_read_path() call.  Made by rc_reader_init, released by
 * rc_reader_done; the readers of each input kind report, emit and count
 * through the functions below, never through the callbacks directly. */
typedef struct rc_reader {
    const rc_read_opts *opts;   /* borrowed */
    const rc_reader_cb *cb;     /* borrowed */
    size_t max;                 /* largest document, in bytes */
    int first_err;              /* first error reported (0: none) */
    int stop;                   /* the doc callback asked to stop */
    rc_urlset *seen;            /* owned; NULL until the first URL */
    char **deferred;            /* owned: feed files of a directory, read last */
    size_t n_deferred, cap_deferred;
} rc_reader;

void rc_reader_init(rc_reader *r, const rc_read_opts *opts, const rc_reader_cb *cb);
void rc_reader_done(rc_reader *r);

/* Report an error (cb->error) and remember the first code. */
void rc_reader_report(rc_reader *r, const char *path, long line, int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Tell opts->skipped (if any) that count parts of path were not made into
 * documents, for reason (a static string).  Nothing when count is 0. */
void rc_reader_skipped(rc_reader *r, const char *path, const char *reason, long count);

/* *in reset and filled with the command line's defaults (url, published,
 * lang, raw, format) and path. */
void rc_reader_input(rc_reader *r, rc_input *in, const char *path);

/* Hand one document to cb->doc (sets r->stop when it asks to stop) and
 * remember its URL, unless that URL is the command line's default. */
void rc_reader_emit(rc_reader *r, const rc_input *in);

/* Remember url as read (a page's canonical URL); 1 if it already was. */
int rc_reader_note_url(rc_reader *r, rc_str url);
/* 1 if a document with this URL (after normalisation) was handed out. */
int rc_reader_seen_url(const rc_reader *r, rc_str url);

/* The URL normalised for comparison into out (cap bytes, NUL-terminated):
 * scheme dropped (http and https are one), host lower-cased without "www."
 * and default port, fragment, trailing "/" and tracking parameters (utm_*,
 * xtor, at_*) dropped.  Returns the length, or 0 when url is empty or does
 * not fit. */
size_t rc_url_key(rc_str url, char *out, size_t cap);

#endif
