/* GLPK aborts the process on an internal error unless its error hook
 * leaves by longjmp; its terminal output goes to our hook, not the terminal. */
#include "solve/glpk_guard.h"

#include <string.h>

#include "core/util.h"


/* GLPK calls the error hook and aborts if it returns: we jump back to the
 * entry point instead, free GLPK's per-thread environment, and report. */

static void on_glpk_error(void *info)
{
    glpk_guard *g = info;
    longjmp(g->jump, 1);
}

static int on_glpk_term(void *info, const char *s)
{
    glpk_guard *g = info;
    size_t n = strlen(s);
    if (n > 1 || (n == 1 && s[0] != '\n')) {
        snprintf(g->last, sizeof g->last, "%s", s);
        size_t k = strlen(g->last);
        while (k && (g->last[k - 1] == '\n' || g->last[k - 1] == ' '))
            g->last[--k] = '\0';
    }
    return 1; /* non-zero: GLPK prints nothing itself */
}

/* GLPK keeps one environment per thread. glp_init_env() says whether it
 * made a new one: if we did, we free it when we leave, so a worker thread of
 * the host does not keep GLPK's memory after the call; if the host uses GLPK
 * in this thread too, its environment is left alone. */
void glpk_enter(glpk_guard *g)
{
    g->last[0] = '\0';
    g->own_env = glp_init_env() == 0;
    glp_term_hook(on_glpk_term, g);
    glp_error_hook(on_glpk_error, g);
}

void glpk_leave(const glpk_guard *g)
{
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    if (g->own_env)
        glp_free_env();
}

triad_status glpk_failed(glpk_guard *g, triad_error *err)
{
    /* GLPK can only go on after an error once its environment is freed: this
     * releases every GLPK object of this thread, the host's included. */
    glp_free_env();
    return triad_i_fail(err, TRIAD_ERR_INTERNAL, NULL, 0, 0, "GLPK failed: %s",
                        g->last[0] ? g->last : "(no message)");
}

