/* A brokerage written out: the brokerage CSV, the directory of services,
 * and the summary as text or JSON. */
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

typedef void (*table_builder)(const triad_brokerage *b, triad_i_buf *t);

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

static json_t *num_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

/* The brokerage as JSON: summary, warnings, solver, matches, unmet needs,
 * the directory of services and violations. */
static triad_status format_json(const triad_brokerage *b, char **out, triad_error *err)
{
    const triad_market *m = b->market;
    json_t *root = json_object(), *sum = json_object(), *ms = json_array(), *un = json_array(),
           *dir = json_array(), *vi = json_array();
    json_object_set_new(sum, "matches", json_integer((json_int_t)b->nmatch));
    json_object_set_new(sum, "days_met", json_real(b->days_met));
    json_object_set_new(sum, "days_needed", json_real(b->days_needed));
    json_object_set_new(sum, "priority_weighted_days_met", json_real(b->weighted_met));
    json_object_set_new(sum, "km_days", json_real(b->km_days));
    json_object_set_new(sum, "rota_kept", json_integer((json_int_t)b->rota_kept));
    json_object_set_new(sum, "rota_rotated", json_integer((json_int_t)b->rota_rotated));
    if (b->term_given) {
        json_object_set_new(sum, "under_way_kept", json_integer((json_int_t)b->kept));
        json_object_set_new(sum, "under_way_kept_days", json_real(b->kept_days));
    }
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

/* The brokerage as text for people. */
static triad_status format_text(const triad_brokerage *b, char **out, triad_error *err)
{
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
    if (b->term_given)
        triad_i_buf_printf(&t,
                           "Under way: %zu match%s kept (%.2f days); any not kept is a "
                           "warning below\n",
                           b->kept, b->kept == 1 ? "" : "es", b->kept_days);
    if (b->rota_kept || b->rota_rotated)
        triad_i_buf_printf(&t,
                           "Rota: %zu supporter-school pair%s kept from last year; %zu pair%s "
                           "that had run %d year%s rotated to new supporters\n",
                           b->rota_kept, b->rota_kept == 1 ? "" : "s", b->rota_rotated,
                           b->rota_rotated == 1 ? "" : "s", b->opts.max_years,
                           b->opts.max_years == 1 ? "" : "s");
    if (b->within >= 0)
        triad_i_buf_printf(&t,
                           "Policy %s: %ld of %zu matches inside the school's collaborative, "
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

triad_status triad_brokerage_format(const triad_brokerage *b, int json, char **out,
                                    triad_error *err)
{
    triad_error_clear(err);
    if (!b || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "brokerage or out is NULL");
    *out = NULL;
    return json ? format_json(b, out, err) : format_text(b, out, err);
}
