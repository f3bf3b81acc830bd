/* One call of triad_broker as its stages see it (broker_solve.c runs
 * them; broker_better.c holds the stages that look for a better plan than
 * the rounding's). Never installed. */
#ifndef TRIAD_BROKER_BROKER_RUN_H
#define TRIAD_BROKER_BROKER_RUN_H
#include <glpk.h>

#include "broker/broker_impl.h"

#define SECOND_OBJECTIVE_SHARE 0.05 /* of the time, kept back for stage 4 */

/* Everything one call works on; stages read and fill it. */
typedef struct broker_run {
    const triad_schools *s;
    const triad_market *m;
    triad_broker_options o;
    broker_arcs g;
    double t0, deadline;
    double *start;       /* 1-based column values of the rounding, for the MIP */
    unsigned char *open; /* per pair: switched on in the answer */
    double relax, first, bound;
    int integral; /* every day count whole: the optimum is a whole number */
    int cancelled, mip_ran;
    int cut_by_time;     /* a search stage stopped by the clock, not its own count */
    int caps_in;         /* the switch columns and cap rows are in the model */
    int lp_done;         /* the first LP finished: its bound, not the needs' own */
    double *preferred;   /* stage 1b's flow per arc, or NULL */
    broker_price *price; /* stage 2c's columns while they run, or NULL */
    char status[32];
} broker_run;

/* The LP from its basis by the primal simplex, keeping reserve (a share of
 * the time limit) back: 1 when it solved to optimality. */
int broker_simplex(glp_prob *P, const broker_run *r, double reserve);
/* The chosen pairs (r->open) fixed: a closed pair's arcs carry nothing. */
void broker_fix_pairs(glp_prob *P, const broker_run *r);
/* Every arc free again, then the pairs of r->open fixed. */
void broker_refix_pairs(glp_prob *P, const broker_run *r);
/* The LP just solved over r->open as the plan to beat. */
void broker_take_start(glp_prob *P, broker_run *r);
/* The deadline of the search stages: stage 4's share kept back. */
double broker_search_deadline(const broker_run *r);
/* Stage 2a: supporters chosen school by school, kept when better. */
void broker_try_picked_pairs(glp_prob *P, broker_run *r);
/* Stage 2b: the plan's supporters moved where the LP's prices say. */
void broker_improve_pairs(glp_prob *P, broker_run *r);
/* Stage 2c: the bound by columns, and the dive's plan where better. */
void broker_price_columns(glp_prob *P, broker_run *r);
#endif
