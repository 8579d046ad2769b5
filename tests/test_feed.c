/* Tests of the RSS/Atom reader (src/feed.c) and of the reading rules around
 * it in src/input.c: feed kinds, the page-wins rule, URL keys.  Fixtures:
 * tests/fixtures/feeds/ (written for these tests). */
#include "test.h"
#include "feed.h"
#include "input.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define MAXD 16

typedef struct fgot {
    int n;
    char ids[MAXD][200];
    char urls[MAXD][200];
    char titles[MAXD][200];
    char sites[MAXD][100];
    char published[MAXD][40];
    char body[MAXD][1200];
    int unicode[MAXD];
    /* after the pipeline */
    char author[MAXD][100];
    char text[MAXD][600];
    char lang[MAXD][8];
    int nerr;
    int codes[MAXD];
    char errs[MAXD][300];
    int nskip;
    char reasons[MAXD][100];
    long counts[MAXD];
    rc_pipeline *pipe;
} fgot;

static void cp(char *dst, size_t cap, rc_str s)
{
    snprintf(dst, cap, "%.*s", (int)(s.len < cap ? s.len : cap - 1), s.ptr ? s.ptr : "");
}

static int on_doc(void *ud, const rc_input *in)
{
    fgot *g = ud;
    if (g->n < MAXD) {
        int i = g->n;
        cp(g->ids[i], sizeof g->ids[0], in->id);
        cp(g->urls[i], sizeof g->urls[0], in->url);
        cp(g->titles[i], sizeof g->titles[0], in->title);
        cp(g->sites[i], sizeof g->sites[0], in->site);
        cp(g->published[i], sizeof g->published[0], in->published);
        cp(g->body[i], sizeof g->body[0], in->body);
        g->unicode[i] = in->body_is_unicode;
        const rc_doc *d;
        if (g->pipe && rc_pipeline_run(g->pipe, in, &d) == 0) {
            cp(g->author[i], sizeof g->author[0], d->author);
            cp(g->text[i], sizeof g->text[0], d->text);
            snprintf(g->lang[i], sizeof g->lang[0], "%s", rc_lang_code(d->lang));
        }
    }
    g->n++;
    return 0;
}

static void on_err(void *ud, const char *path, long line, int code, const char *msg)
{
    fgot *g = ud;
    if (g->nerr < MAXD) {
        g->codes[g->nerr] = code;
        snprintf(g->errs[g->nerr], sizeof g->errs[0], "%s: %s", path, msg);
    }
    g->nerr++;
}

static void on_skip(void *ud, const char *path, const char *reason, long count)
{
    fgot *g = ud;
    if (g->nskip < MAXD) {
        snprintf(g->reasons[g->nskip], sizeof g->reasons[0], "%s", reason);
        g->counts[g->nskip] = count;
    }
    g->nskip++;
}

static long fskipped(const fgot *g, const char *part)
{
    long n = 0;
    for (int i = 0; i < g->nskip && i < MAXD; i++)
        if (strstr(g->reasons[i], part))
            n += g->counts[i];
    return n;
}

static int read_fixture(const char *name, fgot *g, int with_pipeline)
{
    char path[400];
    snprintf(path, sizeof path, "%s/feeds/%s", rc_test_fixtures(), name);
    if (with_pipeline && !g->pipe)
        g->pipe = rc_pipeline_new(NULL);
    rc_read_opts o = {.skipped = on_skip, .skipped_ud = g};
    rc_reader_cb cb = {on_doc, on_err, g};
    int rc = rc_read_path(path, &o, &cb);
    rc_pipeline_free(g->pipe);
    g->pipe = NULL;
    return rc;
}

TEST(feed_rss2_cdata_entities_dates_authors)
{
    fgot g = {0};
    CHECK_INT(read_fixture("rss2-cdata.rss", &g, 1), 0);
    CHECK_INT(g.nerr, 0);
    CHECK_INT(g.n, 3);
    /* item 1: guid, entities in the title, RFC 822 date, CDATA content:encoded */
    CHECK(strcmp(g.ids[0], "cv-2025-0303-001") == 0);
    CHECK(strcmp(g.titles[0], "Crue du Vidourle : l’alerte orange levée & les routes rouvertes") == 0);
    CHECK(strcmp(g.sites[0], "Le Courrier du Vidourle & des Cévennes") == 0);
    CHECK(strcmp(g.published[0], "2025-03-03T09:30:00+01:00") == 0);
    CHECK_CONTAINS(g.urls[0], "crue-vidourle-alerte-levee?utm_source=rss&utm_medium=feed");
    CHECK(g.unicode[0]);
    CHECK_CONTAINS(g.body[0], "<html lang=\"fr-FR\">");
    CHECK_CONTAINS(g.body[0], "<meta name=\"author\" content=\"Claire Fabre\">");
    CHECK_CONTAINS(g.body[0], "<p>La préfecture du Gard a levé lundi matin");
    CHECK_NOT_CONTAINS(g.body[0], "La préfecture a levé l'alerte orange lundi matin.</");  /* not the description */
    CHECK(strcmp(g.author[0], "Claire Fabre") == 0);
    CHECK_CONTAINS(g.text[0], "a annoncé le préfet Jean-Marc Delorme");
    CHECK_CONTAINS(g.text[0], "les rez-de-chaussée inondés & les commerçants");
    CHECK(strcmp(g.lang[0], "fr") == 0);
    /* item 2: permalink guid, dc:date, two dc:creator, escaped HTML description */
    CHECK(strcmp(g.ids[1], "https://courrier-vidourle.example/2025/03/02/lunel-budget") == 0);
    CHECK(strcmp(g.published[1], "2025-03-02T18:05:00Z") == 0);
    CHECK(strcmp(g.author[1], "Paul Roux, Inès Garcia") == 0);
    CHECK_CONTAINS(g.text[1], "un budget en hausse de 4 %");
    CHECK_CONTAINS(g.text[1], "L’opposition a voté contre.");
    /* item 3 had no content: skipped and counted; item 4 has no guid nor link */
    CHECK_INT(fskipped(&g, "without content"), 1);
    CHECK_CONTAINS(g.ids[2], "rss2-cdata.rss#4");
    CHECK(g.urls[2][0] == 0);
    CHECK_CONTAINS(g.text[2], "Le syndicat des eaux rappelle");
}

TEST(feed_atom_xhtml_html_text_and_links)
{
    fgot g = {0};
    CHECK_INT(read_fixture("atom-xhtml.atom", &g, 1), 0);
    CHECK_INT(g.nerr, 0);
    CHECK_INT(g.n, 3);
    CHECK(strcmp(g.ids[0], "tag:harbour-gazette.example,2025:ferry-strike-ends") == 0);
    CHECK(strcmp(g.titles[0], "Ferry strike ends after talks") == 0);     /* type="html": tags gone */
    CHECK(strcmp(g.urls[0], "https://harbour-gazette.example/news/2025/04/15/ferry-strike-ends") == 0); /* xml:base */
    CHECK(strcmp(g.published[0], "2025-04-15T07:45:00+01:00") == 0);     /* published, not updated */
    CHECK(strcmp(g.sites[0], "The Harbour Gazette") == 0);
    CHECK(strcmp(g.author[0], "Tom Hale") == 0);
    CHECK_CONTAINS(g.body[0], "<strong>ended on Tuesday</strong>");         /* xhtml serialised */
    CHECK_NOT_CONTAINS(g.body[0], "The strike is over.");                   /* content wins over summary */
    CHECK_CONTAINS(g.text[0], "ended on Tuesday after talks between the union and the operator");
    CHECK_CONTAINS(g.text[0], "Crossings will resume on Wednesday morning & tickets");
    CHECK(strcmp(g.lang[0], "en") == 0);
    /* type="text": paragraphs kept, updated as the date, the feed's author */
    CHECK(strcmp(g.published[1], "2025-04-14T16:00:00Z") == 0);
    CHECK(strcmp(g.author[1], "Gazette Staff") == 0);
    CHECK_CONTAINS(g.body[1], "<p>The town library will open on Sundays from May, the council said on Monday.</p><p>");
    CHECK_CONTAINS(g.text[1], "the council said on Monday.\n\nOpening hours");
    /* content with src=: the html summary is the body */
    CHECK_CONTAINS(g.text[2], "the harbour master talks about the new cranes");
}

TEST(feed_rss1_rdf_in_latin1)
{
    fgot g = {0};
    CHECK_INT(read_fixture("rdf.xml", &g, 1), 0);
    CHECK_INT(g.n, 1);
    CHECK(strcmp(g.ids[0], "https://echo-du-causse.example/foire-aux-ovins") == 0);
    CHECK(strcmp(g.sites[0], "L'Écho du Causse") == 0);
    CHECK(strcmp(g.published[0], "2025-05-11") == 0);
    CHECK_CONTAINS(g.text[0], "a attiré près de 3 000 visiteurs samedi");
}

TEST(feed_entities_refused_xxe_and_laughs)
{
    clock_t t0 = clock();
    fgot g = {0};
    CHECK_INT(read_fixture("billion-laughs.rss", &g, 0), RC_EPARSE);
    CHECK_INT(g.n, 0);
    CHECK_INT(g.nerr, 1);
    CHECK_CONTAINS(g.errs[0], "declares entities: refused");
    fgot g2 = {0};
    CHECK_INT(read_fixture("xxe.rss", &g2, 0), RC_EPARSE);
    CHECK_INT(g2.n, 0);
    CHECK_CONTAINS(g2.errs[0], "declares entities: refused");
    /* refused before any expansion: well under a second */
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
    /* in memory, with the declaration hidden behind a UTF-16 encoding */
    static const char laughs16[] =
        "\xff\xfe<\0?\0x\0m\0l\0 \0v\0e\0r\0s\0i\0o\0n\0=\0\"\0001\0.\0000\0\"\0?\0>\0"
        "<\0!\0D\0O\0C\0T\0Y\0P\0E\0 \0r\0s\0s\0 \0[\0<\0!\0E\0N\0T\0I\0T\0Y\0 \0a\0 \0\"\0x\0\"\0>\0]\0>\0"
        "<\0r\0s\0s\0/\0>\0";
    fgot g3 = {0};
    rc_read_opts o = {0};
    rc_reader_cb cb = {on_doc, on_err, &g3};
    CHECK_INT(rc_read_feed_bytes(laughs16, sizeof laughs16 - 1, "mem", &o, &cb), RC_EPARSE);
    CHECK_CONTAINS(g3.errs[0], "declares entities");
}

TEST(feed_broken_and_not_feeds)
{
    fgot g = {0};
    CHECK_INT(read_fixture("broken.rss", &g, 1), RC_EPARSE);
    CHECK_INT(g.nerr, 1);
    CHECK_CONTAINS(g.errs[0], "not well-formed XML");
    CHECK_INT(g.n, 1);                                   /* the complete item is recovered */
    CHECK(strcmp(g.titles[0], "First item survives") == 0);
    CHECK_CONTAINS(g.text[0], "forgot to escape an ampersand");
    /* a named XML file that is no feed: an error; the same in a directory: ignored */
    fgot g2 = {0};
    CHECK_INT(read_fixture("sitemap.xml", &g2, 0), RC_ENOTSUP);
    CHECK_INT(g2.n, 0);
    /* garbage, empty, and root elements that are not feeds, in memory */
    rc_read_opts o = {0};
    fgot g3 = {0};
    rc_reader_cb cb = {on_doc, on_err, &g3};
    CHECK_INT(rc_read_feed_bytes("\x01\x02 not xml at all", 17, "mem", &o, &cb), RC_EPARSE);
    CHECK_INT(rc_read_feed_bytes("", 0, "mem", &o, &cb), RC_EEMPTY);
    CHECK_INT(rc_read_feed_bytes("<html><body/></html>", 20, "mem", &o, &cb), RC_ENOTSUP);
    CHECK_INT(rc_read_feed_bytes("<rss><channel><item><title>t</title><description>d", 51, "mem", &o, &cb),
              RC_EPARSE);
    CHECK_INT(g3.n, 1);                                  /* the cut item is still read */
    /* over the size limit */
    rc_read_opts small = {.max_doc_bytes = 10};
    CHECK_INT(rc_read_feed_bytes("<rss><channel></channel></rss>", 30, "mem", &small, &cb), RC_ETOOBIG);
}

TEST(feed_directory_page_wins_and_same_link_once)
{
    char path[400];
    snprintf(path, sizeof path, "%s/feeds/page-wins", rc_test_fixtures());
    fgot g = {0};
    rc_read_opts o = {.skipped = on_skip, .skipped_ud = &g};
    rc_reader_cb cb = {on_doc, on_err, &g};
    CHECK_INT(rc_read_path(path, &o, &cb), 0);
    CHECK_INT(g.nerr, 0);
    /* a-feed.rss sorts first but is read last; two of its items have their
     * page in the directory (HTML canonical link, JSONL url), the third is
     * repeated by the second feed with another URL spelling */
    CHECK_INT(g.n, 4);
    CHECK_CONTAINS(g.ids[0], "b-page.html");
    CHECK(strcmp(g.ids[1], "jsonl-1") == 0);
    CHECK(strcmp(g.ids[2], "pw-3") == 0);
    CHECK(strcmp(g.ids[3], "pw-4") == 0);
    CHECK_INT(fskipped(&g, "already read"), 3);
    /* the same feed named alone: every item is read */
    char feed[450];
    snprintf(feed, sizeof feed, "%s/a-feed.rss", path);
    fgot g2 = {0};
    rc_reader_cb cb2 = {on_doc, on_err, &g2};
    CHECK_INT(rc_read_path(feed, &o, &cb2), 0);
    CHECK_INT(g2.n, 3);
}

TEST(feed_xml_in_directory_sniffed)
{
    char path[400];
    snprintf(path, sizeof path, "%s/feeds", rc_test_fixtures());
    fgot g = {0};
    rc_read_opts o = {0};
    rc_reader_cb cb = {on_doc, on_err, &g};
    /* the whole fixture directory: sitemap.xml is ignored, rdf.xml read, the
     * hostile and broken feeds reported */
    int rc = rc_read_path(path, &o, &cb);
    CHECK(rc == RC_EPARSE);
    CHECK_INT(g.nerr, 3);                    /* billion-laughs, broken, xxe */
    for (int i = 0; i < g.nerr; i++)
        CHECK(strstr(g.errs[i], "sitemap") == NULL);
    int rdf = 0;
    for (int i = 0; i < g.n && i < MAXD; i++)
        rdf += strcmp(g.ids[i], "https://echo-du-causse.example/foire-aux-ovins") == 0;
    CHECK_INT(rdf, 1);
}

TEST(feed_sniff_root_elements)
{
    CHECK(rc_feed_sniff("<rss version=\"2.0\">", 19));
    CHECK(rc_feed_sniff("\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- c -->\n<feed xmlns=\"x\">", 51));
    CHECK(rc_feed_sniff("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"b\">]><rss>", 58));
    CHECK(rc_feed_sniff("<rdf:RDF xmlns:rdf=\"x\">", 23));
    CHECK(!rc_feed_sniff("<urlset>", 8));
    CHECK(!rc_feed_sniff("<html><rss>", 11));
    CHECK(!rc_feed_sniff("<feedback/>", 11));
    CHECK(!rc_feed_sniff("text <rss>", 10));
    CHECK(!rc_feed_sniff("<?xml version=\"1.0\"", 19));
}

TEST(input_url_keys)
{
    char a[256], b[256];
    static const char *same[][2] = {
        {"https://www.Example.org/a/b/?utm_source=rss&utm_medium=x#frag", "http://example.org/a/b"},
        {"http://example.org:80/a?id=3&xtor=RSS-1", "https://example.org/a?id=3"},
        {"https://example.org/a?x=1&amp;utm_campaign=c&amp;y=2", "https://example.org/a?x=1&y=2"},
        {"  //example.org/  ", "https://example.org"},
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        CHECK(rc_url_key(rc_str_c(same[i][0]), a, sizeof a) > 0);
        CHECK(rc_url_key(rc_str_c(same[i][1]), b, sizeof b) > 0);
        if (strcmp(a, b) != 0)
            fprintf(stderr, "  url key: %s -> %s, %s -> %s\n", same[i][0], a, same[i][1], b);
        CHECK(strcmp(a, b) == 0);
    }
    CHECK(rc_url_key(rc_str_c("https://example.org/A"), a, sizeof a) > 0);
    CHECK(rc_url_key(rc_str_c("https://example.org/a"), b, sizeof b) > 0);
    CHECK(strcmp(a, b) != 0);                           /* paths keep their case */
    CHECK(rc_url_key(rc_str_c("https://example.org/a?id=3"), a, sizeof a) > 0);
    CHECK(rc_url_key(rc_str_c("https://example.org/a?id=4"), b, sizeof b) > 0);
    CHECK(strcmp(a, b) != 0);                           /* real parameters count */
    CHECK_INT(rc_url_key(rc_str_c(""), a, sizeof a), 0);
    CHECK_INT(rc_url_key(rc_str_c("https://example.org/a-long-path"), a, 10), 0);
}

TEST(input_raw_and_forced_format_are_not_sniffed)
{
    char path[400];
    snprintf(path, sizeof path, "%s/feeds/rss2-cdata.rss", rc_test_fixtures());
    char copy[64];
    snprintf(copy, sizeof copy, "/tmp/rc-test-feed-XXXXXX");
    int fd = mkstemp(copy);
    CHECK(fd >= 0);
    FILE *in = fopen(path, "rb"), *out = fdopen(fd, "wb");
    CHECK(in && out);
    char buf[4096];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, k, out);
    fclose(in);
    fclose(out);
    /* no extension: sniffed as a feed */
    fgot g = {0};
    rc_read_opts o = {0};
    rc_reader_cb cb = {on_doc, on_err, &g};
    CHECK_INT(rc_read_path(copy, &o, &cb), 0);
    CHECK_INT(g.n, 3);
    /* --raw: one document, the bytes as they are */
    fgot g2 = {0};
    rc_read_opts raw = {.raw = 1};
    rc_reader_cb cb2 = {on_doc, on_err, &g2};
    CHECK_INT(rc_read_path(copy, &raw, &cb2), 0);
    CHECK_INT(g2.n, 1);
    CHECK(strcmp(g2.ids[0], copy) == 0);
    CHECK(strncmp(g2.body[0], "<?xml", 5) == 0);
    /* --format text: the same */
    fgot g3 = {0};
    rc_read_opts text = {.format = RC_FMT_TEXT};
    rc_reader_cb cb3 = {on_doc, on_err, &g3};
    CHECK_INT(rc_read_path(copy, &text, &cb3), 0);
    CHECK_INT(g3.n, 1);
    unlink(copy);
}
