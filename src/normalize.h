/*
 * normalize.h -- Unicode normalisation of text (utf8proc).
 */
#ifndef RC_NORMALIZE_H
#define RC_NORMALIZE_H

#include "recoupe.h"

/* Normalise valid UTF-8 text for storage and analysis:
 *   - NFC (utf8proc);
 *   - CR LF and lone CR become LF (so do VT, FF, NEL and U+2028, which
 *     Unicode also treats as line breaks; U+2029 becomes a blank line);
 *     other C0/C1 controls (except TAB) and zero-width/BOM characters
 *     (U+200B, U+2060, U+FEFF, soft hyphen U+00AD) dropped;
 *   - runs of spaces and tabs within a line become one space; lines trimmed;
 *   - three or more line breaks become exactly one blank line ("\n\n");
 *   - no leading/trailing blank lines.
 * Meaningful typography is kept as is: typographic quotes (« » “ ” ‘ ’),
 * apostrophes, dashes, no-break spaces U+00A0 and U+202F (French puts them
 * inside « »), which are not collapsed with ordinary spaces.
 * *out is NUL-terminated, allocated in a. */
int rc_normalize_text(rc_arena *a, rc_str in, rc_str *out);

/* Case- and accent-folded copy (NFKC casefold, marks stripped) for matching
 * and keys: "Élysée" -> "elysee".  *out allocated in a, NUL-terminated. */
int rc_fold(rc_arena *a, rc_str in, rc_str *out);

#endif
