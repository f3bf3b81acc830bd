/* Balanced partition of one stratum into groups of fixed sizes, by simulated
 * annealing over swaps with O(attributes) incremental deltas, then a
 * first-improvement descent. Pure computation: no I/O, no globals; one
 * partition_problem may be solved from several threads at once. */
#ifndef TRIAD_SOLVE_PARTITION_H
#define TRIAD_SOLVE_PARTITION_H

#include <stddef.h>
#include <stdint.h>

#include "core/clock.h"

/* Penalty per unit of a broken hard constraint: far above any balance term. */
#define PARTITION_HARD 1000.0
/* A category more than one school from its share costs a step plus a
 * steep square of the excess, so "within one everywhere" comes first. */
#define PARTITION_STEP 5.0
#define PARTITION_BEYOND_ONE 50.0

typedef struct partition_problem {
    size_t n, k;        /* items, groups */
    const int *size;    /* k target sizes, summing to n */
    size_t ncat_attrs;  /* categorical attributes */
    size_t ncells;      /* total categories over them */
    const int *cell;    /* n * ncat_attrs: the cell of item i for attribute a */
    const double *cat_weight; /* ncat_attrs */
    const double *cell_total; /* ncells: items per cell in the whole stratum */
    size_t nnum;
    const double *value;      /* n * nnum, scaled to unit SD */
    const double *num_weight; /* nnum */
    const double *num_mean;   /* nnum, of the scaled values */
    const int *trust; /* n, -1 none */
    size_t ntrust;
    int trust_cap; /* 0 = none */
    const unsigned char *elig; /* n, or NULL when no lead is required */
    /* Links as CSR lists per item (indices of partners). */
    const size_t *must_start; /* n + 1, or NULL */
    const int *must;
    const size_t *cannot_start; /* n + 1, or NULL */
    const int *cannot;
    /* Continuity with last year: the group each item was in (-1: none), a
     * cost per item not back in it, and how many must be back (a shortfall
     * costs PARTITION_HARD per item). */
    const int *home; /* n, or NULL */
    double move_weight;
    size_t stay_quota;
    /* geography = local: compactness, the sum over groups of the members'
     * mean squared distance (km^2) to their group's centre, times this
     * weight. px, py: km from the stratum's centre (0 when unknown). */
    const double *px, *py; /* n, or NULL */
    double local_weight;
    /* collaborative_max_km: a pair farther apart than this in one group
     * costs PARTITION_HARD. far[i * k + g] counts i's far partners in g. */
    double max_km;
    /* triad_max_km: item i needs near_need[i] group-mates within the limit
     * to be in a triad at all (0 for an item without a location); each one
     * missing costs PARTITION_HARD. near_start/near: CSR lists of the items
     * within reach. */
    const unsigned char *locked; /* n: items that never move (--fixed), or NULL */
    const size_t *near_start; /* n + 1, or NULL */
    const int *near;
    const unsigned char *near_need;
    /* triad_max_km over a whole group: splits(ctx, group, g) is 1 when
     * group g, as group[] assigns it, splits into triads within the limit;
     * a group that does not costs PARTITION_HARD. Checked for the moves the
     * search would take (an exact split check is microseconds, a swap's
     * delta nanoseconds). NULL: no such term. */
    int (*splits)(const void *ctx, const int *group, int g);
    const void *splits_ctx;
} partition_problem;

typedef struct partition_budget {
    uint64_t moves;      /* annealing moves per start */
    double deadline;     /* monotonic seconds; 0 = none */
    volatile int *cancel; /* set non-zero to stop; may be NULL */
    volatile int *timed_out; /* set when the deadline stopped a run; may be NULL */
    /* Set only for the run in the caller's own thread: called every few
     * milliseconds, it may call the user's progress callback (which must
     * run in that thread) and returns non-zero to cancel. */
    int (*poll)(void *ctx);
    void *poll_ctx;
} partition_budget;

/* 1 when a run under b must stop now: cancelled (by the flag or by poll)
 * or past the deadline. */
int partition_should_stop(const partition_budget *b);

/* Improves group[] (n entries, values 0..k-1, with the target sizes) in
 * place; returns the final cost, or a negative value on allocation failure. */
double partition_improve(const partition_problem *pp, int *group, uint64_t seed,
                         const partition_budget *budget);

/* The cost of an assignment, recomputed from scratch (for tests and checks). */
double partition_cost(const partition_problem *pp, const int *group);

/* Test hook: applies nswaps random swaps to group and returns the largest
 * difference between an incremental delta and the recomputed cost change. */
double partition_check_deltas(const partition_problem *pp, int *group, uint64_t seed,
                              int nswaps);

#endif
