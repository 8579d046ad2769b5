/*
 * input.c -- reading inputs: files, directories, JSON Lines, standard input.
 *
 * A reader turns paths into rc_input values and hands them, one at a time, to
 * a callback; it never keeps more than one document (or one JSONL line) in
 * memory, so a directory of a million pages or a JSONL file of many GB is
 * read in constant memory.  Directories are walked recursively in name order
 * (deterministic ids and ingestion order), hidden entries skipped.
 *
 * Every failure is reported through the error callback with the path (and
 * line number for JSONL) and the reading carries on with the next file or
 * line; the return value is the first error met, so a caller can both
 * process everything it can and exit with a failure status.
 *
 * JSON is parsed with jansson.  Base64 (html_b64) is decoded here: it is a
 * dozen lines and none of our dependencies exposes a decoder.
 */
#include "input.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct reader {
    const rc_read_opts *opts;
    const rc_reader_cb *cb;
    size_t max;
    int first_err;
    int stop;
} reader;

static void report(reader *r, const char *path, long line, int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void report(reader *r, const char *path, long line, int code, const char *fmt, ...)
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

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

typedef enum kind { K_SKIP, K_HTML, K_TEXT, K_JSONL, K_UNSUPPORTED } kind;

static kind kind_of(const char *path)
{
    if (ends_with(path, ".html") || ends_with(path, ".htm") || ends_with(path, ".xhtml"))
        return K_HTML;
    if (ends_with(path, ".txt") || ends_with(path, ".text"))
        return K_TEXT;
    if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson"))
        return K_JSONL;
    if (ends_with(path, ".warc") || ends_with(path, ".warc.gz") || ends_with(path, ".rss") ||
        ends_with(path, ".atom") || ends_with(path, ".xml"))
        return K_UNSUPPORTED;
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

static void base_input(reader *r, rc_input *in, const char *path)
{
    memset(in, 0, sizeof *in);
    in->path = rc_str_c(path);
    in->url = r->opts->url;
    in->published = r->opts->published;
    in->lang = r->opts->lang;
    in->raw = r->opts->raw;
    in->format = r->opts->format;
}

static void jsonl_line(reader *r, const char *path, long lineno, const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
        i++;
    if (i == len)
        return;                                 /* blank line */
    if (len > r->max) {
        report(r, path, lineno, RC_ETOOBIG, "line of %zu bytes is over the limit of %zu bytes", len, r->max);
        return;
    }
    json_error_t jerr;
    json_t *o = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    if (!o || !json_is_object(o)) {
        report(r, path, lineno, RC_EPARSE, "not a JSON object: %s", o ? "another JSON value" : jerr.text);
        json_decref(o);
        return;
    }
    rc_input in;
    base_input(r, &in, path);
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
            report(r, path, lineno, RC_EPARSE, "html_b64 is not valid base64");
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
        report(r, path, lineno, RC_EPARSE, "no \"html\", \"html_b64\" or \"text\" string");
        goto done;
    }
    if (r->cb->doc(r->cb->ud, &in))
        r->stop = 1;
done:
    free(bytes);
    free(fallback_id);
    json_decref(o);
}

static void read_jsonl(reader *r, FILE *f, const char *path)
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
        report(r, path, 0, RC_EIO, "read error: %s", strerror(errno ? errno : EIO));
    free(line);
}

/* ---------------------------------------------------------------- whole files */

/* Read all of f (at most max bytes + 1 to detect excess) into a malloc'd buffer. */
static int slurp(FILE *f, size_t max, char **out, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return RC_ENOMEM;
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

static void read_document(reader *r, FILE *f, const char *path, kind k)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = slurp(f, r->max, &buf, &len);
    if (rc == RC_ETOOBIG) {
        report(r, path, 0, rc, "file is over the limit of %zu bytes", r->max);
        return;
    }
    if (rc) {
        report(r, path, 0, rc, "%s", rc == RC_EIO ? strerror(errno ? errno : EIO) : rc_strerror(rc));
        return;
    }
    rc_input in;
    base_input(r, &in, path);
    in.id = rc_str_c(path);
    in.body = (rc_str){buf, len};
    if (!in.format)
        in.format = k == K_HTML ? RC_FMT_HTML : k == K_TEXT ? RC_FMT_TEXT : RC_FMT_AUTO;
    if (r->cb->doc(r->cb->ud, &in))
        r->stop = 1;
    free(buf);
}

static void read_file(reader *r, const char *path, kind k)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        report(r, path, 0, e == ENOENT ? RC_ENOENT : RC_EIO, "%s", strerror(e));
        return;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        report(r, path, 0, RC_EINVAL, "is a directory");
        return;
    }
    if (k == K_JSONL)
        read_jsonl(r, f, path);
    else
        read_document(r, f, path, k);
    fclose(f);
}

static int skip_entry(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static void read_any(reader *r, const char *path, int named, int depth);

static void read_dir(reader *r, const char *path, int depth)
{
    if (depth > 64) {
        report(r, path, 0, RC_EDEPTH, "directories nested more than 64 deep");
        return;
    }
    struct dirent **list = NULL;
    int n = scandir(path, &list, skip_entry, alphasort);
    if (n < 0) {
        int e = errno;
        report(r, path, 0, e == ENOENT ? RC_ENOENT : RC_EIO, "cannot read directory: %s", strerror(e));
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
                report(r, path, 0, RC_ENOMEM, "out of memory");
            }
        }
        free(list[i]);
    }
    free(list);
}

static void read_any(reader *r, const char *path, int named, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        int e = errno;
        report(r, path, 0, e == ENOENT ? RC_ENOENT : RC_EIO, "%s", strerror(e));
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        read_dir(r, path, depth);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        if (named)
            report(r, path, 0, RC_EINVAL, "not a regular file");
        return;
    }
    kind k = r->opts->jsonl && named ? K_JSONL : kind_of(path);
    if (k == K_UNSUPPORTED) {
        report(r, path, 0, RC_ENOTSUP, "WARC and RSS/Atom inputs are not supported yet");
        return;
    }
    if (k == K_SKIP) {
        if (!named)
            return;                             /* unknown kinds in directories are ignored */
        k = K_HTML;                             /* a named file: sniffed by the pipeline */
        if (!r->opts->format) {
            read_file(r, path, K_SKIP);
            return;
        }
    }
    read_file(r, path, k);
}

int rc_read_jsonl_stream(FILE *f, const char *name, const rc_read_opts *opts,
                         const rc_reader_cb *cb)
{
    reader r = {.opts = opts, .cb = cb, .max = opts->max_doc_bytes ? opts->max_doc_bytes : RC_DEFAULT_MAX_DOC_BYTES};
    read_jsonl(&r, f, name);
    return r.first_err;
}

int rc_read_path(const char *path, const rc_read_opts *opts, const rc_reader_cb *cb)
{
    reader r = {.opts = opts, .cb = cb, .max = opts->max_doc_bytes ? opts->max_doc_bytes : RC_DEFAULT_MAX_DOC_BYTES};
    if (strcmp(path, "-") == 0) {
        if (opts->jsonl)
            read_jsonl(&r, stdin, "-");
        else
            read_document(&r, stdin, "-", K_SKIP);
    } else {
        read_any(&r, path, 1, 0);
    }
    return r.first_err;
}
