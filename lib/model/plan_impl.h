/* The inside of triad_plan. Never installed. */
#ifndef TRIAD_MODEL_PLAN_IMPL_H
#define TRIAD_MODEL_PLAN_IMPL_H

#include <stddef.h>

#include "triad/triad.h"

struct triad_plan {
    size_t nschools; /* schools of the file the plan was made for */
    long *collab;    /* per school, -1 when not planned */
    long *triad;     /* per school, -1 when in no triad */
    unsigned char *lead;
    unsigned char *lead_years; /* per lead: years led, this plan's year counted (1: new) */
    unsigned char *steps_down; /* per lead of a history plan: its head steps down */
    unsigned char *locked; /* per school: keep it where the plan has it (--fixed) */
    size_t ncollab, ntriad;
    char **collab_label;
    char **triad_label;
    long *triad_collab; /* collaborative of each triad */
    char *solver_log;   /* NULL for a plan read from a file */
    size_t repeats;     /* triad pairs that met in the history solved against */
    size_t ninfo;
    struct solve_info *info; /* per stratum, for the report */
    size_t ngone;            /* a history plan: its URNs no longer in the schools */
    char **gone;
    unsigned char *gone_lead; /* per gone URN: it was a lead */
};

/* What the solver did for one stratum. */
typedef struct solve_info {
    char stratum[128];
    char engine[32];   /* "search", "ilp", "random", ... */
    char status[32];   /* ILP status, or "heuristic" */
    double objective;  /* ILP objective (weighted excess beyond one) */
    double bound, gap; /* NAN when not proven */
    double seconds;
    char triads[32];   /* "exact" (branch and bound) or the triad ILP status */
    char sizes[320];   /* the sizes chosen for the stratum's collaboratives, and why */
} solve_info;

/* An empty plan for n schools (all unplanned). NULL on allocation failure. */
triad_plan *plan_new(size_t nschools);

/* Appends a collaborative / a triad of collaborative c with the given label;
 * returns its index or -1 on allocation failure. */
/* Why label cannot name a group (not UTF-8, or a line break or other
 * control character in it: outputs show labels on one line), or NULL. */
const char *plan_label_problem(const char *label);
long plan_add_collab(triad_plan *p, const char *label);
long plan_add_triad(triad_plan *p, long collab, const char *label);

#endif
