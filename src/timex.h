/*
 * timex.h -- temporal expressions in French and English (TIMEX3).
 */
#ifndef RC_TIMEX_H
#define RC_TIMEX_H

#include "recoupe.h"

/* Find and normalise the temporal expressions of text (valid UTF-8, any
 * size), in French or English (lang; RC_LANG_UND/other: try both).
 *   published  the document's publication date or date-time (ISO 8601,
 *              may be empty): the anchor for relative and deictic
 *              expressions; when empty, the text's own evidence is used
 *              (see timex.c).
 *   toks/n_toks  the document's tokens (from segment.h), may be NULL.
 * *out gets an array of *n non-overlapping expressions in text order,
 * allocated in a (values and `how` strings too).  Returns 0 or RC_ENOMEM. */
int rc_timex_find(rc_arena *a, rc_str text, rc_lang lang, rc_str published,
                  const rc_token *toks, size_t n_toks, rc_timex **out, size_t *n);

#endif
