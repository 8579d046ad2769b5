/*
 * timeline.h -- a story's timeline from its dated sentences (src/timeline.c).
 *
 * Pure logic: no SQL, no global state but read-only lexicons loaded once, so
 * the store can call it on a story's rows and a test (or another machine) on
 * any list of sentences.
 */
#ifndef RC_TIMELINE_H
#define RC_TIMELINE_H

#include "recoupe.h"

/* Events kept per story by default (the best corroborated; see timeline.c). */
#define RC_TL_MAX_EVENTS 200

/* Granularity of a calendar value. */
typedef enum rc_tl_period {
    RC_TL_DAY = 1,
    RC_TL_WEEK,
    RC_TL_MONTH,
    RC_TL_QUARTER,
    RC_TL_SEASON,
    RC_TL_YEAR,
} rc_tl_period;

/* "day", "week", "month", "quarter", "season", "year" (static), or "?". */
const char *rc_tl_period_name(int period);

/* A calendar value: a specific period of the calendar. */
typedef struct rc_tl_cal {
    int32_t start;     /* its first day, in days since 1970-01-01 */
    int32_t days;      /* its length in days */
    uint8_t period;    /* rc_tl_period */
    char norm[16];     /* the value at that granularity, NUL-terminated:
                          "2025-04-08", "2025-W15", "2025-04", "2025-Q2",
                          "2025-SU", "2025" (a TIME value gives its day) */
} rc_tl_cal;

/* Is (value, type) a calendar value: a DATE or TIME (rc_timex_type) that
 * names one specific day, ISO week, month, quarter, season or year?  Not
 * durations, sets, PRESENT_REF/PAST_REF/FUTURE_REF, values with X's
 * (underspecified), decades, half-years or impossible dates (2025-02-30,
 * 2025-W54).  Returns 1 and fills *out, or 0.  Pure, thread-safe. */
int rc_tl_calendar(rc_str value, int type, rc_tl_cal *out);

/* One dated sentence of a story's document.  Every view is the caller's and
 * must stay valid as long as the events built from it are used. */
typedef struct rc_tl_item {
    rc_str doc;          /* document id (not empty) */
    rc_str published;    /* the document's publication date (ISO 8601), may be empty */
    rc_str original;     /* id of the document it copies; empty for an original */
    rc_str value;        /* TIMEX3 value of the date */
    uint8_t type;        /* rc_timex_type of the date */
    rc_str how;          /* how the value was resolved (rc_timex.how), may be empty */
    rc_str sentence;     /* the sentence that holds the date */
    uint32_t date_start, date_end;  /* the date expression, bytes into sentence
                                       (both 0 when unknown) */
} rc_tl_item;

/* One event of the timeline. */
typedef struct rc_tl_event {
    rc_tl_cal cal;           /* its calendar value */
    rc_str text;             /* the representative sentence (an item's view) */
    rc_str first_published;  /* earliest publication among its sources (may be empty) */
    const rc_str *sources;   /* distinct document ids, earliest published first */
    size_t n_sources;
    size_t independent;      /* distinct originals among the sources (a copy
                                counts under the document it copies) */
} rc_tl_event;

/* Build the timeline of items[0..n): the items whose value is a calendar
 * value (rc_tl_calendar), grouped by value, and within a value into events
 * of sentences that say the same thing; events in calendar order.  At most
 * max_events events are returned (0 = RC_TL_MAX_EVENTS): when there are
 * more, the best corroborated are kept and *n_dropped (may be NULL) says
 * how many were left out.  *out (an array of *n_out events, NULL when 0)
 * and the events' source arrays are allocated in a; their strings are the
 * items' views.  Returns 0, RC_EINVAL (items NULL with n > 0, an item
 * without a doc id, a date span outside its sentence) or RC_ENOMEM. */
int rc_timeline_build(const rc_tl_item *items, size_t n, size_t max_events, rc_arena *a,
                      rc_tl_event **out, size_t *n_out, size_t *n_dropped);

#endif
