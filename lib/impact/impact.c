/* Changes in outcomes by group (include/triad/impact.h). For each measure
 * and pair of adjacent years: the schools with the measure in both, a
 * least-squares line of the later year on the earlier over all of them
 * (the LA), and per group the mean change, the change against the LA's,
 * and the mean residual from that line, with a percentile bootstrap
 * interval of the residual's mean over the group's schools. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "impact/groups.h"
#include "impact/impact_impl.h"
#include "solve/rng.h"
#include "triad/triad.h"

/* The data of one measure over one pair of years. */
typedef struct pair_data {
    size_t n;           /* schools of the LA */
    unsigned char *has; /* per school: the measure in both years */
    double *from, *to, *resid;
    double la_change;
} pair_data;

void triad_impact_options_init(triad_impact_options *o)
{
    memset(o, 0, sizeof *o);
    o->struct_size = sizeof *o;
    o->seed = 1;
    o->resamples = 1000;
    o->level = 0.95;
}

void triad_impact_free(triad_impact *imp)
{
    if (!imp)
        return;
    free(imp->row);
    for (size_t k = 0; k < imp->nwarn; k++)
        free(imp->warn[k]);
    free(imp->warn);
    for (size_t m = 0; m < imp->nmeasure; m++)
        free(imp->measure[m]);
    free(imp->measure);
    for (int l = 0; l < 3; l++) {
        for (size_t g = 0; g < imp->nlabel[l]; g++)
            free(imp->label[l][g]);
        free(imp->label[l]);
    }
    free(imp);
}

size_t triad_impact_row_count(const triad_impact *imp)
{
    return imp ? imp->nrow : 0;
}

size_t triad_impact_warning_count(const triad_impact *imp)
{
    return imp ? imp->nwarn : 0;
}

const char *triad_impact_warning(const triad_impact *imp, size_t k)
{
    return imp && k < imp->nwarn ? imp->warn[k] : NULL;
}

/* The line of to on from over the schools with both; each school's
 * residual into d->resid. 0 when fewer than 3 schools or no spread. */
static int fit_line(pair_data *d, size_t ns)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    size_t n = 0;
    for (size_t i = 0; i < ns; i++)
        if (d->has[i]) {
            n++;
            sx += d->from[i];
            sy += d->to[i];
        }
    if (n < 3)
        return 0;
    double mx = sx / (double)n, my = sy / (double)n;
    for (size_t i = 0; i < ns; i++)
        if (d->has[i]) {
            sxx += (d->from[i] - mx) * (d->from[i] - mx);
            sxy += (d->from[i] - mx) * (d->to[i] - my);
        }
    if (sxx <= 0)
        return 0;
    double b = sxy / sxx, a = my - b * mx;
    for (size_t i = 0; i < ns; i++)
        d->resid[i] = d->has[i] ? d->to[i] - (a + b * d->from[i]) : NAN;
    d->la_change = my - mx;
    d->n = n;
    return 1;
}

/* The k-th smallest of a[0..n) (k < n), a reordered around it: linear on
 * average where a sort of every row's resamples took most of England's
 * time (median of three pivots; equal keys split both ways). */
static double select_kth(double *a, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        double x = a[lo], y = a[mid], z = a[hi];
        double pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
        size_t i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                double t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return a[k];
    }
    return a[k];
}

/* The percentile interval of the mean residual over the group's schools
 * idx[0..n), resampled with replacement. */
static void bootstrap(const pair_data *d, const size_t *idx, size_t n,
                      const triad_impact_options *o, rng *r, double *means, impact_row *row)
{
    row->lo = row->hi = NAN;
    if (n < 2)
        return;
    for (int b = 0; b < o->resamples; b++) {
        double sum = 0;
        for (size_t k = 0; k < n; k++)
            sum += d->resid[idx[rng_below(r, (uint32_t)n)]];
        means[b] = sum / (double)n;
    }
    double tail = (1 - o->level) / 2;
    size_t nb = (size_t)o->resamples, lo = (size_t)floor(tail * (double)(nb - 1)),
           hi = (size_t)ceil((1 - tail) * (double)(nb - 1));
    row->lo = select_kth(means, nb, lo);
    /* what lies above lo's place is no smaller: hi is found among it */
    row->hi = hi == lo ? row->lo : select_kth(means + lo + 1, nb - lo - 1, hi - lo - 1);
}

static int add_row(triad_impact *imp, const impact_row *r)
{
    if (imp->nrow == imp->cap) {
        size_t cap = imp->cap ? 2 * imp->cap : 256;
        impact_row *grown = realloc(imp->row, cap * sizeof *grown);
        if (!grown)
            return 0;
        imp->row = grown;
        imp->cap = cap;
    }
    imp->row[imp->nrow++] = *r;
    return 1;
}

/* Scratch for the rows of one pair of years. */
typedef struct group_ws {
    const impact_groups *groups;
    size_t *idx;   /* the group's schools with both years */
    double *means; /* bootstrap means */
    rng r;
} group_ws;

/* The row of one group: the schools of the plan whose group at this level
 * is g (0 for the LA; row.group is its label's index). 0 when out of
 * memory; *empty set when the group had no school with both years. */
static int group_row(triad_impact *imp, const pair_data *d, impact_row row, size_t g,
                     const triad_impact_options *o, group_ws *w, int *empty)
{
    size_t n = 0, members = 0;
    double sf = 0, st = 0, sr = 0;
    const impact_groups *G = w->groups;
    for (size_t e = G->start[row.level][g]; e < G->start[row.level][g + 1]; e++) {
        size_t i = G->item[row.level][e];
        members++;
        if (!d->has[i])
            continue;
        w->idx[n++] = i;
        sf += d->from[i];
        st += d->to[i];
        sr += d->resid[i];
    }
    row.n = n;
    row.missing = members - n;
    *empty = n == 0;
    row.mean_from = n ? sf / (double)n : NAN;
    row.mean_to = n ? st / (double)n : NAN;
    row.change = row.mean_to - row.mean_from;
    row.vs_la = row.change - d->la_change;
    row.vs_expected = n ? sr / (double)n : NAN;
    bootstrap(d, w->idx, n, o, &w->r, w->means, &row);
    return add_row(imp, &row);
}

/* The plans of one call: each with its year (0: every pair), its groups
 * and the index of its first label per level in imp->label. */
typedef struct plan_set {
    const triad_plan *const *plans;
    const int *years;
    size_t n;
    impact_groups *groups;
    size_t (*base)[3];
} plan_set;

/* The plan in force in the school year that ends in year_to: the latest
 * whose year is at or before it, else the earliest (*before set). */
static size_t plan_for(const plan_set *ps, int year_to, int *before)
{
    size_t best = 0, first = 0;
    int found = 0;
    for (size_t k = 0; k < ps->n; k++) {
        if (ps->years[k] < ps->years[first])
            first = k;
        if (ps->years[k] <= year_to && (!found || ps->years[k] > ps->years[best])) {
            best = k;
            found = 1;
        }
    }
    *before = !found;
    return found ? best : first;
}

/* The rows of measure m from year y0 to y0 + 1: the LA, each
 * collaborative, each triad of the plan in force. 0 when out of memory. */
static int pair_rows(triad_impact *imp, const plan_set *ps, pair_data *d, size_t m, int y0,
                     const triad_impact_options *o, group_ws *w)
{
    int before = 0;
    size_t k = plan_for(ps, y0 + 1, &before);
    const triad_plan *p = ps->plans[k];
    w->groups = &ps->groups[k];
    size_t ncol = triad_plan_collaborative_count(p), ntri = triad_plan_triad_count(p);
    size_t empty[3] = {0, 0, 0};
    if (before && ps->n > 1 &&
        !lines_add(&imp->warn, &imp->nwarn,
                   "%s %d to %d: before every plan given; read with the groups of the "
                   "earliest plan (%d), formed later: a baseline, not their impact",
                   imp->measure[m], y0, y0 + 1, ps->years[k]))
        return 0;
    for (int level = LEVEL_LA; level <= LEVEL_TRIAD; level++) {
        size_t groups = level == LEVEL_LA ? 1 : level == LEVEL_COLLAB ? ncol : ntri;
        for (size_t g = 0; g < groups; g++) {
            impact_row row = {.level = level,
                              .group = ps->base[k][level] + g,
                              .measure = m,
                              .year_from = y0,
                              .year_to = y0 + 1};
            int none = 0;
            if (!group_row(imp, d, row, g, o, w, &none))
                return 0;
            empty[level] += (size_t)none;
        }
    }
    if (empty[LEVEL_COLLAB] || empty[LEVEL_TRIAD])
        return lines_add(&imp->warn, &imp->nwarn,
                         "%s %d to %d: %zu collaboratives and %zu triads have no school with "
                         "the measure in both years (their rows are empty)",
                         imp->measure[m], y0, y0 + 1, empty[LEVEL_COLLAB], empty[LEVEL_TRIAD]);
    return 1;
}

/* The rows of measure m over every pair of adjacent years; a gap between
 * years with data is a warning, never bridged. */
static int measure_rows(triad_impact *imp, const triad_schools *s, const plan_set *ps,
                        const triad_outcomes *out, size_t m, const triad_impact_options *o,
                        pair_data *d, group_ws *w)
{
    size_t ns = triad_schools_count(s);
    for (size_t k = 0; k + 1 < triad_outcomes_year_count(out); k++) {
        int y0 = triad_outcomes_year(out, k), y1 = triad_outcomes_year(out, k + 1);
        if (y1 != y0 + 1) {
            if (!lines_add(&imp->warn, &imp->nwarn,
                           "%s: no change from %d to %d, the years between have no data (DfE "
                           "published no tables for 2019/20 and 2020/21)",
                           imp->measure[m], y0, y1))
                return 0;
            continue;
        }
        for (size_t i = 0; i < ns; i++)
            d->has[i] = triad_outcomes_value(out, i, m, y0, &d->from[i]) &&
                        triad_outcomes_value(out, i, m, y1, &d->to[i]);
        if (!fit_line(d, ns)) {
            if (!lines_add(&imp->warn, &imp->nwarn,
                           "%s %d to %d: fewer than 3 schools with both years, or no spread: "
                           "no change computed",
                           imp->measure[m], y0, y1))
                return 0;
            continue;
        }
        if (!pair_rows(imp, ps, d, m, y0, o, w))
            return 0;
    }
    return 1;
}

/* Copies of the names the CSV needs, the labels of every plan one after
 * the other (ps->base says where each plan's start); 0 when out of
 * memory. */
static int copy_names(triad_impact *imp, const plan_set *ps, const triad_outcomes *out)
{
    imp->nmeasure = triad_outcomes_measure_count(out);
    imp->measure = calloc(imp->nmeasure + 1, sizeof *imp->measure);
    int ok = imp->measure != NULL;
    for (size_t m = 0; ok && m < imp->nmeasure; m++)
        ok = (imp->measure[m] = triad_i_strdup(triad_outcomes_measure(out, m))) != NULL;
    size_t n[3] = {1, 0, 0};
    for (size_t k = 0; k < ps->n; k++) {
        ps->base[k][0] = 0; /* one LA */
        ps->base[k][1] = n[1];
        ps->base[k][2] = n[2];
        n[1] += triad_plan_collaborative_count(ps->plans[k]);
        n[2] += triad_plan_triad_count(ps->plans[k]);
    }
    for (int l = 0; ok && l < 3; l++) {
        imp->label[l] = calloc(n[l] + 1, sizeof **imp->label);
        ok = imp->label[l] != NULL;
    }
    for (int l = 0; ok && l < 3; l++)
        for (size_t k = 0; ok && k < (l ? ps->n : 1); k++) {
            const triad_plan *p = ps->plans[k];
            size_t ng = l == 0 ? 1 : l == 1 ? triad_plan_collaborative_count(p)
                                            : triad_plan_triad_count(p);
            for (size_t g = 0; ok && g < ng; g++, imp->nlabel[l]++)
                ok = (imp->label[l][imp->nlabel[l]] =
                          triad_i_strdup(l == 0   ? "LA"
                                         : l == 1 ? triad_plan_collaborative_label(p, g)
                                                  : triad_plan_triad_label(p, g))) != NULL;
        }
    return ok;
}

/* The options checked into *o; TRIAD_OK or the reason. */
static triad_status take_options(const triad_impact_options *opts, triad_impact_options *o,
                                 triad_error *err)
{
    triad_impact_options_init(o);
    if (opts && opts->struct_size != sizeof *o)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "impact options not set up by triad_impact_options_init");
    if (opts)
        *o = *opts;
    if (o->resamples < 100 || o->resamples > 100000 || !(o->level >= 0.5 && o->level <= 0.999))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "impact options out of range (resamples 100-100000, level 0.5-0.999)");
    return TRIAD_OK;
}

/* The rows of every measure over the plans of ps; 0 when out of memory. */
static int compute(triad_impact *imp, const triad_schools *s, plan_set *ps,
                   const triad_outcomes *out, const triad_impact_options *o)
{
    size_t ns = triad_schools_count(s), built = 0;
    pair_data d = {.has = malloc(ns + 1),
                   .from = malloc((ns + 1) * sizeof(double)),
                   .to = malloc((ns + 1) * sizeof(double)),
                   .resid = malloc((ns + 1) * sizeof(double))};
    group_ws w = {.idx = malloc((ns + 1) * sizeof(size_t)),
                  .means = malloc(((size_t)o->resamples + 1) * sizeof(double))};
    rng_seed(&w.r, o->seed);
    ps->groups = calloc(ps->n, sizeof *ps->groups);
    ps->base = calloc(ps->n, sizeof *ps->base);
    while (ps->groups && built < ps->n && impact_groups_build(&ps->groups[built], s, ps->plans[built]))
        built++;
    int ok = built == ps->n && ps->base && d.has && d.from && d.to && d.resid && w.idx &&
             w.means && copy_names(imp, ps, out);
    for (size_t m = 0; ok && m < triad_outcomes_measure_count(out); m++)
        ok = measure_rows(imp, s, ps, out, m, o, &d, &w);
    free(d.has);
    free(d.from);
    free(d.to);
    free(d.resid);
    free(w.idx);
    free(w.means);
    for (size_t k = 0; k < built; k++)
        impact_groups_free(&ps->groups[k]);
    free(ps->groups);
    free(ps->base);
    return ok;
}

triad_status triad_impact_compute_years(const triad_schools *s, const triad_plan *const *plans,
                                        const int *years, size_t nplans,
                                        const triad_outcomes *out,
                                        const triad_impact_options *opts, triad_impact **res,
                                        triad_error *err)
{
    triad_error_clear(err);
    if (!s || !plans || !out || !res || nplans == 0 || (nplans > 1 && !years))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, plans (with their years when more than one), outcomes or "
                            "out is NULL");
    *res = NULL;
    for (size_t k = 0; k < nplans; k++) {
        if (!plans[k])
            return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "plan %zu is NULL",
                                k + 1);
        if (years && (years[k] < 1990 || years[k] > 2100))
            return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                                "plan %zu: its year %d is not 1990-2100", k + 1, years[k]);
        for (size_t j = 0; years && j < k; j++)
            if (years[j] == years[k])
                return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                                    "plans %zu and %zu are both for %d", j + 1, k + 1, years[k]);
    }
    triad_impact_options o;
    triad_status st = take_options(opts, &o, err);
    if (st != TRIAD_OK)
        return st;
    static const int every_pair = 0;
    plan_set ps = {plans, years ? years : &every_pair, nplans, NULL, NULL};
    triad_impact *imp = calloc(1, sizeof *imp);
    if (!imp || !compute(imp, s, &ps, out, &o)) {
        triad_impact_free(imp);
        return triad_i_fail_nomem(err);
    }
    *res = imp;
    return TRIAD_OK;
}

triad_status triad_impact_compute(const triad_schools *s, const triad_plan *p,
                                  const triad_outcomes *out, const triad_impact_options *opts,
                                  triad_impact **res, triad_error *err)
{
    return triad_impact_compute_years(s, p ? &p : NULL, NULL, 1, out, opts, res, err);
}

static void number(triad_i_buf *b, double v)
{
    if (isnan(v))
        triad_i_buf_puts(b, ",");
    else
        triad_i_buf_printf(b, ",%.6g", v);
}

triad_status triad_impact_csv(const triad_impact *imp, char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!imp || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "impact or out is NULL");
    static const char *const levels[] = {"la", "collaborative", "triad"};
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "level,group,measure,year_from,year_to,schools,missing,mean_from,"
                         "mean_to,change,change_vs_la,change_vs_expected,ci_low,ci_high\n");
    for (size_t k = 0; k < imp->nrow; k++) {
        const impact_row *r = &imp->row[k];
        triad_i_buf_printf(&b, "%s,", levels[r->level]);
        triad_i_buf_csv_field(&b, imp->label[r->level][r->group]);
        triad_i_buf_puts(&b, ",");
        triad_i_buf_csv_field(&b, imp->measure[r->measure]);
        triad_i_buf_printf(&b, ",%d,%d,%zu,%zu", r->year_from, r->year_to, r->n, r->missing);
        double v[] = {r->mean_from, r->mean_to, r->change, r->vs_la, r->vs_expected, r->lo, r->hi};
        for (size_t q = 0; q < sizeof v / sizeof *v; q++)
            number(&b, v[q]);
        triad_i_buf_puts(&b, "\n");
    }
    if (b.failed) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}

/* A figure, or null where the group has too few schools for it. */
static json_t *json_number(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *row_json(const triad_impact *imp, const impact_row *r)
{
    static const char *const levels[] = {"la", "collaborative", "triad"};
    json_t *o = json_object();
    json_object_set_new(o, "level", json_string(levels[r->level]));
    json_object_set_new(o, "group", json_string(imp->label[r->level][r->group]));
    json_object_set_new(o, "measure", json_string(imp->measure[r->measure]));
    json_object_set_new(o, "year_from", json_integer(r->year_from));
    json_object_set_new(o, "year_to", json_integer(r->year_to));
    json_object_set_new(o, "schools", json_integer((json_int_t)r->n));
    json_object_set_new(o, "missing", json_integer((json_int_t)r->missing));
    const char *names[] = {"mean_from",          "mean_to", "change", "change_vs_la",
                           "change_vs_expected", "ci_low",  "ci_high"};
    double v[] = {r->mean_from, r->mean_to, r->change, r->vs_la, r->vs_expected, r->lo, r->hi};
    for (size_t q = 0; q < sizeof v / sizeof *v; q++)
        json_object_set_new(o, names[q], json_number(v[q]));
    return o;
}

triad_status triad_impact_json(const triad_impact *imp, char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!imp || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "impact or out is NULL");
    json_t *root = json_object(), *rows = json_array(), *warn = json_array();
    for (size_t k = 0; root && rows && k < imp->nrow; k++)
        json_array_append_new(rows, row_json(imp, &imp->row[k]));
    for (size_t k = 0; root && warn && k < imp->nwarn; k++)
        json_array_append_new(warn, json_string(imp->warn[k]));
    json_object_set_new(root, "rows", rows);
    json_object_set_new(root, "warnings", warn);
    char *text =
        root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))
             : NULL;
    json_decref(root);
    if (!text)
        return triad_i_fail_nomem(err);
    *out = triad_i_strdup(text);
    free(text);
    return *out ? TRIAD_OK : triad_i_fail_nomem(err);
}
