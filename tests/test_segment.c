/* Tests of src/segment.c: paragraphs, sentences, tokens. */
#include "test.h"
#include "segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF"

/* Every span in bounds, non-empty, ordered and not overlapping; sentences
 * inside paragraphs; tokens inside sentences.  Returns NULL or a message. */
static const char *check_invariants(rc_str text, const rc_segmentation *sg)
{
    const rc_span *sets[2] = {sg->paras, sg->sents};
    size_t ns[2] = {sg->n_paras, sg->n_sents};
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < ns[k]; i++) {
            const rc_span *s = &sets[k][i];
            if (s->start >= s->end || s->end > text.len)
                return "span out of bounds or empty";
            if (i > 0 && s->start < sets[k][i - 1].end)
                return "spans not ordered";
        }
    }
    size_t p = 0;
    for (size_t i = 0; i < sg->n_sents; i++) {
        while (p < sg->n_paras && sg->paras[p].end <= sg->sents[i].start)
            p++;
        if (p == sg->n_paras || sg->sents[i].start < sg->paras[p].start ||
            sg->sents[i].end > sg->paras[p].end)
            return "sentence crosses a paragraph";
    }
    size_t s = 0;
    for (size_t i = 0; i < sg->n_toks; i++) {
        const rc_token *t = &sg->toks[i];
        if (t->start >= t->end || t->end > text.len)
            return "token out of bounds or empty";
        if (i > 0 && t->start < sg->toks[i - 1].end)
            return "tokens not ordered";
        if (t->kind < RC_TOK_WORD || t->kind > RC_TOK_PUNCT)
            return "bad token kind";
        while (s < sg->n_sents && sg->sents[s].end <= t->start)
            s++;
        if (s == sg->n_sents || t->start < sg->sents[s].start || t->end > sg->sents[s].end)
            return "token outside every sentence";
    }
    if (sg->n_sents && (sg->sents[0].start != sg->toks[0].start ||
                        sg->sents[sg->n_sents - 1].end != sg->toks[sg->n_toks - 1].end))
        return "sentences do not cover the tokens";
    return NULL;
}

/* Sentences of text joined with " | " (a string in a). */
static const char *sents_of(rc_arena *a, const char *text, rc_lang lang)
{
    rc_segmentation sg;
    rc_str t = rc_str_c(text);
    if (rc_segment(a, t, lang, &sg) != 0)
        return "(error)";
    const char *bad = check_invariants(t, &sg);
    if (bad)
        return bad;
    rc_buf b;
    rc_buf_init(&b, 0);
    for (size_t i = 0; i < sg.n_sents; i++)
        rc_buf_printf(&b, "%s%.*s", i ? " | " : "",
                      (int)(sg.sents[i].end - sg.sents[i].start), text + sg.sents[i].start);
    const char *r = rc_arena_strndup(a, b.ptr ? b.ptr : "", b.len);
    rc_buf_free(&b);
    return r;
}

/* Tokens joined with " ", numbers marked with '#' and punctuation with '_'
 * after them. */
static const char *toks_of(rc_arena *a, const char *text)
{
    rc_token *toks;
    size_t n;
    if (rc_tokenize(a, rc_str_c(text), &toks, &n) != 0)
        return "(error)";
    rc_buf b;
    rc_buf_init(&b, 0);
    for (size_t i = 0; i < n; i++)
        rc_buf_printf(&b, "%s%.*s%s", i ? " " : "", (int)(toks[i].end - toks[i].start),
                      text + toks[i].start,
                      toks[i].kind == RC_TOK_NUM ? "#" : toks[i].kind == RC_TOK_PUNCT ? "_" : "");
    const char *r = rc_arena_strndup(a, b.ptr ? b.ptr : "", b.len);
    rc_buf_free(&b);
    return r;
}

typedef struct {
    const char *in, *want;
} golden;

static const golden sent_fr[] = {
    {"Le gouvernement a reculé. Les syndicats saluent une victoire.",
     "Le gouvernement a reculé. | Les syndicats saluent une victoire."},
    {"M. Dupont et Mme Durand sont arrivés. Ils ont parlé.",
     "M. Dupont et Mme Durand sont arrivés. | Ils ont parlé."},
    {"MM. Dupont et Martin, Mlle Roux et Dr. Petit étaient là.",
     "MM. Dupont et Martin, Mlle Roux et Dr. Petit étaient là."},
    {"Me Martin, avocat, et Pr. Blanc ont signé. Le juge a tranché.",
     "Me Martin, avocat, et Pr. Blanc ont signé. | Le juge a tranché."},
    {"Il habite av. Foch, près de St. Germain. Sa voisine aussi.",
     "Il habite av. Foch, près de St. Germain. | Sa voisine aussi."},
    {"Rome fut fondée en 753 av. J.-C. selon la tradition.",
     "Rome fut fondée en 753 av. J.-C. selon la tradition."},
    {"Rome fut fondée en 753 av. J.-C. La ville grandit ensuite.",
     "Rome fut fondée en 753 av. J.-C. | La ville grandit ensuite."},
    {"Pommes, poires, etc. Le marché était plein.",
     "Pommes, poires, etc. | Le marché était plein."},
    {"Voir p. 12 et cf. Annexe 3. La suite est claire.",
     "Voir p. 12 et cf. Annexe 3. | La suite est claire."},
    {"Le 12 janv. 2023, puis le 3 fév. Dupont est revenu.",
     "Le 12 janv. 2023, puis le 3 fév. Dupont est revenu."},
    {"Le taux est passé de 3.5 à 4,25 %. C'est un record.",
     "Le taux est passé de 3.5 à 4,25 %. | C'est un record."},
    {"« Nous partons. » a-t-il dit. Personne ne l'a cru.",
     "« Nous partons. » a-t-il dit. | Personne ne l'a cru."},
    {"«" NBSP "Nous partons." NBSP "»" NBSP "a-t-il dit.",
     "«" NBSP "Nous partons." NBSP "»" NBSP "a-t-il dit."},
    {"Il a dit : « Non. Jamais. » Puis il est parti.",
     "Il a dit : « Non. Jamais. » | Puis il est parti."},
    {"Quoi" NNBSP "? Vraiment" NNBSP "! Oui.",
     "Quoi" NNBSP "? | Vraiment" NNBSP "! | Oui."},
    {"Pourquoi ?! Personne ne sait !!! On verra.",
     "Pourquoi ?! | Personne ne sait !!! | On verra."},
    {"Il a hésité... puis il est parti. Ensuite... Rien.",
     "Il a hésité... puis il est parti. | Ensuite... | Rien."},
    {"Il a hésité… puis il est parti.", "Il a hésité… puis il est parti."},
    {"Il a dit « je ne sais pas... » avant de partir.",
     "Il a dit « je ne sais pas... » avant de partir."},
    {"Elle est née en 1990. Elle a 33 ans.", "Elle est née en 1990. | Elle a 33 ans."},
    {"1. Introduction au sujet", "1. Introduction au sujet"},
    {"Le site lemonde.fr a publié l'article. Il est lu.",
     "Le site lemonde.fr a publié l'article. | Il est lu."},
    {"Écrivez à contact@exemple.fr. Réponse sous 48h.",
     "Écrivez à contact@exemple.fr. | Réponse sous 48h."},
    {"La S.N.C.F. Connect est en panne.", "La S.N.C.F. Connect est en panne."},
    {"Il a parlé à la S.N.C.F. Le train est reparti.",
     "Il a parlé à la S.N.C.F. | Le train est reparti."},
    {"Fin du match (score final 2-1). Les joueurs rentrent.",
     "Fin du match (score final 2-1). | Les joueurs rentrent."},
    {"Il l'a dit (voir plus haut.) Ensuite il est parti.",
     "Il l'a dit (voir plus haut.) | Ensuite il est parti."},
    {"Un titre sans point", "Un titre sans point"},
    {"— Vous venez ? — Oui.", "— Vous venez ? | — Oui."},
    {"Le vol. Il a été volé.", "Le vol. | Il a été volé."},
};

static const golden sent_en[] = {
    {"The minister resigned. Her deputy took over.",
     "The minister resigned. | Her deputy took over."},
    {"Mr. Smith and Mrs. Jones met Ms. Brown and Dr. Lee.",
     "Mr. Smith and Mrs. Jones met Ms. Brown and Dr. Lee."},
    {"Gen. Smith, Lt. Col. Jones and Sgt. Brown arrived. Capt. Hook did not.",
     "Gen. Smith, Lt. Col. Jones and Sgt. Brown arrived. | Capt. Hook did not."},
    {"Gov. Newsom, Sen. Padilla, Rep. Pelosi and Rev. King spoke.",
     "Gov. Newsom, Sen. Padilla, Rep. Pelosi and Rev. King spoke."},
    {"Prof. Adams lives on St. James St. in London.",
     "Prof. Adams lives on St. James St. in London."},
    {"Martin Luther King Jr. spoke. The crowd listened.",
     "Martin Luther King Jr. spoke. | The crowd listened."},
    {"Apple Inc. said sales rose. The shares jumped.",
     "Apple Inc. said sales rose. | The shares jumped."},
    {"He works for Apple Inc. The company is large.",
     "He works for Apple Inc. | The company is large."},
    {"Acme Ltd. and Foo Co. merged with Bar Corp. last year.",
     "Acme Ltd. and Foo Co. merged with Bar Corp. last year."},
    {"It was Federer vs. Nadal again.", "It was Federer vs. Nadal again."},
    {"Bring fruit, bread, etc. The picnic starts soon.",
     "Bring fruit, bread, etc. | The picnic starts soon."},
    {"Use a tool, e.g. a hammer, i.e. something heavy.",
     "Use a tool, e.g. a hammer, i.e. something heavy."},
    {"On Jan. 5 and Feb. 12, and again on Sept. 30, Oct. 1, Nov. 2 and Dec. 3, they met.",
     "On Jan. 5 and Feb. 12, and again on Sept. 30, Oct. 1, Nov. 2 and Dec. 3, they met."},
    {"He moved in Aug. 2020 to the U.S. Army base.",
     "He moved in Aug. 2020 to the U.S. Army base."},
    {"He moved to the U.S. The next year he left.",
     "He moved to the U.S. | The next year he left."},
    {"The U.K. and the U.N. agreed.", "The U.K. and the U.N. agreed."},
    {"We met at 9 a.m. and left at 5 p.m. on Monday.",
     "We met at 9 a.m. and left at 5 p.m. on Monday."},
    {"They won No. 1 spot.", "They won No. 1 spot."},
    {"John F. Kennedy was president. He was shot in 1963.",
     "John F. Kennedy was president. | He was shot in 1963."},
    {"J. R. R. Tolkien wrote it.", "J. R. R. Tolkien wrote it."},
    {"The answer is no. Then he left.", "The answer is no. | Then he left."},
    {"Growth was 3.5 percent. Inflation fell.", "Growth was 3.5 percent. | Inflation fell."},
    {"\"We are ready. We will win,\" he said. \"Good.\" She left.",
     "\"We are ready. We will win,\" he said. | \"Good.\" | She left."},
    {"\xE2\x80\x9CI quit.\xE2\x80\x9D He walked out.",
     "\xE2\x80\x9CI quit.\xE2\x80\x9D | He walked out."},
    {"He said \xE2\x80\x9Cwait...\xE2\x80\x9D and stopped.",
     "He said \xE2\x80\x9Cwait...\xE2\x80\x9D and stopped."},
    {"Really?! Yes! No way...", "Really?! | Yes! | No way..."},
    {"Wow! he said.", "Wow! he said."},
    {"See https://example.com/a.html. It is long.",
     "See https://example.com/a.html. | It is long."},
    {"Mail bob.smith@example.org. He answers.",
     "Mail bob.smith@example.org. | He answers."},
    {"Version 2.0 shipped. Users cheered.", "Version 2.0 shipped. | Users cheered."},
};

static int run_golden(rc_arena *a, const golden *g, size_t n, rc_lang lang)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        const char *got = sents_of(a, g[i].in, lang);
        if (strcmp(got, g[i].want) != 0) {
            fprintf(stderr, "  sentences of: %s\n   want: %s\n    got: %s\n", g[i].in,
                    g[i].want, got);
            bad++;
        }
    }
    return bad;
}

TEST(segment_sentences_french)
{
    rc_arena *a = rc_arena_new(0);
    int bad = run_golden(a, sent_fr, sizeof sent_fr / sizeof sent_fr[0], RC_LANG_FR);
    bad += run_golden(a, sent_fr, sizeof sent_fr / sizeof sent_fr[0], RC_LANG_UND);
    rc_arena_free(a);
    CHECK_INT(bad, 0);
}

TEST(segment_sentences_english)
{
    rc_arena *a = rc_arena_new(0);
    int bad = run_golden(a, sent_en, sizeof sent_en / sizeof sent_en[0], RC_LANG_EN);
    bad += run_golden(a, sent_en, sizeof sent_en / sizeof sent_en[0], RC_LANG_UND);
    rc_arena_free(a);
    CHECK_INT(bad, 0);
}

TEST(segment_abbrev_language_and_case)
{
    rc_arena *a = rc_arena_new(0);
    /* "M." needs a capital: "100 m." is metres, ending a sentence. */
    CHECK_STR(rc_str_c(sents_of(a, "Il a couru 100 m. Puis il a bu.", RC_LANG_FR)),
              "Il a couru 100 m. | Puis il a bu.");
    /* "Me" (Maître) is French only: in English text "Me." ends a sentence. */
    CHECK_STR(rc_str_c(sents_of(a, "Me Dupont plaide. Le juge écoute.", RC_LANG_FR)),
              "Me Dupont plaide. | Le juge écoute.");
    CHECK_STR(rc_str_c(sents_of(a, "They called Me. Then left.", RC_LANG_EN)),
              "They called Me. | Then left.");
    CHECK_STR(rc_str_c(sents_of(a, "Ask Me. Dupont knows.", RC_LANG_FR)),
              "Ask Me. Dupont knows.");
    /* German ordinals, German quotes. */
    CHECK_STR(rc_str_c(sents_of(a, "Am 3. Oktober kam er. Er blieb.", RC_LANG_DE)),
              "Am 3. Oktober kam er. | Er blieb.");
    CHECK_STR(rc_str_c(sents_of(a, "Er sagte: \xE2\x80\x9EWir kommen. Bald.\xE2\x80\x9C Dann ging er.",
                                RC_LANG_DE)),
              "Er sagte: \xE2\x80\x9EWir kommen. Bald.\xE2\x80\x9C | Dann ging er.");
    rc_arena_free(a);
}

static const golden tok_cases[] = {
    {"aujourd'hui l’armée d'abord qu'il jusqu'à",
     "aujourd'hui l’ armée d' abord qu' il jusqu' à"},
    {"L'Express C’est N'importe", "L' Express C’ est N' importe"},
    {"don't John's rock'n'roll", "don't John's rock'n'roll"},
    {"a-t-il Jean-Pierre peut-être COVID-19", "a-t-il Jean-Pierre peut-être COVID-19"},
    {"1,5 3.14 12h30 2022-11-14 14/11/2022 12:30", "1,5# 3.14# 12h30# 2022-11-14# 14/11/2022# 12:30#"},
    {"1" NBSP "000 1" NNBSP "000" NNBSP "000 €", "1" NBSP "000# 1" NNBSP "000" NNBSP "000# €_"},
    {"en 2022 150 personnes", "en 2022# 150# personnes"},
    {"1er 3e 100km G7", "1er# 3e# 100km# G7"},
    {"«" NBSP "Oui" NBSP "»", "«_ Oui »_"},
    {"Quoi ?! Non...", "Quoi ?_ !_ Non ._ ._ ._"},
    {"(voir [note]) - fin; a:b", "(_ voir [_ note ]_ )_ -_ fin ;_ a :_ b"},
    {"U.S. e.g. J.-C. Ph.D. S.N.C.F.", "U.S. e.g. J.-C. Ph.D. S.N.C.F."},
    {"lemonde.fr jean.dupont@exemple.fr", "lemonde.fr jean.dupont@exemple.fr"},
    {"(https://ex.com/a?b=1&c=2).", "(_ https://ex.com/a?b=1&c=2 )_ ._"},
    {"www.bbc.co.uk, ok", "www.bbc.co.uk ,_ ok"},
    {"fin.", "fin ._"},
    {"Ελλάδα Москва 東京", "Ελλάδα Москва 東京"},
    {"naïve café Œuvre", "naïve café Œuvre"},
    {"3.", "3# ._"},
    {"-5 % +3", "-_ 5# %_ +_ 3#"},
    {"", ""},
    {"   \n\n  ", ""},
};

TEST(segment_tokens_golden)
{
    rc_arena *a = rc_arena_new(0);
    int bad = 0;
    for (size_t i = 0; i < sizeof tok_cases / sizeof tok_cases[0]; i++) {
        const char *got = toks_of(a, tok_cases[i].in);
        if (strcmp(got, tok_cases[i].want) != 0) {
            fprintf(stderr, "  tokens of: %s\n   want: %s\n    got: %s\n", tok_cases[i].in,
                    tok_cases[i].want, got);
            bad++;
        }
    }
    rc_arena_free(a);
    CHECK_INT(bad, 0);
}

TEST(segment_paragraphs)
{
    rc_arena *a = rc_arena_new(0);
    const char *text = "Premier paragraphe. Deux phrases.\n\nSecond\nsur deux lignes\n  \t\n"
                       "Troisième.\n" NBSP "\n\nQuatrième sans point";
    rc_str t = rc_str_c(text);
    rc_segmentation sg;
    CHECK_INT(rc_segment(a, t, RC_LANG_FR, &sg), 0);
    CHECK(check_invariants(t, &sg) == NULL);
    CHECK_INT(sg.n_paras, 4);
    CHECK_STR(((rc_str){text + sg.paras[0].start, sg.paras[0].end - sg.paras[0].start}),
              "Premier paragraphe. Deux phrases.");
    CHECK_STR(((rc_str){text + sg.paras[1].start, sg.paras[1].end - sg.paras[1].start}),
              "Second\nsur deux lignes");
    CHECK_STR(((rc_str){text + sg.paras[3].start, sg.paras[3].end - sg.paras[3].start}),
              "Quatrième sans point");
    CHECK_INT(sg.n_sents, 5);
    /* A sentence never crosses a paragraph, even without a final period. */
    CHECK_STR(rc_str_c(sents_of(a, "Titre sans point\n\nLe texte suit. Fin", RC_LANG_FR)),
              "Titre sans point | Le texte suit. | Fin");
    /* Unclosed quotation: ignored at the paragraph end. */
    CHECK_STR(rc_str_c(sents_of(a, "Il dit « oui. Non.\n\nAutre. Chose.", RC_LANG_FR)),
              "Il dit « oui. Non. | Autre. | Chose.");
    rc_arena_free(a);
}

TEST(segment_empty_and_blank)
{
    rc_arena *a = rc_arena_new(0);
    rc_segmentation sg;
    CHECK_INT(rc_segment(a, RC_STR_NULL, RC_LANG_UND, &sg), 0);
    CHECK(sg.n_paras == 0 && sg.n_sents == 0 && sg.n_toks == 0);
    CHECK_INT(rc_segment(a, RC_STR_LIT(""), RC_LANG_FR, &sg), 0);
    CHECK(sg.n_paras == 0 && sg.n_sents == 0 && sg.n_toks == 0);
    CHECK_INT(rc_segment(a, RC_STR_LIT("   \n \n\t" NBSP "  \n\n"), RC_LANG_FR, &sg), 0);
    CHECK(sg.n_paras == 0 && sg.n_sents == 0 && sg.n_toks == 0);
    CHECK_INT(rc_segment(a, RC_STR_LIT("  .  "), RC_LANG_FR, &sg), 0);
    CHECK(sg.n_paras == 1 && sg.n_sents == 1 && sg.n_toks == 1);
    CHECK_INT(sg.sents[0].start, 2);
    CHECK_INT(sg.sents[0].end, 3);
    CHECK_INT(rc_segment(a, (rc_str){NULL, 5}, RC_LANG_FR, &sg), RC_EINVAL);
    rc_arena_free(a);
}

TEST(segment_invalid_utf8_and_controls)
{
    rc_arena *a = rc_arena_new(0);
    const char text[] = "Caf\xC3 bad\xFF\xFE. Suite\x01 ok.\xE2\x80 fin\xF0\x9F";
    rc_str t = {text, sizeof text - 1};
    rc_segmentation sg;
    CHECK_INT(rc_segment(a, t, RC_LANG_UND, &sg), 0);
    CHECK(check_invariants(t, &sg) == NULL);
    CHECK(sg.n_toks > 5);
    rc_arena_free(a);
}

/* Deterministic pseudo-random news-like text of about `size` bytes. */
static char *make_text(size_t size, size_t *len)
{
    static const char *const pieces[] = {
        "Le président de la République a annoncé mardi une réforme. ",
        "« Nous irons jusqu'au bout », a-t-il déclaré à l'Élysée. ",
        "M. Dupont, 54 ans, a obtenu 12,5 % des voix le 14/11/2022. ",
        "The U.S. economy grew 3.5 percent, Mr. Smith said on Tuesday. ",
        "\"We are ready,\" she said. Prices rose by 1" NBSP "000 euros... ",
        "Voir https://www.example.com/article?id=42 pour les détails. ",
        "Qu'en pense-t-on aujourd'hui ? Personne ne le sait ! ",
        "\n\n",
    };
    size_t np = sizeof pieces / sizeof pieces[0];
    char *buf = malloc(size + 256);
    if (!buf)
        return NULL;
    size_t n = 0;
    unsigned x = 12345;
    while (n < size) {
        x = x * 1103515245u + 12345u;
        const char *p = pieces[(x >> 16) % np];
        size_t k = strlen(p);
        memcpy(buf + n, p, k);
        n += k;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

TEST(segment_5mb_fast_and_consistent)
{
    size_t len;
    char *text = make_text((size_t)5 << 20, &len);
    CHECK(text != NULL);
    rc_arena *a = rc_arena_new(0);
    rc_segmentation sg;
    double t0 = now();
    int rc = rc_segment(a, (rc_str){text, len}, RC_LANG_FR, &sg);
    double t1 = now();
    const char *bad = rc == 0 ? check_invariants((rc_str){text, len}, &sg) : "rc";
    rc_token *toks = NULL;
    size_t ntoks = 0;
    int rc2 = rc_tokenize(a, (rc_str){text, len}, &toks, &ntoks);
    /* Field by field: the structs have padding bytes, which memcmp would see. */
    int same = rc2 == 0 && ntoks == sg.n_toks;
    for (size_t i = 0; same && i < ntoks; i++)
        same = toks[i].start == sg.toks[i].start && toks[i].end == sg.toks[i].end &&
               toks[i].kind == sg.toks[i].kind;
    fprintf(stderr, "  segment: %.1f MB in %.3f s = %.0f MB/s (%zu paragraphs, %zu sentences, "
            "%zu tokens)\n", (double)len / 1e6, t1 - t0, (double)len / 1e6 / (t1 - t0),
            sg.n_paras, sg.n_sents, sg.n_toks);
    rc_arena_free(a);
    free(text);
    CHECK_INT(rc, 0);
    CHECK(bad == NULL);
    CHECK(same);
    CHECK(sg.n_sents > 50000);
    CHECK(t1 - t0 < 10.0);     /* generous: sanitizer builds are slow */
}
