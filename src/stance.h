/*
 * stance.h -- the stance of a text towards a claim (src/stance.c): the
 * internal pieces the unit tests reach; the entry points (rc_stance_new,
 * rc_stance_decide, rc_stance_jsonl...) are public, in recoupe.h.
 */
#ifndef RC_STANCE_H
#define RC_STANCE_H

#include "recoupe.h"

/* What the cue lexicon (data/stance-{en,fr}.txt) finds in a stretch of
 * text, counted once per cue (the longest cue at each word wins):
 *   refute   [refute] and [deny] cues, not negated
 *   hedge    [hedge] cues; negated [deny] ("did not deny") and negated
 *            [confirm] ("has not confirmed"); [headline] cues when asked
 *   confirm  [confirm] cues; negated [refute] ("not a hoax")
 *   negated  negation words that are not part of a cue and come before
 *            any word opening a subordinate clause (the main predicate is
 *            negated: "X did not adopt a boy so that he won't...") */
typedef struct rc_stance_cues {
    int refute, hedge, confirm, negated;
} rc_stance_cues;

/* Count the cues of text (tokenised here) in the lexicon of lang (RC_LANG_EN,
 * RC_LANG_FR; any other: both).  headline: also count the [headline] cues.
 * Uses s's lexicon and scratch arena (reset here: do not call during
 * rc_stance_decide).  Returns 0 or RC_ENOMEM. */
int rc_stance_count_cues(rc_stance *s, rc_str text, rc_lang lang, int headline,
                         rc_stance_cues *out);

#endif
