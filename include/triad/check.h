/** \file
 * libtriad - checking: any plan scored with the metrics the solver
 * optimises (every category's count against its share, numeric means,
 * constraint violations, warnings), the results as numbers, and the
 * objectives the anticlustering literature compares.
 *
 * Example:
 * @code
 *     triad_report *r = NULL;
 *     if (triad_check(schools, spec, plan, &r, &err) == TRIAD_OK)
 *         printf("%zu violations\n", triad_report_violations(r));
 * @endcode
 */
#ifndef TRIAD_CHECK_H
#define TRIAD_CHECK_H

#include <triad/common.h>

#ifdef __cplusplus
extern "C" {
#endif
/* ---------------------------------------------------------------- checking */

/** The metrics of one plan against one spec (the same the solver optimises). */

/** Scores plan against spec. spec may be NULL for the defaults. Caller owns
 * *out (triad_report_free). */
TRIAD_API triad_status triad_check(const triad_schools *schools, const triad_spec *spec,
                                   const triad_plan *plan, triad_report **out, triad_error *err);

/** Releases a report; NULL is ignored. */
TRIAD_API void triad_report_free(triad_report *report);

/** Number of violated hard constraints (sizes, links, trust caps, leads,
 * all-concern triads, travel, schools missing from the plan). */
TRIAD_API size_t triad_report_violations(const triad_report *report);

/** Number of warnings: promises the plan cannot keep that are not constraint
 * violations (a time limit that cut the search short, a keep share not
 * reached, a school causing concern that opted out, ...). */
TRIAD_API size_t triad_report_warnings(const triad_report *report);

/** 1 when every category of every balanced categorical attribute is within
 * one school of its proportional share in every collaborative. */
TRIAD_API int triad_report_collaboratives_within_one(const triad_report *report);

/** The largest |count - share| over collaboratives, attributes, categories. */
TRIAD_API double triad_report_max_deviation(const triad_report *report);

/** How far heads travel to their triads: the median and the longest triad
 * span (the distance between a triad's two farthest schools, km) and how
 * many triads have two schools more than 20 km apart, into the non-NULL
 * outputs. TRIAD_ERR_INVALID_ARGUMENT when report is NULL; TRIAD_ERR_EMPTY
 * when no triad has a location (the outputs untouched). */
TRIAD_API triad_status triad_report_triad_spans(const triad_report *report, double *median_km,
                                                double *max_km, size_t *over_20_km,
                                                triad_error *err);

/* ----------------------------------------------------- results as numbers */

/** Which groups of a report a call reads. */
typedef enum triad_level {
    TRIAD_LEVEL_COLLABORATIVE = 0, /**< the collaboratives */
    TRIAD_LEVEL_TRIAD              /**< the triads */
} triad_level;

/**@{*/
/** Groups of a level, in the order of the plan; borrowed label. Out of range
 * indexes give 0 / NULL. */
TRIAD_API size_t triad_report_group_count(const triad_report *report, triad_level level);
TRIAD_API const char *triad_report_group_label(const triad_report *report, triad_level level,
                                               size_t g);
TRIAD_API size_t triad_report_group_size(const triad_report *report, triad_level level,
                                         size_t g);
/**@}*/
/**@{*/
/** 1 when every category of every balanced attribute is within one school of
 * its share in group g; its largest |count - share|. */
TRIAD_API int triad_report_group_within_one(const triad_report *report, triad_level level,
                                            size_t g);
TRIAD_API double triad_report_group_max_deviation(const triad_report *report,
                                                  triad_level level, size_t g);
/**@}*/

/** Group g's allocation under the spec's [funding] (its total shared by
 * triad, collaborative, school or pupils, a cap passing the excess to the
 * others), or NAN when the spec has no funding or g is out of range. A
 * collaborative whose share of the load and of the money part by more than
 * load_ratio is a warning of the report. */
TRIAD_API double triad_report_group_funding(const triad_report *report, triad_level level,
                                            size_t g);

/**@{*/
/** The balanced attributes and their categories (borrowed names). */
TRIAD_API size_t triad_report_attribute_count(const triad_report *report);
TRIAD_API const char *triad_report_attribute_name(const triad_report *report, size_t a);
TRIAD_API int triad_report_attribute_is_numeric(const triad_report *report, size_t a);
TRIAD_API size_t triad_report_category_count(const triad_report *report, size_t a);
TRIAD_API const char *triad_report_category_name(const triad_report *report, size_t a,
                                                 size_t c);
/**@}*/

/** Category c of attribute a in group g: its count and its share (size x
 * N_c / N over the group's stratum); deviation = count - share. */
TRIAD_API triad_status triad_report_cell(const triad_report *report, triad_level level, size_t g,
                                         size_t a, size_t c, int *count, double *share,
                                         triad_error *err);
/** A numeric attribute's mean in group g and in its stratum. */
TRIAD_API triad_status triad_report_group_mean(const triad_report *report, triad_level level,
                                               size_t g, size_t a, double *mean,
                                               double *population_mean, triad_error *err);

/** One violated constraint; the strings are borrowed from the report. */
typedef struct triad_violation {
    const char *kind;    /**< "size", "lead", "trust", "travel", "concern", ... */
    const char *group;   /**< the group's label, or "" */
    const char *message; /**< for people */
} triad_violation;

/** Violation v (0-based, below triad_report_violations) into *out; its
 * strings are borrowed from the report. TRIAD_ERR_INVALID_ARGUMENT for a
 * NULL report or out, or v out of range. */
TRIAD_API triad_status triad_report_violation(const triad_report *report, size_t v,
                                              triad_violation *out, triad_error *err);

/** The objectives the anticlustering literature compares (e.g. R's
 * anticlust), for the collaboratives of any plan. Features: every balanced
 * numeric attribute as z-scores, every categorical one as 0/1 indicators.
 * diversity: the sum over collaboratives of the Euclidean distances between
 * members (maximised by anticlustering); variance: the k-means objective,
 * the sum of squared distances of members to their collaborative's centre
 * (maximised too); kplus: the variance objective on the features and their
 * squared deviations from the mean (so spreads, not only means, balance). */
typedef struct triad_objectives {
    double diversity; /**< sum of within-collaborative Euclidean distances */
    double variance;  /**< the k-means objective */
    double kplus;     /**< the variance objective with squared deviations too */
    size_t features;  /**< features used (z-scored numbers, 0/1 categories) */
    size_t groups;    /**< collaboratives scored */
} triad_objectives;

/** The objectives of plan's collaboratives into *out (spec NULL: the
 * defaults' attributes and weights). Reentrant; nothing is kept. */
TRIAD_API triad_status triad_objectives_compute(const triad_schools *schools,
                                                const triad_spec *spec, const triad_plan *plan,
                                                triad_objectives *out, triad_error *err);

/** The feature matrix the objectives score, as CSV: urn, then a column
 * per numeric attribute (its z-score over the schools, sample standard
 * deviation; a missing value is the mean, so 0) and a column NAME=CATEGORY
 * per category of every categorical attribute (1 or 0; unknown is a
 * category), in the order of the spec's attributes (spec NULL: the
 * defaults'). Unweighted: weights are the solver's, not the objectives'.
 * Run R's anticlust or any other method on it to compare like with like.
 * Caller frees *out with triad_string_free. */
TRIAD_API triad_status triad_features_csv(const triad_schools *schools, const triad_spec *spec,
                                          char **out, triad_error *err);

#ifdef __cplusplus
}
#endif

#endif /* TRIAD_CHECK_H */
