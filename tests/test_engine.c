/* The optimisation engines against brute force and recomputation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve/partition.h"
#include "solve/rng.h"
#include "solve/triads.h"
#include "test_util.h"

/* A random partition problem with every kind of term switched on. */
typedef struct gen_problem {
    partition_problem pp;
    int size[8], cell[60 * 3], trust[60], must[4], cannot[4];
    double cat_weight[3], cell_total[12], value[60], num_weight[1], num_mean[1];
    unsigned char elig[60];
    size_t must_start[61], cannot_start[61];
    int home[60], near[60 * 60];
    double px[60], py[60];
    size_t near_start[61];
    unsigned char need[60];
} gen_problem;

static void generate(gen_problem *g, uint64_t seed)
{
    rng r;
    rng_seed(&r, seed);
    memset(g, 0, sizeof *g);
    size_t n = 60, k = 7;
    for (size_t q = 0; q < k; q++)
        g->size[q] = (int)(n / k + (q < n % k));
    size_t ncat[3] = {5, 4, 3}, off[3] = {0, 5, 9};
    for (size_t i = 0; i < n; i++) {
        for (size_t a = 0; a < 3; a++) {
            int c = (int)(off[a] + rng_below(&r, (uint32_t)ncat[a]));
            g->cell[i * 3 + a] = c;
            g->cell_total[c] += 1;
        }
        g->value[i] = rng_unit(&r) * 3;
        g->num_mean[0] += g->value[i] / (double)n;
        g->trust[i] = rng_below(&r, 3) ? -1 : (int)rng_below(&r, 4);
        g->elig[i] = rng_below(&r, 4) == 0;
    }
    for (size_t a = 0; a < 3; a++)
        g->cat_weight[a] = 1.0 + (double)a;
    g->num_weight[0] = 0.5;
    /* must: 0-1, cannot: 2-3 (symmetric CSR) */
    for (size_t i = 0; i < n; i++) {
        g->must_start[i + 1] = g->must_start[i] + (i == 0 || i == 1);
        g->cannot_start[i + 1] = g->cannot_start[i] + (i == 2 || i == 3);
    }
    g->must[0] = 1;
    g->must[1] = 0;
    g->cannot[0] = 3;
    g->cannot[1] = 2;
    partition_problem *pp = &g->pp;
    pp->n = n;
    pp->k = k;
    pp->size = g->size;
    pp->ncat_attrs = 3;
    pp->ncells = 12;
    pp->cell = g->cell;
    pp->cat_weight = g->cat_weight;
    pp->cell_total = g->cell_total;
    pp->nnum = 1;
    pp->value = g->value;
    pp->num_weight = g->num_weight;
    pp->num_mean = g->num_mean;
    pp->trust = g->trust;
    pp->ntrust = 4;
    pp->trust_cap = 1;
    pp->elig = g->elig;
    pp->must_start = g->must_start;
    pp->must = g->must;
    pp->cannot_start = g->cannot_start;
    pp->cannot = g->cannot;
    /* continuity, compactness and both travel limits */
    for (size_t i = 0; i < n; i++) {
        g->home[i] = rng_below(&r, 5) ? (int)rng_below(&r, (uint32_t)k) : -1;
        g->px[i] = rng_unit(&r) * 20;
        g->py[i] = rng_unit(&r) * 20;
        g->need[i] = (unsigned char)(rng_below(&r, 6) ? 2 : 0);
    }
    size_t e = 0;
    for (size_t i = 0; i < n; i++) {
        g->near_start[i] = e;
        for (size_t j2 = 0; j2 < n; j2++)
            if (j2 != i && hypot(g->px[i] - g->px[j2], g->py[i] - g->py[j2]) <= 6.0)
                g->near[e++] = (int)j2;
    }
    g->near_start[n] = e;
    pp->home = g->home;
    pp->move_weight = 1.5;
    pp->stay_quota = 30;
    pp->px = g->px;
    pp->py = g->py;
    pp->local_weight = 0.3;
    pp->max_km = 15;
    pp->near_start = g->near_start;
    pp->near = g->near;
    pp->near_need = g->need;
}

static void initial(const gen_problem *g, int *group)
{
    size_t i = 0;
    for (size_t q = 0; q < g->pp.k; q++)
        for (int t = 0; t < g->size[q]; t++)
            group[i++] = (int)q;
}

static void test_incremental_deltas(void)
{
    for (uint64_t seed = 1; seed <= 5; seed++) {
        gen_problem g;
        generate(&g, seed);
        int group[60];
        initial(&g, group);
        double worst = partition_check_deltas(&g.pp, group, seed, 3000);
        CU_ASSERT(worst >= 0 && worst < 1e-6);
    }
}

static void test_improve_keeps_sizes_and_cost(void)
{
    gen_problem g;
    generate(&g, 11);
    /* only the links among the hard terms: a random 20 km square cannot
     * also meet the travel limits, and the links must win here */
    g.pp.max_km = 0;
    g.pp.near_start = NULL;
    g.pp.stay_quota = 0;
    int group[60];
    initial(&g, group);
    double before = partition_cost(&g.pp, group);
    partition_budget b = {.moves = 200000, .deadline = 0, .cancel = NULL};
    double after = partition_improve(&g.pp, group, 5, &b);
    CU_ASSERT(after >= 0);
    CU_ASSERT(after < before);
    CU_ASSERT_DOUBLE_EQUAL(after, partition_cost(&g.pp, group), 1e-6);
    int count[8] = {0};
    for (int i = 0; i < 60; i++)
        count[group[i]]++;
    for (size_t q = 0; q < g.pp.k; q++)
        CU_ASSERT_EQUAL(count[q], g.size[q]);
    CU_ASSERT_EQUAL(group[0], group[1]);    /* must-link */
    CU_ASSERT_NOT_EQUAL(group[2], group[3]); /* cannot-link */
}

/* --------------------------------------------------------------- triads */

typedef struct tri_gen {
    triads_problem tp;
    int tsize[4], cell[12 * 2], trust[12];
    unsigned char concern[12];
    double cat_weight[2], frac[8], frac_sq[2], km[144];
} tri_gen;

static void tri_generate(tri_gen *t, size_t m, uint64_t seed)
{
    rng r;
    rng_seed(&r, seed);
    memset(t, 0, sizeof *t);
    size_t q = m / 3;
    if ((m + q - 1) / q > 4)
        q++;
    for (size_t k = 0; k < q; k++)
        t->tsize[k] = (int)(m / q + (k < m % q));
    for (size_t c = 0; c < 8; c++)
        t->frac[c] = c < 5 ? 0.2 : 1.0 / 3;
    t->frac_sq[0] = 5 * 0.04;
    t->frac_sq[1] = 3.0 / 9;
    double x[12], y[12];
    for (size_t i = 0; i < m; i++) {
        t->cell[i * 2] = (int)rng_below(&r, 5);
        t->cell[i * 2 + 1] = 5 + (int)rng_below(&r, 3);
        t->trust[i] = rng_below(&r, 2) ? -1 : (int)rng_below(&r, 2);
        t->concern[i] = rng_below(&r, 3) == 0;
        x[i] = rng_unit(&r) * 20;
        y[i] = rng_unit(&r) * 20;
    }
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < m; j++)
            t->km[i * m + j] = hypot(x[i] - x[j], y[i] - y[j]);
    t->cat_weight[0] = 1;
    t->cat_weight[1] = 0.7;
    triads_problem *tp = &t->tp;
    tp->m = m;
    tp->ntriads = q;
    tp->tsize = t->tsize;
    tp->ncat_attrs = 2;
    tp->cell = t->cell;
    tp->cat_weight = t->cat_weight;
    tp->cell_frac = t->frac;
    tp->ncells = 8;
    tp->frac_sq = t->frac_sq;
    tp->trust = t->trust;
    tp->trust_cap = 1;
    tp->concern = t->concern;
    tp->km = t->km;
    tp->max_km = 15;
    tp->km_weight = 0.01;
}

/* Every labelled assignment of schools to triads of the given sizes. */
static void brute(const triads_problem *tp, int *assign, size_t i, int *room, double *best)
{
    if (i == tp->m) {
        double c = 0;
        int mem[12];
        for (size_t t = 0; t < tp->ntriads; t++) {
            size_t n = 0;
            for (size_t q = 0; q < tp->m; q++)
                if (assign[q] == (int)t)
                    mem[n++] = (int)q;
            c += triads_cost_of(tp, mem, n);
        }
        if (c < *best)
            *best = c;
        return;
    }
    for (size_t t = 0; t < tp->ntriads; t++) {
        if (!room[t])
            continue;
        room[t]--;
        assign[i] = (int)t;
        brute(tp, assign, i + 1, room, best);
        room[t]++;
    }
}

static void test_triads_exact_equals_enumeration(void)
{
    size_t sizes[] = {6, 7, 8, 9};
    for (size_t k = 0; k < 4; k++)
        for (uint64_t seed = 1; seed <= 4; seed++) {
            tri_gen t;
            tri_generate(&t, sizes[k], seed * 31 + k);
            int out[12], assign[12], room[4];
            double got = triads_solve(&t.tp, out);
            for (size_t q = 0; q < t.tp.ntriads; q++)
                room[q] = t.tsize[q];
            double best = INFINITY;
            brute(&t.tp, assign, 0, room, &best);
            CU_ASSERT_DOUBLE_EQUAL(got, best, 1e-9);
            /* and out[] is a partition of that cost with the right sizes */
            double c = 0;
            int mem[12];
            for (size_t q = 0; q < t.tp.ntriads; q++) {
                size_t n = 0;
                for (size_t i = 0; i < t.tp.m; i++)
                    if (out[i] == (int)q)
                        mem[n++] = (int)i;
                CU_ASSERT_EQUAL((int)n, t.tsize[q]);
                c += triads_cost_of(&t.tp, mem, n);
            }
            CU_ASSERT_DOUBLE_EQUAL(c, got, 1e-9);
        }
}

void register_engine_tests(void)
{
    CU_pSuite s = CU_add_suite("engine", NULL, NULL);
    CU_add_test(s, "incremental swap deltas equal recomputation", test_incremental_deltas);
    CU_add_test(s, "annealing keeps sizes, links, reported cost", test_improve_keeps_sizes_and_cost);
    CU_add_test(s, "exact triads equal brute-force enumeration",
                test_triads_exact_equals_enumeration);
}

/* ------------------------------------------------------------------ ILP */

#include "solve/ilp.h"

static void test_ilp_triads_equal_enumeration(void)
{
    size_t sizes[] = {6, 7, 8, 9};
    for (size_t k = 0; k < 4; k++)
        for (uint64_t seed = 1; seed <= 3; seed++) {
            tri_gen t;
            tri_generate(&t, sizes[k], seed * 17 + k);
            int out[12], assign[12], room[4];
            ilp_result res;
            triad_error err;
            CU_ASSERT_EQUAL_FATAL(ilp_triads(&t.tp, out, 30, NULL, &res, &err), TRIAD_OK);
            CU_ASSERT_STRING_EQUAL(res.status, "optimal");
            for (size_t q = 0; q < t.tp.ntriads; q++)
                room[q] = t.tsize[q];
            double best = INFINITY;
            brute(&t.tp, assign, 0, room, &best);
            CU_ASSERT_DOUBLE_EQUAL(res.objective, best, 1e-6);
            /* the assignment it returns has that cost */
            double c = 0;
            int mem[12];
            for (size_t q = 0; q < t.tp.ntriads; q++) {
                size_t n = 0;
                for (size_t i = 0; i < t.tp.m; i++)
                    if (out[i] == (int)q)
                        mem[n++] = (int)i;
                c += triads_cost_of(&t.tp, mem, n);
            }
            CU_ASSERT_DOUBLE_EQUAL(c, best, 1e-6);
        }
}

/* Every assignment of n items to k groups with sizes within one, respecting
 * links, trust cap and eligibility; the least ILP objective. */
static void enum_partition(const partition_problem *pp, int *g, size_t i, int *size,
                           double *best)
{
    size_t n = pp->n, k = pp->k, lo = n / k, hi = (n + k - 1) / k;
    if (i == n) {
        for (size_t q = 0; q < k; q++)
            if ((size_t)size[q] < lo)
                return;
        int tc[8][8] = {{0}}, el[8] = {0};
        for (size_t a = 0; a < n; a++) {
            if (pp->trust[a] >= 0 && ++tc[g[a]][pp->trust[a]] > pp->trust_cap)
                return;
            el[g[a]] += pp->elig[a];
        }
        for (size_t q = 0; q < k; q++)
            if (!el[q])
                return;
        for (size_t a = 0; a < n; a++) {
            for (size_t e = pp->must_start[a]; e < pp->must_start[a + 1]; e++)
                if (g[pp->must[e]] != g[a])
                    return;
            for (size_t e = pp->cannot_start[a]; e < pp->cannot_start[a + 1]; e++)
                if (g[pp->cannot[e]] == g[a])
                    return;
        }
        double obj = ilp_partition_objective(pp, g);
        if (obj < *best)
            *best = obj;
        return;
    }
    for (size_t q = 0; q < k; q++) {
        if ((size_t)size[q] >= hi)
            continue;
        g[i] = (int)q;
        size[q]++;
        enum_partition(pp, g, i + 1, size, best);
        size[q]--;
    }
}

static void test_ilp_partition_equals_enumeration(void)
{
    for (uint64_t seed = 1; seed <= 4; seed++) {
        gen_problem g;
        generate(&g, seed);
        /* shrink to 10 items in 3 groups (sizes 4/3/3): 3^10 leaves */
        partition_problem pp = g.pp;
        pp.n = 10;
        pp.k = 3;
        int size3[3] = {4, 3, 3};
        pp.size = size3;
        double total[12] = {0};
        for (size_t i = 0; i < pp.n; i++)
            for (size_t a = 0; a < 3; a++)
                total[g.cell[i * 3 + a]] += 1;
        pp.cell_total = total;
        unsigned char elig[10];
        for (int i = 0; i < 10; i++)
            elig[i] = i % 3 == 0; /* 0, 3, 6, 9 */
        pp.elig = elig;
        /* must: 1-2-4 together (forces imbalance), cannot: 0-3 */
        size_t ms[11] = {0}, cs[11] = {0};
        int must[6] = {2, 4, 1, 4, 1, 2}, cannot[2] = {3, 0};
        size_t mdeg[10] = {0, 2, 2, 0, 2, 0, 0, 0, 0, 0}, cdeg[10] = {1, 0, 0, 1, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < 10; i++) {
            ms[i + 1] = ms[i] + mdeg[i];
            cs[i + 1] = cs[i] + cdeg[i];
        }
        pp.must_start = ms;
        pp.must = must;
        pp.cannot_start = cs;
        pp.cannot = cannot;
        int grp[10], sz[3] = {0};
        double best = INFINITY;
        enum_partition(&pp, grp, 0, sz, &best);
        CU_ASSERT_FATAL(best < INFINITY);
        ilp_result res;
        triad_error err;
        CU_ASSERT_EQUAL_FATAL(ilp_partition(&pp, grp, 0, 30, NULL, &res, &err), TRIAD_OK);
        CU_ASSERT_STRING_EQUAL(res.status, "optimal");
        CU_ASSERT_DOUBLE_EQUAL(res.objective, best, 1e-6);
        CU_ASSERT_DOUBLE_EQUAL(ilp_partition_objective(&pp, grp), best, 1e-6);
        CU_ASSERT_EQUAL(grp[1], grp[2]);
        CU_ASSERT_EQUAL(grp[1], grp[4]);
        CU_ASSERT_NOT_EQUAL(grp[0], grp[3]);
    }
}

static void test_glpk_failure_is_an_error(void)
{
    triad_error err;
    triad_error_clear(&err);
    CU_ASSERT_EQUAL(ilp_provoke_glpk_error(&err), TRIAD_ERR_INTERNAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "GLPK failed"));
    /* GLPK still works afterwards in this thread */
    tri_gen t;
    tri_generate(&t, 6, 3);
    int out[12];
    ilp_result res;
    CU_ASSERT_EQUAL(ilp_triads(&t.tp, out, 10, NULL, &res, &err), TRIAD_OK);
    CU_ASSERT_STRING_EQUAL(res.status, "optimal");
}

void register_ilp_tests(void)
{
    CU_pSuite s = CU_add_suite("ilp", NULL, NULL);
    CU_add_test(s, "triad set partitioning equals enumeration", test_ilp_triads_equal_enumeration);
    CU_add_test(s, "partition ILP equals enumeration", test_ilp_partition_equals_enumeration);
    CU_add_test(s, "a GLPK failure returns an error", test_glpk_failure_is_an_error);
}
