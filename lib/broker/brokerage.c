/* A brokerage: its matches, re-scored by rules independent of the solver
 * (so a hand-made brokerage is checked the same way), the needs it leaves
 * unmet with their reasons, the directory of services left, and output. */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "io/csv_table.h"
#include "io/file_write.h"
#include "io/json_text.h"
#include "model/plan_impl.h"
#include "model/schools_impl.h"

#define DAYS_EPS 0.011 /* matches are written to a hundredth of a day */

void triad_brokerage_free(triad_brokerage *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->nschools; i++) {
        free(b->urn ? b->urn[i] : NULL);
        free(b->name ? b->name[i] : NULL);
    }
    free(b->urn);
    free(b->name);
    triad_market_free(b->market);
    free(b->m);
    for (size_t q = 0; q < b->nunmet; q++)
        free(b->unmet[q]);
    free(b->unmet);
    for (size_t q = 0; q < b->nviol; q++)
        free(b->viol[q]);
    free(b->viol);
    for (size_t q = 0; q < b->nwarn; q++)
        free(b->warn[q]);
    free(b->warn);
    free(b);
}

triad_brokerage *brokerage_new(const triad_schools *s, const triad_market *m,
                               const triad_broker_options *opts)
{
    triad_brokerage *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->opts = *opts;
    b->objective = b->bound = b->gap = NAN;
    b->nschools = s->n;
    b->urn = calloc(s->n + 1, sizeof *b->urn);
    b->name = calloc(s->n + 1, sizeof *b->name);
    b->market = calloc(1, sizeof *b->market);
    int ok = b->urn && b->name && b->market;
    for (size_t i = 0; ok && i < s->n; i++)
        ok = (b->urn[i] = triad_i_strdup(s->s[i].urn)) &&
             (b->name[i] = triad_i_strdup(s->s[i].name));
    if (ok) {
        triad_market *c = b->market;
        c->nschools = m->nschools;
        c->offers = malloc((m->noffers + 1) * sizeof *c->offers);
        c->needs = malloc((m->nneeds + 1) * sizeof *c->needs);
        c->areas = calloc(m->nareas + 1, sizeof *c->areas);
        ok = c->offers && c->needs && c->areas;
        if (ok) {
            memcpy(c->offers, m->offers, m->noffers * sizeof *c->offers);
            memcpy(c->needs, m->needs, m->nneeds * sizeof *c->needs);
            c->noffers = m->noffers;
            c->nneeds = m->nneeds;
        }
        for (size_t a = 0; ok && a < m->nareas; a++, c->nareas++)
            ok = (c->areas[a] = triad_i_strdup(m->areas[a])) != NULL;
    }
    if (!ok) {
        triad_brokerage_free(b);
        return NULL;
    }
    return b;
}

size_t triad_brokerage_count(const triad_brokerage *b)
{
    return b ? b->nmatch : 0;
}

double triad_brokerage_days_met(const triad_brokerage *b)
{
    return b ? b->days_met : 0;
}

double triad_brokerage_days_needed(const triad_brokerage *b)
{
    return b ? b->days_needed : 0;
}

size_t triad_brokerage_violations(const triad_brokerage *b)
{
    return b ? b->nviol : 0;
}

size_t triad_brokerage_warnings(const triad_brokerage *b)
{
    return b ? b->nwarn : 0;
}

const char *triad_brokerage_warning(const triad_brokerage *b, size_t k)
{
    return b && k < b->nwarn ? b->warn[k] : NULL;
}

typedef struct sup_pair {
    size_t school, supporter;
} sup_pair;

static int cmp_pair(const void *x, const void *y)
{
    const sup_pair *a = x, *b = y;
    if (a->school != b->school)
        return a->school < b->school ? -1 : 1;
    return (a->supporter > b->supporter) - (a->supporter < b->supporter);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static const char *why_text(int why)
{
    switch (why) {
    case WHY_SELF: return "the school itself";
    case WHY_CONCERN: return "causing concern";
    case WHY_GRADE: return "below the minimum grade";
    case WHY_TRAVEL: return "beyond the travel limit";
    case WHY_TRUST: return "in the same trust";
    case WHY_NO_LOCATION: return "unlocated (one of the two schools has no location, so the travel limit cannot be shown to hold)";
    }
    return "";
}

/* Whether supporter already supports school in the sorted pairs (so its
 * max_schools does not hold it back from more days there). */
static int supports(const sup_pair *pair, size_t n, size_t school, size_t supporter)
{
    sup_pair key = {school, supporter};
    return bsearch(&key, pair, n, sizeof *pair, cmp_pair) != NULL;
}

triad_status brokerage_score(triad_brokerage *b, const triad_schools *s, const triad_plan *plan,
                             triad_error *err)
{
    const triad_market *m = b->market;
    const triad_broker_options *o = &b->opts;
    double *used = calloc(m->noffers + 1, sizeof *used), *got = calloc(m->nneeds + 1, sizeof *got);
    size_t *supporters = calloc(s->n + 1, sizeof *supporters);
    size_t *schools_of = calloc(s->n + 1, sizeof *schools_of); /* per supporter */
    sup_pair *pair = malloc((b->nmatch + 1) * sizeof *pair);
    int ok = used && got && supporters && schools_of && pair;
    if (!ok)
        goto done;
    /* the policy is a preference of the solver, not a rule: counted, so the
     * officer sees how far it was followed */
    b->within = -1;
    if (plan) {
        b->within = 0;
        for (size_t k = 0; k < b->nmatch; k++) {
            long cs = plan->collab[m->offers[b->m[k].offer].school],
                 cn = plan->collab[m->needs[b->m[k].need].school];
            b->within += cs >= 0 && cs == cn;
        }
    }
    b->km_median = b->km_max = NAN;
    double *kms = malloc((b->nmatch + 1) * sizeof *kms);
    size_t nk = 0;
    ok = ok && kms;
    for (size_t k = 0; ok && k < b->nmatch; k++)
        if (b->m[k].km >= 0)
            kms[nk++] = b->m[k].km;
    if (ok && nk) {
        qsort(kms, nk, sizeof *kms, cmp_double);
        b->km_median = nk % 2 ? kms[nk / 2] : (kms[nk / 2 - 1] + kms[nk / 2]) / 2;
        b->km_max = kms[nk - 1];
    }
    free(kms);
    b->days_met = b->weighted_met = b->km_days = 0;
    for (size_t k = 0; ok && k < b->nmatch; k++) {
        const match *x = &b->m[k];
        const offer *of = &m->offers[x->offer];
        const need *nd = &m->needs[x->need];
        double km;
        int why = broker_eligible(s, m, of, nd, o, &km);
        if (of->area != nd->area)
            ok = lines_add(&b->viol, &b->nviol, "%s supports %s in %s, which it does not offer",
                          b->urn[of->school], b->urn[nd->school], m->areas[nd->area]);
        else if (why != WHY_OK)
            ok = lines_add(&b->viol, &b->nviol, "%s supports %s in %s but is %s",
                          b->urn[of->school], b->urn[nd->school], m->areas[nd->area],
                          why_text(why));
        used[x->offer] += x->days;
        got[x->need] += x->days;
        if (km > 0)
            b->km_days += km * x->days;
        pair[k] = (sup_pair){nd->school, of->school};
    }
    /* distinct supporters per school */
    qsort(pair, b->nmatch, sizeof *pair, cmp_pair);
    for (size_t k = 0; k < b->nmatch; k++)
        if (k == 0 || cmp_pair(&pair[k], &pair[k - 1]) != 0)
            supporters[pair[k].school]++;
    for (size_t q = 0; ok && q < m->noffers; q++)
        if (used[q] > m->offers[q].days + DAYS_EPS)
            ok = lines_add(&b->viol, &b->nviol, "%s gives %.2f days of %s, %.2f offered",
                          b->urn[m->offers[q].school], used[q], m->areas[m->offers[q].area],
                          m->offers[q].days);
    for (size_t i = 0; ok && i < s->n; i++)
        if (supporters[i] > (size_t)o->max_supporters)
            ok = lines_add(&b->viol, &b->nviol, "%s has %zu supporters, at most %d",
                          b->urn[i], supporters[i], o->max_supporters);
    /* schools per supporter, for the max_schools reason */
    for (size_t k = 0; ok && k < b->nmatch; k++)
        if (k == 0 || cmp_pair(&pair[k], &pair[k - 1]) != 0)
            schools_of[pair[k].supporter]++;
    b->days_needed = 0;
    for (size_t d = 0; ok && d < m->nneeds; d++) {
        const need *nd = &m->needs[d];
        b->days_needed += nd->days;
        /* days met count up to the need: an excess is a violation, not
         * more need met */
        b->days_met += fmin(got[d], nd->days);
        b->weighted_met += fmin(got[d], nd->days) * nd->priority;
        if (got[d] > nd->days + DAYS_EPS)
            ok = lines_add(&b->viol, &b->nviol, "%s gets %.2f days of %s, %.2f needed",
                          b->urn[nd->school], got[d], m->areas[nd->area], nd->days);
        double left = nd->days - got[d];
        if (!ok || left <= DAYS_EPS)
            continue;
        /* why: nobody offers the area; everyone who does is excluded by a
         * rule; their days are spent; or the supporters limit */
        size_t offering = 0, excluded[WHY_COUNT] = {0}, with_days = 0, free_sup = 0;
        double days_left = 0; /* on offer from eligible supporters not at max_schools */
        for (size_t q = 0; q < m->noffers; q++) {
            const offer *of = &m->offers[q];
            if (of->area != nd->area)
                continue;
            offering++;
            double km;
            int why = broker_eligible(s, m, of, nd, o, &km);
            excluded[why]++;
            int has_days = why == WHY_OK && of->days - used[q] > DAYS_EPS;
            with_days += has_days;
            if (has_days && (of->max_schools <= 0 ||
                             schools_of[of->school] < (size_t)of->max_schools ||
                             supports(pair, b->nmatch, nd->school, of->school))) {
                free_sup++;
                days_left += of->days - used[q];
            }
        }
        char reason[400];
        if (!offering) {
            snprintf(reason, sizeof reason, "no school offers %s", m->areas[nd->area]);
        } else if (!excluded[WHY_OK]) {
            size_t len = (size_t)snprintf(reason, sizeof reason,
                                          "every school offering %s is excluded:",
                                          m->areas[nd->area]);
            const char *sep = " ";
            for (int w = 1; w < WHY_COUNT && len < sizeof reason; w++)
                if (excluded[w]) {
                    len += (size_t)snprintf(reason + len, sizeof reason - len, "%s%zu %s", sep,
                                            excluded[w], why_text(w));
                    sep = ", ";
                }
        } else if (!with_days) {
            snprintf(reason, sizeof reason, "the eligible supporters' days of %s are spent",
                     m->areas[nd->area]);
        } else if (supporters[nd->school] < (size_t)o->max_supporters && free_sup) {
            /* nothing held it: a hand-made brokerage (or a plan cut short)
             * left it */
            snprintf(reason, sizeof reason,
                     "not assigned: %zu eligible supporter%s %s %.2f days of %s left%s", free_sup,
                     TRIAD_S(free_sup), free_sup == 1 ? "has" : "have", days_left,
                     m->areas[nd->area],
                     b->nwarn ? " (the time limit cut the search short)" : "");
        } else if (supporters[nd->school] >= (size_t)o->max_supporters) {
            snprintf(reason, sizeof reason, "it has %zu supporter%s already (max_supporters = %d)",
                     supporters[nd->school], TRIAD_S(supporters[nd->school]), o->max_supporters);
        } else {
            snprintf(reason, sizeof reason,
                     "the eligible supporters with days of %s left are at their max_schools%s",
                     m->areas[nd->area],
                     b->nwarn ? ", or the time limit cut the search short" : "");
        }
        ok = lines_add(&b->unmet, &b->nunmet, "%s %s: %.2f of %.2f days of %s unmet (priority %d): %s",
                      b->urn[nd->school], b->name[nd->school], left, nd->days,
                      m->areas[nd->area], nd->priority, reason);
    }
    if (ok && strcmp(b->engine, "file") == 0) {
        b->objective = b->weighted_met; /* the file's own figure; nothing proves it best */
        b->bound = b->gap = NAN;
    }
done:
    free(used);
    free(got);
    free(supporters);
    free(schools_of);
    free(pair);
    return ok ? TRIAD_OK : triad_i_fail_nomem(err);
}

static double offer_used(const triad_brokerage *b, size_t q)
{
    double u = 0;
    for (size_t k = 0; k < b->nmatch; k++)
        if (b->m[k].offer == q)
            u += b->m[k].days;
    return u;
}

static void brokerage_csv(const triad_brokerage *b, triad_i_buf *t)
{
    /* names beside the URNs: the file is read by people too */
    triad_i_buf_puts(t, "needing_urn,needing_name,supporting_urn,supporting_name,area,days,km\r\n");
    const triad_market *m = b->market;
    for (size_t k = 0; k < b->nmatch; k++) {
        const match *x = &b->m[k];
        size_t need = m->needs[x->need].school, sup = m->offers[x->offer].school;
        triad_i_buf_csv_field(t, b->urn[need]);
        triad_i_buf_puts(t, ",");
        triad_i_buf_csv_field(t, b->name[need]);
        triad_i_buf_puts(t, ",");
        triad_i_buf_csv_field(t, b->urn[sup]);
        triad_i_buf_puts(t, ",");
        triad_i_buf_csv_field(t, b->name[sup]);
        triad_i_buf_puts(t, ",");
        triad_i_buf_csv_field(t, m->areas[m->needs[x->need].area]);
        triad_i_buf_printf(t, ",%.2f,", x->days);
        if (x->km >= 0)
            triad_i_buf_printf(t, "%.1f", x->km);
        triad_i_buf_puts(t, "\r\n");
    }
}

static const char *role_name(int r)
{
    return r == ROLE_NLE ? "NLE" : r == ROLE_LLE ? "LLE" : r == ROLE_SLE ? "SLE" : "";
}

static void directory_csv(const triad_brokerage *b, triad_i_buf *t)
{
    triad_i_buf_puts(t, "urn,name,area,role,offered,used,left\r\n");
    const triad_market *m = b->market;
    for (size_t q = 0; q < m->noffers; q++) {
        const offer *of = &m->offers[q];
        double u = offer_used(b, q);
        triad_i_buf_csv_field(t, b->urn[of->school]);
        triad_i_buf_puts(t, ",");
        triad_i_buf_csv_field(t, b->name[of->school]);
        triad_i_buf_puts(t, ",");
        triad_i_buf_csv_field(t, m->areas[of->area]);
        triad_i_buf_printf(t, ",%s,%.2f,%.2f,%.2f\r\n", role_name(of->role), of->days, u,
                           fmax(0, of->days - u));
    }
}

typedef void (*table_builder)(const triad_brokerage *b, triad_i_buf *t);

/* Builds one of the brokerage's tables into the file at path, or, when path
 * is NULL, into the string *out. */
static triad_status table_out(const triad_brokerage *b, table_builder build, const char *path,
                              char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!b || (!path && !out))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "brokerage, path or out is NULL");
    triad_i_buf t;
    triad_i_buf_init(&t);
    build(b, &t);
    return path ? file_write_buf(path, &t, err) : file_buf_take(&t, out, err);
}

triad_status triad_brokerage_csv(const triad_brokerage *b, char **out, triad_error *err)
{
    return table_out(b, brokerage_csv, NULL, out, err);
}

triad_status triad_brokerage_write(const triad_brokerage *b, const char *path, triad_error *err)
{
    return table_out(b, brokerage_csv, path, NULL, err); /* path NULL: refused */
}

triad_status triad_brokerage_directory_csv(const triad_brokerage *b, char **out, triad_error *err)
{
    return table_out(b, directory_csv, NULL, out, err);
}

triad_status triad_brokerage_write_directory(const triad_brokerage *b, const char *path,
                                             triad_error *err)
{
    return table_out(b, directory_csv, path, NULL, err);
}

void brokerage_origin(const triad_brokerage *b, char *out, size_t size)
{
    if (strcmp(b->engine, "file") == 0)
        snprintf(out, size, "read from a file, not solved");
    else
        snprintf(out, size, "solved: %s (%s)", b->status,
                 strcmp(b->engine, "mip") == 0 ? "mixed-integer program" : "linear program");
}

static json_t *num_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

triad_status triad_brokerage_format(const triad_brokerage *b, int json, char **out,
                                    triad_error *err)
{
    triad_error_clear(err);
    if (!b || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "brokerage or out is NULL");
    *out = NULL;
    const triad_market *m = b->market;
    if (json) {
        json_t *root = json_object(), *sum = json_object(), *ms = json_array(),
               *un = json_array(), *dir = json_array(), *vi = json_array();
        json_object_set_new(sum, "matches", json_integer((json_int_t)b->nmatch));
        json_object_set_new(sum, "days_met", json_real(b->days_met));
        json_object_set_new(sum, "days_needed", json_real(b->days_needed));
        json_object_set_new(sum, "priority_weighted_days_met", json_real(b->weighted_met));
        json_object_set_new(sum, "km_days", json_real(b->km_days));
        json_object_set_new(sum, "km_median", num_or_null(b->km_median));
        json_object_set_new(sum, "km_max", num_or_null(b->km_max));
        json_object_set_new(sum, "within_collaborative",
                            b->within >= 0 ? json_integer(b->within) : json_null());
        json_object_set_new(sum, "policy",
                            json_string(b->opts.policy == TRIAD_BROKER_WITHIN   ? "within"
                                        : b->opts.policy == TRIAD_BROKER_ACROSS ? "across"
                                                                                : "any"));
        json_object_set_new(sum, "unmet_needs", json_integer((json_int_t)b->nunmet));
        json_object_set_new(sum, "violations", json_integer((json_int_t)b->nviol));
        json_object_set_new(sum, "warnings", json_integer((json_int_t)b->nwarn));
        json_object_set_new(root, "summary", sum);
        json_t *wa = json_array();
        for (size_t q = 0; q < b->nwarn; q++)
            json_array_append_new(wa, json_text(b->warn[q]));
        json_object_set_new(root, "warnings", wa);
        json_t *sv = json_object();
        json_object_set_new(sv, "engine", json_text(b->engine));
        json_object_set_new(sv, "status", json_text(b->status));
        json_object_set_new(sv, "objective", num_or_null(b->objective));
        json_object_set_new(sv, "bound", num_or_null(b->bound));
        json_object_set_new(sv, "gap", num_or_null(b->gap));
        json_object_set_new(root, "solver", sv);
        for (size_t k = 0; k < b->nmatch; k++) {
            const match *x = &b->m[k];
            json_t *j = json_object();
            json_object_set_new(j, "needing_urn", json_text(b->urn[m->needs[x->need].school]));
            json_object_set_new(j, "supporting_urn", json_text(b->urn[m->offers[x->offer].school]));
            json_object_set_new(j, "area", json_text(m->areas[m->needs[x->need].area]));
            json_object_set_new(j, "days", json_real(x->days));
            json_object_set_new(j, "km", x->km >= 0 ? json_real(x->km) : json_null());
            json_array_append_new(ms, j);
        }
        for (size_t q = 0; q < b->nunmet; q++)
            json_array_append_new(un, json_text(b->unmet[q]));
        for (size_t q = 0; q < m->noffers; q++) {
            const offer *of = &m->offers[q];
            double u = offer_used(b, q);
            json_t *j = json_object();
            json_object_set_new(j, "urn", json_text(b->urn[of->school]));
            json_object_set_new(j, "area", json_text(m->areas[of->area]));
            json_object_set_new(j, "role", json_text(role_name(of->role)));
            json_object_set_new(j, "offered", json_real(of->days));
            json_object_set_new(j, "left", json_real(fmax(0, of->days - u)));
            json_array_append_new(dir, j);
        }
        for (size_t q = 0; q < b->nviol; q++)
            json_array_append_new(vi, json_text(b->viol[q]));
        json_object_set_new(root, "matches", ms);
        json_object_set_new(root, "unmet", un);
        json_object_set_new(root, "directory", dir);
        json_object_set_new(root, "violations", vi);
        char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
        json_decref(root);
        if (!s)
            return triad_i_fail_nomem(err);
        *out = triad_i_strdup(s);
        free(s);
        return *out ? TRIAD_OK : triad_i_fail_nomem(err);
    }
    triad_i_buf t;
    triad_i_buf_init(&t);
    triad_i_buf_printf(&t, "Brokerage: %zu match%s; %.2f of %.2f days of need met (%.0f%%)\n",
                       b->nmatch, b->nmatch == 1 ? "" : "es", b->days_met, b->days_needed,
                       b->days_needed > 0 ? 100 * b->days_met / b->days_needed : 100.0);
    if (!isnan(b->km_median))
        triad_i_buf_printf(&t,
                           "Travel: median %.1f km, longest %.1f km between supporter and "
                           "school; %.1f days travelled times km in all\n",
                           b->km_median, b->km_max, b->km_days);
    if (b->within >= 0)
        triad_i_buf_printf(&t, "Policy %s: %ld of %zu matches inside the school's collaborative, "
                               "%zu across\n",
                           b->opts.policy == TRIAD_BROKER_WITHIN   ? "within"
                           : b->opts.policy == TRIAD_BROKER_ACROSS ? "across"
                                                                   : "any",
                           b->within, b->nmatch, b->nmatch - (size_t)b->within);
    char origin[96];
    brokerage_origin(b, origin, sizeof origin);
    triad_i_buf_printf(&t, "Brokerage %s; priority-weighted days %.2f", origin,
                       isnan(b->objective) ? b->weighted_met : b->objective);
    if (!isnan(b->bound) && !isnan(b->gap))
        triad_i_buf_printf(&t, ", bound %.2f, gap %.2f%%", b->bound, 100 * b->gap);
    triad_i_buf_puts(&t, "\n");
    for (size_t q = 0; q < b->nwarn; q++)
        triad_i_buf_printf(&t, "Warning: %s\n", b->warn[q]);
    triad_i_buf_printf(&t, "Unmet needs: %zu\n", b->nunmet);
    for (size_t q = 0; q < b->nunmet; q++)
        triad_i_buf_printf(&t, "  %s\n", b->unmet[q]);
    triad_i_buf_printf(&t, "Violations: %zu\n", b->nviol);
    for (size_t q = 0; q < b->nviol; q++)
        triad_i_buf_printf(&t, "  %s\n", b->viol[q]);
    if (t.failed || !t.data) {
        triad_i_buf_free(&t);
        return triad_i_fail_nomem(err);
    }
    *out = t.data;
    return TRIAD_OK;
}

triad_status triad_brokerage_read(const char *path, const triad_schools *s, const triad_plan *plan,
                                  const triad_market *m, const triad_broker_options *opts,
                                  triad_brokerage **out, triad_error *err)
{
    triad_error_clear(err);
    if (!path || !s || !m || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "path, schools, market or out is NULL");
    *out = NULL;
    triad_broker_options o;
    triad_broker_options_init(&o);
    if (opts) {
        triad_status vs =
            triad_i_check_struct_size(opts->struct_size, sizeof o, "triad_broker_options", err);
        if (vs != TRIAD_OK)
            return vs;
        o = *opts;
    }
    csv_table t;
    triad_status st = csv_table_read_maybe_empty(path, &t, err);
    if (st != TRIAD_OK)
        return st;
    static const char *const cn[] = {"needing_urn", NULL}, *const cs[] = {"supporting_urn", NULL},
                             *const ca[] = {"area", NULL}, *const cd[] = {"days", NULL};
    long c[4] = {csv_table_column(&t, cn), csv_table_column(&t, cs), csv_table_column(&t, ca),
                 csv_table_column(&t, cd)};
    triad_brokerage *b = NULL;
    urn_index *ix = urn_index_new(s);
    for (int k = 0; k < 4 && st == TRIAD_OK; k++)
        if (c[k] < 0)
            st =
                triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t.name, 1, 0,
                             "%s:1: a brokerage has the columns needing_urn, supporting_urn, area, "
                             "days%s",
                             t.name, csv_table_separator_hint(&t));
    if (st == TRIAD_OK && (!ix || !(b = brokerage_new(s, m, &o)) ||
                           !(b->m = calloc(t.nrows + 1, sizeof *b->m))))
        st = triad_i_fail_nomem(err);
    if (b) {
        snprintf(b->engine, sizeof b->engine, "file");
        snprintf(b->status, sizeof b->status, "read");
    }
    for (size_t r = 0; st == TRIAD_OK && r < t.nrows; r++) {
        long line = t.lines[r];
        long need_s = urn_index_find(ix, t.rows[r][c[0]]), sup = urn_index_find(ix, t.rows[r][c[1]]);
        if (need_s < 0 || sup < 0) {
            long col = need_s < 0 ? c[0] : c[1];
            st = triad_i_fail(err, TRIAD_ERR_UNKNOWN_SCHOOL, t.name, line, col + 1,
                              "%s:%ld:%ld: URN '%s' is not in the schools file", t.name, line,
                              col + 1, t.rows[r][col]);
            break;
        }
        double days;
        if (!triad_i_parse_double(t.rows[r][c[3]], &days) || !(days > 0) || days > 365) {
            st = triad_i_fail(err, TRIAD_ERR_VALUE, t.name, line, c[3] + 1,
                              "%s:%ld:%ld: invalid days '%s' (expected more than 0, at most 365)",
                              t.name, line, c[3] + 1, t.rows[r][c[3]]);
            break;
        }
        /* the need and offer it draws on; the area by the market's names */
        long nd = -1, of = -1;
        for (size_t d = 0; d < m->nneeds && nd < 0; d++)
            if (m->needs[d].school == (size_t)need_s &&
                triad_i_streq_ci(t.rows[r][c[2]], m->areas[m->needs[d].area]))
                nd = (long)d;
        for (size_t q = 0; q < m->noffers && of < 0; q++)
            if (m->offers[q].school == (size_t)sup &&
                triad_i_streq_ci(t.rows[r][c[2]], m->areas[m->offers[q].area]))
                of = (long)q;
        if (nd < 0 || of < 0) {
            if (!lines_add(&b->viol, &b->nviol, "%s:%ld: %s %s %s", t.name, line,
                          nd < 0 ? t.rows[r][c[0]] : t.rows[r][c[1]],
                          nd < 0 ? "has no need of" : "offers no", t.rows[r][c[2]]))
                st = triad_i_fail_nomem(err);
            continue;
        }
        double km;
        broker_eligible(s, m, &m->offers[of], &m->needs[nd], &o, &km);
        b->m[b->nmatch++] = (match){(size_t)of, (size_t)nd, days, km};
    }
    urn_index_free(ix);
    csv_table_free(&t);
    if (st == TRIAD_OK)
        st = brokerage_score(b, s, plan, err);
    if (st != TRIAD_OK) {
        triad_brokerage_free(b);
        return st;
    }
    *out = b;
    return TRIAD_OK;
}
