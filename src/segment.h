/*
 * segment.h -- paragraphs, sentences and tokens (src/segment.c).
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
 * Arrays allocated in a (owned by the arena, valid until its reset); an
 * empty array is NULL with count 0.  Every span is non-empty, within text
 * and in order; paragraph and sentence spans start at their first token and
 * end at their last one.  The rules are described at the top of segment.c.
 * lang picks the abbreviation lists: RC_LANG_FR the French one, RC_LANG_EN
 * the English one, anything else both.  Returns 0, RC_EINVAL (NULL text
 * with a non-zero length), RC_ENOMEM, or RC_ETOOBIG if text is 4 GiB or
 * more; on error *out is all zero. */
int rc_segment(rc_arena *a, rc_str text, rc_lang lang, rc_segmentation *out);

/* Tokens only (same rules as rc_segment, same tokens), for callers that
 * need no sentences.  *toks allocated in a (NULL when *n is 0). */
int rc_tokenize(rc_arena *a, rc_str text, rc_token **toks, size_t *n);

/* What the word w[0..n) (without its final period) is before a period, by
 * data/abbrev-{fr,en}.txt: 0 not an abbreviation, 1 one that never ends a
 * sentence ("M.", "Mr."), 2 one that often does ("etc.", "Inc.", "Nov.").
 * lang RC_LANG_FR or RC_LANG_EN selects a list; any other value both.
 * Thread-safe (the table is loaded once). */
int rc_abbrev_kind(const char *w, size_t n, rc_lang lang);

#endif
