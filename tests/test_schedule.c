/* Issue 34: the review schedule (lib/schedule/). The Surrey plan over the
 * bundled 2026/27 calendar, its rules counted here from the CSV and the
 * calendar alone; the checker catching each kind of broken rule planted in
 * a good schedule; infeasibility named; and on tiny calendars the solver's
 * verdict against an exhaustive search over every triple of review days. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/csv_table.h"
#include "schedule/schedule_impl.h"
#include "solve/rng.h"
#include "test_util.h"

/* The CSV's review rows, counted per host and checked day by day. */
static void check_csv(const triad_schedule *sch, const triad_schools *s, const triad_plan *p,
                      const triad_calendar *cal)
{
    char *csv = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_csv(sch, s, p, &csv, &err), TRIAD_OK);
    size_t n = triad_schools_count(s), *hosted = calloc(n, sizeof *hosted), rows = 0;
    CU_ASSERT_FATAL(hosted != NULL);
    CU_ASSERT_EQUAL(strncmp(csv, "event,kind,date,end_date,collaborative,triad,host_urn,urn,role\n",
                            63),
                    0);
    for (char *line = strchr(csv, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
        char id[128], kind[16], date[16], end[16], coll[64], triad[64], host[16], urn[16],
            role[16];
        CU_ASSERT_EQUAL_FATAL(sscanf(line, "%127[^,],%15[^,],%15[^,],%15[^,],%63[^,],%63[^,],"
                                           "%15[^,],%15[^,],%15[^\n]",
                                     id, kind, date, end, coll, triad, host, urn, role) == 9 ||
                                  (strcmp(kind, "meeting") == 0),
                              1);
        rows++;
        cal_day d;
        CU_ASSERT(cal_parse_date(date, &d) && calendar_open(cal->c, d));
        if (strcmp(kind, "review") == 0 && strcmp(role, "host") == 0)
            for (size_t i = 0; i < n; i++)
                if (strcmp(triad_schools_urn(s, i), host) == 0) {
                    hosted[i]++;
                    CU_ASSERT_FALSE(calendar_in_tests(cal->c, sched_test_window(s, i), d));
                }
    }
    /* once each: every school of a triad of two or more */
    for (size_t i = 0; i < n; i++) {
        long t = triad_plan_triad_of(p, i);
        size_t size = 0;
        for (size_t j = 0; t >= 0 && j < n; j++)
            size += triad_plan_triad_of(p, j) == t;
        CU_ASSERT_EQUAL(hosted[i], size >= 2 ? 1u : 0u);
    }
    CU_ASSERT(rows > 3 * n);
    free(hosted);
    triad_string_free(csv);
}

/* The CSV read back: as many events, no violation; a row with an unknown
 * kind, and a row that disagrees with its event, refused by line. */
static void check_read_back(const triad_schedule *sch, const triad_schools *s,
                            const triad_plan *p, const triad_calendar *cal)
{
    char *csv = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_csv(sch, s, p, &csv, &err), TRIAD_OK);
    char *path = test_temp_with(csv);
    triad_schedule *back = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_read(path, s, p, &back, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schedule_event_count(back), triad_schedule_event_count(sch));
    CU_ASSERT_EQUAL(triad_schedule_check(back, s, p, cal, NULL, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schedule_violation_count(back), 0);
    triad_schedule_free(back);
    unlink(path);
    free(path);
    char *line3 = strchr(strchr(csv, '\n') + 1, '\n') + 1, *kind = strchr(line3, ',') + 1;
    memcpy(kind, "visit!", 6); /* "review" or "feedba..." becomes an unknown kind */
    path = test_temp_with(csv);
    CU_ASSERT_EQUAL(triad_schedule_read(path, s, p, &back, &err), TRIAD_ERR_VALUE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, ":3:2: unknown kind"));
    CU_ASSERT_PTR_NULL(back);
    unlink(path);
    free(path);
    triad_string_free(csv);
}

/* One visit record per review, in the order of the reviews, each naming
 * its host and with every column to fill in. */
static void check_visit_forms(const triad_schedule *sch, const triad_schools *s,
                              const triad_plan *p)
{
    char *forms = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_visit_forms(sch, s, p, &forms, &err), TRIAD_OK);
    csv_table t;
    CU_ASSERT_EQUAL_FATAL(csv_table_parse(forms, strlen(forms), "forms.csv", &t, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(t.ncols, 17);
    size_t r = 0;
    for (size_t k = 0; k < sch->nev && r < t.nrows; k++)
        if (sch->ev[k].kind == EV_REVIEW) {
            CU_ASSERT_STRING_EQUAL(t.rows[r][5], triad_schools_urn(s, sch->ev[k].who[0]));
            CU_ASSERT_STRING_EQUAL(t.rows[r][16], "");
            r++;
        }
    CU_ASSERT_EQUAL(r, t.nrows);
    size_t reviews = 0;
    for (size_t k = 0; k < sch->nev; k++)
        reviews += sch->ev[k].kind == EV_REVIEW;
    CU_ASSERT_EQUAL(t.nrows, reviews);
    csv_table_free(&t);
    triad_string_free(forms);
}

/* Plants one broken rule in a copy of a good schedule: the checker must
 * name it. */
static void planted(triad_schedule *sch, const triad_schools *s, const triad_plan *p,
                    const triad_calendar *cal, size_t at, cal_day day, const char *words)
{
    triad_error err;
    sched_event keep = sch->ev[at];
    sch->ev[at].day = sch->ev[at].end = day;
    CU_ASSERT_EQUAL(triad_schedule_check(sch, s, p, cal, NULL, &err), TRIAD_OK);
    int found = 0;
    for (size_t k = 0; k < triad_schedule_violation_count(sch); k++)
        found |= strstr(triad_schedule_violation(sch, k), words) != NULL;
    CU_ASSERT(found);
    if (!found)
        fprintf(stderr, "\n  no violation with '%s' (%zu found)\n", words,
                triad_schedule_violation_count(sch));
    sch->ev[at] = keep;
}

static void test_surrey_year(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_surrey_plan(&s);
    triad_calendar *cal = test_calendar_year();
    triad_schedule *sch = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_make(s, p, cal, NULL, &sch, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schedule_violation_count(sch), 0);
    check_csv(sch, s, p, cal);
    check_read_back(sch, s, p, cal);
    check_visit_forms(sch, s, p);
    size_t meetings = 0, review = 0, meeting = (size_t)-1;
    for (size_t k = 0; k < sch->nev; k++) {
        meetings += sch->ev[k].kind == EV_MEETING;
        if (sch->ev[k].kind == EV_REVIEW)
            review = k;
        if (sch->ev[k].kind == EV_MEETING && meeting == (size_t)-1)
            meeting = k; /* the first: the autumn term's */
    }
    CU_ASSERT_EQUAL(meetings, 3 * triad_plan_collaborative_count(p));
    /* each kind of break, planted */
    cal_day sat = sch->ev[review].day;
    while (cal_weekday(sat) != 5)
        sat++;
    planted(sch, s, p, cal, review, sat, "not a school day");
    cal_day ks2;
    cal_parse_date("2027-05-11", &ks2);
    size_t primary = review;
    for (size_t k = 0; k < sch->nev; k++)
        if (sch->ev[k].kind == EV_REVIEW && triad_schools_phase(s, sch->ev[k].who[0]) ==
                                                TRIAD_PHASE_PRIMARY)
            primary = k;
    planted(sch, s, p, cal, primary, ks2, "ks2 test window");
    planted(sch, s, p, cal, meeting, calendar_term_start(cal->c, 0) + 1, "before its triads'");
    /* a reviewer swapped for a school of another triad */
    size_t keep = sch->ev[review].who[1];
    sch->ev[review].who[1] = keep == 0 ? 1 : 0;
    while (triad_plan_triad_of(p, sch->ev[review].who[1]) == sch->ev[review].triad)
        sch->ev[review].who[1]++;
    CU_ASSERT_EQUAL(triad_schedule_check(sch, s, p, cal, NULL, &err), TRIAD_OK);
    CU_ASSERT(triad_schedule_violation_count(sch) > 0);
    sch->ev[review].who[1] = keep;
    CU_ASSERT_EQUAL(triad_schedule_check(sch, s, p, cal, NULL, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schedule_violation_count(sch), 0); /* restored: clean again */
    /* a school reviewed twice (by hand) keeps both events through a CSV */
    sched_event twice = sch->ev[review];
    CU_ASSERT_FATAL(sched_add(sch, twice.kind, twice.day + 7, twice.end + 7, twice.coll,
                              twice.triad, twice.who, twice.nwho, 0));
    char *csv = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_csv(sch, s, p, &csv, &err), TRIAD_OK);
    char *path = test_temp_with(csv);
    triad_schedule *back = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_read(path, s, p, &back, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schedule_event_count(back), triad_schedule_event_count(sch));
    CU_ASSERT_EQUAL(triad_schedule_check(back, s, p, cal, NULL, &err), TRIAD_OK);
    int named = 0;
    for (size_t k = 0; k < triad_schedule_violation_count(back); k++)
        named |= strstr(triad_schedule_violation(back, k), "reviewed 2 times") != NULL;
    CU_ASSERT(named);
    triad_schedule_free(back);
    unlink(path);
    free(path);
    triad_string_free(csv);
    triad_schedule_free(sch);
    triad_calendar_free(cal);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* A school closed all year: its triad is refused by name. */
static void test_infeasible_named(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_surrey_plan(&s);
    size_t i = 0;
    while (triad_plan_triad_of(p, i) < 0)
        i++;
    char text[1024];
    snprintf(text, sizeof text,
             "[term.autumn]\nstart = 2026-09-03\nend = 2026-12-18\n[term.spring]\n"
             "start = 2027-01-04\nend = 2027-03-25\n[school.%s]\n"
             "closed = 2026-09-01 .. 2027-03-31\n",
             triad_schools_urn(s, i));
    triad_calendar *cal = NULL;
    triad_schedule *sch = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_calendar_read_string(text, "c.ini", &cal, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schedule_make(s, p, cal, NULL, &sch, &err), TRIAD_ERR_INFEASIBLE);
    CU_ASSERT_PTR_NULL(sch);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, triad_plan_triad_label(p, (size_t)triad_plan_triad_of(p, i))));
    triad_calendar_free(cal);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* Tiny years: one triad of three over a two-week term with random closed
 * days; a schedule exists exactly when some three days, each open for all
 * three schools, lie min_gap school days apart and two reviewing days fit
 * in a head's half-term. The solver's verdict against that search. */
static void test_tiny_exhaustive(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_one_triad("urn,phase\n1,Primary\n2,Primary\n3,Primary\n", &s);
    triad_error err;
    rng r;
    rng_seed(&r, 34);
    int yes = 0, no = 0;
    for (int trial = 0; trial < 200; trial++) {
        /* 2026-11-02 is a Monday: days 0-11 of the term, weekdays 0-4 and 7-11 */
        char text[2048] = "[term.t]\nstart = 2026-11-02\nend = 2026-11-13\n";
        int open[12], gap = (int)rng_below(&r, 5), away = 1 + (int)(rng_below(&r, 6) != 0);
        for (int d = 0; d < 12; d++)
            open[d] = d % 7 < 5;
        for (int i = 1; i <= 3; i++) {
            char closed[256] = "";
            for (int d = 0; d < 12; d++)
                if (d % 7 < 5 && rng_below(&r, 10) < 3) {
                    open[d] = 0;
                    snprintf(closed + strlen(closed), sizeof closed - strlen(closed),
                             "%s2026-11-%02d", *closed ? ", " : "", 2 + d);
                }
            if (*closed)
                snprintf(text + strlen(text), sizeof text - strlen(text),
                         "[school.%d]\nclosed = %s\n", i, closed);
        }
        /* school days before each day (the calendar's, closed days aside) */
        int before[13] = {0}, exists = 0;
        for (int d = 0; d < 12; d++)
            before[d + 1] = before[d] + (d % 7 < 5);
        for (int a = 0; a < 12; a++)
            for (int b = a + 1; b < 12; b++)
                for (int c = b + 1; c < 12; c++)
                    exists |= open[a] && open[b] && open[c] && before[b + 1] - before[a + 1] >= gap &&
                              before[c + 1] - before[b + 1] >= gap;
        exists &= away >= 2;
        triad_calendar *cal = NULL;
        CU_ASSERT_EQUAL_FATAL(triad_calendar_read_string(text, "t.ini", &cal, &err), TRIAD_OK);
        triad_schedule_options o;
        triad_schedule_options_init(&o);
        o.min_gap = gap;
        o.max_days_away = away;
        o.feedback_within = 0;
        o.meetings = 0;
        triad_schedule *sch = NULL;
        triad_status st = triad_schedule_make(s, p, cal, &o, &sch, &err);
        CU_ASSERT_EQUAL(st, exists ? TRIAD_OK : TRIAD_ERR_INFEASIBLE);
        if (st == TRIAD_OK)
            CU_ASSERT_EQUAL(triad_schedule_violation_count(sch), 0);
        yes += exists;
        no += !exists;
        triad_schedule_free(sch);
        triad_calendar_free(cal);
    }
    CU_ASSERT(yes >= 40 && no >= 40); /* both verdicts tried often */
    printf("(%d feasible, %d not) ", yes, no);
    triad_plan_free(p);
    triad_schools_free(s);
}

static void test_bad_options(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_surrey_plan(&s);
    triad_calendar *cal = test_calendar_year();
    triad_schedule_options o;
    triad_schedule_options_init(&o);
    o.review_days = 3; /* more than the two days a head may be away */
    triad_schedule *sch = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(triad_schedule_make(s, p, cal, &o, &sch, &err), TRIAD_ERR_INFEASIBLE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "max_days_away"));
    o.review_days = 0;
    CU_ASSERT_EQUAL(triad_schedule_make(s, p, cal, &o, &sch, &err), TRIAD_ERR_INVALID_ARGUMENT);
    CU_ASSERT_PTR_NULL(sch);
    triad_calendar_free(cal);
    triad_plan_free(p);
    triad_schools_free(s);
}

typedef struct seen {
    int calls, stop_at;
    double last;
} seen;

static int count_calls(double seconds, double share, void *user)
{
    seen *v = user;
    CU_ASSERT(seconds >= 0 && share > v->last && share <= 1);
    v->last = share;
    return ++v->calls == v->stop_at;
}

/* Progress once a triad, ending at 1; a cancel stops at once, no schedule. */
static void test_progress_cancel(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_surrey_plan(&s);
    triad_calendar *cal = test_calendar_year();
    triad_schedule_options o;
    triad_schedule_options_init(&o);
    seen v = {0, -1, 0};
    o.progress = count_calls;
    o.progress_user = &v;
    triad_schedule *sch = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(triad_schedule_make(s, p, cal, &o, &sch, &err), TRIAD_OK);
    CU_ASSERT_EQUAL((size_t)v.calls, triad_plan_triad_count(p));
    CU_ASSERT_DOUBLE_EQUAL(v.last, 1.0, 1e-12);
    triad_schedule_free(sch);
    sch = NULL;
    v = (seen){0, 3, 0};
    CU_ASSERT_EQUAL(triad_schedule_make(s, p, cal, &o, &sch, &err), TRIAD_ERR_CANCELLED);
    CU_ASSERT_EQUAL(v.calls, 3);
    CU_ASSERT_PTR_NULL(sch);
    triad_calendar_free(cal);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* The review chain asked for in full: each stage once per review, in its
 * time, and a workshop moved late is named. */
static void test_chain(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_surrey_plan(&s);
    triad_calendar *cal = test_calendar_year();
    triad_schedule_options o;
    triad_schedule_options_init(&o);
    o.data_before = 5;
    o.workshop_within = 10;
    o.impact_after = 40;
    triad_schedule *sch = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_make(s, p, cal, &o, &sch, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schedule_violation_count(sch), 0);
    size_t n[EV_KINDS] = {0}, workshop = 0;
    for (size_t k = 0; k < sch->nev; k++) {
        n[sch->ev[k].kind]++;
        if (sch->ev[k].kind == EV_WORKSHOP)
            workshop = k;
    }
    CU_ASSERT(n[EV_REVIEW] > 100);
    CU_ASSERT_EQUAL(n[EV_DATA], n[EV_REVIEW]);
    CU_ASSERT_EQUAL(n[EV_WORKSHOP], n[EV_REVIEW]);
    CU_ASSERT_EQUAL(n[EV_IMPACT], n[EV_REVIEW]);
    /* each impact check at least 40 school days after its review, counted here */
    for (size_t k = 0; k < sch->nev; k++)
        for (size_t j = 0; sch->ev[k].kind == EV_IMPACT && j < sch->nev; j++)
            if (sch->ev[j].kind == EV_REVIEW && sch->ev[j].who[0] == sch->ev[k].who[0]) {
                int open = 0;
                for (cal_day d = sch->ev[j].end + 1; d <= sch->ev[k].day; d++)
                    open += calendar_open(cal->c, d);
                CU_ASSERT(open >= 40);
            }
    sch->ev[workshop].day = sch->ev[workshop].end = sch->ev[workshop].day + 28;
    while (!calendar_open(cal->c, sch->ev[workshop].day))
        sch->ev[workshop].day = ++sch->ev[workshop].end;
    CU_ASSERT_EQUAL(triad_schedule_check(sch, s, p, cal, &o, &err), TRIAD_OK);
    int named = 0;
    for (size_t k = 0; k < triad_schedule_violation_count(sch); k++)
        named |= strstr(triad_schedule_violation(sch, k), "improvement workshops, not in its "
                                                          "time") != NULL;
    CU_ASSERT(named);
    triad_schedule_free(sch);
    triad_calendar_free(cal);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* A pair and a quad: each school reviewed once, by its one partner or its
 * three, every rule kept. */
static void test_pairs_and_quads(void)
{
    const char schools[] = "urn,phase\n1,Primary\n2,Primary\n3,Primary\n4,Primary\n"
                           "5,Primary\n6,Primary\n";
    const char plan[] = "URN,collaborative,triad,lead\n1,X,X.pair,1\n2,X,X.pair,0\n"
                        "3,X,X.quad,0\n4,X,X.quad,0\n5,X,X.quad,0\n6,X,X.quad,0\n";
    triad_schools *s = NULL;
    triad_plan *p = test_plan_of(schools, plan, &s);
    triad_calendar *cal = test_calendar_year();
    triad_schedule *sch = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schedule_make(s, p, cal, NULL, &sch, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schedule_violation_count(sch), 0);
    size_t reviews = 0;
    for (size_t k = 0; k < sch->nev; k++)
        if (sch->ev[k].kind == EV_REVIEW) {
            reviews++;
            CU_ASSERT_EQUAL(sch->ev[k].nwho, sch->ev[k].who[0] < 2 ? 2u : 4u);
        }
    CU_ASSERT_EQUAL(reviews, 6);
    triad_schedule_free(sch);
    triad_calendar_free(cal);
    triad_plan_free(p);
    triad_schools_free(s);
}

void register_schedule_tests(void)
{
    CU_pSuite s = CU_add_suite("schedule", NULL, NULL);
    CU_add_test(s, "Surrey's year: every rule, and each break planted caught",
                test_surrey_year);
    CU_add_test(s, "a school closed all year: its triad named", test_infeasible_named);
    CU_add_test(s, "tiny years against exhaustive search", test_tiny_exhaustive);
    CU_add_test(s, "options out of range refused", test_bad_options);
    CU_add_test(s, "progress once a triad; cancel honoured", test_progress_cancel);
    CU_add_test(s, "the review chain: data, workshop, impact check", test_chain);
    CU_add_test(s, "a pair and a quad", test_pairs_and_quads);
}
