/** \file
 * libtriad - common definitions: status codes, the error object, the
 * version, strings the library hands over, whole-or-nothing file writing,
 * and the opaque handle types every topic header uses.
 *
 * Conventions (as in GLPK and igraph):
 *  - every object is opaque and has a _new/_read and a _free; free accepts NULL;
 *  - every fallible call returns a triad_status (TRIAD_OK == 0) and fills the
 *    optional triad_error with a message and, for input errors, file/line/column;
 *  - options structs are filled by an *_init function first, so fields can be
 *    added without breaking callers: fields are only ever appended, and a
 *    program built against an older header (a smaller struct_size) keeps
 *    working, its missing fields taking their defaults (libgit2's rule);
 *    a struct_size larger than the library knows is refused;
 *  - the library never prints to stdout, never calls exit() or abort(), and
 *    keeps no global mutable state: distinct handles may be used from distinct
 *    threads at the same time, and a handle no one changes may be read from
 *    several (one schools table shared by concurrent solves is safe).
 * Process-wide state: calls that use GLPK (the ILP, brokering, the MDGP
 * proof) install GLPK's terminal and error hooks for the calling thread and
 * reset them to none on return: GLPK has no call that reads a hook back, so
 * a host that sets its own hooks in the same thread sets them again after.
 * A GLPK failure frees that thread's GLPK environment, as GLPK requires
 * before it can be used again, the host's GLPK objects in that thread
 * included; the call returns TRIAD_ERR_INTERNAL. igraph's error and warning
 * handlers are saved and restored around every igraph call.
 * Ownership is stated in the comment of every function: "caller owns" means
 * the caller must release the object with the matching *_free; "borrowed"
 * means valid while the object it came from lives.
 *
 * Example:
 * @code
 *     triad_error err;
 *     if (triad_file_write("out.txt", "hello\n", 6, &err) != TRIAD_OK)
 *         fprintf(stderr, "%s: %s\n", triad_status_string(err.status), err.message);
 * @endcode
 */
#ifndef TRIAD_COMMON_H
#define TRIAD_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks the exported functions (visibility default when the library is
 * built, nothing for callers). */
#if defined(TRIAD_BUILDING) && defined(__GNUC__)
#define TRIAD_API __attribute__((visibility("default")))
#else
#define TRIAD_API
#endif

/** The version of these headers (triad_version gives the library's). */
#define TRIAD_VERSION_MAJOR 0
#define TRIAD_VERSION_MINOR 1 /**< see TRIAD_VERSION_MAJOR */
#define TRIAD_VERSION_PATCH 0 /**< see TRIAD_VERSION_MAJOR */

/* ------------------------------------------------------- opaque handles */

/** Declared here so every topic header can name every handle. */
/** The schools table every topic works on (triad/schools.h). */
typedef struct triad_schools triad_schools;
/** The problem: strata, sizes, balance, constraints (triad/spec.h). */
typedef struct triad_spec triad_spec;
/** Collaboratives, triads and leads for a schools table (triad/plan.h). */
typedef struct triad_plan triad_plan;
/** A plan scored against a spec (triad/check.h). */
typedef struct triad_report triad_report;
/** The partnership network across years (triad/network.h). */
typedef struct triad_network triad_network;
/** Offers and needs of support, in days per area (triad/broker.h). */
typedef struct triad_market triad_market;
/** Who supports whom, with how many days (triad/broker.h). */
typedef struct triad_brokerage triad_brokerage;
/** Earlier years' brokerages: who supported whom (triad/broker.h). */
typedef struct triad_broker_history triad_broker_history;
/** An MDGP instance (triad/mdgp.h, experimental). */
typedef struct triad_mdgp triad_mdgp;
/** A school year's calendar (triad/schedule.h). */
typedef struct triad_calendar triad_calendar;
/** A dated review schedule and the rules it breaks (triad/schedule.h). */
typedef struct triad_schedule triad_schedule;
/** Outcome measures per school and year (triad/outcomes.h). */
typedef struct triad_outcomes triad_outcomes;

/* ------------------------------------------------------ progress and cancel */

/** Progress: the seconds elapsed and an objective. triad_solve calls it after
 * each stratum, and about five times a second while a stratum is searched
 * or proved, with the weighted excess of category counts beyond one school
 * of their shares, summed over the strata done (0: all within one);
 * triad_mdgp_solve about five times a second with the best objective so far
 * (-inf before the first). Return non-zero to cancel: the running search,
 * ILP or MDGP search stops within a fraction of a second, and the call
 * returns TRIAD_ERR_CANCELLED and no result. Called from the calling thread
 * only, also when threads > 1. */
typedef int (*triad_progress_fn)(double seconds, double objective, void *user);

/* ------------------------------------------------------------------- the log */


/** How much a log line matters. */
typedef enum triad_log_level {
    TRIAD_LOG_INFO = 0,   /**< what the solver did: per stratum engine, status, sizes */
    TRIAD_LOG_WARNING = 1 /* a promise the plan cannot keep (also in the report) */
} triad_log_level;

/** Log: one line (no newline) at a time, from the calling thread, when the
 * solve has finished. The library itself never writes to stderr. */
typedef void (*triad_log_fn)(triad_log_level level, const char *line, void *user);

/* ------------------------------------------------------------------ errors */

/** What a call came to: TRIAD_OK, or why not. Each has an exit code of
 * the command line (the same number). */
typedef enum triad_status {
    TRIAD_OK = 0,
    TRIAD_ERR_INVALID_ARGUMENT = 1, /**< a NULL handle, an option out of range */
    TRIAD_ERR_NOMEM = 2,            /**< allocation failed or a size limit hit */
    TRIAD_ERR_IO = 3,               /**< a file could not be opened/read/written */
    TRIAD_ERR_EMPTY = 4,            /**< an input file holds no data rows */
    TRIAD_ERR_CSV = 5,              /**< malformed CSV: quotes, ragged rows, NUL */
    TRIAD_ERR_VALUE = 6,            /**< a cell holds an unknown grade, phase, number */
    TRIAD_ERR_DUPLICATE = 7,        /**< the same URN twice */
    TRIAD_ERR_UNKNOWN_SCHOOL = 8,   /**< a plan or spec names a school not in the data */
    TRIAD_ERR_MISSING_COLUMN = 9,   /**< a required column is absent */
    TRIAD_ERR_SPEC = 10,            /**< the spec file is malformed or contradictory */
    TRIAD_ERR_INFEASIBLE = 11,      /**< sizes/constraints cannot all hold */
    TRIAD_ERR_CANCELLED = 12,       /**< the progress callback asked to stop */
    TRIAD_ERR_INTERNAL = 13         /* a dependency failed (GLPK, igraph) */
} triad_status;

/** Details of the last failure of one call. line/column are 1-based and 0
 * when they do not apply; file is "" when no file is involved. */
typedef struct triad_error {
    triad_status status; /**< the status the call returned */
    char file[256];      /**< the input file concerned, or "" */
    long line;           /**< 1-based line in it, 0 when none applies */
    long column;         /**< 1-based column, 0 when none applies */
    char message[768];   /**< for people: what, where and why */
} triad_error;

/** A constant English name of a status code ("ok", "malformed CSV", ...). */
TRIAD_API const char *triad_status_string(triad_status status);

/** Resets *err to TRIAD_OK with empty fields. err may be NULL. */
TRIAD_API void triad_error_clear(triad_error *err);

/** Frees a string returned by the library (reports, JSON). NULL is ignored. */
TRIAD_API void triad_string_free(char *s);

/** The library version as "MAJOR.MINOR.PATCH" (static storage). */
TRIAD_API const char *triad_version(void);
/** The git commit the library was built from (12 hex digits, "-dirty"
 * when the tree had changes), or "unknown" outside a checkout. Static. */
TRIAD_API const char *triad_build_commit(void);

/** Writes size bytes to path the way every output of the library is written:
 * a regular file (or a new one) through a temporary in the same folder and a
 * rename, so a failure never leaves a partial file; permissions from the
 * umask (0666 & ~umask) or, when the file exists, its own; a symbolic link
 * is followed. A character device or a FIFO (/dev/stdout, a named pipe) is
 * written through; a FIFO without a reader, a directory or any other special
 * file is refused (TRIAD_ERR_IO). data is borrowed for the call. */
TRIAD_API triad_status triad_file_write(const char *path, const void *data, size_t size,
                                        triad_error *err);

/** Writes texts[k] (NUL-terminated) to paths[k] for every k < n (>= 1), each
 * as triad_file_write does, all or nothing: every file is staged before any
 * is renamed into place, so a set of outputs (a plan and its page) never
 * appears half-written. Two entries naming one path are refused
 * (TRIAD_ERR_INVALID_ARGUMENT). The arrays are borrowed for the call. */
TRIAD_API triad_status triad_files_write(size_t n, const char *const *paths,
                                         const char *const *texts, triad_error *err);

#ifdef __cplusplus
}
#endif

#endif /* TRIAD_COMMON_H */
