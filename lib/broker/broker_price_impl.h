/* The inside of the bound by columns (broker_price.c: the master and
 * the pricing; broker_dive.c: the search for a plan among the columns).
 * Never installed. */
#ifndef TRIAD_BROKER_BROKER_PRICE_IMPL_H
#define TRIAD_BROKER_BROKER_PRICE_IMPL_H
#include <glpk.h>

#include "broker/broker_impl.h"

struct broker_price {
    const triad_market *m;
    const broker_arcs *g;
    size_t nschools, K;
    size_t *need_start, *need_item; /* needs by needing school */
    size_t *pair_start, *pair_item; /* pairs by needing school */
    size_t *cell_start;             /* per school: its (pair, need) table in arc_of */
    long *arc_of;                   /* the arc of each (pair, need) of a school, -1 */
    int *sup_row;                   /* per supporter: its max_schools row, 0 none */
    int school_row0;                /* row of school 0's "one choice" */
    double *dual;                   /* per row of the master, 1-based */
    double *sval;                   /* scratch per pair of one school */
    size_t *order;
    long *col_pair;      /* per master column: K pairs (-1 unused) */
    size_t *col_sch;     /* per master column: its school */
    size_t *fix, *fix_n; /* per school: the places of its fixed pairs, their count */
    size_t ncols, cap_cols;
    size_t *stack, nstack;       /* the schools the search fixed, in order */
    size_t max_cells, max_needs; /* the largest school's table, its needs */
    int *ind;                    /* scratch for one column */
    double *val;
    glp_prob *P;
};

/* Scratch for pricing one school at a time. */
typedef struct price_scratch {
    double *rr, *cc, *days;
    size_t best[2];
    size_t budget; /* nodes the plan search may still enter */
} price_scratch;

/* The master's rows: each offer's days, each limited supporter's
 * max_schools, each school's one choice. */
void master_rows(broker_price *c);
/* Adds school s's column: its pairs set[0..n-1] (places in its list) and
 * days per (pair, need) in days[] (n x nn; NULL: none). 0 on allocation
 * failure. */
int add_column(broker_price *c, size_t s, const size_t *set, size_t n, const double *days);
/* The columns of a plan x (days per arc). 0 on allocation failure. */
int seed_columns(broker_price *c, const double *x);
/* One round: the master solved, every school priced, a column added for
 * each school whose best choice beats its price. The Lagrangian bound at
 * these prices (meaningful before the dive fixes any school), -INFINITY
 * when the master has no solution, NAN when out of time or memory;
 * *added counts the columns. */
double price_round(broker_price *c, double deadline, price_scratch *w, size_t *added);
#endif
