/* Tests of src/stance.c: the stance of a text towards a claim, in English
 * and French (pairs written for these tests), the cue lexicon with its
 * negations, JSON Lines input and output, bad and hostile inputs. */
#include "test.h"
#include "stance.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The label of text towards claim (lang "en", "fr" or NULL); -1 on error. */
static int label_of(rc_stance *s, const char *claim, const char *text, const char *lang)
{
    rc_stance_result r;
    int rc = rc_stance_decide(s, rc_str_c(claim), rc_str_c(text), rc_str_c(lang), &r);
    if (rc) {
        fprintf(stderr, "stance error: %s\n", rc_stance_errmsg(s));
        return -1;
    }
    return r.label;
}

#define CHECK_LABEL(s, claim, text, lang, want)                                  \
    do { int got_ = label_of((s), (claim), (text), (lang));                      \
         if (got_ != (want)) { rc_test_fail(__FILE__, __LINE__,                  \
             "stance of \"%.60s\" towards \"%.60s\": %s, want %s", (text), (claim), \
             got_ < 0 ? "error" : rc_stance_label_name(got_), rc_stance_label_name(want)); \
             rc_stance_free(s); return; } } while (0)

TEST(stance_labels_en)
{
    rc_stance *s = rc_stance_new(NULL);
    CHECK(s != NULL);
    /* The text states the claim as a fact. */
    CHECK_LABEL(s, "Harbour Motors will build a battery factory in Nevada",
                "Harbour Motors will build its new battery factory in Nevada, the company "
                "announced on Monday. The plant will employ 3,000 people when it opens in 2026. "
                "Construction starts in the spring.",
                "en", RC_STANCE_FOR);
    /* The text calls the story a hoax. */
    CHECK_LABEL(s, "Giant crab photographed off the coast of Kent",
                "The photograph of a giant crab off the coast of Kent is a hoax. Experts who "
                "examined the picture said it had been doctored, and the man who posted it "
                "admitted that he made it up.",
                "en", RC_STANCE_AGAINST);
    /* Someone the text reports denies it. */
    CHECK_LABEL(s, "Minister Lindqvist took a bribe from the shipyard",
                "Minister Lindqvist denied on Tuesday that he took a bribe from the shipyard. "
                "He said the payment was a loan from his brother.",
                "en", RC_STANCE_AGAINST);
    /* "did not deny" is not a denial. */
    CHECK_LABEL(s, "Minister Lindqvist took a bribe from the shipyard",
                "Minister Lindqvist did not deny on Tuesday that he took a bribe from the "
                "shipyard. He said the payment was a loan from his brother.",
                "en", RC_STANCE_OBSERVING);
    /* Reported, attributed, not endorsed. */
    CHECK_LABEL(s, "Orbisoft is buying the maker of the game Blockland",
                "Orbisoft is reportedly in talks to buy the maker of the game Blockland, "
                "according to people familiar with the matter. The deal could be announced "
                "next week, the sources said.",
                "en", RC_STANCE_OBSERVING);
    /* A hedged headline only reports, whatever the text says. */
    CHECK_LABEL(s, "Report: Orbisoft buying Blockland maker",
                "Orbisoft bought the maker of the game Blockland for two billion dollars on "
                "Monday. The deal closed after months of talks.",
                "en", RC_STANCE_OBSERVING);
    CHECK_LABEL(s, "Is the Kent crab real?",
                "The giant crab off the coast of Kent was photographed from a plane. The "
                "picture shows its legs and claws.",
                "en", RC_STANCE_OBSERVING);
    /* A claim that calls the story false, and a text that refutes it: for. */
    CHECK_LABEL(s, "Kent giant crab photo is a hoax",
                "The photograph of the giant crab in Kent is a hoax, experts said. The picture "
                "was doctored from an image of a small crab.",
                "en", RC_STANCE_FOR);
    /* The same claim, and a text telling the story as true: against. */
    CHECK_LABEL(s, "Kent giant crab photo is a hoax",
                "A giant crab was photographed in Kent harbour on Sunday. The picture, taken "
                "from a plane, shows the crab near the harbour wall.",
                "en", RC_STANCE_AGAINST);
    /* A negated main verb makes the claim negative; a negation in a
     * subordinate clause does not. */
    CHECK_LABEL(s, "The president did not adopt the boy",
                "The president adopted the boy on Tuesday in a ceremony at the palace. The "
                "boy's family attended the adoption.",
                "en", RC_STANCE_AGAINST);
    CHECK_LABEL(s, "The president adopted the boy so he would not be abandoned",
                "The president adopted the boy on Tuesday in a ceremony at the palace. The "
                "boy's family attended the adoption.",
                "en", RC_STANCE_FOR);
    /* Nothing in common. */
    CHECK_LABEL(s, "Volcano erupts in Iceland",
                "The football club won the league on Sunday after a late goal.", "en",
                RC_STANCE_UNRELATED);
    rc_stance_free(s);
}

TEST(stance_labels_fr)
{
    rc_stance *s = rc_stance_new(NULL);
    CHECK(s != NULL);
    CHECK_LABEL(s, "Le gouvernement va fermer la centrale de Brennilac",
                "Le gouvernement va fermer la centrale de Brennilac en 2027, a annoncé lundi le "
                "ministre de l'Énergie. Les salariés seront reclassés sur d'autres sites.",
                "fr", RC_STANCE_FOR);
    CHECK_LABEL(s, "Le maire de Vernoux a détourné des fonds publics",
                "Le maire de Vernoux a démenti lundi avoir détourné des fonds publics. Il "
                "dénonce une campagne de calomnie.",
                "fr", RC_STANCE_AGAINST);
    /* « n'a pas démenti » n'est pas un démenti. */
    CHECK_LABEL(s, "Le maire de Vernoux a détourné des fonds publics",
                "Le maire de Vernoux n'a pas démenti lundi avoir détourné des fonds publics. "
                "Il dénonce une campagne de calomnie.",
                "fr", RC_STANCE_OBSERVING);
    CHECK_LABEL(s, "Un requin géant filmé dans le port de Sète",
                "La vidéo du requin géant dans le port de Sète est un canular : il s'agit d'un "
                "montage réalisé à partir d'images d'un aquarium.",
                "fr", RC_STANCE_AGAINST);
    CHECK_LABEL(s, "Le ministre a détourné des fonds publics",
                "Selon plusieurs sources, le ministre aurait détourné des fonds publics. "
                "L'information n'a pas été confirmée par son cabinet.",
                "fr", RC_STANCE_OBSERVING);
    CHECK_LABEL(s, "Le requin géant de Sète, un canular",
                "La vidéo du requin géant de Sète est un montage, ont indiqué les pompiers. "
                "L'image a été truquée.",
                "fr", RC_STANCE_FOR);
    CHECK_LABEL(s, "Le ministre aurait-il détourné des fonds ?",
                "Le ministre a détourné des fonds publics, a établi le tribunal.", "fr",
                RC_STANCE_OBSERVING);
    /* Language from the text when none is given. */
    CHECK_LABEL(s, "Le maire de Vernoux a détourné des fonds publics",
                "Le maire de Vernoux a démenti lundi avoir détourné des fonds publics. Il "
                "dénonce une campagne de calomnie et annonce une plainte.",
                NULL, RC_STANCE_AGAINST);
    rc_stance_free(s);
}

/* The cue lexicon: negation, adjacency of hedge nouns to refutations,
 * relative clauses and the main clause of a headline. */
TEST(stance_cues)
{
    rc_stance *s = rc_stance_new(NULL);
    CHECK(s != NULL);
    rc_stance_cues c;
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("The story is a hoax."), RC_LANG_EN, 0, &c), 0);
    CHECK_INT(c.refute, 1);
    CHECK_INT(c.confirm, 0);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("This is not a hoax."), RC_LANG_EN, 0, &c), 0);
    CHECK_INT(c.refute, 0);
    CHECK_INT(c.confirm, 1);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("He did not deny it."), RC_LANG_EN, 0, &c), 0);
    CHECK_INT(c.refute, 0);
    CHECK_INT(c.hedge, 1);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("He never denied it."), RC_LANG_EN, 0, &c), 0);
    CHECK_INT(c.refute, 0);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("He didn’t deny it."), RC_LANG_EN, 0, &c), 0);
    CHECK_INT(c.refute, 0);
    CHECK_INT(c.hedge, 1);
    /* The reports are what is denied, not a hedge. */
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("He denied the reports."), RC_LANG_EN, 0, &c), 0);
    CHECK_INT(c.refute, 1);
    CHECK_INT(c.hedge, 0);
    /* A negation across a comma negates nothing. */
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("Not now, it was fake."), RC_LANG_EN, 0, &c), 0);
    CHECK_INT(c.refute, 1);
    /* A cue that carries its own negation is not negated again. */
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("It is not true."), RC_LANG_EN, 0, &c), 0);
    CHECK_INT(c.refute, 1);
    CHECK_INT(c.confirm, 0);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("Ce n'est pas vrai."), RC_LANG_FR, 0, &c), 0);
    CHECK_INT(c.refute, 1);
    CHECK_INT(c.confirm, 0);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("Ce n'est pas un canular."), RC_LANG_FR, 0, &c), 0);
    CHECK_INT(c.refute, 0);
    CHECK_INT(c.confirm, 1);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("Il n’a jamais démenti."), RC_LANG_FR, 0, &c), 0);
    CHECK_INT(c.refute, 0);
    CHECK_INT(c.hedge, 1);
    /* Headlines: [headline] cues, relative clauses, the main clause. */
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("Report: bank to close"), RC_LANG_EN, 1, &c), 0);
    CHECK_INT(c.hedge, 1);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("Report: bank to close"), RC_LANG_EN, 0, &c), 0);
    CHECK_INT(c.hedge, 0);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("Woman who claimed a third arm is a fake"),
                                   RC_LANG_EN, 1, &c), 0);
    CHECK_INT(c.hedge, 0);
    CHECK_INT(c.refute, 1);
    /* In a headline, the whole clause of a refutation is its object. */
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("La rumeur de rupture du barrage est fausse"),
                                   RC_LANG_FR, 1, &c), 0);
    CHECK_INT(c.hedge, 0);
    CHECK_INT(c.refute, 1);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("La rumeur de rupture du barrage est fausse"),
                                   RC_LANG_FR, 0, &c), 0);
    CHECK_INT(c.hedge, 1);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("President did not adopt the boy"), RC_LANG_EN, 1,
                                   &c), 0);
    CHECK_INT(c.negated, 1);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("President adopted the boy so he won't turn into "
                                               "a wolf"), RC_LANG_EN, 1, &c), 0);
    CHECK_INT(c.negated, 0);
    CHECK_INT(rc_stance_count_cues(s, rc_str_c("Le président n'a pas adopté l'enfant"),
                                   RC_LANG_FR, 1, &c), 0);
    CHECK_INT(c.negated, 2);     /* ne ... pas: two words, one negation, counted twice */
    rc_stance_free(s);
}

TEST(stance_result_fields)
{
    rc_stance *s = rc_stance_new(NULL);
    CHECK(s != NULL);
    rc_stance_result r;
    CHECK_INT(rc_stance_decide(s, rc_str_c("Kent giant crab photo is a hoax"),
                               rc_str_c("The photograph of the giant crab in Kent is a hoax. "
                                        "It was doctored."),
                               rc_str_c("en"), &r), 0);
    CHECK_INT(r.label, RC_STANCE_FOR);
    CHECK(r.claim_negative);
    CHECK(!r.claim_hedged);
    CHECK_INT(r.n_sents, 2);
    CHECK(r.n_relevant >= 1);
    CHECK(r.relevance > 0.5 && r.relevance <= 1.0);
    CHECK(r.best_sentence > 0.5 && r.best_sentence <= r.relevance);
    CHECK(r.refute > 0);
    /* The same call twice gives the same result: nothing leaks between pairs. */
    rc_stance_result r2;
    CHECK_INT(rc_stance_decide(s, rc_str_c("Volcano erupts in Iceland"),
                               rc_str_c("The football club won the league."), rc_str_c("en"),
                               &r2), 0);
    CHECK_INT(r2.label, RC_STANCE_UNRELATED);
    CHECK_INT(rc_stance_decide(s, rc_str_c("Kent giant crab photo is a hoax"),
                               rc_str_c("The photograph of the giant crab in Kent is a hoax. "
                                        "It was doctored."),
                               rc_str_c("en"), &r2), 0);
    CHECK(memcmp(&r, &r2, sizeof r) == 0);
    CHECK(strcmp(rc_stance_label_name(RC_STANCE_OBSERVING), "observing") == 0);
    CHECK(strcmp(rc_stance_label_name(99), "?") == 0);
    rc_stance_free(s);
}

/* Empty text: unrelated, not an error.  A claim without words: an error. */
TEST(stance_empty)
{
    rc_stance *s = rc_stance_new(NULL);
    CHECK(s != NULL);
    rc_stance_result r;
    CHECK_INT(rc_stance_decide(s, rc_str_c("Volcano erupts in Iceland"), rc_str_c(""),
                               RC_STR_NULL, &r), 0);
    CHECK_INT(r.label, RC_STANCE_UNRELATED);
    CHECK_INT(r.n_sents, 0);
    CHECK_INT(rc_stance_decide(s, rc_str_c("Volcano erupts in Iceland"), RC_STR_NULL,
                               RC_STR_NULL, &r), 0);
    CHECK_INT(r.label, RC_STANCE_UNRELATED);
    CHECK_INT(rc_stance_decide(s, rc_str_c("Volcano erupts in Iceland"), rc_str_c(" \n\n\t "),
                               rc_str_c("en"), &r), 0);
    CHECK_INT(r.label, RC_STANCE_UNRELATED);
    CHECK_INT(rc_stance_decide(s, rc_str_c(""), rc_str_c("Some text."), RC_STR_NULL, &r),
              RC_EEMPTY);
    CHECK_CONTAINS(rc_stance_errmsg(s), "claim");
    CHECK_INT(rc_stance_decide(s, rc_str_c(" ?! "), rc_str_c("Some text."), RC_STR_NULL, &r),
              RC_EEMPTY);
    /* Words, but none to look for in a text. */
    CHECK_INT(rc_stance_decide(s, rc_str_c("Not true!"), rc_str_c("Not true, it was a hoax."),
                               rc_str_c("en"), &r), 0);
    CHECK_INT(r.label, RC_STANCE_UNRELATED);
    /* The object works after an error. */
    CHECK_INT(rc_stance_decide(s, rc_str_c("Volcano erupts in Iceland"),
                               rc_str_c("A volcano erupted in Iceland on Friday."), rc_str_c("en"),
                               &r), 0);
    CHECK_INT(r.label, RC_STANCE_FOR);
    rc_stance_free(s);
}

TEST(stance_jsonl)
{
    rc_stance *s = rc_stance_new(NULL);
    CHECK(s != NULL);
    rc_buf b;
    rc_buf_init(&b, 0);
    const char *ok = "{\"id\":\"p1\",\"claim\":\"Volcano erupts in Iceland\","
                     "\"text\":\"A volcano erupted in Iceland on Friday.\",\"lang\":\"en\"}";
    CHECK_INT(rc_stance_jsonl(s, rc_str_c(ok), 0, &b), 0);
    CHECK(strcmp(b.ptr, "{\"id\":\"p1\",\"stance\":\"for\"}") == 0);
    /* Integer ids come back as integers; lang may be absent or null. */
    rc_buf_clear(&b);
    CHECK_INT(rc_stance_jsonl(s, rc_str_c("{\"id\":42,\"claim\":\"Volcano erupts in Iceland\","
                                          "\"text\":\"\",\"lang\":null}"), 0, &b), 0);
    CHECK(strcmp(b.ptr, "{\"id\":42,\"stance\":\"unrelated\"}") == 0);
    /* explain: the evidence too. */
    rc_buf_clear(&b);
    CHECK_INT(rc_stance_jsonl(s, rc_str_c(ok), 1, &b), 0);
    CHECK_CONTAINS(b.ptr, "\"stance\":\"for\",\"explain\":{\"relevance\":1.000");
    CHECK_CONTAINS(b.ptr, "\"claim_negative\":false");
    /* Not JSON, not an object, no id: an error and no output line. */
    static const char *const noid[] = {"{\"id\":\"x\",", "[1,2]", "\"text\"",
                                       "{\"claim\":\"a\",\"text\":\"b\"}",
                                       "{\"id\":1.5,\"claim\":\"a\",\"text\":\"b\"}",
                                       "{\"id\":null,\"claim\":\"a\",\"text\":\"b\"}", ""};
    for (size_t i = 0; i < sizeof noid / sizeof noid[0]; i++) {
        rc_buf_clear(&b);
        CHECK_INT(rc_stance_jsonl(s, rc_str_c(noid[i]), 0, &b), RC_EPARSE);
        CHECK_INT(b.len, 0);
    }
    CHECK_CONTAINS(rc_stance_errmsg(s), "JSON");
    /* An id but a bad field: an error and an output line saying so. */
    static const char *const bad[] = {"{\"id\":\"q\",\"text\":\"b\"}",
                                      "{\"id\":\"q\",\"claim\":\"a b c\"}",
                                      "{\"id\":\"q\",\"claim\":7,\"text\":\"b\"}",
                                      "{\"id\":\"q\",\"claim\":\"a b\",\"text\":\"c\",\"lang\":3}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rc_buf_clear(&b);
        CHECK_INT(rc_stance_jsonl(s, rc_str_c(bad[i]), 0, &b), RC_EPARSE);
        CHECK_CONTAINS(b.ptr, "{\"id\":\"q\",\"stance\":null,\"error\":");
    }
    rc_buf_clear(&b);
    CHECK_INT(rc_stance_jsonl(s, rc_str_c("{\"id\":\"e\",\"claim\":\"\",\"text\":\"b\"}"), 0, &b),
              RC_EEMPTY);
    CHECK_CONTAINS(b.ptr, "\"error\":\"the claim has no words\"");
    /* Ids are escaped on the way out. */
    rc_buf_clear(&b);
    CHECK_INT(rc_stance_jsonl(s, rc_str_c("{\"id\":\"a\\\"b\\n\",\"claim\":\"x y\",\"text\":\"\"}"),
                              0, &b), 0);
    CHECK(strcmp(b.ptr, "{\"id\":\"a\\\"b\\n\",\"stance\":\"unrelated\"}") == 0);
    rc_buf_free(&b);
    rc_stance_free(s);
}

/* Invalid UTF-8, NUL bytes, floods of negations and cues, a claim with more
 * terms than a sentence mask holds, and a long text: no crash, linear time. */
TEST(stance_hostile)
{
    rc_stance *s = rc_stance_new(NULL);
    CHECK(s != NULL);
    rc_stance_result r;
    static const char bytes[] = "Caf\xe9 \xff\xfe hoax \xc3 not \0 fake \xe2\x80";
    CHECK_INT(rc_stance_decide(s, (rc_str){bytes, sizeof bytes - 1},
                               (rc_str){bytes, sizeof bytes - 1}, RC_STR_NULL, &r), 0);
    rc_buf claim, text;
    rc_buf_init(&claim, 0);
    rc_buf_init(&text, 0);
    for (int i = 0; i < 200; i++)
        rc_buf_printf(&claim, "word%c%c term%d ", 'a' + i % 26, 'a' + i / 26 % 26, i);
    for (int i = 0; i < 20; i++)     /* 40 of the 64 terms kept from the claim */
        rc_buf_printf(&text, "word%c%c term%d ", 'a' + i % 26, 'a' + i / 26 % 26, i);
    for (int i = 0; i < 20000; i++)
        rc_buf_printf(&text, "%s ", i % 3 == 0 ? "not" : i % 3 == 1 ? "no hoax" : "term17?");
    for (int i = 0; i < 2000; i++)
        rc_buf_printf(&text, "Reportedly, worda%c was denied, not confirmed, a hoax. ", 'a' + i % 26);
    /* One sentence of alternating hedges and refutations, and a run of
     * quote marks (not clause boundaries) before a negated cue. */
    for (int i = 0; i < 30000; i++)
        rc_buf_puts(&text, "hoax claims ");
    for (int i = 0; i < 30000; i++)
        rc_buf_puts(&text, "\xC2\xAB");
    rc_buf_puts(&text, " not fake ");
    for (int i = 0; i < 30000; i++)
        rc_buf_puts(&text, "\xC2\xAB not ");
    CHECK(!claim.err && !text.err);
    clock_t t0 = clock();
    CHECK_INT(rc_stance_decide(s, rc_buf_str(&claim), rc_buf_str(&text), rc_str_c("en"), &r), 0);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(r.label != RC_STANCE_UNRELATED);
    CHECK(r.relevance >= 0.6 && r.relevance <= 1.0);
    CHECK(secs < 10.0);      /* linear: well under a second even under the sanitizers */
    rc_buf_free(&claim);
    rc_buf_free(&text);
    rc_stance_free(s);
}

/* The pipeline's size limit applies to the claim and the text. */
TEST(stance_too_big)
{
    rc_options o = {.max_doc_bytes = 64};
    rc_stance *s = rc_stance_new(&o);
    CHECK(s != NULL);
    rc_stance_result r;
    CHECK_INT(rc_stance_decide(s, rc_str_c("Volcano erupts in Iceland"),
                               rc_str_c("A volcano erupted in Iceland on Friday, the met office "
                                        "said, and flights were cancelled."),
                               RC_STR_NULL, &r), RC_ETOOBIG);
    CHECK_INT(rc_stance_decide(s, rc_str_c("Volcano erupts in Iceland"),
                               rc_str_c("A volcano erupted in Iceland."), RC_STR_NULL, &r), 0);
    CHECK_INT(r.label, RC_STANCE_FOR);
    rc_stance_free(s);
}
