/** \file
 * libtriad - the termly performance clinic (issue 35; Peterborough: "for
 * every school in the city data is reviewed on a termly basis and
 * explanations are given for schools that are flagged as red"): a red,
 * amber or green flag for every school from documented, configurable
 * rules, each flag with its reasons, the terms kept in one tidy CSV.
 *
 * Example:
 * @code
 *     triad_clinic_options o;
 *     triad_clinic_options_init(&o);
 *     triad_clinic_csv(schools, outcomes, "2026-autumn", &o, NULL, &csv, &err);
 * @endcode
 */
#ifndef TRIAD_CLINIC_H
#define TRIAD_CLINIC_H

#include <triad/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A rule on one measure of the outcomes (higher values better): red
 * below red_below, else amber below amber_below, and amber when the value
 * fell by more than amber_fall since the year before. NAN switches a
 * test off. */
typedef struct triad_clinic_rule {
    const char *measure; /**< as the outcomes name it (READPROG, P8MEA, ...) */
    double red_below;    /**< red below this value */
    double amber_below;  /**< else amber below this value */
    double amber_fall;   /**< amber when the value fell by more than this since the year before */
} triad_clinic_rule;

/** Options of triad_clinic_csv; fill with triad_clinic_options_init. */
typedef struct triad_clinic_options {
    size_t struct_size;             /**< set by triad_clinic_options_init */
    int red_grade;                  /**< red when the Ofsted grade is this or worse (default 3:
                                       Requires improvement or Inadequate); 0: no grade rule */
    int year;                       /**< the outcomes' year the term reads (default 0: the
                                       latest year of the outcomes) */
    const triad_clinic_rule *rules; /**< NULL: the defaults (KS2 READPROG, WRITPROG, MATPROG:
                                       red below -3, amber below -1.5, amber on a fall of more
                                       than 2; KS4 P8MEA: red below -0.5, amber below -0.25,
                                       amber on a fall of more than 0.5) */
    size_t nrules;                  /**< the number of rules (with rules) */
} triad_clinic_options;

/** Fills *opts with the defaults. */
TRIAD_API void triad_clinic_options_init(triad_clinic_options *opts);

/** The clinic of one term: for every school of schools, red, amber or
 * green with its reasons (every rule met, worst first; green: "no rule
 * met", with the measures read). A missing value meets no rule and is
 * said in the reasons. With history (a path, or NULL), the rows of its
 * other terms are kept before this term's (a row of this term there is
 * replaced); a history that is not urn,term,rag,reasons with rag red,
 * amber or green is refused naming file, line and column. CSV:
 * urn,term,rag,reasons. outcomes may be NULL (the grade rule only).
 * Inputs borrowed; caller frees *out with triad_string_free. */
TRIAD_API triad_status triad_clinic_csv(const triad_schools *schools,
                                        const triad_outcomes *outcomes, const char *term,
                                        const triad_clinic_options *opts, const char *history,
                                        char **out, triad_error *err);

/** The clinic's flags of one term as the schools' LA priority (the
 * grouping's "priority" column): red 3, amber 2, green 1, so that a red
 * school causes concern and, under the spec's no_concern_triads (on by
 * default), no triad is made only of red schools. A flag never lowers a
 * priority already higher (an officer's typed 3 stays), and a school with
 * no row in that term keeps its own. clinic_path is the CSV
 * triad_clinic_csv writes (urn,term,rag,...); a missing column, a rag
 * other than red, amber or green or a URN not in schools is refused
 * naming file, line and column, and so is a term with no row.
 * *red receives the count of schools flagged red that term, *changed the
 * count of priorities raised. schools is changed in place; the path and
 * term are borrowed. */
TRIAD_API triad_status triad_schools_apply_clinic(triad_schools *schools, const char *clinic_path,
                                                  const char *term, size_t *red,
                                                  size_t *changed, triad_error *err);

#ifdef __cplusplus
}
#endif

#endif
