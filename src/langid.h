/*
 * langid.h -- internal helpers of the language identifier (src/langid.c).
 *
 * The public entry points (rc_langid, rc_lang_code, rc_lang_from_code) are
 * in recoupe.h.
 */
#ifndef RC_LANGID_H
#define RC_LANGID_H

#include "recoupe.h"

/* Non-zero if the word (UTF-8, any case, accents optional) is one of the
 * most frequent function words ("the", "He", "Le", "Il", "Die"...) of one of
 * the seven languages.  Used by the sentence splitter to decide whether a
 * capitalised word after "etc." or "U.S." starts a new sentence.
 * Thread-safe; loads the lexicons on first use. */
int rc_langid_is_function_word(const char *word, size_t len);

/* The Snowball (libstemmer) algorithm for l ("french", "english", ...), or
 * NULL when there is none (und, other).  Static string. */
const char *rc_lang_snowball(rc_lang l);

/* Scores of one text, for tests and tuning: score[l] for each rc_lang
 * (index RC_LANG_OTHER holds the evidence for other Latin-script languages),
 * words = number of words seen.  Same sampling as rc_langid. */
void rc_langid_scores(const char *text, size_t len, double score[RC_LANG_COUNT_],
                      size_t *words);

#endif
