/* The memberships CSV: urn,partnership,kind[,role], one row per school and
 * partnership, read with the discipline of every other input. */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "io/csv_table.h"
#include "model/memberships_impl.h"
#include "model/schools_impl.h"

static const char *const col_urn[] = {"urn", NULL}, *const col_part[] = {"partnership", NULL},
                         *const col_kind[] = {"kind", NULL}, *const col_role[] = {"role", NULL};

typedef struct row_key {
    const char *part; /* the partnership's name */
    long school;
    size_t row;
} row_key;

static int cmp_key(const void *x, const void *y)
{
    const row_key *a = x, *b = y;
    int c = strcmp(a->part, b->part);
    if (c)
        return c;
    if (a->school != b->school)
        return (a->school > b->school) - (a->school < b->school);
    return (a->row > b->row) - (a->row < b->row);
}

/* The columns, and every row's school; an unknown URN or a blank cell is
 * an error naming the cell. */
static triad_status rows_of(const csv_table *t, const triad_schools *s, long col[4],
                            row_key *key, triad_error *err)
{
    const char *const *names[] = {col_urn, col_part, col_kind, col_role};
    for (int c = 0; c < 4; c++) {
        col[c] = csv_table_column(t, names[c]);
        long other = col[c] >= 0 ? csv_table_column_besides(t, names[c], col[c]) : -1;
        if (c < 3 && col[c] < 0)
            return triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t->name, 1, 0,
                                "%s:1: required column '%s' is missing (header urn,partnership,"
                                "kind,role)%s",
                                t->name, names[c][0], csv_table_separator_hint(t));
        if (other >= 0)
            return triad_i_fail(err, TRIAD_ERR_CSV, t->name, 1, other + 1,
                                "%s:1:%ld: column '%s' appears twice", t->name, other + 1,
                                names[c][0]);
    }
    urn_index *ix = urn_index_new(s);
    if (!ix)
        return triad_i_fail_nomem(err);
    triad_status st = TRIAD_OK;
    for (size_t r = 0; r < t->nrows && st == TRIAD_OK; r++) {
        char **row = t->rows[r];
        long line = t->lines[r];
        for (int c = 0; c < 3 && st == TRIAD_OK; c++)
            if (triad_i_is_blank(row[col[c]]))
                st = triad_i_fail(err, TRIAD_ERR_VALUE, t->name, line, col[c] + 1,
                                  "%s:%ld:%ld: the %s is blank", t->name, line, col[c] + 1,
                                  names[c][0]);
        long i = st == TRIAD_OK ? urn_index_find(ix, row[col[0]]) : 0;
        if (i < 0)
            st = triad_i_fail(err, TRIAD_ERR_UNKNOWN_SCHOOL, t->name, line, col[0] + 1,
                              "%s:%ld:%ld: URN '%s' is not in the schools file %s", t->name,
                              line, col[0] + 1, row[col[0]], s->source);
        key[r] = (row_key){row[col[1]], i, r};
    }
    urn_index_free(ix);
    return st;
}

/* Partnerships in name order; a school twice in one, or one name with two
 * kinds, is an error naming the later row. */
static triad_status partnerships_of(const csv_table *t, const long col[4], row_key *key,
                                    membership_row *mr, char **name, char **kind, size_t *npart,
                                    triad_error *err)
{
    qsort(key, t->nrows, sizeof *key, cmp_key);
    size_t first = 0;
    *npart = 0;
    for (size_t q = 0; q < t->nrows; q++) {
        char **row = t->rows[key[q].row];
        long line = t->lines[key[q].row];
        if (q == 0 || strcmp(key[q].part, key[q - 1].part) != 0) {
            first = q;
            name[*npart] = row[col[1]];
            kind[(*npart)++] = row[col[2]];
        } else if (key[q].school == key[q - 1].school) {
            return triad_i_fail(err, TRIAD_ERR_DUPLICATE, t->name, line, col[0] + 1,
                                "%s:%ld:%ld: URN %s is listed twice in partnership '%s' (also "
                                "line %ld)",
                                t->name, line, col[0] + 1, row[col[0]], key[q].part,
                                t->lines[key[q - 1].row]);
        } else if (strcmp(row[col[2]], t->rows[key[first].row][col[2]]) != 0) {
            return triad_i_fail(err, TRIAD_ERR_VALUE, t->name, line, col[2] + 1,
                                "%s:%ld:%ld: partnership '%s' is of kind '%s' here but '%s' on "
                                "line %ld",
                                t->name, line, col[2] + 1, key[q].part, row[col[2]],
                                t->rows[key[first].row][col[2]], t->lines[key[first].row]);
        }
        mr[q] = (membership_row){key[q].school, (long)*npart - 1,
                                 col[3] >= 0 ? row[col[3]] : ""};
    }
    return TRIAD_OK;
}

static triad_status memberships_of_table(const csv_table *t, const triad_schools *s,
                                         triad_memberships **out, triad_error *err)
{
    size_t n = t->nrows + 1, npart = 0;
    row_key *key = malloc(n * sizeof *key);
    membership_row *mr = malloc(n * sizeof *mr);
    char **name = malloc(n * sizeof *name), **kind = malloc(n * sizeof *kind);
    long col[4];
    triad_status st = key && mr && name && kind ? TRIAD_OK : triad_i_fail_nomem(err);
    if (st == TRIAD_OK)
        st = rows_of(t, s, col, key, err);
    if (st == TRIAD_OK)
        st = partnerships_of(t, col, key, mr, name, kind, &npart, err);
    triad_memberships *m = NULL;
    if (st == TRIAD_OK && (!(m = memberships_new(s->n, name, kind, npart)) ||
                           !memberships_fill(m, mr, t->nrows)))
        st = triad_i_fail_nomem(err);
    if (st == TRIAD_OK)
        *out = m;
    else
        triad_memberships_free(m);
    free(key);
    free(mr);
    free(name);
    free(kind);
    return st;
}

triad_status triad_memberships_read(const char *path, const triad_schools *schools,
                                    triad_memberships **out, triad_error *err)
{
    triad_error_clear(err);
    if (!path || !schools || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "path, schools or out is NULL");
    *out = NULL;
    csv_table t;
    triad_status st = csv_table_read(path, &t, err);
    if (st != TRIAD_OK)
        return st;
    st = memberships_of_table(&t, schools, out, err);
    csv_table_free(&t);
    return st;
}

triad_status triad_memberships_read_buffer(const char *data, size_t size, const char *name,
                                           const triad_schools *schools,
                                           triad_memberships **out, triad_error *err)
{
    triad_error_clear(err);
    if ((!data && size) || !schools || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "data, schools or out is NULL");
    *out = NULL;
    csv_table t;
    triad_status st = csv_table_parse(data ? data : "", size, name ? name : "memberships", &t, err);
    if (st != TRIAD_OK)
        return st;
    st = memberships_of_table(&t, schools, out, err);
    csv_table_free(&t);
    return st;
}
