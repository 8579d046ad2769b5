/*
 * quotes.h -- who said what: quotations with speakers, claims with status.
 */
#ifndef RC_QUOTES_H
#define RC_QUOTES_H

#include "recoupe.h"

/* Find the quotations of text (direct, in every mark French and English use,
 * and indirect: reporting verb + que/that, "selon X", "according to X"...),
 * each with its speaker (resolved through the entity mentions: pronouns and
 * descriptions to the last compatible named speaker) and cue.
 *   sents, toks   from segment.h;  mentions  from ner.h (may be NULL/0).
 * *out: *n quotes in text order, allocated in a.  Returns 0 or RC_ENOMEM. */
int rc_quotes_find(rc_arena *a, rc_str text, rc_lang lang,
                   const rc_span *sents, size_t n_sents,
                   const rc_token *toks, size_t n_toks,
                   const rc_mention *mentions, size_t n_mentions,
                   rc_quote **out, size_t *n);

/* Find the claims of text with their status in this article (asserted,
 * alleged, confirmed, denied, not_denied, no_comment, unverified) and source,
 * using the quotes found by rc_quotes_find.  *out in text order, in a. */
int rc_claims_find(rc_arena *a, rc_str text, rc_lang lang,
                   const rc_span *sents, size_t n_sents,
                   const rc_token *toks, size_t n_toks,
                   const rc_mention *mentions, size_t n_mentions,
                   const rc_quote *quotes, size_t n_quotes,
                   rc_claim **out, size_t *n);

#endif
