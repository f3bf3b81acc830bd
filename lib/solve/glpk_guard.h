/* Entering and leaving GLPK safely (see glpk_guard.c). Never installed.
 * Use:   glpk_guard g; glpk_enter(&g);
 *        if (setjmp(g.jump)) { free what you own; return glpk_failed(&g, err); }
 *        ... GLPK calls ...; glpk_leave(&g); */
#ifndef TRIAD_SOLVE_GLPK_GUARD_H
#define TRIAD_SOLVE_GLPK_GUARD_H

#include <glpk.h>
#include <setjmp.h>

#include "triad/triad.h"

typedef struct glpk_guard {
    jmp_buf jump;
    char last[512]; /* the last line GLPK wrote: its error message */
    int own_env;    /* we created this thread's GLPK environment */
} glpk_guard;

/* Installs the hooks (and this thread's GLPK environment when needed). */
void glpk_enter(glpk_guard *g);
/* Removes the hooks; frees the environment if glpk_enter created it. */
void glpk_leave(const glpk_guard *g);
/* After a longjmp: frees the thread's GLPK environment and returns
 * TRIAD_ERR_INTERNAL with GLPK's message. */
triad_status glpk_failed(glpk_guard *g, triad_error *err);

#endif
