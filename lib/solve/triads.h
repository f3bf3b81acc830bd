/* Triads inside one collaborative: an exact search over all partitions into
 * the given triad sizes (branch and bound; 9 schools: 280 partitions), with
 * balance against the stratum, trust caps, no all-concern triad and travel.
 * Never installed. */
#ifndef TRIAD_SOLVE_TRIADS_H
#define TRIAD_SOLVE_TRIADS_H

#include <stddef.h>

/* Largest collaborative searched exactly; larger ones use the partition
 * engine. */
#define TRIADS_EXACT_MAX 12

typedef struct triads_problem {
    size_t m;          /* schools in the collaborative */
    size_t ntriads;
    const int *tsize;  /* ntriads sizes summing to m */
    size_t ncat_attrs;
    const int *cell;   /* m * ncat_attrs */
    const double *cat_weight; /* ncat_attrs */
    const double *cell_frac;  /* per cell: stratum share of one school */
    size_t ncells;
    const double *frac_sq;    /* per attribute: sum of its cells' cell_frac^2 */
    const int *trust;  /* m, -1 none */
    int trust_cap;     /* 0 none */
    const unsigned char *concern; /* m, or NULL when allowed */
    const double *km;  /* m * m distances, negative unknown; NULL none */
    double max_km;     /* 0 none */
    double km_weight;  /* cost per km of every pair inside a triad */
    const double *pair_cost; /* m * m extra cost of a pair sharing a triad
                                (earlier years' partners), or NULL */
    const unsigned char *kept; /* m * m: the pair shared a triad last year, or NULL */
    int keep_quota;            /* at least this many of those pairs stay together
                                  (exact search only; a shortfall costs HARD each) */
    /* solve --fixed: the triad each member is locked into (the officer's
     * plan), -1 when free, and how many members share that lock. A triad
     * that splits a lock or holds two costs HARD; NULL: no locks. */
    const long *lock;
    const int *lock_total;
    const struct partition_budget *stop; /* time limit and cancel, or NULL */
} triads_problem;

/* Writes the triad (0..ntriads-1) of every school into out. Returns the cost
 * or a negative value on allocation failure. */
double triads_solve(const triads_problem *tp, int *out);

/* Every partition of the collaborative into the triad sizes with its cost
 * (as triads_solve prices them): *parts holds *np rows of m triad indexes,
 * *costs their costs; the caller frees both. For collaboratives of at most
 * TRIADS_EXACT_MAX schools. Returns 0, or -1 on allocation failure or a
 * problem too large. */
int triads_enumerate(const triads_problem *tp, int **parts, double **costs, size_t *np);

/* How many --fixed triad locks the triad holding the listed schools
 * breaks (tp->lock must be set). */
int triads_lock_breaks(const triads_problem *tp, const int *members, size_t n);

/* The cost of one triad holding the listed schools. */
double triads_cost_of(const triads_problem *tp, const int *members, size_t n);

#endif
