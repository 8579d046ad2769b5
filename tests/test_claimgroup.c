/* Tests of claim groups (src/claimgroup.c): paraphrases and translations
 * grouped, different claims apart, copies and attribution chains counted
 * once, contradictions, stable order.  Every claim is invented. */
#include "test.h"
#include "claimgroup.h"

static rc_cg_item it(const char *doc, const char *published, const char *original,
                     const char *site, const char *text, int status, const char *source,
                     const char *cited)
{
    return (rc_cg_item){
        .doc = rc_str_c(doc), .published = rc_str_c(published), .original = rc_str_c(original),
        .site = rc_str_c(site), .text = rc_str_c(text), .status = (uint8_t)status,
        .source = rc_str_c(source), .cited = rc_str_c(cited),
    };
}

/* The group whose sources hold doc (NULL if none). */
static const rc_cg_group *group_of(const rc_cg_group *g, size_t n, const char *doc,
                                   const char *text_start)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < g[i].n_sources; k++)
            if (rc_str_eq_c(g[i].sources[k].doc, doc) &&
                strncmp(g[i].text.ptr, text_start, strlen(text_start)) == 0)
                return &g[i];
    return NULL;
}

/* A story: the Gazette reports a meeting (its own sources), others cite it,
 * one copies it, a French outlet translates, a ministry denies; a second,
 * different claim about a harbour. */
static const rc_cg_item *story(size_t *n)
{
    static rc_cg_item items[8];
    size_t k = 0;
    items[k++] = it("gazette", "2025-05-02T08:00:00Z", "", "The Harbour Gazette",
                    "Marta Quillon and Oskar Vendt met secretly in Tallinn on 30 April",
                    RC_CLAIM_ALLEGED, "two people familiar with the talks", "");
    items[k++] = it("wire", "2025-05-02T11:00:00Z", "", "Northern Wire",
                    "Marta Quillon and Oskar Vendt held a secret meeting in Tallinn on 30 April",
                    RC_CLAIM_ALLEGED, "the Harbour Gazette", "two people familiar with the talks");
    items[k++] = it("wire-copy", "2025-05-02T12:00:00Z", "wire", "Northern Wire",
                    "Marta Quillon and Oskar Vendt held a secret meeting in Tallinn on 30 April",
                    RC_CLAIM_ALLEGED, "the Harbour Gazette", "two people familiar with the talks");
    items[k++] = it("matin", "2025-05-02T14:00:00Z", "", "Le Matin",
                    "Marta Quillon et Oskar Vendt se seraient rencontrés en secret à Tallinn le 30 avril",
                    RC_CLAIM_ALLEGED, "Le Matin", "la Harbour Gazette");
    items[k++] = it("ministry", "2025-05-03T09:00:00Z", "", "Daily Post",
                    "no meeting between Marta Quillon and Oskar Vendt took place in Tallinn",
                    RC_CLAIM_DENIED, "the Estonian foreign ministry", "");
    items[k++] = it("harbour", "2025-05-01T09:00:00Z", "", "Daily Post",
                    "the harbour of Paldiski will close on 1 September 2025 for 14 months of repairs",
                    RC_CLAIM_ASSERTED, "the port authority", "");
    items[k++] = it("port", "2025-05-03T10:00:00Z", "", "Le Matin",
                    "le port de Paldiski fermera le 1er septembre 2025 pour 14 mois de travaux",
                    RC_CLAIM_CONFIRMED, "", "");
    *n = k;
    return items;
}

TEST(claimgroup_groups_paraphrases_and_translations)
{
    size_t n;
    const rc_cg_item *items = story(&n);
    rc_arena *a = rc_arena_new(0);
    rc_cg_group *g;
    size_t ng;
    CHECK_INT(rc_claim_groups(items, n, a, &g, &ng), RC_OK);
    CHECK_INT(ng, 2);
    /* the harbour was said first (1 May), then the meeting */
    CHECK_STR(g[0].text,
              "the harbour of Paldiski will close on 1 September 2025 for 14 months of repairs");
    CHECK_INT(g[0].n_sources, 2);       /* English and French: Paldiski, 1, 2025, 14 */
    CHECK_INT(g[0].independent, 2);     /* the port authority, Le Matin */
    CHECK_INT(g[0].contradiction, 0);
    const rc_cg_group *m = &g[1];
    CHECK_STR(m->text, "Marta Quillon and Oskar Vendt met secretly in Tallinn on 30 April");
    CHECK_INT(m->n_sources, 5);
    CHECK_STR(m->first->doc, "gazette");
    CHECK(group_of(g, ng, "matin", "Marta") == m);      /* the translation */
    CHECK(group_of(g, ng, "ministry", "Marta") == m);   /* the denial */
    /* Gazette (its own anonymous sources count as the Gazette), the wire and
     * its copy citing it, Le Matin citing it: one origin; the ministry: two */
    CHECK_INT(m->independent, 2);
    CHECK_INT(m->contradiction, 1);
    rc_arena_free(a);
}

TEST(claimgroup_different_claims_apart)
{
    /* the same town and day, not the same claim; the mayor's resignation in
     * French and English (names and numbers) is one */
    rc_cg_item items[3] = {
        it("a", "2025-03-04", "", "A", "Lunel mayor Paul Ferrand resigned on 3 March after 12 years",
           RC_CLAIM_ASSERTED, "", ""),
        it("b", "2025-03-04", "", "B", "the bridge of Lunel reopened on 3 March",
           RC_CLAIM_ASSERTED, "", ""),
        it("c", "2025-03-05", "", "C",
           "le maire de Lunel, Paul Ferrand, a démissionné le 3 mars après 12 ans de mandat",
           RC_CLAIM_ASSERTED, "", ""),
    };
    rc_arena *a = rc_arena_new(0);
    rc_cg_group *g;
    size_t ng;
    CHECK_INT(rc_claim_groups(items, 3, a, &g, &ng), RC_OK);
    CHECK_INT(ng, 2);
    /* same publication: by text ('L' < 't') */
    CHECK_STR(g[0].text, "Lunel mayor Paul Ferrand resigned on 3 March after 12 years");
    CHECK_INT(g[0].n_sources, 2);
    CHECK_INT(g[0].independent, 2);     /* two outlets, no citation */
    CHECK_STR(g[1].text, "the bridge of Lunel reopened on 3 March");
    CHECK_INT(g[1].n_sources, 1);
    CHECK_INT(g[1].contradiction, 0);
    rc_arena_free(a);
}

TEST(claimgroup_copies_collapse_and_representative_is_an_original)
{
    /* the copy is published earlier than its original (a scraper's date):
     * it still counts under it, and the text shown is the original's */
    rc_cg_item items[2] = {
        it("copy", "2025-02-01T07:00:00Z", "orig", "Wire",
           "the plant will cut 300 jobs by June", RC_CLAIM_ASSERTED, "", ""),
        it("orig", "2025-02-01T09:00:00Z", "", "Wire",
           "The plant will cut 300 jobs by June.", RC_CLAIM_ASSERTED, "", ""),
    };
    rc_arena *a = rc_arena_new(0);
    rc_cg_group *g;
    size_t ng;
    CHECK_INT(rc_claim_groups(items, 2, a, &g, &ng), RC_OK);
    CHECK_INT(ng, 1);
    CHECK_INT(g[0].n_sources, 2);
    CHECK_INT(g[0].independent, 1);
    CHECK_STR(g[0].text, "The plant will cut 300 jobs by June.");
    CHECK_STR(g[0].first->doc, "copy");
    /* without a site, the copy counts under its original's id */
    items[0].site = items[1].site = RC_STR_NULL;
    CHECK_INT(rc_claim_groups(items, 2, a, &g, &ng), RC_OK);
    CHECK_INT(g[0].independent, 1);
    items[0].original = RC_STR_NULL;    /* no longer a copy: two documents */
    CHECK_INT(rc_claim_groups(items, 2, a, &g, &ng), RC_OK);
    CHECK_INT(g[0].independent, 2);
    rc_arena_free(a);
}

TEST(claimgroup_chains_collapse)
{
    /* three outlets citing the Baltic Courier, which also ran it: one origin */
    rc_cg_item items[4] = {
        it("bc", "2025-04-14T06:00:00Z", "", "The Baltic Courier",
           "the two spy chiefs met in Abu Dhabi on 8 April", RC_CLAIM_ALLEGED,
           "three people familiar with the matter", ""),
        it("x", "2025-04-14T09:00:00Z", "", "X News",
           "the two spy chiefs met in Abu Dhabi on 8 April", RC_CLAIM_ALLEGED,
           "Baltic Courier", "three people familiar with the matter"),
        it("y", "2025-04-14T10:00:00Z", "", "Y Daily",
           "the two spy chiefs met in Abu Dhabi on 8 April", RC_CLAIM_ALLEGED,
           "Y Daily", "the Baltic Courier"),
        it("z", "2025-04-14T11:00:00Z", "", "Zeitung",
           "les deux chefs espions se sont rencontrés à Abu Dhabi le 8 avril", RC_CLAIM_ALLEGED,
           "le Baltic Courier", ""),
    };
    rc_arena *a = rc_arena_new(0);
    rc_cg_group *g;
    size_t ng;
    CHECK_INT(rc_claim_groups(items, 4, a, &g, &ng), RC_OK);
    CHECK_INT(ng, 1);
    CHECK_INT(g[0].n_sources, 4);
    CHECK_INT(g[0].independent, 1);
    CHECK_INT(g[0].contradiction, 0);
    /* a named cited source of its own is another origin */
    items[2].cited = rc_str_c("Omar Haddad");
    CHECK_INT(rc_claim_groups(items, 4, a, &g, &ng), RC_OK);
    CHECK_INT(g[0].independent, 2);
    rc_arena_free(a);
}

TEST(claimgroup_stable_and_errors)
{
    size_t n;
    const rc_cg_item *items = story(&n);
    rc_arena *a = rc_arena_new(0);
    rc_cg_group *g1, *g2;
    size_t n1, n2;
    CHECK_INT(rc_claim_groups(items, n, a, &g1, &n1), RC_OK);
    CHECK_INT(rc_claim_groups(items, n, a, &g2, &n2), RC_OK);
    CHECK_INT(n1, n2);
    for (size_t i = 0; i < n1; i++) {
        CHECK(rc_str_eq(g1[i].text, g2[i].text));
        CHECK_INT(g1[i].n_sources, g2[i].n_sources);
        CHECK_INT(g1[i].independent, g2[i].independent);
    }
    CHECK_INT(rc_claim_groups(NULL, 0, a, &g1, &n1), RC_OK);
    CHECK_INT(n1, 0);
    CHECK(g1 == NULL);
    CHECK_INT(rc_claim_groups(NULL, 2, a, &g1, &n1), RC_EINVAL);
    rc_cg_item bad = it("", "", "", "", "text", RC_CLAIM_ASSERTED, "", "");
    CHECK_INT(rc_claim_groups(&bad, 1, a, &g1, &n1), RC_EINVAL);
    rc_arena_free(a);
}
