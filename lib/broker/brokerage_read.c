/* A brokerage read from its CSV (a hand-made one, or one the broker
 * wrote, header-only included) and scored. */
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

/* One row of a brokerage file being read: its table, columns and line. */
typedef struct brk_row {
    const csv_table *t;
    const long *c; /* needing_urn, supporting_urn, area, days */
    size_t r;
    long line;
} brk_row;

/* The need of school need_s and the offer of supporter sup in the row's
 * area (by the market's names), or -1. */
static void find_need_offer(const triad_market *m, const brk_row *w, long need_s, long sup,
                            long *nd, long *of)
{
    const char *area = w->t->rows[w->r][w->c[2]];
    *nd = *of = -1;
    for (size_t d = 0; d < m->nneeds && *nd < 0; d++)
        if (m->needs[d].school == (size_t)need_s &&
            triad_i_streq_ci(area, m->areas[m->needs[d].area]))
            *nd = (long)d;
    for (size_t q = 0; q < m->noffers && *of < 0; q++)
        if (m->offers[q].school == (size_t)sup &&
            triad_i_streq_ci(area, m->areas[m->offers[q].area]))
            *of = (long)q;
}

/* The brokerage names an area the needing school has no need of, while
 * that school needs an area nobody offers: the brokerage was made with
 * synonyms this market was read without, and scoring it would call its
 * matches violations. The unoffered area, or NULL. */
static const char *synonyms_missing(const triad_market *m, long need_s)
{
    for (size_t d = 0; d < m->nneeds; d++) {
        if (m->needs[d].school != (size_t)need_s)
            continue;
        int offered = 0;
        for (size_t q = 0; q < m->noffers && !offered; q++)
            offered = m->offers[q].area == m->needs[d].area;
        if (!offered)
            return m->areas[m->needs[d].area];
    }
    return NULL;
}

/* Reads one row into b: a match, or a violation line for a match the
 * market has no need or offer for. */
static triad_status read_match(triad_brokerage *b, const triad_schools *s, const triad_market *m,
                               const triad_broker_options *o, const urn_index *ix, const brk_row *w,
                               triad_error *err)
{
    const csv_table *t = w->t;
    const long *c = w->c;
    char *const *row = t->rows[w->r];
    long need_s = urn_index_find(ix, row[c[0]]), sup = urn_index_find(ix, row[c[1]]);
    if (need_s < 0 || sup < 0) {
        long col = need_s < 0 ? c[0] : c[1];
        return triad_i_fail(err, TRIAD_ERR_UNKNOWN_SCHOOL, t->name, w->line, col + 1,
                            "%s:%ld:%ld: URN '%s' is not in the schools file", t->name, w->line,
                            col + 1, row[col]);
    }
    double days;
    if (!triad_i_parse_double(row[c[3]], &days) || !(days > 0) || days > 365)
        return triad_i_fail(err, TRIAD_ERR_VALUE, t->name, w->line, c[3] + 1,
                            "%s:%ld:%ld: invalid days '%s' (expected more than 0, at most 365)",
                            t->name, w->line, c[3] + 1, row[c[3]]);
    long nd, of;
    find_need_offer(m, w, need_s, sup, &nd, &of);
    const char *unoffered = nd < 0 ? synonyms_missing(m, need_s) : NULL;
    if (unoffered)
        return triad_i_fail(err, TRIAD_ERR_VALUE, t->name, w->line, c[2] + 1,
                            "%s:%ld:%ld: %s has no need of '%s' but needs '%s', which no "
                            "school offers: the brokerage was made with a --synonyms file; "
                            "give the same one",
                            t->name, w->line, c[2] + 1, row[c[0]], row[c[2]], unoffered);
    if (nd < 0 || of < 0)
        return lines_add(&b->viol, &b->nviol, "%s:%ld: %s %s %s", t->name, w->line,
                         nd < 0 ? row[c[0]] : row[c[1]], nd < 0 ? "has no need of" : "offers no",
                         row[c[2]])
                   ? TRIAD_OK
                   : triad_i_fail_nomem(err);
    double km;
    broker_eligible(s, m, &m->offers[of], &m->needs[nd], o, &km);
    b->m[b->nmatch++] = (match){(size_t)of, (size_t)nd, days, km};
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
    triad_status st = triad_i_take_options(&o, sizeof o, opts, "triad_broker_options", err);
    if (st != TRIAD_OK)
        return st;
    csv_table t;
    if ((st = csv_table_read_maybe_empty(path, &t, err)) != TRIAD_OK)
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
    if (st == TRIAD_OK &&
        (!ix || !(b = brokerage_new(s, m, &o)) || !(b->m = calloc(t.nrows + 1, sizeof *b->m))))
        st = triad_i_fail_nomem(err);
    if (b) {
        snprintf(b->engine, sizeof b->engine, "file");
        snprintf(b->status, sizeof b->status, "read");
    }
    for (size_t r = 0; st == TRIAD_OK && r < t.nrows; r++)
        st = read_match(b, s, m, &o, ix, &(brk_row){&t, c, r, t.lines[r]}, err);
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
