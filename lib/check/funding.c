/* [funding]: Peterborough paid triads £2k-£3k each from £580k top-sliced and
 * learned that big collaboratives were overloaded on equal funding. Each
 * group's money under the spec's basis and cap, and where a collaborative's
 * load and money part company. */
#include <math.h>
#include <stdlib.h>

#include "check/report_impl.h"
#include "core/util.h"
#include "model/schools_impl.h"

/* Each planned school's weight under the basis: 1 (school), its pupils
 * (pupils; a school without a count weighs the mean of those with one); 0
 * under the triad and collaborative bases, which weigh groups instead. */
static void school_weights(const profile *p, const triad_plan *plan, int basis, double *w)
{
    double sum = 0;
    size_t known = 0;
    for (size_t i = 0; i < p->n; i++)
        if (plan->collab[i] >= 0 && !isnan(p->schools->s[i].pupils)) {
            sum += p->schools->s[i].pupils;
            known++;
        }
    double mean = known ? sum / (double)known : 1;
    for (size_t i = 0; i < p->n; i++) {
        double pupils = p->schools->s[i].pupils;
        w[i] = plan->collab[i] < 0            ? 0
               : basis == FUNDING_SCHOOL      ? 1
               : basis == FUNDING_PUPILS      ? (isnan(pupils) ? mean : pupils)
                                              : 0;
    }
}

/* The weight of each collaborative and triad, so that money follows it. */
static void group_weights(const triad_report *r, const triad_plan *plan, const groups *gc,
                          const groups *gt, int basis, const double *w, double *wc, double *wt)
{
    for (size_t t = 0; t < r->ntriad; t++) {
        wt[t] = basis == FUNDING_TRIAD ? 1 : 0;
        for (size_t k = 0; basis != FUNDING_TRIAD && k < NMEMBERS(gt, t); k++)
            wt[t] += basis == FUNDING_COLLABORATIVE ? 1 : w[MEMBERS(gt, t)[k]];
    }
    for (size_t c = 0; c < r->ncollab; c++) {
        wc[c] = 0;
        if (basis == FUNDING_COLLABORATIVE)
            wc[c] = NMEMBERS(gc, c) ? 1 : 0;
        else if (basis == FUNDING_TRIAD)
            for (size_t t = 0; t < r->ntriad; t++)
                wc[c] += plan->triad_collab[t] == (long)c ? wt[t] : 0;
        else
            for (size_t k = 0; k < NMEMBERS(gc, c); k++)
                wc[c] += w[MEMBERS(gc, c)[k]];
    }
}

/* The total shared by weight, the cap held by passing each capped
 * collaborative's excess to the others by their weights (water-filling). */
static void share_out(triad_report *r, const double *wc, double total, double cap)
{
    unsigned char *capped = calloc(r->ncollab + 1, 1);
    double left = total;
    for (int round = 0; capped && round <= (int)r->ncollab; round++) {
        double free_w = 0;
        for (size_t c = 0; c < r->ncollab; c++)
            free_w += capped[c] ? 0 : wc[c];
        int more = 0;
        for (size_t c = 0; c < r->ncollab; c++) {
            if (capped[c])
                continue;
            r->collab[c].money = free_w > 0 ? left * wc[c] / free_w : 0;
            if (cap > 0 && r->collab[c].money > cap + 1e-9) {
                capped[c] = 1;
                more = 1;
            }
        }
        if (!more)
            break;
        left = total;
        for (size_t c = 0; c < r->ncollab; c++)
            if (capped[c]) {
                r->collab[c].money = cap;
                left -= cap;
            }
    }
    r->fund_allocated = 0;
    r->fund_at_cap = 0;
    for (size_t c = 0; c < r->ncollab; c++) {
        r->fund_allocated += r->collab[c].money;
        r->fund_at_cap += capped && capped[c];
    }
    free(capped);
}

/* A collaborative's load against its money: its shares of the schools, the
 * triads to review and the lead days, averaged, over its share of the
 * money. */
static int load_warnings(triad_report *r, const groups *gc, const triad_plan *plan)
{
    double schools = 0, triads = 0, leads = 0;
    for (size_t c = 0; c < r->ncollab; c++) {
        schools += (double)NMEMBERS(gc, c);
        leads += r->collab[c].lead_urn && r->collab[c].lead_urn[0] ? r->rules.lead_days : 0;
    }
    triads = (double)r->ntriad;
    for (size_t c = 0; c < r->ncollab && r->fund_allocated > 0; c++) {
        size_t nt = 0;
        for (size_t t = 0; t < r->ntriad; t++)
            nt += plan->triad_collab[t] == (long)c;
        double lead = r->collab[c].lead_urn && r->collab[c].lead_urn[0] ? r->rules.lead_days : 0;
        double parts = 0, load = 0;
        if (schools > 0) {
            load += (double)NMEMBERS(gc, c) / schools;
            parts++;
        }
        if (triads > 0) {
            load += (double)nt / triads;
            parts++;
        }
        if (leads > 0) {
            load += lead / leads;
            parts++;
        }
        double money = r->collab[c].money / r->fund_allocated;
        if (parts == 0 || load == 0)
            continue;
        load /= parts;
        double ratio = money > 0 ? load / money : INFINITY;
        if (ratio <= r->fund_load_ratio && ratio >= 1 / r->fund_load_ratio)
            continue;
        if (!lines_add(&r->warn, &r->nwarn,
                       "funding: collaborative %s has %.0f%% of the load (%zu schools, %zu "
                       "triads, %g lead days) for %.0f%% of the money (%.0f): %.2f times its "
                       "share (load_ratio = %g)",
                       r->collab[c].label, 100 * load, NMEMBERS(gc, c), nt, lead, 100 * money,
                       r->collab[c].money, ratio, r->fund_load_ratio))
            return 0;
    }
    return 1;
}

int funding_allocate(triad_report *r, const profile *p, const triad_plan *plan, const groups *gc,
                     const groups *gt)
{
    const triad_spec *spec = p->spec;
    for (size_t c = 0; c < r->ncollab; c++)
        r->collab[c].money = NAN;
    for (size_t t = 0; t < r->ntriad; t++)
        r->triad[t].money = NAN;
    r->fund_total = spec->funding_total;
    r->fund_basis = spec->funding_basis;
    r->fund_cap = spec->funding_cap;
    r->fund_load_ratio = spec->funding_load_ratio;
    if (!(spec->funding_total > 0))
        return 1;
    double *w = malloc((p->n + 1) * sizeof *w), *wc = malloc((r->ncollab + 1) * sizeof *wc),
           *wt = malloc((r->ntriad + 1) * sizeof *wt);
    int ok = w && wc && wt;
    if (ok) {
        school_weights(p, plan, spec->funding_basis, w);
        group_weights(r, plan, gc, gt, spec->funding_basis, w, wc, wt);
        share_out(r, wc, spec->funding_total, spec->funding_cap);
        /* a triad's money: its part of its collaborative's, by weight */
        for (size_t t = 0; t < r->ntriad; t++) {
            long c = plan->triad_collab[t];
            double in = 0;
            for (size_t u = 0; u < r->ntriad; u++)
                in += plan->triad_collab[u] == c ? wt[u] : 0;
            r->triad[t].money = in > 0 ? r->collab[c].money * wt[t] / in : 0;
        }
        ok = load_warnings(r, gc, plan);
        if (ok && r->fund_allocated < r->fund_total - 0.005)
            ok = lines_add(&r->warn, &r->nwarn,
                           "funding: %.0f of the %.0f total is not allocated: every "
                           "collaborative is at the cap of %.0f",
                           r->fund_total - r->fund_allocated, r->fund_total, r->fund_cap) != 0;
    }
    free(w);
    free(wc);
    free(wt);
    return ok;
}
