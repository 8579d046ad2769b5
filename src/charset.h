/*
 * charset.h -- decoding input bytes to UTF-8.
 */
#ifndef RC_CHARSET_H
#define RC_CHARSET_H

#include "recoupe.h"

/* Decode `in` to UTF-8.
 *   is_html   look for a charset declared inside the page (<meta charset>,
 *             <meta http-equiv="Content-Type" content="...charset=...">)
 *             in the first bytes, as the HTML5 prescan does;
 *   declared  a charset label known from outside (HTTP header), or NULL.
 * Order: BOM (UTF-8, UTF-16LE/BE) > declared > <meta> > sniff (UTF-16
 * without BOM from its NUL pattern; (almost all) valid UTF-8 -> utf-8, else
 * windows-1252).  A declared legacy charset is overridden by utf-8 when the
 * bytes are valid UTF-8 with multibyte sequences (mis-declared pages).  ISO-8859-1 and ASCII labels are read as
 * windows-1252 (as browsers do).  Invalid sequences become U+FFFD; *replaced
 * (may be NULL) gets how many.  *out is NUL-terminated and allocated in a;
 * *charset (may be NULL) gets the canonical lower-case name actually used
 * (a static string).  Returns 0, RC_ENOMEM, or RC_ECHARSET only if a label is
 * unusable *and* the fallback also failed (practically never). */
int rc_charset_decode(rc_arena *a, rc_str in, int is_html, const char *declared,
                      rc_str *out, const char **charset, int *replaced);

/* Clean up text that is already meant to be UTF-8: invalid sequences become
 * U+FFFD (counted in *replaced, may be NULL), a UTF-8 BOM is dropped.  When
 * the input is valid and has no BOM, *out is `in` itself (no copy). */
int rc_utf8_sanitize(rc_arena *a, rc_str in, rc_str *out, int *replaced);

/* 1 when the bytes look like binary data rather than text in any charset
 * (NUL bytes outside UTF-16, many C0 control characters, known binary magic
 * numbers such as PNG, PDF, ZIP, gzip, ELF), else 0.  Looks at the first
 * 8 KiB only. */
int rc_looks_binary(rc_str in);

#endif
