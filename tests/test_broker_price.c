/* Issue 32: the bound by columns (lib/broker/broker_price.c). On random
 * markets of several areas with both caps binding, priced to the end from
 * an empty plan, its bound lies between the optimum (the broker proves it
 * on markets this small, and test_broker.c checks the broker's optimum
 * against brute force) and the LP relaxation of the capped model (a bound
 * by columns is never weaker). A pricing that missed a school's best
 * choice would fall below the optimum; one that priced a choice beyond the
 * caps would rise above the relaxation. The dive's pairs keep both caps. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "solve/glpk_guard.h"
#include "solve/rng.h"
#include "test_util.h"

#define NSCH 12

/* The LP relaxation of the capped model (y in [0, 1]). */
static double capped_relaxation(const triad_schools *s, const triad_market *m, const broker_arcs *g,
                                const triad_broker_options *o)
{
    glpk_guard guard;
    glpk_enter(&guard);
    if (setjmp(guard.jump)) {
        CU_FAIL("GLPK failed");
        return NAN;
    }
    glp_prob *P = glp_create_prob();
    broker_model_build(P, s, m, g, 0);
    broker_model_add_caps(P, s, m, g, o, 0, 0);
    glp_smcp lp;
    glp_init_smcp(&lp);
    lp.msg_lev = GLP_MSG_OFF;
    int ok = glp_simplex(P, &lp) == 0 && glp_get_status(P) == GLP_OPT;
    double v = ok ? glp_get_obj_val(P) : NAN;
    glp_delete_prob(P);
    glpk_leave(&guard);
    return v;
}

/* The columns' bound and dive on market m; 1 when the dive gave pairs. */
static int price(broker_price *c, const broker_arcs *g, double *bound, unsigned char *open)
{
    double *x = calloc(g->na + 1, sizeof *x);
    CU_ASSERT_FATAL(x != NULL);
    glpk_guard guard;
    glpk_enter(&guard);
    if (setjmp(guard.jump)) {
        CU_FAIL("GLPK failed");
        free(x);
        return 0;
    }
    broker_work work = {INFINITY, 0, 0, 0};
    int planned = broker_price_run(c, x, &work, -1, 1, bound, open);
    CU_ASSERT_FALSE(work.out_of_time);
    glpk_leave(&guard);
    free(x);
    return planned;
}

/* Both caps on the dive's pairs: at most K a school, max_schools a
 * supporter. */
static void check_caps(const broker_arcs *g, const unsigned char *open, int K)
{
    size_t per_sch[NSCH] = {0}, per_sup[NSCH] = {0};
    for (size_t p = 0; p < g->np; p++)
        if (open[p]) {
            per_sch[g->pr[p].sch]++;
            per_sup[g->pr[p].sup]++;
        }
    for (size_t i = 0; i < NSCH; i++) {
        CU_ASSERT(per_sch[i] <= (size_t)K);
        CU_ASSERT(g->max_sch[i] <= 0 || per_sup[i] <= (size_t)g->max_sch[i]);
    }
}

static int check_market(const triad_schools *s, const triad_market *m, int K)
{
    triad_broker_options o;
    triad_broker_options_init(&o);
    o.max_supporters = K;
    o.time_limit = 60;
    triad_error err;
    triad_brokerage *b = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &b, &err), TRIAD_OK);
    CU_ASSERT_STRING_EQUAL(b->status, "optimal");
    double best = b->objective;
    triad_brokerage_free(b);
    broker_arcs g;
    CU_ASSERT_EQUAL_FATAL(broker_arcs_build(&g, s, NULL, m, &o, &err), TRIAD_OK);
    broker_price *c = broker_price_new(m, &g, &o, NSCH);
    CU_ASSERT_FATAL(c != NULL);
    unsigned char *open = calloc(g.np + 1, 1);
    double bound = NAN, relax = capped_relaxation(s, m, &g, &o);
    CU_ASSERT_FATAL(open != NULL);
    int planned = price(c, &g, &bound, open);
    CU_ASSERT(bound >= best - 1e-6);
    CU_ASSERT(bound <= relax + 1e-6);
    if (planned)
        check_caps(&g, open, K);
    int tighter = (bound < relax - 1e-6) + 2 * planned;
    free(open);
    broker_price_free(c);
    broker_arcs_free(&g);
    return tighter;
}

static void test_price_bound_random(void)
{
    triad_schools *s = test_twelve_schools();
    triad_error err;
    rng r;
    rng_seed(&r, 34);
    int markets = 0, tighter = 0, dived = 0;
    for (int trial = 0; trial < 40; trial++) {
        triad_market *m = NULL;
        if (test_random_market(s, &r, 1, 3, &m, &err) != TRIAD_OK)
            continue; /* a trial with no offer or no need */
        int t = check_market(s, m, 1 + (int)rng_below(&r, 2));
        tighter += t & 1;
        dived += t >> 1;
        markets++;
        triad_market_free(m);
    }
    CU_ASSERT(markets >= 30);
    CU_ASSERT(dived >= markets / 2); /* the caps were checked on most dives */
    printf("(%d markets, %d dives, bound tighter than the relaxation on %d) ", markets, dived,
           tighter);
    triad_schools_free(s);
}

/* Out of reach: K = 3, or matches under way; the caller keeps the MIP. */
static void test_price_out_of_reach(void)
{
    triad_broker_options o;
    triad_broker_options_init(&o);
    o.max_supporters = 3;
    broker_arcs g = {0};
    triad_market m = {0};
    CU_ASSERT_PTR_NULL(broker_price_new(&m, &g, &o, 0));
}

void register_broker_price_tests(void)
{
    CU_pSuite s = CU_add_suite("broker price", NULL, NULL);
    CU_add_test(s, "bound by columns between the optimum and the relaxation",
                test_price_bound_random);
    CU_add_test(s, "bound by columns: out of reach said by NULL", test_price_out_of_reach);
}
