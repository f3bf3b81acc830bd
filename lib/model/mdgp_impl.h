/* The inside of triad_mdgp. Never installed. */
#ifndef TRIAD_MODEL_MDGP_IMPL_H
#define TRIAD_MODEL_MDGP_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "core/limits.h"
#include "triad/triad.h"


struct triad_mdgp {
    size_t n, m;
    int *lo, *up; /* per group */
    double *d;    /* n * n, symmetric, zero diagonal */
};

/* For the tests: runs `steps` tabu steps from a random start on g (all
 * distances >= 0) and counts in *mismatches the steps where the pruned scan
 * of moves and swaps found a different best value than the exhaustive scan,
 * and in *stale the steps after which the member lists, gains and maxima
 * kept up to date step by step differ in any bit from a rebuild. Returns 0
 * when out of memory or when g has a negative distance. */
int triad_i_mdgp_scan_selfcheck(const triad_mdgp *g, uint64_t seed, uint64_t steps,
                                uint64_t *mismatches, uint64_t *stale);

/* triad_mdgp_solve with another limit on the work of the exact size
 * profile (size_profile.h): for the tests of what happens beyond it; stats
 * (may be NULL) as triad_mdgp_solve_stats fills them. */
triad_status triad_i_mdgp_solve_limited(const triad_mdgp *g, const triad_mdgp_options *opts,
                                        size_t profile_max_work, int *group, double *objective,
                                        triad_mdgp_stats *stats, triad_error *err);

#endif
