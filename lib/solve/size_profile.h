/* Group sizes with the most within-group pairs: sizes z_g within
 * [lo_g, up_g] summing to n with the largest sum of squares. With sizes free
 * to vary, the MDGP objective grows with the number of within-group pairs,
 * sum z (z - 1) / 2, so its best solutions sit on such a profile. Never
 * installed. */
#ifndef TRIAD_SOLVE_SIZE_PROFILE_H
#define TRIAD_SOLVE_SIZE_PROFILE_H

#include <stddef.h>

#include "solve/rng.h"

/* The work the exact profile may take by default: about a quarter of a
 * second, once per search (draws reuse the table). */
#define TRIAD_PROFILE_MAX_WORK ((size_t)1 << 28)

typedef struct triad_i_profile {
    size_t m, extra;    /* groups; n minus the sum of the lower bounds */
    const int *lo, *up; /* borrowed from the caller, m each */
    long long *best;    /* m * (extra + 1): the exact programme's table, or NULL */
    int *fixed;         /* m: the greedy profile, when best is NULL */
    int exact;          /* draws are known to maximise the sum of squares */
    long long squares;  /* the sum of squares of every draw */
    size_t work;        /* of the exact programme; counted up to max_work + 1 */
} triad_i_profile;

/* Prepares draws of a best profile for the bounds lo, up (m groups, borrowed
 * until triad_i_profile_free) and n elements, which the bounds must admit.
 * A dynamic programme over groups and the elements above the lower bounds
 * finds the best profiles exactly when its work (sum over the groups of the
 * totals reachable times the sizes allowed) is at most max_work; beyond that
 * the groups are filled to their upper bounds in order of lower bound, then
 * upper bound, both descending, which is exact when all lower or all upper
 * bounds are equal (the result then majorises every other profile) and
 * otherwise may have fewer pairs: p->exact says which. Returns 0 when out of
 * memory or when the bounds do not admit n; free p either way. */
int triad_i_profile_init(triad_i_profile *p, const int *lo, const int *up, size_t m, size_t n,
                         size_t max_work);

/* Writes m sizes of a best profile into target, ties among best profiles
 * broken with r (the greedy profile is a single one and draws nothing). */
void triad_i_profile_draw(const triad_i_profile *p, rng *r, int *target);

/* Releases the table; a zeroed or failed p is fine. */
void triad_i_profile_free(triad_i_profile *p);

#endif
