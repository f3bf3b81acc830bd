/** \file
 * libtriad - the governor network: Peterborough ran "a parallel governor
 * network" and Essex trained 48 governors in peer review. Governor triads
 * are formed with the same machinery as the heads' (balanced, the same
 * rules), from the schools with governors trained (the schools file's
 * governors_trained), as a plan of their own: each governor triad is a
 * group of the plan.
 *
 * Example:
 * @code
 *     triad_governor_options go;
 *     triad_governor_options_init(&go);
 *     triad_plan *gov = NULL;
 *     triad_governors_solve(schools, heads_plan, spec, &go, &gov, &err);
 * @endcode
 */
#ifndef TRIAD_GOVERNORS_H
#define TRIAD_GOVERNORS_H

#include <triad/check.h>
#include <triad/common.h>
#include <triad/plan.h>
#include <triad/spec.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Options of triad_governors_solve; fill with triad_governor_options_init. */
typedef struct triad_governor_options {
    size_t struct_size; /**< set by triad_governor_options_init */
    int mirror;         /**< 1: each heads' triad's schools form the governor triad
                           (default 0: governors meet peers from other collaboratives) */
    uint64_t seed;      /**< default 1 */
    double time_limit;  /**< seconds, default 30 */
} triad_governor_options;

/** Fills *opts with the defaults. */
TRIAD_API void triad_governor_options_init(triad_governor_options *opts);

/** The governor triads of the schools with governors trained (count > 0)
 * that heads (the heads' plan) places: by default groups of three (four
 * where the count needs it) balanced as spec balances, with no two schools
 * of one heads' collaborative; with mirror, the heads' triads themselves.
 * In *out every group is a governor triad (labels gov-01, ...; in mirror
 * the heads' triad's label after "gov-"), without leads; a school without
 * trained governors is not in it. Its solver log says what could not be
 * met (a mirrored triad with one school trained). A schools file without a
 * governors_trained column is TRIAD_ERR_MISSING_COLUMN; fewer than three
 * schools trained is TRIAD_ERR_INFEASIBLE. Caller owns *out. */
TRIAD_API triad_status triad_governors_solve(const triad_schools *schools,
                                             const triad_plan *heads, const triad_spec *spec,
                                             const triad_governor_options *opts,
                                             triad_plan **out, triad_error *err);

/** Scores governors (a plan from triad_governors_solve, or an officer's
 * edit of it) as the governor network is planned: under the spec of
 * governor triads (groups of three or four, no lead rule, the caller's
 * balance and trust caps, and unless mirror no two schools of one heads'
 * collaborative), with the schools without governors trained sitting out
 * (the report lists them as opted out). For the page and the summary.
 * Caller owns *out (triad_report_free). */
TRIAD_API triad_status triad_governors_check(const triad_schools *schools,
                                             const triad_plan *heads, const triad_spec *spec,
                                             const triad_plan *governors, int mirror,
                                             triad_report **out, triad_error *err);

#ifdef __cplusplus
}
#endif

#endif /* TRIAD_GOVERNORS_H */
