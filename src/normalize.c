/*
 * normalize.c -- Unicode normalisation of text (see normalize.h).
 *
 * What it does: turns decoded text into the one form every later stage
 * sees (NFC, LF line ends, no invisible characters, tidy blanks), and makes
 * folded keys for matching.
 *
 * Algorithm of rc_normalize_text, one forward pass over the input:
 *   - bytes are copied to the output line by line; line breaks (LF, CR LF,
 *     CR, and VT, FF, NEL, U+2028 which Unicode also treats as mandatory
 *     breaks; U+2029 counts as a paragraph break) are counted rather than
 *     copied, and emitted (at most two, i.e. one blank line) when the next
 *     non-blank line starts, so leading/trailing blank lines never appear;
 *   - spaces and tabs are written as one space, only after some content on
 *     the line; the line is cut back to its last non-blank character when
 *     it ends (trimming), which also trims no-break and other Unicode spaces
 *     at the edges while keeping them inside the line;
 *   - controls, U+200B, U+2060, U+FEFF, U+00AD are skipped;
 *   - each non-ASCII code point is looked up in a bitmap of "NFC-inert" BMP
 *     characters (canonical combining class 0, unchanged by NFC, and never
 *     the second element of a canonical composition); a line containing any
 *     other character is passed through utf8proc (NFC) when it ends.  So
 *     ASCII text and ordinary precomposed French never reach utf8proc: one
 *     pass, and a second one over the rare lines that need it.
 * The bitmap is computed once (pthread_once) from utf8proc itself, so it
 * follows the Unicode version of the installed library rather than a table
 * copied here.  Code points above the BMP always take the utf8proc path.
 * Invalid UTF-8 (the contract says the input is valid, but we never crash)
 * becomes U+FFFD.
 *
 * rc_fold is utf8proc_map with NFKC + case folding + mark stripping (and
 * default-ignorable removal), with an ASCII fast path (lower-casing).
 */
#include "normalize.h"
#include "charset.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------------ NFC-inert table */

static uint8_t inert[0x10000 / 8];
static pthread_once_t inert_once = PTHREAD_ONCE_INIT;

static void inert_init(void)
{
    static uint8_t second[0x10000 / 8];
    utf8proc_int32_t buf[32];
    int last = 0;
    /* Second elements of compositions: every non-first code point of a
     * canonical decomposition (Hangul syllables included). */
    for (utf8proc_int32_t c = 0x80; c < 0x10000; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        utf8proc_ssize_t k = utf8proc_decompose_char(c, buf, 32, UTF8PROC_DECOMPOSE, &last);
        for (utf8proc_ssize_t j = 1; j < k && j < 32; j++)
            if (buf[j] < 0x10000)
                second[buf[j] >> 3] |= (uint8_t)(1u << (buf[j] & 7));
    }
    for (utf8proc_int32_t c = 0; c < 0x10000; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        if (second[c >> 3] & (1u << (c & 7)))
            continue;
        const utf8proc_property_t *pr = utf8proc_get_property(c);
        if (pr->combining_class != 0)
            continue;
        utf8proc_ssize_t k = utf8proc_decompose_char(c, buf, 32, UTF8PROC_DECOMPOSE, &last);
        if (k < 1 || k > 32)
            continue;
        if (k > 1)
            k = utf8proc_normalize_utf32(buf, k, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (k == 1 && buf[0] == c)
            inert[c >> 3] |= (uint8_t)(1u << (c & 7));
    }
}

static inline int is_inert(uint32_t c)
{
    return c < 0x10000 && (inert[c >> 3] & (1u << (c & 7)));
}

/* ------------------------------------------------------------------ output */

typedef struct {
    rc_arena *a;
    char *p;
    size_t len, cap;
} wbuf;

/* Make room for `extra` more bytes plus a NUL (copying into a new arena
 * block: rare, only when NFC or U+FFFD make the text grow). */
static int wb_room(wbuf *w, size_t extra)
{
    if (w->cap - w->len > extra)
        return RC_OK;
    size_t ncap = w->cap * 2 + extra + 16;
    char *np = rc_arena_alloc(w->a, ncap);
    if (!np)
        return RC_ENOMEM;
    memcpy(np, w->p, w->len);
    w->p = np;
    w->cap = ncap;
    return RC_OK;
}

/* Replace w[start..len) by its NFC. */
static int nfc_tail(wbuf *w, size_t start)
{
    utf8proc_uint8_t *res = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)w->p + start,
                                      (utf8proc_ssize_t)(w->len - start), &res,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0) {
        free(res);
        return r == UTF8PROC_ERROR_NOMEM ? RC_ENOMEM : RC_OK;  /* keep as is */
    }
    w->len = start;
    int rc = wb_room(w, (size_t)r);
    if (rc == RC_OK) {
        memcpy(w->p + w->len, res, (size_t)r);
        w->len += (size_t)r;
    }
    free(res);
    return rc;
}

/* Decode one code point at p (n > 0 bytes left, p[0] >= 0x80); *len gets its
 * length.  Invalid: returns 0xFFFD with *len = 1. */
static uint32_t utf8_dec(const unsigned char *p, size_t n, size_t *len)
{
    unsigned c = p[0];
    if (c >= 0xC2 && c <= 0xDF && n >= 2 && (p[1] & 0xC0) == 0x80) {
        *len = 2;
        return (uint32_t)((c & 0x1F) << 6 | (p[1] & 0x3F));
    }
    if (c >= 0xE0 && c <= 0xEF && n >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        uint32_t u = (uint32_t)((c & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F));
        if (u >= 0x800 && (u < 0xD800 || u > 0xDFFF)) {
            *len = 3;
            return u;
        }
    }
    if (c >= 0xF0 && c <= 0xF4 && n >= 4 && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
        uint32_t u = (uint32_t)((c & 0x07) << 18 | (p[1] & 0x3F) << 12 | (p[2] & 0x3F) << 6 |
                                (p[3] & 0x3F));
        if (u >= 0x10000 && u <= 0x10FFFF) {
            *len = 4;
            return u;
        }
    }
    *len = 1;
    return 0xFFFD;
}

/* Unicode white space other than ASCII (Zs): kept inside lines, trimmed at
 * the edges. */
static int is_uspace(uint32_t u)
{
    return u == 0xA0 || u == 0x1680 || (u >= 0x2000 && u <= 0x200A) || u == 0x202F ||
           u == 0x205F || u == 0x3000;
}

enum { K_TEXT, K_SPACE, K_USPACE, K_BREAK, K_PARA, K_DROP };

/* ------------------------------------------------------------------ rc_normalize_text */

int rc_normalize_text(rc_arena *a, rc_str in, rc_str *out)
{
    pthread_once(&inert_once, inert_init);
    const unsigned char *p = (const unsigned char *)in.ptr;
    size_t n = in.ptr ? in.len : 0;
    wbuf w = {a, NULL, 0, 0};
    w.cap = n + 16;
    w.p = rc_arena_alloc(a, w.cap);
    if (!w.p)
        return RC_ENOMEM;

    size_t line_start = 0;    /* where the current line's text starts in w */
    size_t content_end = 0;   /* end of its last non-blank character */
    int in_line = 0;          /* the current line has content */
    int need_nfc = 0;
    unsigned breaks = 0;      /* line breaks pending before the next line */
    size_t i = 0;
    int rc = RC_OK;

    while (i < n) {
        unsigned c = p[i];
        int kind;
        size_t clen = 1;
        uint32_t u = c;
        if (c >= 0x21 && c < 0x7F) {
            /* Fast path: a run of printable ASCII (plus single spaces). */
            if (!in_line) {
                if (w.len > 0) {
                    unsigned k = breaks > 2 ? 2 : breaks;
                    if (wb_room(&w, k + 1))
                        return RC_ENOMEM;
                    while (k--)
                        w.p[w.len++] = '\n';
                }
                breaks = 0;
                line_start = w.len;
                in_line = 1;
                need_nfc = 0;
            }
            size_t s = i;
            i++;
            while (i < n) {
                unsigned d = p[i];
                if (d >= 0x21 && d < 0x7F)
                    i++;
                else if (d == ' ' && i + 1 < n && p[i + 1] >= 0x21 && p[i + 1] < 0x7F)
                    i += 2;
                else
                    break;
            }
            if (wb_room(&w, i - s))
                return RC_ENOMEM;
            memcpy(w.p + w.len, p + s, i - s);
            w.len += i - s;
            content_end = w.len;
            continue;
        }
        if (c < 0x80) {
            switch (c) {
            case ' ': case '\t':
                kind = K_SPACE;
                break;
            case '\n': case '\v': case '\f':
                kind = K_BREAK;
                break;
            case '\r':
                kind = K_BREAK;
                if (i + 1 < n && p[i + 1] == '\n')
                    clen = 2;
                break;
            default:
                kind = K_DROP;    /* C0 controls, DEL */
                break;
            }
        } else {
            u = utf8_dec(p + i, n - i, &clen);
            if (u == 0x85 || u == 0x2028)
                kind = K_BREAK;
            else if (u == 0x2029)
                kind = K_PARA;
            else if (u < 0xA0 || u == 0x200B || u == 0x2060 || u == 0xFEFF || u == 0xAD)
                kind = K_DROP;
            else if (is_uspace(u))
                kind = K_USPACE;
            else
                kind = K_TEXT;
        }
        switch (kind) {
        case K_DROP:
            break;
        case K_SPACE:
            if (in_line && w.p[w.len - 1] != ' ') {
                if (wb_room(&w, 1))
                    return RC_ENOMEM;
                w.p[w.len++] = ' ';
            }
            break;
        case K_BREAK:
        case K_PARA:
            if (in_line) {
                w.len = content_end;
                if (need_nfc && (rc = nfc_tail(&w, line_start)))
                    return rc;
                in_line = 0;
                breaks = 0;
            }
            if (w.len > 0)
                breaks += kind == K_PARA ? 2 : 1;
            break;
        case K_USPACE:
            if (in_line) {
                if (wb_room(&w, clen))
                    return RC_ENOMEM;
                memcpy(w.p + w.len, p + i, clen);
                w.len += clen;
            }
            break;
        default: /* K_TEXT */
            if (!in_line) {
                if (w.len > 0) {
                    unsigned k = breaks > 2 ? 2 : breaks;
                    if (wb_room(&w, k + 1))
                        return RC_ENOMEM;
                    while (k--)
                        w.p[w.len++] = '\n';
                }
                breaks = 0;
                line_start = w.len;
                in_line = 1;
                need_nfc = 0;
            }
            if (wb_room(&w, 3))
                return RC_ENOMEM;
            if (u == 0xFFFD && clen == 1) {
                memcpy(w.p + w.len, "\xEF\xBF\xBD", 3);     /* invalid byte */
                w.len += 3;
            } else {
                memcpy(w.p + w.len, p + i, clen);
                w.len += clen;
            }
            content_end = w.len;
            if (!is_inert(u))
                need_nfc = 1;
            break;
        }
        i += clen;
    }
    if (in_line) {
        w.len = content_end;
        if (need_nfc && (rc = nfc_tail(&w, line_start)))
            return rc;
    }
    w.p[w.len] = 0;
    *out = (rc_str){w.p, w.len};
    return RC_OK;
}

/* ------------------------------------------------------------------ rc_fold */

int rc_fold(rc_arena *a, rc_str in, rc_str *out)
{
    const unsigned char *p = (const unsigned char *)in.ptr;
    size_t n = in.ptr ? in.len : 0;
    size_t i = 0;
    while (i < n && p[i] < 0x80 && p[i] != 0)
        i++;
    if (i == n) {                 /* ASCII: lower-case copy */
        char *d = rc_arena_alloc(a, n + 1);
        if (!d)
            return RC_ENOMEM;
        for (size_t k = 0; k < n; k++) {
            unsigned c = p[k];
            d[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        d[n] = 0;
        *out = (rc_str){d, n};
        return RC_OK;
    }
    rc_str src = in;
    int rc = rc_utf8_sanitize(a, in, &src, NULL);  /* utf8proc refuses invalid UTF-8 */
    if (rc)
        return rc;
    utf8proc_uint8_t *res = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)src.ptr, (utf8proc_ssize_t)src.len,
                                      &res,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (r < 0) {
        free(res);
        return r == UTF8PROC_ERROR_NOMEM ? RC_ENOMEM : RC_EPARSE;
    }
    char *d = rc_arena_strndup(a, (const char *)res, (size_t)r);
    free(res);
    if (!d)
        return RC_ENOMEM;
    *out = (rc_str){d, (size_t)r};
    return RC_OK;
}
