/* The iterated tabu search's state for the MDGP and the moves every part
 * of it makes (inline: they run millions of times a second): the files
 * mdgp_moves.c (gains and neighbourhoods), mdgp_pool.c (starts,
 * perturbation, crossover) and mdgp_tabu.c (the driver). Never
 * installed. */
#ifndef TRIAD_SOLVE_MDGP_ITS_H
#define TRIAD_SOLVE_MDGP_ITS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "model/mdgp_impl.h"
#include "solve/partition.h"
#include "solve/rng.h"
#include "solve/size_profile.h"

#define POPULATION 6  /* solutions kept for crossover */
#define ITS_ROUNDS 10 /* tabu phases per new solution */
/* Children without a new best before the pool is refilled around the best.
 * 40: on RanReal_n480_ds_01 at 60 s, seeds 1-12, mean gap 0.144% and worst
 * 0.260%, against 0.179% / 0.345% with 20 and 0.186% / 0.171% means with
 * 60 / 80 (flat within the noise beyond 20), and the whole MDGPLIB table at
 * seeds 1-5 improved with it (worst 0.345% -> 0.199%). 20 had beaten 8 (mean
 * gap 0.218% against 0.248% on six hard instances, two seeds, 10/20 s);
 * 1000, never refilling, was no better. */
#define STAGNATION 40

typedef struct its {
    const triad_mdgp *g;
    size_t n, m;
    int *group, *size;
    double *w; /* n * m */
    double obj;
    /* n * m: element i may not re-enter group h before step
     * tabu_until[i m + h] (the group it just left), unless that beats the
     * phase's best. Forbidding only the way back, not every move of i, is
     * what the MDGP tabu searches of the literature do; freezing i whole
     * left RanReal n=480 0.3-0.5% short of the best known. */
    uint64_t *tabu_until;
    rng r;
    /* Scratch for the pruned swap scan (distances all >= 0): */
    int nonneg;
    /* m * n, by target group and then member slot: gain[h n + x] =
     * w[i][h] - w[i][group i] for the element i = memb[x], the gain of moving
     * it to h. Laid out so that the inner loop of the swap scan, over the
     * members of one group towards another, reads consecutive doubles. */
    double *gain;
    double *maxg;  /* m * m: the largest gain into b among the members of a */
    size_t *start; /* m + 1: members of group a are memb[start[a] .. start[a+1]) */
    size_t *fill;  /* m: scratch for filling memb */
    int *memb;     /* n: by group, ascending within a group */
    struct group_pair *pairs; /* m (m - 1) / 2: group pairs and their swap bounds */
    int *room;                /* m: groups below their upper bound */
    int gains_valid; /* gain and maxg match the current groups */
    triad_i_profile profile; /* the sizes of the starts on most pairs */
} its;

/* A pair of groups and the most any swap between them can gain. */
typedef struct group_pair {
    double bound;
    int a, b;
} group_pair;

/* The best admissible candidate of one step, ties broken at random. */
typedef struct pick {
    double best;
    long bi, bj, bh; /* bj < 0: move bi to group bh; else swap bi and bj */
    unsigned ties;
} pick;

/* Takes i out of its group (the inverse of place into it). */
static inline void unplace(its *s, size_t i)
{
    const double *di = s->g->d + i * s->n;
    int g = s->group[i];
    s->obj -= s->w[i * s->m + (size_t)g];
    s->size[g]--;
    for (size_t k = 0; k < s->n; k++)
        s->w[k * s->m + (size_t)g] -= di[k];
    s->group[i] = -1;
}

static inline void place(its *s, size_t i, int h)
{
    const double *di = s->g->d + i * s->n;
    double *w = s->w;
    size_t m = s->m;
    if (s->group[i] >= 0)
        unplace(s, i);
    s->obj += w[i * m + (size_t)h];
    s->size[h]++;
    s->gains_valid = 0;
    for (size_t k = 0; k < s->n; k++)
        w[k * m + (size_t)h] += di[k];
    s->group[i] = h;
}

/* Exchanges the groups of i and j (in different groups): the same sums,
 * bit for bit, as placing i in j's group and then j in i's, in one pass over
 * the two columns instead of four. */
static inline void swap_pair(its *s, size_t i, size_t j)
{
    size_t n = s->n, m = s->m, a = (size_t)s->group[i], b = (size_t)s->group[j];
    const double *di = s->g->d + i * n, *dj = s->g->d + j * n;
    double *w = s->w;
    /* the objective terms in the order the four place/unplace steps take
     * them, each read when that step would */
    double out_i = w[i * m + a], in_i = w[i * m + b];
    double out_j = w[j * m + b] + di[j], in_j = w[j * m + a] - di[j];
    s->obj -= out_i;
    s->obj += in_i;
    s->obj -= out_j;
    s->obj += in_j;
    for (size_t k = 0; k < n; k++) {
        double *wk = w + k * m;
        wk[a] = wk[a] - di[k] + dj[k];
        wk[b] = wk[b] + di[k] - dj[k];
    }
    s->group[i] = (int)b;
    s->group[j] = (int)a;
    s->gains_valid = 0;
}

static inline void consider(its *s, pick *p, double delta, long i, long j, long h)
{
    if (delta > p->best + 1e-12) {
        p->best = delta;
        p->ties = 1;
    } else if (delta < p->best - 1e-12 || rng_below(&s->r, ++p->ties) != 0) {
        return;
    }
    p->bi = i;
    p->bj = j;
    p->bh = h;
}

/* Tabu elements may move only when that beats the phase's best (aspiration). */
static inline int admissible(const its *s, int tabu, double delta, double best_obj)
{
    return !tabu || s->obj + delta > best_obj + 1e-9;
}

static inline int is_tabu(const its *s, size_t i, size_t h, uint64_t iter)
{
    return s->tabu_until[i * s->m + h] > iter;
}

/* The member lists, the gain of every element to every group and, per group
 * pair, the largest gain, from scratch: O(n m). */
void rebuild_gains(its *s);

/* Lists in s->room the groups that can take one more and returns how many:
 * on the profile with the most pairs nearly every group is at a bound, so
 * few are left to scan. */
size_t rooms(its *s);

/* Every move and swap priced (any distances). */
void scan_all(its *s, pick *p, size_t nroom, uint64_t iter, double best_obj, int ignore_tabu);

/* The same best step with distances >= 0, swaps first: their best bounds
 * most moves away (on a profile at its bounds nearly every move loses
 * pairs). */
void scan_pruned(its *s, pick *p, size_t nroom, uint64_t iter, double best_obj,
                        int ignore_tabu);

/* One tabu step: the best admissible move or swap (ties broken at random).
 * Returns 0 when no move exists. */
int tabu_step(its *s, uint64_t iter, double best_obj, int tenure_min, int tenure_span,
                     int ignore_tabu);

/* A random start: with best_sizes, on sizes that maximise the number of
 * within-group pairs (size_profile.h); otherwise on random sizes, so that
 * the pool keeps more than one size profile. */
int random_start(its *s, int best_sizes);

void load(its *s, const int *from);

/* Random swaps (sizes kept) and, where bounds allow, random moves. */
void perturb(its *s, int strength);

/* Group-based crossover: repeatedly take, from the two parents in turn, the
 * group slot whose still-unassigned members are most diverse on average,
 * then place the leftovers greedily where bounds allow. */
int crossover(its *s, const int *pa, const int *pb, int *child);

/* Builds the state from a partial assignment (-1 = unplaced) with exactly the
 * group sizes of `sizes` (a parent's, so feasible): groups taken from the
 * other parent can be larger, and give back their least diverse members;
 * then every unplaced element goes to the group with room where it adds the
 * most. A child thus keeps a parent's size profile, which single moves could
 * not restore (see size_profile.h). */
void complete(its *s, const int *partial, const int *sizes);

/* Allocates the search state for g (no solution yet). Returns 0 when out of
 * memory; its_free is safe either way. */
int its_alloc(its *s, const triad_mdgp *g, size_t profile_max_work);

void its_free(its *s);

#endif
