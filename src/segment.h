/*
 * segment.h -- paragraphs, sentences and tokens.
 */
#ifndef RC_SEGMENT_H
#define RC_SEGMENT_H

#include "recoupe.h"

typedef struct rc_segmentation {
    rc_span *paras;  size_t n_paras;
    rc_span *sents;  size_t n_sents;
    rc_token *toks;  size_t n_toks;
} rc_segmentation;

/* Split normalised text into paragraphs (separated by a blank line),
 * sentences (never across a paragraph; French and English abbreviations such
 * as M., Mme, Dr, Gen., U.S., etc., initials, decimal numbers, ellipses and
 * closing quotes handled) and tokens.  Spans are byte offsets into text.
 * Arrays allocated in a.  Returns 0 or RC_ENOMEM (or RC_ETOOBIG if text is
 * over 4 GiB). */
int rc_segment(rc_arena *a, rc_str text, rc_lang lang, rc_segmentation *out);

/* Tokens only (same rules as rc_segment), for callers that need no sentences. */
int rc_tokenize(rc_arena *a, rc_str text, rc_token **toks, size_t *n);

#endif
