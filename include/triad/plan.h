/** \file
 * libtriad - plans: for each school its collaborative, triad and lead role,
 * locked rows for re-solving around an officer's edits; read, built from
 * arrays, written as CSV.
 *
 * Example:
 * @code
 *     triad_plan *p = NULL;
 *     triad_plan_read("plan.csv", schools, &p, &err);
 *     long c = triad_plan_collaborative_of(p, 0);
 * @endcode
 */
#ifndef TRIAD_PLAN_H
#define TRIAD_PLAN_H

#include <triad/common.h>

#ifdef __cplusplus
extern "C" {
#endif
/* -------------------------------------------------------------------- plan */

/** An assignment of schools to collaboratives and triads, with leads. */

/** Reads a plan CSV (header URN,collaborative,triad,lead; columns matched by
 * name; optional locked, lead_years - the years a lead has led, this one
 * counted - and steps_down - 1 where a lead's head steps down at the end of
 * the plan's year) for the given schools; a URN not in schools is an error. The plan
 * borrows nothing from schools. Caller owns *out on success. */
TRIAD_API triad_status triad_plan_read(const char *path, const triad_schools *schools,
                                       triad_plan **out, triad_error *err);

/** As triad_plan_read, for an earlier year's plan: URNs that are not in
 * schools are schools that have left since; they are kept aside and listed
 * as leavers when a plan is solved against this history, not refused. */
TRIAD_API triad_status triad_plan_read_history(const char *path, const triad_schools *schools,
                                               triad_plan **out, triad_error *err);

/** As triad_plan_read, from memory; name is used in error messages. */
TRIAD_API triad_status triad_plan_read_buffer(const char *data, size_t size, const char *name,
                                              const triad_schools *schools, triad_plan **out,
                                              triad_error *err);

/** A plan built from arrays of n = triad_schools_count(schools) entries:
 * collaborative[i] the label of school i's collaborative (NULL: not
 * planned), triad[i] its triad's label within it (NULL: none), lead[i]
 * 1 for a lead school (lead may be NULL). Labels are copied. Caller owns
 * *out. */
TRIAD_API triad_status triad_plan_from_arrays(const triad_schools *schools,
                                              const char *const *collaborative,
                                              const char *const *triad, const int *lead,
                                              triad_plan **out, triad_error *err);

/** Writes the plan CSV atomically, one row per planned school, in the order of
 * the schools file. */
TRIAD_API triad_status triad_plan_write(const triad_plan *plan, const triad_schools *schools,
                                        const char *path, triad_error *err);

/** The plan CSV that triad_plan_write writes, as a string. Caller owns *out
 * (triad_string_free). */
TRIAD_API triad_status triad_plan_csv(const triad_plan *plan, const triad_schools *schools,
                                      char **out, triad_error *err);

/** Writes plans[k] to paths[k] for every k < n, all or nothing: every file is
 * written to a temporary first, and only when all succeeded are they renamed
 * into place (a rotation's years never appear half-written). Plans and paths
 * are borrowed for the call. */
TRIAD_API triad_status triad_plan_write_all(const triad_plan *const *plans, size_t n,
                                            const triad_schools *schools,
                                            const char *const *paths, triad_error *err);

/** Releases a plan; NULL is ignored. */
TRIAD_API void triad_plan_free(triad_plan *plan);

/**@{*/
/** Number of collaboratives and of triads in the plan. */
TRIAD_API size_t triad_plan_collaborative_count(const triad_plan *plan);
TRIAD_API size_t triad_plan_triad_count(const triad_plan *plan);
/**@}*/

/** Collaborative index of school i, or -1 when i is not in the plan. */
TRIAD_API long triad_plan_collaborative_of(const triad_plan *plan, size_t i);
/** Triad index of school i, or -1. */
TRIAD_API long triad_plan_triad_of(const triad_plan *plan, size_t i);
/** What the solver did, one line per stratum (engine, status, objective,
 * bound, gap, seconds), or "" for a plan read from a file. Borrowed. */
TRIAD_API const char *triad_plan_solver_log(const triad_plan *plan);

/** 1 when school i leads its collaborative. */
TRIAD_API int triad_plan_is_lead(const triad_plan *plan, size_t i);
/** The years school i has led its collaborative, this plan's year counted:
 * 1 for a new lead (and for a lead of a file with no lead_years column), 2
 * for one in the second year of its term, ...; 0 when i is not a lead. */
TRIAD_API int triad_plan_lead_years(const triad_plan *plan, size_t i);
/** 1 when school i's row is locked (a plan read with a locked column, or
 * solved with --fixed): its collaborative, triad partners and lead hold in
 * a re-solve. Thread-safe on a plan no one changes. */
TRIAD_API int triad_plan_is_locked(const triad_plan *plan, size_t i);
/**@{*/
/** Borrowed label of collaborative c / triad t, valid while plan lives. */
TRIAD_API const char *triad_plan_collaborative_label(const triad_plan *plan, size_t c);
TRIAD_API const char *triad_plan_triad_label(const triad_plan *plan, size_t t);
/**@}*/

#ifdef __cplusplus
}
#endif

#endif /* TRIAD_PLAN_H */
