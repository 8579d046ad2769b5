/*
 * textclean.h -- cleaning already-scraped text (.txt inputs).
 */
#ifndef RC_TEXTCLEAN_H
#define RC_TEXTCLEAN_H

#include "recoupe.h"

/* Remove the leftovers of scraping from normalised text (see normalize.h)
 * and return the article: each kept line/paragraph classified as content,
 * with site furniture dropped ("Please Wait...", "noscript", "Source link",
 * "Leave a Comment", share-button words, comment forms, cookie notices,
 * "Lire aussi"/"Read more" lines, stray HTML/image markup, a title repeated
 * as the first line(s)).
 *   title   the known title (may be empty): repeated copies of it are dropped;
 *           when empty, *title_out (may be NULL) gets the first line if it
 *           looks like a headline, and that line is not repeated in the text.
 * *out: paragraphs separated by "\n\n", NUL-terminated, in a. */
int rc_textclean(rc_arena *a, rc_str text, rc_str title, rc_str *out, rc_str *title_out);

#endif
