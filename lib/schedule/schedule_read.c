/* A schedule CSV read back (the columns triad_schedule_csv writes), for
 * the checker: rows grouped by event, each row's fields checked against
 * the schools, the plan and the calendar's idea of a date. */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "io/csv_table.h"
#include "model/schools_impl.h"
#include "schedule/schedule_impl.h"

enum { C_EVENT, C_KIND, C_DATE, C_END, C_COLL, C_TRIAD, C_HOST, C_URN, C_ROLE, NCOL };

static const char *const col_names[NCOL] = {"event",         "kind",   "date",
                                            "end_date",      "collaborative",
                                            "triad",         "host_urn", "urn", "role"};

typedef struct rd {
    const csv_table *t;
    long c[NCOL];
    const triad_schools *s;
    const triad_plan *p;
    urn_index *ix;
    triad_error *err;
} rd;

/* One row's fields, checked. */
typedef struct row_fields {
    int kind;
    cal_day day, end;
    long coll, triad, host, urn;
} row_fields;

static triad_status bad(const rd *x, size_t r, int col, int status, const char *what)
{
    const csv_table *t = x->t;
    long c = x->c[col];
    return triad_i_fail(x->err, status, t->name, t->lines[r], c + 1, "%s:%ld:%ld: %s '%s'",
                        t->name, t->lines[r], c + 1, what, t->rows[r][c]);
}

static long label_index(const char *label, size_t n, const triad_plan *p, int collab)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(collab ? triad_plan_collaborative_label(p, k) : triad_plan_triad_label(p, k),
                   label) == 0)
            return (long)k;
    return -1;
}

static triad_status read_row(const rd *x, size_t r, row_fields *f)
{
    char *const *row = x->t->rows[r];
    if ((f->kind = sched_kind_of(row[x->c[C_KIND]])) < 0)
        return bad(x, r, C_KIND, TRIAD_ERR_VALUE, "unknown kind (review, feedback, meeting):");
    if (!cal_parse_date(row[x->c[C_DATE]], &f->day))
        return bad(x, r, C_DATE, TRIAD_ERR_VALUE, "not a date (YYYY-MM-DD):");
    if (!cal_parse_date(row[x->c[C_END]], &f->end) || f->end < f->day)
        return bad(x, r, C_END, TRIAD_ERR_VALUE, "not a date on or after the first:");
    f->coll = label_index(row[x->c[C_COLL]], triad_plan_collaborative_count(x->p), x->p, 1);
    if (f->coll < 0)
        return bad(x, r, C_COLL, TRIAD_ERR_VALUE, "no collaborative of the plan is called");
    f->triad = -1;
    if (f->kind != EV_MEETING &&
        (f->triad = label_index(row[x->c[C_TRIAD]], triad_plan_triad_count(x->p), x->p, 0)) < 0)
        return bad(x, r, C_TRIAD, TRIAD_ERR_VALUE, "no triad of the plan is called");
    if ((f->host = urn_index_find(x->ix, row[x->c[C_HOST]])) < 0)
        return bad(x, r, C_HOST, TRIAD_ERR_UNKNOWN_SCHOOL, "not in the schools file: URN");
    if ((f->urn = urn_index_find(x->ix, row[x->c[C_URN]])) < 0)
        return bad(x, r, C_URN, TRIAD_ERR_UNKNOWN_SCHOOL, "not in the schools file: URN");
    const char *role = row[x->c[C_ROLE]];
    int host = strcmp(role, "host") == 0, ok = f->kind == EV_MEETING
                                                   ? strcmp(role, "lead") == 0 ||
                                                         strcmp(role, "member") == 0
                                                   : host || strcmp(role, "reviewer") == 0;
    if (!ok)
        return bad(x, r, C_ROLE, TRIAD_ERR_VALUE,
                   "not a role of its kind (review, feedback: host, reviewer; meeting: lead, "
                   "member):");
    if (host != (f->kind != EV_MEETING && f->urn == f->host))
        return bad(x, r, C_ROLE, TRIAD_ERR_VALUE, "the host is the row whose urn is host_urn:");
    return TRIAD_OK;
}

typedef struct row_key {
    const char *id;
    size_t r;
} row_key;

static int cmp_key(const void *a, const void *b)
{
    const row_key *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->r > y->r) - (x->r < y->r);
}

/* The rows keys[0..n) of one event into sc; who is scratch of n + 1. */
static triad_status read_event(const rd *x, const row_key *keys, size_t n, size_t *who,
                               triad_schedule *sc)
{
    row_fields first, f;
    triad_status st = read_row(x, keys[0].r, &first);
    int meeting = first.kind == EV_MEETING;
    size_t nw = meeting ? 0 : 1, hosts = 0;
    who[0] = (size_t)first.host; /* a review's and a feedback's host comes first */
    for (size_t k = 0; st == TRIAD_OK && k < n; k++) {
        size_t r = keys[k].r;
        if (k && (st = read_row(x, r, &f)) != TRIAD_OK)
            break;
        if (!k)
            f = first;
        if (f.kind != first.kind || f.day != first.day || f.end != first.end ||
            f.coll != first.coll || f.triad != first.triad || f.host != first.host) {
            char what[128];
            snprintf(what, sizeof what, "disagrees with line %ld, its event's first row:",
                     x->t->lines[keys[0].r]);
            return bad(x, r, C_EVENT, TRIAD_ERR_VALUE, what);
        }
        if (!meeting && f.urn == f.host) {
            if (++hosts > 1)
                return bad(x, r, C_URN, TRIAD_ERR_DUPLICATE, "a second host row in one event:");
            continue;
        }
        for (size_t w = 0; w < nw; w++)
            if (who[w] == (size_t)f.urn)
                return bad(x, r, C_URN, TRIAD_ERR_DUPLICATE, "a school named twice in one event:");
        who[nw++] = (size_t)f.urn;
    }
    if (st != TRIAD_OK)
        return st;
    if (!meeting && hosts != 1)
        return bad(x, keys[0].r, C_HOST, TRIAD_ERR_VALUE, "no row of the event is its host:");
    return sched_add(sc, first.kind, first.day, first.end, first.coll, first.triad, who, nw,
                     x->t->lines[keys[0].r])
               ? TRIAD_OK
               : triad_i_fail_nomem(x->err);
}

/* The table's rows by event into sc. */
static triad_status read_events(rd *x, triad_schedule *sc)
{
    const csv_table *t = x->t;
    row_key *keys = malloc((t->nrows + 1) * sizeof *keys);
    size_t *who = malloc((t->nrows + 2) * sizeof *who);
    triad_status st = keys && who ? TRIAD_OK : triad_i_fail_nomem(x->err);
    for (size_t r = 0; st == TRIAD_OK && r < t->nrows; r++)
        keys[r] = (row_key){t->rows[r][x->c[C_EVENT]], r};
    if (st == TRIAD_OK)
        qsort(keys, t->nrows, sizeof *keys, cmp_key);
    for (size_t a = 0, b; st == TRIAD_OK && a < t->nrows; a = b) {
        for (b = a + 1; b < t->nrows && strcmp(keys[b].id, keys[a].id) == 0; b++)
            ;
        st = read_event(x, keys + a, b - a, who, sc);
    }
    free(keys);
    free(who);
    return st;
}

triad_status sched_from_table(const csv_table *t, const triad_schools *s, const triad_plan *p,
                              triad_schedule **out, triad_error *err)
{
    *out = NULL;
    rd x = {.t = t, .s = s, .p = p, .err = err};
    triad_status st = TRIAD_OK;
    for (int k = 0; k < NCOL && st == TRIAD_OK; k++) {
        const char *const names[] = {col_names[k], NULL};
        if ((x.c[k] = csv_table_column(t, names)) < 0)
            st = triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t->name, 1, 0,
                              "%s:1: a schedule has the columns event, kind, date, end_date, "
                              "collaborative, triad, host_urn, urn, role; '%s' is missing%s",
                              t->name, col_names[k], csv_table_separator_hint(t));
    }
    triad_schedule *sc = NULL;
    if (st == TRIAD_OK && (!(x.ix = urn_index_new(s)) || !(sc = sched_new(triad_schools_count(s)))))
        st = triad_i_fail_nomem(err);
    if (st == TRIAD_OK)
        st = read_events(&x, sc);
    urn_index_free(x.ix);
    if (st != TRIAD_OK) {
        triad_schedule_free(sc);
        return st;
    }
    *out = sc;
    return TRIAD_OK;
}

triad_status triad_schedule_read(const char *path, const triad_schools *s, const triad_plan *p,
                                 triad_schedule **out, triad_error *err)
{
    triad_error_clear(err);
    if (!path || !s || !p || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "path, schools, plan or out is NULL");
    *out = NULL;
    csv_table t;
    triad_status st = csv_table_read(path, &t, err);
    if (st != TRIAD_OK)
        return st;
    st = sched_from_table(&t, s, p, out, err);
    csv_table_free(&t);
    return st;
}
