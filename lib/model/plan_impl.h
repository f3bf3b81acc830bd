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
    size_t ncollab, ntriad;
    char **collab_label;
    char **triad_label;
    long *triad_collab; /* collaborative of each triad */
};

/* An empty plan for n schools (all unplanned). NULL on allocation failure. */
triad_plan *plan_new(size_t nschools);

/* Appends a collaborative / a triad of collaborative c with the given label;
 * returns its index or -1 on allocation failure. */
long plan_add_collab(triad_plan *p, const char *label);
long plan_add_triad(triad_plan *p, long collab, const char *label);

#endif
