/* The stages that look for a better plan than the rounding's (2a-2c of
 * broker_solve.c), each kept only when it meets more. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_run.h"
#include "core/clock.h"
#include "model/schools_impl.h"
#include "solve/glpk_guard.h"

/* The pairs of open[] (taken over, freed here) with the best flow for
 * them: kept as the plan to beat when they meet more than it, else the
 * plan stays. */
static void try_pairs(glp_prob *P, broker_run *r, unsigned char *open)
{
    unsigned char *was = r->open;
    r->open = open;
    broker_refix_pairs(P, r);
    if (broker_simplex(P, r, SECOND_OBJECTIVE_SHARE) && glp_get_obj_val(P) > r->first + 1e-9) {
        broker_take_start(P, r);
        free(was);
        return;
    }
    r->open = was;
    free(open);
    broker_refix_pairs(P, r);
    broker_simplex(P, r, SECOND_OBJECTIVE_SHARE);
}

/* Supporters chosen school by school (broker_pairs.c), kept when they
 * meet more than the rounding: the later stages start from the better
 * plan. The choosing may use a third of the time left. */
void broker_try_picked_pairs(glp_prob *P, broker_run *r)
{
    const broker_arcs *g = &r->g;
    double *x = malloc((g->na + 1) * sizeof *x);
    unsigned char *open = malloc(g->np + 1);
    double until = clock_now() + (r->deadline - clock_now()) / 3;
    if (x && open && broker_pick_pairs(r->m, g, &r->o, r->s->n, until, x, open))
        try_pairs(P, r, open);
    else
        free(open);
    free(x);
}

/* Stage 2b (broker_improve.c): the plan's supporters moved where the LP's
 * prices say it meets more; a quarter of the time left at most (on the
 * bench's Surrey market it reaches its local optimum in about 3 s of 10,
 * and the search among the columns needs the rest). When the LP
 * fails on the way, the plan before the moves stays. */
void broker_improve_pairs(glp_prob *P, broker_run *r)
{
    unsigned char *was = malloc(r->g.np + 1);
    double v = r->first, until = clock_now() + (r->deadline - clock_now()) / 4;
    if (!was)
        return;
    memcpy(was, r->open, r->g.np + 1);
    /* NULL: pairs only; in r->price so that a GLPK failure frees it */
    r->price = broker_price_new(r->m, &r->g, &r->o, r->s->n);
    int t = broker_improve(r->m, &r->g, r->price, (size_t)r->o.max_supporters, r->s->n, until,
                           r->integral ? floor(r->bound + 1e-6) : r->bound, r->open, &v);
    broker_price_free(r->price);
    r->price = NULL;
    if (t != 0) {
        broker_refix_pairs(P, r);
        if (!broker_simplex(P, r, SECOND_OBJECTIVE_SHARE) || glp_get_obj_val(P) < r->first) {
            memcpy(r->open, was, r->g.np + 1);
            broker_refix_pairs(P, r);
            broker_simplex(P, r, SECOND_OBJECTIVE_SHARE);
        } else {
            broker_take_start(P, r);
        }
    }
    free(was);
}

/* Stage 2c (broker_price.c): the bound, the dive's plan where it meets more;
 * nine tenths of the time left at most (the MIP after it rarely improves
 * on it, and the search aimed at the bound needs seconds). */
void broker_price_columns(glp_prob *P, broker_run *r)
{
    r->price = broker_price_new(r->m, &r->g, &r->o, r->s->n);
    unsigned char *open = r->price ? malloc(r->g.np + 1) : NULL;
    double until =
        clock_now() + 0.9 * (r->deadline - clock_now() - SECOND_OBJECTIVE_SHARE * r->o.time_limit);
    double bound = INFINITY;
    if (open &&
        broker_price_run(r->price, r->start + 1, until, r->first, r->integral, &bound, open))
        try_pairs(P, r, open); /* takes open over */
    else
        free(open);
    r->bound = fmin(r->bound, bound);
    broker_price_free(r->price);
    r->price = NULL;
}
