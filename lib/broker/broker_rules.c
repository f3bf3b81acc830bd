/* Who may support whom: the rules a match must keep, shared by the solver
 * (which builds only eligible arcs) and the checker (which re-scores any
 * brokerage, hand-made or solved). The lowest stage of brokering. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "core/util.h"
#include "model/plan_impl.h"
#include "model/schools_impl.h"

int broker_causing_concern(const triad_schools *s, size_t i)
{
    return schools_rule_causing_concern(&s->s[i]); /* the profile's rule, one place */
}

double broker_km(const triad_schools *s, size_t a, size_t b)
{
    const school_rec *p = &s->s[a], *q = &s->s[b];
    if (isnan(p->x) || isnan(p->y) || isnan(q->x) || isnan(q->y))
        return -1;
    return hypot(p->x - q->x, p->y - q->y) / 1000.0;
}

int broker_eligible(const triad_schools *s, const triad_market *m, const offer *o, const need *d,
                    const triad_broker_options *opts, double *km)
{
    (void)m;
    const school_rec *sup = &s->s[o->school], *sch = &s->s[d->school];
    *km = broker_km(s, o->school, d->school);
    if (o->school == d->school)
        return WHY_SELF;
    if (!o->despite_concern && broker_causing_concern(s, o->school))
        return WHY_CONCERN;
    if (opts->min_grade > 0 && (sup->ofsted == 0 || sup->ofsted > opts->min_grade))
        return WHY_GRADE;
    /* a travel limit is a promise about distance: a school without a
     * location cannot be shown to keep it */
    if (opts->max_km > 0 && !(*km >= 0))
        return WHY_NO_LOCATION;
    if (opts->max_km > 0 && *km > opts->max_km)
        return WHY_TRAVEL;
    if (opts->not_same_trust && sup->trust[0] && strcmp(sup->trust, sch->trust) == 0)
        return WHY_TRUST;
    return WHY_OK;
}

triad_status broker_options_take(const triad_broker_options *opts, const triad_schools *s,
                                 const triad_plan *plan, const triad_market *m,
                                 triad_broker_options *o, triad_error *err)
{
    triad_broker_options_init(o);
    triad_status vs = triad_i_take_options(o, sizeof *o, opts, "triad_broker_options", err);
    if (vs != TRIAD_OK)
        return vs;
    if ((unsigned)o->rotate > TRIAD_ROTATE_KEEP || o->max_years < 1 || o->max_years > 50)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "broker options out of range (rotate, max_years 1-50)");
    if (o->history && broker_history_schools(o->history) != s->n)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the broker history was read for other schools");
    if (o->max_supporters < 1 || o->max_supporters > 100 || o->min_grade < 0 || o->min_grade > 4 ||
        !(o->max_km >= 0) || o->max_km > 1000 || (unsigned)o->policy > TRIAD_BROKER_ACROSS ||
        !(o->time_limit > 0))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "broker options out of range (max_supporters 1-100, min_grade 0-4, "
                            "max_km 0-1000, policy, time_limit > 0)");
    if (m->nschools != s->n || (plan && plan->nschools != s->n))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the market or plan was read for other schools");
    if (o->policy != TRIAD_BROKER_ANY && !plan)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "policy within/across needs the plan (which collaborative is whose)");
    return TRIAD_OK;
}

/* Never silent: under a travel limit a school of the market without a
 * location can be matched with nobody (the limit cannot be shown to hold);
 * said once, naming the schools, as well as in each unmet need's reason. */
int broker_warn_unlocated(triad_brokerage *b, const triad_schools *s, const triad_market *m,
                          const triad_broker_options *o)
{
    if (!(o->max_km > 0))
        return 1;
    char names[400] = "";
    size_t n = 0, len = 0;
    unsigned char *seen = calloc(s->n + 1, 1);
    if (!seen)
        return 0;
    for (size_t k = 0; k < m->noffers + m->nneeds; k++) {
        size_t i = k < m->noffers ? m->offers[k].school : m->needs[k - m->noffers].school;
        if (seen[i] || broker_km(s, i, i) >= 0)
            continue;
        seen[i] = 1;
        if (n++ < 5 && len < sizeof names) {
            int w = snprintf(names + len, sizeof names - len, "%s%s (%s)", n > 1 ? ", " : "",
                             s->s[i].urn, s->s[i].name);
            len += w > 0 ? (size_t)w : 0;
        }
    }
    free(seen);
    if (!n)
        return 1;
    return lines_add(&b->warn, &b->nwarn,
                     "--max-km %g: %zu school%s of the market %s no location, so %s matched "
                     "with nobody: %s%s (give %s easting/northing or latitude/longitude in the "
                     "schools file, or drop --max-km)",
                     o->max_km, n, TRIAD_S(n), n == 1 ? "has" : "have",
                     n == 1 ? "it is" : "they are", names, n > 5 ? ", ..." : "",
                     n == 1 ? "it" : "them");
}
