/* Offers and needs files: read with the discipline of a schools file
 * (columns by name in any order, file:line:column errors, bounded sizes),
 * areas matched ignoring case and blanks, and through a synonyms file. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "io/csv_table.h"
#include "model/schools_impl.h"

#define MAX_DAYS 365.0 /* days a year: more is a mistake in the file */

void triad_market_free(triad_market *m)
{
    if (!m)
        return;
    for (size_t a = 0; a < m->nareas; a++)
        free(m->areas[a]);
    free(m->areas);
    free(m->offers);
    free(m->needs);
    free(m);
}

size_t triad_market_offer_count(const triad_market *m)
{
    return m ? m->noffers : 0;
}

size_t triad_market_need_count(const triad_market *m)
{
    return m ? m->nneeds : 0;
}

/* A synonym: a term and the area it stands for. */
typedef struct synonym {
    char *term, *area;
    long line;
} synonym;

typedef struct reader {
    triad_market *m;
    synonym *syn;
    size_t nsyn;
    triad_error *err;
} reader;

/* The area's key: trimmed, lower case, inner blanks collapsed. */
static void area_key(const char *s, char *out, size_t n)
{
    size_t k = 0;
    int space = 0;
    while (*s && isspace((unsigned char)*s))
        s++;
    for (; *s && k + 1 < n; s++) {
        if (isspace((unsigned char)*s)) {
            space = 1;
            continue;
        }
        if (space && k + 2 < n)
            out[k++] = ' ';
        space = 0;
        out[k++] = (char)tolower((unsigned char)*s);
    }
    out[k] = '\0';
}

/* The index of an area, through the synonyms, adding it when new. */
static int area_index(reader *r, const char *text)
{
    char key[512], k2[512];
    area_key(text, key, sizeof key);
    for (size_t q = 0; q < r->nsyn; q++) {
        area_key(r->syn[q].term, k2, sizeof k2);
        if (strcmp(k2, key) == 0) {
            area_key(r->syn[q].area, key, sizeof key);
            text = r->syn[q].area;
            break;
        }
    }
    triad_market *m = r->m;
    for (size_t a = 0; a < m->nareas; a++) {
        area_key(m->areas[a], k2, sizeof k2);
        if (strcmp(k2, key) == 0)
            return (int)a;
    }
    char **na = realloc(m->areas, (m->nareas + 1) * sizeof *na);
    if (!na)
        return -1;
    m->areas = na;
    /* the canonical spelling: as first written, trimmed */
    while (isspace((unsigned char)*text))
        text++;
    size_t len = strlen(text);
    while (len && isspace((unsigned char)text[len - 1]))
        len--;
    if (!(na[m->nareas] = triad_i_strndup(text, len)))
        return -1;
    return (int)m->nareas++;
}

static const char *const col_urn[] = {"urn", "URN", NULL}, *const col_area[] = {"area", NULL},
                         *const col_days[] = {"days", NULL}, *const col_role[] = {"role", NULL},
                         *const col_max[] = {"max_schools", NULL},
                         *const col_override[] = {"offers_despite_concern", NULL},
                         *const col_priority[] = {"priority", NULL},
                         *const col_term[] = {"term", NULL};

static triad_status bad(reader *r, const csv_table *t, size_t row, long col, const char *what,
                        const char *expected)
{
    return triad_i_fail(r->err, TRIAD_ERR_VALUE, t->name, t->lines[row], col + 1,
                        "%s:%ld:%ld: %s '%s' in column '%s' (expected %s)", t->name, t->lines[row],
                        col + 1, what, t->rows[row][col], t->header[col], expected);
}

/* Finds the n columns into cols, -1 for an absent one; a column given
 * twice is an error, and so is an absent one of the first `required`
 * (urn, area, days in the offers and needs files). */
static triad_status need_columns(const csv_table *t, triad_error *err, long *cols,
                                 const char *const *const *names, size_t n, size_t required)
{
    for (size_t k = 0; k < n; k++) {
        cols[k] = csv_table_column(t, names[k]);
        long other = cols[k] >= 0 ? csv_table_column_besides(t, names[k], cols[k]) : -1;
        if (other >= 0)
            return triad_i_fail(err, TRIAD_ERR_CSV, t->name, 1, other + 1,
                                "%s:1:%ld: column '%s' appears twice", t->name, other + 1,
                                names[k][0]);
    }
    for (size_t k = 0; k < required && k < n; k++)
        if (cols[k] < 0)
            return triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t->name, 1, 0,
                                "%s:1: required column '%s' is missing (urn, area, days)%s",
                                t->name, names[k][0], csv_table_separator_hint(t));
    return TRIAD_OK;
}

static triad_status school_of(reader *r, const csv_table *t, size_t row, long col,
                              const urn_index *ix, const triad_schools *s, size_t *out)
{
    long i = urn_index_find(ix, t->rows[row][col]);
    if (i < 0)
        return triad_i_fail(r->err, TRIAD_ERR_UNKNOWN_SCHOOL, t->name, t->lines[row], col + 1,
                            "%s:%ld:%ld: URN '%s' is not in the schools file %s", t->name,
                            t->lines[row], col + 1, t->rows[row][col], s->source);
    *out = (size_t)i;
    return TRIAD_OK;
}

static triad_status days_of(reader *r, const csv_table *t, size_t row, long col, double *out)
{
    if (!triad_i_parse_double(t->rows[row][col], out) || !(*out > 0) || *out > MAX_DAYS)
        return bad(r, t, row, col, "invalid days", "a number of days from more than 0 to 365");
    return TRIAD_OK;
}

/* The school, days and area every offer and need row starts with (columns
 * c[0..2]); what_area names the area in a blank-area message. */
static triad_status row_start(reader *r, const csv_table *t, size_t row, const long *c,
                              const urn_index *ix, const triad_schools *s, const char *what_area,
                              size_t *school, double *days, int *area)
{
    triad_status st;
    if ((st = school_of(r, t, row, c[0], ix, s, school)) != TRIAD_OK ||
        (st = days_of(r, t, row, c[2], days)) != TRIAD_OK)
        return st;
    if (triad_i_is_blank(t->rows[row][c[1]]))
        return bad(r, t, row, c[1], "blank area", what_area);
    if (triad_i_has_control(t->rows[row][c[1]])) /* an area is a category: one line */
        return bad(r, t, row, c[1], "text with a line break or other control character",
                   "text on one line");
    if ((*area = area_index(r, t->rows[row][c[1]])) < 0)
        return triad_i_fail_nomem(r->err);
    return TRIAD_OK;
}

static triad_status read_offers(reader *r, const csv_table *t, const triad_schools *s,
                                const urn_index *ix)
{
    const char *const *names[] = {col_urn, col_area, col_days, col_role, col_max, col_override};
    long c[6];
    triad_status st = need_columns(t, r->err, c, names, 6, 3);
    if (st != TRIAD_OK)
        return st;
    triad_market *m = r->m;
    m->offers = calloc(t->nrows + 1, sizeof *m->offers);
    if (!m->offers)
        return triad_i_fail_nomem(r->err);
    for (size_t row = 0; row < t->nrows; row++) {
        offer *o = &m->offers[m->noffers];
        o->line = t->lines[row];
        if ((st = row_start(r, t, row, c, ix, s, "an area of expertise", &o->school, &o->days,
                            &o->area)) != TRIAD_OK)
            return st;
        if (c[3] >= 0 && !triad_i_is_blank(t->rows[row][c[3]])) {
            const char *v = t->rows[row][c[3]];
            if (triad_i_streq_ci(v, "NLE"))
                o->role = ROLE_NLE;
            else if (triad_i_streq_ci(v, "LLE"))
                o->role = ROLE_LLE;
            else if (triad_i_streq_ci(v, "SLE"))
                o->role = ROLE_SLE;
            else if (triad_i_streq_ci(v, "none"))
                o->role = ROLE_NONE;
            else
                return bad(r, t, row, c[3], "unknown role", "NLE, LLE, SLE, none or blank");
        }
        if (c[4] >= 0 && !triad_i_is_blank(t->rows[row][c[4]])) {
            long v;
            if (!triad_i_parse_long(t->rows[row][c[4]], &v) || v < 1 || v > 1000)
                return bad(r, t, row, c[4], "invalid max_schools", "a whole number 1-1000");
            o->max_schools = (int)v;
        }
        if (c[5] >= 0 && !triad_i_is_blank(t->rows[row][c[5]])) {
            const char *v = t->rows[row][c[5]];
            if (triad_i_streq_ci(v, "1") || triad_i_streq_ci(v, "yes"))
                o->despite_concern = 1;
            else if (!triad_i_streq_ci(v, "0") && !triad_i_streq_ci(v, "no"))
                return bad(r, t, row, c[5], "invalid flag", "1/0 or yes/no");
        }
        /* one supporter, one area: a second row adds up, it is not a new offer */
        for (size_t q = 0; q < m->noffers; q++)
            if (m->offers[q].school == o->school && m->offers[q].area == o->area)
                return triad_i_fail(r->err, TRIAD_ERR_DUPLICATE, t->name, o->line, c[1] + 1,
                                    "%s:%ld: %s offers %s a second time (first on line %ld); "
                                    "give one row with the total days",
                                    t->name, o->line, s->s[o->school].urn, m->areas[o->area],
                                    m->offers[q].line);
        m->noffers++;
    }
    return TRIAD_OK;
}

static triad_status read_needs(reader *r, const csv_table *t, const triad_schools *s,
                               const urn_index *ix)
{
    const char *const *names[] = {col_urn, col_area, col_days, col_priority};
    long c[4];
    triad_status st = need_columns(t, r->err, c, names, 4, 3);
    if (st != TRIAD_OK)
        return st;
    triad_market *m = r->m;
    m->needs = calloc(t->nrows + 1, sizeof *m->needs);
    if (!m->needs)
        return triad_i_fail_nomem(r->err);
    for (size_t row = 0; row < t->nrows; row++) {
        need *d = &m->needs[m->nneeds];
        d->line = t->lines[row];
        d->priority = 1;
        if ((st = row_start(r, t, row, c, ix, s, "an area of need", &d->school, &d->days,
                            &d->area)) != TRIAD_OK)
            return st;
        if (c[3] >= 0 && !triad_i_is_blank(t->rows[row][c[3]])) {
            long v;
            if (!triad_i_parse_long(t->rows[row][c[3]], &v) || v < 1 || v > 3)
                return bad(r, t, row, c[3], "invalid priority", "1, 2 or 3 (3 most urgent)");
            d->priority = (int)v;
        }
        for (size_t q = 0; q < m->nneeds; q++)
            if (m->needs[q].school == d->school && m->needs[q].area == d->area)
                return triad_i_fail(r->err, TRIAD_ERR_DUPLICATE, t->name, d->line, c[1] + 1,
                                    "%s:%ld: %s needs %s a second time (first on line %ld); give "
                                    "one row with the total days",
                                    t->name, d->line, s->s[d->school].urn, m->areas[d->area],
                                    m->needs[q].line);
        m->nneeds++;
    }
    return TRIAD_OK;
}

/* Synonyms are one step from a term to an area, so a need is recorded
 * under the area written: a term given two areas, or an area that is
 * itself a term (a chain, or a cycle such as Maths -> Science -> Maths),
 * is refused with both lines. A term mapped to itself is harmless. */
static triad_status synonyms_consistent(reader *r, const char *name)
{
    char ka[512], kb[512], kc[512];
    for (size_t p = 0; p < r->nsyn; p++) {
        area_key(r->syn[p].term, ka, sizeof ka);
        area_key(r->syn[p].area, kb, sizeof kb);
        if (strcmp(ka, kb) == 0)
            continue;
        for (size_t q = 0; q < r->nsyn; q++) {
            if (q == p)
                continue;
            area_key(r->syn[q].term, kc, sizeof kc);
            if (q > p && strcmp(kc, ka) == 0) {
                char kd[512];
                area_key(r->syn[q].area, kd, sizeof kd);
                if (strcmp(kd, kb) != 0)
                    return triad_i_fail(r->err, TRIAD_ERR_VALUE, name, r->syn[q].line, 1,
                                        "%s:%ld: synonym '%s' stands for '%s' here and for "
                                        "'%s' on line %ld: a term names one area",
                                        name, r->syn[q].line, r->syn[q].term, r->syn[q].area,
                                        r->syn[p].area, r->syn[p].line);
            }
            if (strcmp(kc, kb) == 0) {
                char kd[512];
                area_key(r->syn[q].area, kd, sizeof kd);
                if (strcmp(kd, kc) != 0)
                    return triad_i_fail(
                        r->err, TRIAD_ERR_VALUE, name, r->syn[p].line, 2,
                        "%s:%ld: synonym '%s' stands for '%s', which line %ld makes a synonym "
                        "of '%s' (%s): map every term straight to the area it stands for",
                        name, r->syn[p].line, r->syn[p].term, r->syn[p].area, r->syn[q].line,
                        r->syn[q].area, strcmp(kd, ka) == 0 ? "a cycle" : "a chain");
            }
        }
    }
    return TRIAD_OK;
}

static triad_status read_synonyms(reader *r, const csv_table *t)
{
    const char *const *names[] = {col_term, col_area};
    long c[2];
    triad_status st = need_columns(t, r->err, c, names, 2, 0);
    if (st != TRIAD_OK)
        return st;
    if (c[0] < 0 || c[1] < 0)
        return triad_i_fail(r->err, TRIAD_ERR_MISSING_COLUMN, t->name, 1, 0,
                            "%s:1: a synonyms file has the columns term and area", t->name);
    r->syn = calloc(t->nrows + 1, sizeof *r->syn);
    if (!r->syn)
        return triad_i_fail_nomem(r->err);
    for (size_t row = 0; row < t->nrows; row++) {
        if (triad_i_is_blank(t->rows[row][c[0]]) || triad_i_is_blank(t->rows[row][c[1]]))
            return bad(r, t, row, triad_i_is_blank(t->rows[row][c[0]]) ? c[0] : c[1],
                       "blank synonym", "a term and the area it stands for");
        for (int k = 0; k < 2; k++)
            if (triad_i_has_control(t->rows[row][c[k]]))
                return bad(r, t, row, c[k], "text with a line break or other control character",
                           "text on one line");
        r->syn[r->nsyn].term = t->rows[row][c[0]];
        r->syn[r->nsyn].area = t->rows[row][c[1]];
        r->syn[r->nsyn].line = t->lines[row];
        r->nsyn++;
    }
    return synonyms_consistent(r, t->name);
}

triad_status triad_market_read(const char *offers_path, const char *needs_path,
                               const char *synonyms_path, const triad_schools *schools,
                               triad_market **out, triad_error *err)
{
    triad_error_clear(err);
    if (!offers_path || !needs_path || !schools || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "offers, needs, schools or out is NULL");
    *out = NULL;
    reader r = {.err = err};
    csv_table to = {0}, tn = {0}, ts = {0};
    int have_o = 0, have_n = 0, have_s = 0;
    urn_index *ix = NULL;
    triad_status st = TRIAD_OK;
    r.m = calloc(1, sizeof *r.m);
    if (!r.m)
        return triad_i_fail_nomem(err);
    r.m->nschools = schools->n;
    if (synonyms_path) {
        st = csv_table_read(synonyms_path, &ts, err);
        have_s = st == TRIAD_OK;
        if (st == TRIAD_OK)
            st = read_synonyms(&r, &ts);
    }
    if (st == TRIAD_OK && !(ix = urn_index_new(schools)))
        st = triad_i_fail_nomem(err);
    if (st == TRIAD_OK) {
        st = csv_table_read(offers_path, &to, err);
        have_o = st == TRIAD_OK;
    }
    if (st == TRIAD_OK)
        st = read_offers(&r, &to, schools, ix);
    if (st == TRIAD_OK) {
        st = csv_table_read(needs_path, &tn, err);
        have_n = st == TRIAD_OK;
    }
    if (st == TRIAD_OK)
        st = read_needs(&r, &tn, schools, ix);
    urn_index_free(ix);
    if (have_o)
        csv_table_free(&to);
    if (have_n)
        csv_table_free(&tn);
    if (have_s)
        csv_table_free(&ts);
    free(r.syn);
    if (st != TRIAD_OK) {
        triad_market_free(r.m);
        return st;
    }
    *out = r.m;
    return TRIAD_OK;
}
