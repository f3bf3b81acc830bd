/* libFuzzer: a schedule CSV (lib/schedule/schedule_read.c) read against a
 * fixed plan, then everything a schedule goes through: the checker, the
 * CSV, the summary and every iCalendar file. A read schedule written out
 * and read again must give as many events. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_status.h"
#include "io/csv_table.h"
#include "schedule/schedule_impl.h"

static const char schools_csv[] = "urn,name,phase\n1,A;one,Primary\n2,\"B, two\",Primary\n"
                                   "3,C,Primary\n4,D,Secondary\n5,E,Secondary\n6,F,Secondary\n"
                                   "7,G,Special\n";
static const char plan_csv[] = "URN,collaborative,triad,lead\n1,X,X.1,1\n2,X,X.1,0\n3,X,X.1,0\n"
                               "4,Y,Y.1,1\n5,Y,Y.1,0\n6,Y,Y.2,0\n7,Y,Y.2,0\n";
static const char year_ini[] = "[term.autumn]\nstart = 2026-09-03\nend = 2026-12-18\n"
                               "half_term = 2026-10-26 .. 2026-10-30\n[term.spring]\n"
                               "start = 2027-01-04\nend = 2027-03-25\n[closed]\n"
                               "inset = 2027-01-04\n[school.2]\nclosed = 2026-11-16\n";

static void go_through(triad_schedule *sc, const triad_schools *s, const triad_plan *p,
                       const triad_calendar *cal)
{
    triad_error err;
    char *text = NULL;
    if (data_status(triad_schedule_check(sc, s, p, cal, NULL, &err)) != TRIAD_OK)
        return;
    if (data_status(triad_schedule_format(sc, cal, 1, &text, &err)) == TRIAD_OK)
        triad_string_free(text);
    for (size_t i = 0; i < triad_schools_count(s); i++)
        if (data_status(triad_schedule_ics(sc, s, p, TRIAD_ICS_SCHOOL, i, 0, &text, &err)) ==
            TRIAD_OK)
            triad_string_free(text);
    if (data_status(triad_schedule_csv(sc, s, p, &text, &err)) != TRIAD_OK)
        return;
    csv_table t;
    triad_schedule *again = NULL;
    if (csv_table_parse(text, strlen(text), "again.csv", &t, &err) != TRIAD_OK ||
        sched_from_table(&t, s, p, &again, &err) != TRIAD_OK ||
        triad_schedule_event_count(again) != triad_schedule_event_count(sc))
        __builtin_trap(); /* what the library writes, it reads back whole */
    csv_table_free(&t);
    triad_schedule_free(again);
    triad_string_free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static triad_schools *schools;
    static triad_plan *plan;
    static triad_calendar *cal;
    triad_error err;
    if (!schools &&
        (triad_schools_read_buffer(schools_csv, strlen(schools_csv), "s.csv", NULL, &schools,
                                   &err) != TRIAD_OK ||
         triad_plan_read_buffer(plan_csv, strlen(plan_csv), "p.csv", schools, &plan, &err) !=
             TRIAD_OK ||
         triad_calendar_read_string(year_ini, "y.ini", &cal, &err) != TRIAD_OK))
        abort();
    csv_table t;
    if (data_status(csv_table_parse((const char *)data, size, "fuzz.csv", &t, &err)) != TRIAD_OK)
        return 0;
    triad_schedule *sc = NULL;
    if (data_status(sched_from_table(&t, schools, plan, &sc, &err)) == TRIAD_OK) {
        go_through(sc, schools, plan, cal);
        triad_schedule_free(sc);
    }
    csv_table_free(&t);
    return 0;
}
