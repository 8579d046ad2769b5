/* Tests of the pipeline (src/pipeline.c): stages wired together, inputs
 * given precedence over the page, bad inputs as errors. */
#include "test.h"

static const rc_doc *run(rc_pipeline *p, const char *body, size_t len, rc_format fmt, int unicode,
                         int *rc)
{
    rc_input in = {.id = RC_STR_LIT("t"), .body = {body, len}, .format = fmt,
                   .body_is_unicode = unicode};
    const rc_doc *d = NULL;
    *rc = rc_pipeline_run(p, &in, &d);
    return d;
}

/* libxml2 stops at a NUL byte: text after a stray run of NULs must survive. */
TEST(pipeline_nul_bytes_in_html)
{
    rc_pipeline *p = rc_pipeline_new(NULL);
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_buf_puts(&b, "<html><body><article><p>Avant les octets nuls, un premier paragraphe assez "
                    "long pour compter dans la page du journal.</p>");
    for (int i = 0; i < 200; i++)
        rc_buf_puts(&b, "<!-- remplissage pour passer les premiers kilo-octets -->");
    rc_buf_append(&b, "\0\0\0\0", 4);
    rc_buf_puts(&b, "<p>Après les octets nuls, la suite de l'article reste lisible pour le lecteur "
                    "et pour le moteur de recoupement.</p></article></body></html>");
    for (int unicode = 0; unicode <= 1; unicode++) {
        int rc;
        const rc_doc *d = run(p, b.ptr, b.len, RC_FMT_HTML, unicode, &rc);
        CHECK_INT(rc, 0);
        CHECK_CONTAINS(d->text.ptr, "Avant les octets nuls");
        CHECK_CONTAINS(d->text.ptr, "la suite de l'article reste lisible");
    }
    rc_buf_free(&b);
    rc_pipeline_free(p);
}

TEST(pipeline_input_fields_win)
{
    rc_pipeline *p = rc_pipeline_new(NULL);
    const char *html = "<html lang=\"en\"><head><title>Page title</title>"
                       "<meta property=\"article:published_time\" content=\"2024-01-02\"></head>"
                       "<body><article><p>Le gouvernement a présenté lundi un projet de loi sur "
                       "l'eau, qui sera débattu au Parlement le mois prochain.</p></article></body></html>";
    rc_input in = {.id = RC_STR_LIT(" id with spaces "), .body = rc_str_c(html), .format = RC_FMT_HTML,
                   .title = RC_STR_LIT("Given title"), .published = RC_STR_LIT("2025-03-03")};
    const rc_doc *d;
    CHECK_INT(rc_pipeline_run(p, &in, &d), 0);
    CHECK_STR(d->id, " id with spaces ");           /* ids are kept exactly */
    CHECK_STR(d->title, "Given title");
    CHECK_STR(d->published, "2025-03-03");
    CHECK_STR(d->published_how, "input");
    CHECK_INT(d->lang, RC_LANG_FR);                  /* the text, not <html lang> */
    CHECK(d->n_dates >= 1);                          /* "lundi" resolved */
    rc_pipeline_free(p);
}

TEST(pipeline_errors)
{
    rc_options o = {.max_doc_bytes = 100};
    rc_pipeline *p = rc_pipeline_new(&o);
    int rc;
    run(p, "", 0, RC_FMT_TEXT, 0, &rc);
    CHECK_INT(rc, RC_EEMPTY);
    char big[200];
    memset(big, 'a', sizeof big);
    run(p, big, sizeof big, RC_FMT_TEXT, 0, &rc);
    CHECK_INT(rc, RC_ETOOBIG);
    CHECK_CONTAINS(rc_pipeline_errmsg(p), "over the limit");
    run(p, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, RC_FMT_AUTO, 0, &rc);
    CHECK_INT(rc, RC_EBINARY);
    rc_pipeline_free(p);
}

/* A scraped page's dateline, dropped with the furniture, dates the page and
 * anchors its relative dates; a date inside the article does not. */
TEST(pipeline_scraped_dateline)
{
    rc_pipeline *p = rc_pipeline_new(NULL);
    const char *page =
        "Crue : la préfecture dément la rupture du barrage\n"
        "Please Wait...\n"
        "Accueil / Actualités\n"
        "Publié le 3 mars 2025 à 21:47 par La rédaction\n"
        "Partager sur Facebook\n"
        "\n"
        "La préfète a démenti hier soir toute rupture du barrage, selon un communiqué publié dans la nuit.\n"
        "Les secours restent mobilisés autour de la commune, où plusieurs routes sont toujours coupées.\n";
    int rc;
    const rc_doc *d = run(p, page, strlen(page), RC_FMT_TEXT, 0, &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(d->published, "2025-03-03T21:47:00");
    CHECK_STR(d->published_how, "dateline");
    int found = 0;
    for (size_t i = 0; i < d->n_dates; i++)
        if (rc_str_eq_c(d->dates[i].value, "2025-03-02TEV"))
            found = 1;
    CHECK(found);   /* "hier soir" against the dateline */

    const char *nodate =
        "Crue : la préfecture dément la rupture du barrage\n"
        "Partager sur Facebook\n"
        "Le 3 mars 2021, la préfète avait déjà démenti une rumeur semblable devant la presse locale.\n"
        "Les secours restent mobilisés autour de la commune, où plusieurs routes sont toujours coupées.\n";
    d = run(p, nodate, strlen(nodate), RC_FMT_TEXT, 0, &rc);
    CHECK_INT(rc, 0);
    CHECK(rc_str_empty(d->published));
    rc_pipeline_free(p);
}

/* The headline, byline and date line inside the article container do not
 * open the text (the title is not repeated there: contract); a short first
 * paragraph that is text stays. */
TEST(pipeline_html_head_furniture)
{
    rc_pipeline *p = rc_pipeline_new(NULL);
    const char *page =
        "<html><head><meta property=\"og:title\" content=\"Crue : un mort, la préfecture dément la "
        "rupture du barrage\"></head><body><article>"
        "<h1>Crue : un mort, la préfecture dément la rupture du barrage</h1>"
        "<span class=\"auteur\">Par Julien Marchal</span>"
        "<p class=\"date\"><time datetime=\"2025-03-04T11:45:00+01:00\">Publié le 04/03/2025 à 11h45, "
        "mis à jour à 13h10</time></p>"
        "<p>Un homme de 74 ans a été retrouvé mort lundi dans sa voiture, emportée par les eaux sur une "
        "route inondée près de la commune, a confirmé mardi matin la préfète lors d'un point presse.</p>"
        "<p>La rumeur d'une rupture du barrage a circulé toute la nuit sur les réseaux sociaux, provoquant "
        "l'inquiétude des habitants, dont certains ont appelé les secours en pleine nuit.</p>"
        "</article></body></html>";
    int rc;
    const rc_doc *d = run(p, page, strlen(page), RC_FMT_HTML, 1, &rc);
    CHECK_INT(rc, 0);
    CHECK(strncmp(d->text.ptr, "Un homme de 74 ans", 18) == 0);
    CHECK(strstr(d->text.ptr, "Par Julien") == NULL);
    CHECK(strstr(d->text.ptr, "Publié le") == NULL);
    CHECK_CONTAINS(d->text.ptr, "La rumeur d'une rupture");

    const char *lead =
        "<html><body><article><p>Alerte rouge dans la Meurthe.</p>"
        "<p>Un homme de 74 ans a été retrouvé mort lundi dans sa voiture, emportée par les eaux sur une "
        "route inondée près de la commune, a confirmé mardi matin la préfète lors d'un point presse.</p>"
        "</article></body></html>";
    d = run(p, lead, strlen(lead), RC_FMT_HTML, 1, &rc);
    CHECK_INT(rc, 0);
    CHECK(strncmp(d->text.ptr, "Alerte rouge dans la Meurthe.", 29) == 0);
    rc_pipeline_free(p);
}
