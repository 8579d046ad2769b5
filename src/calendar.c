/*
 * calendar.c -- proleptic Gregorian calendar arithmetic (see calendar.h).
 *
 * Algorithm: H. Hinnant's days_from_civil / civil_from_days (eras of 400
 * years, years starting in March so that the leap day ends them); the ISO
 * week of a day is the week of its Thursday.  Why by hand: the C library's
 * mktime/timegm depend on the time zone and the C locale's range of
 * time_t, and glib or ICU would be a large dependency for a dozen lines.
 */
#include "calendar.h"

int rc_cal_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int rc_cal_month_days(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && rc_cal_is_leap(y) ? 29 : d[m - 1];
}

long rc_cal_days(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void rc_cal_civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int rc_cal_weekday(long z)
{
    long w = (z + 3) % 7;          /* 1970-01-01 was a Thursday */
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

void rc_cal_iso_week(long z, int *wy, int *wn)
{
    long thu = z - rc_cal_weekday(z) + 4;  /* the Thursday of z's week */
    int y, m, d;
    rc_cal_civil(thu, &y, &m, &d);
    *wy = y;
    *wn = (int)((thu - rc_cal_days(y, 1, 1)) / 7) + 1;
}
