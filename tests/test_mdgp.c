/* The MDGP engine: optimum on an enumerable instance, objective and bounds
 * of what it returns. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/mdgp_impl.h"
#include "solve/size_profile.h"
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

/* The largest sum of squares of group sizes within the bounds that add up
 * to n (-1 if none): a knapsack over running totals, group by group. */
static long most_pairs(const int *lo, const int *up, int m, int n)
{
    long *best = malloc((size_t)(n + 1) * sizeof *best),
         *next = malloc((size_t)(n + 1) * sizeof *next);
    CU_ASSERT_PTR_NOT_NULL_FATAL(best);
    CU_ASSERT_PTR_NOT_NULL_FATAL(next);
    for (int t = 0; t <= n; t++)
        best[t] = t == 0 ? 0 : -1;
    for (int k = 0; k < m; k++) {
        for (int t = 0; t <= n; t++)
            next[t] = -1;
        for (int t = 0; t <= n; t++)
            for (int z = lo[k]; best[t] >= 0 && z <= up[k] && t + z <= n; z++)
                if (best[t] + (long)z * z > next[t + z])
                    next[t + z] = best[t] + (long)z * z;
        long *x = best;
        best = next;
        next = x;
    }
    long r = best[n];
    free(best);
    free(next);
    return r;
}

/* An instance with every distance 1 and the bounds lo[k] up[k] of m groups. */
static triad_mdgp *unit_distance_instance(const int *lo, const int *up, int m, int n)
{
    size_t cap = 64 + (size_t)m * 16 + (size_t)n * n * 12, len = 0;
    char *text = malloc(cap);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    len += (size_t)snprintf(text + len, cap - len, "%d %d ds", n, m);
    for (int k = 0; k < m; k++)
        len += (size_t)snprintf(text + len, cap - len, " %d %d", lo[k], up[k]);
    len += (size_t)snprintf(text + len, cap - len, "\n");
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            len += (size_t)snprintf(text + len, cap - len, "%d %d 1\n", i, j);
    triad_mdgp *g = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(triad_mdgp_read_buffer(text, len, "unit distances", &g, &err), TRIAD_OK);
    free(text);
    return g;
}

/* Unit distances on the bounds of MDGPLIB's Geo_n120_ds_01 (120 elements,
 * 10 groups), which it also writes into lo and up. */
static triad_mdgp *geo120_unit_instance(int *lo, int *up)
{
    static const int bounds[] = {9, 14, 10, 15, 11, 16, 8,  16, 10, 12,
                                 8, 14, 12, 13, 8,  13, 10, 12, 12, 16};
    for (int k = 0; k < 10; k++) {
        lo[k] = bounds[2 * k];
        up[k] = bounds[2 * k + 1];
    }
    return unit_distance_instance(lo, up, 10, 120);
}

/* With every distance 1 the objective counts within-group pairs, so the
 * best solution has the size profile with the most pairs. The bounds of
 * MDGPLIB's Geo_n120_ds_01: filling the largest group first gives 1530 as the
 * sum of squares, the best profile 1546, and single moves do not get from
 * one to the other (the engine before the profile was computed ended at 709
 * pairs instead of 713 on these seeds, even with 10 times the budget). */
static void test_best_size_profile(void)
{
    enum { N = 120, M = 10 };
    int lo[M], up[M];
    triad_mdgp *g = geo120_unit_instance(lo, up);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    triad_error err;
    long sq = most_pairs(lo, up, M, N);
    CU_ASSERT_EQUAL(sq, 1546);
    triad_mdgp_options o;
    triad_mdgp_options_init(&o);
    o.seconds = 0;
    o.max_iterations = 2000;
    int grp[N];
    for (uint64_t seed = 1; seed <= 3; seed++) {
        o.seed = seed;
        double obj;
        CU_ASSERT_EQUAL_FATAL(triad_mdgp_solve(g, &o, grp, &obj, &err), TRIAD_OK);
        CU_ASSERT_DOUBLE_EQUAL(obj, (double)(sq - N) / 2, 1e-9);
    }
    triad_mdgp_free(g);
}

/* An instance of n elements in m groups, every group within [lo, up], with
 * distances from a fixed pseudo-random sequence: `levels` distinct values
 * (many ties) or, with levels 0, reals in [0, 100). */
static triad_mdgp *random_instance(int n, int m, int lo, int up, unsigned levels, uint32_t x)
{
    size_t cap = 64 + (size_t)m * 16 + (size_t)n * n * 24, len = 0;
    char *text = malloc(cap);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    len += (size_t)snprintf(text + len, cap - len, "%d %d ds", n, m);
    for (int k = 0; k < m; k++)
        len += (size_t)snprintf(text + len, cap - len, " %d %d", lo, up);
    len += (size_t)snprintf(text + len, cap - len, "\n");
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            x = x * 1664525u + 1013904223u;
            double d = levels ? (double)((x >> 8) % levels) : (double)(x >> 8) / (1 << 24) * 100;
            len += (size_t)snprintf(text + len, cap - len, "%d %d %.4f\n", i, j, d);
        }
    triad_mdgp *g = NULL;
    triad_error err;
    CU_ASSERT_EQUAL(triad_mdgp_read_buffer(text, len, "random", &g, &err), TRIAD_OK);
    free(text);
    return g;
}

/* The pruned scan (group pairs and elements skipped by their gain bounds)
 * finds the same best step as pricing every move and swap, and the gains
 * kept up to date after each swap are bit for bit those of a rebuild: with
 * sizes free to move (moves exist), fixed sizes (swaps only) and heavy ties. */
static void test_pruned_scan_is_exact(void)
{
    static const struct {
        int n, m, lo, up;
        unsigned levels;
    } cases[] = {{60, 6, 6, 14, 0}, {60, 6, 10, 10, 0}, {48, 8, 4, 8, 3}, {90, 9, 8, 12, 0}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        triad_mdgp *g = random_instance(cases[c].n, cases[c].m, cases[c].lo, cases[c].up,
                                        cases[c].levels, 12345u + (uint32_t)c);
        CU_ASSERT_PTR_NOT_NULL_FATAL(g);
        uint64_t mismatches = 99, stale = 99;
        CU_ASSERT_TRUE(triad_i_mdgp_scan_selfcheck(g, 7 + c, 3000, &mismatches, &stale));
        if (mismatches || stale)
            fprintf(stderr, "\n  case %zu: %llu steps priced differently, %llu left stale gains\n",
                    c, (unsigned long long)mismatches, (unsigned long long)stale);
        CU_ASSERT_EQUAL(mismatches, 0);
        CU_ASSERT_EQUAL(stale, 0);
        triad_mdgp_free(g);
    }
}

/* The largest sum of squares over every size profile, by enumeration. */
static long enumerate_squares(const int *lo, const int *up, int m, int n)
{
    if (m == 0)
        return n == 0 ? 0 : -1;
    long best = -1;
    for (int z = lo[0]; z <= up[0] && z <= n; z++) {
        long rest = enumerate_squares(lo + 1, up + 1, m - 1, n - z);
        if (rest >= 0 && rest + (long)z * z > best)
            best = rest + (long)z * z;
    }
    return best;
}

/* A drawn profile: within the bounds, n in all, *squares its sum of squares. */
static int profile_ok(const int *t, const int *lo, const int *up, int m, int n, long *squares)
{
    long total = 0;
    *squares = 0;
    for (int k = 0; k < m; k++) {
        if (t[k] < lo[k] || t[k] > up[k])
            return 0;
        total += t[k];
        *squares += (long)t[k] * t[k];
    }
    return total == n;
}

/* The exact programme against enumeration on random bounds; beyond its work
 * limit the greedy profile is feasible, claimed exact only when all lower or
 * all upper bounds are equal, and then as good as the enumeration. */
static void test_size_profile_exact(void)
{
    uint32_t x = 2024u;
    int cases = 0, greedy_exact = 0, greedy_short = 0;
    for (int c = 0; c < 400; c++) {
        enum { MAXM = 6 };
        int lo[MAXM], up[MAXM], t[MAXM];
        x = x * 1664525u + 1013904223u;
        int m = 1 + (int)((x >> 8) % MAXM), kind = (int)((x >> 20) % 3), lsum = 0, usum = 0;
        for (int k = 0; k < m; k++) {
            x = x * 1664525u + 1013904223u;
            lo[k] = kind == 1 ? 2 : (int)((x >> 8) % 6);
            up[k] = kind == 2 ? 9 : lo[k] + (int)((x >> 16) % 6);
            if (up[k] < lo[k])
                up[k] = lo[k];
            lsum += lo[k];
            usum += up[k];
        }
        x = x * 1664525u + 1013904223u;
        int n = lsum + (int)((x >> 8) % (unsigned)(usum - lsum + 1));
        long want = enumerate_squares(lo, up, m, n), got;
        rng r;
        rng_seed(&r, (uint64_t)c);
        triad_i_profile p;
        CU_ASSERT_TRUE_FATAL(triad_i_profile_init(&p, lo, up, (size_t)m, (size_t)n, 1u << 20));
        CU_ASSERT_TRUE(p.exact);
        CU_ASSERT_EQUAL(p.squares, want);
        for (int d = 0; d < 3; d++) {
            triad_i_profile_draw(&p, &r, t);
            CU_ASSERT_TRUE(profile_ok(t, lo, up, m, n, &got));
            CU_ASSERT_EQUAL(got, want);
        }
        triad_i_profile_free(&p);
        CU_ASSERT_TRUE_FATAL(triad_i_profile_init(&p, lo, up, (size_t)m, (size_t)n, 0));
        triad_i_profile_draw(&p, &r, t);
        CU_ASSERT_TRUE(profile_ok(t, lo, up, m, n, &got));
        CU_ASSERT_EQUAL(got, p.squares);
        CU_ASSERT_TRUE(got <= want);
        if (p.exact) {
            CU_ASSERT_EQUAL(got, want);
            greedy_exact++;
        } else if (got < want) {
            greedy_short++;
        }
        int all_lo = 1, all_up = 1;
        for (int k = 1; k < m; k++) {
            all_lo = all_lo && lo[k] == lo[0];
            all_up = all_up && up[k] == up[0];
        }
        CU_ASSERT_EQUAL(p.exact, all_lo || all_up);
        triad_i_profile_free(&p);
        cases++;
    }
    /* the cases covered both claims of the greedy fill */
    CU_ASSERT_TRUE(greedy_exact > 50);
    CU_ASSERT_TRUE(greedy_short > 5);
    /* bounds that admit no profile are refused */
    int lo[2] = {3, 3}, up[2] = {4, 4};
    triad_i_profile p;
    CU_ASSERT_FALSE(triad_i_profile_init(&p, lo, up, 2, 9, 1u << 20));
    triad_i_profile_free(&p);
    CU_ASSERT_FALSE(triad_i_profile_init(&p, lo, up, 2, 5, 1u << 20));
    triad_i_profile_free(&p);
}

typedef struct log_count {
    int warnings, other;
    char last[512];
} log_count;

static void count_log(triad_log_level level, const char *line, void *user)
{
    log_count *lc = user;
    if (level == TRIAD_LOG_WARNING) {
        lc->warnings++;
        snprintf(lc->last, sizeof lc->last, "%s", line);
    } else {
        lc->other++;
    }
}

/* A size profile the search could not compute exactly is a warning through
 * the options' log, not a silent fallback; the default limit computes the
 * Geo_n120_ds_01 profile and warns of nothing. */
static void test_inexact_profile_warns(void)
{
    enum { N = 120, M = 10 };
    int lo[M], up[M], grp[N];
    triad_mdgp *g = geo120_unit_instance(lo, up);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    triad_mdgp_options o;
    triad_mdgp_options_init(&o);
    o.seconds = 0;
    o.max_iterations = 200;
    log_count lc = {0, 0, ""};
    o.log = count_log;
    o.log_user = &lc;
    double obj;
    triad_error err;
    CU_ASSERT_EQUAL(triad_mdgp_solve(g, &o, grp, &obj, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(lc.warnings, 0);
    CU_ASSERT_EQUAL(triad_i_mdgp_solve_limited(g, &o, 10, grp, &obj, NULL, &err), TRIAD_OK);
    CU_ASSERT_EQUAL(lc.warnings, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(lc.last, "sizes"));
    CU_ASSERT_PTR_NOT_NULL(strstr(lc.last, "limit of 10"));
    CU_ASSERT_EQUAL(triad_mdgp_evaluate(g, grp, &obj, &err), TRIAD_OK);
    triad_mdgp_free(g);
}

void register_mdgp_tests(void)
{
    CU_pSuite s = CU_add_suite("mdgp", NULL, NULL);
    CU_add_test(s, "optimum of an enumerable instance", test_small_instance_optimum);
    CU_add_test(s, "pruned scan finds the exhaustive best step", test_pruned_scan_is_exact);
    CU_add_test(s, "reproducible for a seed and iteration budget", test_reproducible);
    CU_add_test(s, "sizes with the most within-group pairs", test_best_size_profile);
    CU_add_test(s, "exact size profile against enumeration", test_size_profile_exact);
    CU_add_test(s, "a size profile not computed exactly is a warning", test_inexact_profile_warns);
}
