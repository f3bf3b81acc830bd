/* The MDGPLIB text format (Gallego, Laguna, Marti, Duarte 2013). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "model/mdgp_impl.h"

/* A cursor over whitespace-separated tokens that knows its line. */
typedef struct tok {
    const char *p, *name;
    size_t size; /* of the whole text */
    long line;
    triad_error *err;
} tok;

static const char *next_token(tok *t, size_t *len)
{
    while (*t->p && isspace((unsigned char)*t->p)) {
        if (*t->p == '\n')
            t->line++;
        t->p++;
    }
    if (!*t->p)
        return NULL;
    const char *s = t->p;
    while (*t->p && !isspace((unsigned char)*t->p))
        t->p++;
    *len = (size_t)(t->p - s);
    return s;
}

static triad_status read_number(tok *t, const char *what, double *out)
{
    size_t len;
    const char *s = next_token(t, &len);
    if (!s)
        return triad_i_fail(t->err, TRIAD_ERR_VALUE, t->name, t->line, 0,
                            "%s:%ld: file ends where %s was expected", t->name, t->line, what);
    char buf[64];
    size_t k = len < sizeof buf ? len : sizeof buf - 1;
    memcpy(buf, s, k);
    buf[k] = '\0';
    if (len >= sizeof buf || !triad_i_parse_double(buf, out)) {
        return triad_i_fail(t->err, TRIAD_ERR_VALUE, t->name, t->line, 0,
                            "%s:%ld: '%s' is not a number (%s)", t->name, t->line, buf, what);
    }
    return TRIAD_OK;
}

static triad_status read_index(tok *t, const char *what, double lo, double hi, long *out)
{
    double v;
    triad_status st = read_number(t, what, &v);
    if (st != TRIAD_OK)
        return st;
    if (v != floor(v) || v < lo || v > hi)
        return triad_i_fail(t->err, TRIAD_ERR_VALUE, t->name, t->line, 0,
                            "%s:%ld: %s %g is not a whole number from %g to %g", t->name, t->line,
                            what, v, lo, hi);
    *out = (long)v;
    return TRIAD_OK;
}

/* The header: n, m and the kind (ss or ds), refused before anything is
 * allocated when n is over the limit or the text cannot hold n(n-1)/2 pair
 * lines (each at least "i j d" plus a separator: 6 bytes). */
static triad_status parse_header(tok *t, long *n, long *m)
{
    triad_status st;
    double nd;
    if ((st = read_number(t, "element count n", &nd)) != TRIAD_OK)
        return st;
    if (nd > MDGP_MAX_ELEMENTS && nd == floor(nd))
        return triad_i_fail(t->err, TRIAD_ERR_NOMEM, t->name, t->line, 0,
                            "%s:%ld: %g elements is over the limit of %d (the distance matrix "
                            "alone would take %.1f GiB)",
                            t->name, t->line, nd, MDGP_MAX_ELEMENTS, nd * nd * 8 / 1073741824.0);
    if (nd != floor(nd) || nd < 2)
        return triad_i_fail(t->err, TRIAD_ERR_VALUE, t->name, t->line, 0,
                            "%s:%ld: element count %g is not a whole number >= 2", t->name, t->line,
                            nd);
    *n = (long)nd;
    if ((st = read_index(t, "group count m", 1, (double)*n, m)) != TRIAD_OK)
        return st;
    size_t len;
    const char *kind = next_token(t, &len);
    if (!kind || !((len == 2 && (strncmp(kind, "ss", 2) == 0 || strncmp(kind, "ds", 2) == 0))))
        return triad_i_fail(t->err, TRIAD_ERR_VALUE, t->name, t->line, 0,
                            "%s:%ld: expected 'ss' or 'ds' after n and m", t->name, t->line);
    double need = (double)*n * (double)(*n - 1) / 2 * 6;
    if (need > (double)t->size)
        return triad_i_fail(t->err, TRIAD_ERR_VALUE, t->name, t->line, 0,
                            "%s:%ld: %ld elements need %.0f pair lines, more than the file can "
                            "hold (truncated file?)",
                            t->name, t->line, *n, (double)*n * (double)(*n - 1) / 2);
    return TRIAD_OK;
}

/* Each group's lower and upper size bounds, which must hold n together. */
static triad_status parse_bounds(tok *t, triad_mdgp *g, long n, long m)
{
    triad_status st;
    long sum_lo = 0, sum_up = 0;
    for (long k = 0; k < m; k++) {
        long lo, up;
        if ((st = read_index(t, "a lower size bound", 0, (double)n, &lo)) != TRIAD_OK ||
            (st = read_index(t, "an upper size bound", 0, (double)n, &up)) != TRIAD_OK)
            return st;
        if (lo > up)
            return triad_i_fail(t->err, TRIAD_ERR_INFEASIBLE, t->name, t->line, 0,
                                "%s:%ld: group %ld has lower bound %ld above upper bound %ld",
                                t->name, t->line, k, lo, up);
        g->lo[k] = (int)lo;
        g->up[k] = (int)up;
        sum_lo += lo;
        sum_up += up;
    }
    if (sum_lo > n || sum_up < n)
        return triad_i_fail(t->err, TRIAD_ERR_INFEASIBLE, t->name, 1, 0,
                            "%s: size bounds cannot hold %ld elements (lower bounds sum to %ld, "
                            "upper to %ld)",
                            t->name, n, sum_lo, sum_up);
    return TRIAD_OK;
}

/* One pair line "i j d" into the distance matrix; seen marks the pairs
 * given, so none is given twice. */
static triad_status parse_pair(tok *t, triad_mdgp *g, long n, unsigned char *seen)
{
    triad_status st;
    long i, j;
    double d;
    if ((st = read_index(t, "element i", 0, (double)(n - 1), &i)) != TRIAD_OK ||
        (st = read_index(t, "element j", 0, (double)(n - 1), &j)) != TRIAD_OK ||
        (st = read_number(t, "distance", &d)) != TRIAD_OK)
        return st;
    if (fabs(d) > MDGP_MAX_DISTANCE_ABS)
        return triad_i_fail(t->err, TRIAD_ERR_VALUE, t->name, t->line, 0,
                            "%s:%ld: distance %g of pair %ld %ld is outside -%g to %g", t->name,
                            t->line, d, i, j, MDGP_MAX_DISTANCE_ABS, MDGP_MAX_DISTANCE_ABS);
    if (i == j)
        return triad_i_fail(t->err, TRIAD_ERR_VALUE, t->name, t->line, 0,
                            "%s:%ld: pair %ld %ld joins an element to itself", t->name, t->line,
                            i, j);
    if (i > j) {
        long x = i;
        i = j;
        j = x;
    }
    size_t idx = (size_t)i * (size_t)(2 * n - i - 1) / 2 + (size_t)(j - i - 1);
    if (seen[idx])
        return triad_i_fail(t->err, TRIAD_ERR_DUPLICATE, t->name, t->line, 0,
                            "%s:%ld: pair %ld %ld given twice", t->name, t->line, i, j);
    seen[idx] = 1;
    g->d[(size_t)i * (size_t)n + (size_t)j] = g->d[(size_t)j * (size_t)n + (size_t)i] = d;
    return TRIAD_OK;
}

static triad_status parse(tok *t, triad_mdgp *g)
{
    long n = 0, m = 0;
    triad_status st = parse_header(t, &n, &m);
    if (st != TRIAD_OK)
        return st;
    g->n = (size_t)n;
    g->m = (size_t)m;
    g->lo = malloc((size_t)m * sizeof *g->lo);
    g->up = malloc((size_t)m * sizeof *g->up);
    g->d = calloc((size_t)n * (size_t)n, sizeof *g->d);
    if (!g->lo || !g->up || !g->d)
        return triad_i_fail_nomem(t->err);
    if ((st = parse_bounds(t, g, n, m)) != TRIAD_OK)
        return st;
    size_t pairs = (size_t)n * (size_t)(n - 1) / 2;
    unsigned char *seen = calloc(pairs ? pairs : 1, 1);
    if (!seen)
        return triad_i_fail_nomem(t->err);
    for (size_t k = 0; k < pairs && st == TRIAD_OK; k++)
        st = parse_pair(t, g, n, seen);
    free(seen);
    size_t len;
    if (st == TRIAD_OK && next_token(t, &len))
        st = triad_i_fail(t->err, TRIAD_ERR_VALUE, t->name, t->line, 0,
                          "%s:%ld: text after the last of the %zu pairs", t->name, t->line, pairs);
    return st;
}

triad_status triad_mdgp_read_buffer(const char *data, size_t size, const char *name,
                                    triad_mdgp **out, triad_error *err)
{
    triad_error_clear(err);
    if ((!data && size) || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "data or out is NULL");
    *out = NULL;
    if (!name)
        name = "<memory>";
    if (size && memchr(data, '\0', size))
        return triad_i_fail(err, TRIAD_ERR_VALUE, name, 0, 0, "%s: NUL byte in a text file", name);
    char *text = triad_i_strndup(size ? data : "", size);
    if (!text)
        return triad_i_fail_nomem(err);
    triad_mdgp *g = calloc(1, sizeof *g);
    triad_error local = {0};
    tok t = {.p = text, .name = name, .size = size, .line = 1, .err = err ? err : &local};
    triad_status st = g ? parse(&t, g) : triad_i_fail_nomem(err);
    free(text);
    if (st != TRIAD_OK) {
        triad_mdgp_free(g);
        return st;
    }
    *out = g;
    return TRIAD_OK;
}

triad_status triad_mdgp_read(const char *path, triad_mdgp **out, triad_error *err)
{
    triad_error_clear(err);
    if (!path || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "path or out is NULL");
    *out = NULL;
    char *data;
    size_t size;
    triad_status st = triad_i_read_file(path, (size_t)4 << 30, &data, &size, err);
    if (st != TRIAD_OK)
        return st;
    st = triad_mdgp_read_buffer(data, size, path, out, err);
    free(data);
    return st;
}
