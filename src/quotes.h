/*
 * quotes.h -- who said what: quotations with speakers, claims with status.
 *
 * The functions are pure (no state kept between calls) and thread-safe;
 * the lexicons (data/quotes-verbs-*.txt, data/claims-cues-*.txt) are parsed
 * once, on first use.  lang picks the French or English rules (RC_LANG_FR,
 * RC_LANG_EN; anything else: both).  Any text is accepted (invalid UTF-8,
 * unbalanced or huge runs of quote marks): the work is linear in the text,
 * and a text of 2 GiB or more gives no result.  The rules are described at
 * the top of quotes.c.
 */
#ifndef RC_QUOTES_H
#define RC_QUOTES_H

#include "recoupe.h"

/* Find the quotations of text (direct, in every mark French and English use,
 * and indirect: reporting verb + que/that, "selon X", "according to X"...),
 * each with its speaker (resolved through the entity mentions: pronouns and
 * descriptions to the last compatible named speaker) and cue.
 *   sents, toks   from segment.h (if either is NULL the text is segmented
 *                 here);  mentions  from ner.h (may be NULL/0: speaker names
 *                 then come from the text's capitalised words).
 * *out: *n quotes in text order, non-overlapping, allocated in a.
 *   start/end      the quoted words, without the marks (a multi-paragraph
 *                  quotation is one rc_quote per paragraph, sharing speaker
 *                  and cue);
 *   speaker        the resolved name: a mention's canonical name when
 *                  mentions are given, else the words of the text ("Dmitri
 *                  Peskov", "M. Peskov", "the company"); for a pronoun, its
 *                  antecedent (the pronoun itself if unresolved); a view
 *                  into text or into a mention's name; empty if unknown;
 *   speaker_start/end  the words naming the speaker in this sentence (for a
 *                  pronoun, the pronoun: "il" inside "a-t-il"); -1 when the
 *                  speaker is carried over from an earlier quotation;
 *   cue_start/end  the reporting verb with its auxiliary ("a déclaré",
 *                  "a-t-elle ajouté", "said", "according to"), -1 if none.
 * Returns 0 or RC_ENOMEM. */
int rc_quotes_find(rc_arena *a, rc_str text, rc_lang lang,
                   const rc_span *sents, size_t n_sents,
                   const rc_token *toks, size_t n_toks,
                   const rc_mention *mentions, size_t n_mentions,
                   rc_quote **out, size_t *n);

/* Find the claims of text with their status in this article (asserted,
 * alleged, confirmed, denied, not_denied, no_comment, unverified) and source,
 * using the quotes found by rc_quotes_find (same text, same tokens).
 * Every quotation is a claim of its speaker; so is every sentence with a
 * status cue, and the article's first sentence (its lead fact, asserted by
 * the outlet: empty source).  A cue that has no proposition of its own
 * ("declined to comment", "a démenti ces informations") gets the span of
 * the previous claim, so one proposition may appear several times with
 * different sources and statuses.  `source` is a view into text (or a
 * mention's name), empty for the outlet; cue_start/end the words that
 * decided the status (for an asserted quotation its reporting cue; -1 for
 * the lead fact).  *out in text order, in a.
 * Returns 0 or RC_ENOMEM. */
int rc_claims_find(rc_arena *a, rc_str text, rc_lang lang,
                   const rc_span *sents, size_t n_sents,
                   const rc_token *toks, size_t n_toks,
                   const rc_mention *mentions, size_t n_mentions,
                   const rc_quote *quotes, size_t n_quotes,
                   rc_claim **out, size_t *n);

/* Both at once, as the pipeline wants them: the quotes of rc_quotes_find
 * and the claims rc_claims_find gives with those quotes, the same results
 * byte for byte, with the per-document work the two share (token tagging,
 * quote marks, name candidates) done once.  *quotes, *n_quotes, *claims,
 * *n_claims as above, allocated in a.  Returns 0 or RC_ENOMEM. */
int rc_quotes_claims_find(rc_arena *a, rc_str text, rc_lang lang,
                          const rc_span *sents, size_t n_sents,
                          const rc_token *toks, size_t n_toks,
                          const rc_mention *mentions, size_t n_mentions,
                          rc_quote **quotes, size_t *n_quotes,
                          rc_claim **claims, size_t *n_claims);

#endif
