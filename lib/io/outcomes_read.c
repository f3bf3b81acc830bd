/* School outcomes (include/triad/outcomes.h): a tidy CSV or a DfE
 * performance table, into a cube of school x measure x year. A file is
 * read whole into a new cube beside the old one, so an error leaves the
 * outcomes as they were. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "io/csv_table.h"
#include "io/outcomes_impl.h"
#include "model/schools_impl.h"
#include "triad/outcomes.h"

struct triad_outcomes {
    const triad_schools *s;
    size_t nschools;
    char **measure;
    size_t nm;
    int *year;
    size_t ny;
    double *val;          /* [(i * nm + m) * ny + y], NAN when not published */
    unsigned char *given; /* the same cells: read from a file */
    size_t unmatched, unpublished;
};

/* One value read, before it finds its cell. */
typedef struct cell_in {
    size_t school, measure;
    int year;
    double value;
    long line, col;
} cell_in;

/* A file's rows: what it adds. */
typedef struct file_in {
    const csv_table *t;
    cell_in *cells;
    size_t n;
    char **names; /* measure names beyond the outcomes' own */
    size_t nnames;
    size_t unmatched, unpublished;
    triad_error *err;
} file_in;

static const char *const dfe_measures[] = {"READPROG",      "WRITPROG",         "MATPROG",
                                           "PTRWM_EXP",     "P8MEA",            "ATT8SCR",
                                           "PTL2BASICS_95", "PTEBACC_E_PTQ_EE", "EBACCAPS"};
#define NDFE (sizeof dfe_measures / sizeof *dfe_measures)

/* DfE's codes for a value not published; blank too. */
static int unpublished(const char *v)
{
    static const char *const codes[] = {"", "NP", "NE", "SUPP", "LOWCOV", "NA", "x"};
    for (size_t k = 0; k < sizeof codes / sizeof *codes; k++)
        if (triad_i_streq_ci(v, codes[k]))
            return 1;
    return 0;
}

/* The number in v ("34%" is 34); 0 when it is none, or beyond a billion
 * either way (no outcome measure comes near, and sums must stay finite). */
static int parse_value(const char *v, double *out)
{
    size_t n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    if (n && v[n - 1] == '%') {
        char buf[64];
        if (n >= sizeof buf)
            return 0;
        memcpy(buf, v, n - 1);
        buf[n - 1] = '\0';
        return triad_i_parse_double(buf, out) && fabs(*out) <= 1e9;
    }
    return triad_i_parse_double(v, out) && fabs(*out) <= 1e9;
}

/* The index of measure name among the outcomes' and the file's new ones,
 * added to the new ones when absent; (size_t)-1 when out of memory. */
static size_t measure_index(const triad_outcomes *o, file_in *f, const char *name)
{
    for (size_t m = 0; m < o->nm; m++)
        if (strcmp(o->measure[m], name) == 0)
            return m;
    for (size_t m = 0; m < f->nnames; m++)
        if (strcmp(f->names[m], name) == 0)
            return o->nm + m;
    char **grown = realloc(f->names, (f->nnames + 1) * sizeof *grown);
    if (!grown)
        return (size_t)-1;
    f->names = grown;
    if (!(f->names[f->nnames] = triad_i_strdup(name)))
        return (size_t)-1;
    return o->nm + f->nnames++;
}

static triad_status add_cell(file_in *f, cell_in c)
{
    cell_in *grown = realloc(f->cells, (f->n + 1) * sizeof *grown);
    if (!grown)
        return triad_i_fail_nomem(f->err);
    f->cells = grown;
    f->cells[f->n++] = c;
    return TRIAD_OK;
}

/* The value at row r, column col into c (NAN when not published). */
static triad_status read_value(file_in *f, size_t r, long col, cell_in *c)
{
    const char *v = f->t->rows[r][col];
    c->line = f->t->lines[r];
    c->col = col + 1;
    if (unpublished(v)) {
        c->value = NAN;
        f->unpublished++;
        return TRIAD_OK;
    }
    if (!parse_value(v, &c->value))
        return triad_i_fail(f->err, TRIAD_ERR_VALUE, f->t->name, c->line, c->col,
                            "%s:%ld:%ld: '%s' is neither a number (within a billion either "
                            "way) nor one of DfE's codes for a value not published (blank, NP, "
                            "NE, SUPP, LOWCOV)",
                            f->t->name, c->line, c->col, v);
    return TRIAD_OK;
}

static triad_status year_of(file_in *f, size_t r, long col, int *year)
{
    long y;
    if (!triad_i_parse_long(f->t->rows[r][col], &y) || y < 1990 || y > 2100)
        return triad_i_fail(f->err, TRIAD_ERR_VALUE, f->t->name, f->t->lines[r], col + 1,
                            "%s:%ld:%ld: year '%s' is not one of 1990-2100 (the calendar year "
                            "a school year ends: 2019 for 2018/19)",
                            f->t->name, f->t->lines[r], col + 1, f->t->rows[r][col]);
    *year = (int)y;
    return TRIAD_OK;
}

/* A tidy file: urn, year, measure, value columns c[0..3]. */
static triad_status read_tidy(const triad_outcomes *o, file_in *f, const urn_index *ix,
                              const long *c)
{
    triad_status st = TRIAD_OK;
    for (size_t r = 0; st == TRIAD_OK && r < f->t->nrows; r++) {
        char *const *row = f->t->rows[r];
        long i = urn_index_find(ix, row[c[0]]);
        if (i < 0) {
            f->unmatched++;
            continue;
        }
        cell_in cell = {.school = (size_t)i};
        if ((st = year_of(f, r, c[1], &cell.year)) != TRIAD_OK ||
            (st = read_value(f, r, c[3], &cell)) != TRIAD_OK)
            break;
        if (!*row[c[2]])
            return triad_i_fail(f->err, TRIAD_ERR_VALUE, f->t->name, f->t->lines[r], c[2] + 1,
                                "%s:%ld:%ld: the measure is blank", f->t->name, f->t->lines[r],
                                c[2] + 1);
        if ((cell.measure = measure_index(o, f, row[c[2]])) == (size_t)-1)
            return triad_i_fail_nomem(f->err);
        st = add_cell(f, cell);
    }
    return st;
}

/* A DfE table: its URN column and the measure columns it has. */
static triad_status read_dfe(const triad_outcomes *o, file_in *f, const urn_index *ix, long urn,
                             const long *col, int year)
{
    size_t m_of[NDFE];
    for (size_t k = 0; k < NDFE; k++)
        if (col[k] >= 0 && (m_of[k] = measure_index(o, f, dfe_measures[k])) == (size_t)-1)
            return triad_i_fail_nomem(f->err);
    triad_status st = TRIAD_OK;
    for (size_t r = 0; st == TRIAD_OK && r < f->t->nrows; r++) {
        long i = urn_index_find(ix, f->t->rows[r][urn]);
        if (i < 0) {
            f->unmatched++;
            continue;
        }
        for (size_t k = 0; st == TRIAD_OK && k < NDFE; k++) {
            if (col[k] < 0)
                continue;
            cell_in cell = {.school = (size_t)i, .measure = m_of[k], .year = year};
            if ((st = read_value(f, r, col[k], &cell)) == TRIAD_OK)
                st = add_cell(f, cell);
        }
    }
    return st;
}

/* Reads the table as tidy or DfE, whichever its header says. */
static triad_status read_table(const triad_outcomes *o, file_in *f, int year)
{
    static const char *const urn_a[] = {"urn", NULL}, *const year_a[] = {"year", NULL},
                             *const measure_a[] = {"measure", NULL}, *const value_a[] = {"value", NULL};
    long c[4] = {csv_table_column(f->t, urn_a), csv_table_column(f->t, year_a),
                 csv_table_column(f->t, measure_a), csv_table_column(f->t, value_a)};
    urn_index *ix = urn_index_new(o->s);
    if (!ix)
        return triad_i_fail_nomem(f->err);
    triad_status st;
    if (c[0] >= 0 && c[1] >= 0 && c[2] >= 0 && c[3] >= 0) {
        st = read_tidy(o, f, ix, c);
    } else {
        long col[NDFE];
        size_t found = 0;
        for (size_t k = 0; k < NDFE; k++) {
            const char *const a[] = {dfe_measures[k], NULL};
            found += (col[k] = csv_table_column(f->t, a)) >= 0;
        }
        if (c[0] < 0 || !found)
            st = triad_i_fail(f->err, TRIAD_ERR_MISSING_COLUMN, f->t->name, 1, 0,
                              "%s:1: outcomes need the columns urn, year, measure, value, or a "
                              "DfE table's URN and one of READPROG, WRITPROG, MATPROG, "
                              "PTRWM_EXP, P8MEA, ATT8SCR, PTL2BASICS_95, PTEBACC_E_PTQ_EE, "
                              "EBACCAPS%s",
                              f->t->name, csv_table_separator_hint(f->t));
        else if (year < 1990 || year > 2100)
            st = triad_i_fail(f->err, TRIAD_ERR_MISSING_COLUMN, f->t->name, 1, 0,
                              "%s:1: a DfE table has no year column: give its year "
                              "(1990-2100; triad impact --year)",
                              f->t->name);
        else
            st = read_dfe(o, f, ix, c[0], col, year);
    }
    urn_index_free(ix);
    return st;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static size_t year_at(const int *years, size_t ny, int year)
{
    size_t k = 0;
    while (k < ny && years[k] != year)
        k++;
    return k;
}

/* The outcomes with f's cells: a new cube, the old one's values kept; a
 * cell given twice is an error and o stays as it was. */
static triad_status merge(triad_outcomes *o, file_in *f)
{
    size_t nm = o->nm + f->nnames, ny = o->ny, n = o->nschools;
    int *years = malloc((o->ny + f->n + 1) * sizeof *years);
    if (!years)
        return triad_i_fail_nomem(f->err);
    if (o->ny) /* the first file: no years yet, and no array */
        memcpy(years, o->year, o->ny * sizeof *years);
    for (size_t k = 0; k < f->n; k++)
        if (year_at(years, ny, f->cells[k].year) == ny)
            years[ny++] = f->cells[k].year;
    qsort(years, ny, sizeof *years, cmp_int);
    double *val = malloc((n * nm * ny + 1) * sizeof *val);
    unsigned char *given = calloc(n * nm * ny + 1, 1);
    char **names = realloc(o->measure, (nm + 1) * sizeof *names);
    if (names)
        o->measure = names; /* growing the list changes nothing the outcomes hold */
    if (!val || !given || !names) {
        free(years);
        free(val);
        free(given);
        return triad_i_fail_nomem(f->err);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t m = 0; m < o->nm; m++)
            for (size_t y = 0; y < o->ny; y++) {
                size_t to = (i * nm + m) * ny + year_at(years, ny, o->year[y]),
                       from = (i * o->nm + m) * o->ny + y;
                val[to] = o->val[from];
                given[to] = o->given[from];
            }
    for (size_t k = 0; k < f->n; k++) {
        const cell_in *c = &f->cells[k];
        size_t at = (c->school * nm + c->measure) * ny + year_at(years, ny, c->year);
        if (given[at]) {
            free(years);
            free(val);
            free(given);
            return triad_i_fail(f->err, TRIAD_ERR_DUPLICATE, f->t->name, c->line, c->col,
                                "%s:%ld:%ld: %s's %s for %d is given twice", f->t->name, c->line,
                                c->col, triad_schools_urn(o->s, c->school),
                                c->measure < o->nm ? o->measure[c->measure]
                                                   : f->names[c->measure - o->nm],
                                c->year);
        }
        val[at] = c->value;
        given[at] = 1;
    }
    if (f->nnames)
        memcpy(o->measure + o->nm, f->names, f->nnames * sizeof *f->names);
    f->nnames = 0; /* the names now belong to the outcomes */
    free(o->year);
    free(o->val);
    free(o->given);
    o->year = years;
    o->val = val;
    o->given = given;
    o->nm = nm;
    o->ny = ny;
    o->unmatched += f->unmatched;
    o->unpublished += f->unpublished;
    return TRIAD_OK;
}

triad_status triad_outcomes_add(triad_outcomes *o, const char *path, int year, triad_error *err)
{
    triad_error_clear(err);
    if (!o || !path)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "outcomes or path is NULL");
    csv_table t;
    triad_status st = csv_table_read(path, &t, err);
    if (st != TRIAD_OK)
        return st;
    st = outcomes_add_table(o, &t, year, err);
    csv_table_free(&t);
    return st;
}

triad_status outcomes_add_table(triad_outcomes *o, const csv_table *t, int year, triad_error *err)
{
    file_in f = {.t = t, .err = err};
    triad_status st = read_table(o, &f, year);
    if (st == TRIAD_OK)
        st = merge(o, &f);
    for (size_t m = 0; m < f.nnames; m++)
        free(f.names[m]);
    free(f.names);
    free(f.cells);
    return st;
}

triad_outcomes *outcomes_new(const triad_schools *s)
{
    triad_outcomes *o = calloc(1, sizeof *o);
    if (o) {
        o->s = s;
        o->nschools = triad_schools_count(s);
    }
    return o;
}

triad_status triad_outcomes_read(const char *path, const triad_schools *s, int year,
                                 triad_outcomes **out, triad_error *err)
{
    triad_error_clear(err);
    if (!path || !s || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "path, schools or out is NULL");
    *out = NULL;
    triad_outcomes *o = outcomes_new(s);
    if (!o)
        return triad_i_fail_nomem(err);
    triad_status st = triad_outcomes_add(o, path, year, err);
    if (st != TRIAD_OK) {
        triad_outcomes_free(o);
        return st;
    }
    *out = o;
    return TRIAD_OK;
}

void triad_outcomes_free(triad_outcomes *o)
{
    if (!o)
        return;
    for (size_t m = 0; m < o->nm; m++)
        free(o->measure[m]);
    free(o->measure);
    free(o->year);
    free(o->val);
    free(o->given);
    free(o);
}

size_t triad_outcomes_measure_count(const triad_outcomes *o)
{
    return o ? o->nm : 0;
}

const char *triad_outcomes_measure(const triad_outcomes *o, size_t m)
{
    return o && m < o->nm ? o->measure[m] : NULL;
}

size_t triad_outcomes_year_count(const triad_outcomes *o)
{
    return o ? o->ny : 0;
}

int triad_outcomes_year(const triad_outcomes *o, size_t k)
{
    return o && k < o->ny ? o->year[k] : 0;
}

int triad_outcomes_value(const triad_outcomes *o, size_t i, size_t m, int year, double *value)
{
    if (!o || i >= o->nschools || m >= o->nm)
        return 0;
    size_t y = year_at(o->year, o->ny, year);
    if (y == o->ny)
        return 0;
    size_t at = (i * o->nm + m) * o->ny + y;
    if (!o->given[at] || isnan(o->val[at]))
        return 0;
    if (value)
        *value = o->val[at];
    return 1;
}

size_t triad_outcomes_unmatched(const triad_outcomes *o)
{
    return o ? o->unmatched : 0;
}

size_t triad_outcomes_unpublished(const triad_outcomes *o)
{
    return o ? o->unpublished : 0;
}
