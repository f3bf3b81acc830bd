#include "solve/triads.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve/partition.h"

int triads_lock_breaks(const triads_problem *tp, const int *mem, size_t n)
{
    int breaks = 0, distinct = 0;
    for (size_t k = 0; k < n; k++) {
        long l = tp->lock[mem[k]];
        int first = 1, here = 0;
        if (l < 0)
            continue;
        for (size_t q = 0; q < n; q++)
            if (tp->lock[mem[q]] == l) {
                here++;
                first &= q >= k;
            }
        if (!first)
            continue;
        distinct++;
        breaks += here < tp->lock_total[mem[k]]; /* part of the locked triad is elsewhere */
    }
    return breaks + (distinct > 1); /* two locked triads merged */
}

double triads_cost_of(const triads_problem *tp, const int *mem, size_t n)
{
    double cost = 0;
    int cnt[64];
    for (size_t a = 0; a < tp->ncat_attrs; a++) {
        /* sum over all categories of (count - share)^2, computed over the
         * categories present plus the absent ones' share^2 (frac_sq). */
        size_t nc = 0;
        int cells[64];
        for (size_t k = 0; k < n && k < 64; k++) {
            int c = tp->cell[(size_t)mem[k] * tp->ncat_attrs + a];
            size_t q = 0;
            while (q < nc && cells[q] != c)
                q++;
            if (q == nc) {
                cells[nc] = c;
                cnt[nc++] = 0;
            }
            cnt[q]++;
        }
        double x = 0;
        for (size_t q = 0; q < nc; q++) {
            double share = (double)n * tp->cell_frac[cells[q]];
            x += (cnt[q] - share) * (cnt[q] - share) - share * share;
        }
        cost += tp->cat_weight[a] * (x + (double)(n * n) * tp->frac_sq[a]);
    }
    if (tp->trust_cap > 0)
        for (size_t k = 0; k < n; k++) {
            int t = tp->trust[mem[k]], c = 0, first = 1;
            if (t < 0)
                continue;
            for (size_t q = 0; q < n; q++)
                if (tp->trust[mem[q]] == t) {
                    c++;
                    if (q < k)
                        first = 0;
                }
            if (first && c > tp->trust_cap)
                cost += PARTITION_HARD * (c - tp->trust_cap);
        }
    if (tp->concern && n >= 2) {
        size_t c = 0;
        for (size_t k = 0; k < n; k++)
            c += tp->concern[mem[k]];
        if (c == n)
            cost += PARTITION_HARD;
    }
    if (tp->lock)
        cost += 8 * PARTITION_HARD * triads_lock_breaks(tp, mem, n); /* the officer first */
    if (tp->pair_cost)
        for (size_t a = 0; a < n; a++)
            for (size_t b = a + 1; b < n; b++)
                cost += tp->pair_cost[(size_t)mem[a] * tp->m + (size_t)mem[b]];
    if (tp->km)
        for (size_t a = 0; a < n; a++)
            for (size_t b = a + 1; b < n; b++) {
                double d = tp->km[(size_t)mem[a] * tp->m + (size_t)mem[b]];
                if (d < 0)
                    continue;
                cost += tp->km_weight * d;
                if (tp->max_km > 0 && d > tp->max_km)
                    cost += PARTITION_HARD;
            }
    return cost;
}

/* Branch and bound over partitions: the first unplaced school opens the
 * next triad with one of the sizes still unused. */
typedef struct search {
    const triads_problem *tp;
    int *cur, *best;
    double best_cost;
    unsigned char *placed;
    int *size_left; /* per distinct size index */
    int sizes[8], nsizes;
    int members[64]; /* triads being built, one after another */
    int base;        /* where the open triad's members start */
    int next_triad;
    int kept;        /* last year's pairs kept together so far */
    /* enumeration mode: every complete partition is recorded, none pruned */
    int collect, failed;
    int *parts;
    double *costs;
    size_t np, cap;
} search;

static void choose(search *s, double cost, int first, int need, int have, int size);

static void open_triad(search *s, double cost)
{
    const triads_problem *tp = s->tp;
    if (cost >= s->best_cost)
        return;
    size_t first = 0;
    while (first < tp->m && s->placed[first])
        first++;
    if (first == tp->m) {
        if (s->kept < tp->keep_quota)
            cost += PARTITION_HARD * (tp->keep_quota - s->kept);
        if (s->collect) {
            if (s->np == s->cap) {
                size_t ncap = s->cap ? 2 * s->cap : 64;
                int *np_ = realloc(s->parts, ncap * tp->m * sizeof *np_);
                if (np_)
                    s->parts = np_;
                double *nc = realloc(s->costs, ncap * sizeof *nc);
                if (nc)
                    s->costs = nc;
                if (!np_ || !nc) {
                    s->failed = 1;
                    return;
                }
                s->cap = ncap;
            }
            memcpy(s->parts + s->np * tp->m, s->cur, tp->m * sizeof *s->cur);
            s->costs[s->np++] = cost;
            return;
        }
        if (cost < s->best_cost) {
            s->best_cost = cost;
            memcpy(s->best, s->cur, tp->m * sizeof *s->best);
        }
        return;
    }
    for (int q = 0; q < s->nsizes; q++) {
        if (!s->size_left[q])
            continue;
        s->size_left[q]--;
        s->placed[first] = 1;
        s->cur[first] = s->next_triad;
        s->members[s->base] = (int)first;
        s->next_triad++;
        choose(s, cost, (int)first + 1, s->sizes[q], 1, s->sizes[q]);
        s->next_triad--;
        s->placed[first] = 0;
        s->size_left[q]++;
    }
}

static void choose(search *s, double cost, int from, int need, int have, int size)
{
    const triads_problem *tp = s->tp;
    if (have == need) {
        const int *mem = s->members + s->base;
        double c = triads_cost_of(tp, mem, (size_t)size);
        int k = 0;
        for (int a = 0; tp->kept && a < size; a++)
            for (int b = a + 1; b < size; b++)
                k += tp->kept[(size_t)mem[a] * tp->m + (size_t)mem[b]];
        s->base += size;
        s->kept += k;
        open_triad(s, cost + c);
        s->kept -= k;
        s->base -= size;
        return;
    }
    for (int i = from; i < (int)tp->m; i++) {
        if (s->placed[i])
            continue;
        s->placed[i] = 1;
        s->cur[i] = s->next_triad - 1;
        s->members[s->base + have] = i;
        choose(s, cost, i + 1, need, have + 1, size);
        s->placed[i] = 0;
    }
}

/* Sets up s for the partitions of tp; 0 on allocation failure. */
static int search_init(search *s, const triads_problem *tp, int *left)
{
    memset(s, 0, sizeof *s);
    s->tp = tp;
    s->cur = malloc(tp->m * sizeof *s->cur);
    s->best = malloc(tp->m * sizeof *s->best);
    s->placed = calloc(tp->m, 1);
    s->size_left = left;
    if (!s->cur || !s->best || !s->placed)
        return 0;
    for (size_t t = 0; t < tp->ntriads; t++) {
        int q = 0;
        while (q < s->nsizes && s->sizes[q] != tp->tsize[t])
            q++;
        if (q == s->nsizes)
            s->sizes[s->nsizes++] = tp->tsize[t];
        left[q]++;
    }
    s->best_cost = INFINITY;
    return 1;
}

static void search_free(search *s)
{
    free(s->cur);
    free(s->best);
    free(s->placed);
}

int triads_enumerate(const triads_problem *tp, int **parts, double **costs, size_t *np)
{
    search s = {0};
    int left[8] = {0};
    *parts = NULL;
    *costs = NULL;
    *np = 0;
    int ok = tp->m <= TRIADS_EXACT_MAX && tp->ntriads <= 8 && search_init(&s, tp, left);
    if (ok) {
        s.collect = 1;
        open_triad(&s, 0);
        ok = !s.failed;
    }
    search_free(&s);
    if (!ok) {
        free(s.parts);
        free(s.costs);
        return -1;
    }
    *parts = s.parts;
    *costs = s.costs;
    *np = s.np;
    return 0;
}

static double solve_exact(const triads_problem *tp, int *out)
{
    search s = {0};
    s.tp = tp;
    s.cur = malloc(tp->m * sizeof *s.cur);
    s.best = malloc(tp->m * sizeof *s.best);
    s.placed = calloc(tp->m, 1);
    int left[8] = {0};
    s.size_left = left;
    double c = -1;
    if (!s.cur || !s.best || !s.placed)
        goto done;
    for (size_t t = 0; t < tp->ntriads; t++) {
        int q = 0;
        while (q < s.nsizes && s.sizes[q] != tp->tsize[t])
            q++;
        if (q == s.nsizes)
            s.sizes[s.nsizes++] = tp->tsize[t];
        left[q]++;
    }
    s.best_cost = INFINITY;
    open_triad(&s, 0);
    memcpy(out, s.best, tp->m * sizeof *out);
    c = s.best_cost;
done:
    free(s.cur);
    free(s.best);
    free(s.placed);
    return c;
}

/* Larger groups: pairwise swaps between triads until no swap improves. */
static double solve_swaps(const triads_problem *tp, int *out)
{
    size_t t = 0, k = 0;
    for (size_t i = 0; i < tp->m; i++) {
        out[i] = (int)t;
        if (++k == (size_t)tp->tsize[t]) {
            t++;
            k = 0;
        }
    }
    int *mem = malloc(tp->m * sizeof *mem);
    if (!mem)
        return -1;
    int improved = 1;
    double total = 0;
    for (int pass = 0; improved && pass < 50; pass++) {
        improved = 0;
        for (size_t i = 0; i < tp->m && !partition_should_stop(tp->stop); i++)
            for (size_t j = i + 1; j < tp->m; j++) {
                int a = out[i], b = out[j];
                if (a == b)
                    continue;
                double before = 0, after = 0;
                for (int pass2 = 0; pass2 < 2; pass2++) {
                    for (int g = 0; g < 2; g++) {
                        int grp = g ? b : a;
                        size_t n = 0;
                        for (size_t q = 0; q < tp->m; q++)
                            if (out[q] == grp)
                                mem[n++] = (int)q;
                        double c = triads_cost_of(tp, mem, n);
                        if (pass2)
                            after += c;
                        else
                            before += c;
                    }
                    out[i] = pass2 ? a : b;
                    out[j] = pass2 ? b : a;
                }
                if (after < before - 1e-9) {
                    out[i] = b;
                    out[j] = a;
                    improved = 1;
                }
            }
    }
    for (size_t g = 0; g < tp->ntriads; g++) {
        size_t n = 0;
        for (size_t q = 0; q < tp->m; q++)
            if (out[q] == (int)g)
                mem[n++] = (int)q;
        total += triads_cost_of(tp, mem, n);
    }
    free(mem);
    return total;
}

double triads_solve(const triads_problem *tp, int *out)
{
    if (tp->ntriads <= 1) {
        for (size_t i = 0; i < tp->m; i++)
            out[i] = 0;
        return 0;
    }
    if (tp->m <= TRIADS_EXACT_MAX)
        return solve_exact(tp, out);
    return solve_swaps(tp, out);
}
