/*
 * buf.c -- string views (rc_str) and the owning, capped buffer (rc_buf).
 *
 * rc_buf grows geometrically up to a hard cap so that hostile input can never
 * make it allocate without bound.  Its first error sticks (as in SQLite's
 * sqlite3_str): callers append freely and check b->err, or the return value
 * of the last call, once at the end.
 */
#include "recoupe.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

rc_str rc_str_c(const char *cstr)
{
    return cstr ? (rc_str){cstr, strlen(cstr)} : RC_STR_NULL;
}

int rc_str_eq(rc_str a, rc_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

int rc_str_eq_c(rc_str a, const char *b)
{
    return rc_str_eq(a, rc_str_c(b));
}

void rc_buf_init(rc_buf *b, size_t max)
{
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->max = max ? max : RC_BUF_DEFAULT_MAX;
    b->err = RC_OK;
}

void rc_buf_free(rc_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->err = RC_OK;
}

void rc_buf_clear(rc_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = 0;
    b->err = RC_OK;
}

int rc_buf_reserve(rc_buf *b, size_t extra)
{
    if (b->err)
        return b->err;
    if (b->max == 0)
        b->max = RC_BUF_DEFAULT_MAX;
    if (extra > b->max || b->len > b->max - extra)
        return b->err = RC_ETOOBIG;
    size_t need = b->len + extra + 1;          /* + NUL */
    if (need <= b->cap)
        return RC_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    if (cap > b->max + 1)
        cap = b->max + 1;
    char *p = realloc(b->ptr, cap);
    if (!p)
        return b->err = RC_ENOMEM;
    b->ptr = p;
    b->cap = cap;
    return RC_OK;
}

int rc_buf_append(rc_buf *b, const void *p, size_t n)
{
    int rc = rc_buf_reserve(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->ptr + b->len, p, n);
    b->len += n;
    b->ptr[b->len] = 0;
    return RC_OK;
}

int rc_buf_puts(rc_buf *b, const char *s)
{
    return rc_buf_append(b, s, strlen(s));
}

int rc_buf_putc(rc_buf *b, char c)
{
    return rc_buf_append(b, &c, 1);
}

int rc_buf_printf(rc_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return b->err ? b->err : (b->err = RC_EINVAL);
    if ((size_t)n < sizeof small)
        return rc_buf_append(b, small, (size_t)n);
    int rc = rc_buf_reserve(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return RC_OK;
}
