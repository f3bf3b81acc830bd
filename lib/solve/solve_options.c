/* triad_solve_options: the defaults, and the caller's options taken and
 * checked against the schools. */
#include <string.h>

#include "core/limits.h"
#include "model/memberships_impl.h"
#include "model/schools_impl.h"
#include "solve/stages.h"

void triad_solve_options_init(triad_solve_options *o)
{
    memset(o, 0, sizeof *o);
    o->struct_size = sizeof *o;
    o->method = TRIAD_METHOD_AUTO;
    o->seed = DEFAULT_SEED;
    o->time_limit = DEFAULT_TIME_LIMIT;
    o->threads = DEFAULT_THREADS;
}

/* The caller's options into *o, checked against the schools. */
triad_status take_solve_options(const triad_schools *schools,
                                       const triad_solve_options *opts, triad_solve_options *o,
                                       triad_error *err)
{
    triad_solve_options_init(o);
    triad_status vs = triad_i_take_options(o, sizeof *o, opts, "triad_solve_options", err);
    if (vs != TRIAD_OK)
        return vs;
    if (o->threads < 1 || o->threads > 256 || !(o->time_limit > 0) ||
        (unsigned)o->method > TRIAD_METHOD_ILP || (o->nhistory && !o->history))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "options out of range (threads 1-256, time_limit > 0, method, "
                            "history)");
    if (o->fixed && o->fixed->nschools != schools->n)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the fixed plan is not a plan for these schools");
    for (size_t h = 0; h < o->nhistory; h++)
        if (!o->history[h] || o->history[h]->nschools != schools->n)
            return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                                "history plan %zu is not a plan for these schools", h + 1);
    if (o->memberships && o->memberships->nschools != schools->n)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the memberships were not read for these schools");
    return TRIAD_OK;
}

