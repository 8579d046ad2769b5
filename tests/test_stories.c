/* Tests of incremental story clustering (src/stories.c) and of its
 * persistence and export through the store.  Headlines and articles are
 * invented; the scoring rules are tested on built vectors whose scores are
 * worked out in the comments. */
#include "test.h"
#include "stories.h"
#include "segment.h"
#include "store.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int vec(rc_stories *s, rc_arena *a, const char *title, rc_lang lang, rc_st_vec *v)
{
    rc_str t = rc_str_c(title);
    rc_token *toks;
    size_t n;
    if (rc_tokenize(a, t, &toks, &n))
        return -1;
    return rc_stories_vector(s, t, t, toks, n, lang, NULL, 0, 1, a, v);
}

static const char *const HEAD[] = {
    "Juan Pablo picks Nikki in the Bachelor finale",
    "Weather service warns of snow storm in Chicago",
    "Bachelor finale: Juan Pablo gives final rose to Nikki",
    "Chicago braces for heavy snow storm this weekend",
    "Le designer de l'iPhone Jony Ive quitte Apple",
    "Jony Ive, designer de l'iPhone, va quitter Apple",
};

TEST(stories_same_joins_different_splits)
{
    rc_stories *s = rc_stories_new();
    rc_arena *a = rc_arena_new(0);
    CHECK(s && a);
    int64_t id[6];
    for (int i = 0; i < 6; i++) {
        rc_st_vec v;
        int created = 0;
        CHECK_INT(vec(s, a, HEAD[i], i >= 4 ? RC_LANG_FR : RC_LANG_EN, &v), 0);
        CHECK(v.n > 0);
        CHECK_INT(rc_stories_assign(s, &v, 1000 + i, 0, &id[i], &created), 0);
    }
    CHECK(id[0] == id[2]);
    CHECK(id[1] == id[3]);
    CHECK(id[4] == id[5]);
    CHECK(id[0] != id[1]);
    CHECK(id[0] != id[4] && id[1] != id[4]);
    rc_arena_free(a);
    rc_stories_free(s);
}

TEST(stories_time_window)
{
    rc_stories *s = rc_stories_new();
    rc_arena *a = rc_arena_new(0);
    CHECK(s && a);
    rc_st_vec v;
    int64_t x, y, z;
    int created;
    CHECK_INT(vec(s, a, HEAD[0], RC_LANG_EN, &v), 0);
    CHECK_INT(rc_stories_assign(s, &v, 0, 0, &x, &created), 0);
    CHECK_INT(created, 1);
    CHECK_INT(vec(s, a, HEAD[2], RC_LANG_EN, &v), 0);
    CHECK_INT(rc_stories_assign(s, &v, 10 * 86400, 0, &y, &created), 0);
    CHECK(x != y);                       /* ten days later: another story */
    CHECK_INT(vec(s, a, HEAD[0], RC_LANG_EN, &v), 0);
    CHECK_INT(rc_stories_assign(s, &v, 11 * 86400, 0, &z, &created), 0);
    CHECK(z == y);                       /* but it follows the recent one */
    CHECK_INT(rc_stories_expire(s, 5 * 86400), 0);
    rc_story_state st;
    CHECK_INT(rc_stories_get(s, x, &st), RC_ENOTFOUND);
    CHECK_INT(rc_stories_get(s, y, &st), 0);
    CHECK_INT(st.n_docs, 2);
    rc_arena_free(a);
    rc_stories_free(s);
}

/* ------------------------------------------------------------------ vectors */

static uint32_t count_anchors(const rc_st_vec *v)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < v->n; i++)
        n += (uint32_t)(v->t[i].h & 1u);
    return n;
}

/* Calendar words are stop words: a date shared by two headlines says
 * nothing of their subject (the time window handles time). */
TEST(stories_calendar_words_carry_no_topic)
{
    rc_stories *s = rc_stories_new();
    rc_arena *a = rc_arena_new(0);
    CHECK(s && a);
    rc_st_vec v;
    CHECK_INT(vec(s, a, "Lundi, mardi ou dimanche : la semaine de juin", RC_LANG_FR, &v), 0);
    CHECK_INT(v.n, 0);
    CHECK_INT(vec(s, a, "Tuesday, June 4: what to expect this week", RC_LANG_EN, &v), 0);
    CHECK_INT(v.n, 1);                   /* "expect" alone */
    rc_arena_free(a);
    rc_stories_free(s);
}

/* Words and anchors are chosen apart: forty words said three times each do
 * not push out three numbers said once. */
TEST(stories_anchors_kept_beside_words)
{
    rc_stories *s = rc_stories_new();
    rc_arena *a = rc_arena_new(0);
    CHECK(s && a);
    char text[4096];
    size_t k = 0;
    for (int r = 0; r < 3; r++)
        for (int i = 0; i < 40; i++)
            k += (size_t)snprintf(text + k, sizeof text - k, "mot%c%c ", 'a' + i / 10,
                                  'a' + i % 10);
    snprintf(text + k, sizeof text - k, "1200 48 2031");
    rc_str t = rc_str_c(text);
    rc_token *toks;
    size_t n;
    CHECK_INT(rc_tokenize(a, t, &toks, &n), 0);
    rc_st_vec v;
    CHECK_INT(rc_stories_vector(s, (rc_str){0}, t, toks, n, RC_LANG_FR, NULL, 0, 1, a, &v), 0);
    CHECK_INT(count_anchors(&v), 3);
    CHECK_INT(v.n - count_anchors(&v), RC_ST_DOC_WORDS);
    rc_arena_free(a);
    rc_stories_free(s);
}

/* An entity key counts without its type: one recogniser's person is
 * another language's organisation. */
TEST(stories_entity_key_without_type)
{
    rc_stories *s = rc_stories_new();
    rc_arena *a = rc_arena_new(0);
    CHECK(s && a);
    rc_mention m1 = {.type = RC_ENT_PER, .key = rc_str_c("per:odile vasseur")};
    rc_mention m2 = {.type = RC_ENT_ORG, .key = rc_str_c("org:odile vasseur")};
    rc_mention m3 = {.type = RC_ENT_PER, .key = rc_str_c("per:odile vasseau")};
    rc_st_vec v1, v2, v3;
    CHECK_INT(rc_stories_vector(s, (rc_str){0}, (rc_str){0}, NULL, 0, RC_LANG_FR, &m1, 1, 1, a,
                                &v1), 0);
    CHECK_INT(rc_stories_vector(s, (rc_str){0}, (rc_str){0}, NULL, 0, RC_LANG_EN, &m2, 1, 1, a,
                                &v2), 0);
    CHECK_INT(rc_stories_vector(s, (rc_str){0}, (rc_str){0}, NULL, 0, RC_LANG_EN, &m3, 1, 1, a,
                                &v3), 0);
    CHECK(v1.n == 1 && v2.n == 1 && v3.n == 1);
    CHECK_INT(count_anchors(&v1), 1);
    CHECK(v1.t[0].h == v2.t[0].h);
    CHECK(v1.t[0].h != v3.t[0].h);
    rc_arena_free(a);
    rc_stories_free(s);
}

/* ------------------------------------------------------------------ scores, on built vectors */

/* Built terms: words have even hashes, anchors odd ones (stories.h). */
static uint64_t W(unsigned k)
{
    return (uint64_t)k << 40;
}

static uint64_t A(unsigned k)
{
    return ((uint64_t)k << 40) | 1u;
}

/* Scale v to unit length. */
static rc_st_vec unit(rc_st_term *t, uint32_t n)
{
    double s = 0;
    for (uint32_t i = 0; i < n; i++)
        s += (double)t[i].w * t[i].w;
    for (uint32_t i = 0; i < n; i++)
        t[i].w = (float)(t[i].w / sqrt(s));
    return (rc_st_vec){t, n};
}

static int64_t put(rc_stories *s, rc_st_vec v, int *created)
{
    int64_t id = -1;
    int c = 0;
    if (rc_stories_assign(s, &v, 1000, 0, &id, &c))
        return -1;
    if (created)
        *created = c;
    return id;
}

/* A term that no story of the window has cannot match: it weighs less in
 * the document's norm, so a headline with fresh words still finds its
 * story; the same words known elsewhere keep it out. */
TEST(stories_novel_terms_weigh_less)
{
    for (int known = 0; known < 2; known++) {
        rc_stories *s = rc_stories_new();
        CHECK(s);
        rc_st_term st[] = {{W(1), .6f}, {W(2), .8f}};
        int64_t story = put(s, unit(st, 2), NULL);
        if (known) {
            rc_st_term other[] = {{W(6), .1f}, {W(7), .1f}, {W(8), .1f}, {W(20), .99f}};
            CHECK(put(s, unit(other, 4), NULL) != story);
        }
        /* 0.4 on the shared word, the rest on three others: 0.24 with the
         * story, 0.29 once the three count at 60%. */
        rc_st_term d[] = {{W(1), .4f}, {W(6), .529f}, {W(7), .529f}, {W(8), .529f}};
        int created = 0;
        int64_t got = put(s, unit(d, 4), &created);
        if (known)
            CHECK(got != story && created);
        else
            CHECK(got == story && !created);
        rc_stories_free(s);
    }
}

/* Between two stories that a document matches equally, the larger wins. */
TEST(stories_size_prior)
{
    rc_stories *s = rc_stories_new();
    CHECK(s);
    /* 0.216 in common: with the second term fresh, 0.26 (< 0.28), apart */
    rc_st_term small[] = {{W(1), .465f}, {W(2), .885f}};
    int64_t b = put(s, unit(small, 2), NULL);
    int64_t big = 0;
    for (int i = 0; i < 6; i++) {
        rc_st_term t[] = {{W(1), .465f}, {W(4), .885f}};
        int64_t id = put(s, unit(t, 2), NULL);
        CHECK(id != b);
        CHECK(i == 0 || id == big);
        big = id;
    }
    rc_st_term d[] = {{W(1), 1}};
    /* 0.465 each; x (1 + 0.15 log 6) for the big one; the older would win a tie */
    CHECK(put(s, unit(d, 1), NULL) == big);
    rc_stories_free(s);
}

/* The same score (0.23) does not place a headline-sized vector (threshold
 * 0.28) but does place a long one (threshold 0.18). */
TEST(stories_long_vectors_lower_threshold)
{
    for (int len = 0; len < 2; len++) {
        rc_stories *s = rc_stories_new();
        CHECK(s);
        rc_st_term st[64], d[64];
        uint32_t n = len ? 64 : 16, shared = len ? 12 : 3;
        for (uint32_t i = 0; i < n; i++) {
            /* long: 32 words and 32 anchors; the shared terms are words */
            st[i] = (rc_st_term){len && i >= 32 ? A(100 + i) : W(1 + i), 1};
            d[i] = (rc_st_term){i < shared ? W(1 + i) : len && i >= 32 ? A(300 + i) : W(200 + i),
                                1};
        }
        int64_t story = put(s, unit(st, n), NULL);
        int created = 0;
        int64_t got = put(s, unit(d, n), &created);
        if (len)
            CHECK(got == story && !created);
        else
            CHECK(got != story && created);
        rc_stories_free(s);
    }
    /* more terms than a document vector has: refused */
    rc_stories *s = rc_stories_new();
    CHECK(s);
    rc_st_term big[RC_ST_DOC_TERMS + 1];
    for (uint32_t i = 0; i <= RC_ST_DOC_TERMS; i++)
        big[i] = (rc_st_term){W(1 + i), 1};
    int64_t id;
    int created;
    CHECK_INT(rc_stories_assign(s, &(rc_st_vec){big, RC_ST_DOC_TERMS + 1}, 0, 0, &id, &created),
              RC_EINVAL);
    rc_stories_free(s);
}

/* Anchors alone place a document (a report in another language) when it
 * shares three of them with the story; two are not enough. */
TEST(stories_anchor_cosine_needs_three)
{
    for (int three = 0; three < 2; three++) {
        rc_stories *s = rc_stories_new();
        CHECK(s);
        rc_st_term st[] = {{W(1), .45f}, {W(2), .45f}, {W(3), .45f}, {W(4), .45f},
                           {A(1), .251f}, {A(3), .251f}, {A(5), .251f}};
        int64_t story = put(s, unit(st, 7), NULL);
        rc_st_term d[] = {{W(11), .45f}, {W(12), .45f}, {W(13), .45f}, {W(14), .45f},
                          {A(1), .251f}, {A(3), .251f}, {three ? A(5) : A(7), .251f}};
        int64_t got = put(s, unit(d, 7), NULL);
        if (three)
            CHECK(got == story);
        else
            CHECK(got != story);
        rc_stories_free(s);
    }
}

/* Second chance: a document that reaches two stories which look alike
 * merges them into the older one, when the caller allows merges. */
TEST(stories_merge_bridging_document)
{
    for (int on = 0; on < 2; on++) {
        rc_stories *s = rc_stories_new();
        CHECK(s);
        rc_stories_set_merging(s, on);
        /* 0.216 in common (0.26 with b's fresh term): apart at first, but
         * alike enough (>= 0.2) to merge */
        rc_st_term ta[] = {{W(1), .465f}, {W(2), .885f}}, tb[] = {{W(1), .465f}, {W(4), .885f}};
        int64_t a = put(s, unit(ta, 2), NULL), b = put(s, unit(tb, 2), NULL);
        CHECK(a != b);
        rc_st_term d[] = {{W(1), 1}};
        CHECK(put(s, unit(d, 1), NULL) == a);
        const rc_st_merge *mg;
        rc_story_state st;
        if (!on) {
            CHECK_INT(rc_stories_merges(s, &mg), 0);
            CHECK_INT(rc_stories_get(s, b, &st), 0);
        } else {
            CHECK_INT(rc_stories_merges(s, &mg), 1);
            CHECK(mg[0].from == b && mg[0].into == a);
            CHECK_INT(rc_stories_get(s, b, &st), RC_ENOTFOUND);
            CHECK_INT(rc_stories_get(s, a, &st), 0);
            CHECK_INT(st.n_docs, 3);
            /* a copy of a document of b follows it into a */
            int64_t id;
            int created;
            CHECK_INT(rc_stories_assign(s, &(rc_st_vec){tb, 2}, 1000, b, &id, &created), 0);
            CHECK(id == a && !created);
        }
        /* Two stories with nothing in common stay apart even when one
         * document reaches both. */
        rc_st_term tc[] = {{W(10), .6f}, {W(11), .8f}}, td[] = {{W(12), .6f}, {W(13), .8f}};
        int64_t c = put(s, unit(tc, 2), NULL), e = put(s, unit(td, 2), NULL);
        rc_st_term both[] = {{W(10), 1}, {W(12), 1}};
        int64_t got = put(s, unit(both, 2), NULL);
        CHECK(got == c);
        CHECK_INT(rc_stories_merges(s, &mg), 0);
        CHECK_INT(rc_stories_get(s, e, &st), 0);
        rc_stories_free(s);
    }
}

/* ------------------------------------------------------------------ across languages */

/* Invented reports of one event in French and English (words apart, names
 * and numbers shared), and a French report of another event in the same
 * town. */
static const char FR_BRIDGE[] =
    "Le pont suspendu de Berzelange a été fermé mardi à toute circulation après la découverte "
    "d'une fissure de 14 mètres sur une pile, a annoncé la maire Odile Vasseur. Les 2 300 "
    "véhicules qui l'empruntent chaque jour sont déviés par Saint-Aubrac, un détour de 48 "
    "kilomètres. Les ingénieurs du cabinet Lemarchal rendront leur diagnostic sous dix jours.";
static const char EN_BRIDGE[] =
    "The suspension bridge at Berzelange was shut to all traffic on Tuesday when inspectors "
    "found a 14-metre crack in one of its piers, mayor Odile Vasseur said. About 2,300 vehicles "
    "a day now take a 48-kilometre diversion through Saint-Aubrac while engineers from the "
    "Lemarchal firm assess the damage, which they expect to report on within ten days.";
static const char FR_JAZZ[] =
    "Le festival de jazz de Berzelange ouvrira vendredi sa vingtième édition avec le quartette "
    "de la contrebassiste Inès Karadec. Trente-cinq concerts sont prévus sur trois scènes, dont "
    "une péniche amarrée quai des Tanneurs, et les organisateurs attendent 9 500 spectateurs "
    "malgré la hausse du prix des billets.";

static int64_t put_text(rc_stories *s, rc_arena *a, const char *title, const char *text,
                        rc_lang lang, const rc_mention *m, size_t nm)
{
    rc_str t = rc_str_c(text);
    rc_token *toks;
    size_t n;
    rc_st_vec v;
    int64_t id;
    int created;
    if (rc_tokenize(a, t, &toks, &n) ||
        rc_stories_vector(s, rc_str_c(title), t, toks, n, lang, m, nm, 1, a, &v) ||
        rc_stories_assign(s, &v, 1000, 0, &id, &created))
        return -1;
    return id;
}

TEST(stories_report_in_another_language_joins)
{
    rc_stories *s = rc_stories_new();
    rc_arena *a = rc_arena_new(0);
    CHECK(s && a);
    rc_mention fr[] = {{.key = rc_str_c("loc:berzelange")}, {.key = rc_str_c("per:odile vasseur")},
                       {.key = rc_str_c("loc:saint-aubrac")}, {.key = rc_str_c("org:lemarchal")}};
    rc_mention en[] = {{.key = rc_str_c("loc:berzelange")}, {.key = rc_str_c("per:odile vasseur")},
                       {.key = rc_str_c("loc:saint-aubrac")}, {.key = rc_str_c("per:lemarchal")}};
    rc_mention jazz[] = {{.key = rc_str_c("loc:berzelange")}, {.key = rc_str_c("per:ines karadec")},
                         {.key = rc_str_c("loc:quai des tanneurs")}};
    int64_t x = put_text(s, a, "Berzelange : le pont suspendu fermé après la découverte d'une fissure",
                         FR_BRIDGE, RC_LANG_FR, fr, 4);
    int64_t y = put_text(s, a, "Jazz à Berzelange : vingt ans et trente-cinq concerts", FR_JAZZ,
                         RC_LANG_FR, jazz, 3);
    int64_t z = put_text(s, a, "Cracked pier shuts Berzelange suspension bridge", EN_BRIDGE,
                         RC_LANG_EN, en, 4);
    CHECK(x > 0 && y > 0 && z > 0);
    CHECK(x != y);
    CHECK(z == x);
    rc_arena_free(a);
    rc_stories_free(s);
}

/* ------------------------------------------------------------------ through the store */

typedef struct sdoc {
    rc_doc d;
    rc_token *toks;
} sdoc;

static void mk(sdoc *x, rc_arena *a, const char *id, const char *title, const char *text,
               const char *published, rc_lang lang)
{
    memset(x, 0, sizeof *x);
    x->d.id = rc_str_c(id);
    x->d.title = rc_str_c(title);
    x->d.text = rc_str_c(text);
    x->d.published = rc_str_c(published);
    x->d.lang = lang;
    x->d.text_hash = rc_hash(text, strlen(text), 0);
    size_t n = 0;
    rc_tokenize(a, x->d.text, &x->toks, &n);
    x->d.toks = x->toks;
    x->d.n_toks = n;
}

static json_t *export_json(rc_store *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    int rc = rc_store_export(s, f);
    fclose(f);
    json_t *j = rc ? NULL : json_loads(buf, 0, NULL);
    free(buf);
    return j;
}

static const char *story_of(json_t *exp, const char *id)
{
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(exp, "docs"), i, d)
        if (strcmp(json_string_value(json_object_get(d, "id")), id) == 0)
            return json_string_value(json_object_get(d, "story"));
    return NULL;
}

TEST(stories_stable_across_ingests_and_export)
{
    char dir[] = "/tmp/rc-stories-XXXXXX", path[64];
    CHECK(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.db", dir);
    rc_arena *a = rc_arena_new(0);
    int err;
    rc_store *s = rc_store_open(path, &err, NULL);
    CHECK(s && a);
    sdoc x;
    rc_put_result r;
    static const char *const text[] = {
        "Juan Pablo gave the final rose to Nikki Ferrell on Monday night in the Bachelor finale.",
        "A storm will bring heavy snow to Chicago on Saturday, the weather service warned.",
        "In the Bachelor finale Juan Pablo chose Nikki Ferrell but did not propose.",
    };
    CHECK_INT(rc_store_begin(s), 0);
    mk(&x, a, "d1", HEAD[0], text[0], "2014-03-11T08:00:00Z", RC_LANG_EN);
    CHECK_INT(rc_store_put(s, &x.d, &r, NULL), 0);
    mk(&x, a, "d2", HEAD[1], text[1], "2014-03-11T09:00:00Z", RC_LANG_EN);
    CHECK_INT(rc_store_put(s, &x.d, &r, NULL), 0);
    /* An exact copy of d1 joins d1's story. */
    mk(&x, a, "d1copy", "Copy", text[0], "2014-03-11T10:00:00Z", RC_LANG_EN);
    CHECK_INT(rc_store_put(s, &x.d, &r, NULL), 0);
    CHECK_INT(rc_store_commit(s), 0);
    rc_store_close(s);

    s = rc_store_open(path, &err, NULL);
    CHECK(s);
    mk(&x, a, "d3", HEAD[2], text[2], "2014-03-12T08:00:00Z", RC_LANG_EN);
    int prc = rc_store_put(s, &x.d, &r, NULL);
    if (prc)
        fprintf(stderr, "put: %s\n", rc_store_errmsg(s));
    CHECK_INT(prc, 0);
    json_t *exp = export_json(s);
    CHECK(exp);
    const char *s1 = story_of(exp, "d1"), *s2 = story_of(exp, "d2");
    CHECK(s1 && s2 && strcmp(s1, s2) != 0);
    CHECK(story_of(exp, "d3") && strcmp(story_of(exp, "d3"), s1) == 0);
    CHECK(story_of(exp, "d1copy") && strcmp(story_of(exp, "d1copy"), s1) == 0);
    json_t *stories = json_object_get(exp, "stories");
    CHECK_INT(json_array_size(stories), 2);
    json_t *st = json_array_get(stories, 0);
    CHECK(strcmp(json_string_value(json_object_get(st, "id")), s1) == 0);
    CHECK_INT(json_array_size(json_object_get(st, "docs")), 3);
    CHECK_STR(rc_str_c(json_string_value(json_object_get(st, "first_published"))),
              "2014-03-11T08:00:00Z");
    CHECK_STR(rc_str_c(json_string_value(json_object_get(st, "last_published"))),
              "2014-03-12T08:00:00Z");
    CHECK_STR(rc_str_c(json_string_value(json_object_get(st, "title"))), HEAD[0]);
    json_decref(exp);
    rc_store_close(s);
    rc_arena_free(a);
    char p[96];
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
    rmdir(dir);
}
