/* Fixtures shared by the schedule tests: a plan of Surrey, the bundled
 * year, small plans from CSV text, and a counter of substrings. */
#include <string.h>

#include "test_util.h"

triad_plan *test_surrey_plan(triad_schools **s)
{
    *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_plan *p = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_solve(*s, NULL, NULL, &p, &err), TRIAD_OK);
    return p;
}

triad_calendar *test_calendar_year(void)
{
    triad_calendar *cal = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_calendar_read(EXAMPLE("calendar-2026-27.ini"), &cal, &err),
                          TRIAD_OK);
    return cal;
}

triad_plan *test_plan_of(const char *schools, const char *plan, triad_schools **s)
{
    triad_plan *p = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(
        triad_schools_read_buffer(schools, strlen(schools), "s.csv", NULL, s, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_plan_read_buffer(plan, strlen(plan), "p.csv", *s, &p, &err),
                          TRIAD_OK);
    return p;
}

triad_plan *test_one_triad(const char *schools, triad_schools **s)
{
    return test_plan_of(schools,
                        "URN,collaborative,triad,lead\n1,X,X.1,1\n2,X,X.1,0\n3,X,X.1,0\n", s);
}

size_t test_count(const char *text, const char *what)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}
