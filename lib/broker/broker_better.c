/* The stages that look for a better plan than the rounding's (2a-2c of
 * broker_solve.c), each kept only when it meets more. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_run.h"
#include "core/clock.h"
#include "model/schools_impl.h"
#include "solve/glpk_guard.h"

double broker_search_deadline(const broker_run *r)
{
    return r->deadline - SECOND_OBJECTIVE_SHARE * r->o.time_limit;
}

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
 * plan. The choosing stops on its own (50 passes at most). */
void broker_try_picked_pairs(glp_prob *P, broker_run *r)
{
    const broker_arcs *g = &r->g;
    double *x = malloc((g->na + 1) * sizeof *x);
    unsigned char *open = malloc(g->np + 1);
    double until = broker_search_deadline(r);
    if (x && open && broker_pick_pairs(r->m, g, &r->o, r->s->n, until, x, open))
        try_pairs(P, r, open);
    else
        free(open);
    free(x);
}

/* Stage 2b (broker_improve.c): the plan's supporters moved where the LP's
 * prices say it meets more, for IMPROVE_LPS moves at most. A count, not a
 * share of the time, so that the plan does not depend on the machine.
 * Measured on the bench's Surrey market (1,008 needs and offers): the
 * moves reach 7,189 of the optimum's 7,194 within 14,000 LPs (2.4 s), and
 * their local optimum, also 7,189, only after 37,000 (6 s); the search
 * among the columns proves 7,194 from 7,189 in 4,000 nodes (4.6 s), and
 * not from the 7,188 reached after 8,000-12,000 LPs, even with 12,000.
 * When the LP fails on the way, the plan before the moves stays. */
#define IMPROVE_LPS 14000

void broker_improve_pairs(glp_prob *P, broker_run *r)
{
    unsigned char *was = malloc(r->g.np + 1);
    double v = r->first;
    broker_work work = {broker_search_deadline(r), IMPROVE_LPS, 0, 0};
    if (!was)
        return;
    memcpy(was, r->open, r->g.np + 1);
    /* NULL: pairs only; in r->price so that a GLPK failure frees it */
    r->price = broker_price_new(r->m, &r->g, &r->o, r->s->n);
    int t = broker_improve(r->m, &r->g, r->price, (size_t)r->o.max_supporters, r->s->n, &work,
                           r->integral ? floor(r->bound + 1e-6) : r->bound, r->open, &v);
    r->cut_by_time |= work.out_of_time;
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

/* Stage 2c (broker_price.c): the bound, the dive's plan where it meets more.
 * Its pricing stops when no column prices out and its searches on their
 * node counts; the MIP after it gets what time is left. */
void broker_price_columns(glp_prob *P, broker_run *r)
{
    r->price = broker_price_new(r->m, &r->g, &r->o, r->s->n);
    unsigned char *open = r->price ? malloc(r->g.np + 1) : NULL;
    broker_work work = {broker_search_deadline(r), 0, 0, 0};
    double bound = INFINITY;
    if (open &&
        broker_price_run(r->price, r->start + 1, &work, r->first, r->integral, &bound, open))
        try_pairs(P, r, open); /* takes open over */
    else
        free(open);
    r->cut_by_time |= work.out_of_time;
    r->bound = fmin(r->bound, bound);
    broker_price_free(r->price);
    r->price = NULL;
}
