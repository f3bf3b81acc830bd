/* The years of a rotation: the collaboratives are designed once and kept;
 * each year's triads avoid every pair that met in an earlier year. */
#include <stdio.h>
#include <stdlib.h>

#include "solve/stages.h"

triad_status rotation_plan_years(const stratum_job *j, const int *group, int stratum,
                                 const triad_solve_options *o, solve_ctl *ctl,
                                 triad_plan **plans, size_t years, solve_info *info,
                                 double t_start, triad_i_buf *warn, triad_error *err)
{
    const profile *p = j->p;
    triad_method m = o->method;
    triad_status st = TRIAD_OK;
    /* The collaboratives stay; each year's triads avoid the partners of the
     * years before it and of the given history (most recent first). */
    const triad_plan **hist = malloc((years + o->nhistory + 1) * sizeof *hist);
    long *collab_id = malloc((j->k + 1) * sizeof *collab_id);
    int **joint = calloc(j->k + 1, sizeof *joint);
    if (!hist || !collab_id || !joint)
        st = triad_i_fail_nomem(err);
    int exact = m == TRIAD_METHOD_AUTO || m == TRIAD_METHOD_SEARCH || m == TRIAD_METHOD_ILP;
    if (st == TRIAD_OK && years > 1 && exact)
        st = rotation_joint_triads(j, group, &p->strata[stratum], o->history, o->nhistory, years,
                                   ctl, joint, warn, err);
    for (size_t y = 0; st == TRIAD_OK && y < years; y++) {
        triad_plan *py = plans[y];
        size_t nhist = 0;
        for (size_t q = y; q-- > 0;)
            hist[nhist++] = plans[q];
        for (size_t q = 0; q < o->nhistory; q++)
            hist[nhist++] = o->history[q];
        solve_info *iy = info;
        if (y > 0) {
            iy = &py->info[py->ninfo++];
            *iy = *info;
        }
        for (size_t g = 0; st == TRIAD_OK && g < j->k; g++) {
            char label[300];
            if (j->label && j->label[g]) /* continuity: last year's label */
                snprintf(label, sizeof label, "%s", j->label[g]);
            else
                snprintf(label, sizeof label, "%s-%02zu", p->strata[stratum].name, g + 1);
            if ((collab_id[g] = plan_add_collab(py, label)) < 0)
                st = triad_i_fail_nomem(err);
        }
        for (size_t i = 0; st == TRIAD_OK && i < j->n; i++)
            py->collab[j->member[i]] = collab_id[group[i]];
        if (st == TRIAD_OK)
            st = make_triads(j, group, &p->strata[stratum], py, collab_id, m, iy, hist, nhist, y,
                             joint, ctl, err);
        if (st == TRIAD_OK && y == 0)
            st = check_locked_triads(j, py, err);
        if (st == TRIAD_OK)
            st = choose_leads(j, group, py, err);
        iy->seconds = clock_now() - t_start;
    }
    for (size_t g = 0; joint && g < j->k; g++)
        free(joint[g]);
    free(joint);
    free(hist);
    free(collab_id);
    return st;
}
