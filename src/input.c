/*
 * input.c -- reading inputs: files, directories, JSON Lines, standard input,
 * and the dispatch to the container readers (warc.c, feed.c).
 *
 * A reader turns paths into rc_input values and hands them, one at a time, to
 * a callback; it never keeps more than one document (or one JSONL line, or
 * one WARC record) in memory, so a directory of a million pages, a JSONL file
 * of many GB or a 1 GB CC-NEWS .warc.gz is read in bounded memory.
 * Directories are walked recursively in name order (deterministic ids and
 * ingestion order), hidden entries skipped.
 *
 * Kinds: by extension (.html/.htm/.xhtml, .txt/.text, .jsonl/.ndjson,
 * .warc/.warc.gz, .rss/.atom, .xml when its root element is rss, feed or
 * RDF); a file named on the command line with another extension is sniffed
 * from its first 4 KiB (WARC, gzip'd WARC, feed), else read as one document
 * whose format the pipeline sniffs.  Standard input is sniffed the same way.
 * With --raw or --format the caller has said what the bytes are: no sniffing.
 *
 * Feeds and pages.  A feed item is a summary of a page; when the page itself
 * is in the same input, the page wins.  So feeds found while walking a
 * directory are read after everything else of that rc_read_path() call, and
 * an item whose link matches the URL of a document already handed out (a
 * WARC record's target URI, a JSONL line's url, an HTML file's canonical
 * link or og:url, or the same link in an earlier feed) is skipped and
 * counted.  URLs are compared after normalisation (rc_url_key) through
 * 64-bit hashes, at most RC_URLSET_MAX of them (32 MiB); past that, later
 * pages are not remembered.  Across separate rc_read_path() calls (separate
 * command-line arguments) the rule does not apply.
 *
 * Every failure is reported through the error callback with the path (and
 * line number for JSONL) and the reading carries on with the next file or
 * line; the return value is the first error met, so a caller can both
 * process everything it can and exit with a failure status.  Deliberate
 * skips (request records, non-HTML responses...) go to the optional
 * skipped callback and are not errors.
 *
 * JSON is parsed with jansson.  Base64 (html_b64) is decoded here: it is a
 * dozen lines and none of our dependencies exposes a decoder.  The head scan
 * for a page's canonical URL is hand-written too: a full libxml2 parse of
 * every page just for its URL would double the cost of reading it, and the
 * pipeline parses it anyway.
 */
#include "input.h"
#include "feed.h"
#include "warc.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <xxhash.h>

/* ---------------------------------------------------------------- reader state */

struct rc_urlset {
    uint64_t *slots;   /* open addressing; 0 = empty */
    size_t cap, n;     /* cap a power of two */
};

void rc_reader_init(rc_reader *r, const rc_read_opts *opts, const rc_reader_cb *cb)
{
    memset(r, 0, sizeof *r);
    r->opts = opts;
    r->cb = cb;
    r->max = opts->max_doc_bytes ? opts->max_doc_bytes : RC_DEFAULT_MAX_DOC_BYTES;
}

void rc_reader_done(rc_reader *r)
{
    if (r->seen) {
        free(r->seen->slots);
        free(r->seen);
        r->seen = NULL;
    }
    for (size_t i = 0; i < r->n_deferred; i++)
        free(r->deferred[i]);
    free(r->deferred);
    r->deferred = NULL;
    r->n_deferred = r->cap_deferred = 0;
}

void rc_reader_report(rc_reader *r, const char *path, long line, int code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!r->first_err)
        r->first_err = code;
    if (r->cb->error)
        r->cb->error(r->cb->ud, path, line, code, msg);
}

void rc_reader_skipped(rc_reader *r, const char *path, const char *reason, long count)
{
    if (count > 0 && r->opts->skipped)
        r->opts->skipped(r->opts->skipped_ud, path, reason, count);
}

void rc_reader_input(rc_reader *r, rc_input *in, const char *path)
{
    memset(in, 0, sizeof *in);
    in->path = rc_str_c(path);
    in->url = r->opts->url;
    in->published = r->opts->published;
    in->lang = r->opts->lang;
    in->raw = r->opts->raw;
    in->format = r->opts->format;
}

void rc_reader_emit(rc_reader *r, const rc_input *in)
{
    if (!rc_str_empty(in->url) && in->url.ptr != r->opts->url.ptr)
        rc_reader_note_url(r, in->url);
    if (r->cb->doc(r->cb->ud, in))
        r->stop = 1;
}

/* ---------------------------------------------------------------- URL keys */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int prefix_ci(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    return n >= m && strncasecmp(s, p, m) == 0;
}

/* A query parameter that only says where the reader came from. */
static int tracking_param(const char *p, size_t n)
{
    return prefix_ci(p, n, "utm_") || prefix_ci(p, n, "at_") || (prefix_ci(p, n, "xtor") &&
           (n == 4 || p[4] == '=')) || (prefix_ci(p, n, "fbclid") && (n == 6 || p[6] == '='));
}

size_t rc_url_key(rc_str url, char *out, size_t cap)
{
    const char *p = url.ptr, *e = url.ptr ? url.ptr + url.len : NULL;
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        e--;
    if (p == e || cap < 2)
        return 0;
    size_t o = 0;
#define PUT(c) do { if (o + 1 >= cap) return 0; out[o++] = (char)(c); } while (0)
    if (prefix_ci(p, (size_t)(e - p), "https://"))
        p += 8;
    else if (prefix_ci(p, (size_t)(e - p), "http://"))
        p += 7;
    else if (prefix_ci(p, (size_t)(e - p), "//"))
        p += 2;
    /* host[:port] */
    const char *h = p;
    while (p < e && *p != '/' && *p != '?' && *p != '#')
        p++;
    const char *he = p;
    if (he - h >= 4 && strncasecmp(h, "www.", 4) == 0)
        h += 4;
    if (he - h > 3 && memcmp(he - 3, ":80", 3) == 0)
        he -= 3;
    else if (he - h > 4 && memcmp(he - 4, ":443", 4) == 0)
        he -= 4;
    for (; h < he; h++)
        PUT(lower((unsigned char)*h));
    /* path, without trailing slashes */
    const char *ps = p;
    while (p < e && *p != '?' && *p != '#')
        p++;
    const char *pe = p;
    while (pe > ps && pe[-1] == '/')
        pe--;
    for (const char *q = ps; q < pe; q++)
        PUT(*q);
    /* query without tracking parameters; "&amp;" (an HTML-escaped URL) is "&" */
    if (p < e && *p == '?') {
        p++;
        int first = 1;
        while (p < e && *p != '#') {
            const char *a = p;
            while (p < e && *p != '&' && *p != '#')
                p++;
            size_t n = (size_t)(p - a);
            if (n && !tracking_param(a, n)) {
                PUT(first ? '?' : '&');
                first = 0;
                for (size_t i = 0; i < n; i++)
                    PUT(a[i]);
            }
            if (p < e && *p == '&') {
                p++;
                if ((size_t)(e - p) >= 4 && memcmp(p, "amp;", 4) == 0)
                    p += 4;
            }
        }
    }
#undef PUT
    out[o] = 0;
    return o;
}

static uint64_t url_hash(rc_str url, int *ok)
{
    char key[4096];
    size_t n = rc_url_key(url, key, sizeof key);
    *ok = n > 0;
    uint64_t h = XXH3_64bits(key, n);
    return h ? h : 1;
}

int rc_reader_seen_url(const rc_reader *r, rc_str url)
{
    int ok;
    if (!r->seen || !r->seen->n)
        return 0;
    uint64_t h = url_hash(url, &ok);
    if (!ok)
        return 0;
    const rc_urlset *s = r->seen;
    for (size_t i = (size_t)h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (s->slots[i] == h)
            return 1;
        if (s->slots[i] == 0)
            return 0;
    }
}

static int urlset_grow(rc_urlset *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 1024;
    uint64_t *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return RC_ENOMEM;
    for (size_t i = 0; i < s->cap; i++) {
        uint64_t h = s->slots[i];
        if (!h)
            continue;
        size_t j = (size_t)h & (ncap - 1);
        while (ns[j])
            j = (j + 1) & (ncap - 1);
        ns[j] = h;
    }
    free(s->slots);
    s->slots = ns;
    s->cap = ncap;
    return RC_OK;
}

int rc_reader_note_url(rc_reader *r, rc_str url)
{
    int ok;
    uint64_t h = url_hash(url, &ok);
    if (!ok)
        return 0;
    if (rc_reader_seen_url(r, url))
        return 1;
    if (!r->seen && !(r->seen = calloc(1, sizeof *r->seen)))
        return 0;
    rc_urlset *s = r->seen;
    if (s->n >= RC_URLSET_MAX)
        return 0;                              /* full: later pages are not remembered */
    if ((s->n + 1) * 2 > s->cap && urlset_grow(s))
        return 0;
    size_t i = (size_t)h & (s->cap - 1);
    while (s->slots[i])
        i = (i + 1) & (s->cap - 1);
    s->slots[i] = h;
    s->n++;
    return 0;
}

/* ---------------------------------------------------------------- a page's own URL */

/* The value of attribute `name` in the tag text t[0..n) (after the tag
 * name, up to '>'), or empty. */
typedef struct attr_view {
    rc_str rel, href, property, name, content;
} attr_view;

static size_t scan_attrs(const char *t, size_t n, attr_view *av)
{
    size_t j = 0;
    memset(av, 0, sizeof *av);
    while (j < n && t[j] != '>') {
        while (j < n && (t[j] == ' ' || t[j] == '\t' || t[j] == '\n' || t[j] == '\r' || t[j] == '/'))
            j++;
        size_t a = j;
        while (j < n && t[j] != '=' && t[j] != '>' && t[j] != ' ' && t[j] != '\t' &&
               t[j] != '\n' && t[j] != '\r' && t[j] != '/')
            j++;
        rc_str an = {t + a, j - a}, v = RC_STR_NULL;
        while (j < n && (t[j] == ' ' || t[j] == '\t'))
            j++;
        if (j < n && t[j] == '=') {
            j++;
            while (j < n && (t[j] == ' ' || t[j] == '\t'))
                j++;
            if (j < n && (t[j] == '"' || t[j] == '\'')) {
                char q = t[j++];
                size_t b = j;
                while (j < n && t[j] != q)
                    j++;
                v = (rc_str){t + b, j - b};
                if (j < n)
                    j++;
            } else {
                size_t b = j;
                while (j < n && t[j] != '>' && t[j] != ' ' && t[j] != '\t' && t[j] != '\n')
                    j++;
                v = (rc_str){t + b, j - b};
            }
        } else if (j == a) {
            j++;                                   /* a stray character */
        }
        if (an.len == 3 && strncasecmp(an.ptr, "rel", 3) == 0) av->rel = v;
        else if (an.len == 4 && strncasecmp(an.ptr, "href", 4) == 0) av->href = v;
        else if (an.len == 8 && strncasecmp(an.ptr, "property", 8) == 0) av->property = v;
        else if (an.len == 4 && strncasecmp(an.ptr, "name", 4) == 0) av->name = v;
        else if (an.len == 7 && strncasecmp(an.ptr, "content", 7) == 0) av->content = v;
    }
    return j;
}

static int has_token_ci(rc_str s, const char *tok)
{
    size_t m = strlen(tok);
    for (size_t i = 0; i + m <= s.len; i++)
        if (strncasecmp(s.ptr + i, tok, m) == 0 && (i == 0 || s.ptr[i - 1] == ' ') &&
            (i + m == s.len || s.ptr[i + m] == ' '))
            return 1;
    return 0;
}

static int absolute_http(rc_str u)
{
    return prefix_ci(u.ptr, u.len, "http://") || prefix_ci(u.ptr, u.len, "https://");
}

/* The page's URL as its head declares it: <link rel="canonical" href>, else
 * <meta property="og:url" content>; absolute http(s) URLs only.  Looks at
 * the first 64 KiB, up to <body.  A view into buf, or empty. */
static rc_str page_url(const char *buf, size_t len)
{
    size_t n = len < 65536 ? len : 65536;
    rc_str canon = RC_STR_NULL, og = RC_STR_NULL;
    for (size_t i = 0; i + 6 < n && rc_str_empty(canon); i++) {
        if (buf[i] != '<')
            continue;
        const char *t = buf + i + 1;
        size_t rest = n - i - 1;
        if (prefix_ci(t, rest, "body"))
            break;
        int is_link = prefix_ci(t, rest, "link ") || prefix_ci(t, rest, "link\t") || prefix_ci(t, rest, "link\n");
        int is_meta = prefix_ci(t, rest, "meta ") || prefix_ci(t, rest, "meta\t") || prefix_ci(t, rest, "meta\n");
        if (!is_link && !is_meta)
            continue;
        attr_view av;
        size_t used = scan_attrs(t + 4, rest - 4, &av);
        if (is_link && has_token_ci(av.rel, "canonical") && absolute_http(av.href))
            canon = av.href;
        if (is_meta && rc_str_empty(og) && absolute_http(av.content) &&
            ((av.property.len == 6 && strncasecmp(av.property.ptr, "og:url", 6) == 0) ||
             (av.name.len == 6 && strncasecmp(av.name.ptr, "og:url", 6) == 0)))
            og = av.content;
        i += 4 + used;
    }
    return !rc_str_empty(canon) ? canon : og;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

typedef enum kind { K_SKIP, K_HTML, K_TEXT, K_JSONL, K_WARC, K_FEED, K_XML } kind;

static kind kind_of(const char *path)
{
    if (ends_with(path, ".html") || ends_with(path, ".htm") || ends_with(path, ".xhtml"))
        return K_HTML;
    if (ends_with(path, ".txt") || ends_with(path, ".text"))
        return K_TEXT;
    if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson"))
        return K_JSONL;
    if (ends_with(path, ".warc") || ends_with(path, ".warc.gz"))
        return K_WARC;
    if (ends_with(path, ".rss") || ends_with(path, ".atom"))
        return K_FEED;
    if (ends_with(path, ".xml"))
        return K_XML;
    return K_SKIP;
}

/* ---------------------------------------------------------------- base64 */

static int b64val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

/* Decode base64 (standard or URL alphabet, whitespace ignored, padding
 * optional) into a new malloc'd buffer; NULL on bad input or OOM. */
static unsigned char *b64_decode(const char *s, size_t n, size_t *outlen)
{
    unsigned char *out = malloc(n / 4 * 3 + 3);
    if (!out)
        return NULL;
    size_t o = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '=' )
            break;
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        int v = b64val(c);
        if (v < 0) {
            free(out);
            return NULL;
        }
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(acc >> bits);
        }
    }
    *outlen = o;
    return out;
}

/* ---------------------------------------------------------------- JSONL */

static rc_str jstr(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (json_is_string(v))
        return (rc_str){json_string_value(v), json_string_length(v)};
    return RC_STR_NULL;
}

static void jsonl_line(rc_reader *r, const char *path, long lineno, const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
        i++;
    if (i == len)
        return;                                 /* blank line */
    if (len > r->max) {
        rc_reader_report(r, path, lineno, RC_ETOOBIG, "line of %zu bytes is over the limit of %zu bytes", len, r->max);
        return;
    }
    json_error_t jerr;
    json_t *o = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    if (!o || !json_is_object(o)) {
        rc_reader_report(r, path, lineno, RC_EPARSE, "not a JSON object: %s", o ? "another JSON value" : jerr.text);
        json_decref(o);
        return;
    }
    rc_input in;
    rc_reader_input(r, &in, path);
    char idbuf[64];
    json_t *id = json_object_get(o, "id");
    char *fallback_id = NULL;
    if (json_is_string(id)) {
        in.id = jstr(o, "id");
    } else if (json_is_integer(id)) {
        snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
        in.id = rc_str_c(idbuf);
    } else {
        size_t n = strlen(path) + 32;
        fallback_id = malloc(n);
        if (fallback_id) {
            snprintf(fallback_id, n, "%s:%ld", path, lineno);
            in.id = rc_str_c(fallback_id);
        }
    }
    rc_str v;
    if (!rc_str_empty(v = jstr(o, "url"))) in.url = v;
    if (!rc_str_empty(v = jstr(o, "published"))) in.published = v;
    if (!rc_str_empty(v = jstr(o, "lang"))) in.lang = v;
    in.title = jstr(o, "title");
    in.site = jstr(o, "site");
    unsigned char *bytes = NULL;
    json_t *html = json_object_get(o, "html");
    json_t *b64 = json_object_get(o, "html_b64");
    json_t *text = json_object_get(o, "text");
    if (json_is_string(html)) {
        in.body = jstr(o, "html");
        in.format = RC_FMT_HTML;
        in.body_is_unicode = 1;
        in.raw = 0;
    } else if (json_is_string(b64)) {
        size_t n = 0;
        bytes = b64_decode(json_string_value(b64), json_string_length(b64), &n);
        if (!bytes) {
            rc_reader_report(r, path, lineno, RC_EPARSE, "html_b64 is not valid base64");
            goto done;
        }
        in.body = (rc_str){(const char *)bytes, n};
        in.format = RC_FMT_HTML;
        in.raw = 0;
    } else if (json_is_string(text)) {
        in.body = jstr(o, "text");
        if (!in.raw)
            in.format = RC_FMT_TEXT;
        in.body_is_unicode = 1;
    } else {
        rc_reader_report(r, path, lineno, RC_EPARSE, "no \"html\", \"html_b64\" or \"text\" string");
        goto done;
    }
    rc_reader_emit(r, &in);
done:
    free(bytes);
    free(fallback_id);
    json_decref(o);
}

static void read_jsonl(rc_reader *r, FILE *f, const char *path)
{
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    ssize_t n;
    errno = 0;
    while (!r->stop && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        if (len && line[len - 1] == '\n')
            len--;
        jsonl_line(r, path, lineno, line, len);
    }
    if (ferror(f))
        rc_reader_report(r, path, 0, RC_EIO, "read error: %s", strerror(errno ? errno : EIO));
    free(line);
}

/* ---------------------------------------------------------------- whole files */

#define SNIFF_BYTES 4096

/* Read up to n bytes (fewer only at the end of f or on an error). */
static size_t read_full(FILE *f, unsigned char *buf, size_t n)
{
    size_t got = 0, k;
    while (got < n && (k = fread(buf + got, 1, n - got, f)) > 0)
        got += k;
    return got;
}

/* The prefix pre[0..npre) (already read from f) and the rest of f, at most
 * max bytes (max + 1 are read to detect excess), in a malloc'd buffer. */
static int slurp(FILE *f, const unsigned char *pre, size_t npre, size_t max, char **out, size_t *len)
{
    if (npre > max)
        return RC_ETOOBIG;
    size_t cap = 65536 > npre ? 65536 : npre, n = npre;
    char *buf = malloc(cap);
    if (!buf)
        return RC_ENOMEM;
    if (npre)
        memcpy(buf, pre, npre);
    for (;;) {
        if (n == cap) {
            if (cap > max) {
                free(buf);
                return RC_ETOOBIG;
            }
            size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
            if (ncap <= cap)
                ncap = cap + 1;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                return RC_ENOMEM;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                free(buf);
                return RC_EIO;
            }
            break;
        }
        if (n > max) {
            free(buf);
            return RC_ETOOBIG;
        }
    }
    *out = buf;
    *len = n;
    return RC_OK;
}

static int slurp_reported(rc_reader *r, FILE *f, const char *path, const unsigned char *pre,
                          size_t npre, char **buf, size_t *len)
{
    int rc = slurp(f, pre, npre, r->max, buf, len);
    if (rc == RC_ETOOBIG)
        rc_reader_report(r, path, 0, rc, "file is over the limit of %zu bytes", r->max);
    else if (rc)
        rc_reader_report(r, path, 0, rc, "%s", rc == RC_EIO ? strerror(errno ? errno : EIO) : rc_strerror(rc));
    return rc;
}

static void read_document(rc_reader *r, FILE *f, const char *path, kind k,
                          const unsigned char *pre, size_t npre)
{
    char *buf = NULL;
    size_t len = 0;
    if (slurp_reported(r, f, path, pre, npre, &buf, &len))
        return;
    rc_input in;
    rc_reader_input(r, &in, path);
    in.id = rc_str_c(path);
    in.body = (rc_str){buf, len};
    if (!in.format)
        in.format = k == K_HTML ? RC_FMT_HTML : k == K_TEXT ? RC_FMT_TEXT : RC_FMT_AUTO;
    if (k != K_TEXT && !in.raw)
        rc_reader_note_url(r, page_url(buf, len));    /* for the feeds read after it */
    rc_reader_emit(r, &in);
    free(buf);
}

static void read_feed(rc_reader *r, FILE *f, const char *path, const unsigned char *pre, size_t npre)
{
    char *buf = NULL;
    size_t len = 0;
    if (slurp_reported(r, f, path, pre, npre, &buf, &len))
        return;
    rc_feed_read(r, path, buf, len);
    free(buf);
}

/* An open file or stream whose kind is k (K_SKIP: unknown, K_XML: a feed
 * only if its root says so): sniff its first bytes and read it. */
static void read_stream(rc_reader *r, FILE *f, const char *path, kind k, int named)
{
    if (k == K_JSONL) {
        read_jsonl(r, f, path);
        return;
    }
    unsigned char pre[SNIFF_BYTES];
    errno = 0;
    size_t npre = read_full(f, pre, sizeof pre);
    if (ferror(f)) {
        rc_reader_report(r, path, 0, RC_EIO, "read error: %s", strerror(errno ? errno : EIO));
        return;
    }
    /* --raw or --format: the caller says what the bytes are; no sniffing */
    if (k == K_SKIP && (r->opts->raw || r->opts->format)) {
        read_document(r, f, path, k, pre, npre);
        return;
    }
    if (k == K_SKIP || k == K_XML) {
        if (k == K_SKIP && rc_warc_sniff(pre, npre))
            k = K_WARC;
        else if (rc_feed_sniff((const char *)pre, npre))
            k = K_FEED;
        else if (k == K_XML) {
            if (named)
                rc_reader_report(r, path, 0, RC_ENOTSUP, "XML that is not an RSS or Atom feed");
            return;                             /* in a directory: ignored */
        }
    }
    if (k == K_WARC)
        rc_warc_read(r, f, path, pre, npre);
    else if (k == K_FEED)
        read_feed(r, f, path, pre, npre);
    else
        read_document(r, f, path, k, pre, npre);
}

static void read_file(rc_reader *r, const char *path, kind k, int named)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        rc_reader_report(r, path, 0, e == ENOENT ? RC_ENOENT : RC_EIO, "%s", strerror(e));
        return;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        rc_reader_report(r, path, 0, RC_EINVAL, "is a directory");
        return;
    }
    read_stream(r, f, path, k, named);
    fclose(f);
}

/* Keep a feed of a directory for the end of the call (the page wins). */
static void defer(rc_reader *r, const char *path, kind k)
{
    if (r->n_deferred == r->cap_deferred) {
        size_t ncap = r->cap_deferred ? r->cap_deferred * 2 : 16;
        char **nd = ncap <= ((size_t)1 << 20) ? realloc(r->deferred, ncap * sizeof *nd) : NULL;
        if (!nd) {
            read_file(r, path, k, 0);         /* no room to wait: read it now */
            return;
        }
        r->deferred = nd;
        r->cap_deferred = ncap;
    }
    char *copy = strdup(path);
    if (!copy) {
        rc_reader_report(r, path, 0, RC_ENOMEM, "out of memory");
        return;
    }
    r->deferred[r->n_deferred++] = copy;
}

static int skip_entry(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static void read_any(rc_reader *r, const char *path, int named, int depth);

static void read_dir(rc_reader *r, const char *path, int depth)
{
    if (depth > 64) {
        rc_reader_report(r, path, 0, RC_EDEPTH, "directories nested more than 64 deep");
        return;
    }
    struct dirent **list = NULL;
    int n = scandir(path, &list, skip_entry, alphasort);
    if (n < 0) {
        int e = errno;
        rc_reader_report(r, path, 0, e == ENOENT ? RC_ENOENT : RC_EIO, "cannot read directory: %s", strerror(e));
        return;
    }
    size_t plen = strlen(path);
    for (int i = 0; i < n; i++) {
        if (!r->stop) {
            size_t need = plen + strlen(list[i]->d_name) + 2;
            char *child = malloc(need);
            if (child) {
                snprintf(child, need, "%s%s%s", path,
                         plen && path[plen - 1] == '/' ? "" : "/", list[i]->d_name);
                read_any(r, child, 0, depth + 1);
                free(child);
            } else {
                rc_reader_report(r, path, 0, RC_ENOMEM, "out of memory");
            }
        }
        free(list[i]);
    }
    free(list);
}

static void read_any(rc_reader *r, const char *path, int named, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        int e = errno;
        rc_reader_report(r, path, 0, e == ENOENT ? RC_ENOENT : RC_EIO, "%s", strerror(e));
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        read_dir(r, path, depth);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        if (named)
            rc_reader_report(r, path, 0, RC_EINVAL, "not a regular file");
        return;
    }
    kind k = r->opts->jsonl && named ? K_JSONL : kind_of(path);
    if (k == K_SKIP && !named)
        return;                                 /* unknown kinds in directories are ignored */
    if ((k == K_FEED || k == K_XML) && !named) {
        defer(r, path, k);
        return;
    }
    read_file(r, path, k, named);
}

int rc_read_jsonl_stream(FILE *f, const char *name, const rc_read_opts *opts,
                         const rc_reader_cb *cb)
{
    rc_reader r;
    rc_reader_init(&r, opts, cb);
    read_jsonl(&r, f, name);
    rc_reader_done(&r);
    return r.first_err;
}

int rc_read_path(const char *path, const rc_read_opts *opts, const rc_reader_cb *cb)
{
    rc_reader r;
    rc_reader_init(&r, opts, cb);
    if (strcmp(path, "-") == 0)
        read_stream(&r, stdin, "-", opts->jsonl ? K_JSONL : K_SKIP, 1);
    else
        read_any(&r, path, 1, 0);
    for (size_t i = 0; i < r.n_deferred && !r.stop; i++)
        read_file(&r, r.deferred[i], kind_of(r.deferred[i]), 0);
    int rc = r.first_err;
    rc_reader_done(&r);
    return rc;
}
