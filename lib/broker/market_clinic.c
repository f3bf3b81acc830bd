/* The clinic's flags weight the needs (issue 35: "broker weights needs by
 * them, red before amber before green"): a need of a school flagged red
 * this term counts as priority 3, amber at least 2; green leaves it. The
 * raise only ever lifts a priority, so the officer's urgent needs stay
 * urgent whatever the flag. */
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "io/csv_table.h"
#include "model/schools_impl.h"

/* Each school's flag this term (0 none, 2 amber, 3 red) into level[]; the
 * rows read for the term into *rows. */
static triad_status read_flags(const csv_table *t, const triad_schools *s, const char *term,
                               int *level, size_t *rows, triad_error *err)
{
    static const char *const names[3][2] = {{"urn", NULL}, {"term", NULL}, {"rag", NULL}};
    long col[3];
    for (int c = 0; c < 3; c++)
        if ((col[c] = csv_table_column(t, names[c])) < 0)
            return triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t->name, 1, 0,
                                "the clinic file has no '%s' column", names[c][0]);
    urn_index *ix = urn_index_new(s);
    if (!ix)
        return triad_i_fail_nomem(err);
    triad_status st = TRIAD_OK;
    for (size_t r = 0; st == TRIAD_OK && r < t->nrows; r++) {
        const char *rag = t->rows[r][col[2]];
        int lvl = strcmp(rag, "red") == 0 ? 3 : strcmp(rag, "amber") == 0 ? 2 : 0;
        if (!lvl && strcmp(rag, "green") != 0)
            st = triad_i_fail(err, TRIAD_ERR_VALUE, t->name, t->lines[r], col[2] + 1,
                              "rag '%s' is not red, amber or green", rag);
        else if (strcmp(t->rows[r][col[1]], term) == 0) {
            long i = urn_index_find(ix, t->rows[r][col[0]]);
            if (i < 0)
                st = triad_i_fail(err, TRIAD_ERR_UNKNOWN_SCHOOL, t->name, t->lines[r], col[0] + 1,
                                  "URN %s is not in the schools", t->rows[r][col[0]]);
            else {
                level[i] = lvl;
                ++*rows;
            }
        }
    }
    urn_index_free(ix);
    return st;
}

triad_status triad_market_apply_clinic(triad_market *m, const triad_schools *schools,
                                       const char *clinic_path, const char *term, size_t *raised,
                                       triad_error *err)
{
    triad_error_clear(err);
    if (!m || !schools || !clinic_path || !term || !raised)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "market, schools, clinic file, term and raised are needed");
    if (m->nschools != triad_schools_count(schools))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the market was read for other schools");
    csv_table t;
    triad_status st = csv_table_read(clinic_path, &t, err);
    if (st != TRIAD_OK)
        return st;
    int *level = calloc(m->nschools + 1, sizeof *level);
    size_t rows = 0;
    st = level ? read_flags(&t, schools, term, level, &rows, err) : triad_i_fail_nomem(err);
    if (st == TRIAD_OK && rows == 0)
        st = triad_i_fail(err, TRIAD_ERR_VALUE, t.name, 0, 0,
                          "the clinic file has no row for term '%s'", term);
    *raised = 0;
    for (size_t d = 0; st == TRIAD_OK && d < m->nneeds; d++)
        if (level[m->needs[d].school] > m->needs[d].priority) {
            m->needs[d].priority = level[m->needs[d].school];
            ++*raised;
        }
    free(level);
    csv_table_free(&t);
    return st;
}
