/* The market as a network: an arc for every (offer, need) of one area that
 * the rules allow, the (supporter, school) pairs the arcs belong to, and
 * which pairs need a binary because a cap can bind on them (a school with
 * more possible supporters than max_supporters, a supporter with more
 * possible schools than its max_schools). Elsewhere a pair is free and its
 * arcs are plain transportation columns. */
#include <stdlib.h>

#include "broker/broker_impl.h"
#include "model/plan_impl.h"
#include "model/schools_impl.h"

#define POLICY_KM 10000.0 /* a non-preferred source costs as much as this many km */
#define ROTA_KM 5000.0    /* the rota's preference: after the policy, before travel */

/* The rota's price of an arc from supporter sup to school sch: prefer-new
 * makes a pair that ran max_years years dearer; keep makes every pair that
 * did not run last year dearer. */
static double rota_cost(const triad_broker_options *o, size_t sup, size_t sch)
{
    if (!o->history || o->rotate == TRIAD_ROTATE_OFF)
        return 0;
    size_t years = broker_history_years(o->history, sup, sch);
    if (o->rotate == TRIAD_ROTATE_PREFER_NEW)
        return years >= (size_t)o->max_years ? ROTA_KM : 0;
    return years == 0 ? ROTA_KM : 0;
}

int broker_bucket(const size_t *key_of, size_t n, size_t nkeys, size_t **start, size_t **items)
{
    *start = calloc(nkeys + 2, sizeof **start);
    *items = malloc((n + 1) * sizeof **items);
    size_t *fill = calloc(nkeys + 1, sizeof *fill);
    int ok = *start && *items && fill;
    if (!ok)
        goto done;
    for (size_t i = 0; i < n; i++)
        (*start)[key_of[i] + 1]++;
    for (size_t q = 0; q < nkeys; q++)
        (*start)[q + 1] += (*start)[q];
    for (size_t i = 0; i < n; i++)
        (*items)[(*start)[key_of[i]] + fill[key_of[i]]++] = i;
done:
    free(fill);
    if (!ok) {
        free(*start);
        free(*items);
        *start = NULL;
        *items = NULL;
    }
    return ok;
}

void broker_arcs_free(broker_arcs *g)
{
    free(g->a);
    free(g->pr);
    free(g->max_sch);
    free(g->pair_col);
    free(g->lo);
    free(g->forced);
    *g = (broker_arcs){0};
}

typedef struct arc_key {
    size_t sup, sch, k;
} arc_key;

static int cmp_arc_key(const void *x, const void *y)
{
    const arc_key *p = x, *q = y;
    if (p->sup != q->sup)
        return p->sup < q->sup ? -1 : 1;
    if (p->sch != q->sch)
        return p->sch < q->sch ? -1 : 1;
    return (p->k > q->k) - (p->k < q->k);
}

/* The eligible arcs, area by area (offers x needs of the same area only),
 * counted first so memory follows the arcs. 0 on allocation failure. */
static int make_arcs(broker_arcs *g, const triad_schools *s, const triad_plan *plan,
                     const triad_market *m, const triad_broker_options *o)
{
    size_t *okey = malloc((m->noffers + 1) * sizeof *okey),
           *nkey = malloc((m->nneeds + 1) * sizeof *nkey);
    size_t *ost = NULL, *oit = NULL, *nst = NULL, *nit = NULL;
    int ok = okey && nkey;
    for (size_t q = 0; ok && q < m->noffers; q++)
        okey[q] = (size_t)m->offers[q].area;
    for (size_t d = 0; ok && d < m->nneeds; d++)
        nkey[d] = (size_t)m->needs[d].area;
    ok = ok && broker_bucket(okey, m->noffers, m->nareas, &ost, &oit) &&
         broker_bucket(nkey, m->nneeds, m->nareas, &nst, &nit);
    for (int pass = 0; ok && pass < 2; pass++) {
        if (pass && !(g->a = malloc((g->na + 1) * sizeof *g->a))) {
            ok = 0;
            break;
        }
        g->na = 0;
        for (size_t ar = 0; ar < m->nareas; ar++)
            for (size_t u = ost[ar]; u < ost[ar + 1]; u++)
                for (size_t v = nst[ar]; v < nst[ar + 1]; v++) {
                    size_t q = oit[u], d = nit[v];
                    const offer *of = &m->offers[q];
                    const need *nd = &m->needs[d];
                    double km;
                    if (broker_eligible(s, m, of, nd, o, &km) != WHY_OK)
                        continue;
                    if (pass) {
                        double pen = 0;
                        if (o->policy != TRIAD_BROKER_ANY) {
                            long cs = plan->collab[of->school], cn = plan->collab[nd->school];
                            int same = cs >= 0 && cs == cn;
                            pen = (o->policy == TRIAD_BROKER_WITHIN) != same ? POLICY_KM : 0;
                        }
                        pen += rota_cost(o, of->school, nd->school);
                        g->a[g->na] =
                            (arc){q, d, km, (double)nd->priority, pen + (km > 0 ? km : 0), -1};
                    }
                    g->na++;
                }
    }
    free(okey);
    free(nkey);
    free(ost);
    free(oit);
    free(nst);
    free(nit);
    return ok;
}

triad_status broker_arcs_build(broker_arcs *g, const triad_schools *s, const triad_plan *plan,
                               const triad_market *m, const triad_broker_options *o,
                               triad_error *err)
{
    *g = (broker_arcs){0};
    size_t *sup_per_school = calloc(s->n + 1, sizeof *sup_per_school),
           *sch_per_sup = calloc(s->n + 1, sizeof *sch_per_sup);
    arc_key *keys = NULL;
    g->max_sch = calloc(s->n + 1, sizeof *g->max_sch);
    int ok = sup_per_school && sch_per_sup && g->max_sch && make_arcs(g, s, plan, m, o);
    if (ok) {
        g->pr = malloc((g->na + 1) * sizeof *g->pr);
        keys = malloc((g->na + 1) * sizeof *keys);
        ok = g->pr && keys;
    }
    for (size_t q = 0; ok && q < m->noffers; q++)
        if (m->offers[q].max_schools > 0) { /* a supporter's smallest limit holds */
            int *mx = &g->max_sch[m->offers[q].school];
            if (!*mx || m->offers[q].max_schools < *mx)
                *mx = m->offers[q].max_schools;
        }
    /* pairs by sorting the arcs' (supporter, school): O(arcs log arcs) */
    for (size_t k = 0; ok && k < g->na; k++)
        keys[k] = (arc_key){m->offers[g->a[k].offer].school, m->needs[g->a[k].need].school, k};
    if (ok)
        qsort(keys, g->na, sizeof *keys, cmp_arc_key);
    for (size_t r = 0; ok && r < g->na; r++) {
        if (r == 0 || keys[r].sup != keys[r - 1].sup || keys[r].sch != keys[r - 1].sch) {
            g->pr[g->np++] = (pair_ref){keys[r].sup, keys[r].sch};
            sup_per_school[keys[r].sch]++;
            sch_per_sup[keys[r].sup]++;
        }
        g->a[keys[r].k].pair = (long)(g->np - 1);
    }
    if (ok && !(g->pair_col = calloc(g->np + 1, sizeof *g->pair_col)))
        ok = 0;
    /* a binary only where a cap can bind */
    for (size_t p = 0; ok && p < g->np; p++) {
        size_t sup = g->pr[p].sup, sch = g->pr[p].sch;
        int binds = sup_per_school[sch] > (size_t)o->max_supporters ||
                    (g->max_sch[sup] > 0 && sch_per_sup[sup] > (size_t)g->max_sch[sup]);
        if (binds)
            g->pair_col[p] = (long)(g->na + ++g->nbin);
    }
    g->mip = g->nbin > 0;
    free(sup_per_school);
    free(sch_per_sup);
    free(keys);
    if (!ok) {
        broker_arcs_free(g);
        return triad_i_fail_nomem(err);
    }
    return TRIAD_OK;
}
