/* A brokerage without GLPK, for when the LP cannot finish in its time: most
 * urgent needs first, nearest supporters first, every rule kept. */
#include <math.h>
#include <stdlib.h>

#include "broker/broker_impl.h"

/* qsort has no context argument: the key carries what the order needs */
typedef struct greedy_key {
    double weight, cost;
    size_t k;
} greedy_key;

static int cmp_greedy(const void *x, const void *y)
{
    const greedy_key *p = x, *q = y;
    if (p->weight != q->weight)
        return p->weight > q->weight ? -1 : 1;
    if (p->cost != q->cost)
        return p->cost < q->cost ? -1 : 1;
    return (p->k > q->k) - (p->k < q->k);
}

int broker_greedy(const triad_market *m, const broker_arcs *g, const triad_broker_options *o,
                  size_t nschools, double *x)
{
    greedy_key *order = malloc((g->na + 1) * sizeof *order);
    double *offer_left = malloc((m->noffers + 1) * sizeof *offer_left);
    double *need_left = malloc((m->nneeds + 1) * sizeof *need_left);
    unsigned char *open = calloc(g->np + 1, 1);
    size_t *per_sch = calloc(nschools + 1, sizeof *per_sch);
    size_t *per_sup = calloc(nschools + 1, sizeof *per_sup);
    int ok = order && offer_left && need_left && open && per_sch && per_sup;
    for (size_t k = 0; ok && k < g->na; k++) {
        order[k] = (greedy_key){g->a[k].weight, g->a[k].cost, k};
        x[k] = 0;
    }
    for (size_t q = 0; ok && q < m->noffers; q++)
        offer_left[q] = m->offers[q].days;
    for (size_t d = 0; ok && d < m->nneeds; d++)
        need_left[d] = m->needs[d].days;
    /* matches under way first: their days and pairs are given */
    for (size_t k = 0; ok && g->lo && k < g->na; k++) {
        x[k] = g->lo[k];
        offer_left[g->a[k].offer] -= x[k];
        need_left[g->a[k].need] -= x[k];
    }
    for (size_t p = 0; ok && g->forced && p < g->np; p++)
        if (g->forced[p]) {
            open[p] = 1;
            per_sch[g->pr[p].sch]++;
            per_sup[g->pr[p].sup]++;
        }
    if (ok)
        qsort(order, g->na, sizeof *order, cmp_greedy);
    for (size_t r = 0; ok && r < g->na; r++) {
        const arc *c = &g->a[order[r].k];
        double days = fmin(offer_left[c->offer], need_left[c->need]);
        if (days <= 0)
            continue;
        size_t p = (size_t)c->pair, sup = g->pr[p].sup, sch = g->pr[p].sch;
        if (!open[p]) {
            if (per_sch[sch] >= (size_t)o->max_supporters ||
                (g->max_sch[sup] > 0 && per_sup[sup] >= (size_t)g->max_sch[sup]))
                continue;
            open[p] = 1;
            per_sch[sch]++;
            per_sup[sup]++;
        }
        x[order[r].k] += days;
        offer_left[c->offer] -= days;
        need_left[c->need] -= days;
    }
    free(order);
    free(offer_left);
    free(need_left);
    free(open);
    free(per_sch);
    free(per_sup);
    return ok;
}
