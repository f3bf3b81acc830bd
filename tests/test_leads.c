/* A lead's term (issue 37): a lead in term leads on where its collaborative
 * went, passes the role on when the term is served, steps down or leaves
 * as the history file says, and never replaces the officer's locked lead;
 * every change is stated; lead_years round-trips through the plan CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/plan_impl.h"
#include "test_util.h"

static triad_schools *surrey(void)
{
    return test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
}

/* A plan solved against one year of history (and a fixed plan). */
static triad_plan *solve_after(const triad_schools *s, const triad_spec *spec,
                               const triad_plan *last, const triad_plan *fixed)
{
    triad_solve_options o;
    triad_solve_options_init(&o);
    const triad_plan *h[] = {last};
    o.history = last ? h : NULL;
    o.nhistory = last != NULL;
    o.fixed = fixed;
    triad_plan *p = NULL;
    triad_error err;
    triad_status st = triad_solve(s, spec, &o, &p, &err);
    if (st != TRIAD_OK)
        fprintf(stderr, "\nsolve: %s\n", err.message);
    CU_ASSERT_EQUAL_FATAL(st, TRIAD_OK);
    return p;
}

/* p as plan CSV text with lead_years, steps_down and locked columns:
 * school `down` steps down, school `gone` is listed under URN 999999 (a
 * school that has left since), and with lock_collab >= 0 that
 * collaborative's rows are locked with school `officer` its lead. */
static char *plan_text(const triad_schools *s, const triad_plan *p, long down, long gone,
                       long lock_collab, long officer)
{
    size_t n = triad_schools_count(s), o = 0;
    char *t = malloc(n * 96 + 128);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    o += (size_t)sprintf(t, "URN,collaborative,triad,lead,lead_years,steps_down,locked\n");
    for (size_t i = 0; i < n; i++) {
        if (p->collab[i] < 0)
            continue;
        int locked = (long)p->collab[i] == lock_collab;
        int lead = locked ? (long)i == officer : p->lead[i];
        o += (size_t)sprintf(t + o, "%s,%s,%s,%d,%s,%s,%d\n",
                             (long)i == gone ? "999999" : triad_schools_urn(s, i),
                             p->collab_label[p->collab[i]],
                             p->triad[i] >= 0 ? p->triad_label[p->triad[i]] : "", lead,
                             lead && p->lead_years[i] > 1 ? "2" : "",
                             lead && (long)i == down ? "1" : "", locked);
    }
    return t;
}

static triad_plan *read_history(const triad_schools *s, const char *text)
{
    char *path = test_temp_with(text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    triad_plan *p = NULL;
    triad_error err;
    triad_status st = triad_plan_read_history(path, s, &p, &err);
    if (st != TRIAD_OK)
        fprintf(stderr, "\nhistory: %s\n", err.message);
    CU_ASSERT_EQUAL_FATAL(st, TRIAD_OK);
    unlink(path);
    free(path);
    return p;
}

static size_t lead_count(const triad_plan *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->nschools; i++)
        n += p->lead[i];
    return n;
}

/* Year 2: every lead of year 1 leads the same collaborative (Surrey's
 * schools all return), in year 2 of 2. Year 3: each has served its term
 * and none leads where another school is eligible; every new lead is in
 * its first year; and each change is a line of the log. */
static void test_term_kept_then_passed(void)
{
    triad_schools *s = surrey();
    triad_plan *y1 = solve_after(s, NULL, NULL, NULL);
    triad_plan *y2 = solve_after(s, NULL, y1, NULL);
    size_t n = triad_schools_count(s), kept = 0;
    for (size_t i = 0; i < n; i++)
        if (y1->lead[i]) {
            kept += y2->lead[i] && triad_plan_lead_years(y2, i) == 2 &&
                    strcmp(y1->collab_label[y1->collab[i]], y2->collab_label[y2->collab[i]]) == 0;
        }
    CU_ASSERT_EQUAL(kept, lead_count(y1));
    CU_ASSERT_EQUAL(lead_count(y2), y2->ncollab);
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(y2), "continues to lead"));
    /* through the CSV, as next year's history */
    char *csv = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_plan_csv(y2, s, &csv, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "URN,collaborative,triad,lead,lead_years\r\n"));
    triad_plan *h2 = read_history(s, csv);
    triad_string_free(csv);
    triad_plan *y3 = solve_after(s, NULL, h2, NULL);
    size_t again = 0, served = 0;
    for (size_t i = 0; i < n; i++) {
        again += y2->lead[i] && y3->lead[i];
        served += y3->lead[i] && triad_plan_lead_years(y3, i) == 1;
    }
    size_t lone = 0; /* collaboratives where the old lead is the only eligible school */
    for (const char *l = strstr(triad_plan_solver_log(y3), "no other school of it is eligible"); l;
         l = strstr(l + 1, "no other school of it is eligible"))
        lone++;
    CU_ASSERT_EQUAL(again, lone);
    CU_ASSERT_EQUAL(served + again, lead_count(y3));
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(y3), "has served its term (2 of"));
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(y3), "is the new lead of"));
    triad_plan_free(y3);
    triad_plan_free(h2);
    triad_plan_free(y2);
    triad_plan_free(y1);
    triad_schools_free(s);
}

/* lead_term = 0: leads are chosen afresh, no lead line, all in year 1. */
static void test_term_off(void)
{
    triad_schools *s = surrey();
    triad_spec *spec = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(
        triad_spec_read_string("[constraints]\nlead_term = 0\n", "t.ini", &spec, &err), TRIAD_OK);
    triad_plan *y1 = solve_after(s, spec, NULL, NULL);
    triad_plan *y2 = solve_after(s, spec, y1, NULL);
    CU_ASSERT_PTR_NULL(strstr(triad_plan_solver_log(y2), "lead: "));
    for (size_t i = 0; i < triad_schools_count(s); i++)
        CU_ASSERT(triad_plan_lead_years(y2, i) == y2->lead[i]);
    triad_plan_free(y2);
    triad_plan_free(y1);
    triad_spec_free(spec);
    triad_schools_free(s);
}

/* The history file says one lead steps down and lists another under a URN
 * no longer in the schools: neither leads on, and both are stated. */
static void test_steps_down_and_left(void)
{
    triad_schools *s = surrey();
    triad_plan *y1 = solve_after(s, NULL, NULL, NULL);
    long first = -1, second = -1;
    for (size_t i = 0; i < y1->nschools && second < 0; i++)
        if (y1->lead[i] && first < 0)
            first = (long)i;
        else if (y1->lead[i])
            second = (long)i;
    CU_ASSERT_FATAL(second >= 0);
    char *text = plan_text(s, y1, first, second, -1, -1);
    triad_plan *h = read_history(s, text);
    free(text);
    CU_ASSERT(h->steps_down[first]);
    CU_ASSERT_EQUAL(h->ngone, 1);
    triad_plan *y2 = solve_after(s, NULL, h, NULL);
    const char *log = triad_plan_solver_log(y2);
    char want[160];
    snprintf(want, sizeof want, "lead: %s, lead of %s, steps down after 1 year",
             triad_schools_urn(s, (size_t)first), y1->collab_label[y1->collab[first]]);
    CU_ASSERT_PTR_NOT_NULL(strstr(log, want));
    CU_ASSERT_PTR_NOT_NULL(strstr(log, "lead: 999999, a lead last year, has left the schools file"));
    CU_ASSERT(!y2->lead[first] || strstr(log, "no other school of it is eligible"));
    CU_ASSERT_EQUAL(lead_count(y2), y2->ncollab);
    triad_plan_free(y2);
    triad_plan_free(h);
    triad_plan_free(y1);
    triad_schools_free(s);
}

/* The officer locks a collaborative with another eligible member as lead:
 * it leads, though last year's lead is in term, and the log says so. */
static void test_officer_lead_kept(void)
{
    triad_schools *s = surrey();
    triad_plan *y1 = solve_after(s, NULL, NULL, NULL);
    long lead = -1, other = -1;
    for (size_t i = 0; i < y1->nschools && other < 0; i++) {
        if (!y1->lead[i])
            continue;
        for (size_t k = 0; k < y1->nschools && other < 0; k++)
            if (k != i && y1->collab[k] == y1->collab[i] && triad_schools_is_lead_eligible(s, k))
                other = (long)k;
        lead = (long)i;
    }
    CU_ASSERT_FATAL(other >= 0);
    char *text = plan_text(s, y1, -1, -1, y1->collab[lead], other);
    triad_plan *fixed = read_history(s, text);
    free(text);
    triad_plan *y2 = solve_after(s, NULL, y1, fixed);
    CU_ASSERT(y2->lead[other]);
    CU_ASSERT(!y2->lead[lead]);
    CU_ASSERT_EQUAL(triad_plan_lead_years(y2, (size_t)other), 1);
    char want[160];
    snprintf(want, sizeof want, "gives way to the officer's lead %s",
             triad_schools_urn(s, (size_t)other));
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(y2), want));
    triad_plan_free(y2);
    triad_plan_free(fixed);
    triad_plan_free(y1);
    triad_schools_free(s);
}

/* Two collaboratives of last year become one (sector_wide): of their two
 * leads in term, the one whose collaborative brought more schools leads. */
static void test_two_leads_meet(void)
{
    char schools[600] = "URN,name,phase,ofsted\n", plan[600] = "URN,collaborative,lead\n";
    for (int k = 1; k <= 12; k++) {
        size_t ls = strlen(schools), lp = strlen(plan);
        snprintf(schools + ls, sizeof schools - ls, "%d,S%d,Primary,Good\n", k, k);
        snprintf(plan + lp, sizeof plan - lp, "%d,%s,%d\n", k, k <= 5 ? "B" : "A",
                 k == 1 || k == 12);
    }
    triad_schools *s = NULL;
    triad_plan *last = test_plan_of(schools, plan, &s);
    triad_spec *spec = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_spec_read_string("[stratum.primary]\nsector_wide = yes\n", "w.ini",
                                                 &spec, &err),
                          TRIAD_OK);
    triad_plan *now = solve_after(s, spec, last, NULL);
    CU_ASSERT_EQUAL(now->ncollab, 1);
    CU_ASSERT(now->lead[11] && !now->lead[0]); /* URN 12 led A, of 7 schools */
    CU_ASSERT_EQUAL(triad_plan_lead_years(now, 11), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(triad_plan_solver_log(now),
                                  "lead: 1, lead of B, steps aside: A is led by 12"));
    triad_plan_free(now);
    triad_plan_free(last);
    triad_spec_free(spec);
    triad_schools_free(s);
}

/* lead_years and steps_down are read with the usual discipline. */
static void test_term_columns_refused(void)
{
    triad_schools *s = NULL;
    const char *schools = "URN,name,phase,ofsted\n1,A,Primary,Good\n2,B,Primary,Good\n"
                          "3,C,Primary,Good\n";
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(schools, strlen(schools), "s.csv", NULL, &s,
                                                    &err),
                          TRIAD_OK);
    const char *bad[][2] = {
        {"URN,collaborative,lead,lead_years\n1,X,1,\n2,X,0,2\n", "p.csv:3:4: lead_years"},
        {"URN,collaborative,lead,lead_years\n1,X,1,zero\n", "p.csv:2:4: lead_years 'zero'"},
        {"URN,collaborative,lead,lead_years\n1,X,1,51\n", "p.csv:2:4: lead_years '51'"},
        {"URN,collaborative,lead,steps_down\n1,X,0,1\n", "p.csv:2:4: steps_down"},
        {"URN,collaborative,lead,steps_down\n1,X,1,yes\n", "p.csv:2:4: steps_down 'yes'"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        triad_plan *p = NULL;
        CU_ASSERT_EQUAL(triad_plan_read_buffer(bad[k][0], strlen(bad[k][0]), "p.csv", s, &p, &err),
                        TRIAD_ERR_VALUE);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, bad[k][1]));
        CU_ASSERT_PTR_NULL(p);
    }
    const char *good = "URN,collaborative,triad,lead,lead_years\n1,X,X.1,1,3\n2,X,X.1,0,\n"
                       "3,X,X.1,0,\n";
    triad_plan *p = NULL;
    char *csv = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_plan_read_buffer(good, strlen(good), "p.csv", s, &p, &err),
                          TRIAD_OK);
    CU_ASSERT_EQUAL(triad_plan_lead_years(p, 0), 3);
    CU_ASSERT_EQUAL(triad_plan_lead_years(p, 1), 0);
    CU_ASSERT_EQUAL(triad_plan_csv(p, s, &csv, &err), TRIAD_OK);
    CU_ASSERT_PTR_NOT_NULL(csv && strstr(csv, "1,X,X.1,1,3\r\n2,X,X.1,0,\r\n"));
    triad_string_free(csv);
    triad_plan_free(p);
    triad_schools_free(s);
}

void register_leads_tests(void)
{
    CU_pSuite s = CU_add_suite("leads", NULL, NULL);
    CU_add_test(s, "a lead in term leads on, then passes on", test_term_kept_then_passed);
    CU_add_test(s, "lead_term = 0 chooses afresh", test_term_off);
    CU_add_test(s, "steps down, and a lead that left", test_steps_down_and_left);
    CU_add_test(s, "the officer's locked lead is kept", test_officer_lead_kept);
    CU_add_test(s, "two leads in term meet", test_two_leads_meet);
    CU_add_test(s, "lead_years and steps_down refused by cell", test_term_columns_refused);
}
