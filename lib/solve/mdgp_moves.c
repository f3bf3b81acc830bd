/* The tabu search's neighbourhoods for the MDGP: the cached gains
 * w[i][g] kept by O(1) updates per swap, the one-move and swap scans (all
 * pairs, or pruned by the best gain each group can still offer), and one
 * tabu step. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "model/mdgp_impl.h"
#include "solve/partition.h"
#include "solve/rng.h"
#include "solve/size_profile.h"
#include "solve/mdgp_its.h"

/* Fills the member lists (a counting sort by group, O(n + m)). */
static void fill_members(its *s)
{
    size_t n = s->n, m = s->m;
    size_t *start = s->start, *fill = s->fill;
    for (size_t q = 0; q <= m; q++)
        start[q] = 0;
    for (size_t i = 0; i < n; i++)
        start[s->group[i] + 1]++;
    for (size_t q = 0; q < m; q++) {
        start[q + 1] += start[q];
        fill[q] = start[q];
    }
    for (size_t i = 0; i < n; i++)
        s->memb[fill[s->group[i]]++] = (int)i;
}

/* The gains of every member of group g to every group, and g's row of maxg
 * (target group outermost: the gains of one target are consecutive). */
static void group_gains(its *s, size_t g)
{
    size_t n = s->n, m = s->m, x0 = s->start[g], x1 = s->start[g + 1];
    const double *w = s->w;
    const int *memb = s->memb;
    double *mx = s->maxg + g * m;
    for (size_t h = 0; h < m; h++) {
        double *to_h = s->gain + h * n, best = -INFINITY;
        for (size_t x = x0; x < x1; x++) {
            const double *wk = w + (size_t)memb[x] * m;
            double v = wk[h] - wk[g];
            to_h[x] = v;
            if (v > best)
                best = v;
        }
        mx[h] = best;
    }
}

/* The member lists, the gain of every element to every group and, per group
 * pair, the largest gain, from scratch: O(n m). */
void rebuild_gains(its *s)
{
    size_t m = s->m;
    fill_members(s);
    for (size_t g = 0; g < m; g++)
        group_gains(s, g);
    s->gains_valid = 1;
}

/* In group g's member list, element `out` gives its slot to `in`, which then
 * moves to keep the list ascending (the order fill_members gives, so that the
 * scans visit candidates, and break ties, exactly as after a rebuild). */
static void replace_member(its *s, size_t g, int out, int in)
{
    int *lo = s->memb + s->start[g], *hi = s->memb + s->start[g + 1];
    int *x = lo;
    while (*x != out)
        x++;
    for (; x > lo && x[-1] > in; x--)
        x[0] = x[-1];
    for (; x + 1 < hi && x[1] < in; x++)
        x[0] = x[1];
    *x = in;
}

/* After a swap of i (from group a) and j (from group b): w moved in columns
 * a and b for everyone, and in every column for the members of a and b
 * (their own group's sum changed). So only those gains and the maxima of
 * rows a, b and columns a, b are recomputed: O(n + (|a| + |b|) m) instead of
 * O(n m), which is what makes a step cheap when there are many groups. Same
 * formula as rebuild_gains, so the values are bit-identical. */
static void refresh_after_swap(its *s, size_t a, size_t b, int i, int j)
{
    size_t n = s->n, m = s->m;
    double *maxg = s->maxg, *gain_a = s->gain + a * n, *gain_b = s->gain + b * n;
    replace_member(s, a, i, j);
    replace_member(s, b, j, i);
    for (size_t g = 0; g < m; g++) {
        size_t x0 = s->start[g], x1 = s->start[g + 1];
        if (g == a || g == b) {
            group_gains(s, g);
            continue;
        }
        double *mx = maxg + g * m, ma = -INFINITY, mb = -INFINITY;
        for (size_t x = x0; x < x1; x++) {
            const double *wk = s->w + (size_t)s->memb[x] * m;
            double va = wk[a] - wk[g], vb = wk[b] - wk[g];
            gain_a[x] = va;
            gain_b[x] = vb;
            if (va > ma)
                ma = va;
            if (vb > mb)
                mb = vb;
        }
        mx[a] = ma;
        mx[b] = mb;
    }
}

/* Swaps when every distance is >= 0: delta(i, j) = gain(i -> b) + gain(j -> a)
 * - 2 d(i, j) is at most the two gains, so whole group pairs, then single
 * elements, whose gains cannot reach the best so far are skipped. */
static void scan_swaps_pruned(its *s, pick *p, uint64_t iter, double best_obj, int ignore_tabu)
{
    size_t n = s->n, m = s->m;
    const double *d = s->g->d, *maxg = s->maxg;
    if (!s->gains_valid)
        rebuild_gains(s);
    /* The group pair with the largest bound first: a good swap found early
     * lets more of the other pairs be skipped. (Sorting every pair by its
     * bound costs more than it saves.) */
    size_t np = 0, top = 0;
    for (size_t a = 0; a < m; a++)
        for (size_t b = a + 1; b < m; b++) {
            s->pairs[np] = (group_pair){maxg[a * m + b] + maxg[b * m + a], (int)a, (int)b};
            if (s->pairs[np].bound > s->pairs[top].bound)
                top = np;
            np++;
        }
    if (np) {
        group_pair x = s->pairs[0];
        s->pairs[0] = s->pairs[top];
        s->pairs[top] = x;
    }
    for (size_t q = 0; q < np; q++) {
        if (s->pairs[q].bound < p->best - 1e-12)
            continue;
        size_t a = (size_t)s->pairs[q].a, b = (size_t)s->pairs[q].b;
        double mba = maxg[b * m + a];
        const double *to_b = s->gain + b * n, *to_a = s->gain + a * n;
        for (size_t x = s->start[a]; x < s->start[a + 1]; x++) {
            size_t i = (size_t)s->memb[x];
            double gi = to_b[x];
            if (gi + mba < p->best - 1e-12)
                continue;
            int tabu_i = !ignore_tabu && is_tabu(s, i, b, iter);
            const double *di = d + i * n;
            for (size_t y = s->start[b]; y < s->start[b + 1]; y++) {
                double gj = to_a[y];
                if (gi + gj < p->best - 1e-12)
                    continue;
                size_t j = (size_t)s->memb[y];
                double delta = gi + gj - 2 * di[j];
                int tabu = tabu_i || (!ignore_tabu && is_tabu(s, j, a, iter));
                if (delta >= p->best - 1e-12 && admissible(s, tabu, delta, best_obj))
                    consider(s, p, delta, (long)i, (long)j, -1);
            }
        }
    }
}

/* Swaps with any distances: every pair in different groups. */
static void scan_swaps_all(its *s, pick *p, uint64_t iter, double best_obj, int ignore_tabu)
{
    size_t n = s->n, m = s->m;
    const double *d = s->g->d, *w = s->w;
    for (size_t i = 0; i < n; i++) {
        int gi = s->group[i];
        const double *wi = w + i * m, *di = d + i * n;
        for (size_t j = i + 1; j < n; j++) {
            int gj = s->group[j];
            if (gj == gi)
                continue;
            const double *wj = w + j * m;
            double delta = wi[gj] - wi[gi] + wj[gi] - wj[gj] - 2 * di[j];
            int tabu = !ignore_tabu &&
                       (is_tabu(s, i, (size_t)gj, iter) || is_tabu(s, j, (size_t)gi, iter));
            if (delta >= p->best - 1e-12 && admissible(s, tabu, delta, best_obj))
                consider(s, p, delta, (long)i, (long)j, -1);
        }
    }
}

/* Lists in s->room the groups that can take one more and returns how many:
 * on the profile with the most pairs nearly every group is at a bound, so
 * few are left to scan. */
size_t rooms(its *s)
{
    size_t nroom = 0;
    for (size_t h = 0; h < s->m; h++)
        if (s->size[h] < s->g->up[h])
            s->room[nroom++] = (int)h;
    return nroom;
}

/* Moves of one element to a group with room (s->room[0 .. nroom)), from a
 * group above its lower bound. */
static void scan_moves_all(its *s, pick *p, size_t nroom, uint64_t iter, double best_obj,
                           int ignore_tabu)
{
    size_t n = s->n, m = s->m;
    for (size_t i = 0; i < n && nroom; i++) {
        int gi = s->group[i];
        if (s->size[gi] <= s->g->lo[gi])
            continue;
        const double *wi = s->w + i * m;
        for (size_t r = 0; r < nroom; r++) {
            int h = s->room[r];
            if (h == gi)
                continue;
            int tabu_i = !ignore_tabu && is_tabu(s, i, (size_t)h, iter);
            double delta = wi[h] - wi[gi];
            if (admissible(s, tabu_i, delta, best_obj))
                consider(s, p, delta, (long)i, -1, (long)h);
        }
    }
}

/* The same moves priced from the cached gains, after the swap scan (which
 * filled the member lists and the gains): a group pair whose largest gain
 * cannot reach the best candidate so far is skipped whole. On a size profile
 * at its bounds nearly every move loses pairs, so nearly all are skipped. */
static void scan_moves_pruned(its *s, pick *p, size_t nroom, uint64_t iter, double best_obj,
                              int ignore_tabu)
{
    size_t n = s->n, m = s->m;
    const double *maxg = s->maxg;
    for (size_t a = 0; a < m && nroom; a++) {
        if (s->size[a] <= s->g->lo[a])
            continue;
        for (size_t r = 0; r < nroom; r++) {
            size_t h = (size_t)s->room[r];
            if (h == a || maxg[a * m + h] < p->best - 1e-12)
                continue;
            const double *to_h = s->gain + h * n;
            for (size_t x = s->start[a]; x < s->start[a + 1]; x++) {
                double delta = to_h[x];
                if (delta < p->best - 1e-12)
                    continue;
                size_t i = (size_t)s->memb[x];
                int tabu_i = !ignore_tabu && is_tabu(s, i, h, iter);
                if (admissible(s, tabu_i, delta, best_obj))
                    consider(s, p, delta, (long)i, -1, (long)h);
            }
        }
    }
}

/* Every move and swap priced (any distances). */
void scan_all(its *s, pick *p, size_t nroom, uint64_t iter, double best_obj, int ignore_tabu)
{
    scan_moves_all(s, p, nroom, iter, best_obj, ignore_tabu);
    scan_swaps_all(s, p, iter, best_obj, ignore_tabu);
}

/* The same best step with distances >= 0, swaps first: their best bounds
 * most moves away (on a profile at its bounds nearly every move loses
 * pairs). */
void scan_pruned(its *s, pick *p, size_t nroom, uint64_t iter, double best_obj,
                        int ignore_tabu)
{
    scan_swaps_pruned(s, p, iter, best_obj, ignore_tabu);
    scan_moves_pruned(s, p, nroom, iter, best_obj, ignore_tabu);
}

/* One tabu step: the best admissible move or swap (ties broken at random).
 * Returns 0 when no move exists. */
int tabu_step(its *s, uint64_t iter, double best_obj, int tenure_min, int tenure_span,
                     int ignore_tabu)
{
    pick p = {.best = -INFINITY, .bi = -1, .bj = -1, .bh = -1, .ties = 0};
    size_t nroom = rooms(s);
    if (s->nonneg)
        scan_pruned(s, &p, nroom, iter, best_obj, ignore_tabu);
    else
        scan_all(s, &p, nroom, iter, best_obj, ignore_tabu);
    long bi = p.bi, bj = p.bj, bh = p.bh;
    if (bi < 0) /* every move tabu: take the best regardless */
        return ignore_tabu ? 0 : tabu_step(s, iter, best_obj, tenure_min, tenure_span, 1);
    uint64_t until = iter + (uint64_t)tenure_min + rng_below(&s->r, (uint32_t)tenure_span + 1);
    int was_valid = s->gains_valid, from = s->group[bi], to;
    if (bj < 0) {
        to = (int)bh;
        place(s, (size_t)bi, to);
    } else {
        to = s->group[bj];
        swap_pair(s, (size_t)bi, (size_t)bj);
        s->tabu_until[(size_t)bj * s->m + (size_t)to] = until;
    }
    s->tabu_until[(size_t)bi * s->m + (size_t)from] = until;
    /* A move shifts every later group's member slots: rebuilt at the next
     * scan (moves are rare steps on a profile at its bounds). */
    if (was_valid && bj >= 0) {
        refresh_after_swap(s, (size_t)from, (size_t)to, (int)bi, (int)bj);
        s->gains_valid = 1;
    }
    return 1;
}
