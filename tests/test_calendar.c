/* Issue 34: the calendar file (lib/schedule/calendar.c). The bundled
 * 2026/27 year read back against facts about it that a calendar can
 * check (weekdays, bank holidays, half-terms); dates round-tripped over
 * four centuries against a day-by-day count; bad files refused with their
 * line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schedule/calendar.h"
#include "test_util.h"

static cal_day day(const char *text)
{
    cal_day d = 0;
    CU_ASSERT_FATAL(cal_parse_date(text, &d));
    return d;
}

static void test_dates(void)
{
    /* every day from 1900 to 2300, counted one by one, formats and parses back */
    cal_day d = day("1900-01-01");
    int y = 1900, m = 1, dd = 1;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (; y < 2300; d++) {
        char want[48], got[11];
        snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, dd);
        cal_format(d, got);
        CU_ASSERT_STRING_EQUAL(got, want);
        cal_day back;
        CU_ASSERT(cal_parse_date(want, &back) && back == d);
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (++dd > mdays[m - 1] + (m == 2 && leap)) {
            dd = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    CU_ASSERT_EQUAL(cal_weekday(day("2026-12-25")), 4); /* a Friday */
    CU_ASSERT_EQUAL(cal_weekday(day("2027-03-29")), 0); /* Easter Monday */
    cal_day x;
    CU_ASSERT_FALSE(cal_parse_date("2027-02-29", &x));
    CU_ASSERT_FALSE(cal_parse_date("2028-02-30", &x));
    CU_ASSERT_TRUE(cal_parse_date("2028-02-29", &x));
    CU_ASSERT_FALSE(cal_parse_date("2027-1-05", &x));
    CU_ASSERT_FALSE(cal_parse_date("2027-01-05x", &x));
}

static void test_bundled_year(void)
{
    calendar *c = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(
        calendar_read(EXAMPLE("calendar-2026-27.ini"), &c, &err),
        TRIAD_OK);
    CU_ASSERT_STRING_EQUAL(calendar_name(c), "2026/27");
    CU_ASSERT_EQUAL_FATAL(calendar_terms(c), 3);
    CU_ASSERT_STRING_EQUAL(calendar_term_name(c, 0), "autumn");
    CU_ASSERT_STRING_EQUAL(calendar_term_name(c, 2), "summer");
    CU_ASSERT(calendar_open(c, day("2026-09-07")));            /* a Monday in term */
    CU_ASSERT_FALSE(calendar_open(c, day("2026-09-05")));      /* a Saturday */
    CU_ASSERT_FALSE(calendar_open(c, day("2026-10-28")));      /* half-term */
    CU_ASSERT_FALSE(calendar_open(c, day("2027-01-04")));      /* INSET */
    CU_ASSERT_FALSE(calendar_open(c, day("2027-05-03")));      /* bank holiday */
    CU_ASSERT_FALSE(calendar_open(c, day("2026-12-21")));      /* after term */
    CU_ASSERT_EQUAL(calendar_half_term(c, day("2026-10-23")), 0);
    CU_ASSERT_EQUAL(calendar_half_term(c, day("2026-11-02")), 1);
    CU_ASSERT_EQUAL(calendar_half_term(c, day("2026-10-27")), -1);
    CU_ASSERT_EQUAL(calendar_half_term(c, day("2027-07-01")), 5);
    CU_ASSERT(calendar_in_tests(c, "ks2", day("2027-05-11")));
    CU_ASSERT_FALSE(calendar_in_tests(c, "ks2", day("2027-05-14")));
    CU_ASSERT(calendar_in_tests(c, "gcse", day("2027-06-01")));
    /* each term's open days: every one open, every other day of the term not */
    for (size_t t = 0; t < calendar_terms(c); t++) {
        cal_day *days = NULL;
        size_t n = calendar_open_days(c, t, &days), k = 0;
        CU_ASSERT_FATAL(n != (size_t)-1 && n > 40);
        for (cal_day d = calendar_term_start(c, t); d <= calendar_term_end(c, t); d++) {
            int listed = k < n && days[k] == d;
            CU_ASSERT_EQUAL(listed, calendar_open(c, d));
            CU_ASSERT(!listed || cal_weekday(d) < 5);
            k += listed;
        }
        CU_ASSERT_EQUAL(k, n);
        free(days);
    }
    calendar_free(c);
}

/* A bad calendar is refused with its line in the message. */
static void refused(const char *text, int line, const char *words)
{
    calendar *c = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(calendar_read_string(text, "cal.ini", &c, &err), TRIAD_ERR_SPEC);
    CU_ASSERT_PTR_NULL(c);
    char where[32];
    snprintf(where, sizeof where, "cal.ini:%d:", line);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, where));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, words));
    if (!strstr(err.message, where) || !strstr(err.message, words))
        fprintf(stderr, "\n  message: %s\n", err.message);
}

static void test_bad_calendars(void)
{
    refused("[term.a]\nstart = 2026-09-03\nend = 2026-02-30\n", 3, "not a date");
    refused("[term.a]\nstart = 2026-09-03\n", 2, "needs both start and end");
    refused("[term.a]\nstart = 2026-09-03\nend = 2026-09-01\n", 2, "ends before it starts");
    refused("[term.a]\nstart = 2026-09-03\nend = 2026-12-18\nhalf_term = 2027-01-05\n", 2,
            "outside the term");
    refused("[term.a]\nstart = 2026-09-03\nend = 2026-12-18\n[term.b]\nstart = 2026-12-01\n"
            "end = 2027-03-25\n",
            5, "overlaps");
    refused("[term.a]\nstart = 2026-09-03\nstart = 2026-09-04\nend = 2026-12-18\n", 3,
            "given twice");
    refused("[term.a]\nbegin = 2026-09-03\n", 2, "unknown key 'begin'");
    refused("[terms]\nx = 1\n", 2, "unknown section [terms]");
    refused("[closed]\nbank_holidays = 2026-12-25, 2026-13-01\n", 2, "'2026-13-01'");
    refused("[tests]\navoid = maybe\n", 2, "not yes or no");
    refused("[term.a]\nstart 2026-09-03\n", 2, "malformed line");
    refused("; nothing\n", 0, "no [term.NAME]");
}

static void test_school_closed_and_tests_off(void)
{
    const char text[] = "[term.a]\nstart = 2026-09-03\nend = 2026-12-18\n"
                        "[tests]\nks2 = 2026-10-05 .. 2026-10-08\navoid = no\n"
                        "[school.125315]\nclosed = 2026-11-16 .. 2026-11-20, 2026-12-01\n";
    calendar *c = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(calendar_read_string(text, "c.ini", &c, &err), TRIAD_OK);
    CU_ASSERT(calendar_open(c, day("2026-11-17")));
    CU_ASSERT_FALSE(calendar_school_open(c, "125315", day("2026-11-17")));
    CU_ASSERT_FALSE(calendar_school_open(c, "125315", day("2026-12-01")));
    CU_ASSERT(calendar_school_open(c, "125315", day("2026-12-02")));
    CU_ASSERT(calendar_school_open(c, "999999", day("2026-11-17")));
    CU_ASSERT_FALSE(calendar_in_tests(c, "ks2", day("2026-10-06"))); /* avoid = no */
    calendar_free(c);
}

void register_calendar_tests(void)
{
    CU_pSuite s = CU_add_suite("calendar", NULL, NULL);
    CU_add_test(s, "dates: four centuries day by day", test_dates);
    CU_add_test(s, "the bundled 2026/27 year", test_bundled_year);
    CU_add_test(s, "bad calendars refused by line", test_bad_calendars);
    CU_add_test(s, "a school's own closed days; test weeks switched off",
                test_school_closed_and_tests_off);
}
