/* The triad problem of one collaborative at a time (triad_stage.c): scratch
 * arrays sized once for a stratum's largest collaborative, and the problem
 * of collaborative g priced against earlier years. Shared by the triad
 * stage and the joint rotation search (rotation_joint.c). */
#ifndef TRIAD_SOLVE_COLLAB_WS_H
#define TRIAD_SOLVE_COLLAB_WS_H

#include "solve/stages.h"
#include "solve/triads.h"

/* Scratch arrays for one collaborative's triad problem, sized for the
 * largest collaborative of the job. */
typedef struct collab_ws {
    int *loc; /* collab member -> job local index */
    int *cell, *trust, *tsize;
    unsigned char *concern, *kept;
    double *km, *pair, *frac, *frac_sq;
    long *lock; /* --fixed: each member's locked triad, -1 free */
    int *lock_total;
} collab_ws;

/* Sizes w for job j's largest collaborative; 0 on allocation failure (w
 * then holds what was allocated: free it with collab_ws_free). */
int collab_ws_init(collab_ws *w, const stratum_job *j);
void collab_ws_free(collab_ws *w);

/* The triad problem of collaborative g (members in w->loc), priced against
 * the earlier plans hist (the first nrot of them years of this rotation).
 * Returns the number of triads, 0 when the collaborative has none; *mout
 * receives its number of schools. */
int collab_prepare(collab_ws *w, const stratum_job *j, const int *group, size_t g,
                   const pstratum *ps, const triad_plan *const *hist, size_t nhist, size_t nrot,
                   solve_ctl *ctl, triads_problem *tp, size_t *mout);

#endif
