/** \file
 * libtriad - solving: collaboratives and triads for the schools under the
 * spec, by local search (with an ILP proof of small strata), the exact ILP
 * or a baseline; with last year's plans, a rotation of several years, or
 * around an officer's locked rows; progress, cancel and a log callback.
 *
 * Example:
 * @code
 *     triad_solve_options o;
 *     triad_solve_options_init(&o);
 *     o.seed = 1;
 *     triad_plan *plan = NULL;
 *     if (triad_solve(schools, spec, &o, &plan, &err) != TRIAD_OK)
 *         fprintf(stderr, "%s\n", err.message);
 * @endcode
 */
#ifndef TRIAD_SOLVE_H
#define TRIAD_SOLVE_H

#include <triad/common.h>
#include <triad/memberships.h>
#include <triad/plan.h>

#ifdef __cplusplus
extern "C" {
#endif
/* ----------------------------------------------------------------- solving */

/** How a stratum is solved: the engines and the baselines researchers
 * compare them with. */
typedef enum triad_method {
    TRIAD_METHOD_AUTO = 0, /**< local search; the ILP proves small strata */
    TRIAD_METHOD_SEARCH,   /**< iterated tabu local search */
    TRIAD_METHOD_RANDOM,   /**< baseline: random feasible sizes */
    TRIAD_METHOD_DEAL,     /**< baseline: sort by profile, deal like cards */
    TRIAD_METHOD_GEO,      /**< baseline: geographic clusters (sweep) */
    TRIAD_METHOD_ILP       /**< local search, then GLPK's exact ILP (bound, gap) and
                              set-partitioning ILP triads */
} triad_method;

/** The name of a method: "auto", "search", "random", "deal", "geo", "ilp"
 * (static storage), or NULL for a value that is not a triad_method. */
TRIAD_API const char *triad_method_name(triad_method method);

/** The method of a name (case ignored) into *out; TRIAD_ERR_INVALID_ARGUMENT
 * for an unknown name. */
TRIAD_API triad_status triad_method_from_name(const char *name, triad_method *out);

/* triad_progress_fn, triad_log_level and triad_log_fn: see triad/common.h */

/** Options of triad_solve and triad_solve_years; fill with
 * triad_solve_options_init (or TRIAD_SOLVE_OPTIONS_INIT) first. */
typedef struct triad_solve_options {
    size_t struct_size;         /**< set by triad_solve_options_init */
    triad_method method;        /**< default TRIAD_METHOD_AUTO */
    uint64_t seed;              /**< default 1; same seed and threads, same plan */
    double time_limit;          /**< seconds for the whole solve, default 30: a safety
                                   cap; the search budget is counted in moves so a
                                   run that ends before the cap is reproducible */
    int threads;                /**< default 1; the fixed set of starts is split over
                                   threads, so the plan does not depend on it */
    triad_progress_fn progress; /**< default NULL */
    void *progress_user;        /**< passed to progress as user */
    /** Earlier years' plans for the same schools, most recent first (default
     * none): triads avoid repeating their partners as the spec's [history]
     * says. Borrowed for the call only. */
    const triad_plan *const *history;
    size_t nhistory; /**< the number of plans in history */
    triad_log_fn log; /**< default NULL; the same lines are in triad_plan_solver_log */
    void *log_user; /**< passed to log as user */
    /** A plan whose locked schools (the plan CSV's `locked` column, 1) stay in
     * their collaborative, with its label; everything else is re-solved
     * around them (default NULL). Borrowed for the call. */
    const triad_plan *fixed;
    /** The partnerships the schools already belong to (default NULL): the
     * spec's keep_partnerships, avoid_partnerships and max_memberships
     * apply to them, and the log counts each school's groups. Borrowed. */
    const triad_memberships *memberships;
} triad_solve_options;

/** Fills *opts with the defaults (struct_size checked as for the read options). */
TRIAD_API void triad_solve_options_init(triad_solve_options *opts);
/** The defaults as an initialiser, equal to triad_solve_options_init's. */
#define TRIAD_SOLVE_OPTIONS_INIT                                                          \
    {sizeof(triad_solve_options), TRIAD_METHOD_AUTO, 1, 30.0, 1, NULL, NULL, NULL, 0, NULL, NULL, \
     NULL, NULL}

/** Reads one key of the spec back as the INI file would write it ("6, 9",
 * "yes", "2", "Primary, Nursery"), into buf (NUL-terminated, cut to n).
 * must_link/cannot_link give the lines joined by "; ". An unknown section or
 * key is TRIAD_ERR_SPEC. */
TRIAD_API triad_status triad_spec_get(const triad_spec *spec, const char *section,
                                      const char *key, char *buf, size_t n, triad_error *err);

/** The spec as an INI file with every key's value, defaults filled in:
 * [strata], each [stratum.NAME], [balance], [constraints], [history],
 * [geography], [solver]; triad_spec_read_string reads it back to the same
 * values. spec may be one from triad_spec_new (the defaults). Caller frees
 * *out with triad_string_free. */
TRIAD_API triad_status triad_spec_ini(const triad_spec *spec, char **out, triad_error *err);

/** Copies the [solver] settings the spec names (method, seed, threads,
 * time_limit) into *opts; fields the spec leaves out are not touched. */
TRIAD_API void triad_spec_apply_solver(const triad_spec *spec, triad_solve_options *opts);

/** Designs a plan for schools under spec (NULL: defaults). opts may be NULL.
 * Caller owns *out (triad_plan_free) on success. */
TRIAD_API triad_status triad_solve(const triad_schools *schools, const triad_spec *spec,
                                   const triad_solve_options *opts, triad_plan **out,
                                   triad_error *err);


/** A rotation over `years` consecutive years: the collaboratives are designed
 * once and kept; each year's triads avoid every pair that met in an earlier
 * year of the rotation or in opts->history (hard where feasible, else the
 * repeats are counted). plans must hold `years` pointers; on success each is
 * a plan the caller owns. */
TRIAD_API triad_status triad_solve_years(const triad_schools *schools, const triad_spec *spec,
                                         const triad_solve_options *opts, size_t years,
                                         triad_plan **plans, triad_error *err);

/** What the solver did per stratum (borrowed strings; "" for a plan read
 * from a file, which has no strata results). */
typedef struct triad_stratum_result {
    const char *stratum; /**< the stratum's name */
    const char *engine;  /**< "search", "search+ilp", "ilp", or a baseline */
    const char *status;  /**< "heuristic", "optimal", "feasible", "time limit", ... */
    const char *sizes;   /**< the sizes chosen and why */
    double objective;    /**< weighted excess beyond one school (0: all within one) */
    double bound;        /**< the exact model's bound; NAN when nothing was proven */
    double gap;          /**< relative gap to the bound; NAN when nothing was proven */
    double seconds;      /**< wall time the stratum took */
} triad_stratum_result;

/** The number of strata results of a solved plan (0 for one read). */
TRIAD_API size_t triad_plan_stratum_count(const triad_plan *plan);
/** Stratum k's result into *out (strings borrowed from the plan);
 * TRIAD_ERR_INVALID_ARGUMENT when k is out of range. */
TRIAD_API triad_status triad_plan_stratum_result(const triad_plan *plan, size_t k,
                                                 triad_stratum_result *out, triad_error *err);

/** Pairs of schools sharing a triad in plan that had already shared one in
 * the history the plan was solved against (0 for plans read from files). */
TRIAD_API size_t triad_plan_repeated_pairs(const triad_plan *plan);

#ifdef __cplusplus
}
#endif

#endif /* TRIAD_SOLVE_H */
