/* The MDGP instance: lifetime, accessors and the evaluator that re-scores
 * any assignment independently of the search. */
#include <stdlib.h>

#include "core/util.h"
#include "model/mdgp_impl.h"

void triad_mdgp_free(triad_mdgp *g)
{
    if (!g)
        return;
    free(g->lo);
    free(g->up);
    free(g->d);
    free(g);
}

size_t triad_mdgp_elements(const triad_mdgp *g)
{
    return g ? g->n : 0;
}

size_t triad_mdgp_groups(const triad_mdgp *g)
{
    return g ? g->m : 0;
}

triad_status triad_mdgp_evaluate(const triad_mdgp *g, const int *group, double *objective,
                                 triad_error *err)
{
    triad_error_clear(err);
    if (!g || !group || !objective)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "NULL argument");
    int *count = calloc(g->m, sizeof *count);
    if (!count)
        return triad_i_fail_nomem(err);
    triad_status st = TRIAD_OK;
    for (size_t i = 0; i < g->n && st == TRIAD_OK; i++) {
        if (group[i] < 0 || (size_t)group[i] >= g->m)
            st = triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                              "element %zu has group %d, outside 0-%zu", i, group[i], g->m - 1);
        else
            count[group[i]]++;
    }
    for (size_t k = 0; k < g->m && st == TRIAD_OK; k++)
        if (count[k] < g->lo[k] || count[k] > g->up[k])
            st = triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                              "group %zu has %d elements, outside its bounds %d-%d", k, count[k],
                              g->lo[k], g->up[k]);
    free(count);
    if (st != TRIAD_OK)
        return st;
    double sum = 0;
    for (size_t i = 0; i < g->n; i++)
        for (size_t j = i + 1; j < g->n; j++)
            if (group[i] == group[j])
                sum += g->d[i * g->n + j];
    *objective = sum;
    return TRIAD_OK;
}
