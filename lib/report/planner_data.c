/* The planner page's data: everything its script needs to score a plan the
 * way triad_check does (attribute codes and values, strata and their sizes,
 * the rules, links, coordinates) and the plans themselves, one per year. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check/report_impl.h"
#include "model/plan_impl.h"
#include "model/schools_impl.h"
#include "report/planner_data.h"

/* A JSON string that is safe inside a <script> data block and does not add
 * a quote, '<' or '&' to the page: every markup character is a \u escape. */
static void json_str(triad_i_buf *b, const char *s)
{
    char run[256];
    size_t n = 0;
    run[n++] = '"';
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (n > sizeof run - 8) {
            run[n] = '\0';
            triad_i_buf_puts(b, run);
            n = 0;
        }
        if (*p < 0x20 || strchr("\"\\<>&'", *p))
            n += (size_t)snprintf(run + n, sizeof run - n, "\\u%04x", *p);
        else
            run[n++] = (char)*p;
    }
    run[n++] = '"';
    run[n] = '\0';
    triad_i_buf_puts(b, run);
}

/* %.17g gives back the same double in JavaScript: the page's sums are then
 * the very sums triad_check makes. */
static void json_num(triad_i_buf *b, double v)
{
    if (isfinite(v))
        triad_i_buf_printf(b, "%.17g", v);
    else
        triad_i_buf_puts(b, "null");
}

static void json_csv(triad_i_buf *b, const char *s)
{
    triad_i_buf f;
    triad_i_buf_init(&f);
    triad_i_buf_puts(&f, "");
    triad_i_buf_csv_field(&f, s);
    if (f.failed)
        b->failed = 1;
    else
        json_str(b, f.data);
    triad_i_buf_free(&f);
}

typedef enum { ARR_LONG, ARR_INT, ARR_BYTE } arr_type;

/* ,"key":[v0,v1,...] for an array of integers of any of our widths. */
static void ints_json(triad_i_buf *b, const char *key, const void *v, arr_type t, size_t n)
{
    triad_i_buf_printf(b, ",\"%s\":[", key);
    for (size_t i = 0; i < n; i++) {
        long x = t == ARR_LONG  ? ((const long *)v)[i]
                 : t == ARR_INT ? ((const int *)v)[i]
                                : ((const unsigned char *)v)[i];
        triad_i_buf_printf(b, "%s%ld", i ? "," : "", x);
    }
    triad_i_buf_puts(b, "]");
}

static void schools_json(triad_i_buf *b, const profile *p, const triad_schools *s)
{
    static const char *const ofsted[] = {"Not inspected", "Outstanding", "Good",
                                         "Requires improvement", "Inadequate"};
    const char *names[] = {"urn", "name", "trust", "phase", "ofsted", "csv"};
    triad_i_buf_puts(b, "\"schools\":{");
    for (int k = 0; k < 6; k++) {
        triad_i_buf_printf(b, "%s\"%s\":[", k ? "," : "", names[k]);
        for (size_t i = 0; i < s->n; i++) {
            const school_rec *q = &s->s[i];
            if (i)
                triad_i_buf_puts(b, ",");
            if (k == 5)
                json_csv(b, q->urn);
            else
                json_str(b, k == 0   ? q->urn
                            : k == 1 ? q->name
                            : k == 2 ? q->trust
                            : k == 3 ? triad_phase_name(q->phase)
                                     : ofsted[q->ofsted >= 0 && q->ofsted <= 4 ? q->ofsted : 0]);
        }
        triad_i_buf_puts(b, "]");
    }
    ints_json(b, "stratum", p->stratum, ARR_INT, s->n);
    ints_json(b, "lead_ok", p->lead_ok, ARR_BYTE, s->n);
    ints_json(b, "concern", p->concern, ARR_BYTE, s->n);
    ints_json(b, "tid", p->trust, ARR_INT, s->n);
    triad_i_buf_puts(b, ",\"opted\":[");
    for (size_t i = 0; i < s->n; i++)
        triad_i_buf_printf(b, "%s%d", i ? "," : "", s->s[i].opted_out);
    triad_i_buf_puts(b, "]");
    for (int k = 0; k < 2; k++) {
        triad_i_buf_printf(b, ",\"%s\":[", k ? "y" : "x");
        for (size_t i = 0; i < s->n; i++) {
            double v = k ? s->s[i].y : s->s[i].x;
            if (i)
                triad_i_buf_puts(b, ",");
            json_num(b, isnan(s->s[i].x) || isnan(s->s[i].y) ? NAN : v);
        }
        triad_i_buf_puts(b, "]");
    }
    triad_i_buf_puts(b, "}");
}

static void labels_json(triad_i_buf *b, const char *key, char *const *label, size_t n, int csv)
{
    triad_i_buf_printf(b, ",\"%s\":[", key);
    for (size_t k = 0; k < n; k++) {
        if (k)
            triad_i_buf_puts(b, ",");
        if (csv)
            json_csv(b, label[k]);
        else
            json_str(b, label[k]);
    }
    triad_i_buf_puts(b, "]");
}

static void attrs_json(triad_i_buf *b, const profile *p)
{
    triad_i_buf_puts(b, "\"attrs\":[");
    for (size_t a = 0; a < p->nattr; a++) {
        const bal_attr *at = &p->attr[a];
        triad_i_buf_printf(b, "%s{\"name\":", a ? "," : "");
        json_str(b, at->name);
        triad_i_buf_printf(b, ",\"numeric\":%d,\"area\":%d,\"sd\":", at->numeric, at->area);
        json_num(b, at->sd);
        labels_json(b, "cats", at->cats, at->ncat, 0);
        triad_i_buf_puts(b, at->numeric ? ",\"value\":[" : ",\"code\":[");
        for (size_t i = 0; i < p->n; i++) {
            if (i)
                triad_i_buf_puts(b, ",");
            if (at->numeric)
                json_num(b, at->value[i]);
            else
                triad_i_buf_printf(b, "%d", at->code[i]);
        }
        triad_i_buf_puts(b, "]}");
    }
    triad_i_buf_puts(b, "]");
}

static void strata_json(triad_i_buf *b, const profile *p)
{
    triad_i_buf_puts(b, "\"strata\":[");
    for (size_t k = 0; k < p->nstrata; k++) {
        const pstratum *ps = &p->strata[k];
        triad_i_buf_printf(b, "%s{\"name\":", k ? "," : "");
        json_str(b, ps->name);
        triad_i_buf_printf(b,
                           ",\"min\":%d,\"max\":%d,\"triad_size\":%d,\"sector_wide\":%d,"
                           "\"local\":%d,\"n\":%zu,\"sizes\":[",
                           ps->min_size, ps->max_size, ps->triad_size, ps->sector_wide, ps->local,
                           ps->n);
        for (int q = 0; q < ps->nsizes; q++)
            triad_i_buf_printf(b, "%s%d", q ? "," : "", ps->sizes[q]);
        triad_i_buf_puts(b, "]}");
    }
    triad_i_buf_puts(b, "]");
}

static void links_json(triad_i_buf *b, const char *key, const link_set *l, size_t n)
{
    triad_i_buf_printf(b, ",\"%s\":[", key);
    for (size_t k = 0; k < n; k++) {
        triad_i_buf_printf(b, "%s{\"line\":%ld,\"s\":[", k ? "," : "", l[k].line);
        for (size_t j = 0; j < l[k].n; j++)
            triad_i_buf_printf(b, "%s%ld", j ? "," : "", l[k].school[j]);
        triad_i_buf_puts(b, "]}");
    }
    triad_i_buf_puts(b, "]");
}

static void plan_json(triad_i_buf *b, const triad_plan *pl, const triad_report *r)
{
    triad_i_buf_printf(b, "{\"nschools\":%zu", pl->nschools);
    ints_json(b, "collab", pl->collab, ARR_LONG, pl->nschools);
    ints_json(b, "triad", pl->triad, ARR_LONG, pl->nschools);
    ints_json(b, "lead", pl->lead, ARR_BYTE, pl->nschools);
    ints_json(b, "lead_years", pl->lead_years, ARR_BYTE, pl->nschools);
    ints_json(b, "locked", pl->locked, ARR_BYTE, pl->nschools);
    ints_json(b, "triad_collab", pl->triad_collab, ARR_LONG, pl->ntriad);
    labels_json(b, "collab_label", pl->collab_label, pl->ncollab, 0);
    labels_json(b, "collab_csv", pl->collab_label, pl->ncollab, 1);
    labels_json(b, "triad_label", pl->triad_label, pl->ntriad, 0);
    labels_json(b, "triad_csv", pl->triad_label, pl->ntriad, 1);
    labels_json(b, "warnings", r->warn, r->nwarn, 0);
    triad_i_buf_puts(b, "}");
}

void planner_data(triad_i_buf *b, const triad_report *const *reports,
                  const triad_plan *const *plans, size_t nyears, const triad_schools *s)
{
    const triad_report *r = reports[0];
    const profile *p = &r->prof;
    const check_rules *ru = &r->rules;
    triad_i_buf_puts(b, "{\"source\":");
    json_str(b, s->source);
    triad_i_buf_printf(b,
                       ",\"rules\":{\"lead_required\":%d,\"no_concern_triads\":%d,"
                       "\"trust_cap_collab\":%d,\"trust_cap_triad\":%d,\"collab_max_km\":",
                       ru->lead_required, ru->no_concern_triads, ru->trust_cap_collab,
                       ru->trust_cap_triad);
    json_num(b, ru->collab_max_km);
    triad_i_buf_puts(b, ",\"triad_max_km\":");
    json_num(b, ru->triad_max_km);
    triad_i_buf_puts(b, "},");
    schools_json(b, p, s);
    triad_i_buf_puts(b, ",");
    attrs_json(b, p);
    triad_i_buf_puts(b, ",");
    strata_json(b, p);
    links_json(b, "must", p->must, p->nmust);
    links_json(b, "cannot", p->cannot, p->ncannot);
    triad_i_buf_puts(b, ",\"years\":[");
    for (size_t y = 0; y < nyears; y++) {
        if (y)
            triad_i_buf_puts(b, ",");
        plan_json(b, plans[y], reports[y]);
    }
    triad_i_buf_puts(b, "]}");
}
