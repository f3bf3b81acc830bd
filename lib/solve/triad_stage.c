/* Triads inside each collaborative: the exact search (or the set-partitioning
 * ILP), priced with balance, constraints, travel and earlier years' partners. */
#include <limits.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve/ilp.h"
#include "model/sizes.h"
#include "solve/stages.h"
#include "solve/collab_ws.h"
#include "solve/triads.h"

/* Cost of a pair meeting again. hist[0] is last year. The first nrot plans
 * are earlier years of this rotation, where a repeat is hard; for the given
 * history the spec says: hard, or a penalty fading with the meeting's age. */
static double history_cost(const triad_spec *spec, const triad_plan *const *hist, size_t nhist,
                           size_t nrot, long a, long b)
{
    double c = 0, w = spec->history_weight;
    for (size_t h = 0; h < nhist; h++) {
        long ta = hist[h]->triad[a];
        int met = ta >= 0 && ta == hist[h]->triad[b];
        /* with keep, last year's pairs meet a quota (triads.c); the pairs
         * beyond it are avoided like any other, so keep = 0.3 keeps about
         * 30%, not everything */
        if (h < nrot)
            c += met ? PARTITION_HARD : 0;
        else if (met && spec->history_avoid)
            c += spec->history_avoid == 2 ? PARTITION_HARD : w;
        if (h >= nrot)
            w *= spec->history_fade;
    }
    return c;
}

static int met_before(const triad_plan *const *hist, size_t nhist, long a, long b)
{
    for (size_t h = 0; h < nhist; h++)
        if (hist[h]->triad[a] >= 0 && hist[h]->triad[a] == hist[h]->triad[b])
            return 1;
    return 0;
}

void collab_ws_free(collab_ws *w)
{
    free(w->loc);
    free(w->cell);
    free(w->trust);
    free(w->tsize);
    free(w->concern);
    free(w->kept);
    free(w->km);
    free(w->pair);
    free(w->frac);
    free(w->frac_sq);
    free(w->lock);
    free(w->lock_total);
}

int collab_ws_init(collab_ws *w, const stratum_job *j)
{
    const profile *p = j->p;
    size_t maxm = 0;
    for (size_t g = 0; g < j->k; g++)
        if ((size_t)j->size[g] > maxm)
            maxm = (size_t)j->size[g];
    w->loc = malloc((maxm + 1) * sizeof *w->loc);
    w->cell = malloc((maxm * j->ncat_attrs + 1) * sizeof *w->cell);
    w->trust = malloc((maxm + 1) * sizeof *w->trust);
    w->tsize = malloc((maxm + 1) * sizeof *w->tsize); /* at most one triad per two schools */
    w->concern = malloc(maxm + 1);
    w->kept = calloc(maxm * maxm + 1, 1);
    w->km = malloc((maxm * maxm + 1) * sizeof *w->km);
    w->pair = malloc((maxm * maxm + 1) * sizeof *w->pair);
    w->frac = malloc((j->ncells + 1) * sizeof *w->frac);
    w->frac_sq = calloc(j->ncat_attrs + 1, sizeof *w->frac_sq);
    w->lock = malloc((maxm + 1) * sizeof *w->lock);
    w->lock_total = malloc((maxm + 1) * sizeof *w->lock_total);
    if (!w->lock || !w->lock_total ||!w->loc || !w->cell || !w->trust || !w->tsize || !w->concern || !w->kept || !w->km ||
        !w->pair || !w->frac || !w->frac_sq)
        return 0;
    for (size_t c = 0; c < j->ncells; c++)
        w->frac[c] = j->cell_total[c] / (double)j->n;
    for (size_t a = 0, off = 0, ca = 0; a < p->nattr; a++) {
        if (p->attr[a].numeric)
            continue;
        for (size_t c = 0; c < p->attr[a].ncat; c++)
            w->frac_sq[ca] += w->frac[off + c] * w->frac[off + c];
        off += p->attr[a].ncat;
        ca++;
    }
    return 1;
}

int collab_prepare(collab_ws *w, const stratum_job *j, const int *group, size_t g,
                   const pstratum *ps, const triad_plan *const *hist, size_t nhist, size_t nrot,
                   solve_ctl *ctl, triads_problem *tp, size_t *mout)
{
    const profile *p = j->p;
    const triad_spec *spec = p->spec;
    size_t m = 0;
    for (size_t i = 0; i < j->n; i++)
        if (group[i] == (int)g)
            w->loc[m++] = (int)i;
    *mout = m;
    int q = sizes_triad_count((int)m, ps->triad_size);
    if (q == 0)
        return 0;
    for (int t = 0; t < q; t++)
        w->tsize[t] = (int)m / q + (t < (int)m % q ? 1 : 0);
    for (size_t a = 0; a < m; a++) {
        long si = j->member[w->loc[a]];
        memcpy(&w->cell[a * j->ncat_attrs], &j->cell[(size_t)w->loc[a] * j->ncat_attrs],
               j->ncat_attrs * sizeof *w->cell);
        w->trust[a] = p->trust[si];
        w->concern[a] = p->concern[si];
        for (size_t b = 0; b < m; b++) {
            long sb = j->member[w->loc[b]];
            w->km[a * m + b] = profile_km(p, (size_t)si, (size_t)sb);
            w->pair[a * m + b] = history_cost(spec, hist, nhist, nrot, si, sb);
            if (p->avoid_partners && a != b &&
                triad_memberships_share(p->memberships, (size_t)si, (size_t)sb))
                w->pair[a * m + b] += PARTITION_HARD; /* avoid_partnerships */
            /* the year before this one, outside the rotation */
            w->kept[a * m + b] = spec->history_keep > 0 && nhist > nrot && a != b &&
                                 hist[nrot]->triad[si] >= 0 &&
                                 hist[nrot]->triad[si] == hist[nrot]->triad[sb];
        }
    }
    int any_lock = 0;
    for (size_t a = 0; a < m; a++) {
        long si = j->member[w->loc[a]];
        /* the officer's triads are this year's: later years of a rotation
         * meet new partners */
        w->lock[a] = j->fixed && nrot == 0 && j->fixed->locked[si] ? j->fixed->triad[si] : -1;
        any_lock |= w->lock[a] >= 0;
    }
    for (size_t a = 0; a < m; a++) {
        w->lock_total[a] = 0;
        for (size_t b = 0; b < m && w->lock[a] >= 0; b++)
            w->lock_total[a] += w->lock[b] == w->lock[a];
    }
    triads_problem t = {.m = m,
                        .ntriads = (size_t)q,
                        .tsize = w->tsize,
                        .ncat_attrs = j->ncat_attrs,
                        .cell = w->cell,
                        .cat_weight = j->cat_weight,
                        .cell_frac = w->frac,
                        .ncells = j->ncells,
                        .frac_sq = w->frac_sq,
                        .trust = w->trust,
                        .trust_cap = spec->trust_cap_triad,
                        .concern = spec->no_concern_triads ? w->concern : NULL,
                        .km = w->km,
                        .max_km = spec->triad_max_km,
                        .km_weight = KM_WEIGHT,
                        .pair_cost = nhist || p->avoid_partners ? w->pair : NULL,
                        .lock = any_lock ? w->lock : NULL,
                        .lock_total = w->lock_total,
                        .stop = &ctl->stop};
    if (spec->history_keep > 0 && nhist > nrot) {
        int last = 0;
        for (size_t a = 0; a < m; a++)
            for (size_t b = a + 1; b < m; b++)
                last += w->kept[a * m + b];
        t.kept = w->kept;
        t.keep_quota = (int)ceil(spec->history_keep * last - 1e-9);
    }
    *tp = t;
    return q;
}

triad_status make_triads(const stratum_job *j, const int *group, const pstratum *ps,
                         triad_plan *plan, const long *collab_id, triad_method method,
                         solve_info *info, const triad_plan *const *hist, size_t nhist,
                         size_t nrot, int *const *joint, solve_ctl *ctl, triad_error *err)
{
    collab_ws w = {0};
    size_t maxm = 0;
    for (size_t g = 0; g < j->k; g++)
        if ((size_t)j->size[g] > maxm)
            maxm = (size_t)j->size[g];
    int *out = malloc((maxm + 1) * sizeof *out);
    triad_status st = TRIAD_OK;
    if (!out || !collab_ws_init(&w, j)) {
        st = triad_i_fail_nomem(err);
        goto done;
    }
    for (size_t g = 0; g < j->k && st == TRIAD_OK; g++) {
        size_t m;
        triads_problem tp;
        int q = collab_prepare(&w, j, group, g, ps, hist, nhist, nrot, ctl, &tp, &m);
        if (q == 0)
            continue;
        if (joint && joint[g]) {
            /* planned with the other years of the rotation (rotation_joint.c) */
            memcpy(out, joint[g] + nrot * m, m * sizeof *out);
        } else if (method == TRIAD_METHOD_RANDOM || method == TRIAD_METHOD_DEAL ||
                   method == TRIAD_METHOD_GEO) {
            for (size_t a = 0, t = 0, f = 0; a < m; a++) { /* consecutive chunks */
                out[a] = (int)t;
                if (++f == (size_t)w.tsize[t]) {
                    t++;
                    f = 0;
                }
            }
        } else if (method == TRIAD_METHOD_ILP && m <= 16) {
            ilp_result ir;
            /* the solve's time limit bounds this model too */
            double left = ctl->stop.deadline - clock_now();
            st = ilp_triads(&tp, out, left > 0.05 ? left : 0.05, &ctl->stop, &ir, err);
            if (st != TRIAD_OK)
                break;
            if (strcmp(ir.status, "optimal") != 0) {
                /* none from the model in time: the branch and bound's triads,
                 * said as such (never "no solution" for triads that exist) */
                snprintf(info->triads, sizeof info->triads, "%s",
                         isnan(ir.objective) ? "heuristic (time limit)" : ir.status);
                if (isnan(ir.objective) && triads_solve(&tp, out) < 0) {
                    st = triad_i_fail_nomem(err);
                    break;
                }
            }
        } else if (triads_solve(&tp, out) < 0) {
            st = triad_i_fail_nomem(err);
            break;
        }
        long first = -1;
        for (int t = 0; t < q && st == TRIAD_OK; t++) {
            char label[300];
            snprintf(label, sizeof label, "%s.%d", plan->collab_label[collab_id[g]], t + 1);
            long id = plan_add_triad(plan, collab_id[g], label);
            if (id < 0)
                st = triad_i_fail_nomem(err);
            if (t == 0)
                first = id;
        }
        for (size_t a = 0; a < m && st == TRIAD_OK; a++)
            plan->triad[j->member[w.loc[a]]] = first + out[a];
        for (size_t a = 0; a < m && st == TRIAD_OK; a++)
            for (size_t b = a + 1; b < m; b++)
                if (out[a] == out[b] &&
                    met_before(hist, nhist, j->member[w.loc[a]], j->member[w.loc[b]]))
                    plan->repeats++;
    }
done:
    collab_ws_free(&w);
    free(out);
    if (st == TRIAD_OK && ctl->cancel)
        st = triad_i_fail(err, TRIAD_ERR_CANCELLED, NULL, 0, 0, "cancelled by the caller");
    return st;
}
