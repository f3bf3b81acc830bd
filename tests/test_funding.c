/* [funding] (issue 37): the total shared by triad, collaborative, school or
 * pupils; a cap passes the excess on; a collaborative whose load and money
 * part company is a warning. Sums are checked against the plan here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/plan_impl.h"
#include "test_util.h"

static triad_report *funded(const triad_schools *s, const triad_plan *p, const char *ini)
{
    triad_spec *spec = NULL;
    triad_report *r = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_spec_read_string(ini, "f.ini", &spec, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(triad_check(s, spec, p, &r, &err), TRIAD_OK);
    triad_spec_free(spec);
    return r;
}

static double sum_of(const triad_report *r, triad_level level)
{
    double t = 0;
    for (size_t g = 0; g < triad_report_group_count(r, level); g++)
        t += triad_report_group_funding(r, level, g);
    return t;
}

static char *text_of(const triad_report *r)
{
    char *t = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(triad_report_format(r, 0, &t, &err), TRIAD_OK);
    return t;
}

static void test_bases(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_surrey_plan(&s);
    size_t nc = p->ncollab, nt = p->ntriad;
    /* by triad: every triad the same, each collaborative its triads' sum */
    triad_report *r = funded(s, p, "[funding]\ntotal = 580000\n");
    CU_ASSERT_DOUBLE_EQUAL(sum_of(r, TRIAD_LEVEL_COLLABORATIVE), 580000, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(sum_of(r, TRIAD_LEVEL_TRIAD), 580000, 1e-6);
    for (size_t t = 0; t < nt; t++)
        CU_ASSERT_DOUBLE_EQUAL(triad_report_group_funding(r, TRIAD_LEVEL_TRIAD, t),
                               580000.0 / (double)nt, 1e-6);
    for (size_t c = 0; c < nc; c++) {
        size_t k = 0;
        for (size_t t = 0; t < nt; t++)
            k += p->triad_collab[t] == (long)c;
        CU_ASSERT_DOUBLE_EQUAL(triad_report_group_funding(r, TRIAD_LEVEL_COLLABORATIVE, c),
                               580000.0 * (double)k / (double)nt, 1e-6);
    }
    triad_report_free(r);
    /* by school: a collaborative's money follows its size */
    r = funded(s, p, "[funding]\ntotal = 397000\nbasis = school\n");
    for (size_t c = 0; c < nc; c++)
        CU_ASSERT_DOUBLE_EQUAL(triad_report_group_funding(r, TRIAD_LEVEL_COLLABORATIVE, c),
                               1000.0 * (double)triad_report_group_size(
                                            r, TRIAD_LEVEL_COLLABORATIVE, c),
                               1e-6);
    triad_report_free(r);
    /* no [funding]: no money, and no line */
    r = funded(s, p, "[constraints]\nlead_required = yes\n");
    CU_ASSERT(isnan(triad_report_group_funding(r, TRIAD_LEVEL_COLLABORATIVE, 0)));
    char *t = text_of(r);
    CU_ASSERT_PTR_NULL(strstr(t, "Funding:"));
    triad_string_free(t);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* A cap that binds passes the excess to the others, total kept; one below
 * total / collaboratives leaves money unallocated, said. */
static void test_cap(void)
{
    triad_schools *s = NULL;
    triad_plan *p = test_surrey_plan(&s);
    triad_report *r = funded(s, p, "[funding]\ntotal = 580000\nbasis = school\ncap = 13000\n");
    size_t nc = triad_report_group_count(r, TRIAD_LEVEL_COLLABORATIVE), at = 0;
    for (size_t c = 0; c < nc; c++) {
        double m = triad_report_group_funding(r, TRIAD_LEVEL_COLLABORATIVE, c);
        CU_ASSERT(m <= 13000 + 1e-6);
        at += fabs(m - 13000) < 1e-6;
    }
    CU_ASSERT(at > 0);
    CU_ASSERT_DOUBLE_EQUAL(sum_of(r, TRIAD_LEVEL_COLLABORATIVE), 580000, 1e-3);
    triad_report_free(r);
    r = funded(s, p, "[funding]\ntotal = 580000\ncap = 10000\n");
    CU_ASSERT_DOUBLE_EQUAL(sum_of(r, TRIAD_LEVEL_COLLABORATIVE), 10000.0 * (double)nc, 1e-6);
    char *t = text_of(r);
    char want[160];
    snprintf(want, sizeof want, "funding: %.0f of the 580000 total is not allocated",
             580000 - 10000.0 * (double)nc);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, want));
    triad_string_free(t);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

/* Peterborough's lesson: equal money per collaborative, one of 12 schools
 * and one of 6: the big one carries more load than money, the small one
 * less, said by name. */
static void test_load_warning(void)
{
    char schools[1200] = "URN,name,phase,ofsted\n", plan[1200] = "URN,collaborative,triad,lead\n";
    for (int k = 1; k <= 18; k++) {
        size_t ls = strlen(schools), lp = strlen(plan);
        snprintf(schools + ls, sizeof schools - ls, "%d,S%d,Primary,Good\n", k, k);
        snprintf(plan + lp, sizeof plan - lp, "%d,%s,%s.%d,%d\n", k, k <= 12 ? "Big" : "Small",
                 k <= 12 ? "Big" : "Small", (k - 1) % (k <= 12 ? 12 : 6) / 3 + 1,
                 k == 1 || k == 13);
    }
    triad_schools *s = NULL;
    triad_plan *p = test_plan_of(schools, plan, &s);
    /* load: (12/18 schools + 4/6 triads + 20/40 lead days) / 3 = 61%, for 50% of the money */
    triad_report *r = funded(s, p, "[funding]\ntotal = 10000\nbasis = collaborative\n"
                                   "load_ratio = 1.2\n");
    char *t = text_of(r);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "funding: collaborative Big has 61% of the load (12 schools, "
                                     "4 triads, 20 lead days) for 50% of the money (5000): 1.22"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "funding: collaborative Small has 39% of the load"));
    triad_string_free(t);
    triad_report_free(r);
    /* by school, the money follows the schools: within the default ratio (1.25) */
    r = funded(s, p, "[funding]\ntotal = 10000\nbasis = school\n");
    t = text_of(r);
    CU_ASSERT_PTR_NULL(strstr(t, "funding: collaborative"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Funding: £10000 shared by school"));
    triad_string_free(t);
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
}

void register_funding_tests(void)
{
    CU_pSuite s = CU_add_suite("funding", NULL, NULL);
    CU_add_test(s, "by triad and by school", test_bases);
    CU_add_test(s, "the cap", test_cap);
    CU_add_test(s, "load and money part company", test_load_warning);
}
