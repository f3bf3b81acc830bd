/** \file
 * libtriad - did the groups raise outcomes (issue 35): for each triad,
 * collaborative and the whole LA, each measure and each pair of
 * consecutive years, the change in the schools' mean, against the LA's
 * change, and against the change expected from the schools' own starting
 * values (a regression over all the LA's schools), so that a group of low
 * starters is not credited with the regression to the mean every low
 * starter shows.
 *
 * Example:
 * @code
 *     triad_impact *imp = NULL;
 *     triad_impact_options o;
 *     triad_impact_options_init(&o);
 *     if (triad_impact_compute(schools, plan, outcomes, &o, &imp, &err) == TRIAD_OK)
 *         triad_impact_csv(imp, &csv, &err);
 * @endcode
 */
#ifndef TRIAD_IMPACT_H
#define TRIAD_IMPACT_H

#include <triad/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The changes in outcomes by group. */
typedef struct triad_impact triad_impact;

/** How the intervals are drawn. Fill with triad_impact_options_init. */
typedef struct triad_impact_options {
    size_t struct_size;      /**< set by triad_impact_options_init */
    unsigned long long seed; /**< the bootstrap's seed (default 1): same seed, same figures */
    int resamples;           /**< bootstrap resamples (default 1000; 100-100000) */
    double level;            /**< the interval's coverage (default 0.95; 0.5-0.999) */
} triad_impact_options;

/** Fills *opts with the defaults. */
TRIAD_API void triad_impact_options_init(triad_impact_options *opts);

/** The changes of outcomes o between every two consecutive years that
 * both have data, for the groups of plan (borrowed for the call). A school
 * counts in a pair of years when it has the measure in both; the others
 * of its group are counted as missing. Years not adjacent (2019 and 2022:
 * DfE published nothing between) are not bridged: each such gap is a
 * warning (triad_impact_warning). Per row: mean_from, mean_to, change (of
 * the means), change_vs_la (change less the LA's), change_vs_expected (the
 * mean of each school's value against the value a regression of year_to
 * on year_from over all the LA's schools predicts from its start), and
 * ci_low..ci_high, a percentile bootstrap interval of change_vs_expected
 * over the group's schools. Caller owns *out (triad_impact_free). */
TRIAD_API triad_status triad_impact_compute(const triad_schools *schools, const triad_plan *plan,
                                            const triad_outcomes *outcomes,
                                            const triad_impact_options *opts,
                                            triad_impact **out, triad_error *err);
/** As triad_impact_compute over plans of several years: plans[k] is the
 * plan of the school year that ends in years[k] (1990-2100, each year once;
 * years may be NULL when nplans is 1: that plan for every pair). The pair
 * Y to Y+1 is credited to the groups of the plan in force in the year that
 * ends in Y+1: the latest plan whose year is at or before Y+1. A pair
 * before every plan is read with the earliest plan's groups, formed later,
 * as a baseline, and said in a warning. A group's label names its plan's
 * group: the rows of one label in two years may be two different groups.
 * Everything is borrowed; caller owns *out (triad_impact_free). */
TRIAD_API triad_status triad_impact_compute_years(const triad_schools *schools,
                                                  const triad_plan *const *plans,
                                                  const int *years, size_t nplans,
                                                  const triad_outcomes *outcomes,
                                                  const triad_impact_options *opts,
                                                  triad_impact **out, triad_error *err);
/** Frees imp; NULL is ignored. */
TRIAD_API void triad_impact_free(triad_impact *imp);

/** Rows: the LA, then collaboratives, then triads, per measure and years. */
TRIAD_API size_t triad_impact_row_count(const triad_impact *imp);
/** Warnings: gaps not bridged, groups with no school in a pair of years. */
TRIAD_API size_t triad_impact_warning_count(const triad_impact *imp);
/** Warning k, borrowed. */
TRIAD_API const char *triad_impact_warning(const triad_impact *imp, size_t k);

/** The rows as CSV: level,group,measure,year_from,year_to,schools,missing,
 * mean_from,mean_to,change,change_vs_la,change_vs_expected,ci_low,ci_high
 * (level la | collaborative | triad; empty cells where a figure needs
 * more schools than the group has). Caller frees *out with
 * triad_string_free. */
TRIAD_API triad_status triad_impact_csv(const triad_impact *imp, char **out, triad_error *err);
/** The rows and warnings as JSON: {"rows": [{"level", "group", "measure",
 * "year_from", "year_to", "schools", "missing", "mean_from", "mean_to",
 * "change", "change_vs_la", "change_vs_expected", "ci_low", "ci_high"}],
 * "warnings": [...]}, the figures the CSV holds (null where it has an
 * empty cell). Caller frees *out with triad_string_free. */
TRIAD_API triad_status triad_impact_json(const triad_impact *imp, char **out, triad_error *err);

/** The schools that hold their collaborative back: for each measure of
 * outcomes, each two adjacent years (a gap is never bridged) and each
 * collaborative of plan, the schools below the LA's mean in the later
 * year (the mean over every school of schools with the figure) and
 * falling since the earlier one, ranked by their share of the group's
 * shortfall (the sum, over the group's schools below the LA's mean, of how
 * far below). Higher values are taken as better. CSV:
 * collaborative,measure,year_from,year_to,rank,urn,name,value_from,
 * value_to,change,la_mean_to,below_la,share_of_shortfall. Inputs are
 * borrowed; caller frees *out with triad_string_free. */
TRIAD_API triad_status triad_holding_back_csv(const triad_schools *schools, const triad_plan *plan,
                                              const triad_outcomes *outcomes, char **out,
                                              triad_error *err);

/** The three-year weighted figure (FFT Aspire's 3:2:1, newest year
 * heaviest) for noisy small cohorts: for each measure and each year Y of
 * outcomes, a school's figure is the weighted mean of its values in Y, Y-1
 * and Y-2 (weights 3, 2, 1) over those it has, provided it has Y; a
 * group's is the mean of its schools'. CSV:
 * level,group,measure,year,schools,missing,weighted,years_in_window
 * (level la | collaborative | triad; years_in_window: how many of the
 * three years hold the measure for any school, fewer than 3 where DfE
 * published nothing; weighted empty when no school of the group has Y).
 * Inputs borrowed; caller frees *out with triad_string_free. */
TRIAD_API triad_status triad_impact_weighted_csv(const triad_schools *schools,
                                                 const triad_plan *plan,
                                                 const triad_outcomes *outcomes, char **out,
                                                 triad_error *err);

#ifdef __cplusplus
}
#endif

#endif
