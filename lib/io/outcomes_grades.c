/* Ofsted grades as outcomes (issue 35: "a grade change is an outcome"):
 * a schools file of a given year gives two measures, both higher-better so
 * that every figure of impact reads the same way: ofsted_good_or_better (1
 * for Outstanding or Good, 0 otherwise: a group's mean is its share good
 * or better, the LA's usual figure) and ofsted_points (4 Outstanding, 3
 * Good, 2 Requires improvement, 1 Inadequate). Not inspected is missing.
 * The grades go through the tidy reader, so a year already holding these
 * measures is refused as the same values given twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "io/outcomes_impl.h"

triad_status triad_outcomes_add_grades(triad_outcomes *o, const triad_schools *graded, int year,
                                       triad_error *err)
{
    triad_error_clear(err);
    if (!o || !graded)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "outcomes or graded is NULL");
    if (year < 1990 || year > 2100)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the grades' year %d is outside 1990-2100", year);
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "urn,year,measure,value\n");
    for (size_t i = 0; i < triad_schools_count(graded); i++) {
        int g = triad_schools_ofsted(graded, i);
        if (g < 1 || g > 4)
            continue; /* not inspected: missing, never 0 */
        triad_i_buf_csv_field(&b, triad_schools_urn(graded, i));
        triad_i_buf_printf(&b, ",%d,ofsted_good_or_better,%d\n", year, g <= 2);
        triad_i_buf_csv_field(&b, triad_schools_urn(graded, i));
        triad_i_buf_printf(&b, ",%d,ofsted_points,%d\n", year, 5 - g);
    }
    if (b.failed) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    char name[48];
    snprintf(name, sizeof name, "Ofsted grades of %d", year);
    csv_table t = {0};
    triad_status st = csv_table_parse(b.data, b.len, name, &t, err);
    if (st == TRIAD_OK)
        st = outcomes_add_table(o, &t, year, err);
    if (st != TRIAD_ERR_NOMEM && st != TRIAD_OK)
        st = triad_i_fail(err, st, NULL, 0, 0,
                          "the Ofsted grades of %d are in the outcomes already", year);
    csv_table_free(&t);
    triad_i_buf_free(&b);
    return st;
}
