/* The clinic's CSV read back (lib/impact/clinic_flags.h). */
#include <string.h>

#include "io/clinic_flags.h"
#include "model/schools_impl.h"

int clinic_rag_level(const char *rag)
{
    return strcmp(rag, "red") == 0     ? 3
           : strcmp(rag, "amber") == 0 ? 2
           : strcmp(rag, "green") == 0 ? 1
                                       : 0;
}

triad_status clinic_table_check(const csv_table *t, long col[3], triad_error *err)
{
    static const char *const names[3][2] = {{"urn", NULL}, {"term", NULL}, {"rag", NULL}};
    for (int c = 0; c < 3; c++)
        if ((col[c] = csv_table_column(t, names[c])) < 0)
            return triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t->name, 1, 0,
                                "the clinic file has no '%s' column", names[c][0]);
    for (size_t r = 0; r < t->nrows; r++)
        if (!clinic_rag_level(t->rows[r][col[2]]))
            return triad_i_fail(err, TRIAD_ERR_VALUE, t->name, t->lines[r], col[2] + 1,
                                "rag '%s' is not red, amber or green", t->rows[r][col[2]]);
    return TRIAD_OK;
}

triad_status clinic_flags_of_table(const csv_table *t, const triad_schools *s, const char *term,
                                   int *level, long *row, long col[3], triad_error *err)
{
    urn_index *ix = NULL;
    triad_status st = clinic_table_check(t, col, err);
    if (st == TRIAD_OK && !(ix = urn_index_new(s)))
        st = triad_i_fail_nomem(err);
    size_t rows = 0;
    for (size_t r = 0; st == TRIAD_OK && r < t->nrows; r++) {
        if (strcmp(t->rows[r][col[1]], term) != 0)
            continue;
        long i = urn_index_find(ix, t->rows[r][col[0]]);
        if (i < 0)
            st = triad_i_fail(err, TRIAD_ERR_UNKNOWN_SCHOOL, t->name, t->lines[r], col[0] + 1,
                              "URN %s is not in the schools", t->rows[r][col[0]]);
        else
            level[i] = clinic_rag_level(t->rows[r][col[2]]);
        if (i >= 0 && row)
            row[i] = (long)r;
        rows++;
    }
    if (st == TRIAD_OK && rows == 0)
        st = triad_i_fail(err, TRIAD_ERR_VALUE, t->name, 0, 0,
                          "the clinic file has no row for term '%s'", term);
    urn_index_free(ix);
    return st;
}

triad_status clinic_flags_read(const char *path, const triad_schools *s, const char *term,
                               int *level, triad_error *err)
{
    csv_table t;
    long col[3];
    triad_status st = csv_table_read(path, &t, err);
    if (st != TRIAD_OK)
        return st;
    st = clinic_flags_of_table(&t, s, term, level, NULL, col, err);
    csv_table_free(&t);
    return st;
}
