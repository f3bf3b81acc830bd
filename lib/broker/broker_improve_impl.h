/* The inside of stage 2b (broker_improve.c: its LP, the single moves,
 * the search; broker_chains.c: the moves a school's best set of
 * supporters suggests, alone or in chains of two, and the kicks). Never
 * installed. */
#ifndef TRIAD_BROKER_BROKER_IMPROVE_IMPL_H
#define TRIAD_BROKER_BROKER_IMPROVE_IMPL_H
#include <glpk.h>

#include "broker/broker_impl.h"

#define DIRECT 1e6 /* added to the score of a move that meets unmet days directly */

typedef struct improve {
    glp_prob *P; /* its own LP: a row per offer and per need, a column per arc switched on */
    const triad_market *m;
    const broker_arcs *g;
    int *col_of; /* per arc: its column in P, 0 while never switched on */
    unsigned char *open;
    size_t K, nschools;
    size_t *arc_start, *arc_item;   /* arcs by pair */
    size_t *pair_start, *pair_item; /* pairs by needing school */
    size_t *sup_start, *sup_item;   /* pairs by supporter */
    size_t *per_sch, *per_sup;      /* pairs switched on */
    double *unmet;                  /* per need: days the plan leaves */
    double *cand;                   /* (score, pair) of closed pairs that price out */
    broker_work *work;
    double value, stop_at;
    int force; /* moves kept whatever they meet (the kicks) */
} improve;

/* A move: pairs switched on and off together. */
typedef struct move {
    size_t on[4], off[16], non, noff;
} move;

/* Prices of the LP's offer rows, the days each need lacks, and the schools
 * that lack days an arc of theirs prices out for (1) or that lack days
 * at all (2). 0 on allocation failure. */
typedef struct prices {
    double *price, *barred;
    unsigned char *short_of;
} prices;

/* Pair p's arcs free (on) or held at nothing (off). */
void improve_set_pair(improve *w, size_t p, int on);
/* The LP from its basis; its value, or NAN when it did not solve in time. */
double improve_resolve(improve *w);
/* Days on arc k in the LP's answer. */
double improve_arc_flow(const improve *w, size_t k);
/* Arc k's reduced cost at the LP's prices (whether or not it is in it). */
double improve_arc_rc(const improve *w, size_t k);
/* Adds to mv: school sch takes the pairs set[0..n-1] and lets its other
 * pairs go (never a match under way). 0 when the caps or the move's room
 * do not allow it. */
int improve_add_set(const improve *w, move *mv, size_t sch, const size_t *set, size_t n);
/* Applies mv; kept when the LP meets strictly more (or w->force), else
 * undone. 1 kept, 0 undone, -1 the LP failed. */
int improve_try(improve *w, const move *mv);
/* The LP's offer prices, the days each need lacks and the schools short
 * of days into pc. 0 on allocation failure. */
int improve_prices_read(improve *w, const triad_market *m, prices *pc);
void improve_prices_free(prices *pc);
/* Each school short of days tries its best set at the LP's prices, then
 * the chains of two moves. 1 when a move was kept, 0 none, -1 failed. */
int improve_choice_moves(improve *w, const triad_market *m, broker_price *choice);
/* A school short of days made to take its best set at the prices whatever
 * it meets, the next after *next; *scanned counts the schools looked at.
 * 1 kicked, 0 none to kick, -1 failed. */
int improve_kick(improve *w, broker_price *choice, size_t *next, size_t *scanned);
#endif
