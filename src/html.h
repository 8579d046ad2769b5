/*
 * html.h -- main text and metadata from an HTML page (libxml2).
 */
#ifndef RC_HTML_H
#define RC_HTML_H

#include "recoupe.h"

typedef struct rc_html_meta {
    rc_str title;          /* the article's title (not the site-suffixed <title> when better exists) */
    rc_str author;         /* author(s), ", "-separated */
    rc_str published;      /* ISO 8601: "2022-11-14" or "2022-11-14T09:30:00Z"/"+01:00" */
    rc_str published_how;  /* "json-ld", "meta", "time", "url", "text" */
    rc_str site;           /* site name */
    rc_str url;            /* canonical URL (absolute), if the page gives one */
    rc_str lang;           /* <html lang> / og:locale / content-language, as written */
    rc_str description;    /* meta description */
} rc_html_meta;

/* Parse UTF-8 `html` and extract its main text and metadata.
 *   url   the page's URL if known (may be empty): used for dates in URLs and
 *         to resolve a relative canonical link.
 * *text: the main text, paragraphs (and headings, list items, block quotes)
 * separated by "\n\n", whitespace collapsed, title not repeated; empty when
 * the page has no article.  Every string is allocated in a, NUL-terminated.
 * Returns 0, RC_ENOMEM, or RC_EPARSE when libxml2 could not build a tree.
 * Bounded: deep nesting and huge pages finish in bounded time and memory. */
int rc_html_extract(rc_arena *a, rc_str html, rc_str url, rc_str *text, rc_html_meta *meta);

#endif
