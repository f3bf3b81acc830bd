#include "model/sizes.h"
#include "model/spec_impl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int sizes_allowed(const pstratum *ps, int size)
{
    if (ps->nsizes == 0)
        return size >= ps->min_size && size <= ps->max_size;
    for (int k = 0; k < ps->nsizes; k++)
        if (ps->sizes[k] == size)
            return 1;
    return 0;
}

void sizes_describe(const pstratum *ps, char *out, size_t n)
{
    if (ps->nsizes == 0) {
        snprintf(out, n, "%d to %d", ps->min_size, ps->max_size);
        return;
    }
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0; k < ps->nsizes && len < n; k++)
        len += (size_t)snprintf(out + len, n - len, "%s%d",
                                k == 0 ? "" : k == ps->nsizes - 1 ? " or " : ", ", ps->sizes[k]);
}

int sizes_triad_count(int m, int t)
{
    if (t <= 0 || m < 2)
        return 0;
    int q = m / t;
    if (q < 1)
        q = 1;
    /* one more sub-group rather than one larger than t + 1 (two quads, not
     * a triad and a five) */
    if ((m + q - 1) / q > t + 1)
        q++;
    return q;
}

/* What one collaborative of m schools costs, in the order that matters:
 * not a whole number of triads, pairs, other non-triads, one group, and
 * its square (so that, all else equal, sizes come out even). */
enum { KEY_NONWHOLE, KEY_PAIRS, KEY_OTHERS, KEY_GROUPS, KEY_SQUARES, NKEYS };

static void group_cost(int m, int t, int64_t *key)
{
    memset(key, 0, NKEYS * sizeof *key);
    key[KEY_GROUPS] = 1;
    key[KEY_SQUARES] = (int64_t)m * m;
    int q = sizes_triad_count(m, t);
    if (q == 0)
        return;
    key[KEY_NONWHOLE] = m % t != 0;
    for (int i = 0; i < q; i++) {
        int sub = m / q + (i < m % q ? 1 : 0);
        key[KEY_PAIRS] += sub < t;
        key[KEY_OTHERS] += sub > t;
    }
}

static int key_less(const int64_t *a, const int64_t *b)
{
    for (int q = 0; q < NKEYS; q++)
        if (a[q] != b[q])
            return a[q] < b[q];
    return 0;
}

static int cmp_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

/* Summary of the chosen sizes: "33 of 9 and 1 of 7". */
static void list_sizes(const int *s, size_t k, char *out, size_t n)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t a = 0; a < k && len < n;) {
        size_t b = a;
        while (b < k && s[b] == s[a])
            b++;
        len += (size_t)snprintf(out + len, n - len, "%s%zu of %d",
                                a == 0 ? "" : b == k ? " and " : ", ", b - a, s[a]);
        a = b;
    }
}

static triad_status one_group(const pstratum *ps, size_t n, int **sizes, size_t *k)
{
    (void)ps;
    *sizes = malloc(sizeof **sizes);
    if (!*sizes)
        return TRIAD_ERR_NOMEM;
    (*sizes)[0] = (int)n;
    *k = 1;
    return TRIAD_OK;
}

/* Dynamic programme over the number of schools placed: best[x] is the
 * cheapest way (keys in group_cost's order) to cut x schools into allowed
 * sizes, from[x] the last size of it (-1: no way). 0 on allocation
 * failure. */
static int sizes_dp(const pstratum *ps, size_t n, int lo, int hi, int64_t *best, int *from)
{
    int64_t *cost = malloc((size_t)(hi - lo + 1) * NKEYS * sizeof *cost);
    if (!cost)
        return 0;
    for (int s = lo; s <= hi; s++) /* each size's cost once, not per x */
        group_cost(s, ps->triad_size, &cost[(size_t)(s - lo) * NKEYS]);
    for (size_t x = 0; x <= n; x++) {
        from[x] = -1;
        best[x * NKEYS] = INT64_MAX;
    }
    memset(best, 0, NKEYS * sizeof *best);
    from[0] = 0;
    int64_t cand[NKEYS];
    for (size_t x = 1; x <= n; x++)
        for (int s = lo; s <= hi && (size_t)s <= x; s++) {
            if (from[x - (size_t)s] < 0 || !sizes_allowed(ps, s))
                continue;
            const int64_t *c = &cost[(size_t)(s - lo) * NKEYS];
            for (int q = 0; q < NKEYS; q++)
                cand[q] = best[(x - (size_t)s) * NKEYS + q] + c[q];
            if (from[x] < 0 || key_less(cand, &best[x * NKEYS])) {
                memcpy(&best[x * NKEYS], cand, sizeof cand);
                from[x] = s;
            }
        }
    free(cost);
    return 1;
}

/* No mix of allowed sizes fits n schools: one group where the spec allows
 * it (Peterborough put a sector too small to split in one sector-wide
 * collaborative: the default does the same, said so), else the error. */
static triad_status sizes_none_fit(const pstratum *ps, size_t n, int lo, const char *allowed,
                                   int **sizes, size_t *k, char *why, size_t whylen,
                                   triad_i_buf *warn, triad_error *err)
{
    if (ps->small_one_group == SMALL_AUTO && n > 0 && n < 2 * (size_t)lo) {
        triad_status st =
            one_group(ps, n, sizes, k) == TRIAD_OK ? TRIAD_OK : triad_i_fail_nomem(err);
        triad_i_buf_printf(warn,
                           "warning: stratum %s: %zu school%s, too few for two "
                           "collaboratives of %s: one sector-wide collaborative of %zu "
                           "instead (small_stratum = auto; small_stratum = error refuses)\n",
                           ps->name, n, TRIAD_S(n), allowed, n);
        snprintf(why, whylen, "%zu schools as one sector-wide collaborative: too few for two "
                 "of sizes %s (small_stratum = auto)", n, allowed);
        return st;
    }
    if (ps->small_one_group == SMALL_ONE_GROUP && n > 0) {
        triad_status st =
            one_group(ps, n, sizes, k) == TRIAD_OK ? TRIAD_OK : triad_i_fail_nomem(err);
        triad_i_buf_printf(warn,
                           "warning: stratum %s: %zu school%s cannot form collaboratives "
                           "of %s; one group of %zu instead (small_stratum = one group)\n",
                           ps->name, n, TRIAD_S(n), allowed, n);
        snprintf(why, whylen, "%zu schools as one group: no mix of sizes %s fits "
                 "(small_stratum = one group)", n, allowed);
        return st;
    }
    return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                        "stratum %s: %zu school%s cannot form collaboratives of %s (no "
                        "mix of those sizes adds up to %zu); allow other sizes, or set "
                        "small_stratum = one group or sector_wide = yes in [stratum.%s]",
                        ps->name, n, TRIAD_S(n), allowed, n, ps->name);
}

/* The sentence for the solver log: the sizes chosen and the rule that chose
 * them. */
static void sizes_why(const pstratum *ps, size_t n, const int *out, size_t g, int nonwhole,
                      const char *allowed, char *why, size_t whylen)
{
    char list[200];
    list_sizes(out, g, list, sizeof list);
    if (ps->triad_size <= 0)
        snprintf(why, whylen, "%zu schools as %s (sizes %s; the fewest collaboratives)", n, list,
                 allowed);
    else if (nonwhole == 0)
        snprintf(why, whylen,
                 "%zu schools as %s (sizes %s; every collaborative a whole number of triads, "
                 "then the fewest collaboratives)",
                 n, list, allowed);
    else
        snprintf(why, whylen,
                 "%zu schools as %s (sizes %s; %d collaborative%s not a whole number of "
                 "triads, the fewest the arithmetic allows, with quads rather than pairs)",
                 n, list, allowed, nonwhole, nonwhole == 1 ? " is" : "s are");
}

triad_status sizes_choose(const pstratum *ps, size_t n, int **sizes, size_t *k, char *why,
                          size_t whylen, triad_i_buf *warn, triad_error *err)
{
    *sizes = NULL;
    *k = 0;
    char allowed[160];
    sizes_describe(ps, allowed, sizeof allowed);
    if (ps->sector_wide) {
        if (one_group(ps, n, sizes, k) != TRIAD_OK)
            return triad_i_fail_nomem(err);
        snprintf(why, whylen, "%zu schools as one sector-wide collaborative (sector_wide)", n);
        return TRIAD_OK;
    }
    int lo = ps->nsizes ? ps->sizes[0] : ps->min_size;
    int hi = ps->nsizes ? ps->sizes[ps->nsizes - 1] : ps->max_size;
    triad_status st = TRIAD_OK;
    int64_t *best = malloc((n + 1) * NKEYS * sizeof *best);
    int *from = malloc((n + 1) * sizeof *from);
    int *out = NULL;
    if (!best || !from || !sizes_dp(ps, n, lo, hi, best, from)) {
        st = triad_i_fail_nomem(err);
    } else if (n == 0 || from[n] <= 0) {
        st = sizes_none_fit(ps, n, lo, allowed, sizes, k, why, whylen, warn, err);
    } else if (!(out = malloc((size_t)best[n * NKEYS + KEY_GROUPS] * sizeof *out))) {
        st = triad_i_fail_nomem(err);
    } else {
        size_t g = 0;
        for (size_t x = n; x > 0; x -= (size_t)from[x])
            out[g++] = from[x];
        qsort(out, g, sizeof *out, cmp_desc);
        sizes_why(ps, n, out, g, (int)best[n * NKEYS + KEY_NONWHOLE], allowed, why, whylen);
        *sizes = out;
        *k = g;
    }
    free(best);
    free(from);
    return st;
}
