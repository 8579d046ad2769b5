/* Tests of the input reader (src/input.c): files, directories, JSONL. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct seen {
    char ids[16][256];
    char bodies[16][128];
    int formats[16];
    int unicode[16];
    int n;
    char errs[16][512];
    int codes[16];
    int nerr;
    const char *vanish;       /* a path to delete when the first document arrives */
} seen;

static int on_doc(void *ud, const rc_input *in)
{
    seen *s = ud;
    if (s->n < 16) {
        snprintf(s->ids[s->n], sizeof s->ids[0], "%.*s", (int)in->id.len, in->id.ptr);
        snprintf(s->bodies[s->n], sizeof s->bodies[0], "%.*s", (int)(in->body.len > 100 ? 100 : in->body.len),
                 in->body.ptr ? in->body.ptr : "");
        s->formats[s->n] = in->format;
        s->unicode[s->n] = in->body_is_unicode;
    }
    s->n++;
    if (s->vanish) {
        unlink(s->vanish);
        s->vanish = NULL;
    }
    return 0;
}

static void on_err(void *ud, const char *path, long line, int code, const char *msg)
{
    seen *s = ud;
    if (s->nerr < 16) {
        snprintf(s->errs[s->nerr], sizeof s->errs[0], "%s:%ld: %s", path, line, msg);
        s->codes[s->nerr] = code;
    }
    s->nerr++;
}

static void put(const char *path, const char *content)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(content, f);
        fclose(f);
    }
}

static char *tmpdir(char *buf, size_t n)
{
    snprintf(buf, n, "/tmp/rc-test-input-XXXXXX");
    return mkdtemp(buf);
}

static void rmtree(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
}

TEST(input_directory_walk_in_order)
{
    char d[64], p[300];
    CHECK(tmpdir(d, sizeof d));
    snprintf(p, sizeof p, "%s/sub", d); mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/b.html", d); put(p, "<html><body><p>B</p></body></html>");
    snprintf(p, sizeof p, "%s/a.txt", d); put(p, "A text");
    snprintf(p, sizeof p, "%s/sub/c.htm", d); put(p, "<p>C</p>");
    snprintf(p, sizeof p, "%s/ignored.png", d); put(p, "\x89PNG");
    snprintf(p, sizeof p, "%s/.hidden.html", d); put(p, "<p>H</p>");
    seen s = {0};
    rc_read_opts o = {0};
    rc_reader_cb cb = {on_doc, on_err, &s};
    CHECK_INT(rc_read_path(d, &o, &cb), 0);
    CHECK_INT(s.n, 3);
    CHECK_INT(s.nerr, 0);
    snprintf(p, sizeof p, "%s/a.txt", d);
    CHECK(strcmp(s.ids[0], p) == 0);
    CHECK_INT(s.formats[0], RC_FMT_TEXT);
    CHECK_INT(s.formats[1], RC_FMT_HTML);
    CHECK(strstr(s.ids[2], "sub/c.htm") != NULL);
    CHECK_INT(s.unicode[0], 0);
    rmtree(d);
}

TEST(input_jsonl_lines_and_errors)
{
    char d[64], p[300];
    CHECK(tmpdir(d, sizeof d));
    snprintf(p, sizeof p, "%s/in.jsonl", d);
    put(p, "{\"id\":\"x1\",\"html\":\"<p>un</p>\",\"lang\":\"fr\"}\n"
           "\n"
           "not json\n"
           "{\"id\":7,\"text\":\"deux\"}\n"
           "{\"id\":\"x3\"}\n"
           "{\"id\":\"x4\",\"html_b64\":\"PHA+dHJvaXM8L3A+\"}\n"
           "{\"text\":\"no id\"}");
    seen s = {0};
    rc_read_opts o = {0};
    rc_reader_cb cb = {on_doc, on_err, &s};
    CHECK(rc_read_path(p, &o, &cb) == RC_EPARSE);
    CHECK_INT(s.n, 4);
    CHECK(strcmp(s.ids[0], "x1") == 0);
    CHECK_INT(s.formats[0], RC_FMT_HTML);
    CHECK_INT(s.unicode[0], 1);
    CHECK(strcmp(s.ids[1], "7") == 0);
    CHECK_INT(s.formats[1], RC_FMT_TEXT);
    CHECK(strcmp(s.ids[2], "x4") == 0);
    CHECK(strcmp(s.bodies[2], "<p>trois</p>") == 0);
    CHECK_INT(s.unicode[2], 0);
    CHECK(strstr(s.ids[3], "in.jsonl:7") != NULL);
    CHECK_INT(s.nerr, 2);
    CHECK(strstr(s.errs[0], ":3: not a JSON object") != NULL);
    CHECK(strstr(s.errs[1], ":5: no \"html\"") != NULL);
    rmtree(d);
}

TEST(input_file_vanishing_mid_run)
{
    char d[64], a[300], b[300], c[300];
    CHECK(tmpdir(d, sizeof d));
    snprintf(a, sizeof a, "%s/a.txt", d); put(a, "first");
    snprintf(b, sizeof b, "%s/b.txt", d); put(b, "second");
    snprintf(c, sizeof c, "%s/c.txt", d); put(c, "third");
    seen s = {0};
    s.vanish = b;                 /* deleted while a.txt is being processed */
    rc_read_opts o = {0};
    rc_reader_cb cb = {on_doc, on_err, &s};
    CHECK_INT(rc_read_path(d, &o, &cb), RC_ENOENT);
    CHECK_INT(s.n, 2);            /* a and c still read */
    CHECK_INT(s.nerr, 1);
    CHECK(strstr(s.errs[0], "b.txt") != NULL);
    CHECK_INT(s.codes[0], RC_ENOENT);
    rmtree(d);
}

TEST(input_size_limit_and_missing)
{
    char d[64], p[300];
    CHECK(tmpdir(d, sizeof d));
    snprintf(p, sizeof p, "%s/big.txt", d);
    FILE *f = fopen(p, "wb");
    CHECK(f != NULL);
    for (int i = 0; i < 2000; i++)
        fputs("0123456789", f);
    fclose(f);
    seen s = {0};
    rc_read_opts o = {.max_doc_bytes = 1000};
    rc_reader_cb cb = {on_doc, on_err, &s};
    CHECK_INT(rc_read_path(p, &o, &cb), RC_ETOOBIG);
    CHECK_INT(s.n, 0);
    CHECK(strstr(s.errs[0], "over the limit") != NULL);
    seen s2 = {0};
    rc_reader_cb cb2 = {on_doc, on_err, &s2};
    CHECK_INT(rc_read_path("/nonexistent/recoupe/file.html", &o, &cb2), RC_ENOENT);
    CHECK_INT(s2.nerr, 1);
    rmtree(d);
}

TEST(input_defaults_from_options)
{
    char d[64], p[300];
    CHECK(tmpdir(d, sizeof d));
    snprintf(p, sizeof p, "%s/page.weird", d);
    put(p, "<html><p>x</p></html>");
    seen s = {0};
    rc_read_opts o = {.format = RC_FMT_TEXT};
    rc_reader_cb cb = {on_doc, on_err, &s};
    CHECK_INT(rc_read_path(p, &o, &cb), 0);   /* a named file of unknown kind is read */
    CHECK_INT(s.n, 1);
    CHECK_INT(s.formats[0], RC_FMT_TEXT);
    rmtree(d);
}
