/* Tests of textclean.c: one case per rule, then realistic scraped articles
 * (tests/fixtures/text/NAME.txt -> NAME.expected). */
#include "test.h"
#include "normalize.h"
#include "textclean.h"

#include <stdio.h>
#include <stdlib.h>

/* Clean `text` (normalised first, as the pipeline does). */
static rc_str clean(rc_arena *a, const char *text, const char *title, rc_str *title_out)
{
    rc_str norm, out = RC_STR_NULL;
    if (rc_normalize_text(a, rc_str_c(text), &norm))
        return RC_STR_NULL;
    if (rc_textclean(a, norm, rc_str_c(title ? title : ""), &out, title_out))
        return RC_STR_NULL;
    return out;
}

/* A body of real paragraphs around the line under test. */
#define P1 "Le gouvernement a présenté mardi un projet de loi sur l'énergie, qui doit être examiné au Parlement avant l'été."
#define P2 "Les députés de l'opposition ont annoncé qu'ils déposeraient plusieurs centaines d'amendements lors de l'examen du texte."
#define E1 "The government published its energy bill on Tuesday, and ministers said it would be debated in parliament before the summer."
#define E2 "Opposition lawmakers said they would table hundreds of amendments when the bill reaches the committee stage next month."

#define DROPS(line) do {                                                    \
        rc_str o_ = clean(a, P1 "\n" line "\n" P2, "", NULL);                \
        CHECK_STR(o_, P1 "\n\n" P2);                                         \
    } while (0)
#define DROPS_EN(line) do {                                                 \
        rc_str o_ = clean(a, E1 "\n" line "\n" E2, "", NULL);                \
        CHECK_STR(o_, E1 "\n\n" E2);                                         \
    } while (0)
#define KEEPS(line) do {                                                    \
        rc_str o_ = clean(a, P1 "\n" line "\n" P2, "", NULL);                \
        CHECK_STR(o_, P1 "\n\n" line "\n\n" P2);                             \
    } while (0)
#define KEEPS_EN(line) do {                                                 \
        rc_str o_ = clean(a, E1 "\n" line "\n" E2, "", NULL);                \
        CHECK_STR(o_, E1 "\n\n" line "\n\n" E2);                             \
    } while (0)

TEST(textclean_script_leftovers)
{
    rc_arena *a = rc_arena_new(0);
    DROPS_EN("noscript");
    DROPS_EN("Please Wait...");
    DROPS_EN("Loading...");
    DROPS("Chargement...");
    DROPS_EN("folder_open Politics");
    DROPS_EN("Source link");
    DROPS_EN("ADVERTISEMENT");
    DROPS("Publicité");
    rc_arena_free(a);
}

TEST(textclean_comment_form_lines)
{
    rc_arena *a = rc_arena_new(0);
    DROPS_EN("Leave a Comment");
    DROPS_EN("Your email address will not be published.");
    DROPS_EN("Required fields are marked *");
    DROPS_EN("Name *");
    DROPS_EN("Email *");
    DROPS_EN("Website");
    DROPS_EN("Save my name, email, and website in this browser for the next time I comment.");
    DROPS_EN("Post Comment");
    DROPS_EN("This site uses Akismet to reduce spam. Learn how your comment data is processed.");
    DROPS("Votre adresse e-mail ne sera pas publiée.");
    DROPS("Laisser un commentaire");
    DROPS("12 commentaires");
    rc_arena_free(a);
}

TEST(textclean_share_rows)
{
    rc_arena *a = rc_arena_new(0);
    DROPS_EN("Share");
    DROPS_EN("Tweet");
    DROPS_EN("Facebook Twitter WhatsApp Email Print");
    DROPS_EN("Share on Facebook");
    DROPS_EN("Share 12 Tweet 3");
    DROPS("Partager");
    DROPS("Partagez sur WhatsApp");
    DROPS("Partager :");
    /* "Share" inside a real sentence is content. */
    KEEPS_EN("Share prices in Europe fell sharply on Friday as investors worried about the outlook.");
    rc_arena_free(a);
}

TEST(textclean_related_links)
{
    rc_arena *a = rc_arena_new(0);
    DROPS("Lire aussi : Les députés rejettent la motion de censure");
    DROPS("LIRE AUSSI - Énergie : ce que contient le projet de loi");
    DROPS("» Lire aussi : le détail des mesures");
    DROPS("À lire également : notre dossier");
    DROPS_EN("Read more: How the energy bill will change your bills");
    DROPS_EN("Related: Ministers under pressure over energy prices");
    DROPS_EN("READ MORE");
    /* A bare "Lire aussi" takes the headline after it. */
    rc_str o = clean(a, P1 "\nLIRE AUSSI\nÉnergie : le nucléaire au cœur du débat\n" P2, "", NULL);
    CHECK_STR(o, P1 "\n\n" P2);
    /* ...but not a following paragraph. */
    o = clean(a, P1 "\nLire aussi\n" P2, "", NULL);
    CHECK_STR(o, P1 "\n\n" P2);
    /* "Related" in a sentence stays. */
    KEEPS_EN("Related measures were announced by the health ministry on the same day.");
    rc_arena_free(a);
}

TEST(textclean_subscriptions_and_cookies)
{
    rc_arena *a = rc_arena_new(0);
    DROPS("Abonnez-vous");
    DROPS("Abonnez-vous à notre newsletter pour recevoir chaque jour l'essentiel de l'actualité politique et économique");
    DROPS_EN("Subscribe to our newsletter");
    DROPS_EN("We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies.");
    DROPS("Nous utilisons des cookies pour vous offrir la meilleure expérience possible sur notre site.");
    DROPS("Cet article est réservé aux abonnés.");
    rc_arena_free(a);
}

TEST(textclean_markup_and_captions)
{
    rc_arena *a = rc_arena_new(0);
    DROPS_EN("<img src=\"https://example.com/a.jpg\" alt=\"\" />");
    DROPS_EN("[caption id=\"attachment_12\" width=\"800\"] Ministers at the launch.[/caption]");
    DROPS_EN("&nbsp;");
    DROPS_EN("Image: Getty Images");
    DROPS("Photo : AFP");
    DROPS("Photo d'illustration : Jean Dupont / AFP");
    DROPS_EN("Boris Johnson in Downing Street. REUTERS/Toby Melville");
    DROPS_EN("© AFP");
    DROPS_EN("<div class=\"ad\"></div>");
    /* Inline markup is removed, entities decoded, the text kept. */
    rc_str o = clean(a, E1 "\nThe <strong>minister</strong> said it was &quot;a fair deal&quot; &amp; would last.\n" E2,
                     "", NULL);
    CHECK_STR(o, E1 "\n\nThe minister said it was \"a fair deal\" & would last.\n\n" E2);
    o = clean(a, E1 "\nPrices rose 3&#8217;000 times&#x2026; or did they?\n" E2, "", NULL);
    CHECK_CONTAINS(o.ptr, "Prices rose 3’000 times… or did they?");
    /* "a < b" is not a tag. */
    KEEPS_EN("Inflation stayed below 2 % for the year, as the rate of 1 < 2 showed to everyone.");
    rc_arena_free(a);
}

TEST(textclean_urls)
{
    rc_arena *a = rc_arena_new(0);
    DROPS_EN("https://www.example.com/news/2023/05/energy-bill");
    DROPS_EN("www.example.com");
    KEEPS_EN("Details of the plan are published on the ministry's website, www.example.gov, since Monday.");
    rc_arena_free(a);
}

TEST(textclean_title_copies)
{
    rc_arena *a = rc_arena_new(0);
    const char *t = "Energy bill: what changes for households";
    rc_str o = clean(a, "Energy bill: what changes for households\n" E1 "\n"
                        "Energy bill: what changes for households - The Daily Tribune\n" E2,
                     t, NULL);
    CHECK_STR(o, E1 "\n\n" E2);
    /* No title given: the headline becomes the title. */
    rc_str to = RC_STR_NULL;
    o = clean(a, "Energy bill: what changes for households\n" E1 "\n" E2, "", &to);
    CHECK_STR(o, E1 "\n\n" E2);
    CHECK_STR(to, "Energy bill: what changes for households");
    /* Text that starts with a paragraph has no headline. */
    to = RC_STR_LIT("x");
    o = clean(a, E1 "\n" E2, "", &to);
    CHECK_STR(o, E1 "\n\n" E2);
    CHECK(to.len == 0);
    rc_arena_free(a);
}

TEST(textclean_leading_metadata)
{
    rc_arena *a = rc_arena_new(0);
    rc_str o = clean(a, "Par Jean Dupont\nPublié le 14 novembre 2022 à 10h30, mis à jour le 15 novembre 2022 à 8h12.\n"
                        "14/11/2022\nTemps de lecture : 4 min\n" P1 "\n" P2, "Titre", NULL);
    CHECK_STR(o, P1 "\n\n" P2);
    o = clean(a, "By John Smith and Jane Doe\nUpdated 3:45 PM EST, Tue November 15, 2022\n"
                 "November 15, 2022\n5 min read\n" E1 "\n" E2, "Title", NULL);
    CHECK_STR(o, E1 "\n\n" E2);
    /* A date followed by a byline, a breadcrumb trail ending in the
     * headline, a request to enable JavaScript: all furniture. */
    o = clean(a, "31 mars 2025 / Par Alexandre D.\n" P1 "\n" P2, "Titre", NULL);
    CHECK_STR(o, P1 "\n\n" P2);
    o = clean(a, "April 10, 2025 | By Staff Writer\n" E1 "\n" E2, "Title", NULL);
    CHECK_STR(o, E1 "\n\n" E2);
    o = clean(a, "Home \xC2\xBB World \xC2\xBB Spy chiefs met in secret, officials say\n" E1 "\n" E2, "", NULL);
    CHECK_STR(o, E1 "\n\n" E2);
    o = clean(a, "Accueil > Monde > Les chefs des renseignements se sont vus\n" P1 "\n" P2, "", NULL);
    CHECK_STR(o, P1 "\n\n" P2);
    o = clean(a, "Veuillez activer JavaScript pour profiter pleinement de ce site.\n" P1 "\n" P2, "", NULL);
    CHECK_STR(o, P1 "\n\n" P2);
    /* A sentence that happens to contain "»" twice is text. */
    o = clean(a, P1 "\n" "Il a dit « non » puis « oui » devant les élus.\n" P2, "", NULL);
    CHECK_STR(o, P1 "\n\nIl a dit « non » puis « oui » devant les élus.\n\n" P2);
    /* A paragraph starting with "Par" or "By" is text. */
    o = clean(a, "Par ailleurs, le gouvernement a promis une baisse des taxes.\n" P2, "Titre", NULL);
    CHECK_STR(o, "Par ailleurs, le gouvernement a promis une baisse des taxes.\n\n" P2);
    rc_arena_free(a);
}

TEST(textclean_short_content_in_the_middle_kept)
{
    rc_arena *a = rc_arena_new(0);
    KEEPS("Non.");
    KEEPS("Et maintenant ?");
    KEEPS("Un texte contesté");         /* a subheading */
    KEEPS_EN("It did not work.");
    KEEPS_EN("What happens next");
    KEEPS("« Jamais. »");
    rc_arena_free(a);
}

TEST(textclean_trailing_furniture)
{
    rc_arena *a = rc_arena_new(0);
    rc_str o = clean(a, P1 "\n" P2 "\nTags : énergie, nucléaire\nPolitique\nJean Dupont\n", "T", NULL);
    CHECK_STR(o, P1 "\n\n" P2);
    /* A comments heading late in the text ends the article. */
    o = clean(a, P1 "\n" P2 "\nCommentaires\nPaul: Je ne suis pas d'accord avec ce projet, il coûtera trop cher aux ménages.\n",
              "T", NULL);
    CHECK_STR(o, P1 "\n\n" P2);
    o = clean(a, E1 "\n" E2 "\nYou may also like\nEnergy prices to fall next winter, says regulator\n", "T", NULL);
    CHECK_STR(o, E1 "\n\n" E2);
    rc_arena_free(a);
}

TEST(textclean_duplicates_and_blank_separated)
{
    rc_arena *a = rc_arena_new(0);
    rc_str o = clean(a, P1 "\n\n\n" P2 "\n\n" P1 "\n", "T", NULL);
    CHECK_STR(o, P1 "\n\n" P2);
    rc_arena_free(a);
}

TEST(textclean_hard_wrapped_blocks_joined)
{
    rc_arena *a = rc_arena_new(0);
    rc_str o = clean(a,
        "The government published its energy bill on Tuesday, and ministers\n"
        "said it would be debated in parliament before the summer, despite\n"
        "calls from the opposition for a longer consultation.\n\n"
        "Opposition lawmakers said they would table hundreds of amendments\n"
        "when the bill reaches the committee stage next month, in what they\n"
        "described as a fight for the bill payers.\n", "T", NULL);
    CHECK_STR(o, "The government published its energy bill on Tuesday, and ministers said it would be "
                 "debated in parliament before the summer, despite calls from the opposition for a longer "
                 "consultation.\n\nOpposition lawmakers said they would table hundreds of amendments when "
                 "the bill reaches the committee stage next month, in what they described as a fight for "
                 "the bill payers.");
    rc_arena_free(a);
}

TEST(textclean_empty_and_all_furniture)
{
    rc_arena *a = rc_arena_new(0);
    rc_str o, to;
    CHECK_INT(rc_textclean(a, RC_STR_NULL, RC_STR_NULL, &o, &to), 0);
    CHECK_STR(o, "");
    CHECK_INT(o.ptr[0], 0);
    o = clean(a, "Share\nTweet\nLoading...\n", "", NULL);
    CHECK_STR(o, "");
    rc_arena_free(a);
}

/* ------------------------------------------------------------------ fixtures */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap);
    size_t r;
    while (p && (r = fread(p + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 == cap) {
            char *q = realloc(p, cap *= 2);
            if (!q) {
                free(p);
                p = NULL;
            }
            p = q;
        }
    }
    fclose(f);
    if (p)
        p[n] = 0;
    *len = n;
    return p;
}

static const struct {
    const char *name;
    const char *title;          /* given title ("" = none) */
    const char *title_out;      /* expected headline found when none is given */
} fixtures[] = {
    {"fr-wordpress-comments", "",
     "Réforme des retraites : le Sénat adopte le texte après une nuit de débats"},
    {"en-aggregator-source-link", "", "Dutch farmers block motorways in protest over nitrogen rules"},
    {"fr-presse-regionale", "",
     "Inondations : la Vilaine sort de son lit, plusieurs communes en alerte rouge"},
    {"en-hardwrapped", "", "CENTRAL BANK HOLDS RATES, SIGNALS CUTS LATER IN THE YEAR"},
    {"en-markup-leftovers", "",
     "City council approves $40 million plan to replace the Harbour Street bridge"},
    {"fr-title-repeat", "Michelin va supprimer 1 500 postes en France d'ici 2027", ""},
    {"en-wordpress-no-title", "", "Wildfire forces evacuation of 3,000 residents near Valencia"},
    {"fr-entretien-lignes-courtes", "",
     "« Nous n'avons pas vu venir la crise » : le maire de Marseille s'explique"},
    {"en-cookies-newsletter", "",
     "Scientists find microplastics in fresh Antarctic snow for the first time"},
};

TEST(textclean_fixtures)
{
    rc_arena *a = rc_arena_new(0);
    int bad = 0;
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        char path[512];
        size_t ilen, elen;
        snprintf(path, sizeof path, "%s/text/%s.txt", rc_test_fixtures(), fixtures[i].name);
        char *in = slurp(path, &ilen);
        snprintf(path, sizeof path, "%s/text/%s.expected", rc_test_fixtures(), fixtures[i].name);
        char *exp = slurp(path, &elen);
        if (!in || !exp) {
            fprintf(stderr, "  missing fixture %s\n", fixtures[i].name);
            bad++;
            free(in);
            free(exp);
            continue;
        }
        while (elen && exp[elen - 1] == '\n')
            exp[--elen] = 0;
        rc_str to = RC_STR_NULL;
        rc_str got = clean(a, in, fixtures[i].title, &to);
        if (!rc_str_eq(got, (rc_str){exp, elen})) {
            size_t k = 0;
            while (k < got.len && k < elen && got.ptr[k] == exp[k])
                k++;
            fprintf(stderr, "  fixture %s differs at byte %zu:\n  got:      \"%.80s\"\n  expected: \"%.80s\"\n",
                    fixtures[i].name, k, got.ptr ? got.ptr + k : "(null)", exp + k);
            if (getenv("RC_SHOW"))
                fprintf(stderr, "----\n%.*s\n----\n", (int)got.len, got.ptr);
            bad++;
        }
        if (!rc_str_eq_c(to, fixtures[i].title_out)) {
            fprintf(stderr, "  fixture %s: title \"%.*s\", expected \"%s\"\n", fixtures[i].name,
                    (int)to.len, to.ptr ? to.ptr : "", fixtures[i].title_out);
            bad++;
        }
        free(in);
        free(exp);
        rc_arena_reset(a);
    }
    rc_arena_free(a);
    CHECK_INT(bad, 0);
}

/* Random mixtures of the tricky pieces never crash and give valid output. */
TEST(textclean_random_pieces_no_crash)
{
    static const char *const pieces[] = {
        "<", ">", "&", "&#", "&#x", "&amp;", "&nbsp;", "&#99999999;", "&#0;", "[caption", "]",
        "[/caption]", "<img", "<!--", "-->", "\n", "\n\n", " ", "Lire aussi", "Share", "é",
        "\xE2\x80\x99", "«", "»", ".", "?", "Le président a dit", "the minister said", "2023",
        "/", "AFP", "©", "http://x.y", "Commentaires", "\xCC\x81", "'", "-", "_", ":", "\xC2\xA0",
    };
    rc_arena *a = rc_arena_new(0);
    srand(11);
    char buf[3000];
    for (int round = 0; round < 300; round++) {
        size_t n = 0;
        while (n < sizeof buf - 64) {
            const char *p = pieces[rand() % (int)(sizeof pieces / sizeof *pieces)];
            size_t l = strlen(p);
            memcpy(buf + n, p, l);
            n += l;
            if (rand() % 50 == 0)
                break;
        }
        buf[n] = 0;
        rc_str to, o = clean(a, buf, round % 2 ? "Le président" : "", &to);
        CHECK(o.ptr != NULL);
        CHECK_INT(o.ptr[o.len], 0);
        CHECK(strlen(o.ptr) == o.len);
        rc_arena_reset(a);
    }
    rc_arena_free(a);
}

/* Articles in languages other than French and English, and single-line
 * articles without a final full stop, are text, not furniture. */
TEST(textclean_other_languages_kept)
{
    rc_arena *a = rc_arena_new(0);
    rc_str to;
    const char *de = "Viel Arbeit für die Feuerwehr in der Silvesternacht: In mehreren Städten "
                     "mussten die Einsatzkräfte ausrücken, weil Böller Mülltonnen in Brand gesetzt "
                     "hatten, und die Polizei meldete am Morgen eine ruhige Lage in der Innenstadt";
    rc_str o = clean(a, de, "", &to);
    CHECK(o.len > 100);
    CHECK_CONTAINS(o.ptr, "Silvesternacht");
    const char *zh = "香港新年夜发生多起事件。激进人士投掷汽油弹并堵塞道路，警方使用水炮、催泪弹和胡椒喷雾驱散人群。"
                     "与圣诞节期间相比，参加抗议的人数有所减少。元旦当天将举行一场获得警方批准的大型游行。";
    o = clean(a, zh, "", &to);
    CHECK_CONTAINS(o.ptr, "香港新年夜");
    const char *menu = "Accueil\nMonde\nSport\nCulture\n"
                       "Le ministre a annoncé lundi une réforme des retraites, contestée par les syndicats.\n"
                       "Partager sur Facebook\n";
    o = clean(a, menu, "", &to);
    CHECK_NOT_CONTAINS(o.ptr, "Partager");
    CHECK_CONTAINS(o.ptr, "réforme des retraites");
    rc_arena_free(a);
}
