/** \file
 * libtriad - school outcomes over the years (issue 35): a tidy CSV
 * (urn,year,measure,value) or the DfE school performance tables as
 * downloaded (KS2, KS4; measure columns by name), read against a schools
 * table. Cells DfE did not publish (blank, NP, NE, SUPP, LOWCOV) are kept
 * as missing, never as 0; a year with no data is a gap, never bridged.
 *
 * Example:
 * @code
 *     triad_outcomes *o = NULL;
 *     triad_outcomes_read("ks2-2019.csv", schools, 2019, &o, &err);
 *     triad_outcomes_add(o, "ks2-2022.csv", 2022, &err);
 * @endcode
 */
#ifndef TRIAD_OUTCOMES_H
#define TRIAD_OUTCOMES_H

#include <triad/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/**@{*/
/** Reads a file of outcomes for schools. A tidy file has the columns urn,
 * year, measure, value (year: the calendar year the school year ends, 2019
 * for 2018/19; the year argument is then ignored); a DfE table has URN and
 * any of the measure columns READPROG, WRITPROG, MATPROG, PTRWM_EXP,
 * P8MEA, ATT8SCR, PTL2BASICS_95, PTEBACC_E_PTQ_EE, EBACCAPS, its values
 * for the given year (the tables do not carry it: without one,
 * TRIAD_ERR_MISSING_COLUMN). "34%" reads as 34.
 * Rows whose URN is not in schools are counted
 * (triad_outcomes_unmatched), not kept. A value that is neither a number
 * nor one of DfE's codes, a year out of 1990-2100 or one value given twice
 * is an error naming file, line and column. schools is borrowed and must
 * outlive *out. Caller owns *out (triad_outcomes_free). */
TRIAD_API triad_status triad_outcomes_read(const char *path, const triad_schools *schools,
                                           int year, triad_outcomes **out, triad_error *err);
/** Adds another file (another year, other measures) to o, as
 * triad_outcomes_read reads it; on error o is unchanged. */
TRIAD_API triad_status triad_outcomes_add(triad_outcomes *o, const char *path, int year,
                                          triad_error *err);
/** Adds the Ofsted grades of graded (a schools file of that year, matched
 * to o's schools by URN; it may be o's own schools) as two measures of
 * year, both higher-better: ofsted_good_or_better (1 Outstanding or Good,
 * 0 Requires improvement or Inadequate; a group's mean is its share good
 * or better) and ofsted_points (4 Outstanding ... 1 Inadequate). A school
 * not inspected is missing, never 0. The year already holding them is an
 * error; on error o is unchanged. graded is borrowed for the call. */
TRIAD_API triad_status triad_outcomes_add_grades(triad_outcomes *o, const triad_schools *graded,
                                                 int year, triad_error *err);
/** Frees o; NULL is ignored. */
TRIAD_API void triad_outcomes_free(triad_outcomes *o);
/**@}*/

/** Measures, in the order first read. */
TRIAD_API size_t triad_outcomes_measure_count(const triad_outcomes *o);
/** Measure m's name, borrowed. */
TRIAD_API const char *triad_outcomes_measure(const triad_outcomes *o, size_t m);
/** Years with any value, ascending. */
TRIAD_API size_t triad_outcomes_year_count(const triad_outcomes *o);
/** Year k (ascending). */
TRIAD_API int triad_outcomes_year(const triad_outcomes *o, size_t k);
/** 1 with *value when school i has measure m in year, 0 when missing
 * (not published, not read, or no such measure or year). */
TRIAD_API int triad_outcomes_value(const triad_outcomes *o, size_t i, size_t m, int year,
                                   double *value);
/** Rows read whose URN is not in the schools, over every file read. */
TRIAD_API size_t triad_outcomes_unmatched(const triad_outcomes *o);
/** Cells read as not published (blank, NP, NE, SUPP, LOWCOV). */
TRIAD_API size_t triad_outcomes_unpublished(const triad_outcomes *o);

#ifdef __cplusplus
}
#endif

#endif
