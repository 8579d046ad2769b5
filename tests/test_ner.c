/* Tests of named-entity recognition (ner.c) and name keys (names.c). */
#include "test.h"
#include "ner.h"
#include "names.h"
#include "segment.h"

#include <stdlib.h>
#include <time.h>

typedef struct ner_run {
    rc_arena *a;
    const char *text;
    rc_mention *m;
    size_t n;
    int rc;
} ner_run;

static ner_run ner_on(const char *text, size_t len, rc_lang lang)
{
    ner_run r = {rc_arena_new(0), text, NULL, 0, 0};
    rc_segmentation seg;
    if (!r.a) {
        r.rc = RC_ENOMEM;
        return r;
    }
    r.rc = rc_segment(r.a, (rc_str){text, len}, lang, &seg);
    if (r.rc == 0)
        r.rc = rc_ner_find(r.a, (rc_str){text, len}, lang, seg.sents, seg.n_sents,
                           seg.toks, seg.n_toks, &r.m, &r.n);
    return r;
}

static ner_run ner(const char *text, rc_lang lang)
{
    return ner_on(text, strlen(text), lang);
}

/* The mention whose text is exactly s (NULL if none). */
static const rc_mention *find(const ner_run *r, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < r->n; i++)
        if (r->m[i].end - r->m[i].start == n && memcmp(r->text + r->m[i].start, s, n) == 0)
            return &r->m[i];
    return NULL;
}

static int has(const ner_run *r, const char *s, int type)
{
    const rc_mention *m = find(r, s);
    return m && m->type == type;
}

static int covered(const ner_run *r, const char *s)
{
    const char *p = strstr(r->text, s);
    if (!p)
        return 0;
    uint32_t a = (uint32_t)(p - r->text), b = a + (uint32_t)strlen(s);
    for (size_t i = 0; i < r->n; i++)
        if (r->m[i].start < b && r->m[i].end > a)
            return 1;
    return 0;
}

TEST(ner_persons_titles_and_partial_mentions_fr)
{
    ner_run r = ner("Le porte-parole du Kremlin, Dmitri Peskov, a déclaré lundi que "
                    "M. Poutine recevrait Emmanuel Macron à Moscou.\n\n"
                    "Peskov a ajouté que la rencontre aurait lieu en mai.", RC_LANG_FR);
    CHECK_INT(r.rc, 0);
    CHECK(has(&r, "Dmitri Peskov", RC_ENT_PER));
    CHECK(has(&r, "Kremlin", RC_ENT_ORG));
    CHECK(has(&r, "Poutine", RC_ENT_PER));
    CHECK(!covered(&r, "M."));                       /* the title is not in the name */
    CHECK(has(&r, "Emmanuel Macron", RC_ENT_PER));
    CHECK(has(&r, "Moscou", RC_ENT_LOC));
    const rc_mention *p = find(&r, "Peskov");
    CHECK(p && p->type == RC_ENT_PER);
    CHECK_STR(p->name, "Dmitri Peskov");             /* partial mention -> full name */
    CHECK(!covered(&r, "Le porte"));
    rc_arena_free(r.a);
}

TEST(ner_persons_titles_en)
{
    ner_run r = ner("Russian President Boris Yeltsin met Mr. Clinton in Washington on Tuesday. "
                    "Yeltsin said talks went well, Dr. Jane Smith told Reuters.", RC_LANG_EN);
    CHECK_INT(r.rc, 0);
    CHECK(has(&r, "Russian", RC_ENT_MISC));          /* demonym: MISC as in CoNLL */
    CHECK(has(&r, "Boris Yeltsin", RC_ENT_PER));
    CHECK(!covered(&r, "President"));
    CHECK(has(&r, "Clinton", RC_ENT_PER));
    CHECK(has(&r, "Washington", RC_ENT_LOC));
    CHECK(!covered(&r, "Tuesday"));
    const rc_mention *y = find(&r, "Yeltsin");
    CHECK(y && y->type == RC_ENT_PER);
    CHECK_STR(y->name, "Boris Yeltsin");
    CHECK(has(&r, "Jane Smith", RC_ENT_PER));
    CHECK(has(&r, "Reuters", RC_ENT_ORG));
    rc_arena_free(r.a);
}

TEST(ner_roles_apposition_and_before)
{
    ner_run r = ner("Dmitri Peskov, porte-parole du Kremlin, a démenti.", RC_LANG_FR);
    const rc_mention *p = find(&r, "Dmitri Peskov");
    CHECK(p && p->type == RC_ENT_PER);
    CHECK_STR(p->role, "porte-parole du Kremlin");
    rc_arena_free(r.a);
    r = ner("Kremlin spokesman Dmitry Peskov denied the report.", RC_LANG_EN);
    p = find(&r, "Dmitry Peskov");
    CHECK(p && p->type == RC_ENT_PER);
    CHECK_STR(p->role, "Kremlin spokesman");
    rc_arena_free(r.a);
    r = ner("Le ministre de la Défense, Sébastien Lecornu, est arrivé à Kiev.", RC_LANG_FR);
    p = find(&r, "Sébastien Lecornu");
    CHECK(p && p->type == RC_ENT_PER);
    CHECK_STR(p->role, "ministre de la Défense");
    CHECK(has(&r, "Kiev", RC_ENT_LOC));
    rc_arena_free(r.a);
}

TEST(ner_sentence_initial_common_words)
{
    ner_run r = ner("The talks ended. Police said nothing. After the vote, Paris reacted. "
                    "China and Turkey protested.", RC_LANG_EN);
    CHECK(!covered(&r, "The talks"));
    CHECK(!covered(&r, "Police"));
    CHECK(!covered(&r, "After"));
    CHECK(has(&r, "Paris", RC_ENT_LOC));
    CHECK(has(&r, "China", RC_ENT_LOC));             /* a common word too, but a country */
    CHECK(has(&r, "Turkey", RC_ENT_LOC));
    rc_arena_free(r.a);
    r = ner("Certains députés ont voté contre. Selon Le Monde, la Commission européenne hésite.",
            RC_LANG_FR);
    CHECK(!covered(&r, "Certains"));
    CHECK(!covered(&r, "Selon"));
    CHECK(has(&r, "Le Monde", RC_ENT_ORG));
    CHECK(has(&r, "Commission européenne", RC_ENT_ORG));
    rc_arena_free(r.a);
}

TEST(ner_organisations_patterns_and_acronyms)
{
    ner_run r = ner("Shares of Acme Widgets Inc. rose after the Bank of England and the "
                    "University of Chicago spoke. The Zorblatt Party won.", RC_LANG_EN);
    CHECK(has(&r, "Acme Widgets Inc.", RC_ENT_ORG) || has(&r, "Acme Widgets Inc", RC_ENT_ORG));
    CHECK(has(&r, "Bank of England", RC_ENT_ORG));
    CHECK(has(&r, "University of Chicago", RC_ENT_ORG));
    CHECK(has(&r, "Zorblatt Party", RC_ENT_ORG));
    rc_arena_free(r.a);
    r = ner("Le Front Quelconque de Libération Zorbienne (FQLZ) a revendiqué l'attaque. "
            "Le FQLZ dément.", RC_LANG_FR);
    const rc_mention *m = find(&r, "FQLZ");
    CHECK(m && m->type == RC_ENT_ORG);
    CHECK_STR(m->name, "Front Quelconque de Libération Zorbienne");
    rc_arena_free(r.a);
    r = ner("L'OTAN et l'ONU ont réagi, comme la CIA.", RC_LANG_FR);
    CHECK(has(&r, "OTAN", RC_ENT_ORG));
    CHECK(has(&r, "ONU", RC_ENT_ORG));
    CHECK(has(&r, "CIA", RC_ENT_ORG));
    rc_arena_free(r.a);
}

TEST(ner_locations_and_demonyms)
{
    ner_run r = ner("German officials arrived in Berlin from New Zealand and the United States.",
                    RC_LANG_EN);
    CHECK(has(&r, "German", RC_ENT_MISC));
    CHECK(has(&r, "Berlin", RC_ENT_LOC));
    CHECK(has(&r, "New Zealand", RC_ENT_LOC));
    CHECK(has(&r, "United States", RC_ENT_LOC));
    rc_arena_free(r.a);
    r = ner("Les Français ont voté à Lyon, en Bretagne et au Moyen-Orient.", RC_LANG_FR);
    CHECK(has(&r, "Français", RC_ENT_MISC));
    CHECK(has(&r, "Lyon", RC_ENT_LOC));
    CHECK(has(&r, "Bretagne", RC_ENT_LOC));
    CHECK(has(&r, "Moyen-Orient", RC_ENT_LOC));
    rc_arena_free(r.a);
}

TEST(ner_all_caps_headline)
{
    ner_run r = ner("SOCCER - ARSENAL BEAT LIVERPOOL IN LONDON .", RC_LANG_EN);
    CHECK_INT(r.rc, 0);
    CHECK(!covered(&r, "SOCCER"));
    CHECK(!covered(&r, "BEAT"));
    CHECK(has(&r, "LONDON", RC_ENT_LOC));
    rc_arena_free(r.a);
}

TEST(ner_safety_empty_invalid_and_big)
{
    ner_run r = ner("", RC_LANG_FR);
    CHECK_INT(r.rc, 0);
    CHECK_INT(r.n, 0);
    rc_arena_free(r.a);
    /* tokens with no text and no sentences */
    rc_arena *a = rc_arena_new(0);
    rc_mention *m;
    size_t n;
    CHECK_INT(rc_ner_find(a, RC_STR_NULL, RC_LANG_EN, NULL, 0, NULL, 0, &m, &n), 0);
    CHECK_INT(n, 0);
    /* out-of-range tokens are clamped, not trusted */
    rc_token bad[2] = {{0, 50, RC_TOK_WORD}, {60, 40, RC_TOK_WORD}};
    CHECK_INT(rc_ner_find(a, RC_STR_LIT("Paris"), RC_LANG_EN, NULL, 0, bad, 2, &m, &n), 0);
    rc_arena_free(a);
    /* invalid UTF-8 (the function asks for valid text, but must not crash) */
    static const char junk[] = "Le \xC3 Pr\xE9sident \xFF\xFE Jean \xC3\xA9 Dupont a \xE2\x80 dit.";
    r = ner_on(junk, sizeof junk - 1, RC_LANG_FR);
    CHECK_INT(r.rc, 0);
    for (size_t i = 0; i < r.n; i++)
        CHECK(r.m[i].start < r.m[i].end && r.m[i].end <= sizeof junk - 1);
    rc_arena_free(r.a);
    /* all capitals */
    r = ner("LE PRÉSIDENT A PARLÉ À PARIS HIER SOIR AVEC LES MINISTRES.", RC_LANG_FR);
    CHECK_INT(r.rc, 0);
    CHECK(!covered(&r, "PRÉSIDENT"));
    rc_arena_free(r.a);
    /* 1 MB of capitalised words: fast, non-overlapping, in order */
    size_t big = 1 << 20;
    char *t = malloc(big + 1);
    CHECK(t != NULL);
    static const char *const words[] = {"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Paris"};
    size_t o = 0, k = 0;
    while (o + 10 < big) {
        const char *w = words[k++ % 6];
        size_t l = strlen(w);
        memcpy(t + o, w, l);
        o += l;
        t[o++] = (k % 97 == 0) ? '.' : ' ';
        if (k % 97 == 0)
            t[o++] = ' ';
    }
    t[o] = 0;
    clock_t c0 = clock();
    r = ner_on(t, o, RC_LANG_EN);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    CHECK_INT(r.rc, 0);
    CHECK(r.n > 0);
    for (size_t i = 1; i < r.n; i++)
        CHECK(r.m[i - 1].end <= r.m[i].start);
    CHECK(secs < 5.0);
    rc_arena_free(r.a);
    free(t);
}

TEST(ner_keys_have_type_and_merge_across_documents)
{
    ner_run r1 = ner("Sergueï Narychkine, chef du SVR, a parlé.", RC_LANG_FR);
    ner_run r2 = ner("SVR director Sergei Naryshkin spoke.", RC_LANG_EN);
    const rc_mention *a = find(&r1, "Sergueï Narychkine");
    const rc_mention *b = find(&r2, "Sergei Naryshkin");
    CHECK(a && b);
    CHECK(rc_str_eq(a->key, b->key));
    CHECK(a->key.len > 4 && memcmp(a->key.ptr, "per:", 4) == 0);
    rc_arena_free(r1.a);
    rc_arena_free(r2.a);
}

static int same_key(rc_arena *a, const char *x, const char *y)
{
    rc_str kx, ky;
    if (rc_name_key(a, rc_str_c(x), RC_ENT_PER, &kx) || rc_name_key(a, rc_str_c(y), RC_ENT_PER, &ky))
        return -1;
    return rc_str_eq(kx, ky);
}

TEST(names_transliteration_pairs_match)
{
    static const char *const pairs[][2] = {
        /* Russian */
        {"Sergueï Narychkine", "Sergey Naryshkin"},
        {"Sergei Naryschkin", "Sergey Naryshkin"},
        {"Vladimir Poutine", "Vladimir Putin"},
        {"Wladimir Putin", "Vladimir Putin"},
        {"Dmitri Peskov", "Dmitry Peskov"},
        {"Dmitrij Peskow", "Dmitry Peskov"},
        {"Sergueï Lavrov", "Sergey Lavrov"},
        {"Sergej Lawrow", "Sergei Lavrov"},
        {"Alexeï Navalny", "Alexei Navalny"},
        {"Alexej Nawalny", "Aleksei Navalny"},
        {"Mikhaïl Gorbatchev", "Mikhail Gorbachev"},
        {"Michail Gorbatschow", "Mikhail Gorbachev"},
        {"Nikita Khrouchtchev", "Nikita Khrushchev"},
        {"Nikita Chruschtschow", "Nikita Khrushchev"},
        {"Léonid Brejnev", "Leonid Brezhnev"},
        {"Leonid Breschnew", "Leonid Brezhnev"},
        {"Dmitri Medvedev", "Dmitry Medvedev"},
        {"Dmitri Medwedew", "Dmitry Medvedev"},
        {"Evgueni Prigojine", "Yevgeny Prigozhin"},
        {"Sergueï Choïgou", "Sergei Shoigu"},
        {"Владимир Путин", "Vladimir Putin"},
        {"Piotr Tchaïkovski", "Pyotr Tchaikovsky"},
        /* Ukrainian */
        {"Volodymyr Zelensky", "Volodymyr Zelenskyy"},
        {"Volodymyr Zelenskiy", "Volodymyr Zelensky"},
        {"Wolodymyr Selenskyj", "Volodymyr Zelensky"},
        {"Ioulia Timochenko", "Yulia Tymoshenko"},
        {"Vitali Klitschko", "Vitaly Klitschko"},
        {"Kharkov", "Kharkiv"},
        /* Arabic, Persian, Turkish */
        {"Bachar al-Assad", "Bashar al-Assad"},
        {"Baschar al-Assad", "Bashar al-Assad"},
        {"Oussama ben Laden", "Osama bin Laden"},
        {"Usama bin Ladin", "Osama bin Laden"},
        {"Mahmoud Abbas", "Mahmud Abbas"},
        {"Moqtada al-Sadr", "Muqtada al-Sadr"},
        {"Ali Khameneï", "Ali Khamenei"},
        {"Ali Chamenei", "Ali Khamenei"},
        {"Hassan Rohani", "Hassan Rouhani"},
        {"Mohammed ben Salmane", "Mohammed bin Salman"},
        {"Abou Bakr al-Baghdadi", "Abu Bakr al-Baghdadi"},
        {"Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"},
        {"Abdel Fattah al-Sissi", "Abdel Fattah el-Sisi"},
        /* Chinese */
        {"Xi Jin-ping", "Xi Jinping"},
        {"Hou Jintao", "Hu Jintao"},
        {"Li Ke-qiang", "Li Keqiang"},
    };
    rc_arena *a = rc_arena_new(0);
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        if (same_key(a, pairs[i][0], pairs[i][1]) != 1) {
            rc_str k1, k2;
            rc_name_key(a, rc_str_c(pairs[i][0]), RC_ENT_PER, &k1);
            rc_name_key(a, rc_str_c(pairs[i][1]), RC_ENT_PER, &k2);
            rc_test_fail(__FILE__, __LINE__, "%s / %s: %s != %s", pairs[i][0], pairs[i][1],
                         k1.ptr, k2.ptr);
            rc_arena_free(a);
            return;
        }
    }
    rc_arena_free(a);
}

TEST(names_look_alikes_do_not_match)
{
    static const char *const pairs[][2] = {
        {"Sergei Ivanov", "Sergei Ivanova"},
        {"Sergei Lavrov", "Sergei Lavrova"},
        {"Kim Jong-un", "Kim Jong-il"},
        {"Putin", "Patten"},
        {"Dmitry Peskov", "Dmitry Pesko"},
        {"Ali Khamenei", "Ali Khomeini"},
        {"Hassan Rouhani", "Hassan Nasrallah"},
        {"Mahmoud Abbas", "Mahmoud Ahmadinejad"},
        {"Bashar al-Assad", "Hafez al-Assad"},
        {"Alexei Navalny", "Yulia Navalnaya"},
        {"Viktor Orban", "Viktor Yanukovych"},
        {"Hu Jintao", "Wen Jiabao"},
        {"Boris Johnson", "Boris Yeltsin"},
        {"Mikhail Gorbachev", "Mikhail Fridman"},
        {"Igor Sechin", "Igor Shuvalov"},
        {"Zelensky", "Zelenko"},
    };
    rc_arena *a = rc_arena_new(0);
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        if (same_key(a, pairs[i][0], pairs[i][1]) != 0) {
            rc_test_fail(__FILE__, __LINE__, "%s / %s should differ", pairs[i][0], pairs[i][1]);
            rc_arena_free(a);
            return;
        }
    /* the type is part of the key */
    rc_str k1, k2;
    CHECK_INT(rc_name_key(a, RC_STR_LIT("Washington"), RC_ENT_PER, &k1), 0);
    CHECK_INT(rc_name_key(a, RC_STR_LIT("Washington"), RC_ENT_LOC, &k2), 0);
    CHECK(!rc_str_eq(k1, k2));
    CHECK_STR(k2, "loc:vaXingtun");
    /* odd input */
    CHECK_INT(rc_name_key(a, RC_STR_NULL, RC_ENT_ORG, &k1), 0);
    CHECK_STR(k1, "org:");
    CHECK_INT(rc_name_key(a, RC_STR_LIT("\xFF\xC3 --- al-"), 0, &k1), 0);
    rc_arena_free(a);
}
