/*
 * calendar.h -- proleptic Gregorian calendar arithmetic on day numbers.
 *
 * One copy of what timex (resolving dates), timeline (periods of a story's
 * events) and dedup (publication times) need: days since 1970-01-01 and
 * back, month lengths, ISO weekdays and weeks.  Pure functions.
 */
#ifndef RC_CALENDAR_H
#define RC_CALENDAR_H

/* 1 if y is a leap year. */
int rc_cal_is_leap(int y);

/* Days in month m (1-12) of year y; 0 when m is out of range. */
int rc_cal_month_days(int y, int m);

/* Days since 1970-01-01 of y-m-d (any y; m 1-12; d is not checked, so
 * "day 0" or "day 32" count on from the month's start). */
long rc_cal_days(long y, int m, int d);

/* The civil date of day number z (inverse of rc_cal_days). */
void rc_cal_civil(long z, int *y, int *m, int *d);

/* ISO weekday of day number z: 1 = Monday ... 7 = Sunday. */
int rc_cal_weekday(long z);

/* ISO 8601 week of day number z: its week-numbering year and week (1-53). */
void rc_cal_iso_week(long z, int *wy, int *wn);

#endif
