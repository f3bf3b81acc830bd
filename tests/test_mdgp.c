/* The MDGP engine: optimum on an enumerable instance, objective and bounds
 * of what it returns. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/mdgp_impl.h"
#include "test_util.h"

/* Best objective over every assignment respecting the bounds. */
static void enumerate(const triad_mdgp *g, int *grp, int *count, size_t i, double *best)
{
    if (i == g->n) {
        for (size_t k = 0; k < g->m; k++)
            if (count[k] < g->lo[k])
                return;
        double obj;
        if (triad_mdgp_evaluate(g, grp, &obj, NULL) == TRIAD_OK && obj > *best)
            *best = obj;
        return;
    }
    for (size_t k = 0; k < g->m; k++) {
        if (count[k] >= g->up[k])
            continue;
        grp[i] = (int)k;
        count[k]++;
        enumerate(g, grp, count, i + 1, best);
        count[k]--;
    }
}

static void test_small_instance_optimum(void)
{
    triad_mdgp *g = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_mdgp_read(DATA("mdgp-small.txt"), &g, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_mdgp_elements(g), 12);
    CU_ASSERT_EQUAL(triad_mdgp_groups(g), 3);
    int grp[12], count[3] = {0};
    double best = -INFINITY;
    enumerate(g, grp, count, 0, &best); /* 3^12 = 531441 leaves */
    triad_mdgp_options o;
    triad_mdgp_options_init(&o);
    o.seconds = 0;
    o.max_iterations = 20000;
    double obj = 0;
    CU_ASSERT_EQUAL_FATAL(triad_mdgp_solve(g, &o, grp, &obj, &err), TRIAD_OK);
    if (fabs(obj - best) > 1e-6)
        fprintf(stderr, "\n  tabu %.3f, enumeration %.3f\n", obj, best);
    CU_ASSERT_DOUBLE_EQUAL(obj, best, 1e-6);
    double again;
    CU_ASSERT_EQUAL(triad_mdgp_evaluate(g, grp, &again, &err), TRIAD_OK);
    CU_ASSERT_DOUBLE_EQUAL(again, obj, 1e-9);
    int size[3] = {0};
    for (int i = 0; i < 12; i++)
        size[grp[i]]++;
    for (int k = 0; k < 3; k++)
        CU_ASSERT(size[k] >= g->lo[k] && size[k] <= g->up[k]);
    triad_mdgp_free(g);
}

/* Same seed and iteration budget, same answer. */
static void test_reproducible(void)
{
    triad_mdgp *g = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_mdgp_read(DATA("mdgp-small.txt"), &g, &err), TRIAD_OK);
    triad_mdgp_options o;
    triad_mdgp_options_init(&o);
    o.seconds = 0;
    o.max_iterations = 3000;
    o.seed = 9;
    int a[12], b[12];
    double oa, ob;
    CU_ASSERT_EQUAL(triad_mdgp_solve(g, &o, a, &oa, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(triad_mdgp_solve(g, &o, b, &ob, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(memcmp(a, b, sizeof a), 0);
    /* an infeasible assignment is refused by evaluate */
    a[0] = 7;
    CU_ASSERT_EQUAL(triad_mdgp_evaluate(g, a, &oa, &err), TRIAD_ERR_INFEASIBLE);
    triad_mdgp_free(g);
}

void register_mdgp_tests(void)
{
    CU_pSuite s = CU_add_suite("mdgp", NULL, NULL);
    CU_add_test(s, "optimum of an enumerable instance", test_small_instance_optimum);
    CU_add_test(s, "reproducible for a seed and iteration budget", test_reproducible);
}
