/* Earlier years' brokerages for a rota across years: who supported whom,
 * year by year, most recent first, and how many years running a pair has
 * worked together. */
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "io/csv_table.h"
#include "model/schools_impl.h"

struct triad_broker_history {
    size_t nyears;
    pair_ref **pairs; /* per year, sorted by (sup, sch), distinct */
    size_t *npairs;
    size_t nschools;
};

static int cmp_ref(const void *x, const void *y)
{
    const pair_ref *a = x, *b = y;
    if (a->sup != b->sup)
        return a->sup < b->sup ? -1 : 1;
    return (a->sch > b->sch) - (a->sch < b->sch);
}

void triad_broker_history_free(triad_broker_history *h)
{
    if (!h)
        return;
    for (size_t y = 0; y < h->nyears; y++)
        free(h->pairs[y]);
    free(h->pairs);
    free(h->npairs);
    free(h);
}

/* One year's file into sorted distinct pairs. */
static triad_status read_year(const char *path, const triad_schools *s, const urn_index *ix,
                              pair_ref **out, size_t *n, triad_error *err)
{
    csv_table t;
    triad_status st = csv_table_read_maybe_empty(path, &t, err);
    if (st != TRIAD_OK)
        return st;
    static const char *const cn[] = {"needing_urn", NULL}, *const cs[] = {"supporting_urn", NULL};
    long c0 = csv_table_column(&t, cn), c1 = csv_table_column(&t, cs);
    if (c0 < 0 || c1 < 0) {
        st = triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t.name, 1, 0,
                          "%s:1: a brokerage has the columns needing_urn and supporting_urn%s",
                          t.name, csv_table_separator_hint(&t));
        csv_table_free(&t);
        return st;
    }
    pair_ref *p = malloc((t.nrows + 1) * sizeof *p);
    size_t k = 0;
    if (!p)
        st = triad_i_fail_nomem(err);
    for (size_t r = 0; p && r < t.nrows; r++) {
        long sch = urn_index_find(ix, t.rows[r][c0]), sup = urn_index_find(ix, t.rows[r][c1]);
        if (sch >= 0 && sup >= 0) /* a school that has closed since: skipped */
            p[k++] = (pair_ref){(size_t)sup, (size_t)sch};
    }
    (void)s;
    csv_table_free(&t);
    if (st != TRIAD_OK)
        return st;
    qsort(p, k, sizeof *p, cmp_ref);
    size_t u = 0;
    for (size_t q = 0; q < k; q++)
        if (u == 0 || cmp_ref(&p[q], &p[u - 1]) != 0)
            p[u++] = p[q];
    *out = p;
    *n = u;
    return TRIAD_OK;
}

triad_status triad_broker_history_read(const char *const *paths, size_t n, const triad_schools *s,
                                       triad_broker_history **out, triad_error *err)
{
    triad_error_clear(err);
    if (!paths || !s || !out || n == 0)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "paths, schools or out is NULL, or no path");
    *out = NULL;
    triad_broker_history *h = calloc(1, sizeof *h);
    urn_index *ix = urn_index_new(s);
    triad_status st = h && ix ? TRIAD_OK : triad_i_fail_nomem(err);
    if (st == TRIAD_OK) {
        h->pairs = calloc(n, sizeof *h->pairs);
        h->npairs = calloc(n, sizeof *h->npairs);
        h->nschools = s->n;
        if (!h->pairs || !h->npairs)
            st = triad_i_fail_nomem(err);
    }
    for (size_t y = 0; y < n && st == TRIAD_OK; y++) {
        if (!paths[y]) {
            st = triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "path %zu is NULL", y);
            break;
        }
        st = read_year(paths[y], s, ix, &h->pairs[y], &h->npairs[y], err);
        if (st == TRIAD_OK)
            h->nyears++;
    }
    urn_index_free(ix);
    if (st != TRIAD_OK) {
        triad_broker_history_free(h);
        return st;
    }
    *out = h;
    return TRIAD_OK;
}

size_t broker_history_years(const triad_broker_history *h, size_t sup, size_t sch)
{
    pair_ref key = {sup, sch};
    size_t y = 0;
    while (h && y < h->nyears && bsearch(&key, h->pairs[y], h->npairs[y], sizeof key, cmp_ref))
        y++;
    return y;
}

size_t broker_history_last_year(const triad_broker_history *h, const pair_ref **pairs)
{
    if (!h || h->nyears == 0) {
        *pairs = NULL;
        return 0;
    }
    *pairs = h->pairs[0];
    return h->npairs[0];
}

size_t broker_history_schools(const triad_broker_history *h)
{
    return h ? h->nschools : 0;
}
