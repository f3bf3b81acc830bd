/* Triads inside each collaborative: the exact search (or the set-partitioning
 * ILP), priced with balance, constraints, travel and earlier years' partners. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve/ilp.h"
#include "model/sizes.h"
#include "solve/stages.h"
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
        if (h == nrot && spec->history_keep > 0)
            continue; /* continuity with last year: a quota, not a penalty */
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

triad_status make_triads(const stratum_job *j, const int *group, const pstratum *ps,
                                triad_plan *plan, const long *collab_id, triad_method method,
                                solve_info *info, const triad_plan *const *hist, size_t nhist,
                                size_t nrot, solve_ctl *ctl, triad_error *err)
{
    const profile *p = j->p;
    const triad_spec *spec = p->spec;
    size_t maxm = 0;
    for (size_t g = 0; g < j->k; g++)
        if ((size_t)j->size[g] > maxm)
            maxm = (size_t)j->size[g];
    int *loc = malloc((maxm + 1) * sizeof *loc);     /* collab member -> job local */
    int *cell = malloc((maxm * j->ncat_attrs + 1) * sizeof *cell);
    int *trust = malloc((maxm + 1) * sizeof *trust);
    unsigned char *concern = malloc(maxm + 1);
    double *km = malloc((maxm * maxm + 1) * sizeof *km);
    double *pair = malloc((maxm * maxm + 1) * sizeof *pair);
    unsigned char *kept = calloc(maxm * maxm + 1, 1);
    int *out = malloc((maxm + 1) * sizeof *out);
    double *frac = malloc((j->ncells + 1) * sizeof *frac);
    double *frac_sq = calloc(j->ncat_attrs + 1, sizeof *frac_sq);
    int *tsize = malloc((maxm + 1) * sizeof *tsize); /* at most one triad per two schools */
    triad_status st = TRIAD_OK;
    if (!loc || !cell || !trust || !concern || !km || !pair || !kept || !out || !frac ||
        !frac_sq || !tsize) {
        st = triad_fail_nomem(err);
        goto done;
    }
    for (size_t c = 0; c < j->ncells; c++)
        frac[c] = j->cell_total[c] / (double)j->n;
    for (size_t a = 0, off = 0, ca = 0; a < p->nattr; a++) {
        if (p->attr[a].numeric)
            continue;
        for (size_t c = 0; c < p->attr[a].ncat; c++)
            frac_sq[ca] += frac[off + c] * frac[off + c];
        off += p->attr[a].ncat;
        ca++;
    }
    for (size_t g = 0; g < j->k && st == TRIAD_OK; g++) {
        size_t m = 0;
        for (size_t i = 0; i < j->n; i++)
            if (group[i] == (int)g)
                loc[m++] = (int)i;
        int q = sizes_triad_count((int)m, ps->triad_size);
        if (q == 0)
            continue;
        for (int t = 0; t < q; t++)
            tsize[t] = (int)m / q + (t < (int)m % q ? 1 : 0);
        for (size_t a = 0; a < m; a++) {
            long si = j->member[loc[a]];
            memcpy(&cell[a * j->ncat_attrs], &j->cell[(size_t)loc[a] * j->ncat_attrs],
                   j->ncat_attrs * sizeof *cell);
            trust[a] = p->trust[si];
            concern[a] = p->concern[si];
            for (size_t b = 0; b < m; b++) {
                long sb = j->member[loc[b]];
                km[a * m + b] = profile_km(p, (size_t)si, (size_t)sb);
                pair[a * m + b] = history_cost(spec, hist, nhist, nrot, si, sb);
                /* the year before this one, outside the rotation */
                kept[a * m + b] = spec->history_keep > 0 && nhist > nrot && a != b &&
                                  hist[nrot]->triad[si] >= 0 &&
                                  hist[nrot]->triad[si] == hist[nrot]->triad[sb];
            }
        }
        if (method == TRIAD_METHOD_RANDOM || method == TRIAD_METHOD_DEAL ||
            method == TRIAD_METHOD_GEO) {
            for (size_t a = 0, t = 0, f = 0; a < m; a++) { /* consecutive chunks */
                out[a] = (int)t;
                if (++f == (size_t)tsize[t]) {
                    t++;
                    f = 0;
                }
            }
        } else {
            triad_problem tp = {
                .m = m, .ntriads = (size_t)q, .tsize = tsize, .ncat_attrs = j->ncat_attrs,
                .cell = cell, .cat_weight = j->cat_weight, .cell_frac = frac,
                .ncells = j->ncells, .frac_sq = frac_sq, .trust = trust,
                .trust_cap = spec->trust_cap_triad,
                .concern = spec->no_concern_triads ? concern : NULL, .km = km,
                .max_km = spec->triad_max_km, .km_weight = KM_WEIGHT,
                .pair_cost = nhist ? pair : NULL, .stop = &ctl->stop};
            if (spec->history_keep > 0 && nhist > nrot) {
                int last = 0;
                for (size_t a = 0; a < m; a++)
                    for (size_t b = a + 1; b < m; b++)
                        last += kept[a * m + b];
                tp.kept = kept;
                tp.keep_quota = (int)ceil(spec->history_keep * last - 1e-9);
            }
            if (method == TRIAD_METHOD_ILP && m <= 16) {
                ilp_result ir;
                /* the solve's time limit bounds this model too */
                double left = ctl->stop.deadline - clock_now();
                st = ilp_triads(&tp, out, left > 0.05 ? left : 0.05, &ctl->stop, &ir, err);
                if (st != TRIAD_OK)
                    break;
                if (strcmp(ir.status, "optimal") != 0) {
                    snprintf(info->triads, sizeof info->triads, "%s", ir.status);
                    if (isnan(ir.objective) && triads_solve(&tp, out) < 0) {
                        st = triad_fail_nomem(err);
                        break;
                    }
                }
            } else if (triads_solve(&tp, out) < 0) {
                st = triad_fail_nomem(err);
                break;
            }
        }
        long first = -1;
        for (int t = 0; t < q && st == TRIAD_OK; t++) {
            char label[300];
            snprintf(label, sizeof label, "%s.%d", plan->collab_label[collab_id[g]], t + 1);
            long id = plan_add_triad(plan, collab_id[g], label);
            if (id < 0)
                st = triad_fail_nomem(err);
            if (t == 0)
                first = id;
        }
        for (size_t a = 0; a < m && st == TRIAD_OK; a++)
            plan->triad[j->member[loc[a]]] = first + out[a];
        for (size_t a = 0; a < m && st == TRIAD_OK; a++)
            for (size_t b = a + 1; b < m; b++)
                if (out[a] == out[b] &&
                    met_before(hist, nhist, j->member[loc[a]], j->member[loc[b]]))
                    plan->repeats++;
    }
done:
    free(loc);
    free(cell);
    free(trust);
    free(concern);
    free(km);
    free(pair);
    free(kept);
    free(out);
    free(frac);
    free(frac_sq);
    free(tsize);
    if (st == TRIAD_OK && ctl->cancel)
        st = triad_fail(err, TRIAD_ERR_CANCELLED, NULL, 0, 0, "cancelled by the caller");
    return st;
}
