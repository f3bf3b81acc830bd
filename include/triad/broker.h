/** \file
 * libtriad - brokering: schools that need support matched to schools that
 * offer it, in days per area of expertise (GLPK), under the rules (no
 * self-support, causing concern offers nothing, K supporters a school,
 * max_schools a supporter, travel, grade, trust); hand-made brokerages
 * checked by the same rules; the model as a CPLEX LP file.
 *
 * Example:
 * @code
 *     triad_market *m = NULL;
 *     triad_brokerage *b = NULL;
 *     triad_market_read("offers.csv", "needs.csv", NULL, schools, &m, &err);
 *     triad_broker(schools, NULL, m, NULL, &b, &err);
 * @endcode
 */
#ifndef TRIAD_BROKER_H
#define TRIAD_BROKER_H

#include <triad/common.h>

#ifdef __cplusplus
extern "C" {
#endif
/* ---------------------------------------------------------------- brokering */

/** What schools offer and what schools need, in days per area of expertise
 * (read from an offers CSV and a needs CSV; README "Brokering"). Areas
 * are matched ignoring case and surrounding blanks, and through an optional
 * synonyms file. */

/**@{*/
/** Reads offers (urn, area, days; optional role, max_schools,
 * offers_despite_concern) and needs (urn, area, days; optional priority
 * 1-3, default 1) for schools; synonyms_path (term,area) may be NULL.
 * Every URN must be in schools. Caller owns *out (triad_market_free). */
TRIAD_API triad_status triad_market_read(const char *offers_path, const char *needs_path,
                                         const char *synonyms_path, const triad_schools *schools,
                                         triad_market **out, triad_error *err);
/** The clinic's flags (a triad_clinic_csv file: urn,term,rag,...) weight
 * the needs of term: a need of a school flagged red counts as priority 3,
 * amber at least 2; green, or no row, leaves it (a flag only ever lifts a
 * priority). *raised counts the needs lifted. A term with no row, a rag
 * other than red, amber or green, or a URN not in schools is an error
 * naming file, line and column; on error the market is unchanged. */
TRIAD_API triad_status triad_market_apply_clinic(triad_market *market, const triad_schools *schools,
                                                 const char *clinic_path, const char *term,
                                                 size_t *raised, triad_error *err);
TRIAD_API void triad_market_free(triad_market *market);
TRIAD_API size_t triad_market_offer_count(const triad_market *market);
TRIAD_API size_t triad_market_need_count(const triad_market *market);
/**@}*/

/** Where support should come from when a plan is given: a preference of
 * the second objective, never a rule. */
typedef enum triad_broker_policy {
    TRIAD_BROKER_ANY = 0, /**< support from anywhere */
    TRIAD_BROKER_WITHIN,  /**< from the needing school's collaborative first */
    TRIAD_BROKER_ACROSS   /**< from other collaboratives first */
} triad_broker_policy;

/** What a rota does with last year's pairs: among brokerages that meet as
 * many priority-weighted days (the first objective is never traded), prefer
 * a new supporter for a school the same one has supported max_years years
 * running, or keep the pairs that worked, or ignore the history. */
typedef enum triad_broker_rotate {
    TRIAD_ROTATE_OFF = 0,    /**< history ignored */
    TRIAD_ROTATE_PREFER_NEW, /**< rotate pairs that ran max_years years */
    TRIAD_ROTATE_KEEP        /**< keep last year's pairs where as good */
} triad_broker_rotate;

/** Options of triad_broker and triad_brokerage_read: the rules, the time
 * and the rota. Fill with triad_broker_options_init (or
 * TRIAD_BROKER_OPTIONS_INIT) first. */
typedef struct triad_broker_options {
    size_t struct_size;         /**< set by triad_broker_options_init */
    int max_supporters;         /**< per needing school, default 2 */
    int min_grade;              /**< supporters graded this or better (1 Outstanding, 2
                                   Good); 0 = any (default) */
    double max_km;              /**< 0 = no travel limit (default) */
    int not_same_trust;         /**< supporter and school in different trusts (default 0) */
    triad_broker_policy policy; /**< default TRIAD_BROKER_ANY; the others need a plan */
    double time_limit;          /**< seconds, default 10: the rounding's plan comes at once,
                                   the MIP improves it for the rest */
    triad_progress_fn progress; /**< default NULL: called about five times a second while
                                   the MIP runs, with the best priority-weighted days met
                                   so far; non-zero cancels (TRIAD_ERR_CANCELLED) */
    void *progress_user;        /**< passed to progress as user */
    /** Earlier years' brokerages (triad_broker_history_read), or NULL:
     * with it, a rota across years (Medway's "heads in on a rotation"). */
    const triad_broker_history *history;
    triad_broker_rotate rotate; /**< default TRIAD_ROTATE_PREFER_NEW */
    int max_years;              /**< prefer-new: years a pair may run, default 2 */
    /** Matches already under way this year (a brokerage read with
     * triad_brokerage_read against today's market), or NULL: termly
     * re-brokering keeps them - each at least its days, its pair switched
     * on - and brokers the rest around them; a match today's rules, needs,
     * offers or caps cannot hold is not kept and is a warning. Only read. */
    const triad_brokerage *under_way;
} triad_broker_options;

/** Fills *opts with the defaults (K = 2 supporters, no travel limit, any
 * policy, 10 s). */
TRIAD_API void triad_broker_options_init(triad_broker_options *opts);
/** The defaults as an initialiser, equal field by field to
 * triad_broker_options_init's. */
#define TRIAD_BROKER_OPTIONS_INIT                                                                  \
    {                                                                                              \
        sizeof(triad_broker_options), 2, 0, 0.0, 0, TRIAD_BROKER_ANY, 10.0, NULL, NULL, NULL,      \
            TRIAD_ROTATE_PREFER_NEW, 2, NULL                                                       \
    }

/** Who supports whom, with how many days: a brokerage, solved or read
 * (typedef triad_brokerage above). */

/** Matches needs to offers with GLPK: the most priority-weighted days of
 * need met; then support from where the policy prefers; then the least
 * travel (km x days). A school never supports itself; a school causing
 * concern offers nothing unless its offer says offers_despite_concern.
 * Without a binding max_supporters/max_schools rule this is a
 * transportation LP, solved exactly. With one: the LP's flows are rounded
 * to at most K supporters a school, supporters are also chosen school by
 * school (each needing school's best set from what the others leave), the
 * better of the two is a feasible plan at once, and a MIP over
 * supporter-school pairs, started from it, improves it within time_limit;
 * the status ("optimal"/"feasible"), objective, bound (the LP) and gap say
 * how far from proven it is. plan (may be NULL unless the policy needs it)
 * is only read. Caller owns *out. */
TRIAD_API triad_status triad_broker(const triad_schools *schools, const triad_plan *plan,
                                    const triad_market *market, const triad_broker_options *opts,
                                    triad_brokerage **out, triad_error *err);

/** Reads earlier years' brokerage CSVs (needing_urn, supporting_urn; the
 * broker's own output), paths[0] the most recent, for the rota of
 * triad_broker_options.history. URNs no longer in schools are skipped (a
 * school that closed). Caller owns *out (triad_broker_history_free). */
TRIAD_API triad_status triad_broker_history_read(const char *const *paths, size_t n,
                                                 const triad_schools *schools,
                                                 triad_broker_history **out, triad_error *err);
/** Releases a history; NULL is ignored. */
TRIAD_API void triad_broker_history_free(triad_broker_history *history);

/** The rota's outcome: supporter-school pairs of the brokerage that also
 * ran last year (*kept), and last year's pairs that had run max_years years
 * and were not renewed though the school still needs support (*rotated).
 * Both 0 without a history. */
TRIAD_API void triad_brokerage_rota(const triad_brokerage *brokerage, size_t *kept,
                                    size_t *rotated);

/** Writes the brokering model triad_broker solves first (most
 * priority-weighted days met, with the caps) in CPLEX LP format, so glpsol
 * or any other solver can re-solve it and reach the same optimum. Columns
 * x_oA_nB are the days from the offer on line A of the offers file to the
 * need on line B of the needs file; y_sI_nJ switch on supporter I for
 * school J (1-based rows of the schools). Written whole or not at all.
 * Reentrant (GLPK runs in the calling thread). */
TRIAD_API triad_status triad_broker_write_lp(const triad_schools *schools, const triad_plan *plan,
                                             const triad_market *market,
                                             const triad_broker_options *opts, const char *path,
                                             triad_error *err);

/**@{*/
/** Reads a brokerage CSV (needing_urn, supporting_urn, area, days; e.g. made
 * by hand) and checks it with the same rules as the solver's: days over an
 * offer or a need, self-support, a supporter causing concern, areas not
 * offered, too many supporters, travel, grade and trust rules. Caller owns
 * *out. */
TRIAD_API triad_status triad_brokerage_read(const char *path, const triad_schools *schools,
                                            const triad_plan *plan, const triad_market *market,
                                            const triad_broker_options *opts, triad_brokerage **out,
                                            triad_error *err);
TRIAD_API void triad_brokerage_free(triad_brokerage *brokerage);
/**@}*/

/**@{*/
/** Matches (rows), days of need met and needed, rule violations. */
TRIAD_API size_t triad_brokerage_count(const triad_brokerage *brokerage);
TRIAD_API double triad_brokerage_days_met(const triad_brokerage *brokerage);
TRIAD_API double triad_brokerage_days_needed(const triad_brokerage *brokerage);
TRIAD_API size_t triad_brokerage_violations(const triad_brokerage *brokerage);
/**@}*/

/**@{*/
/** Warnings: promises the solver could not keep (its time limit stopped the
 * LP, so the plan is greedy, or stopped the MIP before it proved its plan
 * best). Also in triad_brokerage_format and the report. The string is the
 * brokerage's (valid until it is freed); NULL for k out of range. */
TRIAD_API size_t triad_brokerage_warnings(const triad_brokerage *brokerage);
TRIAD_API const char *triad_brokerage_warning(const triad_brokerage *brokerage, size_t k);
/**@}*/

/** Writes the brokerage CSV (needing_urn, supporting_urn, area, days, km),
 * atomically. */
TRIAD_API triad_status triad_brokerage_write(const triad_brokerage *brokerage, const char *path,
                                             triad_error *err);

/** The brokerage CSV that triad_brokerage_write writes, as a string. Caller
 * owns *out (triad_string_free). */
TRIAD_API triad_status triad_brokerage_csv(const triad_brokerage *brokerage, char **out,
                                           triad_error *err);

/** Writes the directory of services CSV (urn, area, role, offered, used,
 * left), atomically. */
TRIAD_API triad_status triad_brokerage_write_directory(const triad_brokerage *brokerage,
                                                       const char *path, triad_error *err);

/** The directory of services CSV, as a string. Caller owns *out
 * (triad_string_free). */
TRIAD_API triad_status triad_brokerage_directory_csv(const triad_brokerage *brokerage, char **out,
                                                     triad_error *err);

/** Summary for people (json == 0) or JSON: the matches, every unmet need with
 * its reason, the directory, the solver's status, objective, bound and gap,
 * violations. Caller owns *out (triad_string_free). */
TRIAD_API triad_status triad_brokerage_format(const triad_brokerage *brokerage, int json,
                                              char **out, triad_error *err);

#ifdef __cplusplus
}
#endif

#endif /* TRIAD_BROKER_H */
