/* What a harness expects of every call on hostile data: a status that
 * blames the data (malformed, invalid, duplicate, infeasible...), never
 * TRIAD_ERR_INTERNAL (the library failing itself: igraph or GLPK refusing
 * what we handed them) nor TRIAD_ERR_INVALID_ARGUMENT (the caller blamed
 * for the data). Either is a finding. */
#ifndef TRIAD_FUZZ_STATUS_H
#define TRIAD_FUZZ_STATUS_H

#include <triad/triad.h>

static inline triad_status data_status(triad_status st)
{
    if (st == TRIAD_ERR_INTERNAL || st == TRIAD_ERR_INVALID_ARGUMENT)
        __builtin_trap();
    return st;
}

#endif
