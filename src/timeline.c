/*
 * timeline.c -- a story's timeline from its dated sentences (timeline.h).
 *
 * What: given the sentences of a story's documents that hold a resolved date
 * (rc_timex), list what happened when: one event per calendar value and
 * thing said, with the sentence that says it and the documents that say it,
 * copies counted under their original.
 *
 * Algorithm:
 *   1. Keep the calendar values (rc_tl_calendar): DATE or TIME values that
 *      name one day, ISO week, month, quarter, season or year.  A TIME value
 *      counts as its day ("2025-04-08T21:45", "2025-04-08TNI": 2025-04-08),
 *      so that "mardi soir" and "on Tuesday" of the same day meet.
 *      Durations, sets, PRESENT_REF/PAST_REF/FUTURE_REF, values with X's,
 *      decades and impossible dates are not events.
 *   2. Sort the kept items by period (its first day, then shorter periods
 *      first), then by publication of their document (unknown last), then
 *      input order.  Items with the same value are now one run (a bucket).
 *   3. Within a bucket only, greedy grouping in publication order: an item
 *      joins the event of that bucket it says the same thing as (best
 *      score), else opens a new one.  "The same thing": the Jaccard index of
 *      the two sentences' content words reaches TL_JACCARD, or they share
 *      enough anchors (numbers and capitalised words, by name key, so that
 *      Sokolovsky = Sokolovski; see the thresholds below).  Content words
 *      are folded (lower case, no accents), without French elisions, stop
 *      words (data/stories-stopwords.txt) or the words of the date
 *      expression itself (every sentence of a bucket shares those), and cut
 *      to their first RC_SIG_PREFIX bytes, a crude stemmer that also matches
 *      French and English cognates (confirmé/confirmed, contacts/contacts).
 *      An item is compared with the TL_CMP_MEMBERS first sentences of each
 *      of the TL_CMP_EVENTS latest events of its bucket, so the work is
 *      linear in the number of items even when a bucket is huge.
 *   4. Per event: sources = its distinct documents, earliest published
 *      first; independent sources = distinct originals (a copy counts under
 *      the document it copies, so a wire story and its five republications
 *      are one); representative sentence = the earliest published original's
 *      (an explicit date, how "absolute", wins a tie within a document).
 *   5. Events in calendar order: first day of the period, shorter periods
 *      first (the day 2025-04-08 before the week, the month and the year that
 *      contain it, which start on or before it: a month starting the same
 *      day comes after the day), then first publication, then text.  At most
 *      max_events: beyond that, the events with the most independent
 *      sources (then most sources, then earliest published) are kept.
 *
 * Why these thresholds: measured on the demo corpus (examples/corpus: 579
 * pairs of sentences of two documents with the same value in the same
 * story).  Sentences that report the same fact in the same language score
 * 0.3 to 0.7 on content words (republications and copies 0.7 to 1), while
 * different facts of the same day score mostly under 0.2 (451 of the 579
 * pairs); TL_JACCARD = 0.34 takes the rewrites and leaves the rest, on
 * the strict side because a false split only repeats an event where a
 * false merge hides one.  Translations share few words (0.2 to 0.33) but
 * the same names and numbers: 5 to 11 anchors, 60 to 100% of the smaller
 * sentence's, where different facts share one or two; hence the anchor
 * rule (three shared anchors and TL_ANCHOR_SHARE of the smaller set, or
 * two and an anchor Jaccard of TL_ANCHOR_JACCARD for short sentences:
 * "Whitcombe has led the CIA since March 2023" and its translation).  On
 * that corpus the rule merges no two different facts.
 *
 * Memory: everything in the caller's arena; nothing is kept between calls
 * (the stop words and the signatures themselves are textsig.c's).
 */
#include "timeline.h"
#include "calendar.h"
#include "textsig.h"
#include "dedup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TL_JACCARD 0.34          /* content-word Jaccard for "the same thing" */
#define TL_ANCHORS 3             /* shared anchors for the anchor rule... */
#define TL_ANCHOR_SHARE 0.6      /* ...and their share of the smaller anchor set */
#define TL_ANCHOR_JACCARD 0.5    /* or two anchors and this anchor Jaccard */
#define TL_CMP_EVENTS 64         /* latest events of a bucket an item is compared with */
#define TL_CMP_MEMBERS 8         /* first sentences of an event it is compared with */


/* ------------------------------------------------------------------ calendar */

const char *rc_tl_period_name(int period)
{
    static const char *const names[] = {"?", "day", "week", "month", "quarter", "season", "year"};
    return names[period >= RC_TL_DAY && period <= RC_TL_YEAR ? period : 0];
}

static int digits(const char *p, size_t n, int *v)
{
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        x = x * 10 + (p[i] - '0');
    }
    *v = x;
    return 1;
}

/* Day numbers, month lengths and weekdays: calendar.h (weekdays here count
 * Monday = 0 ... Sunday = 6). */
static int32_t day_number(int y, int m, int d)
{
    return (int32_t)rc_cal_days(y, m, d);
}

static int weekday(int32_t days)
{
    return rc_cal_weekday(days) - 1;
}

static int32_t days_between(int y1, int m1, int y2, int m2)
{
    return day_number(y2, m2, 1) - day_number(y1, m1, 1);
}

int rc_tl_calendar(rc_str v, int type, rc_tl_cal *out)
{
    if ((type != RC_TIMEX_DATE && type != RC_TIMEX_TIME) || !v.ptr || v.len < 4 || v.len > 64 ||
        memchr(v.ptr, 'X', v.len) || memchr(v.ptr, 'x', v.len))
        return 0;
    const char *p = v.ptr;
    int y;
    if (!digits(p, 4, &y) || y < 1)
        return 0;
    rc_tl_cal c = {0};
    if (v.len == 4) {
        c = (rc_tl_cal){day_number(y, 1, 1), 365 + rc_cal_is_leap(y), RC_TL_YEAR, {0}};
        snprintf(c.norm, sizeof c.norm, "%04d", y % 10000);
        *out = c;
        return 1;
    }
    if (p[4] != '-')
        return 0;
    const char *r = p + 5;
    size_t rn = v.len - 5;
    int m, d, w;
    if (rn == 3 && r[0] == 'W' && digits(r + 1, 2, &w)) {
        int32_t jan1 = day_number(y, 1, 1), jan4 = day_number(y, 1, 4);
        int weeks = weekday(jan1) == 3 || (rc_cal_is_leap(y) && weekday(jan1) == 2) ? 53 : 52;
        if (w < 1 || w > weeks)
            return 0;
        c = (rc_tl_cal){jan4 - weekday(jan4) + 7 * (w - 1), 7, RC_TL_WEEK, {0}};
        snprintf(c.norm, sizeof c.norm, "%04d-W%02d", y % 10000, w % 100);
    } else if (rn == 2 && r[0] == 'Q' && r[1] >= '1' && r[1] <= '4') {
        int q = r[1] - '0', m0 = 3 * (q - 1) + 1;
        c = (rc_tl_cal){day_number(y, m0, 1),
                        q == 4 ? day_number(y + 1, 1, 1) - day_number(y, 10, 1)
                               : days_between(y, m0, y, m0 + 3),
                        RC_TL_QUARTER, {0}};
        snprintf(c.norm, sizeof c.norm, "%04d-Q%d", y % 10000, q % 10);
    } else if (rn == 2 && (r[0] == 'S' || r[0] == 'F' || r[0] == 'W')) {
        /* meteorological seasons; a winter is named by the year it starts in */
        static const char *const code[] = {"SP", "SU", "FA", "WI"};
        int s = -1;
        for (int i = 0; i < 4; i++)
            if (r[0] == code[i][0] && r[1] == code[i][1])
                s = i;
        if (s < 0)
            return 0;
        int m0 = 3 + 3 * s;   /* March, June, September, December */
        int y2 = m0 + 3 > 12 ? y + 1 : y, m2 = m0 + 3 > 12 ? m0 + 3 - 12 : m0 + 3;
        c = (rc_tl_cal){day_number(y, m0, 1), days_between(y, m0, y2, m2), RC_TL_SEASON, {0}};
        snprintf(c.norm, sizeof c.norm, "%04d-%s", y % 10000, code[s]);
    } else if (rn >= 2 && digits(r, 2, &m) && m >= 1 && m <= 12) {
        if (rn == 2) {
            c = (rc_tl_cal){day_number(y, m, 1), rc_cal_month_days(y, m), RC_TL_MONTH, {0}};
            snprintf(c.norm, sizeof c.norm, "%04d-%02d", y % 10000, m % 100);
        } else if (rn >= 5 && r[2] == '-' && digits(r + 3, 2, &d) && d >= 1 &&
                   d <= rc_cal_month_days(y, m) && (rn == 5 || r[5] == 'T')) {
            c = (rc_tl_cal){day_number(y, m, d), 1, RC_TL_DAY, {0}};
            snprintf(c.norm, sizeof c.norm, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
        } else {
            return 0;
        }
    } else {
        return 0;
    }
    *out = c;
    return 1;
}

/* How surely x and y say the same thing: 0 (not), else a score in
 * [TL_JACCARD, 1] (the content-word Jaccard, at least TL_JACCARD when the
 * anchor rule decides). */
static double same_score(const rc_sig *x, const rc_sig *y)
{
    uint32_t c = rc_sig_common(x->w, x->nw, y->w, y->nw), u = x->nw + y->nw - c;
    double j = u ? (double)c / u : 0;
    if (j >= TL_JACCARD)
        return j;
    uint32_t ca = rc_sig_common(x->an, x->na, y->an, y->na), ua = x->na + y->na - ca;
    uint32_t mn = x->na < y->na ? x->na : y->na;
    if ((ca >= TL_ANCHORS && (double)ca / mn >= TL_ANCHOR_SHARE) ||
        (ca >= 2 && (double)ca / ua >= TL_ANCHOR_JACCARD))
        return TL_JACCARD;
    return 0;
}

/* ------------------------------------------------------------------ build */

typedef struct entry {
    uint32_t item;       /* index in items */
    rc_tl_cal cal;
    int64_t t;           /* publication, seconds; INT64_MAX when unknown */
    int32_t ev;          /* its event */
} entry;

typedef struct event {
    rc_tl_cal cal;
    uint32_t mem[TL_CMP_MEMBERS];   /* first entries, for comparisons */
    uint32_t nmem;
    uint32_t count;                  /* entries */
    uint32_t first;                  /* first of its entries in `order` */
    int64_t t;                       /* publication of its first entry */
    rc_tl_event out;
} event;

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->cal.start != y->cal.start)
        return x->cal.start < y->cal.start ? -1 : 1;
    if (x->cal.days != y->cal.days)
        return x->cal.days < y->cal.days ? -1 : 1;
    int c = strcmp(x->cal.norm, y->cal.norm);
    if (c)
        return c;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return x->item < y->item ? -1 : x->item > y->item;
}

/* A document id with its rank (order of first appearance). */
typedef struct ranked {
    rc_str s;
    uint32_t rank;
} ranked;

static int cmp_str(rc_str a, rc_str b)
{
    size_t n = a.len < b.len ? a.len : b.len;
    int c = n ? memcmp(a.ptr, b.ptr, n) : 0;
    return c ? c : a.len < b.len ? -1 : a.len > b.len;
}

static int cmp_ranked_str(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    int c = cmp_str(x->s, y->s);
    return c ? c : x->rank < y->rank ? -1 : x->rank > y->rank;
}

static int cmp_ranked_rank(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Distinct strings of r[0..n), keeping the first occurrence; returns the
 * count (r is reordered: distinct ones first, by rank). */
static size_t distinct(ranked *r, size_t n)
{
    if (n == 0)
        return 0;
    qsort(r, n, sizeof *r, cmp_ranked_str);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (cmp_str(r[i].s, r[k - 1].s) != 0)
            r[k++] = r[i];
    qsort(r, k, sizeof *r, cmp_ranked_rank);
    return k;
}

static int cmp_chrono(const void *a, const void *b)
{
    const event *x = *(event *const *)a, *y = *(event *const *)b;
    if (x->cal.start != y->cal.start)
        return x->cal.start < y->cal.start ? -1 : 1;
    if (x->cal.days != y->cal.days)
        return x->cal.days < y->cal.days ? -1 : 1;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    int c = cmp_str(x->out.text, y->out.text);
    return c ? c : x->first < y->first ? -1 : x->first > y->first;
}

static int cmp_corroboration(const void *a, const void *b)
{
    const event *x = *(event *const *)a, *y = *(event *const *)b;
    if (x->out.independent != y->out.independent)
        return x->out.independent > y->out.independent ? -1 : 1;
    if (x->out.n_sources != y->out.n_sources)
        return x->out.n_sources > y->out.n_sources ? -1 : 1;
    return cmp_chrono(a, b);
}

int rc_timeline_build(const rc_tl_item *items, size_t n, size_t max_events, rc_arena *a,
                      rc_tl_event **out, size_t *n_out, size_t *n_dropped)
{
    *out = NULL;
    *n_out = 0;
    if (n_dropped)
        *n_dropped = 0;
    if (!a || (n && !items) || n > UINT32_MAX)
        return RC_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (rc_str_empty(items[i].doc) || items[i].date_start > items[i].date_end ||
            items[i].date_end > items[i].sentence.len)
            return RC_EINVAL;
    int sig_rc = rc_sig_init();
    if (sig_rc)
        return sig_rc;
    if (max_events == 0)
        max_events = RC_TL_MAX_EVENTS;

    /* 1-2. calendar items, sorted into buckets */
    entry *e = n ? rc_arena_alloc(a, n * sizeof *e) : NULL;
    if (n && !e)
        return RC_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        rc_tl_cal c;
        if (!rc_tl_calendar(items[i].value, items[i].type, &c))
            continue;
        int64_t t;
        if (rc_str_empty(items[i].published) || rc_parse_time(items[i].published, &t))
            t = INT64_MAX;
        e[m++] = (entry){(uint32_t)i, c, t, -1};
    }
    if (m == 0)
        return 0;
    qsort(e, m, sizeof *e, cmp_entry);

    /* 3. events, bucket by bucket */
    rc_sig *sg = rc_arena_calloc(a, m, sizeof *sg);
    event *ev = rc_arena_calloc(a, m, sizeof *ev);
    if (!sg || !ev)
        return RC_ENOMEM;
    size_t nev = 0, bucket_ev = 0;
    for (size_t k = 0; k < m; k++) {
        if (k == 0 || strcmp(e[k].cal.norm, e[k - 1].cal.norm) != 0)
            bucket_ev = nev;
        int rc = rc_sig_make(a, items[e[k].item].sentence, items[e[k].item].date_start, items[e[k].item].date_end, &sg[k]);
        if (rc)
            return rc;
        double best = 0;
        size_t best_ev = nev;
        size_t lo = nev - bucket_ev > TL_CMP_EVENTS ? nev - TL_CMP_EVENTS : bucket_ev;
        for (size_t x = nev; x-- > lo;)
            for (uint32_t j = 0; j < ev[x].nmem; j++) {
                double sc = same_score(&sg[k], &sg[ev[x].mem[j]]);
                if (sc > best) {
                    best = sc;
                    best_ev = x;
                }
            }
        if (best_ev == nev) {
            ev[nev].cal = e[k].cal;
            ev[nev].first = (uint32_t)k;
            ev[nev].t = e[k].t;
            nev++;
        }
        event *x = &ev[best_ev];
        if (x->nmem < TL_CMP_MEMBERS)
            x->mem[x->nmem++] = (uint32_t)k;
        x->count++;
        e[k].ev = (int32_t)best_ev;
    }

    /* 4. sources, independent sources, representative */
    uint32_t *start = rc_arena_calloc(a, nev + 1, sizeof *start);
    uint32_t *members = rc_arena_alloc(a, m * sizeof *members);
    ranked *tmp = rc_arena_alloc(a, m * sizeof *tmp);
    if (!start || !members || !tmp)
        return RC_ENOMEM;
    for (size_t x = 0; x < nev; x++)
        start[x + 1] = start[x] + ev[x].count;
    uint32_t *fill = rc_arena_alloc(a, (nev ? nev : 1) * sizeof *fill);
    if (!fill)
        return RC_ENOMEM;
    memcpy(fill, start, nev * sizeof *fill);
    for (size_t k = 0; k < m; k++)
        members[fill[e[k].ev]++] = (uint32_t)k;   /* publication order within the event */
    for (size_t x = 0; x < nev; x++) {
        event *v = &ev[x];
        const uint32_t *mk = members + start[x];
        size_t cnt = v->count;
        /* representative: the earliest original, explicit date first within it */
        const rc_tl_item *rep = NULL;
        for (size_t j = 0; j < cnt; j++) {
            const rc_tl_item *it = &items[e[mk[j]].item];
            if (!rc_str_empty(it->original))
                continue;
            if (!rep)
                rep = it;
            else if (rc_str_eq(it->doc, rep->doc) && !rc_str_eq_c(rep->how, "absolute") &&
                     rc_str_eq_c(it->how, "absolute"))
                rep = it;
            else if (!rc_str_eq(it->doc, rep->doc))
                break;
        }
        if (!rep)
            rep = &items[e[mk[0]].item];
        v->out.cal = v->cal;
        v->out.text = rep->sentence;
        v->out.first_published = items[e[mk[0]].item].published;
        for (size_t j = 0; j < cnt; j++)
            tmp[j] = (ranked){items[e[mk[j]].item].doc, (uint32_t)j};
        size_t nd = distinct(tmp, cnt);
        rc_str *src = rc_arena_alloc(a, nd * sizeof *src);
        if (!src)
            return RC_ENOMEM;
        for (size_t j = 0; j < nd; j++)
            src[j] = tmp[j].s;
        v->out.sources = src;
        v->out.n_sources = nd;
        for (size_t j = 0; j < cnt; j++) {
            const rc_tl_item *it = &items[e[mk[j]].item];
            tmp[j] = (ranked){rc_str_empty(it->original) ? it->doc : it->original, (uint32_t)j};
        }
        v->out.independent = distinct(tmp, cnt);
    }

    /* 5. the cap, then calendar order */
    event **order = rc_arena_alloc(a, nev * sizeof *order);
    if (!order)
        return RC_ENOMEM;
    for (size_t x = 0; x < nev; x++)
        order[x] = &ev[x];
    size_t keep = nev;
    if (nev > max_events) {
        qsort(order, nev, sizeof *order, cmp_corroboration);
        keep = max_events;
        if (n_dropped)
            *n_dropped = nev - keep;
    }
    qsort(order, keep, sizeof *order, cmp_chrono);
    rc_tl_event *res = rc_arena_alloc(a, keep * sizeof *res);
    if (!res)
        return RC_ENOMEM;
    for (size_t x = 0; x < keep; x++)
        res[x] = order[x]->out;
    *out = res;
    *n_out = keep;
    return 0;
}
