/** \file
 * libtriad - EXPERIMENTAL: the research engine for the maximally diverse
 * grouping problem (MDGPLIB instances; Gallego et al. 2013, Lai & Hao 2016).
 * Its interface may change in any release: define TRIAD_EXPERIMENTAL
 * before including this header to use it (as zstd does with
 * ZSTD_STATIC_LINKING_ONLY).
 *
 * Example:
 * @code
 *     #define TRIAD_EXPERIMENTAL
 *     #include <triad/triad.h>
 *     triad_mdgp *inst = NULL;
 *     triad_mdgp_read("RanReal_n240_ss_01.txt", &inst, &err);
 * @endcode
 */
#ifndef TRIAD_MDGP_H
#define TRIAD_MDGP_H

#include <triad/common.h>

#ifdef __cplusplus
extern "C" {
#endif
/* ====================================================================
 * EXPERIMENTAL: the research engine for the maximally diverse grouping
 * problem (MDGPLIB instances). Its interface may change in any release;
 * define TRIAD_EXPERIMENTAL before including this header to use it (as
 * zstd does with ZSTD_STATIC_LINKING_ONLY).
 * ==================================================================== */
#if defined(TRIAD_EXPERIMENTAL) || defined(TRIAD_BUILDING)

/* ------------------------------------------------ maximally diverse grouping */

/** An instance of the maximally diverse grouping problem (MDGP): n elements,
 * m groups with size bounds, a distance per pair; maximise the sum of the
 * distances within groups. Read from the MDGPLIB format. */

/** Reads an MDGPLIB file ("n m ss|ds lo_1 up_1 ... lo_m up_m", then lines
 * "i j d"). Instances over 20,000 elements are refused (TRIAD_ERR_NOMEM):
 * the distance matrix would not fit. Caller owns *out (triad_mdgp_free). */
TRIAD_API triad_status triad_mdgp_read(const char *path, triad_mdgp **out, triad_error *err);

/** As triad_mdgp_read, from memory (need not be NUL-terminated). */
TRIAD_API triad_status triad_mdgp_read_buffer(const char *data, size_t size, const char *name,
                                              triad_mdgp **out, triad_error *err);

/** Releases an instance; NULL is ignored. */
TRIAD_API void triad_mdgp_free(triad_mdgp *inst);

/** The number of elements of the instance. */
TRIAD_API size_t triad_mdgp_elements(const triad_mdgp *inst);
/** The number of groups the instance asks for. */
TRIAD_API size_t triad_mdgp_groups(const triad_mdgp *inst);

/** Options of triad_mdgp_solve; fill with triad_mdgp_options_init first. */
typedef struct triad_mdgp_options {
    size_t struct_size;        /**< set by triad_mdgp_options_init */
    double seconds;            /**< wall-clock budget, default 10 */
    uint64_t max_iterations;   /**< tabu iterations; 0 = until seconds (default).
                                  Set it for runs reproducible across machines. */
    uint64_t seed;             /**< default 1 */
    triad_progress_fn progress; /**< called about once a second with the best
                                   objective so far */
    void *progress_user; /**< passed to progress as user */
    triad_log_fn log; /**< default NULL; gets a TRIAD_LOG_WARNING line for each
                         promise the search cannot keep (none so far but a
                         size profile it could not compute exactly) */
    void *log_user; /**< passed to log as user */
} triad_mdgp_options;

/** Fills *opts with the defaults (struct_size checked as for the read options). */
TRIAD_API void triad_mdgp_options_init(triad_mdgp_options *opts);
/** The defaults as an initialiser, equal to triad_mdgp_options_init's. */
#define TRIAD_MDGP_OPTIONS_INIT                                                                    \
    {                                                                                              \
        sizeof(triad_mdgp_options), 10.0, 0, 1, NULL, NULL, NULL, NULL                             \
    }

/** Iterated tabu search. group must hold triad_mdgp_elements() ints; it
 * receives each element's group (0-based). *objective receives the sum of
 * within-group distances of that assignment. */
TRIAD_API triad_status triad_mdgp_solve(const triad_mdgp *inst, const triad_mdgp_options *opts,
                                        int *group, double *objective, triad_error *err);

/** What a search did, for a methods section: how long, how far, when the
 * best was found and what stopped it. */
typedef struct triad_mdgp_stats {
    uint64_t iterations;         /**< tabu iterations run */
    double seconds;              /**< wall time of the search */
    uint64_t iterations_to_best; /**< iterations when the best was first reached */
    double seconds_to_best;      /**< seconds when the best was first reached */
    const char *stopped_by;      /**< "iterations" or "seconds" (static storage) */
} triad_mdgp_stats;

/** As triad_mdgp_solve, with what the search did in *stats. */
TRIAD_API triad_status triad_mdgp_solve_stats(const triad_mdgp *inst,
                                              const triad_mdgp_options *opts, int *group,
                                              double *objective, triad_mdgp_stats *stats,
                                              triad_error *err);

/** Recomputes the objective of an assignment; TRIAD_ERR_INFEASIBLE when a
 * group is outside its bounds or a group index is out of range. */
TRIAD_API triad_status triad_mdgp_evaluate(const triad_mdgp *inst, const int *group,
                                           double *objective, triad_error *err);

#endif /* TRIAD_EXPERIMENTAL */
#ifdef __cplusplus
}
#endif

#endif /* TRIAD_MDGP_H */
