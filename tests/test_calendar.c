/* Tests of src/calendar.c: day numbers, weekdays, ISO weeks. */
#include "test.h"
#include "calendar.h"

TEST(calendar_known_days)
{
    CHECK_INT(rc_cal_days(1970, 1, 1), 0);
    CHECK_INT(rc_cal_days(2000, 3, 1), 11017);
    CHECK_INT(rc_cal_weekday(rc_cal_days(2022, 11, 14)), 1);      /* a Monday */
    CHECK_INT(rc_cal_weekday(rc_cal_days(1970, 1, 1)), 4);        /* a Thursday */
    CHECK_INT(rc_cal_weekday(rc_cal_days(1969, 12, 28)), 7);      /* before the epoch */
    CHECK_INT(rc_cal_month_days(2024, 2), 29);
    CHECK_INT(rc_cal_month_days(1900, 2), 28);
    CHECK_INT(rc_cal_month_days(2000, 2), 29);
    CHECK_INT(rc_cal_month_days(2023, 13), 0);
    int wy, wn;
    rc_cal_iso_week(rc_cal_days(2021, 1, 3), &wy, &wn);           /* Sunday of 2020-W53 */
    CHECK_INT(wy, 2020);
    CHECK_INT(wn, 53);
    rc_cal_iso_week(rc_cal_days(2024, 12, 30), &wy, &wn);         /* Monday of 2025-W01 */
    CHECK_INT(wy, 2025);
    CHECK_INT(wn, 1);
    rc_cal_iso_week(rc_cal_days(2022, 11, 16), &wy, &wn);
    CHECK_INT(wn, 46);
}

/* Every day from 1600 to 2400 goes there and back, one after the other. */
TEST(calendar_round_trip)
{
    long first = rc_cal_days(1600, 1, 1), last = rc_cal_days(2400, 12, 31);
    int bad = 0;
    int py = 1599, pm = 12, pd = 31;
    for (long z = first; z <= last && bad < 5; z++) {
        int y, m, d;
        rc_cal_civil(z, &y, &m, &d);
        int next = (y == py && m == pm && d == pd + 1) ||
                   (y == py && m == pm + 1 && d == 1 && pd == rc_cal_month_days(py, pm)) ||
                   (y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31);
        if (!next || rc_cal_days(y, m, d) != z)
            bad++;
        py = y, pm = m, pd = d;
    }
    CHECK_INT(bad, 0);
}
