/*
 * ner.h -- named entities (PER, ORG, LOC, MISC) in French and English.
 */
#ifndef RC_NER_H
#define RC_NER_H

#include "recoupe.h"

/* Find the entity mentions of text (valid UTF-8), using its tokens and
 * sentences (from segment.h) and its language.  Within the document, partial
 * mentions ("M. Peskov", "Peskov") get the canonical name of the full mention
 * they refer to; `key` is the cross-document merge key (see names.h) and
 * `role` a title or function attached to the person.  The key starts with
 * the type ("per:", "org:", "loc:", "misc:"), so equal keys mean same type.
 * Thread-safe: the lexicon is loaded once (pthread_once) on the first call.
 * *out: *n mentions in text order, non-overlapping, allocated in a.
 * Returns 0 or RC_ENOMEM. */
int rc_ner_find(rc_arena *a, rc_str text, rc_lang lang,
                const rc_span *sents, size_t n_sents,
                const rc_token *toks, size_t n_toks,
                rc_mention **out, size_t *n);

#endif
