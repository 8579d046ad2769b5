/* Tests of story timelines (src/timeline.c): calendar values, grouping of
 * sentences that say the same thing, copies under their original, calendar
 * order, the cap.  Every sentence is invented for these tests. */
#include "test.h"
#include "timeline.h"

#include <stdio.h>

/* An item: doc, published, original ("" = none), value, type, sentence, and
 * the date expression as it is written in the sentence ("" = unknown). */
static rc_tl_item item(const char *doc, const char *published, const char *original,
                       const char *value, int type, const char *sentence, const char *date)
{
    rc_tl_item it = {
        .doc = rc_str_c(doc), .published = rc_str_c(published), .original = rc_str_c(original),
        .value = rc_str_c(value), .type = (uint8_t)type, .how = RC_STR_LIT("absolute"),
        .sentence = rc_str_c(sentence),
    };
    const char *d = *date ? strstr(sentence, date) : NULL;
    if (d) {
        it.date_start = (uint32_t)(d - sentence);
        it.date_end = it.date_start + (uint32_t)strlen(date);
    }
    return it;
}

static int has_source(const rc_tl_event *e, const char *doc)
{
    for (size_t i = 0; i < e->n_sources; i++)
        if (rc_str_eq_c(e->sources[i], doc))
            return 1;
    return 0;
}

TEST(timeline_calendar_values)
{
    rc_tl_cal c, d;
    CHECK(rc_tl_calendar(RC_STR_LIT("2025-04-08"), RC_TIMEX_DATE, &c));
    CHECK_INT(c.period, RC_TL_DAY);
    CHECK_INT(c.days, 1);
    CHECK_STR(rc_str_c(c.norm), "2025-04-08");
    CHECK_INT(c.start, 20186);                 /* days since 1970-01-01 */
    /* a time of day is its day */
    CHECK(rc_tl_calendar(RC_STR_LIT("2025-04-08T21:45"), RC_TIMEX_TIME, &d));
    CHECK_STR(rc_str_c(d.norm), "2025-04-08");
    CHECK_INT(d.start, c.start);
    CHECK(rc_tl_calendar(RC_STR_LIT("2025-04-08TNI"), RC_TIMEX_TIME, &d));
    CHECK_INT(d.period, RC_TL_DAY);
    /* ISO week 15 of 2025 runs from Monday 7 April */
    CHECK(rc_tl_calendar(RC_STR_LIT("2025-W15"), RC_TIMEX_DATE, &d));
    CHECK_INT(d.period, RC_TL_WEEK);
    CHECK_INT(d.start, c.start - 1);
    CHECK_INT(d.days, 7);
    /* week 1 of 2026 starts in 2025 (29 December), and 2026 has 53 weeks */
    CHECK(rc_tl_calendar(RC_STR_LIT("2026-W01"), RC_TIMEX_DATE, &d));
    CHECK(rc_tl_calendar(RC_STR_LIT("2025-12-29"), RC_TIMEX_DATE, &c));
    CHECK_INT(d.start, c.start);
    CHECK(rc_tl_calendar(RC_STR_LIT("2026-W53"), RC_TIMEX_DATE, &d));
    CHECK(!rc_tl_calendar(RC_STR_LIT("2025-W53"), RC_TIMEX_DATE, &d));
    CHECK(rc_tl_calendar(RC_STR_LIT("2025-04"), RC_TIMEX_DATE, &d));
    CHECK_INT(d.period, RC_TL_MONTH);
    CHECK_INT(d.days, 30);
    CHECK(rc_tl_calendar(RC_STR_LIT("2024-02"), RC_TIMEX_DATE, &d));
    CHECK_INT(d.days, 29);
    CHECK(rc_tl_calendar(RC_STR_LIT("2025-Q2"), RC_TIMEX_DATE, &d));
    CHECK_INT(d.period, RC_TL_QUARTER);
    CHECK_INT(d.days, 91);
    CHECK(rc_tl_calendar(RC_STR_LIT("2025-Q4"), RC_TIMEX_DATE, &d));
    CHECK_INT(d.days, 92);
    CHECK(rc_tl_calendar(RC_STR_LIT("2025-SU"), RC_TIMEX_DATE, &d));
    CHECK_INT(d.period, RC_TL_SEASON);
    CHECK_INT(d.days, 92);
    /* a winter is named by the year it starts in: Dec 2024 - Feb 2025 */
    CHECK(rc_tl_calendar(RC_STR_LIT("2024-WI"), RC_TIMEX_DATE, &d));
    CHECK(rc_tl_calendar(RC_STR_LIT("2024-12-01"), RC_TIMEX_DATE, &c));
    CHECK_INT(d.start, c.start);
    CHECK_INT(d.days, 90);
    CHECK(rc_tl_calendar(RC_STR_LIT("2024"), RC_TIMEX_DATE, &d));
    CHECK_INT(d.period, RC_TL_YEAR);
    CHECK_INT(d.days, 366);
    CHECK_STR(rc_str_c(rc_tl_period_name(d.period)), "year");

    /* not calendar values */
    static const char *const no[] = {"P3D", "PRESENT_REF", "PAST_REF", "FUTURE_REF",
                                     "XXXX-07-15", "2025-XX-XX", "2025-02-30", "2025-13",
                                     "2025-00-10", "202", "2025-H1", "2025-W15-WE", "",
                                     "2025-04-08X", "2025-SX", "0000"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (rc_tl_calendar(rc_str_c(no[i]), RC_TIMEX_DATE, &d)) {
            rc_test_fail(__FILE__, __LINE__, "\"%s\" taken as a calendar value", no[i]);
            return;
        }
    /* a duration or a set is never an event, whatever its value looks like */
    CHECK(!rc_tl_calendar(RC_STR_LIT("2025-04-08"), RC_TIMEX_DURATION, &d));
    CHECK(!rc_tl_calendar(RC_STR_LIT("2025-04-08"), RC_TIMEX_SET, &d));
}

TEST(timeline_same_thing_is_one_event_with_its_sources)
{
    const char *day = "2025-03-04";
    rc_tl_item it[] = {
        item("a", "2025-03-04T08:00:00Z", "", day, RC_TIMEX_DATE,
             "Le ministre a annoncé mardi la fermeture de l'usine de Lunel.", "mardi"),
        item("b", "2025-03-04T10:00:00Z", "", day, RC_TIMEX_DATE,
             "Mardi, le ministre a annoncé la fermeture de l'usine de Lunel, selon la préfecture.",
             "Mardi"),
        /* a copy of a: counted under a */
        item("c", "2025-03-04T11:00:00Z", "a", day, RC_TIMEX_DATE,
             "Le ministre a annoncé mardi la fermeture de l'usine de Lunel.", "mardi"),
        /* the same day, another fact */
        item("d", "2025-03-04T12:00:00Z", "", day, RC_TIMEX_DATE,
             "Mardi, les pompiers ont évacué deux cents habitants du quartier nord.", "Mardi"),
    };
    rc_arena *a = rc_arena_new(0);
    CHECK(a != NULL);
    rc_tl_event *ev;
    size_t n, dropped = 9;
    CHECK_INT(rc_timeline_build(it, 4, 0, a, &ev, &n, &dropped), RC_OK);
    CHECK_INT(dropped, 0);
    CHECK_INT(n, 2);
    /* the same day: in order of first publication */
    CHECK_STR(rc_str_c(ev[0].cal.norm), day);
    CHECK_INT(ev[0].n_sources, 3);
    CHECK(rc_str_eq_c(ev[0].sources[0], "a") && rc_str_eq_c(ev[0].sources[1], "b") &&
          rc_str_eq_c(ev[0].sources[2], "c"));
    CHECK_INT(ev[0].independent, 2);
    CHECK_STR(ev[0].text, "Le ministre a annoncé mardi la fermeture de l'usine de Lunel.");
    CHECK_STR(ev[0].first_published, "2025-03-04T08:00:00Z");
    CHECK_INT(ev[1].n_sources, 1);
    CHECK(has_source(&ev[1], "d"));
    CHECK_INT(ev[1].independent, 1);
    rc_arena_free(a);
}

TEST(timeline_translation_shares_names_and_numbers)
{
    const char *day = "2025-04-08";
    rc_tl_item it[] = {
        item("wire", "2025-04-14T14:00:00Z", "", day, RC_TIMEX_DATE,
             "Gennady Sokolovsky and Daniel Whitcombe met in Abu Dhabi on April 8 for "
             "four hours, the Riga daily said.", "April 8"),
        item("fr", "2025-04-14T16:00:00Z", "", day, RC_TIMEX_DATE,
             "Guennadi Sokolovski et Daniel Whitcombe se seraient rencontrés le 8 avril à "
             "Abou Dhabi, selon le quotidien de Riga.", "8 avril"),
        /* one shared name is not enough: another fact of that day */
        item("other", "2025-04-15T09:00:00Z", "", day, RC_TIMEX_DATE,
             "On April 8 the Senate committee asked Whitcombe to testify.", "April 8"),
    };
    rc_arena *a = rc_arena_new(0);
    CHECK(a != NULL);
    rc_tl_event *ev;
    size_t n;
    CHECK_INT(rc_timeline_build(it, 3, 0, a, &ev, &n, NULL), RC_OK);
    CHECK_INT(n, 2);
    CHECK_INT(ev[0].n_sources, 2);
    CHECK(has_source(&ev[0], "wire") && has_source(&ev[0], "fr"));
    CHECK_INT(ev[0].independent, 2);
    CHECK_INT(ev[1].n_sources, 1);
    CHECK(has_source(&ev[1], "other"));
    rc_arena_free(a);
}

TEST(timeline_date_words_alone_do_not_merge)
{
    /* the same date written the same way, nothing else in common */
    rc_tl_item it[] = {
        item("x", "2025-04-09", "", "2025-04-08", RC_TIMEX_DATE,
             "Le 8 avril 2025, la neige est tombée sur Lyon.", "8 avril 2025"),
        item("y", "2025-04-09", "", "2025-04-08", RC_TIMEX_DATE,
             "Le 8 avril 2025, le conseil municipal a voté le budget.", "8 avril 2025"),
    };
    rc_arena *a = rc_arena_new(0);
    CHECK(a != NULL);
    rc_tl_event *ev;
    size_t n;
    CHECK_INT(rc_timeline_build(it, 2, 0, a, &ev, &n, NULL), RC_OK);
    CHECK_INT(n, 2);
    CHECK_INT(ev[0].n_sources, 1);
    CHECK_INT(ev[1].n_sources, 1);
    /* one publication date: input order decides */
    CHECK(has_source(&ev[0], "x"));
    rc_arena_free(a);
}

TEST(timeline_calendar_order)
{
    /* shuffled on purpose; each sentence says something else */
    rc_tl_item it[] = {
        item("d1", "2025-05-01", "", "2025-04-08", RC_TIMEX_DATE, "Le pont a rouvert.", ""),
        item("d2", "2025-05-01", "", "2025-W15", RC_TIMEX_DATE, "Les crues ont culminé.", ""),
        item("d3", "2025-05-01", "", "2025-Q2", RC_TIMEX_DATE, "Les ventes ont chuté.", ""),
        item("d4", "2025-05-01", "", "2025", RC_TIMEX_DATE, "Le budget a doublé.", ""),
        item("d5", "2025-05-01", "", "2025-04", RC_TIMEX_DATE, "Les loyers ont grimpé.", ""),
        item("d6", "2025-05-01", "", "2025-04-01", RC_TIMEX_DATE, "La gare a fermé.", ""),
        item("d7", "2025-05-01", "", "2025-03", RC_TIMEX_DATE, "Le maire a démissionné.", ""),
        item("d8", "2025-05-01", "", "2025-04-08T06:30", RC_TIMEX_TIME,
             "Un camion a renversé un lampadaire.", ""),
        /* not events */
        item("n1", "2025-05-01", "", "PRESENT_REF", RC_TIMEX_DATE, "Aujourd'hui rien.", ""),
        item("n2", "2025-05-01", "", "P3D", RC_TIMEX_DURATION, "Trois jours passèrent.", ""),
        item("n3", "2025-05-01", "", "XXXX-04-08", RC_TIMEX_DATE, "Un 8 avril.", ""),
        item("n4", "2025-05-01", "", "P1W", RC_TIMEX_SET, "Chaque semaine.", ""),
    };
    /* year, March, the 1st of April, April, Q2, week 15 (from the 7th), then
     * the two events of the 8th (same publication: by text) */
    static const char *const want[] = {"d4", "d7", "d6", "d5", "d3", "d2", "d1", "d8"};
    rc_arena *a = rc_arena_new(0);
    CHECK(a != NULL);
    rc_tl_event *ev;
    size_t n;
    CHECK_INT(rc_timeline_build(it, sizeof it / sizeof *it, 0, a, &ev, &n, NULL), RC_OK);
    CHECK_INT(n, 8);
    for (size_t i = 0; i < n; i++)
        if (!rc_str_eq_c(ev[i].sources[0], want[i])) {
            rc_test_fail(__FILE__, __LINE__, "event %zu is %.*s, want %s", i,
                         (int)ev[i].sources[0].len, ev[i].sources[0].ptr, want[i]);
            return;
        }
    CHECK_STR(rc_str_c(ev[7].cal.norm), "2025-04-08");   /* the time as its day */
    CHECK_INT(ev[5].cal.period, RC_TL_WEEK);
    rc_arena_free(a);
}

TEST(timeline_first_publication_orders_a_day)
{
    /* same day, two facts: the one reported first comes first, unknown
     * publication dates last, whatever the input order */
    rc_tl_item it[] = {
        item("late", "2025-04-10T18:00:00+02:00", "", "2025-04-08", RC_TIMEX_DATE,
             "Le tribunal a condamné l'entreprise.", ""),
        item("undated", "", "", "2025-04-08", RC_TIMEX_DATE, "La grève a commencé.", ""),
        item("early", "2025-04-08T07:00:00Z", "", "2025-04-08", RC_TIMEX_DATE,
             "Le navire a accosté à Brest.", ""),
    };
    rc_arena *a = rc_arena_new(0);
    CHECK(a != NULL);
    rc_tl_event *ev;
    size_t n;
    CHECK_INT(rc_timeline_build(it, 3, 0, a, &ev, &n, NULL), RC_OK);
    CHECK_INT(n, 3);
    CHECK(rc_str_eq_c(ev[0].sources[0], "early"));
    CHECK(rc_str_eq_c(ev[1].sources[0], "late"));
    CHECK(rc_str_eq_c(ev[2].sources[0], "undated"));
    CHECK(rc_str_empty(ev[2].first_published));
    rc_arena_free(a);
}

TEST(timeline_representative_is_the_original)
{
    /* the copy was published first (a scraper's clock), yet the original's
     * sentence tells the event; first_published is still the earliest */
    rc_tl_item it[] = {
        item("copy", "2025-04-14T06:00:00Z", "orig", "2025-04-14", RC_TIMEX_DATE,
             "Le Kremlin a confirmé lundi des contacts entre les services.", "lundi"),
        item("orig", "2025-04-14T09:00:00Z", "", "2025-04-14", RC_TIMEX_DATE,
             "Le Kremlin a confirmé lundi des « contacts » entre les deux services.", "lundi"),
    };
    rc_arena *a = rc_arena_new(0);
    CHECK(a != NULL);
    rc_tl_event *ev;
    size_t n;
    CHECK_INT(rc_timeline_build(it, 2, 0, a, &ev, &n, NULL), RC_OK);
    CHECK_INT(n, 1);
    CHECK_INT(ev[0].n_sources, 2);
    CHECK_INT(ev[0].independent, 1);
    CHECK_STR(ev[0].text, "Le Kremlin a confirmé lundi des « contacts » entre les deux services.");
    CHECK_STR(ev[0].first_published, "2025-04-14T06:00:00Z");
    rc_arena_free(a);
}

TEST(timeline_cap_keeps_the_best_corroborated)
{
    enum { DAYS = 250, CAP = 10 };
    static char vals[DAYS][16], sents[DAYS][64], docs[DAYS][8];
    static rc_tl_item it[DAYS + 3 * CAP];
    size_t n = 0;
    for (int i = 0; i < DAYS; i++) {
        int m = 1 + i / 28, d = 1 + i % 28;
        snprintf(vals[i], sizeof vals[i], "2025-%02d-%02d", m, d);
        snprintf(sents[i], sizeof sents[i], "Fait numéro %d du dossier.", 1000 + i);
        snprintf(docs[i], sizeof docs[i], "d%d", i);
        it[n++] = item(docs[i], "2025-12-31", "", vals[i], RC_TIMEX_DATE, sents[i], "");
    }
    /* days 100..109 are also told by three other independent documents */
    static const char *const others[] = {"x", "y", "z"};
    for (int i = 100; i < 100 + CAP; i++)
        for (int k = 0; k < 3; k++)
            it[n++] = item(others[k], "2025-12-31", "", vals[i], RC_TIMEX_DATE, sents[i], "");
    rc_arena *a = rc_arena_new(0);
    CHECK(a != NULL);
    rc_tl_event *ev;
    size_t ne, dropped;
    CHECK_INT(rc_timeline_build(it, n, CAP, a, &ev, &ne, &dropped), RC_OK);
    CHECK_INT(ne, CAP);
    CHECK_INT(dropped, DAYS - CAP);
    for (size_t i = 0; i < ne; i++) {
        CHECK_INT(ev[i].independent, 4);
        CHECK_STR(rc_str_c(ev[i].cal.norm), vals[100 + i]);   /* still in calendar order */
    }
    /* the default cap */
    CHECK_INT(rc_timeline_build(it, DAYS, 0, a, &ev, &ne, &dropped), RC_OK);
    CHECK_INT(ne, RC_TL_MAX_EVENTS);
    CHECK_INT(dropped, DAYS - RC_TL_MAX_EVENTS);
    rc_arena_free(a);
}

TEST(timeline_bad_input_is_an_error)
{
    rc_arena *a = rc_arena_new(0);
    CHECK(a != NULL);
    rc_tl_event *ev = (rc_tl_event *)1;
    size_t n = 7;
    CHECK_INT(rc_timeline_build(NULL, 0, 0, a, &ev, &n, NULL), RC_OK);
    CHECK(ev == NULL);
    CHECK_INT(n, 0);
    CHECK_INT(rc_timeline_build(NULL, 2, 0, a, &ev, &n, NULL), RC_EINVAL);
    rc_tl_item it = item("", "2025-04-08", "", "2025-04-08", RC_TIMEX_DATE, "Un fait.", "");
    CHECK_INT(rc_timeline_build(&it, 1, 0, a, &ev, &n, NULL), RC_EINVAL);
    it = item("a", "2025-04-08", "", "2025-04-08", RC_TIMEX_DATE, "Un fait.", "");
    it.date_start = 2;
    it.date_end = 40;                   /* past the sentence */
    CHECK_INT(rc_timeline_build(&it, 1, 0, a, &ev, &n, NULL), RC_EINVAL);
    it.date_end = 1;                    /* before its start */
    CHECK_INT(rc_timeline_build(&it, 1, 0, a, &ev, &n, NULL), RC_EINVAL);
    /* an empty sentence is an event of its own, never merged */
    rc_tl_item two[] = {
        item("a", "2025-04-08", "", "2025-04-08", RC_TIMEX_DATE, "", ""),
        item("b", "2025-04-08", "", "2025-04-08", RC_TIMEX_DATE, "", ""),
    };
    CHECK_INT(rc_timeline_build(two, 2, 0, a, &ev, &n, NULL), RC_OK);
    CHECK_INT(n, 2);
    rc_arena_free(a);
}
