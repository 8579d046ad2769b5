/* Tests of copy detection (src/dedup.c): MinHash/LSH near duplicates,
 * containment, rewrites and the cross-language fingerprint. */
#include "test.h"
#include "dedup.h"
#include "segment.h"

#include <stdio.h>

static const char *EN =
    "GasBuddy predicts that 2020 will feature a yearly national average of 2.60 dollars per gallon, "
    "a 2 cent drop versus 2019, the company said in Boston on Monday. Patrick DeHaan, head of "
    "petroleum analysis at GasBuddy, warned that the average will rise by as much as 75 cents from "
    "a low in February to a peak in May. Drivers in California will pay 4.15 dollars per gallon, "
    "while Texas will stay near 2.35 dollars. The yearly bill of American households will reach "
    "373 billion dollars, DeHaan said, adding that OPEC decisions remain the main risk.";

/* A French translation: same numbers and names, in the same places. */
static const char *FR =
    "GasBuddy prevoit que 2020 connaitra une moyenne nationale annuelle de 2,60 dollars par gallon, "
    "soit une baisse de 2 cents par rapport a 2019, a indique lundi la societe a Boston. Patrick "
    "DeHaan, responsable de l'analyse petroliere chez GasBuddy, avertit que la moyenne augmentera "
    "de 75 cents entre un creux en fevrier et un pic en mai. Les automobilistes de Californie "
    "paieront 4,15 dollars par gallon, tandis que le Texas restera proche de 2,35 dollars. La "
    "facture annuelle des menages americains atteindra 373 milliards de dollars, selon DeHaan, "
    "qui ajoute que les decisions de l'OPEP restent le principal risque.";

/* Another French article on the same story: other numbers, names elsewhere. */
static const char *FR_OTHER =
    "Le prix de l'essence aux Etats-Unis devrait rester stable en 2020, estiment plusieurs "
    "analystes interroges lundi. Selon l'AAA, le gallon coutait en moyenne 2,58 dollars la semaine "
    "derniere, contre 2,52 dollars un an plus tot. A New York, les stations affichent 2,71 dollars. "
    "Les experts de GasBuddy et de l'EIA surveillent surtout l'OPEP, dont la reunion de mars pourrait "
    "faire monter les cours du brut de 8 dollars. Les menages consacrent 1900 dollars par an au "
    "carburant, rappelle l'agence, qui publiera ses previsions detaillees le 14 janvier.";

static const char *OTHER =
    "The city council voted on Tuesday to extend the opening hours of the municipal library, "
    "after a petition signed by residents asked for evening access during the exam period. "
    "Librarians welcomed the decision but asked for more staff to cover the new shifts, and the "
    "mayor promised a review of the budget in the spring session of the council.";

static int feat(rc_dedup *d, rc_arena *a, const char *text, rc_lang lang, int count,
                rc_dd_feat *f)
{
    rc_token *toks;
    size_t n;
    rc_str t = rc_str_c(text);
    if (rc_tokenize(a, t, &toks, &n))
        return -1;
    return rc_dedup_features(d, t, toks, n, lang, NULL, 0, count, a, f);
}

/* Give the df sketch some unrelated documents, so that idf means something. */
static void background(rc_dedup *d, rc_arena *a)
{
    char buf[256];
    for (int i = 0; i < 200; i++) {
        snprintf(buf, sizeof buf, "Filler report number %d about weather in Region%d: rain "
                 "expected on day %d, said Forecaster%d of Office%d.", i, i % 17, i % 28, i, i % 9);
        rc_dd_feat f;
        feat(d, a, buf, RC_LANG_EN, 1, &f);
    }
}

TEST(dedup_minhash_identical_near_unrelated)
{
    rc_dedup *d = rc_dedup_new();
    rc_arena *a = rc_arena_new(0);
    CHECK(d && a);
    rc_dd_feat x, y, z, w;
    CHECK_INT(feat(d, a, EN, RC_LANG_EN, 1, &x), 0);
    CHECK_INT(feat(d, a, EN, RC_LANG_EN, 1, &y), 0);
    CHECK(x.nshingles > 50);
    double s;
    CHECK_INT(rc_dedup_compare(d, &x, &y, &s), RC_COPY_NEAR);
    CHECK(s > 0.99);
    /* One word changed out of ~90: still a near duplicate. */
    char near[2048];
    snprintf(near, sizeof near, "%s", EN);
    char *p = strstr(near, "warned");
    CHECK(p);
    memcpy(p, "stated", 6);
    CHECK_INT(feat(d, a, near, RC_LANG_EN, 1, &z), 0);
    CHECK_INT(rc_dedup_compare(d, &x, &z, &s), RC_COPY_NEAR);
    CHECK(s >= 0.8 && s < 1.0);
    CHECK_INT(feat(d, a, OTHER, RC_LANG_EN, 1, &w), 0);
    CHECK_INT(rc_dedup_compare(d, &x, &w, &s), RC_COPY_NONE);
    rc_arena_free(a);
    rc_dedup_free(d);
}

TEST(dedup_containment_partial_copy)
{
    rc_dedup *d = rc_dedup_new();
    rc_arena *a = rc_arena_new(0);
    CHECK(d && a);
    char page[4096];
    snprintf(page, sizeof page, "%s %s %s Read also: our other stories. %s", OTHER,
             "Markets opened lower in Tokyo and Seoul as investors waited for data.", EN,
             "Subscribe to the newsletter to receive every morning a selection of articles.");
    rc_dd_feat x, y;
    CHECK_INT(feat(d, a, EN, RC_LANG_EN, 1, &x), 0);
    CHECK_INT(feat(d, a, page, RC_LANG_EN, 1, &y), 0);
    double s;
    int k = rc_dedup_compare(d, &x, &y, &s);
    CHECK_INT(k, RC_COPY_NEAR);
    CHECK(s >= 0.85);
    /* Through the index: the page finds the story it contains. */
    CHECK_INT(rc_dedup_add(d, 1, 0, 1, &x), 0);
    int64_t seq;
    CHECK_INT(rc_dedup_match(d, &y, &seq, &k, &s), 0);
    CHECK_INT(seq, 1);
    CHECK_INT(k, RC_COPY_NEAR);
    rc_arena_free(a);
    rc_dedup_free(d);
}

TEST(dedup_translation_found_same_story_not)
{
    rc_dedup *d = rc_dedup_new();
    rc_arena *a = rc_arena_new(0);
    CHECK(d && a);
    background(d, a);
    rc_dd_feat en, fr, other;
    CHECK_INT(feat(d, a, EN, RC_LANG_EN, 1, &en), 0);
    CHECK_INT(feat(d, a, FR, RC_LANG_FR, 1, &fr), 0);
    CHECK_INT(feat(d, a, FR_OTHER, RC_LANG_FR, 1, &other), 0);
    CHECK(en.nanc >= 10);
    double s;
    CHECK_INT(rc_dedup_compare(d, &en, &fr, &s), RC_COPY_TRANSLATION);
    CHECK(s >= 0.45);
    CHECK_INT(rc_dedup_compare(d, &en, &other, &s), RC_COPY_NONE);
    CHECK_INT(rc_dedup_compare(d, &fr, &other, &s), RC_COPY_NONE);
    /* Index: the translation is matched to the English original, the other
     * article to nothing. */
    CHECK_INT(rc_dedup_add(d, 7, 0, 7, &en), 0);
    int64_t seq;
    int k;
    CHECK_INT(rc_dedup_match(d, &fr, &seq, &k, &s), 0);
    CHECK_INT(k, RC_COPY_TRANSLATION);
    CHECK_INT(seq, 7);
    CHECK_INT(rc_dedup_match(d, &other, &seq, &k, &s), 0);
    CHECK_INT(k, RC_COPY_NONE);
    rc_arena_free(a);
    rc_dedup_free(d);
}

TEST(dedup_window_expiry_and_roots)
{
    rc_dedup *d = rc_dedup_new();
    rc_arena *a = rc_arena_new(0);
    CHECK(d && a);
    rc_dd_feat x;
    CHECK_INT(feat(d, a, EN, RC_LANG_EN, 1, &x), 0);
    CHECK_INT(rc_dedup_add(d, 1, 100, 1, &x), 0);
    CHECK_INT(rc_dedup_add(d, 2, 200, 1, &x), 0);
    CHECK_INT(rc_dedup_root(d, 2), 1);
    rc_dedup_reroot(d, 1, 5);
    CHECK_INT(rc_dedup_root(d, 2), 5);
    CHECK_INT(rc_dedup_expire(d, 150), 0);
    CHECK_INT(rc_dedup_size(d), 1);
    int64_t seq;
    int k;
    double s;
    CHECK_INT(rc_dedup_match(d, &x, &seq, &k, &s), 0);
    CHECK_INT(seq, 2);
    rc_arena_free(a);
    rc_dedup_free(d);
}

TEST(dedup_parse_time)
{
    int64_t t;
    CHECK_INT(rc_parse_time(RC_STR_LIT("1970-01-02"), &t), 0);
    CHECK_INT(t, 86400);
    CHECK_INT(rc_parse_time(RC_STR_LIT("2014-03-10T16:52:50Z"), &t), 0);
    CHECK_INT(t, 1394470370);
    CHECK_INT(rc_parse_time(RC_STR_LIT("2014-03-10T18:52:50+02:00"), &t), 0);
    CHECK_INT(t, 1394470370);
    CHECK(rc_parse_time(RC_STR_LIT("yesterday"), &t) != 0);
}

TEST(dedup_fold_word)
{
    char out[32];
    size_t n = rc_fold_word("Élysée", strlen("Élysée"), out, sizeof out);
    CHECK_STR(((rc_str){out, n}), "elysee");
    n = rc_fold_word("OPEC", 4, out, sizeof out);
    CHECK_STR(((rc_str){out, n}), "opec");
}
