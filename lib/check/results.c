/* A report's and a plan's figures as numbers for tools and researchers,
 * and the anticlustering objectives of any plan. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/report_impl.h"
#include "core/util.h"
#include "model/groups.h"
#include "model/plan_impl.h"
#include "model/profile.h"
#include "check/features.h"

static const group_score *group_at(const triad_report *r, triad_level level, size_t g)
{
    if (!r)
        return NULL;
    if (level == TRIAD_LEVEL_COLLABORATIVE)
        return g < r->ncollab ? &r->collab[g] : NULL;
    if (level == TRIAD_LEVEL_TRIAD)
        return g < r->ntriad ? &r->triad[g] : NULL;
    return NULL;
}

size_t triad_report_group_count(const triad_report *r, triad_level level)
{
    return !r ? 0 : level == TRIAD_LEVEL_COLLABORATIVE ? r->ncollab
                  : level == TRIAD_LEVEL_TRIAD         ? r->ntriad
                                                       : 0;
}

const char *triad_report_group_label(const triad_report *r, triad_level level, size_t g)
{
    const group_score *s = group_at(r, level, g);
    return s ? s->label : NULL;
}

size_t triad_report_group_size(const triad_report *r, triad_level level, size_t g)
{
    const group_score *s = group_at(r, level, g);
    return s ? s->size : 0;
}

int triad_report_group_within_one(const triad_report *r, triad_level level, size_t g)
{
    const group_score *s = group_at(r, level, g);
    return s ? s->within_one : 0;
}

double triad_report_group_max_deviation(const triad_report *r, triad_level level, size_t g)
{
    const group_score *s = group_at(r, level, g);
    return s ? s->max_dev : NAN;
}

double triad_report_group_funding(const triad_report *r, triad_level level, size_t g)
{
    const group_score *s = group_at(r, level, g);
    return s ? s->money : NAN;
}

size_t triad_report_attribute_count(const triad_report *r)
{
    return r ? r->prof.nattr : 0;
}

const char *triad_report_attribute_name(const triad_report *r, size_t a)
{
    return r && a < r->prof.nattr ? r->prof.attr[a].name : NULL;
}

int triad_report_attribute_is_numeric(const triad_report *r, size_t a)
{
    return r && a < r->prof.nattr ? r->prof.attr[a].numeric : 0;
}

size_t triad_report_category_count(const triad_report *r, size_t a)
{
    return r && a < r->prof.nattr ? r->prof.attr[a].ncat : 0;
}

const char *triad_report_category_name(const triad_report *r, size_t a, size_t c)
{
    return r && a < r->prof.nattr && c < r->prof.attr[a].ncat ? r->prof.attr[a].cats[c] : NULL;
}

triad_status triad_report_cell(const triad_report *r, triad_level level, size_t g, size_t a,
                               size_t c, int *count, double *share, triad_error *err)
{
    triad_error_clear(err);
    const group_score *s = group_at(r, level, g);
    if (!s || !count || !share || a >= r->prof.nattr || r->prof.attr[a].numeric ||
        c >= r->prof.attr[a].ncat)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "no such group, categorical attribute or category (or NULL output)");
    *count = s->count[r->offset[a] + c];
    *share = s->share[r->offset[a] + c];
    return TRIAD_OK;
}

triad_status triad_report_group_mean(const triad_report *r, triad_level level, size_t g,
                                     size_t a, double *mean, double *population_mean,
                                     triad_error *err)
{
    triad_error_clear(err);
    const group_score *s = group_at(r, level, g);
    if (!s || !mean || !population_mean || a >= r->prof.nattr || !r->prof.attr[a].numeric)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "no such group or numeric attribute (or NULL output)");
    *mean = s->mean[a];
    *population_mean = s->ref_mean[a];
    return TRIAD_OK;
}

triad_status triad_report_violation(const triad_report *r, size_t v, triad_violation *out,
                                    triad_error *err)
{
    triad_error_clear(err);
    if (!r || !out || v >= r->nviol)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "no violation %zu (or NULL argument)", v);
    out->kind = r->viol[v].constraint;
    out->group = r->viol[v].group;
    out->message = r->viol[v].message;
    return TRIAD_OK;
}

size_t triad_plan_stratum_count(const triad_plan *p)
{
    return p ? p->ninfo : 0;
}

triad_status triad_plan_stratum_result(const triad_plan *p, size_t k, triad_stratum_result *out,
                                       triad_error *err)
{
    triad_error_clear(err);
    if (!p || !out || k >= p->ninfo)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "no stratum result %zu (or NULL argument)", k);
    const solve_info *in = &p->info[k];
    out->stratum = in->stratum;
    out->engine = in->engine;
    out->status = in->status;
    out->sizes = in->sizes;
    out->objective = in->objective;
    out->bound = in->bound;
    out->gap = in->gap;
    out->seconds = in->seconds;
    return TRIAD_OK;
}

/* Sum over groups of the squared distances to the group's centre. */
static double variance(const double *x, size_t f, const groups *g)
{
    double total = 0;
    double *c = calloc(f + 1, sizeof *c);
    if (!c)
        return NAN;
    for (size_t k = 0; k < g->ngroups; k++) {
        const long *mem = MEMBERS(g, k);
        size_t m = NMEMBERS(g, k);
        if (!m)
            continue;
        memset(c, 0, f * sizeof *c);
        for (size_t q = 0; q < m; q++)
            for (size_t d = 0; d < f; d++)
                c[d] += x[(size_t)mem[q] * f + d] / (double)m;
        for (size_t q = 0; q < m; q++)
            for (size_t d = 0; d < f; d++) {
                double e = x[(size_t)mem[q] * f + d] - c[d];
                total += e * e;
            }
    }
    free(c);
    return total;
}

triad_status triad_objectives_compute(const triad_schools *schools, const triad_spec *spec,
                                      const triad_plan *plan, triad_objectives *out,
                                      triad_error *err)
{
    triad_error_clear(err);
    if (!schools || !plan || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, plan or out is NULL");
    if (plan->nschools != triad_schools_count(schools))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the plan was made for other schools");
    triad_spec *def = NULL;
    profile p = {0};
    groups g = {0};
    double *x = NULL, *xp = NULL;
    triad_status st = spec_or_default(&spec, &def, err);
    if (st != TRIAD_OK || (st = profile_build(schools, spec, &p, err)) != TRIAD_OK)
        goto done;
    size_t f = 0;
    if (!(x = objective_features(&p, &f)) || !groups_build(&g, plan->collab, p.n, plan->ncollab))
        goto nomem;
    memset(out, 0, sizeof *out);
    out->features = f;
    out->groups = g.ngroups;
    for (size_t k = 0; k < g.ngroups; k++) {
        const long *mem = MEMBERS(&g, k);
        size_t m = NMEMBERS(&g, k);
        for (size_t a = 0; a < m; a++)
            for (size_t b = a + 1; b < m; b++) {
                double s2 = 0;
                for (size_t d = 0; d < f; d++) {
                    double e = x[(size_t)mem[a] * f + d] - x[(size_t)mem[b] * f + d];
                    s2 += e * e;
                }
                out->diversity += sqrt(s2);
            }
    }
    out->variance = variance(x, f, &g);
    /* k-plus: the features and their squared deviations from the mean */
    if (!(xp = calloc(p.n * 2 * f + 1, sizeof *xp)))
        goto nomem;
    {
        for (size_t d = 0; d < f; d++) {
            double mean = 0;
            for (size_t i = 0; i < p.n; i++)
                mean += x[i * f + d] / (double)(p.n ? p.n : 1);
            for (size_t i = 0; i < p.n; i++) {
                double e = x[i * f + d] - mean;
                xp[i * 2 * f + d] = x[i * f + d];
                xp[i * 2 * f + f + d] = e * e;
            }
        }
        out->kplus = variance(xp, 2 * f, &g);
    }
    goto done;
nomem:
    st = triad_i_fail_nomem(err);
done:
    free(xp);
    groups_free(&g);
    free(x);
    profile_free(&p);
    triad_spec_free(def);
    return st;
}

static int cmp_km(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

triad_spans report_triad_spans(const triad_report *r)
{
    triad_spans t = {0, 0, NAN, NAN};
    double *km = malloc((r->ntriad + 1) * sizeof *km);
    if (!km) {
        t.n = -1;
        return t;
    }
    for (size_t q = 0; q < r->ntriad; q++)
        if (!isnan(r->triad[q].max_km)) {
            km[t.n++] = r->triad[q].max_km;
            t.over20 += r->triad[q].max_km > 20.0;
        }
    if (t.n > 0) {
        size_t n = (size_t)t.n;
        qsort(km, n, sizeof *km, cmp_km);
        t.median = n % 2 ? km[n / 2] : (km[n / 2 - 1] + km[n / 2]) / 2;
        t.longest = km[n - 1];
    }
    free(km);
    return t;
}


triad_status triad_report_triad_spans(const triad_report *r, double *median_km, double *max_km,
                                      size_t *over_20_km, triad_error *err)
{
    triad_error_clear(err);
    if (!r)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "report is NULL");
    triad_spans t = report_triad_spans(r);
    if (t.n < 0)
        return triad_i_fail_nomem(err);
    if (t.n == 0)
        return triad_i_fail(err, TRIAD_ERR_EMPTY, NULL, 0, 0, "no triad has a location");
    if (median_km)
        *median_km = t.median;
    if (max_km)
        *max_km = t.longest;
    if (over_20_km)
        *over_20_km = t.over20;
    return TRIAD_OK;
}
