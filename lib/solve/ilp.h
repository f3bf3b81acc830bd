/* Exact engines on GLPK: the collaborative partition (proves the least total
 * excess of category counts beyond one school of their shares, under the
 * hard constraints) and the triads of one collaborative (set partitioning
 * over all feasible triples). Both stop at `seconds` or when `stop` (may be
 * NULL) says so, checked in GLPK's callback. GLPK's error and terminal hooks are set on
 * every entry so a GLPK failure returns TRIAD_ERR_INTERNAL instead of
 * aborting. Never installed. */
#ifndef TRIAD_SOLVE_ILP_H
#define TRIAD_SOLVE_ILP_H

#include "solve/partition.h"
#include "solve/triads.h"
#include "triad/triad.h"

typedef struct ilp_result {
    const char *status; /* "optimal", "feasible", "infeasible", "no solution" */
    double objective;   /* of the returned assignment, NAN when none */
    double bound;       /* proven lower bound */
    double gap;         /* (objective - bound) / max(1, |objective|) */
    double seconds;
    int rows, cols;
} ilp_result;

/* The ILP objective of an assignment: per group and category, the weighted
 * excess of |count - share| beyond one school (sizes as they are). */
double ilp_partition_objective(const partition_problem *pp, const int *group);

/* Solves the partition ILP with sizes floor/ceil(n/k), warm-started from
 * group (which must be feasible for the sizes, or NULL-free garbage is
 * ignored when warm == 0). On success with a solution, group holds it. */
triad_status ilp_partition(const partition_problem *pp, int *group, int warm, double seconds,
                           const partition_budget *stop, ilp_result *res, triad_error *err);

/* Set partitioning of one collaborative into triads of the sizes tp->tsize.
 * Writes each school's triad to out. */
triad_status ilp_triads(const triads_problem *tp, int *out, double seconds,
                        const partition_budget *stop, ilp_result *res, triad_error *err);

/* Test hook: makes GLPK fail inside the guard; must return
 * TRIAD_ERR_INTERNAL with GLPK's message, and the process must live on. */
triad_status ilp_provoke_glpk_error(triad_error *err);

#endif
