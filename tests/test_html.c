/* Tests of the HTML extractor (src/html.c) and date helpers (src/pubdate.c). */
#include "test.h"
#include "html.h"
#include "pubdate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read tests/fixtures/html/NAME into a malloc'd buffer (NULL if missing). */
static char *fixture(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/html/%s", rc_test_fixtures(), name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b) {
        b[n] = 0;
        *len = (size_t)n;
    }
    return b;
}

static int extract_file(rc_arena *a, const char *name, const char *url, rc_str *text, rc_html_meta *m)
{
    size_t n = 0;
    char *h = fixture(name, &n);
    if (!h)
        return -100;
    int rc = rc_html_extract(a, (rc_str){h, n}, rc_str_c(url), text, m);
    free(h);
    return rc;
}

TEST(html_article_fr_furniture_removed)
{
    rc_arena *a = rc_arena_new(0);
    rc_str text;
    rc_html_meta m;
    CHECK_INT(extract_file(a, "article-fr.html", "https://gazette.example.fr/economie/x", &text, &m), RC_OK);
    const char *t = text.ptr;
    CHECK_CONTAINS(t, "Dans le vignoble alsacien, les sécateurs sont sortis");
    CHECK_CONTAINS(t, "«\xC2\xA0Nous avons dû rappeler les saisonniers en urgence\xC2\xA0»");   /* nbsp kept */
    CHECK_CONTAINS(t, "Des grappes plus petites");                      /* subheading kept */
    CHECK_CONTAINS(t, "Le changement climatique n'est plus une hypothèse"); /* block quote kept */
    CHECK_CONTAINS(t, "Courte phrase finale.");                         /* short paragraph kept */
    CHECK_NOT_CONTAINS(t, "Lire aussi");
    CHECK_NOT_CONTAINS(t, "sécheresse inquiète");
    CHECK_NOT_CONTAINS(t, "cookies");
    CHECK_NOT_CONTAINS(t, "Politique");
    CHECK_NOT_CONTAINS(t, "Partager");
    CHECK_NOT_CONTAINS(t, "Claire Muller");                             /* byline not in text */
    CHECK_NOT_CONTAINS(t, "Photo : Jean Weber");                        /* image credit */
    CHECK_NOT_CONTAINS(t, "Un incendie");
    CHECK_NOT_CONTAINS(t, "Votre nom");
    CHECK_NOT_CONTAINS(t, "Tous droits");
    CHECK_NOT_CONTAINS(t, "Les vendanges avancées de trois semaines");  /* title not repeated */
    CHECK_CONTAINS(t, "sont sortis dès la dernière semaine d'août, du jamais-vu de mémoire de vigneron. La chaleur");
    CHECK_CONTAINS(t, "de bonne qualité malgré des volumes en baisse.\n\nDes grappes plus petites\n\nLes grains");
    CHECK_STR(m.title, "Les vendanges avancées de trois semaines en Alsace");
    CHECK_STR(m.site, "La Gazette du Rhin");
    CHECK_STR(m.author, "Claire Muller");
    CHECK_STR(m.published, "2022-09-02T07:15:00+02:00");      /* not the modified time */
    CHECK_STR(m.published_how, "meta");
    CHECK_STR(m.url, "https://gazette.example.fr/economie/vendanges-alsace.html");
    CHECK_STR(m.lang, "fr-FR");
    CHECK_STR(m.description, "Les viticulteurs alsaciens ont commencé la récolte fin août.");
    CHECK(text.ptr[text.len] == 0);
    rc_arena_free(a);
}

TEST(html_split_containers_and_jsonld_graph)
{
    rc_arena *a = rc_arena_new(0);
    rc_str text;
    rc_html_meta m;
    CHECK_INT(extract_file(a, "split-en.html", "", &text, &m), RC_OK);
    const char *t = text.ptr;
    CHECK_CONTAINS(t, "The city council voted seven to two");
    CHECK_CONTAINS(t, "Opponents argued that the project would remove");
    CHECK_CONTAINS(t, "Construction is expected to begin in September");   /* list kept */
    CHECK_CONTAINS(t, "The mayor said she would meet shop owners");
    CHECK_NOT_CONTAINS(t, "Patio World");
    CHECK_NOT_CONTAINS(t, "Related stories");
    CHECK_NOT_CONTAINS(t, "Harbor Street traffic study");
    CHECK_NOT_CONTAINS(t, "Opinion");
    CHECK_NOT_CONTAINS(t, "All rights reserved");
    CHECK_NOT_CONTAINS(t, "By Dana");
    CHECK_STR(m.title, "City council approves new bike lanes");
    CHECK_STR(m.author, "Dana Whitfield, Omar Haddad");
    CHECK_STR(m.published, "2023-04-18T16:45:00Z");
    CHECK_STR(m.published_how, "json-ld");
    CHECK_STR(m.site, "Riverside Herald");
    rc_arena_free(a);
}

TEST(html_home_page_gives_little)
{
    rc_arena *a = rc_arena_new(0);
    rc_str text;
    rc_html_meta m;
    CHECK_INT(extract_file(a, "home.html", "https://herald.example.com/", &text, &m), RC_OK);
    CHECK(text.len < 120);
    CHECK_NOT_CONTAINS(text.ptr, "Obituaries");
    CHECK_NOT_CONTAINS(text.ptr, "Privacy policy");
    CHECK(m.published.ptr == NULL);
    rc_arena_free(a);
}

TEST(html_visible_french_date)
{
    rc_arena *a = rc_arena_new(0);
    rc_str text;
    rc_html_meta m;
    CHECK_INT(extract_file(a, "visible-date-fr.html", "https://ville.example.fr/tram", &text, &m), RC_OK);
    CHECK_STR(m.published, "2022-11-14T09:30:00");
    CHECK_STR(m.published_how, "text");
    CHECK_CONTAINS(text.ptr, "Les travaux de prolongement de la ligne B");
    CHECK_NOT_CONTAINS(text.ptr, "Accueil");
    CHECK_STR(m.title, "Le tramway prolongé jusqu'à la gare");
    rc_arena_free(a);
}

static const char *para =
    "<p>Le conseil municipal a voté mardi soir le budget de la nouvelle médiathèque, "
    "qui doit ouvrir ses portes dans deux ans au centre de la commune, selon le maire.</p>\n";

/* Build a small article page around `head` and `body_extra`. */
static char *page(const char *head, const char *body_extra)
{
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_buf_printf(&b, "<html><head>%s</head><body>%s<div class=\"content\">", head, body_extra);
    for (int i = 0; i < 4; i++)
        rc_buf_puts(&b, para);
    rc_buf_puts(&b, "</div></body></html>");
    return b.ptr;
}

static int extract_str(rc_arena *a, const char *html, const char *url, rc_str *text, rc_html_meta *m)
{
    return rc_html_extract(a, rc_str_c(html), rc_str_c(url), text, m);
}

TEST(html_date_sources)
{
    rc_arena *a = rc_arena_new(0);
    rc_str text;
    rc_html_meta m;
    char *h;

    /* <time datetime> */
    h = page("<title>x</title>", "<time datetime=\"2021-03-05T10:00:00+01:00\">5 mars</time>");
    CHECK_INT(extract_str(a, h, "", &text, &m), RC_OK);
    free(h);
    CHECK_STR(m.published, "2021-03-05T10:00:00+01:00");
    CHECK_STR(m.published_how, "time");

    /* itemprop=datePublished beats a plain time */
    h = page("", "<time datetime=\"2021-04-01\">x</time><span itemprop=\"datePublished\" content=\"2021-03-30\">30 mars</span>");
    CHECK_INT(extract_str(a, h, "", &text, &m), RC_OK);
    free(h);
    CHECK_STR(m.published, "2021-03-30");

    /* date in the URL */
    h = page("<title>x</title>", "");
    CHECK_INT(extract_str(a, h, "https://news.example.com/2022/11/14/budget-vote/", &text, &m), RC_OK);
    free(h);
    CHECK_STR(m.published, "2022-11-14");
    CHECK_STR(m.published_how, "url");

    /* JSON-LD array, malformed JSON-LD skipped */
    h = page("<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", oops</script>"
             "<script type=\"application/ld+json\">[{\"@type\":\"Organization\",\"name\":\"Le Petit Quotidien\"},"
             "{\"@type\":[\"NewsArticle\"],\"headline\":\"Une m&eacute;diath&egrave;que\",\"datePublished\":\"2020-01-31\","
             "\"author\":{\"@type\":\"Person\",\"name\":\"Luc Besnard\"}}]</script>", "");
    CHECK_INT(extract_str(a, h, "", &text, &m), RC_OK);
    free(h);
    CHECK_STR(m.published, "2020-01-31");
    CHECK_STR(m.published_how, "json-ld");
    CHECK_STR(m.author, "Luc Besnard");
    CHECK_STR(m.site, "Le Petit Quotidien");

    /* English visible date, modified date ignored */
    h = page("", "<p class=\"dateline\">Updated March 3, 2023. Published Nov. 14, 2022</p>");
    CHECK_INT(extract_str(a, h, "", &text, &m), RC_OK);
    free(h);
    CHECK_STR(m.published, "2022-11-14");
    rc_arena_free(a);
}

TEST(html_title_site_suffix_and_author_meta)
{
    rc_arena *a = rc_arena_new(0);
    rc_str text;
    rc_html_meta m;
    char *h = page("<title>Une médiathèque pour 2025 | Le Journal de Vienne</title>"
                   "<meta name=\"author\" content=\"Sophie Arnaud\">"
                   "<meta name=\"application-name\" content=\"Le Journal de Vienne\">", "");
    CHECK_INT(extract_str(a, h, "", &text, &m), RC_OK);
    free(h);
    CHECK_STR(m.title, "Une médiathèque pour 2025");
    CHECK_STR(m.author, "Sophie Arnaud");
    CHECK_STR(m.site, "Le Journal de Vienne");
    /* <br> inside a paragraph gives a newline, paragraphs a blank line */
    CHECK_INT(extract_str(a, "<html><body><article><p>Premier vers de la strophe, assez long pour compter,<br>"
                             "second vers qui suit le premier sans rien dire de plus.</p><p>Une autre phrase "
                             "pour faire un paragraphe de plus dans cet article de test, voilà.</p></article></body></html>",
                          "", &text, &m), RC_OK);
    CHECK_STR(text, "Premier vers de la strophe, assez long pour compter,\nsecond vers qui suit le premier sans "
                    "rien dire de plus.\n\nUne autre phrase pour faire un paragraphe de plus dans cet article de "
                    "test, voilà.");
    rc_arena_free(a);
}

TEST(html_meta_charset_does_not_redecode)
{
    rc_arena *a = rc_arena_new(0);
    rc_str text;
    rc_html_meta m;
    char *h = page("<meta charset=\"iso-8859-1\"><title>Élections à Besançon</title>", "");
    CHECK_INT(extract_str(a, h, "", &text, &m), RC_OK);
    free(h);
    CHECK_STR(m.title, "Élections à Besançon");
    CHECK_CONTAINS(text.ptr, "médiathèque");
    rc_arena_free(a);
}

TEST(html_hostile_deep_nesting)
{
    rc_arena *a = rc_arena_new(0);
    rc_buf b;
    rc_buf_init(&b, 0);
    for (int i = 0; i < 100000; i++)
        rc_buf_puts(&b, "<div>");
    rc_buf_puts(&b, para);
    for (int i = 0; i < 100000; i++)
        rc_buf_puts(&b, "</div>");
    CHECK_INT(b.err, 0);
    rc_str text;
    rc_html_meta m;
    int rc = rc_html_extract(a, rc_buf_str(&b), RC_STR_NULL, &text, &m);
    rc_buf_free(&b);
    CHECK(rc == RC_OK || rc == RC_EPARSE);
    rc_arena_free(a);
}

TEST(html_hostile_big_page)
{
    rc_arena *a = rc_arena_new(0);
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_buf_puts(&b, "<html><body><div class=\"article\">");
    while (b.len < ((size_t)50 << 20))
        rc_buf_puts(&b, para);
    rc_buf_puts(&b, "</div></body></html>");
    CHECK_INT(b.err, 0);
    rc_str text;
    rc_html_meta m;
    int rc = rc_html_extract(a, rc_buf_str(&b), RC_STR_NULL, &text, &m);
    rc_buf_free(&b);
    CHECK(rc == RC_OK || rc == RC_EPARSE || rc == RC_ETOOBIG);
    if (rc == RC_OK)
        CHECK(text.len > 1000);
    rc_arena_free(a);
}

TEST(html_hostile_scripts_and_garbage)
{
    rc_arena *a = rc_arena_new(0);
    rc_str text;
    rc_html_meta m;
    rc_buf b;
    rc_buf_init(&b, 0);
    for (int i = 0; i < 20000; i++)
        rc_buf_puts(&b, "<script>var x = '<p>not text</p>'; for (;;) {}</script><style>p{}</style>");
    CHECK_INT(rc_html_extract(a, rc_buf_str(&b), RC_STR_NULL, &text, &m), RC_OK);
    CHECK_INT(text.len, 0);
    rc_buf_clear(&b);
    uint32_t x = 12345;
    for (int i = 0; i < 1000000; i++) {
        x = x * 1103515245u + 12345u;
        rc_buf_putc(&b, (char)(x >> 16));
    }
    int rc = rc_html_extract(a, rc_buf_str(&b), RC_STR_NULL, &text, &m);
    CHECK(rc == RC_OK || rc == RC_EPARSE);
    CHECK_INT(rc_html_extract(a, RC_STR_NULL, RC_STR_NULL, &text, &m), RC_OK);
    CHECK_INT(text.len, 0);
    rc_buf_free(&b);
    rc_arena_free(a);
}

TEST(pubdate_formats)
{
    char d[RC_PUBDATE_MAX];
    CHECK(rc_pubdate_parse(RC_STR_LIT("2022-11-14T09:30:00+0100"), 0, d));
    CHECK(strcmp(d, "2022-11-14T09:30:00+01:00") == 0);
    CHECK(rc_pubdate_parse(RC_STR_LIT("Mon, 14 Nov 2022 09:30:00 GMT"), 0, d));
    CHECK(strcmp(d, "2022-11-14T09:30:00Z") == 0);
    CHECK(rc_pubdate_parse(RC_STR_LIT("14 novembre 2022"), 0, d) && strcmp(d, "2022-11-14") == 0);
    CHECK(rc_pubdate_parse(RC_STR_LIT("1er février 2021"), 0, d) && strcmp(d, "2021-02-01") == 0);
    CHECK(rc_pubdate_parse(RC_STR_LIT("14. März 2022"), 0, d) && strcmp(d, "2022-03-14") == 0);
    CHECK(rc_pubdate_parse(RC_STR_LIT("14 de noviembre de 2022"), 0, d) && strcmp(d, "2022-11-14") == 0);
    CHECK(rc_pubdate_parse(RC_STR_LIT("November 14, 2022"), 0, d) && strcmp(d, "2022-11-14") == 0);
    CHECK(rc_pubdate_parse(RC_STR_LIT("Nov. 4th, 2022"), 0, d) && strcmp(d, "2022-11-04") == 0);
    CHECK(rc_pubdate_parse(RC_STR_LIT("03/04/2022"), 0, d) && strcmp(d, "2022-04-03") == 0);
    CHECK(rc_pubdate_parse(RC_STR_LIT("03/04/2022"), 1, d) && strcmp(d, "2022-03-04") == 0);
    CHECK(rc_pubdate_parse(RC_STR_LIT("20221114"), 0, d) && strcmp(d, "2022-11-14") == 0);
    CHECK(!rc_pubdate_parse(RC_STR_LIT("31/02/2022"), 0, d));
    CHECK(!rc_pubdate_parse(RC_STR_LIT("1850-01-01"), 0, d));
    CHECK(!rc_pubdate_parse(RC_STR_LIT("tomorrow"), 0, d));
    size_t at = 0;
    CHECK(rc_pubdate_find(RC_STR_LIT("Prix : 12,50 €. Publié le 14/11/2022 à 09h30"), 0, 1000, d, &at));
    CHECK(strcmp(d, "2022-11-14T09:30:00") == 0);
    CHECK_INT(at, 29);   /* bytes: "€" and "é" are multi-byte */
    CHECK(!rc_pubdate_find(RC_STR_LIT("Call 06 12 34 56 78 or see page 2022"), 0, 1000, d, NULL));
    CHECK(rc_pubdate_from_url(RC_STR_LIT("https://x.fr/2022/11/14/titre"), d) && strcmp(d, "2022-11-14") == 0);
    CHECK(rc_pubdate_from_url(RC_STR_LIT("https://x.fr/news/2022-11-14-titre.html"), d));
    CHECK(!rc_pubdate_from_url(RC_STR_LIT("https://2022.x.fr/a/2022/11/"), d));
    CHECK(!rc_pubdate_from_url(RC_STR_LIT("https://blog.x.de/2023/10/3-fragen-an-tina/"), d));
    CHECK(rc_pubdate_from_url(RC_STR_LIT("https://x.com/2023/10/3/fragen"), d) && strcmp(d, "2023-10-03") == 0);
}

TEST(html_misnested_markup_keeps_article)
{
    rc_arena *a = rc_arena_new(0);
    rc_str text;
    rc_html_meta m;
    /* an unclosed <button> and an unclosed hidden menu: the parser nests the
     * whole article inside them */
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_buf_puts(&b, "<html><body><div class=\"menu-bar\"><button class=\"toggle\">Menu"
                    "<div class=\"hidden\"><a href=\"/\">Accueil</a> <a href=\"/sport\">Sport</a>"
                    "<div class=\"field-label-hidden article\">");
    for (int i = 0; i < 4; i++)
        rc_buf_puts(&b, para);
    rc_buf_puts(&b, "</body></html>");
    CHECK_INT(rc_html_extract(a, rc_buf_str(&b), RC_STR_NULL, &text, &m), RC_OK);
    rc_buf_free(&b);
    CHECK_CONTAINS(text.ptr, "Le conseil municipal a voté mardi soir");
    CHECK_NOT_CONTAINS(text.ptr, "Accueil");
    rc_arena_free(a);
}

TEST(html_hint_words_need_whole_meaning)
{
    rc_arena *a = rc_arena_new(0);
    rc_str text;
    rc_html_meta m;
    /* "has-sidebar", "Section--Ads" and "widget" wrappers are not furniture;
     * a real share bar and a cookie notice inside the body are */
    char *h = page("", "<div class=\"layout has-sidebar\"><div class=\"Section--Ads hs_widget\">"
                       "<p>Les travaux du nouveau pont débuteront en mars, après deux années d'études et de "
                       "concertation avec les habitants du quartier, a précisé la mairie.</p>"
                       "<div class=\"share-bar\">Partager Facebook Twitter</div>"
                       "<div class=\"cookieNotice\">Ce site utilise des traceurs pour mesurer l'audience et "
                       "vous proposer des contenus adaptés, comme l'indique notre politique.</div></div></div>");
    CHECK_INT(extract_str(a, h, "", &text, &m), RC_OK);
    free(h);
    CHECK_CONTAINS(text.ptr, "Les travaux du nouveau pont débuteront en mars");
    CHECK_CONTAINS(text.ptr, "médiathèque");
    CHECK_NOT_CONTAINS(text.ptr, "Partager");
    CHECK_NOT_CONTAINS(text.ptr, "traceurs");
    rc_arena_free(a);
}

TEST(html_noscript_article_and_duplicates)
{
    rc_arena *a = rc_arena_new(0);
    rc_str text;
    rc_html_meta m;
    /* a blog engine that puts the post in a script template and a <noscript>
     * copy: the copy is the text; a paragraph given twice is kept once */
    const char *h = "<html><body><div class=\"header\"><a href=\"/\">Blog</a></div>"
                    "<div class=\"post-body\" itemprop=\"articleBody\">"
                    "<script type=\"text/template\"><p>Template copy of the post.</p></script>"
                    "<noscript><p>Over the past few years we have seen threats on the web becoming "
                    "increasingly sophisticated, and phishing sites rotate their domains quickly.</p>"
                    "<p>To combat them, the new protection checks the pages you visit against a list "
                    "that is updated in real time, as the team explained on Tuesday.</p></noscript>"
                    "<p>To combat them, the new protection checks the pages you visit against a list "
                    "that is updated in real time, as the team explained on Tuesday.</p>"
                    "</div></body></html>";
    CHECK_INT(rc_html_extract(a, rc_str_c(h), RC_STR_NULL, &text, &m), RC_OK);
    CHECK_CONTAINS(text.ptr, "increasingly sophisticated");
    CHECK_NOT_CONTAINS(text.ptr, "Template copy");
    const char *first = text.ptr ? strstr(text.ptr, "To combat them") : NULL;
    CHECK(first != NULL);
    CHECK(first == NULL || strstr(first + 1, "To combat them") == NULL);
    rc_arena_free(a);
}

TEST(html_short_post_and_nul_bytes)
{
    rc_arena *a = rc_arena_new(0);
    rc_str text;
    rc_html_meta m;
    /* a three-line blog post is still an article */
    const char *h = "<html><body><div id=\"content\"><div class=\"post hentry\">"
                    "<h2>Die Möglichkeit nichts zu tun</h2>"
                    "<p>„Ich weiß, ich bin müde und sollte das vielleicht nicht sagen, oder?“</p>"
                    "<p>– „Dann sag es nicht.“</p><p>– „Ok.“</p></div></div>"
                    "<ul class=\"nav\"><li><a href=\"/a\">Archiv</a></li><li><a href=\"/b\">Kategorien</a></li>"
                    "</ul></body></html>";
    CHECK_INT(rc_html_extract(a, rc_str_c(h), RC_STR_NULL, &text, &m), RC_OK);
    CHECK_CONTAINS(text.ptr, "sollte das vielleicht nicht sagen");
    CHECK_NOT_CONTAINS(text.ptr, "Archiv");
    /* a NUL byte in the page (a broken template) does not end it */
    static const char nul[] = "<html><body><div class=\"banner\"><img src=\"x.gif\">\0\0\0</div>"
                              "<div class=\"article\"><p>Le conseil municipal a voté mardi soir le budget de "
                              "la commune, après un débat de trois heures sur les investissements.</p>"
                              "<p>La majorité a défendu la hausse des dépenses pour les écoles et la "
                              "rénovation de la piscine, que l'opposition juge trop coûteuse.</p></div>"
                              "</body></html>";
    CHECK_INT(rc_html_extract(a, (rc_str){nul, sizeof nul - 1}, RC_STR_NULL, &text, &m), RC_OK);
    CHECK_CONTAINS(text.ptr, "Le conseil municipal a voté mardi soir");
    rc_arena_free(a);
}
