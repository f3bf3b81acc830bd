/* The size policy of a stratum: which collaborative sizes are allowed, and
 * how many groups of each size a stratum of n schools gets. Used by the
 * solver (to cut strata) and by check (to flag groups outside their sizes).
 * Never installed. */
#ifndef TRIAD_MODEL_SIZES_H
#define TRIAD_MODEL_SIZES_H

#include <stddef.h>

#include "core/util.h"
#include "model/profile.h"

/* 1 when a collaborative of `size` schools is allowed in stratum ps. */
int sizes_allowed(const pstratum *ps, int size);

/* The allowed sizes in words: "6 or 9", "6, 9 or 12", "6 to 9". */
void sizes_describe(const pstratum *ps, char *out, size_t n);

/* The sub-groups a collaborative of m schools splits into for triads of
 * triad_size t: how many groups (0 when there are no triads). */
int sizes_triad_count(int m, int t);

/* Group sizes for a stratum of n schools, largest first, in *sizes (caller
 * frees) and *k. With triads, the choice is, in this order: the fewest
 * collaboratives that are not a whole number of triads, the fewest pairs,
 * the fewest other non-triads (quads), the fewest collaboratives, then sizes
 * as even as possible. sector_wide: one group. A stratum that no mix of
 * allowed sizes fits is TRIAD_ERR_INFEASIBLE showing the arithmetic, unless
 * small_stratum = one group (then one group and a line in warn). `why`
 * receives a sentence for the solver log. */
triad_status sizes_choose(const pstratum *ps, size_t n, int **sizes, size_t *k, char *why,
                          size_t whylen, triad_i_buf *warn, triad_error *err);

#endif
