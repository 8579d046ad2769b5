/* Tests of the WARC reader (src/warc.c) through rc_read_path: WARC files
 * written here, plain and gzip'd, whole and damaged. */
#include "test.h"
#include "input.h"
#include "warc.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define MAXD 16

typedef struct got {
    int n;
    char ids[MAXD][160];
    char urls[MAXD][160];
    char charsets[MAXD][32];
    char body[MAXD][256];
    size_t body_len[MAXD];
    char published[MAXD][40];
    int nerr;
    int codes[MAXD];
    char errs[MAXD][400];
    int nskip;
    char reasons[MAXD][100];
    long counts[MAXD];
    int stop_after;                 /* ask to stop after this many documents (0: never) */
    rc_pipeline *pipe;              /* run documents through it when set */
    char text[MAXD][256];
    char doc_charset[MAXD][32];
} got;

static void cp(char *dst, size_t cap, rc_str s)
{
    snprintf(dst, cap, "%.*s", (int)(s.len < cap ? s.len : cap - 1), s.ptr ? s.ptr : "");
}

static int on_doc(void *ud, const rc_input *in)
{
    got *g = ud;
    if (g->n < MAXD) {
        cp(g->ids[g->n], sizeof g->ids[0], in->id);
        cp(g->urls[g->n], sizeof g->urls[0], in->url);
        cp(g->charsets[g->n], sizeof g->charsets[0], in->charset);
        cp(g->body[g->n], sizeof g->body[0], in->body);
        g->body_len[g->n] = in->body.len;
        cp(g->published[g->n], sizeof g->published[0], in->published);
        if (g->pipe) {
            const rc_doc *d;
            if (rc_pipeline_run(g->pipe, in, &d) == 0) {
                cp(g->text[g->n], sizeof g->text[0], d->text);
                cp(g->doc_charset[g->n], sizeof g->doc_charset[0], d->charset);
                if (d->published.len)
                    cp(g->published[g->n], sizeof g->published[0], d->published);
            }
        }
    }
    g->n++;
    return g->stop_after && g->n >= g->stop_after;
}

static void on_err(void *ud, const char *path, long line, int code, const char *msg)
{
    got *g = ud;
    if (g->nerr < MAXD) {
        g->codes[g->nerr] = code;
        snprintf(g->errs[g->nerr], sizeof g->errs[0], "%s", msg);
    }
    g->nerr++;
}

static void on_skip(void *ud, const char *path, const char *reason, long count)
{
    got *g = ud;
    if (g->nskip < MAXD) {
        snprintf(g->reasons[g->nskip], sizeof g->reasons[0], "%s", reason);
        g->counts[g->nskip] = count;
    }
    g->nskip++;
}

static long skipped(const got *g, const char *reason_part)
{
    for (int i = 0; i < g->nskip && i < MAXD; i++)
        if (strstr(g->reasons[i], reason_part))
            return g->counts[i];
    return 0;
}

/* ---------------------------------------------------------------- writing WARC */

/* One record: header lines end with eol; clen < 0: the block's true length. */
static void rec_full(rc_buf *b, const char *eol, const char *type, const char *uri, const char *id,
                     const char *ctype, const char *block, size_t blen, long clen)
{
    rc_buf_printf(b, "WARC/1.1%sWARC-Type: %s%s", eol, type, eol);
    if (uri)
        rc_buf_printf(b, "WARC-Target-URI: %s%s", uri, eol);
    rc_buf_printf(b, "WARC-Date: 2016-09-01T12:00:00Z%s", eol);
    if (id)
        rc_buf_printf(b, "WARC-Record-ID: <urn:uuid:%s>%s", id, eol);
    if (ctype)
        rc_buf_printf(b, "Content-Type: %s%s", ctype, eol);
    rc_buf_printf(b, "Content-Length: %ld%s%s", clen < 0 ? (long)blen : clen, eol, eol);
    rc_buf_append(b, block, blen);
    rc_buf_printf(b, "%s%s", eol, eol);
}

static void rec(rc_buf *b, const char *type, const char *uri, const char *id, const char *ctype,
                const char *block)
{
    rec_full(b, "\r\n", type, uri, id, ctype, block, strlen(block), -1);
}

#define HTTP_CT "application/http; msgtype=response"
#define PAGE(words) "<html><head><title>T</title></head><body><article><p>" words "</p></article></body></html>"

/* Append p[0..n) to out as one gzip member. */
static int gz_member(rc_buf *out, const void *p, size_t n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    size_t bound = deflateBound(&z, (uLong)n);
    if (rc_buf_reserve(out, bound)) {
        deflateEnd(&z);
        return -1;
    }
    z.next_in = (unsigned char *)p;
    z.avail_in = (uInt)n;
    z.next_out = (unsigned char *)out->ptr + out->len;
    z.avail_out = (uInt)bound;
    int rc = deflate(&z, Z_FINISH);
    out->len += bound - z.avail_out;
    deflateEnd(&z);
    return rc == Z_STREAM_END ? 0 : -1;
}

static char dir_[64];

static const char *tmpfile_with(const char *name, const void *p, size_t n)
{
    static char path[200];
    if (!dir_[0]) {
        snprintf(dir_, sizeof dir_, "/tmp/rc-test-warc-XXXXXX");
        if (!mkdtemp(dir_))
            return NULL;
    }
    snprintf(path, sizeof path, "%s/%s", dir_, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    fwrite(p, 1, n, f);
    fclose(f);
    return path;
}

static void cleanup(void)
{
    if (dir_[0]) {
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir_);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", dir_);
        dir_[0] = 0;
    }
}

static int read_file(const char *path, got *g, size_t max)
{
    rc_read_opts o = {.max_doc_bytes = max, .skipped = on_skip, .skipped_ud = g};
    rc_reader_cb cb = {on_doc, on_err, g};
    return rc_read_path(path, &o, &cb);
}

/* The records every test starts from: one of each kind. */
static void mixed_records(rc_buf *b, int gz)
{
    rc_buf one;
    rc_buf *dst = b;
    if (gz) {
        rc_buf_init(&one, 0);
        dst = &one;
    }
#define FLUSH() do { if (gz) { gz_member(b, one.ptr, one.len); rc_buf_clear(&one); } } while (0)
    rec(dst, "warcinfo", NULL, "info", "application/warc-fields", "software: test\r\nformat: WARC 1.1\r\n");
    FLUSH();
    rec(dst, "request", "https://news.example/a", "req-a", "application/http; msgtype=request",
        "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n");
    FLUSH();
    rec(dst, "response", "https://news.example/a", "resp-a", HTTP_CT,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nDate: Thu, 01 Sep 2016 12:00:00 GMT\r\n\r\n"
        PAGE("Article A about the floods."));
    FLUSH();
    rec(dst, "metadata", "https://news.example/a", "meta-a", "application/warc-fields", "fetchTimeMs: 12\r\n");
    FLUSH();
    rec(dst, "response", "https://news.example/missing", "resp-404", HTTP_CT,
        "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body>Not found</body></html>");
    FLUSH();
    rec(dst, "response", "https://news.example/redirect", "resp-301", HTTP_CT,
        "HTTP/1.1 301 Moved Permanently\r\nLocation: https://news.example/a\r\n\r\n");
    FLUSH();
    rec(dst, "response", "https://news.example/logo.png", "resp-png", HTTP_CT,
        "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n....");
    FLUSH();
    rec(dst, "response", "https://news.example/data.json", "resp-json", HTTP_CT,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"a\": 1}");
    FLUSH();
    rec(dst, "revisit", "https://news.example/a", "rev-a", HTTP_CT,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
    FLUSH();
    rec(dst, "response", "dns:news.example", "dns", "text/dns", "20160901120000\nnews.example. 300 IN A 192.0.2.1\n");
    FLUSH();
    rec(dst, "resource", "file:///saved/b.html", "res-b", "text/html; charset=\"utf-8\"",
        PAGE("Article B, saved as a resource."));
    FLUSH();
    rec(dst, "response", "https://news.example/c", NULL, HTTP_CT,
        "HTTP/1.0 200 OK\r\ncontent-type: TEXT/HTML\r\n\r\n" PAGE("Article C without a record id."));
    FLUSH();
#undef FLUSH
    if (gz)
        rc_buf_free(&one);
}

static void check_mixed(const got *g, const char *path, int *ok)
{
    *ok = 0;
    CHECK_INT(g->n, 3);
    CHECK_INT(g->nerr, 0);
    CHECK(strcmp(g->ids[0], "urn:uuid:resp-a") == 0);
    CHECK(strcmp(g->urls[0], "https://news.example/a") == 0);
    CHECK(strcmp(g->charsets[0], "UTF-8") == 0);
    CHECK(strncmp(g->body[0], "<html><head>", 12) == 0);   /* the HTTP head is not in the body */
    CHECK(g->published[0][0] == 0);                        /* never the WARC-Date */
    CHECK(strcmp(g->ids[1], "urn:uuid:res-b") == 0);
    CHECK(strcmp(g->charsets[1], "utf-8") == 0);
    char want[300];
    snprintf(want, sizeof want, "%s#", path);
    CHECK(strncmp(g->ids[2], want, strlen(want)) == 0);     /* no record id: path#offset */
    CHECK(strcmp(g->urls[2], "https://news.example/c") == 0);
    CHECK_INT(skipped(g, "warcinfo"), 1);
    CHECK_INT(skipped(g, "request"), 1);
    CHECK_INT(skipped(g, "metadata"), 1);
    CHECK_INT(skipped(g, "revisit"), 1);
    CHECK_INT(skipped(g, "status other than 200"), 2);
    CHECK_INT(skipped(g, "not HTML"), 2);
    CHECK_INT(skipped(g, "not HTTP"), 1);
    *ok = 1;
}

TEST(warc_plain_file_records_and_skips)
{
    rc_buf b;
    rc_buf_init(&b, 0);
    mixed_records(&b, 0);
    const char *p = tmpfile_with("mixed.warc", b.ptr, b.len);
    CHECK(p);
    got g = {0};
    CHECK_INT(read_file(p, &g, 0), 0);
    int ok;
    check_mixed(&g, p, &ok);
    CHECK(ok);
    rc_buf_free(&b);
    cleanup();
}

TEST(warc_gzip_members_and_one_member)
{
    rc_buf b, plain;
    rc_buf_init(&b, 0);
    rc_buf_init(&plain, 0);
    mixed_records(&b, 1);
    const char *p = tmpfile_with("mixed.warc.gz", b.ptr, b.len);
    CHECK(p);
    got g = {0};
    CHECK_INT(read_file(p, &g, 0), 0);
    int ok;
    check_mixed(&g, p, &ok);
    CHECK(ok);
    /* The whole file as a single gzip member, with a name that says nothing. */
    mixed_records(&plain, 0);
    rc_buf_clear(&b);
    CHECK_INT(gz_member(&b, plain.ptr, plain.len), 0);
    p = tmpfile_with("crawl-data", b.ptr, b.len);
    got g2 = {0};
    CHECK_INT(read_file(p, &g2, 0), 0);
    check_mixed(&g2, p, &ok);
    CHECK(ok);
    rc_buf_free(&b);
    rc_buf_free(&plain);
    cleanup();
}

TEST(warc_lf_only_line_ends)
{
    rc_buf b;
    rc_buf_init(&b, 0);
    const char *blk = "HTTP/1.1 200 OK\nContent-Type: text/html\n\n" PAGE("LF only.");
    rec_full(&b, "\n", "warcinfo", NULL, "i", "application/warc-fields", "a: b\n", 5, -1);
    rec_full(&b, "\n", "response", "https://lf.example/1", "lf-1", HTTP_CT, blk, strlen(blk), -1);
    rec_full(&b, "\n", "response", "https://lf.example/2", "lf-2", HTTP_CT, blk, strlen(blk), -1);
    const char *p = tmpfile_with("lf.warc", b.ptr, b.len);
    got g = {0};
    CHECK_INT(read_file(p, &g, 0), 0);
    CHECK_INT(g.n, 2);
    CHECK_INT(g.nerr, 0);
    CHECK(strcmp(g.ids[1], "urn:uuid:lf-2") == 0);
    CHECK(strncmp(g.body[0], "<html>", 6) == 0);
    rc_buf_free(&b);
    cleanup();
}

TEST(warc_truncated_last_record)
{
    rc_buf b, z;
    rc_buf_init(&b, 0);
    rc_buf_init(&z, 0);
    const char *blk = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" PAGE("Complete.");
    rec(&b, "response", "https://t.example/1", "t-1", HTTP_CT, blk);
    rec(&b, "response", "https://t.example/2", "t-2", HTTP_CT, blk);
    size_t whole = b.len;
    rec(&b, "response", "https://t.example/3", "t-3", HTTP_CT, blk);
    size_t cut = whole + (b.len - whole) - 40;                 /* inside the last block */
    const char *p = tmpfile_with("cut.warc", b.ptr, cut);
    got g = {0};
    CHECK_INT(read_file(p, &g, 0), RC_EPARSE);
    CHECK_INT(g.n, 2);
    CHECK_INT(g.nerr, 1);
    CHECK_CONTAINS(g.errs[0], "cut short");
    CHECK_CONTAINS(g.errs[0], "https://t.example/3");
    /* Cut inside the header of the last record. */
    p = tmpfile_with("cut2.warc", b.ptr, whole + 30);
    got g2 = {0};
    CHECK_INT(read_file(p, &g2, 0), RC_EPARSE);
    CHECK_INT(g2.n, 2);
    CHECK_INT(g2.nerr, 1);
    CHECK_CONTAINS(g2.errs[0], "header cut short");
    /* A gzip'd file cut in its last member: the records before it are read. */
    gz_member(&z, b.ptr, whole);
    size_t zwhole = z.len;
    gz_member(&z, b.ptr + whole, b.len - whole);
    p = tmpfile_with("cut.warc.gz", z.ptr, zwhole + (z.len - zwhole) / 2);
    got g3 = {0};
    CHECK_INT(read_file(p, &g3, 0), RC_EPARSE);
    CHECK_INT(g3.n, 2);
    CHECK(g3.nerr >= 1);
    CHECK_CONTAINS(g3.errs[0], "gzip data cut short");
    rc_buf_free(&b);
    rc_buf_free(&z);
    cleanup();
}

TEST(warc_record_over_the_limit_is_skipped)
{
    rc_buf b, big;
    rc_buf_init(&b, 0);
    rc_buf_init(&big, 0);
    rc_buf_puts(&big, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>");
    for (int i = 0; i < 20000; i++)
        rc_buf_puts(&big, "<p>words</p>");
    rc_buf_puts(&big, "</body></html>");
    const char *small = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" PAGE("Small.");
    rec(&b, "response", "https://big.example/0", "b-0", HTTP_CT, small);
    rec(&b, "response", "https://big.example/huge", "b-huge", HTTP_CT, big.ptr);
    /* a large image is a skip, not an error */
    rc_buf img;
    rc_buf_init(&img, 0);
    rc_buf_puts(&img, "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n");
    for (int i = 0; i < 20000; i++)
        rc_buf_puts(&img, "JFIFJFIFJFIF");
    rec(&b, "response", "https://big.example/photo.jpg", "b-img", HTTP_CT, img.ptr);
    rec(&b, "response", "https://big.example/1", "b-1", HTTP_CT, small);
    /* a body just over the limit once the HTTP head is taken off */
    rc_buf mid;
    rc_buf_init(&mid, 0);
    rc_buf_puts(&mid, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>");
    for (int i = 0; i < 200; i++)
        rc_buf_puts(&mid, "<p>words</p>");
    rec(&b, "response", "https://big.example/mid", "b-mid", HTTP_CT, mid.ptr);
    rec(&b, "response", "https://big.example/2", "b-2", HTTP_CT, small);
    const char *p = tmpfile_with("big.warc", b.ptr, b.len);
    got g = {0};
    CHECK_INT(read_file(p, &g, 1000), RC_ETOOBIG);
    CHECK_INT(g.n, 3);
    CHECK(strcmp(g.ids[1], "urn:uuid:b-1") == 0);
    CHECK(strcmp(g.ids[2], "urn:uuid:b-2") == 0);
    CHECK_INT(g.nerr, 2);
    CHECK_CONTAINS(g.errs[0], "big.example/huge");
    CHECK_CONTAINS(g.errs[0], "over the limit");
    CHECK_CONTAINS(g.errs[1], "big.example/mid");
    CHECK_INT(g.codes[1], RC_ETOOBIG);
    CHECK_INT(skipped(&g, "not HTML"), 1);
    /* the same, gzip'd record by record */
    rc_buf z;
    rc_buf_init(&z, 0);
    gz_member(&z, b.ptr, b.len);
    p = tmpfile_with("big.warc.gz", z.ptr, z.len);
    got g2 = {0};
    CHECK_INT(read_file(p, &g2, 1000), RC_ETOOBIG);
    CHECK_INT(g2.n, 3);
    CHECK_INT(g2.nerr, 2);
    rc_buf_free(&b);
    rc_buf_free(&big);
    rc_buf_free(&img);
    rc_buf_free(&mid);
    rc_buf_free(&z);
    cleanup();
}

TEST(warc_chunked_and_compressed_payloads)
{
    rc_buf b, gzbody, blk;
    rc_buf_init(&b, 0);
    rc_buf_init(&gzbody, 0);
    rc_buf_init(&blk, 0);
    /* chunked, with an extension and a trailer */
    rec(&b, "response", "https://c.example/chunked", "ch", HTTP_CT,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        "6\r\n<html>\r\n"
        "1b;name=value\r\n<body><p>chunked</p></body>\r\n"
        "7\r\n</html>\r\n"
        "0\r\nX-Trailer: 1\r\n\r\n");
    /* the header says chunked, the body was stored decoded (Common Crawl) */
    rec(&b, "response", "https://c.example/decoded", "dec", HTTP_CT,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" PAGE("Stored decoded."));
    /* gzip content-encoding, then gzip inside chunks */
    const char *page = PAGE("Compressed page.");
    gz_member(&gzbody, page, strlen(page));
    rc_buf_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n");
    rc_buf_append(&blk, gzbody.ptr, gzbody.len);
    rec_full(&b, "\r\n", "response", "https://c.example/gzip", "gz", HTTP_CT, blk.ptr, blk.len, -1);
    rc_buf_clear(&blk);
    rc_buf_printf(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n%zx\r\n", gzbody.len / 2);
    rc_buf_append(&blk, gzbody.ptr, gzbody.len / 2);
    rc_buf_printf(&blk, "\r\n%zx\r\n", gzbody.len - gzbody.len / 2);
    rc_buf_append(&blk, gzbody.ptr + gzbody.len / 2, gzbody.len - gzbody.len / 2);
    rc_buf_puts(&blk, "\r\n0\r\n\r\n");
    rec_full(&b, "\r\n", "response", "https://c.example/gzip-chunked", "gzch", HTTP_CT, blk.ptr, blk.len, -1);
    /* brotli: not undone, counted */
    rec(&b, "response", "https://c.example/br", "br", HTTP_CT,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x1b\x2f\x00\xa4");
    /* a gzip bomb: 4 MiB of spaces behind a small payload */
    rc_buf zeros, bomb;
    rc_buf_init(&zeros, 0);
    rc_buf_init(&bomb, 0);
    rc_buf_puts(&zeros, "<html><body>");
    for (int i = 0; i < (4 << 20) / 64; i++)
        rc_buf_puts(&zeros, "                                                                ");
    gz_member(&bomb, zeros.ptr, zeros.len);
    CHECK(bomb.len < 64 * 1024);
    rc_buf_clear(&blk);
    rc_buf_puts(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n");
    rc_buf_append(&blk, bomb.ptr, bomb.len);
    rec_full(&b, "\r\n", "response", "https://c.example/bomb", "bomb", HTTP_CT, blk.ptr, blk.len, -1);
    /* malformed chunks after a good one */
    rec(&b, "response", "https://c.example/badchunks", "badch", HTTP_CT,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\n<p>\r\nzz\r\nxx\r\n0\r\n\r\n");
    const char *p = tmpfile_with("enc.warc", b.ptr, b.len);
    got g = {0};
    CHECK_INT(read_file(p, &g, 1 << 20), RC_ETOOBIG);
    CHECK_INT(g.n, 4);
    CHECK(strcmp(g.body[0], "<html><body><p>chunked</p></body></html>") == 0);
    CHECK(strcmp(g.body[1], PAGE("Stored decoded.")) == 0);
    CHECK(strcmp(g.body[2], PAGE("Compressed page.")) == 0);
    CHECK(strcmp(g.body[3], PAGE("Compressed page.")) == 0);
    CHECK_INT(skipped(&g, "Content-Encoding"), 1);
    CHECK_INT(g.nerr, 2);
    CHECK_CONTAINS(g.errs[0], "c.example/bomb");
    CHECK_CONTAINS(g.errs[0], "decompressed body over the limit");
    CHECK_INT(g.codes[1], RC_EPARSE);
    CHECK_CONTAINS(g.errs[1], "malformed chunked body");
    rc_buf_free(&b);
    rc_buf_free(&gzbody);
    rc_buf_free(&blk);
    rc_buf_free(&zeros);
    rc_buf_free(&bomb);
    cleanup();
}

TEST(warc_wrong_content_length_resyncs)
{
    rc_buf b;
    rc_buf_init(&b, 0);
    const char *blk = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" PAGE("Some text here.");
    size_t n = strlen(blk);
    rec(&b, "response", "https://w.example/0", "w-0", HTTP_CT, blk);
    rec_full(&b, "\r\n", "response", "https://w.example/short", "w-short", HTTP_CT, blk, n, (long)n - 10);
    rec(&b, "response", "https://w.example/1", "w-1", HTTP_CT, blk);
    rec_full(&b, "\r\n", "response", "https://w.example/long", "w-long", HTTP_CT, blk, n, (long)n + 60);
    rec(&b, "response", "https://w.example/2", "w-2", HTTP_CT, blk);
    rec(&b, "response", "https://w.example/3", "w-3", HTTP_CT, blk);
    /* garbage between records */
    rc_buf_puts(&b, "this is not a record\r\n\r\n");
    rec(&b, "response", "https://w.example/4", "w-4", HTTP_CT, blk);
    const char *p = tmpfile_with("wrong.warc", b.ptr, b.len);
    got g = {0};
    CHECK_INT(read_file(p, &g, 0), RC_EPARSE);
    CHECK_INT(g.n, 5);
    CHECK(strcmp(g.ids[0], "urn:uuid:w-0") == 0);
    CHECK(strcmp(g.ids[1], "urn:uuid:w-1") == 0);
    CHECK(strcmp(g.ids[2], "urn:uuid:w-2") == 0);     /* found inside the too-long block */
    CHECK(strcmp(g.ids[3], "urn:uuid:w-3") == 0);
    CHECK(strcmp(g.ids[4], "urn:uuid:w-4") == 0);
    CHECK_INT(g.nerr, 3);
    CHECK_CONTAINS(g.errs[0], "w.example/short");
    CHECK_CONTAINS(g.errs[0], "Content-Length");
    CHECK_CONTAINS(g.errs[1], "w.example/long");
    CHECK_CONTAINS(g.errs[2], "no WARC record header");
    rc_buf_free(&b);
    cleanup();
}

TEST(warc_corrupt_gzip_member_is_passed)
{
    rc_buf b, z;
    rc_buf_init(&b, 0);
    rc_buf_init(&z, 0);
    const char *blk = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" PAGE("Gzip member text.");
    size_t at[4];
    for (int i = 0; i < 4; i++) {
        char id[8], uri[40];
        snprintf(id, sizeof id, "z-%d", i);
        snprintf(uri, sizeof uri, "https://z.example/%d", i);
        rc_buf_clear(&b);
        rec(&b, "response", uri, id, HTTP_CT, blk);
        at[i] = z.len;
        gz_member(&z, b.ptr, b.len);
    }
    z.ptr[at[1] + 20] ^= 0x55;                          /* damage member 1's deflate data */
    z.ptr[at[1] + 21] ^= 0xAA;
    const char *p = tmpfile_with("damaged.warc.gz", z.ptr, z.len);
    got g = {0};
    CHECK_INT(read_file(p, &g, 0), RC_EPARSE);
    CHECK_INT(g.n, 3);
    CHECK(strcmp(g.ids[0], "urn:uuid:z-0") == 0);
    CHECK(strcmp(g.ids[1], "urn:uuid:z-2") == 0);
    CHECK(strcmp(g.ids[2], "urn:uuid:z-3") == 0);
    CHECK_CONTAINS(g.errs[0], "corrupt gzip data");
    /* trailing garbage after the last member */
    rc_buf_puts(&z, "garbage at the end");
    p = tmpfile_with("trailing.warc.gz", z.ptr, z.len);
    got g2 = {0};
    CHECK_INT(read_file(p, &g2, 0), RC_EPARSE);
    CHECK_INT(g2.n, 3);
    rc_buf_free(&b);
    rc_buf_free(&z);
    cleanup();
}

TEST(warc_charset_from_http_header_reaches_decoding)
{
    rc_buf b;
    rc_buf_init(&b, 0);
    /* Russian in windows-1251: sniffing alone would read it as windows-1252 */
    rec(&b, "response", "https://ru.example/1", "ru", HTTP_CT,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n"
        "<html><head><title>\xcc\xee\xf1\xea\xe2\xe0</title></head><body><article><p>"
        "The mayor of \xcc\xee\xf1\xea\xe2\xe0 said on Tuesday that the city would build new schools "
        "and hospitals next year. The council approved the budget after a long debate.</p>"
        "</article></body></html>");
    /* a page whose only date is the crawl's: published stays empty */
    rec(&b, "response", "https://en.example/undated", "undated", HTTP_CT,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nLast-Modified: Thu, 01 Sep 2016 12:00:00 GMT\r\n\r\n"
        PAGE("The council met on Tuesday to discuss the new budget for the schools of the city. "
             "Several members asked for more money for transport and for the libraries."));
    const char *p = tmpfile_with("cs.warc", b.ptr, b.len);
    got g = {0};
    g.pipe = rc_pipeline_new(NULL);
    CHECK(g.pipe);
    CHECK_INT(read_file(p, &g, 0), 0);
    rc_pipeline_free(g.pipe);
    CHECK_INT(g.n, 2);
    CHECK(strcmp(g.doc_charset[0], "windows-1251") == 0);
    CHECK_CONTAINS(g.text[0], "The mayor of Москва said");
    CHECK(g.published[1][0] == 0);
    CHECK_CONTAINS(g.text[1], "council");
    rc_buf_free(&b);
    cleanup();
}

TEST(warc_stop_and_sniff)
{
    rc_buf b, z;
    rc_buf_init(&b, 0);
    rc_buf_init(&z, 0);
    const char *blk = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" PAGE("x");
    for (int i = 0; i < 5; i++)
        rec(&b, "response", "https://s.example/", NULL, HTTP_CT, blk);
    const char *p = tmpfile_with("stop.warc", b.ptr, b.len);
    got g = {.stop_after = 2};
    CHECK_INT(read_file(p, &g, 0), 0);
    CHECK_INT(g.n, 2);
    CHECK(rc_warc_sniff((const unsigned char *)b.ptr, b.len));
    CHECK(!rc_warc_sniff((const unsigned char *)"WARC/x", 6));
    CHECK(!rc_warc_sniff((const unsigned char *)"<html>", 6));
    gz_member(&z, b.ptr, b.len);
    CHECK(rc_warc_sniff((const unsigned char *)z.ptr, z.len));
    rc_buf_clear(&z);
    gz_member(&z, "<html></html>", 13);
    CHECK(!rc_warc_sniff((const unsigned char *)z.ptr, z.len));
    /* an empty .warc, and a .warc that is not one */
    p = tmpfile_with("empty.warc", "", 0);
    got g2 = {0};
    CHECK_INT(read_file(p, &g2, 0), RC_EEMPTY);
    p = tmpfile_with("notwarc.warc", "<html><body>hello</body></html>", 31);
    got g3 = {0};
    CHECK_INT(read_file(p, &g3, 0), RC_EPARSE);
    CHECK_INT(g3.n, 0);
    CHECK_INT(g3.nerr, 1);
    rc_buf_free(&b);
    rc_buf_free(&z);
    cleanup();
}

/* Many records streamed through a small window: bounded memory, every one read. */
TEST(warc_many_records_stream)
{
    rc_buf b, z;
    rc_buf_init(&b, 0);
    rc_buf_init(&z, 0);
    const char *blk = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" PAGE("Streaming record.");
    for (int i = 0; i < 3000; i++) {
        char id[16];
        snprintf(id, sizeof id, "m-%d", i);
        rc_buf_clear(&b);
        rec(&b, "response", "https://m.example/", id, HTTP_CT, blk);
        rec(&b, "request", "https://m.example/", NULL, "application/http; msgtype=request",
            "GET / HTTP/1.1\r\n\r\n");
        gz_member(&z, b.ptr, b.len);
    }
    const char *p = tmpfile_with("many.warc.gz", z.ptr, z.len);
    got g = {0};
    CHECK_INT(read_file(p, &g, 0), 0);
    CHECK_INT(g.n, 3000);
    CHECK_INT(g.nerr, 0);
    CHECK_INT(skipped(&g, "request"), 3000);
    rc_buf_free(&b);
    rc_buf_free(&z);
    cleanup();
}

/* The committed fixture (two articles of an invented outlet, one chunked in
 * windows-1252), through the whole pipeline. */
TEST(warc_fixture_through_the_pipeline)
{
    char path[400];
    snprintf(path, sizeof path, "%s/warc/news.warc.gz", rc_test_fixtures());
    got g = {0};
    g.pipe = rc_pipeline_new(NULL);
    CHECK(g.pipe);
    int rc = read_file(path, &g, 0);
    rc_pipeline_free(g.pipe);
    CHECK_INT(rc, 0);
    CHECK_INT(g.n, 2);
    CHECK(strcmp(g.ids[0], "urn:uuid:00000000-0000-4000-8000-000000000002") == 0);
    CHECK_CONTAINS(g.text[0], "a annoncé le préfet Jean-Marc Delorme");
    CHECK(strncmp(g.published[0], "2025-03-03", 10) == 0);     /* the page's date, not the crawl's */
    CHECK(strcmp(g.doc_charset[1], "windows-1252") == 0);
    CHECK_CONTAINS(g.text[1], "consacré surtout aux écoles et à la voirie");
    CHECK_INT(skipped(&g, "request"), 1);
    CHECK_INT(skipped(&g, "metadata"), 1);
    CHECK_INT(skipped(&g, "warcinfo"), 1);
    CHECK_INT(skipped(&g, "not HTML"), 1);
}
