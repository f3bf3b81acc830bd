/* The partition search's state and the cost terms both the from-scratch
 * cost (partition_state.c) and the swap deltas (partition.c) use, inline
 * so the deltas stay as fast as in one file. Never installed. */
#ifndef TRIAD_SOLVE_PARTITION_STATE_H
#define TRIAD_SOLVE_PARTITION_STATE_H

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solve/partition.h"
#include "solve/rng.h"

/* Deviation cost: squared, and far steeper once a count is more than one
 * school away from its share, so "within one everywhere" comes first. */
static inline double dev_cost(double d)
{
    double a = fabs(d), e = a > 1.0 + 1e-9 ? a - 1.0 : 0.0;
    return d * d + (e > 0 ? PARTITION_STEP + PARTITION_BEYOND_ONE * e * e : 0.0);
}

static inline double over_cap(int x, int cap)
{
    return cap > 0 && x > cap ? (double)(x - cap) : 0.0;
}

/* Running state of one assignment. */
typedef struct pstate {
    const partition_problem *pp;
    int *group;
    int *cnt;      /* k * ncells */
    double *share; /* k * ncells */
    double *dsum;  /* k * nnum: sum - size * mean */
    int *tcnt;     /* k * ntrust */
    int *ecnt;     /* k */
    size_t *cell_attr; /* ncells */
    size_t athome, nhome; /* items in their home group; items that have one */
    double *sx, *sy, *sq; /* k: sums of px, py and px^2 + py^2 (local geography) */
    int *far;             /* n * k: partners farther than max_km, per group */
    int *reach;           /* n: group-mates within triad reach (near lists) */
    int *dreach;          /* n: scratch for a swap's changes, zero between uses */
    int *touched;         /* n: scratch: items with a change */
    unsigned char *split; /* k: the group splits into triads within the limit (pp->splits) */
} pstate;

static inline double lack(const partition_problem *pp, int i, int reach)
{
    int need = pp->near_need[i];
    return reach < need ? (double)(need - reach) : 0.0;
}

static inline int too_far(const partition_problem *pp, size_t a, size_t b)
{
    double dx = pp->px[a] - pp->px[b], dy = pp->py[a] - pp->py[b];
    return dx * dx + dy * dy > pp->max_km * pp->max_km;
}

/* Compactness of one group from its sums: mean squared distance to centre. */
static inline double spread_cost(const partition_problem *pp, double sx, double sy, double sq,
                                 int size)
{
    return pp->local_weight * (sq - (sx * sx + sy * sy) / size) / size;
}

/* Cost of continuity for a count of items at home. */
static inline double home_cost(const partition_problem *pp, size_t nhome, size_t athome)
{
    double shortfall = athome < pp->stay_quota ? (double)(pp->stay_quota - athome) : 0.0;
    return pp->move_weight * (double)(nhome - athome) + PARTITION_HARD * shortfall;
}

void pstate_free(pstate *s);

int pstate_init(pstate *s, const partition_problem *pp, int *group);

double links_cost(const partition_problem *pp, const int *group);

double pstate_cost(const pstate *s);

#endif
