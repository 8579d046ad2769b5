/*
 * feed.h -- reading RSS 2.0 (and 0.9x/1.0) and Atom feeds (see feed.c).
 */
#ifndef RC_FEED_H
#define RC_FEED_H

#include "input.h"

/* Parse the feed in bytes[0..len) (the whole file, read by the caller) and
 * hand each item or entry to r as an HTML document (rc_reader_emit): id =
 * guid / atom:id, else the link, else "path#N"; url = link; title; site =
 * the feed's title; published from pubDate / dc:date / published /
 * updated; author and the content (content:encoded, content, description,
 * summary) inside a small HTML page.  An item whose link was already read
 * in this call (rc_reader_seen_url: its page, or the same item in an
 * earlier feed) is skipped and counted.  A document that declares entities
 * is refused whole (no entity expansion, no external fetch); a document
 * that is not well-formed is reported and the items recovered from it are
 * still read.  bytes stay the caller's. */
void rc_feed_read(rc_reader *r, const char *path, const char *bytes, size_t len);

/* 1 if the first bytes look like an XML document whose root element is
 * rss, feed or RDF (any prefix); else 0.  Looks at 4 KiB at most. */
int rc_feed_sniff(const char *bytes, size_t len);

/* rc_read_path() for one feed held in memory (the fuzz target's entry):
 * same reporting and return value. */
int rc_read_feed_bytes(const char *bytes, size_t len, const char *name,
                       const rc_read_opts *opts, const rc_reader_cb *cb);

#endif
