/* Issue 32: supporters chosen school by school (lib/broker/broker_pairs.c),
 * the heuristic that starts the capped model's search. On random markets of
 * several areas it keeps every rule, and it stops only where no school can
 * do better alone: for each needing school, every set of at most K
 * supporters is tried by brute force against what the other schools leave.
 * The broker's answer never meets fewer weighted days than it. With
 * matches under way, their days and pairs are kept. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "solve/rng.h"
#include "test_util.h"

#define NSCH 12

/* Weighted days school sch could get from the supporters in mask (bit a:
 * supporter school a), given left[] per offer. */
static double could_get(const triad_market *m, size_t sch, unsigned mask, const double *left)
{
    double v = 0;
    for (size_t d = 0; d < m->nneeds; d++) {
        if (m->needs[d].school != sch)
            continue;
        double have = 0;
        for (size_t q = 0; q < m->noffers; q++)
            if ((mask >> m->offers[q].school & 1u) && m->offers[q].area == m->needs[d].area &&
                m->offers[q].school != sch)
                have += left[q];
        v += m->needs[d].priority * fmin(m->needs[d].days, have);
    }
    return v;
}

/* Every rule of a choice x: days within offers and needs, days only on
 * open pairs, at most K supporters a school. used_offer[] receives each
 * offer's days; returns the weighted days. */
static double check_rules(const triad_market *m, const broker_arcs *g, const double *x,
                          const unsigned char *open, int K, double *used_offer)
{
    double used_need[64] = {0}, value = 0;
    unsigned sup_of[NSCH] = {0};
    for (size_t k = 0; k < g->na; k++) {
        CU_ASSERT(x[k] >= 0);
        if (x[k] <= 0)
            continue;
        CU_ASSERT(open[g->a[k].pair]);
        used_offer[g->a[k].offer] += x[k];
        used_need[g->a[k].need] += x[k];
        sup_of[g->pr[g->a[k].pair].sch] |= 1u << g->pr[g->a[k].pair].sup;
        value += g->a[k].weight * x[k];
    }
    for (size_t q = 0; q < m->noffers; q++)
        CU_ASSERT(used_offer[q] <= m->offers[q].days + 1e-9);
    for (size_t d = 0; d < m->nneeds; d++)
        CU_ASSERT(used_need[d] <= m->needs[d].days + 1e-9);
    for (size_t i = 0; i < NSCH; i++)
        CU_ASSERT(__builtin_popcount(sup_of[i]) <= K);
    return value;
}

static void check_market(const triad_schools *s, const triad_market *m, int K, int seed)
{
    triad_broker_options o;
    triad_broker_options_init(&o);
    o.max_supporters = K;
    broker_arcs g;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(broker_arcs_build(&g, s, NULL, m, &o, &err), TRIAD_OK);
    double *x = calloc(g.na + 1, sizeof *x);
    unsigned char *open = calloc(g.np + 1, 1);
    CU_ASSERT_FATAL(x && open);
    CU_ASSERT_EQUAL_FATAL(broker_pick_pairs(m, &g, &o, NSCH, INFINITY, x, open), 1);
    double used_offer[64] = {0}, value = check_rules(m, &g, x, open, K, used_offer);
    /* no school can do better alone: brute force over every set of at most
     * K supporters against what the others leave */
    for (size_t i = 0; i < NSCH; i++) {
        double left[64], mine = 0;
        for (size_t q = 0; q < m->noffers; q++)
            left[q] = m->offers[q].days - used_offer[q];
        for (size_t k = 0; k < g.na; k++)
            if (g.pr[g.a[k].pair].sch == i) {
                left[g.a[k].offer] += x[k];
                mine += g.a[k].weight * x[k];
            }
        double best = 0;
        for (unsigned mask = 0; mask < 1u << NSCH; mask++)
            if (__builtin_popcount(mask) <= K && !(mask >> i & 1u))
                best = fmax(best, could_get(m, i, mask, left));
        if (mine < best - 1e-6)
            fprintf(stderr, "\n  seed %d, school %zu: %.2f, alone it could get %.2f\n", seed, i,
                    mine, best);
        CU_ASSERT(mine >= best - 1e-6);
    }
    /* the broker starts from it, so meets at least as many weighted days */
    triad_brokerage *b = NULL;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &b, &err), TRIAD_OK);
    double days = 0;
    for (size_t k = 0; k < b->nmatch; k++)
        days += m->needs[b->m[k].need].priority * b->m[k].days;
    CU_ASSERT(days >= value - 1e-6);
    triad_brokerage_free(b);
    free(x);
    free(open);
    broker_arcs_free(&g);
}

/* With matches under way (the broker's own answer for the same market),
 * the choice keeps at least their days on their arcs, keeps their pairs
 * open, and every rule still holds. */
static void check_with_under_way(const triad_schools *s, const triad_market *m, int K)
{
    triad_broker_options o;
    triad_broker_options_init(&o);
    o.max_supporters = K;
    triad_brokerage *u = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_broker(s, NULL, m, &o, &u, &err), TRIAD_OK);
    o.under_way = u;
    broker_arcs g;
    triad_brokerage *shell = brokerage_new(s, m, &o);
    CU_ASSERT_FATAL(shell != NULL);
    CU_ASSERT_EQUAL_FATAL(broker_arcs_build(&g, s, NULL, m, &o, &err), TRIAD_OK);
    CU_ASSERT_EQUAL_FATAL(broker_keep_under_way(&g, s, m, &o, shell, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(shell->nwarn, 0); /* the same market: every match kept */
    double *x = calloc(g.na + 1, sizeof *x);
    unsigned char *open = calloc(g.np + 1, 1);
    CU_ASSERT_FATAL(x && open);
    CU_ASSERT_EQUAL_FATAL(broker_pick_pairs(m, &g, &o, NSCH, INFINITY, x, open), 1);
    double used_offer[64] = {0};
    check_rules(m, &g, x, open, K, used_offer);
    for (size_t k = 0; k < g.na; k++) {
        CU_ASSERT(x[k] >= g.lo[k] - 1e-9);
        if (g.forced[g.a[k].pair])
            CU_ASSERT(open[g.a[k].pair]);
    }
    free(x);
    free(open);
    broker_arcs_free(&g);
    triad_brokerage_free(shell);
    triad_brokerage_free(u);
}

static void test_pick_pairs_random(void)
{
    triad_schools *s = test_twelve_schools();
    triad_error err;
    rng r;
    rng_seed(&r, 32);
    for (int trial = 0; trial < 30; trial++) {
        triad_market *m = NULL;
        if (test_random_market(s, &r, 0, 2, &m, &err) != TRIAD_OK)
            continue; /* a trial with no offer or no need */
        int K = 1 + (int)rng_below(&r, 3);
        check_market(s, m, K, trial);
        check_with_under_way(s, m, K);
        triad_market_free(m);
    }
    triad_schools_free(s);
}

void register_broker_pick_tests(void)
{
    CU_pSuite s = CU_add_suite("broker pick", NULL, NULL);
    CU_add_test(s, "supporters chosen school by school: rules, no school better alone",
                test_pick_pairs_random);
}
