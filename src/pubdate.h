/*
 * pubdate.h -- reading publication dates written by people and machines.
 *
 * Helpers of the HTML extractor (html.c): ISO 8601 and RFC 822 stamps from
 * metadata, dates in URLs (/2022/11/14/), and dates in running text in
 * French, English, German and Spanish ("14 novembre 2022", "Publié le
 * 14/11/2022 à 09h30", "Nov. 14, 2022").  The output is ISO 8601:
 * "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+hh:mm" when
 * the input gives a zone.  Pure functions, thread-safe.
 */
#ifndef RC_PUBDATE_H
#define RC_PUBDATE_H

#include "recoupe.h"

#define RC_PUBDATE_MAX 32   /* room for the longest output, NUL included */

/* Parse s, which should be nothing but a date (a meta content, a datetime
 * attribute); leading weekday names and trailing junk are tolerated.
 * mdy: read an ambiguous 01/02/2022 as month/day (US English) instead of
 * day/month.  Writes a NUL-terminated ISO string into out (the caller's,
 * RC_PUBDATE_MAX bytes) and returns its length, or 0 if s holds no
 * plausible date (years 1990 to next year). */
size_t rc_pubdate_parse(rc_str s, int mdy, char out[RC_PUBDATE_MAX]);

/* Find the first plausible date anywhere in running text s (at most the
 * first `limit` bytes are searched).  Same output as rc_pubdate_parse;
 * *at (may be NULL) gets the byte offset where the date starts. */
size_t rc_pubdate_find(rc_str s, int mdy, size_t limit, char out[RC_PUBDATE_MAX], size_t *at);

/* A date in a URL path: /2022/11/14/, /2022-11-14-, /20221114/, or
 * /2022/11/ (day 01 is not guessed: returns 0 without a day). */
size_t rc_pubdate_from_url(rc_str url, char out[RC_PUBDATE_MAX]);

#endif
