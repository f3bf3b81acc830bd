/* All-through schools in both phases (issue 37): Peterborough's 77 schools
 * are 80 "if all-through split"; a split school has one head, who leads
 * at most one collaborative. The file is synthetic, Peterborough-sized. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/plan_impl.h"
#include "test_util.h"

/* 60 primary, 14 secondary, 3 all-through (Outstanding, the largest: the
 * best leads, so both halves would lead without the head rule). */
static triad_schools *peterborough_sized(void)
{
    char *t = malloc(16000);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    size_t o = (size_t)sprintf(t, "urn,name,phase,ofsted,pupils,low_age,high_age\n");
    for (int k = 0; k < 77; k++) {
        const char *phase = k < 60 ? "Primary" : k < 74 ? "Secondary" : "All-through";
        o += (size_t)sprintf(t + o, "%d,School %d,%s,%s,%d,%d,%d\n", 1000 + k, k, phase,
                             k >= 74 ? "Outstanding" : "Good", k >= 74 ? 1500 : 200 + k,
                             k < 60 ? 4 : k < 74 ? 11 : 4, k < 60 ? 11 : 18);
    }
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(t, o, "pb.csv", NULL, &s, &err), TRIAD_OK);
    free(t);
    return s;
}

static void test_split(void)
{
    triad_schools *s = peterborough_sized(), *both = NULL;
    triad_error err;
    size_t nsplit = 0;
    CU_ASSERT_EQUAL_FATAL(triad_schools_split_all_through(s, &both, &nsplit, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_schools_count(s), 77);
    CU_ASSERT_EQUAL(triad_schools_count(both), 80);
    CU_ASSERT_EQUAL(nsplit, 3);
    size_t primary = 0, secondary = 0;
    for (size_t i = 0; i < 80; i++) {
        primary += triad_schools_phase(both, i) == TRIAD_PHASE_PRIMARY;
        secondary += triad_schools_phase(both, i) == TRIAD_PHASE_SECONDARY;
    }
    CU_ASSERT_EQUAL(primary, 63);
    CU_ASSERT_EQUAL(secondary, 17);
    /* pupils split by the ages either side of 11: 4-18 is 7 years and 7 */
    double p = 0, q = 0;
    for (size_t i = 0; i < 80; i++) {
        const char *u = triad_schools_urn(both, i);
        if (strcmp(u, "1074-P") == 0)
            triad_schools_get_number(both, i, TRIAD_FIELD_PUPILS, &p, &err);
        if (strcmp(u, "1074-S") == 0)
            triad_schools_get_number(both, i, TRIAD_FIELD_PUPILS, &q, &err);
    }
    CU_ASSERT_EQUAL(p + q, 1500);
    CU_ASSERT_EQUAL(p, 750);
    /* one head, one lead: the halves never both lead */
    triad_plan *plan = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(both, NULL, NULL, &plan, &err), TRIAD_OK);
    for (int k = 74; k < 77; k++) {
        int leads = 0;
        for (size_t i = 0; i < 80; i++)
            if (strncmp(triad_schools_urn(both, i), triad_schools_urn(s, (size_t)k), 4) == 0)
                leads += plan->lead[i];
        CU_ASSERT(leads <= 1);
    }
    /* a plan where both lead is a violation naming the head */
    long ip = -1, is = -1;
    for (size_t i = 0; i < 80; i++) {
        if (strcmp(triad_schools_urn(both, i), "1075-P") == 0)
            ip = (long)i;
        if (strcmp(triad_schools_urn(both, i), "1075-S") == 0)
            is = (long)i;
    }
    CU_ASSERT_FATAL(ip >= 0 && is >= 0);
    for (size_t i = 0; i < 80; i++)
        if (plan->collab[i] == plan->collab[ip] || plan->collab[i] == plan->collab[is])
            plan->lead[i] = 0;
    plan->lead[ip] = plan->lead[is] = 1;
    triad_report *r = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_check(both, NULL, plan, &r, &err), TRIAD_OK);
    int said = 0;
    for (size_t v = 0; v < triad_report_violations(r); v++) {
        triad_violation tv;
        if (triad_report_violation(r, v, &tv, &err) == TRIAD_OK)
            said |= strstr(tv.message, "1075-P and 1075-S share a head (1075)") != NULL;
    }
    CU_ASSERT(said);
    triad_report_free(r);
    triad_plan_free(plan);
    triad_schools_free(both);
    triad_schools_free(s);
}

void register_all_through_tests(void)
{
    CU_pSuite s = CU_add_suite("all-through split", NULL, NULL);
    CU_add_test(s, "77 schools, 80 places, one head one lead", test_split);
}
