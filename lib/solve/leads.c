/* One lead school per collaborative. */
#include <math.h>

#include "model/schools_impl.h"
#include "solve/stages.h"

/* The lead: the eligible school with the best grade, then the longest-serving
 * head, then the most pupils. */
static int better_lead(const school_rec *a, const school_rec *b)
{
    int ga = a->ofsted ? a->ofsted : 9, gb = b->ofsted ? b->ofsted : 9;
    if (ga != gb)
        return ga < gb;
    double ya = isnan(a->head_years) ? 0 : a->head_years,
           yb = isnan(b->head_years) ? 0 : b->head_years;
    if (ya != yb)
        return ya > yb;
    double pa = isnan(a->pupils) ? 0 : a->pupils, pb = isnan(b->pupils) ? 0 : b->pupils;
    return pa > pb;
}

void choose_leads(const stratum_job *j, const int *group, triad_plan *plan)
{
    const profile *p = j->p;
    for (size_t g = 0; g < j->k; g++) {
        long best = -1;
        for (size_t i = 0; i < j->n; i++) {
            long si = j->member[i];
            if (group[i] != (int)g || !p->lead_ok[si])
                continue;
            if (best < 0 || better_lead(&p->schools->s[si], &p->schools->s[best]))
                best = si;
        }
        if (best >= 0)
            plan->lead[best] = 1;
    }
}
