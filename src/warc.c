/*
 * warc.c -- reading WARC 1.0/1.1 files (ISO 28500), plain or .warc.gz.
 *
 * What: every `response` record whose HTTP status is 200 and whose payload
 * is HTML becomes one document (and so does a `resource` record of type
 * text/html); every other record is skipped and counted by reason (request,
 * metadata, warcinfo, revisit records; non-HTTP, non-200, non-HTML
 * responses...), the counts going to the reader's skipped callback once per
 * file.  Broken records are errors, reported, and reading goes on.
 *
 *   id        WARC-Record-ID without its <>: the standard makes it globally
 *             unique, so the same URL crawled twice is two documents (the
 *             copy detector links them) and re-reading a file gives the same
 *             ids; a record without one gets "PATH#OFFSET" (offset of its
 *             header in the uncompressed stream).  The URL is not the id: it
 *             is not unique across crawls.
 *   url       WARC-Target-URI.
 *   published never from WARC-Date (the crawl date) nor from HTTP dates:
 *             the pipeline finds the page's own date.
 *   charset   the charset parameter of the HTTP Content-Type, handed to
 *             decoding as a declared label (rc_input.charset).
 *
 * How: a pull parser over one sliding window of uncompressed bytes.  The
 * window is filled from the file, through zlib's inflate for gzip (member
 * after member: a .warc.gz is one member per record, but one member for the
 * whole file also works), so a 1 GB CC-NEWS file streams in bounded memory:
 * the window holds at most one record block (records over r->max + 64 KiB
 * are streamed past, never loaded) plus a 256 KiB read-ahead, and the
 * decoded payload (de-chunked, gunzipped) at most r->max.
 *
 * A record is handed out only once its block checks: Content-Length bytes,
 * then "\r\n\r\n" (or a run of CR/LF before the next "WARC/" or the end).
 * When it does not (a wrong Content-Length, a truncated last record), the
 * record is reported and dropped, and reading resynchronises at the next
 * line starting with "WARC/<digit>" after the record's header -- which finds
 * the next record whether the length was too short or swallowed it.
 * Corrupt gzip data is reported and reading resumes at the next gzip member
 * header (records spanning the damage are dropped).  LF-only line ends are
 * accepted wherever CRLF is expected.
 *
 * Inside responses: "Transfer-Encoding: chunked" is de-chunked (a body that
 * does not start with a chunk size was stored decoded, as Common Crawl does,
 * and is taken as it is; a chunked body cut short by the crawler keeps its
 * complete chunks); "Content-Encoding: gzip/x-gzip/deflate" is inflated with
 * zlib, capped at r->max (a gzip bomb is an error, not an allocation); other
 * encodings (br, zstd, compress) are skipped with their own count.  Records
 * that the crawler marked WARC-Truncated are read: the start of an article
 * is still an article.
 *
 * Why hand-written: Debian has no WARC library for C (`apt-cache search
 * warc` finds nothing; the IIPC's old C warc-tools are unmaintained and not
 * packaged; the maintained readers are Python's warcio and Go's gowarc).
 * The format is small -- a header block of "Name: value" lines and a
 * length-delimited block -- and the parts that are hard (inflate) come from
 * zlib, which we already link.
 */
#include "warc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#define WIN_MIN     ((size_t)256 << 10)  /* read-ahead window */
#define ZIN_SIZE    ((size_t)256 << 10)  /* compressed input buffer */
#define LINE_MAX_   ((size_t)32 << 10)   /* longest WARC or HTTP header line */
#define HEAD_MAX    ((size_t)64 << 10)   /* longest WARC header block */
#define HTTP_HEAD_MAX ((size_t)64 << 10) /* longest HTTP head inside a block */
#define TRAIL_PEEK  40                   /* bytes looked at after a block */
#define TRAIL_RUN   16                   /* CR/LF bytes tolerated after a block */

/* ---------------------------------------------------------------- byte source */

typedef struct wsrc {
    rc_reader *r;
    const char *path;
    FILE *f;
    const unsigned char *pre;        /* bytes already read from f */
    size_t pre_len, pre_pos;
    int gz;                          /* gzip members */
    int z_live;                      /* inflateInit2 succeeded */
    int in_member;                   /* inside a gzip member */
    int dead;                        /* no more bytes will come */
    z_stream z;
    unsigned char *zin;              /* compressed bytes */
    uint64_t raw_read;               /* bytes read from the file so far */
    unsigned char *win;              /* uncompressed window, unread [pos, end) */
    size_t pos, end, cap;
    uint64_t base;                   /* stream offset of win[0] */
    int eof;                         /* window holds the last bytes */
    uint64_t member_start;           /* stream offset where the current gzip member began */
    uint64_t damage_from, damage_to; /* damaged gzip output not yet passed (NO_DAMAGE: none) */
} wsrc;

#define NO_DAMAGE UINT64_MAX

static size_t raw_read(wsrc *s, unsigned char *buf, size_t n)
{
    size_t got = 0;
    if (s->pre_pos < s->pre_len) {
        got = s->pre_len - s->pre_pos < n ? s->pre_len - s->pre_pos : n;
        memcpy(buf, s->pre + s->pre_pos, got);
        s->pre_pos += got;
    }
    while (got < n) {
        size_t k = fread(buf + got, 1, n - got, s->f);
        if (k == 0) {
            if (ferror(s->f)) {
                rc_reader_report(s->r, s->path, 0, RC_EIO, "read error: %s", strerror(errno ? errno : EIO));
                s->dead = 1;
            }
            break;
        }
        got += k;
    }
    s->raw_read += got;
    return got;
}

/* After corrupt gzip data: skip to the next gzip member header (1f 8b 08),
 * looking past at least one byte. */
static void gzip_resync(wsrc *s)
{
    inflateReset(&s->z);
    s->in_member = 0;
    /* What the damaged member gave out cannot be trusted: [its start, here). */
    if (s->damage_from == NO_DAMAGE || s->member_start < s->damage_from)
        s->damage_from = s->member_start;
    s->damage_to = s->member_start = s->base + s->end;
    if (s->z.avail_in) {
        s->z.next_in++;
        s->z.avail_in--;
    }
    for (;;) {
        unsigned char *p = s->z.next_in;
        size_t n = s->z.avail_in;
        for (size_t i = 0; i + 2 < n; i++) {
            if (p[i] == 0x1f && p[i + 1] == 0x8b && p[i + 2] == 8) {
                s->z.next_in = p + i;
                s->z.avail_in = (uInt)(n - i);
                return;
            }
        }
        size_t keep = n < 2 ? n : 2;
        memmove(s->zin, p + n - keep, keep);
        size_t got = raw_read(s, s->zin + keep, ZIN_SIZE - keep);
        s->z.next_in = s->zin;
        s->z.avail_in = (uInt)(keep + got);
        if (got == 0) {
            s->z.avail_in = 0;
            s->dead = 1;
            return;
        }
    }
}

/* Append uncompressed bytes at win[end..cap); sets eof when none come. */
static void produce(wsrc *s)
{
    unsigned char *out = s->win + s->end;
    size_t room = s->cap - s->end;
    if (s->dead) {
        s->eof = 1;
        return;
    }
    if (!s->gz) {
        size_t got = raw_read(s, out, room);
        s->end += got;
        if (got == 0)
            s->eof = 1;
        return;
    }
    for (int idle = 0; idle < 64;) {
        if (s->z.avail_in == 0) {
            size_t got = s->dead ? 0 : raw_read(s, s->zin, ZIN_SIZE);
            if (got == 0) {
                if (s->in_member && !s->dead)
                    rc_reader_report(s->r, s->path, 0, RC_EPARSE,
                                     "gzip data cut short (the file is truncated)");
                s->dead = s->eof = 1;
                return;
            }
            s->z.next_in = s->zin;
            s->z.avail_in = (uInt)got;
        }
        s->z.next_out = out;
        s->z.avail_out = (uInt)(room > UINT32_MAX ? UINT32_MAX : room);
        uInt in_before = s->z.avail_in;
        int zr = inflate(&s->z, Z_NO_FLUSH);
        size_t made = room - s->z.avail_out;
        s->end += made;
        if (zr == Z_STREAM_END) {
            inflateReset(&s->z);
            s->in_member = 0;
            s->member_start = s->base + s->end;
        } else if (zr == Z_OK || zr == Z_BUF_ERROR) {
            if (s->z.avail_in != in_before || made)
                s->in_member = 1;
        } else if (zr == Z_MEM_ERROR) {
            rc_reader_report(s->r, s->path, 0, RC_ENOMEM, "out of memory");
            s->dead = s->eof = 1;
            return;
        } else {
            uint64_t at = s->raw_read - s->z.avail_in;
            rc_reader_report(s->r, s->path, 0, RC_EPARSE,
                             "corrupt gzip data near byte %llu (%s): going on at the next gzip member",
                             (unsigned long long)at, s->z.msg ? s->z.msg : "bad data");
            gzip_resync(s);
        }
        if (made)
            return;
        if (zr != Z_STREAM_END && s->z.avail_in == in_before && s->z.avail_in != 0)
            idle++;                             /* no progress: should not happen */
    }
    rc_reader_report(s->r, s->path, 0, RC_EPARSE, "gzip data makes no progress");
    s->dead = s->eof = 1;
}

static size_t avail(const wsrc *s)
{
    return s->end - s->pos;
}

/* At least `want` unread bytes in the window, fewer only at the end of the
 * data; returns how many there are.  Moves the window: views into it from
 * before the call are invalid after it.  Returns 0 on allocation failure
 * (reported). */
static size_t need(wsrc *s, size_t want)
{
    while (avail(s) < want && !s->eof) {
        if (s->cap - s->pos < want || s->cap - s->end < WIN_MIN / 4) {
            size_t n = avail(s);
            if (s->pos) {
                memmove(s->win, s->win + s->pos, n);
                s->base += s->pos;
                s->end = n;
                s->pos = 0;
            }
            if (s->cap < want || s->cap - s->end < WIN_MIN / 4) {
                size_t ncap = want + WIN_MIN;
                unsigned char *nw = realloc(s->win, ncap);
                if (!nw) {
                    rc_reader_report(s->r, s->path, 0, RC_ENOMEM, "out of memory");
                    s->dead = s->eof = 1;
                    return 0;
                }
                s->win = nw;
                s->cap = ncap;
            }
        }
        produce(s);
    }
    return avail(s) < want ? avail(s) : want;
}

static uint64_t offset(const wsrc *s)
{
    return s->base + s->pos;
}

/* The next line (without "\n" or "\r\n") as a view into the window, valid
 * until the window moves.  Returns 1, 0 at the end of the data, -1 when the
 * line is longer than LINE_MAX_ (it is then not consumed). */
static int next_line(wsrc *s, rc_str *line)
{
    size_t scanned = 0;
    for (;;) {
        const unsigned char *p = s->win + s->pos;
        size_t n = avail(s);
        const unsigned char *nl = n > scanned ? memchr(p + scanned, '\n', n - scanned) : NULL;
        if (nl || (s->eof && n)) {
            size_t len = nl ? (size_t)(nl - p) : n;
            if (len > LINE_MAX_)
                return -1;
            s->pos += nl ? len + 1 : len;
            if (len && p[len - 1] == '\r')
                len--;
            *line = (rc_str){(const char *)p, len};
            return 1;
        }
        if (s->eof)
            return 0;
        if (n > LINE_MAX_)
            return -1;
        scanned = n;
        need(s, n + 1);
    }
}

/* Move to the next line that starts with "WARC/" and a digit, at least one
 * byte past the current position.  Returns 1 if found, 0 at the end. */
static int resync(wsrc *s)
{
    if (avail(s) || !s->eof)
        if (need(s, 1))
            s->pos++;
    for (;;) {
        const unsigned char *p = s->win + s->pos;
        size_t n = avail(s);
        for (const unsigned char *q = p; n >= 7 && (q = memmem(q, n - (size_t)(q - p), "\nWARC/", 6)) != NULL; q++) {
            if ((size_t)(q - p) + 6 >= n)
                break;                          /* the digit is not in yet */
            if (q[6] >= '0' && q[6] <= '9') {
                s->pos += (size_t)(q - p) + 1;
                return 1;
            }
        }
        if (s->eof) {
            s->pos = s->end;
            return 0;
        }
        if (n > 7)
            s->pos += n - 7;                    /* keep a partial "\nWARC/x" */
        need(s, avail(s) + WIN_MIN / 2);
    }
}

/* When the stretch [from, to) of the stream overlaps gzip damage (reported
 * by the source when it met it): go on where the clean data starts again
 * and return 1; else 0.  Damage already behind [from, ...) is forgotten. */
static int skip_damage(wsrc *s, uint64_t from, uint64_t to)
{
    if (s->damage_from == NO_DAMAGE)
        return 0;
    if (from >= s->damage_to) {
        s->damage_from = NO_DAMAGE;
        return 0;
    }
    if (to <= s->damage_from)
        return 0;
    uint64_t target = s->damage_to;
    s->damage_from = NO_DAMAGE;
    if (target >= s->base && target <= s->base + s->end)
        s->pos = (size_t)(target - s->base);
    else
        resync(s);
    return 1;
}

/* Throw away n bytes (a record too large to load).  Returns how many went. */
static size_t discard(wsrc *s, size_t n)
{
    size_t done = 0;
    while (done < n) {
        size_t have = need(s, 1);
        if (!have)
            break;
        size_t k = avail(s) < n - done ? avail(s) : n - done;
        s->pos += k;
        done += k;
    }
    return done;
}

/* ---------------------------------------------------------------- headers */

static void trim(rc_str *v)
{
    while (v->len && (v->ptr[0] == ' ' || v->ptr[0] == '\t'))
        v->ptr++, v->len--;
    while (v->len && (v->ptr[v->len - 1] == ' ' || v->ptr[v->len - 1] == '\t'))
        v->len--;
}

/* Split "Name: value"; 0 if the line has no colon. */
static int header_field(rc_str line, rc_str *name, rc_str *value)
{
    const char *c = memchr(line.ptr, ':', line.len);
    if (!c)
        return 0;
    *name = (rc_str){line.ptr, (size_t)(c - line.ptr)};
    *value = (rc_str){c + 1, line.len - (size_t)(c - line.ptr) - 1};
    trim(name);
    trim(value);
    return 1;
}

static int name_is(rc_str name, const char *want)
{
    size_t n = strlen(want);
    return name.len == n && strncasecmp(name.ptr, want, n) == 0;
}

/* Copy v (without surrounding <>) into out[cap]; 0 if it did not fit. */
static int copy_field(char *out, size_t cap, rc_str v)
{
    if (v.len >= 2 && v.ptr[0] == '<' && v.ptr[v.len - 1] == '>')
        v.ptr++, v.len -= 2;
    if (v.len >= cap) {
        out[0] = 0;
        return 0;
    }
    memcpy(out, v.ptr, v.len);
    out[v.len] = 0;
    return 1;
}

typedef struct wrec {
    char type[32];
    char id[512];
    char uri[8192];
    char ctype[512];
    unsigned long long clen;
    int have_clen;
    int bad_clen;
    uint64_t offset;       /* of the "WARC/" line in the uncompressed stream */
} wrec;

/* The media type of a Content-Type value ("text/html"), lower-cased into
 * out[cap], and a view of its charset parameter (into v). */
static void media_type(rc_str v, char *out, size_t cap, rc_str *charset)
{
    size_t i = 0, o = 0;
    while (i < v.len && (v.ptr[i] == ' ' || v.ptr[i] == '\t'))
        i++;
    for (; i < v.len && v.ptr[i] != ';' && v.ptr[i] != ' ' && o + 1 < cap; i++) {
        char c = v.ptr[i];
        out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[o] = 0;
    *charset = RC_STR_NULL;
    for (; i + 8 <= v.len; i++) {
        if (strncasecmp(v.ptr + i, "charset", 7) != 0 || (i && v.ptr[i - 1] != ';' && v.ptr[i - 1] != ' '))
            continue;
        size_t j = i + 7;
        while (j < v.len && v.ptr[j] == ' ')
            j++;
        if (j >= v.len || v.ptr[j] != '=')
            continue;
        j++;
        while (j < v.len && (v.ptr[j] == ' ' || v.ptr[j] == '"' || v.ptr[j] == '\''))
            j++;
        size_t k = j;
        while (k < v.len && v.ptr[k] != ';' && v.ptr[k] != ' ' && v.ptr[k] != '"' && v.ptr[k] != '\'')
            k++;
        if (k > j)
            *charset = (rc_str){v.ptr + j, k - j};
        return;
    }
}

static int prefix_ci_(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    return n >= m && strncasecmp(s, p, m) == 0;
}

static int is_html_type(const char *mt)
{
    return strcmp(mt, "text/html") == 0 || strcmp(mt, "application/xhtml+xml") == 0;
}

/* Markup in the first bytes: a page sent without a Content-Type. */
static int looks_html(const char *p, size_t n)
{
    size_t i = 0, m = n < 1024 ? n : 1024;
    if (m >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        i = 3;
    while (i < m && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i >= m || p[i] != '<')
        return 0;
    return prefix_ci_(p + i, m - i, "<!doctype html") || prefix_ci_(p + i, m - i, "<html") ||
           memmem(p, m, "<html", 5) || memmem(p, m, "<HTML", 5) || memmem(p, m, "<head", 5);
}

/* ---------------------------------------------------------------- payloads */

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Undo "Transfer-Encoding: chunked" of p[0..n) into out (capped by its max).
 * Returns 1 (decoded; a body cut short keeps its complete chunks), 0 (p
 * does not start with a chunk size: it was stored decoded), RC_EPARSE or
 * RC_ETOOBIG. */
static int dechunk(const char *p, size_t n, rc_buf *out)
{
    rc_buf_clear(out);
    size_t i = 0;
    for (int chunks = 0;; chunks++) {
        size_t j = i;
        unsigned long long sz = 0;
        int v;
        while (j < n && j - i < 16 && (v = hexval((unsigned char)p[j])) >= 0) {
            sz = sz * 16 + (unsigned)v;
            j++;
        }
        if (j == i || (j < n && p[j] != '\r' && p[j] != '\n' && p[j] != ';' && p[j] != ' ' && p[j] != '\t'))
            return chunks ? RC_EPARSE : 0;
        const char *nl = memchr(p + j, '\n', n - j);
        if (!nl)
            return chunks ? 1 : 0;               /* cut short after a chunk */
        i = (size_t)(nl - p) + 1;
        if (sz == 0)
            return 1;                            /* the last chunk; trailers ignored */
        size_t take = sz > n - i ? n - i : (size_t)sz;
        if (rc_buf_append(out, p + i, take))
            return out->err;
        i += take;
        if (take < sz || i >= n)
            return 1;                            /* cut short inside or after a chunk */
        if (p[i] == '\r')
            i++;
        if (i < n && p[i] == '\n')
            i++;
        else if (i < n)
            return RC_EPARSE;                    /* chunk data longer than its size */
    }
}

/* Undo "Content-Encoding: gzip|x-gzip|deflate" of p[0..n) into out (capped
 * by its max: a bomb stops there with RC_ETOOBIG).  Returns 1 (inflated; a
 * stream cut short or damaged at the end keeps what came out), 0 (p is not
 * compressed: stored decoded), RC_EPARSE, RC_ETOOBIG or RC_ENOMEM. */
static int gunzip(const unsigned char *p, size_t n, int deflate, rc_buf *out)
{
    rc_buf_clear(out);
    int wbits;
    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        wbits = 15 + 16;
    else if (n >= 2 && (p[0] & 0x0f) == 8 && ((unsigned)p[0] * 256 + p[1]) % 31 == 0)
        wbits = 15;
    else if (deflate && n && p[0] != '<' && p[0] != ' ' && p[0] != '\n' && p[0] != '\r')
        wbits = -15;                             /* raw deflate, as some servers send */
    else
        return 0;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, wbits) != Z_OK)
        return RC_ENOMEM;
    z.next_in = (unsigned char *)p;
    z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
    int rc = 1;
    for (;;) {
        size_t room = out->max - out->len;
        if (room > 65536)
            room = 65536;
        if (room == 0) {
            rc = RC_ETOOBIG;
            break;
        }
        if (rc_buf_reserve(out, room)) {
            rc = out->err;
            break;
        }
        z.next_out = (unsigned char *)out->ptr + out->len;
        z.avail_out = (uInt)room;
        int zr = inflate(&z, Z_NO_FLUSH);
        out->len += room - z.avail_out;
        out->ptr[out->len] = 0;
        if (zr == Z_STREAM_END)
            break;
        if (zr == Z_OK && z.avail_out == 0)
            continue;
        if (zr == Z_OK || zr == Z_BUF_ERROR) {
            if (z.avail_in == 0)
                break;                           /* cut short: keep what came out */
            continue;
        }
        if (zr == Z_MEM_ERROR)
            rc = RC_ENOMEM;
        else if (out->len == 0)
            rc = RC_EPARSE;                      /* damaged from the start */
        break;                                   /* damaged later: keep what came out */
    }
    inflateEnd(&z);
    return rc;
}

/* ---------------------------------------------------------------- records */

enum {
    SK_REQUEST, SK_METADATA, SK_WARCINFO, SK_REVISIT, SK_OTHER_TYPE, SK_NOT_HTTP,
    SK_STATUS, SK_NOT_HTML, SK_ENCODING, SK_EMPTY, SK_N
};

static const char *const skip_reason[SK_N] = {
    "request records",
    "metadata records",
    "warcinfo records",
    "revisit records",
    "records of other WARC types (conversion, continuation...)",
    "response records that are not HTTP responses",
    "HTTP responses with a status other than 200",
    "responses that are not HTML",
    "HTML responses with an unsupported Content-Encoding",
    "HTML responses with an empty body",
};

typedef struct wreader {
    rc_reader *r;
    wsrc s;
    rc_buf chunk, inflated;          /* decoded payloads, capped at r->max */
    long skipped[SK_N];
} wreader;

static void rec_report(wreader *w, const wrec *h, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void rec_report(wreader *w, const wrec *h, int code, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rc_reader_report(w->r, w->s.path, 0, code, "record at byte %llu%s%.200s: %s",
                     (unsigned long long)h->offset, h->uri[0] ? " " : "", h->uri, msg);
}

typedef struct http_head {
    int status;
    rc_str ctype, te, ce;            /* views into the block */
    size_t len;                      /* bytes of the head, blank line included */
} http_head;

/* Parse the HTTP head at the start of a response block p[0..n).  Returns 0,
 * SK_NOT_HTTP (no status line), or -1 (the head does not end within n or
 * HTTP_HEAD_MAX bytes). */
static int parse_http(const char *p, size_t n, http_head *hh)
{
    memset(hh, 0, sizeof *hh);
    if (n < 12 || memcmp(p, "HTTP/", 5) != 0)
        return SK_NOT_HTTP;
    size_t lim = n < HTTP_HEAD_MAX ? n : HTTP_HEAD_MAX;
    const char *nl = memchr(p, '\n', lim);
    if (!nl)
        return -1;
    const char *sp = memchr(p, ' ', (size_t)(nl - p));
    if (!sp)
        return SK_NOT_HTTP;
    while (sp < nl && *sp == ' ')
        sp++;
    for (int k = 0; k < 3 && sp < nl && *sp >= '0' && *sp <= '9'; k++, sp++)
        hh->status = hh->status * 10 + (*sp - '0');
    size_t i = (size_t)(nl - p) + 1;
    for (;;) {
        nl = i < lim ? memchr(p + i, '\n', lim - i) : NULL;
        if (!nl)
            return -1;
        rc_str line = {p + i, (size_t)(nl - p) - i};
        i = (size_t)(nl - p) + 1;
        if (line.len && line.ptr[line.len - 1] == '\r')
            line.len--;
        if (line.len == 0)
            break;
        rc_str name, value;
        if (!header_field(line, &name, &value))
            continue;
        if (name_is(name, "Content-Type"))
            hh->ctype = value;
        else if (name_is(name, "Transfer-Encoding"))
            hh->te = value;
        else if (name_is(name, "Content-Encoding"))
            hh->ce = value;
    }
    hh->len = i;
    return 0;
}

static int has_token(rc_str v, const char *tok)
{
    size_t m = strlen(tok);
    for (size_t i = 0; i + m <= v.len; i++)
        if (strncasecmp(v.ptr + i, tok, m) == 0 && (i == 0 || v.ptr[i - 1] == ' ' || v.ptr[i - 1] == ',') &&
            (i + m == v.len || v.ptr[i + m] == ' ' || v.ptr[i + m] == ',' || v.ptr[i + m] == ';'))
            return 1;
    return 0;
}

/* Why a parsed response is not a document (an SK_ index), or -1 if it is
 * one: status 200, HTML by its Content-Type (or its first bytes when it has
 * none), a Content-Encoding we can undo.  payload: what of the body is in. */
static int response_skip(const http_head *hh, const char *payload, size_t n, rc_str *charset)
{
    if (hh->status != 200)
        return SK_STATUS;
    char mt[128];
    media_type(hh->ctype, mt, sizeof mt, charset);
    if (mt[0] ? !is_html_type(mt) : !looks_html(payload, n))
        return SK_NOT_HTML;
    rc_str ce = hh->ce;
    if (ce.len && !has_token(ce, "identity") && !has_token(ce, "gzip") &&
        !has_token(ce, "x-gzip") && !has_token(ce, "deflate"))
        return SK_ENCODING;
    return -1;
}

static void emit(wreader *w, const wrec *h, rc_str body, rc_str charset)
{
    rc_input in;
    rc_reader_input(w->r, &in, w->s.path);
    char fallback[4200];
    if (h->id[0]) {
        in.id = rc_str_c(h->id);
    } else {
        snprintf(fallback, sizeof fallback, "%s#%llu", w->s.path, (unsigned long long)h->offset);
        in.id = rc_str_c(fallback);
    }
    if (h->uri[0])
        in.url = rc_str_c(h->uri);
    in.body = body;
    in.charset = charset;
    in.raw = 0;
    in.body_is_unicode = 0;
    if (!in.format)
        in.format = RC_FMT_HTML;
    rc_reader_emit(w->r, &in);
}

/* A response or resource block p[0..n), all of it in the window. */
static void process(wreader *w, const wrec *h, int is_resource, const char *p, size_t n)
{
    rc_str charset = RC_STR_NULL, body = {p, n};
    http_head hh;
    if (is_resource) {
        char mt[128];
        media_type(rc_str_c(h->ctype), mt, sizeof mt, &charset);
        if (!is_html_type(mt)) {
            w->skipped[SK_NOT_HTML]++;
            return;
        }
    } else {
        if (h->ctype[0] && strncasecmp(h->ctype, "application/http", 16) != 0) {
            w->skipped[SK_NOT_HTTP]++;
            return;
        }
        int k = parse_http(p, n, &hh);
        if (k == SK_NOT_HTTP) {
            w->skipped[k]++;
            return;
        }
        if (k < 0) {
            rec_report(w, h, RC_EPARSE, "the HTTP head does not end (or is over %zu bytes): skipped",
                       HTTP_HEAD_MAX);
            return;
        }
        body = (rc_str){p + hh.len, n - hh.len};
        if ((k = response_skip(&hh, body.ptr, body.len, &charset)) >= 0) {
            w->skipped[k]++;
            return;
        }
        if (has_token(hh.te, "chunked")) {
            int rc = dechunk(body.ptr, body.len, &w->chunk);
            if (rc < 0) {
                rec_report(w, h, rc, rc == RC_ETOOBIG ? "de-chunked body over the limit of %zu bytes: skipped"
                                                      : "malformed chunked body (limit %zu): skipped", w->r->max);
                return;
            }
            if (rc == 1)
                body = rc_buf_str(&w->chunk);
        }
        if (hh.ce.len && !has_token(hh.ce, "identity")) {
            int rc = gunzip((const unsigned char *)body.ptr, body.len, has_token(hh.ce, "deflate"), &w->inflated);
            if (rc < 0) {
                rec_report(w, h, rc, rc == RC_ETOOBIG ? "decompressed body over the limit of %zu bytes: skipped"
                                   : "Content-Encoding says compressed, the body is not (limit %zu): skipped",
                           w->r->max);
                return;
            }
            if (rc == 1)
                body = rc_buf_str(&w->inflated);
        }
    }
    if (body.len > w->r->max) {
        rec_report(w, h, RC_ETOOBIG, "body of %zu bytes is over the limit of %zu bytes: skipped",
                   body.len, w->r->max);
        return;
    }
    if (body.len == 0) {
        w->skipped[SK_EMPTY]++;
        return;
    }
    emit(w, h, body, charset);
}

/* Whether the bytes after a block p[0..n) end it properly: "\r\n\r\n", or
 * a short run of CR/LF before "WARC/" or the end of the data (at_end: the
 * data ends at p + n).  *skip gets how many bytes to step over. */
static int trailer_ok(const unsigned char *p, size_t n, int at_end, size_t *skip)
{
    if (n >= 4 && memcmp(p, "\r\n\r\n", 4) == 0) {
        *skip = 4;
        return 1;
    }
    size_t i = 0;
    while (i < n && i < TRAIL_RUN && (p[i] == '\r' || p[i] == '\n'))
        i++;
    *skip = i;
    if (i == n && at_end)
        return 1;
    return n - i >= 5 && memcmp(p + i, "WARC/", 5) == 0;
}

enum { RK_RESPONSE, RK_RESOURCE };

static int record_kind(const char *type)
{
    if (strcasecmp(type, "response") == 0) return RK_RESPONSE;
    if (strcasecmp(type, "resource") == 0) return RK_RESOURCE;
    if (strcasecmp(type, "request") == 0) return 100 + SK_REQUEST;
    if (strcasecmp(type, "metadata") == 0) return 100 + SK_METADATA;
    if (strcasecmp(type, "warcinfo") == 0) return 100 + SK_WARCINFO;
    if (strcasecmp(type, "revisit") == 0) return 100 + SK_REVISIT;
    return 100 + SK_OTHER_TYPE;
}

/* A block over the limit: streamed past, never loaded.  It is an error only
 * when it would have been a document (an HTML 200 response, judged from its
 * head), else a skip like any other. */
static void too_big(wreader *w, const wrec *h, int kind)
{
    wsrc *s = &w->s;
    int reason = kind >= 100 ? kind - 100 : -1;
    if (kind == RK_RESPONSE) {
        size_t got = need(s, HTTP_HEAD_MAX + 4096);
        if (got > h->clen)
            got = (size_t)h->clen;
        const char *p = (const char *)s->win + s->pos;
        http_head hh;
        rc_str cs;
        if (h->ctype[0] && strncasecmp(h->ctype, "application/http", 16) != 0)
            reason = SK_NOT_HTTP;
        else if ((reason = parse_http(p, got, &hh)) == 0)
            reason = response_skip(&hh, p + hh.len, got - hh.len, &cs);
    } else if (kind == RK_RESOURCE) {
        char mt[128];
        rc_str cs;
        media_type(rc_str_c(h->ctype), mt, sizeof mt, &cs);
        reason = is_html_type(mt) ? -1 : SK_NOT_HTML;
    }
    size_t gone = discard(s, (size_t)h->clen);
    size_t got = need(s, TRAIL_PEEK), skip;
    if (skip_damage(s, h->offset, offset(s) + 4))
        return;                                  /* damaged gzip data, reported */
    if (reason >= 0 && reason < SK_N)
        w->skipped[reason]++;
    else
        rec_report(w, h, RC_ETOOBIG, "block of %llu bytes is over the limit of %zu bytes: skipped",
                   h->clen, w->r->max + HTTP_HEAD_MAX);
    if (gone < h->clen) {
        rec_report(w, h, RC_EPARSE, "block cut short (%zu of %llu bytes): truncated file", gone, h->clen);
        return;
    }
    if (trailer_ok(s->win + s->pos, got, got < TRAIL_PEEK, &skip)) {
        s->pos += skip;
    } else {
        rec_report(w, h, RC_EPARSE, "block does not end where its Content-Length says");
        resync(s);
    }
}

static void record(wreader *w, const wrec *h)
{
    wsrc *s = &w->s;
    int kind = record_kind(h->type);
    if (h->clen > (unsigned long long)(w->r->max + HTTP_HEAD_MAX)) {
        too_big(w, h, kind);
        return;
    }
    size_t clen = (size_t)h->clen;
    size_t got = need(s, clen + TRAIL_PEEK);
    if (skip_damage(s, h->offset, offset(s) + clen + 4))
        return;                                  /* damaged gzip data, reported */
    if (got < clen) {
        rec_report(w, h, RC_EPARSE, "block cut short (%zu of %zu bytes): truncated file or wrong Content-Length",
                   got, clen);
        resync(s);
        return;
    }
    const unsigned char *blk = s->win + s->pos;
    size_t skip;
    if (!trailer_ok(blk + clen, got - clen, got < clen + TRAIL_PEEK, &skip)) {
        rec_report(w, h, RC_EPARSE, "block does not end where its Content-Length (%zu) says: dropped", clen);
        resync(s);                               /* from the block's start */
        return;
    }
    if (kind >= 100)
        w->skipped[kind - 100]++;
    else
        process(w, h, kind == RK_RESOURCE, (const char *)blk, clen);
    s->pos += clen + skip;
}

/* Read a record's header lines (after its "WARC/" line) into h.  Returns 0,
 * or -1 with why[] saying what is wrong. */
static int read_header(wreader *w, wrec *h, char why[80])
{
    wsrc *s = &w->s;
    size_t total = 0;
    for (;;) {
        rc_str line, name, value;
        int lr = next_line(s, &line);
        if (lr == 0) {
            snprintf(why, 80, "header cut short: truncated file");
            return -1;
        }
        if (lr < 0 || (total += line.len + 2) > HEAD_MAX) {
            snprintf(why, 80, "header over %zu bytes", lr < 0 ? LINE_MAX_ : HEAD_MAX);
            return -1;
        }
        if (line.len == 0)
            break;
        if (line.ptr[0] == ' ' || line.ptr[0] == '\t')
            continue;                            /* a folded line: none of ours */
        if (!header_field(line, &name, &value)) {
            snprintf(why, 80, "header line without a colon");
            return -1;
        }
        if (name_is(name, "WARC-Type")) {
            copy_field(h->type, sizeof h->type, value);
        } else if (name_is(name, "WARC-Record-ID")) {
            copy_field(h->id, sizeof h->id, value);
        } else if (name_is(name, "WARC-Target-URI")) {
            if (!copy_field(h->uri, sizeof h->uri, value)) {
                snprintf(why, 80, "WARC-Target-URI over %zu bytes", sizeof h->uri - 1);
                return -1;
            }
        } else if (name_is(name, "Content-Type")) {
            copy_field(h->ctype, sizeof h->ctype, value);
        } else if (name_is(name, "Content-Length")) {
            unsigned long long n = 0;
            size_t i = 0;
            for (; i < value.len && value.ptr[i] >= '0' && value.ptr[i] <= '9' && n < (1ULL << 60); i++)
                n = n * 10 + (unsigned)(value.ptr[i] - '0');
            h->bad_clen = i == 0 || i < value.len;
            h->clen = n;
            h->have_clen = 1;
        }
    }
    if (!h->have_clen || h->bad_clen) {
        snprintf(why, 80, "%s", h->have_clen ? "malformed Content-Length" : "no Content-Length");
        return -1;
    }
    return 0;
}

static void read_records(wreader *w)
{
    wsrc *s = &w->s;
    char why[80];
    while (!w->r->stop) {
        rc_str line;
        uint64_t at;
        int lr;
        do {
            at = offset(s);
            lr = next_line(s, &line);
        } while (lr == 1 && line.len == 0);
        if (lr == 0)
            break;
        if (lr < 0 || line.len < 6 || memcmp(line.ptr, "WARC/", 5) != 0 ||
            line.ptr[5] < '0' || line.ptr[5] > '9') {
            if (skip_damage(s, at, offset(s) + 1))
                continue;                        /* damaged gzip data, reported */
            rc_reader_report(w->r, s->path, 0, RC_EPARSE,
                             "no WARC record header at byte %llu: looking for the next one",
                             (unsigned long long)at);
            if (lr > 0)
                s->pos = (size_t)(at - s->base);    /* the line may hold "\nWARC/" */
            if (!resync(s))
                break;
            continue;
        }
        wrec h;
        memset(&h, 0, sizeof h);
        h.offset = at;
        if (read_header(w, &h, why)) {
            if (skip_damage(s, at, offset(s) + 1))
                continue;
            rec_report(w, &h, RC_EPARSE, "%s", why);
            if (!resync(s))
                break;
            continue;
        }
        record(w, &h);
    }
}

/* ---------------------------------------------------------------- entry points */

void rc_warc_read(rc_reader *r, FILE *f, const char *path,
                  const unsigned char *prefix, size_t prefix_len)
{
    wreader w;
    memset(&w, 0, sizeof w);
    w.r = r;
    wsrc *s = &w.s;
    s->r = r;
    s->path = path;
    s->f = f;
    s->damage_from = NO_DAMAGE;
    unsigned char *head = malloc(prefix_len + 2);
    s->win = malloc(WIN_MIN);
    s->cap = WIN_MIN;
    rc_buf_init(&w.chunk, r->max);
    rc_buf_init(&w.inflated, r->max);
    if (!head || !s->win) {
        rc_reader_report(r, path, 0, RC_ENOMEM, "out of memory");
        goto done;
    }
    if (prefix_len)
        memcpy(head, prefix, prefix_len);
    size_t n = prefix_len;
    while (n < 2) {                              /* the magic number, at least */
        size_t k = fread(head + n, 1, 2 - n, f);
        if (k == 0)
            break;
        n += k;
    }
    s->pre = head;
    s->pre_len = n;
    if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
        s->gz = 1;
        s->zin = malloc(ZIN_SIZE);
        if (!s->zin || inflateInit2(&s->z, 15 + 16) != Z_OK) {
            rc_reader_report(r, path, 0, RC_ENOMEM, "out of memory");
            goto done;
        }
        s->z_live = 1;
    }
    if (n == 0) {
        rc_reader_report(r, path, 0, RC_EEMPTY, "empty file");
        goto done;
    }
    read_records(&w);
    for (int k = 0; k < SK_N; k++)
        rc_reader_skipped(r, path, skip_reason[k], w.skipped[k]);
done:
    if (s->z_live)
        inflateEnd(&s->z);
    free(s->zin);
    free(s->win);
    free(head);
    rc_buf_free(&w.chunk);
    rc_buf_free(&w.inflated);
}

int rc_warc_sniff(const unsigned char *p, size_t n)
{
    if (n >= 6 && memcmp(p, "WARC/", 5) == 0 && p[5] >= '0' && p[5] <= '9')
        return 1;
    if (n < 10 || p[0] != 0x1f || p[1] != 0x8b)
        return 0;
    unsigned char out[8];
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 16) != Z_OK)
        return 0;
    z.next_in = (unsigned char *)p;
    z.avail_in = (uInt)(n > 65536 ? 65536 : n);
    z.next_out = out;
    z.avail_out = sizeof out;
    while (z.avail_out && z.avail_in) {
        int zr = inflate(&z, Z_NO_FLUSH);
        if (zr != Z_OK)
            break;
    }
    size_t got = sizeof out - z.avail_out;
    inflateEnd(&z);
    return got >= 6 && memcmp(out, "WARC/", 5) == 0 && out[5] >= '0' && out[5] <= '9';
}

int rc_read_warc_stream(FILE *f, const char *name, const rc_read_opts *opts,
                        const rc_reader_cb *cb)
{
    rc_reader r;
    rc_reader_init(&r, opts, cb);
    rc_warc_read(&r, f, name, NULL, 0);
    int rc = r.first_err;
    rc_reader_done(&r);
    return rc;
}
