/* The governor network (issue 37): governor triads of the schools with
 * governors trained (synthetic counts on Surrey), checked against the
 * heads' plan here: across collaboratives by default, the heads' triads
 * with mirror; refusals for no column and too few schools. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

/* Surrey with governors_trained 0, 1 or 2 (every fifth blank), solved. */
static triad_plan *heads_of(triad_schools **s)
{
    *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_error err;
    for (size_t i = 0; i < triad_schools_count(*s); i++)
        CU_ASSERT_EQUAL_FATAL(triad_schools_set_number(*s, i, TRIAD_FIELD_GOVERNORS,
                                                       i % 5 ? (double)(i % 3) : NAN, &err),
                              TRIAD_OK);
    triad_plan *p = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_solve(*s, NULL, NULL, &p, &err), TRIAD_OK);
    return p;
}

static int trained(const triad_schools *s, size_t i)
{
    double g = 0;
    triad_error err;
    return triad_schools_get_number(s, i, TRIAD_FIELD_GOVERNORS, &g, &err) == TRIAD_OK && g > 0;
}

static void test_across(void)
{
    triad_schools *s = NULL;
    triad_plan *heads = heads_of(&s), *gov = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_governors_solve(s, heads, NULL, NULL, &gov, &err), TRIAD_OK);
    size_t n = triad_schools_count(s), g = triad_plan_collaborative_count(gov);
    size_t *size = calloc(g, sizeof *size);
    for (size_t i = 0; i < n; i++) {
        long c = triad_plan_collaborative_of(gov, i);
        CU_ASSERT_EQUAL(c >= 0, trained(s, i)); /* every trained school, and only those */
        CU_ASSERT(!triad_plan_is_lead(gov, i));
        if (c >= 0)
            size[c]++;
        for (size_t j = i + 1; c >= 0 && j < n; j++)
            if (triad_plan_collaborative_of(gov, j) == c)
                CU_ASSERT(triad_plan_collaborative_of(heads, i) !=
                          triad_plan_collaborative_of(heads, j));
    }
    for (size_t c = 0; c < g; c++) {
        CU_ASSERT(size[c] == 3 || size[c] == 4);
        CU_ASSERT_EQUAL(strncmp(triad_plan_collaborative_label(gov, c), "gov-", 4), 0);
    }
    free(size);
    /* scored as the network is planned: no rule broken (the trust cap of a
     * triad holds for the whole group), every trained school placed */
    triad_report *r = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_governors_check(s, heads, NULL, gov, 0, &r, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_report_violations(r), 0);
    CU_ASSERT_EQUAL(triad_report_group_count(r, TRIAD_LEVEL_COLLABORATIVE), g);
    triad_report_free(r);
    triad_plan_free(gov);
    triad_plan_free(heads);
    triad_schools_free(s);
}

static void test_mirror(void)
{
    triad_schools *s = NULL;
    triad_plan *heads = heads_of(&s), *gov = NULL;
    triad_governor_options go;
    triad_governor_options_init(&go);
    go.mirror = 1;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_governors_solve(s, heads, NULL, &go, &gov, &err), TRIAD_OK);
    size_t n = triad_schools_count(s), alone = 0;
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(triad_plan_collaborative_of(gov, i) >= 0, trained(s, i));
        size_t peers = 0;
        for (size_t j = 0; j < n; j++) {
            int same_heads = j != i && triad_plan_triad_of(heads, i) == triad_plan_triad_of(heads, j);
            int same_gov = j != i && triad_plan_collaborative_of(gov, i) >= 0 &&
                           triad_plan_collaborative_of(gov, i) == triad_plan_collaborative_of(gov, j);
            CU_ASSERT_EQUAL(same_gov, same_heads && trained(s, i) && trained(s, j));
            peers += same_gov;
        }
        alone += trained(s, i) && peers == 0;
    }
    /* each trained school without a trained partner is said */
    size_t said = 0;
    for (const char *l = strstr(triad_plan_solver_log(gov), "has one school with governors");
         l; l = strstr(l + 1, "has one school with governors"))
        said++;
    CU_ASSERT_EQUAL(said, alone);
    triad_plan_free(gov);
    triad_plan_free(heads);
    triad_schools_free(s);
}

static void test_refused(void)
{
    triad_schools *s = test_read_schools(EXAMPLE("surrey-936-gias-2021-05.csv"));
    triad_plan *p = NULL, *gov = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_solve(s, NULL, NULL, &p, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_governors_solve(s, p, NULL, NULL, &gov, &err), TRIAD_ERR_MISSING_COLUMN);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "governors_trained"));
    for (size_t i = 0; i < triad_schools_count(s); i++)
        triad_schools_set_number(s, i, TRIAD_FIELD_GOVERNORS, i < 2 ? 1 : 0, &err);
    CU_ASSERT_EQUAL(triad_governors_solve(s, p, NULL, NULL, &gov, &err), TRIAD_ERR_INFEASIBLE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "2 schools of the plan have governors trained"));
    CU_ASSERT_PTR_NULL(gov);
    triad_plan_free(p);
    triad_schools_free(s);
}

void register_governors_tests(void)
{
    CU_pSuite s = CU_add_suite("governors", NULL, NULL);
    CU_add_test(s, "across collaboratives", test_across);
    CU_add_test(s, "mirror the heads' triads", test_mirror);
    CU_add_test(s, "refusals", test_refused);
}
