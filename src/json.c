/*
 * json.c -- JSON output.
 *
 * Reading JSON is done with jansson (a maintained Debian library); writing is
 * done here because our output is streamed straight into an rc_buf without
 * building a tree, which is both simpler and several times faster for the
 * large JSONL outputs of `extract`.  Escaping follows RFC 8259: quote,
 * backslash and control characters are escaped; U+2028/U+2029 too, so that
 * the output is also safe inside a <script> or a JavaScript string; invalid
 * UTF-8 becomes U+FFFD.
 */
#include "json.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if invalid. */
static size_t utf8_valid_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0;          /* overlong */
        if (c == 0xED && p[1] >= 0xA0)
            return 0;          /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0;
        if (c == 0xF4 && p[1] >= 0x90)
            return 0;
        return 4;
    }
    return 0;
}

int rc_json_str(rc_buf *b, rc_str s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s.ptr;
    size_t n = s.len, i = 0, run = 0;
    rc_buf_putc(b, '"');
    while (i < n) {
        unsigned c = p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            i++;
            run++;
            continue;
        }
        if (run)
            rc_buf_append(b, p + i - run, run);
        run = 0;
        if (c < 0x80) {
            char esc[7];
            switch (c) {
            case '"': rc_buf_append(b, "\\\"", 2); break;
            case '\\': rc_buf_append(b, "\\\\", 2); break;
            case '\n': rc_buf_append(b, "\\n", 2); break;
            case '\r': rc_buf_append(b, "\\r", 2); break;
            case '\t': rc_buf_append(b, "\\t", 2); break;
            default:
                memcpy(esc, "\\u00", 4);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
                rc_buf_append(b, esc, 6);
            }
            i++;
            continue;
        }
        size_t k = utf8_valid_len(p + i, n - i);
        if (k == 0) {
            rc_buf_append(b, "\xEF\xBF\xBD", 3);
            i++;
        } else if (k == 3 && p[i] == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
            rc_buf_append(b, p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            i += 3;
        } else {
            rc_buf_append(b, p + i, k);
            i += k;
        }
    }
    if (run)
        rc_buf_append(b, p + n - run, run);
    return rc_buf_putc(b, '"');
}

int rc_json_str_or_null(rc_buf *b, rc_str s)
{
    if (s.ptr == NULL || s.len == 0)
        return rc_buf_append(b, "null", 4);
    return rc_json_str(b, s);
}

int rc_json_cstr_or_null(rc_buf *b, const char *s)
{
    return rc_json_str_or_null(b, rc_str_c(s));
}

int rc_json_key(rc_buf *b, const char *key, int *first)
{
    if (first && *first)
        *first = 0;
    else
        rc_buf_putc(b, ',');
    rc_buf_putc(b, '"');
    rc_buf_puts(b, key);
    return rc_buf_append(b, "\":", 2);
}
