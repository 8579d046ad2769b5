/*
 * textsig.h -- what a short text says, for comparison: the content signature
 * shared by the timeline (sentences of one date) and the claim groups (claims
 * of one story).
 */
#ifndef RC_TEXTSIG_H
#define RC_TEXTSIG_H

#include "recoupe.h"

#define RC_SIG_PREFIX 5   /* bytes of a folded word that are kept (a crude stemmer) */

/* 1 if the folded word w[0..n) is one of data/stories-stopwords.txt (French
 * and English function words, calendar words); rc_sig_init first. */
int rc_sig_is_stop(const char *w, size_t n);

/* Sorted distinct hashes of a text's content. */
typedef struct rc_sig {
    uint64_t *w;       /* content words (RC_SIG_PREFIX-byte prefixes) and numbers */
    uint32_t nw;
    uint64_t *an;      /* anchors: numbers and name keys of capitalised words */
    uint32_t na;
} rc_sig;

/* Load the stop words (data/stories-stopwords.txt) once; call before
 * rc_sig_make and rc_sig_is_stop.  Thread-safe.  Returns 0 or RC_ENOMEM. */
int rc_sig_init(void);

/* The signature of text (valid UTF-8), leaving out the tokens that overlap
 * [skip_start, skip_end) (a date inside a sentence; pass 0, 0 for none):
 * numbers ("1,5" = "1.5") are words and anchors; other words are folded,
 * stripped of an elision (l', qu') or a possessive 's, stop words and
 * one-letter words dropped, cut to RC_SIG_PREFIX bytes; a capitalised
 * word also gives its rc_name_key as an anchor.  Arrays in a.  Returns 0 or
 * RC_ENOMEM. */
int rc_sig_make(rc_arena *a, rc_str text, uint32_t skip_start, uint32_t skip_end, rc_sig *out);

/* Number of values two sorted distinct arrays share. */
uint32_t rc_sig_common(const uint64_t *a, uint32_t na, const uint64_t *b, uint32_t nb);

/* 1 if the word s[0..n) starts with an upper-case letter (ASCII, Latin-1,
 * Latin Extended-A). */
int rc_sig_capitalised(const char *s, size_t n);

#endif
