/* Termly re-brokering: matches already under way (a brokerage of earlier
 * this year, read against today's market) are kept - their days become
 * lower bounds on their arcs, their pairs are switched on - and the rest is
 * brokered around them. A match the rules no longer allow, or that today's
 * needs, offers or caps cannot hold, is not kept, and each is said. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "core/util.h"
#include "model/schools_impl.h"

/* 1 when the brokerage was read against this market: the same offers and
 * needs, index by index. */
static int same_market(const triad_market *a, const triad_market *b)
{
    if (a->noffers != b->noffers || a->nneeds != b->nneeds)
        return 0;
    for (size_t q = 0; q < a->noffers; q++)
        if (a->offers[q].school != b->offers[q].school ||
            strcmp(a->areas[a->offers[q].area], b->areas[b->offers[q].area]) != 0)
            return 0;
    for (size_t d = 0; d < a->nneeds; d++)
        if (a->needs[d].school != b->needs[d].school ||
            strcmp(a->areas[a->needs[d].area], b->areas[b->needs[d].area]) != 0)
            return 0;
    return 1;
}

static long arc_of(const broker_arcs *g, size_t offer, size_t need)
{
    for (size_t k = 0; k < g->na; k++)
        if (g->a[k].offer == offer && g->a[k].need == need)
            return (long)k;
    return -1;
}

/* The pair may be switched on: the school's supporters and the supporter's
 * schools, counting the pairs kept so far, stay within their caps. */
static int pair_fits(const broker_arcs *g, const triad_broker_options *o, size_t p,
                     const size_t *per_sch, const size_t *per_sup)
{
    size_t sup = g->pr[p].sup, sch = g->pr[p].sch;
    return per_sch[sch] < (size_t)o->max_supporters &&
           (g->max_sch[sup] <= 0 || per_sup[sup] < (size_t)g->max_sch[sup]);
}

triad_status broker_keep_under_way(broker_arcs *g, const triad_schools *s, const triad_market *m,
                                   const triad_broker_options *o, triad_brokerage *b,
                                   triad_error *err)
{
    const triad_brokerage *u = o->under_way;
    if (!u)
        return TRIAD_OK;
    if (!same_market(u->market, m))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the brokerage under way was read against another market: read it "
                            "with today's offers and needs");
    b->term_given = 1;
    b->opts.under_way = NULL; /* the brokerage borrows nothing */
    g->lo = calloc(g->na + 1, sizeof *g->lo);
    g->forced = calloc(g->np + 1, 1);
    double *offer_left = malloc((m->noffers + 1) * sizeof *offer_left);
    double *need_left = malloc((m->nneeds + 1) * sizeof *need_left);
    size_t *per_sch = calloc(s->n + 1, sizeof *per_sch),
           *per_sup = calloc(s->n + 1, sizeof *per_sup);
    int ok = g->lo && g->forced && offer_left && need_left && per_sch && per_sup;
    for (size_t q = 0; ok && q < m->noffers; q++)
        offer_left[q] = m->offers[q].days;
    for (size_t d = 0; ok && d < m->nneeds; d++)
        need_left[d] = m->needs[d].days;
    for (size_t i = 0; ok && i < u->nmatch; i++) {
        const match *mt = &u->m[i];
        const offer *of = &m->offers[mt->offer];
        const need *nd = &m->needs[mt->need];
        const char *sup = s->s[of->school].urn, *sch = s->s[nd->school].urn,
                   *area = m->areas[nd->area];
        long k = arc_of(g, mt->offer, mt->need);
        double km;
        int why = broker_eligible(s, m, of, nd, o, &km);
        if (k < 0 || why != WHY_OK) {
            ok = lines_add(&b->warn, &b->nwarn,
                           "under way, not kept: %s supporting %s in %s (%.2f days): %s", sup, sch,
                           area, mt->days,
                           why != WHY_OK ? broker_why_text(why) : "no longer in the market");
            continue;
        }
        size_t p = (size_t)g->a[k].pair;
        if (!g->forced[p] && !pair_fits(g, o, p, per_sch, per_sup)) {
            ok = lines_add(&b->warn, &b->nwarn,
                           "under way, not kept: %s supporting %s in %s (%.2f days): the caps "
                           "(max_supporters %d, or the supporter's max_schools) are full",
                           sup, sch, area, mt->days, o->max_supporters);
            continue;
        }
        double days = fmin(mt->days, fmin(offer_left[mt->offer], need_left[mt->need]));
        if (days <= 0) {
            ok = lines_add(&b->warn, &b->nwarn,
                           "under way, not kept: %s supporting %s in %s (%.2f days): today's "
                           "offer or need has no days left for it",
                           sup, sch, area, mt->days);
            continue;
        }
        if (days < mt->days - 1e-9)
            ok = lines_add(&b->warn, &b->nwarn,
                           "under way, kept in part: %s supporting %s in %s: %.2f of %.2f "
                           "days (today's offer or need is smaller)",
                           sup, sch, area, days, mt->days);
        if (!g->forced[p]) {
            g->forced[p] = 1;
            per_sch[g->pr[p].sch]++;
            per_sup[g->pr[p].sup]++;
        }
        g->lo[k] += days;
        offer_left[mt->offer] -= days;
        need_left[mt->need] -= days;
        b->kept++;
        b->kept_days += days;
    }
    free(offer_left);
    free(need_left);
    free(per_sch);
    free(per_sup);
    return ok ? TRIAD_OK : triad_i_fail_nomem(err);
}
