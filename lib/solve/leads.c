/* One lead school per collaborative, and the officer's locks on leads and
 * triads (solve --fixed) checked after the triad stage. */
#include <math.h>
#include <string.h>

#include "model/schools_impl.h"
#include "solve/stages.h"

/* The lead: the eligible school with the best grade, then the longest-serving
 * head, then the most pupils. */
int lead_better(const school_rec *a, const school_rec *b)
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

/* 1 when school si shares its head with a school that leads already: one
 * head never leads two collaboratives (an all-through school split by
 * phase, a federation). */
static int head_leads_elsewhere(const profile *p, const triad_plan *plan, long si)
{
    const school_rec *rec = p->schools->s;
    if (!rec[si].head || !rec[si].head[0])
        return 0;
    for (size_t i = 0; i < p->n; i++)
        if ((long)i != si && plan->lead[i] && rec[i].head && strcmp(rec[i].head, rec[si].head) == 0)
            return 1;
    return 0;
}

/* A school whose row the officer locked: its lead field is theirs. */
static int lead_locked(const stratum_job *j, long si)
{
    return j->fixed && j->fixed->locked[si] && j->fixed->collab[si] >= 0;
}

triad_status choose_leads(const stratum_job *j, const int *group, triad_plan *plan,
                          triad_error *err)
{
    const profile *p = j->p;
    const school_rec *rec = p->schools->s;
    for (size_t g = 0; g < j->k; g++) {
        long best = -1, kept = -1;
        for (size_t i = 0; i < j->n; i++) {
            long si = j->member[i];
            if (group[i] != (int)g)
                continue;
            if (lead_locked(j, si) && j->fixed->lead[si]) {
                if (kept >= 0)
                    return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                                        "the fixed plan locks two leads in one collaborative: "
                                        "URN %s and URN %s (unlock one, or clear its lead)",
                                        rec[kept].urn, rec[si].urn);
                kept = si;
            }
            /* a locked row with lead 0 stays a member, never the lead */
            if (!p->lead_ok[si] || lead_locked(j, si) || head_leads_elsewhere(p, plan, si))
                continue;
            if (best < 0 || lead_better(&rec[si], &rec[best]))
                best = si;
        }
        if (kept >= 0)
            best = kept; /* the officer's choice, eligible or not: check reports it */
        if (best >= 0)
            plan->lead[best] = plan->lead_years[best] = 1;
    }
    return TRIAD_OK;
}

triad_status check_locked_triads(const stratum_job *j, const triad_plan *plan, triad_error *err)
{
    const triad_plan *f = j->fixed;
    const school_rec *rec = j->p->schools->s;
    if (!f)
        return TRIAD_OK;
    /* pairs of locked schools of one collaborative: O(n * group size) */
    for (size_t a = 0; a < j->n; a++) {
        long sa = j->member[a];
        if (!f->locked[sa] || f->triad[sa] < 0)
            continue;
        for (size_t b = a + 1; b < j->n; b++) {
            long sb = j->member[b];
            if (!f->locked[sb] || f->triad[sb] < 0 || plan->collab[sa] != plan->collab[sb])
                continue;
            int were = f->triad[sa] == f->triad[sb], are = plan->triad[sa] == plan->triad[sb];
            if (were == are)
                continue;
            return triad_i_fail(
                err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                "the fixed plan locks URN %s and URN %s %s triad (%s%s%s), but collaborative "
                "%s's triad sizes or rules cannot keep them %s: unlock one of the rows, or "
                "change the triad",
                rec[sa].urn, rec[sb].urn, were ? "in one" : "in different",
                f->triad_label[f->triad[sa]], were ? "" : " and ",
                were ? "" : f->triad_label[f->triad[sb]], plan->collab_label[plan->collab[sa]],
                were ? "together" : "apart");
        }
    }
    return TRIAD_OK;
}
