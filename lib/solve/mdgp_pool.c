/* Where the MDGP search starts and restarts: random starts that respect
 * the group sizes, a solution loaded, perturbation, the crossover of two
 * pool solutions and its completion, and the state's memory. */
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

/* No element placed: sizes, sums and objective all zero. */
static void empty(its *s)
{
    memset(s->size, 0, s->m * sizeof *s->size);
    memset(s->w, 0, s->n * s->m * sizeof *s->w);
    s->obj = 0;
    for (size_t i = 0; i < s->n; i++)
        s->group[i] = -1;
}

/* A random start: with best_sizes, on sizes that maximise the number of
 * within-group pairs (size_profile.h); otherwise on random sizes, so that
 * the pool keeps more than one size profile. */
int random_start(its *s, int best_sizes)
{
    size_t n = s->n, m = s->m;
    size_t *order = malloc(n * sizeof *order);
    int *target = malloc(m * sizeof *target);
    int ok = order && target;
    if (!ok)
        goto done;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = n; i > 1; i--) {
        size_t j = rng_below(&s->r, (uint32_t)i);
        size_t x = order[i - 1];
        order[i - 1] = order[j];
        order[j] = x;
    }
    if (best_sizes) {
        triad_i_profile_draw(&s->profile, &s->r, target);
    } else {
        size_t placed = 0;
        for (size_t k = 0; k < m; k++) {
            target[k] = s->g->lo[k];
            placed += (size_t)target[k];
        }
        for (; placed < n; placed++) {
            long pick;
            do
                pick = (long)rng_below(&s->r, (uint32_t)m);
            while (target[pick] >= s->g->up[pick]);
            target[pick]++;
        }
    }
    empty(s);
    size_t next = 0;
    for (size_t k = 0; k < m; k++)
        for (int c = 0; c < target[k]; c++)
            place(s, order[next++], (int)k);
done:
    free(order);
    free(target);
    return ok;
}

void load(its *s, const int *from)
{
    empty(s);
    for (size_t i = 0; i < s->n; i++)
        place(s, i, from[i]);
}

/* Random swaps (sizes kept) and, where bounds allow, random moves. */
void perturb(its *s, int strength)
{
    for (int t = 0; t < strength; t++) {
        size_t i = rng_below(&s->r, (uint32_t)s->n), j = rng_below(&s->r, (uint32_t)s->n);
        int gi = s->group[i], gj = s->group[j];
        if (gi == gj)
            continue;
        if (rng_below(&s->r, 4) == 0 && s->size[gi] > s->g->lo[gi] && s->size[gj] < s->g->up[gj]) {
            place(s, i, gj);
        } else {
            place(s, i, gj);
            place(s, j, gi);
        }
    }
}

/* Group-based crossover: repeatedly take, from the two parents in turn, the
 * group slot whose still-unassigned members are most diverse on average,
 * then place the leftovers greedily where bounds allow. */
int crossover(its *s, const int *pa, const int *pb, int *child)
{
    size_t n = s->n, m = s->m;
    const double *d = s->g->d;
    unsigned char *slot_used = calloc(m, 1);
    int *members = malloc(n * sizeof *members);
    int ok = slot_used && members;
    if (!ok)
        goto done;
    for (size_t i = 0; i < n; i++)
        child[i] = -1;
    for (size_t round = 0; round < m; round++) {
        const int *par = (round & 1) ? pb : pa;
        /* -INFINITY, not 0 or -1: with negative distances every average
         * may be below any fixed floor, and some slot must still be taken */
        double best = -INFINITY;
        long bk = -1;
        for (size_t k = 0; k < m; k++) {
            if (slot_used[k])
                continue;
            size_t c = 0;
            for (size_t i = 0; i < n; i++)
                if (par[i] == (int)k && child[i] < 0)
                    members[c++] = (int)i;
            double sum = 0;
            for (size_t a = 0; a < c; a++)
                for (size_t b2 = a + 1; b2 < c; b2++)
                    sum += d[(size_t)members[a] * n + (size_t)members[b2]];
            double avg = c > 1 ? sum / (double)c : 0;
            if (bk < 0 || avg > best) {
                best = avg;
                bk = (long)k;
            }
        }
        slot_used[bk] = 1;
        int took = 0;
        for (size_t i = 0; i < n && took < s->g->up[bk]; i++)
            if (par[i] == (int)bk && child[i] < 0) {
                child[i] = (int)bk;
                took++;
            }
    }
done:
    free(slot_used);
    free(members);
    return ok;
}

/* Builds the state from a partial assignment (-1 = unplaced) with exactly the
 * group sizes of `sizes` (a parent's, so feasible): groups taken from the
 * other parent can be larger, and give back their least diverse members;
 * then every unplaced element goes to the group with room where it adds the
 * most. A child thus keeps a parent's size profile, which single moves could
 * not restore (see size_profile.h). */
void complete(its *s, const int *partial, const int *sizes)
{
    size_t n = s->n, m = s->m;
    empty(s);
    for (size_t i = 0; i < n; i++)
        if (partial[i] >= 0)
            place(s, i, partial[i]);
    for (size_t k = 0; k < m; k++)
        while (s->size[k] > sizes[k]) {
            long worst = -1;
            for (size_t i = 0; i < n; i++)
                if (s->group[i] == (int)k &&
                    (worst < 0 || s->w[i * m + k] < s->w[(size_t)worst * m + k]))
                    worst = (long)i;
            unplace(s, (size_t)worst);
        }
    for (size_t i = 0; i < n; i++) {
        if (s->group[i] >= 0)
            continue;
        double best = -INFINITY;
        int bk = -1;
        for (size_t k = 0; k < m; k++) {
            if (s->size[k] >= sizes[k])
                continue;
            double gain = s->w[i * m + k];
            if (bk < 0 || gain > best) {
                best = gain;
                bk = (int)k;
            }
        }
        place(s, i, bk);
    }
}

/* Allocates the search state for g (no solution yet). Returns 0 when out of
 * memory; its_free is safe either way. */
int its_alloc(its *s, const triad_mdgp *g, size_t profile_max_work)
{
    memset(s, 0, sizeof *s);
    s->g = g;
    s->n = g->n;
    s->m = g->m;
    size_t n = s->n, m = s->m;
    s->group = malloc(n * sizeof *s->group);
    s->size = calloc(m, sizeof *s->size);
    s->w = calloc(n * m, sizeof *s->w);
    s->tabu_until = calloc(n * m, sizeof *s->tabu_until);
    s->nonneg = 1;
    for (size_t q = 0; s->nonneg && q < n * n; q++)
        s->nonneg = g->d[q] >= 0;
    s->gain = malloc(n * m * sizeof *s->gain);
    s->maxg = malloc(m * m * sizeof *s->maxg);
    s->start = malloc((m + 1) * sizeof *s->start);
    s->fill = malloc((m + 1) * sizeof *s->fill);
    s->memb = malloc(n * sizeof *s->memb);
    s->room = malloc(m * sizeof *s->room);
    s->pairs = malloc(((m > 1 ? m * (m - 1) / 2 : 0) + 1) * sizeof *s->pairs);
    return s->group && s->size && s->w && s->tabu_until && s->gain && s->maxg && s->start &&
           s->fill && s->memb && s->pairs && s->room &&
           triad_i_profile_init(&s->profile, g->lo, g->up, m, n, profile_max_work);
}

void its_free(its *s)
{
    free(s->group);
    free(s->size);
    free(s->w);
    free(s->tabu_until);
    free(s->gain);
    free(s->maxg);
    free(s->start);
    free(s->fill);
    free(s->memb);
    free(s->pairs);
    free(s->room);
    triad_i_profile_free(&s->profile);
}
