/*
 * libtriad: balanced school-improvement collaboratives and triads.
 *
 * Conventions (as in GLPK and igraph):
 *  - every object is opaque and has a _new/_read and a _free; free accepts NULL;
 *  - every fallible call returns a triad_status (TRIAD_OK == 0) and fills the
 *    optional triad_error with a message and, for input errors, file/line/column;
 *  - options structs are filled by an *_init function first, so fields can be
 *    added without breaking callers;
 *  - the library never prints to stdout, never calls exit() or abort(), and
 *    keeps no global mutable state: distinct handles may be used from distinct
 *    threads at the same time.
 * Ownership is stated in the comment of every function: "caller owns" means
 * the caller must release the object with the matching *_free.
 */
#ifndef TRIAD_TRIAD_H
#define TRIAD_TRIAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(TRIAD_BUILDING) && defined(__GNUC__)
#define TRIAD_API __attribute__((visibility("default")))
#else
#define TRIAD_API
#endif

#define TRIAD_VERSION_MAJOR 0
#define TRIAD_VERSION_MINOR 1
#define TRIAD_VERSION_PATCH 0

/* ------------------------------------------------------------------ errors */

typedef enum triad_status {
    TRIAD_OK = 0,
    TRIAD_ERR_INVALID_ARGUMENT = 1, /* a NULL handle, an option out of range */
    TRIAD_ERR_NOMEM = 2,            /* allocation failed or a size limit hit */
    TRIAD_ERR_IO = 3,               /* a file could not be opened/read/written */
    TRIAD_ERR_EMPTY = 4,            /* an input file holds no data rows */
    TRIAD_ERR_CSV = 5,              /* malformed CSV: quotes, ragged rows, NUL */
    TRIAD_ERR_VALUE = 6,            /* a cell holds an unknown grade, phase, number */
    TRIAD_ERR_DUPLICATE = 7,        /* the same URN twice */
    TRIAD_ERR_UNKNOWN_SCHOOL = 8,   /* a plan or spec names a school not in the data */
    TRIAD_ERR_MISSING_COLUMN = 9,   /* a required column is absent */
    TRIAD_ERR_SPEC = 10,            /* the spec file is malformed or contradictory */
    TRIAD_ERR_INFEASIBLE = 11,      /* sizes/constraints cannot all hold */
    TRIAD_ERR_CANCELLED = 12,       /* the progress callback asked to stop */
    TRIAD_ERR_INTERNAL = 13         /* a dependency failed (GLPK, igraph) */
} triad_status;

/* Details of the last failure of one call. line/column are 1-based and 0
 * when they do not apply; file is "" when no file is involved. */
typedef struct triad_error {
    triad_status status;
    char file[256];
    long line;
    long column;
    char message[768];
} triad_error;

/* A constant English name of a status code ("ok", "malformed CSV", ...). */
TRIAD_API const char *triad_status_string(triad_status status);

/* Resets *err to TRIAD_OK with empty fields. err may be NULL. */
TRIAD_API void triad_error_clear(triad_error *err);

/* Frees a string returned by the library (reports, JSON). NULL is ignored. */
TRIAD_API void triad_string_free(char *s);

/* The library version as "MAJOR.MINOR.PATCH" (static storage). */
TRIAD_API const char *triad_version(void);

/* Writes size bytes to path the way every output of the library is written:
 * a regular file (or a new one) through a temporary in the same folder and a
 * rename, so a failure never leaves a partial file; permissions from the
 * umask (0666 & ~umask) or, when the file exists, its own; a symbolic link
 * is followed. A character device or a FIFO (/dev/stdout, a named pipe) is
 * written through; a FIFO without a reader, a directory or any other special
 * file is refused (TRIAD_ERR_IO). data is borrowed for the call. */
TRIAD_API triad_status triad_file_write(const char *path, const void *data, size_t size,
                                        triad_error *err);

/* Writes texts[k] (NUL-terminated) to paths[k] for every k < n (>= 1), each
 * as triad_file_write does, all or nothing: every file is staged before any
 * is renamed into place, so a set of outputs (a plan and its page) never
 * appears half-written. Two entries naming one path are refused
 * (TRIAD_ERR_INVALID_ARGUMENT). The arrays are borrowed for the call. */
TRIAD_API triad_status triad_files_write(size_t n, const char *const *paths,
                                         const char *const *texts, triad_error *err);

/* ----------------------------------------------------------------- schools */

typedef struct triad_schools triad_schools;

typedef enum triad_format {
    TRIAD_FORMAT_AUTO = 0, /* decided from the header row */
    TRIAD_FORMAT_NATIVE,   /* libtriad's schools CSV (README "File formats") */
    TRIAD_FORMAT_GIAS,     /* a "Get Information about Schools" download */
    TRIAD_FORMAT_OFSTED    /* Ofsted management-information data */
} triad_format;

typedef enum triad_phase {
    TRIAD_PHASE_NURSERY = 0,
    TRIAD_PHASE_PRIMARY,
    TRIAD_PHASE_MIDDLE,
    TRIAD_PHASE_SECONDARY,
    TRIAD_PHASE_ALL_THROUGH,
    TRIAD_PHASE_SPECIAL,
    TRIAD_PHASE_PRU,
    TRIAD_PHASE_SIXTEEN_PLUS,
    TRIAD_PHASE_COUNT
} triad_phase;

typedef struct triad_read_options {
    size_t struct_size;  /* set by triad_read_options_init */
    triad_format format; /* default TRIAD_FORMAT_AUTO */
    int keep_closed;     /* GIAS: keep schools whose status is "Closed" (default 0) */
} triad_read_options;

/* Fills *opts with the defaults. A struct whose struct_size is 0 (not
 * initialised) or of another version is refused with
 * TRIAD_ERR_INVALID_ARGUMENT by every call that takes it. */
TRIAD_API void triad_read_options_init(triad_read_options *opts);
/* The same defaults as an initialiser: triad_read_options o = TRIAD_READ_OPTIONS_INIT; */
#define TRIAD_READ_OPTIONS_INIT {sizeof(triad_read_options), TRIAD_FORMAT_AUTO, 0}

/* Reads a schools file (native, GIAS or Ofsted MI; UTF-8 with or without BOM,
 * or Windows-1252; CRLF or LF). opts may be NULL for defaults. On success the
 * caller owns *out (triad_schools_free); on failure *out is NULL. */
TRIAD_API triad_status triad_schools_read(const char *path, const triad_read_options *opts,
                                          triad_schools **out, triad_error *err);

/* As triad_schools_read, from memory; name is used in error messages. The
 * buffer is only read during the call. */
TRIAD_API triad_status triad_schools_read_buffer(const char *data, size_t size, const char *name,
                                                 const triad_read_options *opts,
                                                 triad_schools **out, triad_error *err);

/* Releases schools; NULL is ignored. */
TRIAD_API void triad_schools_free(triad_schools *schools);

/* Writes schools as the native CSV, atomically (temporary file, then rename):
 * on failure no file is left at path. */
TRIAD_API triad_status triad_schools_write(const triad_schools *schools, const char *path,
                                           triad_error *err);

/* The native schools CSV that triad_schools_write writes, as a string.
 * Caller owns *out (triad_string_free). */
TRIAD_API triad_status triad_schools_csv(const triad_schools *schools, char **out,
                                         triad_error *err);

/* Number of schools. */
TRIAD_API size_t triad_schools_count(const triad_schools *schools);

/* Data gaps: an expected column of the file's format that is absent, or
 * present but blank for every school, each with what it means for the plan
 * ("no column 'OfstedRating (name)' (GIAS): all 397 schools are treated as
 * not inspected; ..."). Read once, never silent: `triad import` and `triad
 * solve` print them, and every report of a plan for these schools carries
 * them as warnings. The string is borrowed, valid while schools lives;
 * NULL when k is out of range. Thread-safe on a table no one changes. */
TRIAD_API size_t triad_schools_gap_count(const triad_schools *schools);
TRIAD_API const char *triad_schools_gap(const triad_schools *schools, size_t k);

/* The format the file was read as. */
TRIAD_API triad_format triad_schools_format(const triad_schools *schools);

/* Borrowed strings owned by schools, valid until it is freed. */
TRIAD_API const char *triad_schools_urn(const triad_schools *schools, size_t i);
TRIAD_API const char *triad_schools_name(const triad_schools *schools, size_t i);
TRIAD_API triad_phase triad_schools_phase(const triad_schools *schools, size_t i);
/* Ofsted grade 1-4, or 0 for "not inspected". */
TRIAD_API int triad_schools_ofsted(const triad_schools *schools, size_t i);

/* Constant name of a phase ("Primary", ...). */
TRIAD_API const char *triad_phase_name(triad_phase phase);

/* ------------------------------------------------- schools built in memory */

/* The fields of a school that the setters below change. */
typedef enum triad_field {
    TRIAD_FIELD_NAME = 0,     /* text */
    TRIAD_FIELD_TRUST,        /* text, "" for none */
    TRIAD_FIELD_AREA,         /* text: district or area */
    TRIAD_FIELD_OFSTED,       /* number 1-4, 0 or NAN for not inspected */
    TRIAD_FIELD_IDACI,        /* number 1-5 */
    TRIAD_FIELD_FSM_PCT,      /* number 0-100 */
    TRIAD_FIELD_URBAN,        /* number: 1 urban, 0 rural */
    TRIAD_FIELD_HEAD_YEARS,   /* number 0-60 */
    TRIAD_FIELD_PUPILS,       /* number 0-100,000 */
    TRIAD_FIELD_PRIORITY,     /* number 1-3 (3 causing concern) */
    TRIAD_FIELD_LEAD_ELIGIBLE, /* number 0/1, NAN: by the rule */
    TRIAD_FIELD_OPTED_OUT     /* number 0/1 */
} triad_field;

/* An empty schools table to fill with triad_schools_add and the setters
 * (files are a convenience on top of this). Caller owns *out. Every text
 * given to the setters, as to triad_plan_from_arrays, is UTF-8, else
 * TRIAD_ERR_VALUE; a URN, trust, area, attribute name, category or group
 * label is one line (no line break, tab or other control character), as
 * the file readers require. */
TRIAD_API triad_status triad_schools_new(triad_schools **out, triad_error *err);

/* Adds a school; its index (0, 1, ...) goes to *index (may be NULL). A
 * duplicate URN is TRIAD_ERR_DUPLICATE. Every other field starts unknown. */
TRIAD_API triad_status triad_schools_add(triad_schools *schools, const char *urn,
                                         triad_phase phase, size_t *index, triad_error *err);

/* Set one field of school i: text fields (value copied), number fields
 * (NAN = unknown; out of range: TRIAD_ERR_VALUE, as in a file), location in
 * OSGB36 metres. A wrong index or field kind is TRIAD_ERR_INVALID_ARGUMENT. */
TRIAD_API triad_status triad_schools_set_text(triad_schools *schools, size_t i,
                                              triad_field field, const char *value,
                                              triad_error *err);
TRIAD_API triad_status triad_schools_set_number(triad_schools *schools, size_t i,
                                                triad_field field, double value,
                                                triad_error *err);
TRIAD_API triad_status triad_schools_set_location(triad_schools *schools, size_t i,
                                                  double easting, double northing,
                                                  triad_error *err);

/* A user attribute (numeric or categorical), blank for every school until
 * set; balanced when the spec gives it a weight. Its index goes to *index. */
TRIAD_API triad_status triad_schools_add_attribute(triad_schools *schools, const char *name,
                                                   int numeric, size_t *index,
                                                   triad_error *err);
TRIAD_API triad_status triad_schools_set_attribute_number(triad_schools *schools, size_t a,
                                                          size_t i, double value,
                                                          triad_error *err);
TRIAD_API triad_status triad_schools_set_attribute_category(triad_schools *schools, size_t a,
                                                            size_t i, const char *category,
                                                            triad_error *err);

/* User attributes: extra columns of the native CSV. */
TRIAD_API size_t triad_schools_attribute_count(const triad_schools *schools);
TRIAD_API const char *triad_schools_attribute_name(const triad_schools *schools, size_t a);
/* 1 when attribute a is numeric, 0 when categorical. */
TRIAD_API int triad_schools_attribute_is_numeric(const triad_schools *schools, size_t a);

/* -------------------------------------------------------------------- spec */

/* The problem: strata, size bounds, balanced attributes and weights,
 * constraints. A new spec holds the defaults of the README. */
typedef struct triad_spec triad_spec;

/* Creates a spec with the defaults. Caller owns *out (triad_spec_free). */
TRIAD_API triad_status triad_spec_new(triad_spec **out, triad_error *err);

/* Reads an INI spec file (README "Spec file") over the defaults. Caller owns
 * *out on success; *out is NULL on failure. */
TRIAD_API triad_status triad_spec_read(const char *path, triad_spec **out, triad_error *err);

/* As triad_spec_read from a NUL-terminated string; name is used in messages. */
TRIAD_API triad_status triad_spec_read_string(const char *text, const char *name,
                                              triad_spec **out, triad_error *err);

/* Releases a spec; NULL is ignored. */
TRIAD_API void triad_spec_free(triad_spec *spec);

/* Sets one key of the spec as the INI file would ("stratum.primary",
 * "sizes", "6, 9"; "balance", "ofsted", "2"; "constraints", "must_link",
 * "1001 1002" adds a link): every key of README "Spec" with the same checks
 * and messages (TRIAD_ERR_SPEC). Keys may be set again (the last wins). */
TRIAD_API triad_status triad_spec_set(triad_spec *spec, const char *section, const char *key,
                                      const char *value, triad_error *err);

/* -------------------------------------------------------------------- plan */

/* An assignment of schools to collaboratives and triads, with leads. */
typedef struct triad_plan triad_plan;

/* Reads a plan CSV (header URN,collaborative,triad,lead; columns matched by
 * name) for the given schools; a URN not in schools is an error. The plan
 * borrows nothing from schools. Caller owns *out on success. */
TRIAD_API triad_status triad_plan_read(const char *path, const triad_schools *schools,
                                       triad_plan **out, triad_error *err);

/* As triad_plan_read, for an earlier year's plan: URNs that are not in
 * schools are schools that have left since; they are kept aside and listed
 * as leavers when a plan is solved against this history, not refused. */
TRIAD_API triad_status triad_plan_read_history(const char *path, const triad_schools *schools,
                                               triad_plan **out, triad_error *err);

/* As triad_plan_read, from memory; name is used in error messages. */
TRIAD_API triad_status triad_plan_read_buffer(const char *data, size_t size, const char *name,
                                              const triad_schools *schools, triad_plan **out,
                                              triad_error *err);

/* A plan built from arrays of n = triad_schools_count(schools) entries:
 * collaborative[i] the label of school i's collaborative (NULL: not
 * planned), triad[i] its triad's label within it (NULL: none), lead[i]
 * 1 for a lead school (lead may be NULL). Labels are copied. Caller owns
 * *out. */
TRIAD_API triad_status triad_plan_from_arrays(const triad_schools *schools,
                                              const char *const *collaborative,
                                              const char *const *triad, const int *lead,
                                              triad_plan **out, triad_error *err);

/* Writes the plan CSV atomically, one row per planned school, in the order of
 * the schools file. */
TRIAD_API triad_status triad_plan_write(const triad_plan *plan, const triad_schools *schools,
                                        const char *path, triad_error *err);

/* The plan CSV that triad_plan_write writes, as a string. Caller owns *out
 * (triad_string_free). */
TRIAD_API triad_status triad_plan_csv(const triad_plan *plan, const triad_schools *schools,
                                      char **out, triad_error *err);

/* Writes plans[k] to paths[k] for every k < n, all or nothing: every file is
 * written to a temporary first, and only when all succeeded are they renamed
 * into place (a rotation's years never appear half-written). Plans and paths
 * are borrowed for the call. */
TRIAD_API triad_status triad_plan_write_all(const triad_plan *const *plans, size_t n,
                                            const triad_schools *schools,
                                            const char *const *paths, triad_error *err);

/* Releases a plan; NULL is ignored. */
TRIAD_API void triad_plan_free(triad_plan *plan);

/* Number of collaboratives and of triads in the plan. */
TRIAD_API size_t triad_plan_collaborative_count(const triad_plan *plan);
TRIAD_API size_t triad_plan_triad_count(const triad_plan *plan);

/* Collaborative index of school i, or -1 when i is not in the plan. */
TRIAD_API long triad_plan_collaborative_of(const triad_plan *plan, size_t i);
/* Triad index of school i, or -1. */
TRIAD_API long triad_plan_triad_of(const triad_plan *plan, size_t i);
/* What the solver did, one line per stratum (engine, status, objective,
 * bound, gap, seconds), or "" for a plan read from a file. Borrowed. */
TRIAD_API const char *triad_plan_solver_log(const triad_plan *plan);

/* 1 when school i leads its collaborative. */
TRIAD_API int triad_plan_is_lead(const triad_plan *plan, size_t i);
/* 1 when school i's row is locked (a plan read with a locked column, or
 * solved with --fixed): its collaborative, triad partners and lead hold in
 * a re-solve. Thread-safe on a plan no one changes. */
TRIAD_API int triad_plan_is_locked(const triad_plan *plan, size_t i);
/* Borrowed label of collaborative c / triad t, valid while plan lives. */
TRIAD_API const char *triad_plan_collaborative_label(const triad_plan *plan, size_t c);
TRIAD_API const char *triad_plan_triad_label(const triad_plan *plan, size_t t);

/* ---------------------------------------------------------------- checking */

/* The metrics of one plan against one spec (the same the solver optimises). */
typedef struct triad_report triad_report;

/* Scores plan against spec. spec may be NULL for the defaults. Caller owns
 * *out (triad_report_free). */
TRIAD_API triad_status triad_check(const triad_schools *schools, const triad_spec *spec,
                                   const triad_plan *plan, triad_report **out, triad_error *err);

/* Releases a report; NULL is ignored. */
TRIAD_API void triad_report_free(triad_report *report);

/* Number of violated hard constraints (sizes, links, trust caps, leads,
 * all-concern triads, travel, schools missing from the plan). */
TRIAD_API size_t triad_report_violations(const triad_report *report);

/* Number of warnings: promises the plan cannot keep that are not constraint
 * violations (a time limit that cut the search short, a keep share not
 * reached, a school causing concern that opted out, ...). */
TRIAD_API size_t triad_report_warnings(const triad_report *report);

/* 1 when every category of every balanced categorical attribute is within
 * one school of its proportional share in every collaborative. */
TRIAD_API int triad_report_collaboratives_within_one(const triad_report *report);

/* The largest |count - share| over collaboratives, attributes, categories. */
TRIAD_API double triad_report_max_deviation(const triad_report *report);

/* ----------------------------------------------------- results as numbers */

typedef enum triad_level {
    TRIAD_LEVEL_COLLABORATIVE = 0,
    TRIAD_LEVEL_TRIAD
} triad_level;

/* Groups of a level, in the order of the plan; borrowed label. Out of range
 * indexes give 0 / NULL. */
TRIAD_API size_t triad_report_group_count(const triad_report *report, triad_level level);
TRIAD_API const char *triad_report_group_label(const triad_report *report, triad_level level,
                                               size_t g);
TRIAD_API size_t triad_report_group_size(const triad_report *report, triad_level level,
                                         size_t g);
/* 1 when every category of every balanced attribute is within one school of
 * its share in group g; its largest |count - share|. */
TRIAD_API int triad_report_group_within_one(const triad_report *report, triad_level level,
                                            size_t g);
TRIAD_API double triad_report_group_max_deviation(const triad_report *report,
                                                  triad_level level, size_t g);

/* The balanced attributes and their categories (borrowed names). */
TRIAD_API size_t triad_report_attribute_count(const triad_report *report);
TRIAD_API const char *triad_report_attribute_name(const triad_report *report, size_t a);
TRIAD_API int triad_report_attribute_is_numeric(const triad_report *report, size_t a);
TRIAD_API size_t triad_report_category_count(const triad_report *report, size_t a);
TRIAD_API const char *triad_report_category_name(const triad_report *report, size_t a,
                                                 size_t c);

/* Category c of attribute a in group g: its count and its share (size x
 * N_c / N over the group's stratum); deviation = count - share. */
TRIAD_API triad_status triad_report_cell(const triad_report *report, triad_level level, size_t g,
                                         size_t a, size_t c, int *count, double *share,
                                         triad_error *err);
/* A numeric attribute's mean in group g and in its stratum. */
TRIAD_API triad_status triad_report_group_mean(const triad_report *report, triad_level level,
                                               size_t g, size_t a, double *mean,
                                               double *population_mean, triad_error *err);

/* One violated constraint; the strings are borrowed from the report. */
typedef struct triad_violation {
    const char *kind;    /* "size", "lead", "trust", "travel", "concern", ... */
    const char *group;   /* the group's label, or "" */
    const char *message; /* for people */
} triad_violation;

TRIAD_API triad_status triad_report_violation(const triad_report *report, size_t v,
                                              triad_violation *out, triad_error *err);

/* The objectives the anticlustering literature compares (e.g. R's
 * anticlust), for the collaboratives of any plan. Features: every balanced
 * numeric attribute as z-scores, every categorical one as 0/1 indicators.
 * diversity: the sum over collaboratives of the Euclidean distances between
 * members (maximised by anticlustering); variance: the k-means objective,
 * the sum of squared distances of members to their collaborative's centre
 * (maximised too); kplus: the variance objective on the features and their
 * squared deviations from the mean (so spreads, not only means, balance). */
typedef struct triad_objectives {
    double diversity, variance, kplus;
    size_t features, groups;
} triad_objectives;

TRIAD_API triad_status triad_objectives_compute(const triad_schools *schools,
                                                const triad_spec *spec, const triad_plan *plan,
                                                triad_objectives *out, triad_error *err);

/* The report as text for people (json == 0) or as a JSON document
 * (json != 0; fields documented in the README). Caller owns *out
 * (triad_string_free). */
TRIAD_API triad_status triad_report_format(const triad_report *report, int json, char **out,
                                           triad_error *err);

/* The report of a rotation: reports[0] in full (as triad_report_format), then
 * per year its triads within one, largest triad deviation, triad pairs met
 * before (repeats[y], may be NULL) and violations — text lines, or a
 * "rotation" array in the JSON document. Caller owns *out. */
TRIAD_API triad_status triad_report_format_years(const triad_report *const *reports, size_t n,
                                                 const size_t *repeats, int json, char **out,
                                                 triad_error *err);

/* A self-contained HTML page (no scripts, fonts or images from elsewhere)
 * for people: summary, a map of the schools coloured by collaborative with
 * triads drawn and leads marked (inline SVG, when locations are known), per
 * collaborative the composition of every balanced attribute against its
 * stratum, a table of schools, and the violations. report must come from
 * triad_check on the same schools and plan. Caller owns *out
 * (triad_string_free). */
TRIAD_API triad_status triad_report_html(const triad_report *report,
                                         const triad_schools *schools, const triad_plan *plan,
                                         char **out, triad_error *err);

typedef struct triad_brokerage triad_brokerage; /* see "brokering" below */

/* As triad_report_html, with a section on brokering support when brokerage
 * is not NULL: the matches, the unmet needs with their reasons, the
 * directory of services. */
TRIAD_API triad_status triad_report_html_brokerage(const triad_report *report,
                                                   const triad_schools *schools,
                                                   const triad_plan *plan,
                                                   const triad_brokerage *brokerage,
                                                   char **out, triad_error *err);

/* The page as a planner over several years (a rotation from
 * triad_solve_years, or any plans of one schools table): reports[y] must be
 * triad_check of plans[y] on schools, for y < nyears (>= 1). The page opens on
 * year 1; its script lets the reader pick a year, edit that year's plan (move,
 * swap, lead, lock, undo, redo) with every figure re-scored as triad_check
 * scores it, and download the edited plan CSV. brokerage may be NULL. The
 * arrays and what they point to are borrowed. Caller owns *out
 * (triad_string_free). */
TRIAD_API triad_status triad_report_html_years(const triad_report *const *reports,
                                               const triad_plan *const *plans, size_t nyears,
                                               const triad_schools *schools,
                                               const triad_brokerage *brokerage, char **out,
                                               triad_error *err);

/* ----------------------------------------------------------------- solving */

typedef enum triad_method {
    TRIAD_METHOD_AUTO = 0, /* local search; the ILP proves small strata */
    TRIAD_METHOD_SEARCH,   /* iterated tabu local search */
    TRIAD_METHOD_RANDOM,   /* baseline: random feasible sizes */
    TRIAD_METHOD_DEAL,     /* baseline: sort by profile, deal like cards */
    TRIAD_METHOD_GEO,      /* baseline: geographic clusters (sweep) */
    TRIAD_METHOD_ILP       /* local search, then GLPK's exact ILP (bound, gap) and
                              set-partitioning ILP triads */
} triad_method;

/* The name of a method: "auto", "search", "random", "deal", "geo", "ilp"
 * (static storage), or NULL for a value that is not a triad_method. */
TRIAD_API const char *triad_method_name(triad_method method);

/* The method of a name (case ignored) into *out; TRIAD_ERR_INVALID_ARGUMENT
 * for an unknown name. */
TRIAD_API triad_status triad_method_from_name(const char *name, triad_method *out);

/* Progress: the seconds elapsed and an objective. triad_solve calls it after
 * each stratum, and about five times a second while a stratum is searched
 * or proved, with the weighted excess of category counts beyond one school
 * of their shares, summed over the strata done (0: all within one);
 * triad_mdgp_solve about five times a second with the best objective so far
 * (-inf before the first). Return non-zero to cancel: the running search,
 * ILP or MDGP search stops within a fraction of a second, and the call
 * returns TRIAD_ERR_CANCELLED and no result. Called from the calling thread
 * only, also when threads > 1. */
typedef int (*triad_progress_fn)(double seconds, double objective, void *user);

typedef enum triad_log_level {
    TRIAD_LOG_INFO = 0,   /* what the solver did: per stratum engine, status, sizes */
    TRIAD_LOG_WARNING = 1 /* a promise the plan cannot keep (also in the report) */
} triad_log_level;

/* Log: one line (no newline) at a time, from the calling thread, when the
 * solve has finished. The library itself never writes to stderr. */
typedef void (*triad_log_fn)(triad_log_level level, const char *line, void *user);

typedef struct triad_solve_options {
    size_t struct_size;         /* set by triad_solve_options_init */
    triad_method method;        /* default TRIAD_METHOD_AUTO */
    uint64_t seed;              /* default 1; same seed and threads, same plan */
    double time_limit;          /* seconds for the whole solve, default 30: a safety
                                   cap; the search budget is counted in moves so a
                                   run that ends before the cap is reproducible */
    int threads;                /* default 1; the fixed set of starts is split over
                                   threads, so the plan does not depend on it */
    triad_progress_fn progress; /* default NULL */
    void *progress_user;
    /* Earlier years' plans for the same schools, most recent first (default
     * none): triads avoid repeating their partners as the spec's [history]
     * says. Borrowed for the call only. */
    const triad_plan *const *history;
    size_t nhistory;
    triad_log_fn log; /* default NULL; the same lines are in triad_plan_solver_log */
    void *log_user;
    /* A plan whose locked schools (the plan CSV's `locked` column, 1) stay in
     * their collaborative, with its label; everything else is re-solved
     * around them (default NULL). Borrowed for the call. */
    const triad_plan *fixed;
} triad_solve_options;

/* Fills *opts with the defaults (struct_size checked as for the read options). */
TRIAD_API void triad_solve_options_init(triad_solve_options *opts);
#define TRIAD_SOLVE_OPTIONS_INIT                                                          \
    {sizeof(triad_solve_options), TRIAD_METHOD_AUTO, 1, 30.0, 1, NULL, NULL, NULL, 0, NULL, NULL, \
     NULL}

/* Reads one key of the spec back as the INI file would write it ("6, 9",
 * "yes", "2", "Primary, Nursery"), into buf (NUL-terminated, cut to n).
 * must_link/cannot_link give the lines joined by "; ". An unknown section or
 * key is TRIAD_ERR_SPEC. */
TRIAD_API triad_status triad_spec_get(const triad_spec *spec, const char *section,
                                      const char *key, char *buf, size_t n, triad_error *err);

/* Copies the [solver] settings the spec names (method, seed, threads,
 * time_limit) into *opts; fields the spec leaves out are not touched. */
TRIAD_API void triad_spec_apply_solver(const triad_spec *spec, triad_solve_options *opts);

/* Designs a plan for schools under spec (NULL: defaults). opts may be NULL.
 * Caller owns *out (triad_plan_free) on success. */
TRIAD_API triad_status triad_solve(const triad_schools *schools, const triad_spec *spec,
                                   const triad_solve_options *opts, triad_plan **out,
                                   triad_error *err);


/* A rotation over `years` consecutive years: the collaboratives are designed
 * once and kept; each year's triads avoid every pair that met in an earlier
 * year of the rotation or in opts->history (hard where feasible, else the
 * repeats are counted). plans must hold `years` pointers; on success each is
 * a plan the caller owns. */
TRIAD_API triad_status triad_solve_years(const triad_schools *schools, const triad_spec *spec,
                                         const triad_solve_options *opts, size_t years,
                                         triad_plan **plans, triad_error *err);

/* What the solver did per stratum (borrowed strings; "" for a plan read
 * from a file, which has no strata results). */
typedef struct triad_stratum_result {
    const char *stratum, *engine, *status, *sizes;
    double objective; /* weighted excess beyond one school (0: all within one) */
    double bound, gap; /* NAN when nothing was proven */
    double seconds;
} triad_stratum_result;

TRIAD_API size_t triad_plan_stratum_count(const triad_plan *plan);
TRIAD_API triad_status triad_plan_stratum_result(const triad_plan *plan, size_t k,
                                                 triad_stratum_result *out, triad_error *err);

/* Pairs of schools sharing a triad in plan that had already shared one in
 * the history the plan was solved against (0 for plans read from files). */
TRIAD_API size_t triad_plan_repeated_pairs(const triad_plan *plan);

/* -------------------------------------------------- partnership networks */

/* Who has worked with whom across years of plans: schools are vertices, two
 * schools that shared a triad are joined (weight = times). Built with
 * igraph; every igraph call runs under one process-wide lock, because
 * igraph 0.10 in Debian is not thread-safe. */
typedef struct triad_network triad_network;

/* Builds the network of plans[0..nplans) (oldest first) for schools. Caller
 * owns *out (triad_network_free). */
TRIAD_API triad_status triad_network_build(const triad_schools *schools,
                                           const triad_plan *const *plans, size_t nplans,
                                           triad_network **out, triad_error *err);
TRIAD_API void triad_network_free(triad_network *net);

/* Distinct triad partners of school i over all plans. */
TRIAD_API size_t triad_network_partners(const triad_network *net, size_t i);
/* Schools with no triad partner at all: planned ones that never shared a
 * triad, and schools that opted out (in none of the plans). */
TRIAD_API size_t triad_network_isolated(const triad_network *net);
/* Connected components among the planned schools. */
TRIAD_API size_t triad_network_components(const triad_network *net);

/* Text (json == 0) or JSON summary. Caller owns *out (triad_string_free). */
TRIAD_API triad_status triad_network_format(const triad_network *net, int json, char **out,
                                            triad_error *err);

/* Writes the network as GraphML (for Gephi), atomically. */
TRIAD_API triad_status triad_network_write_graphml(const triad_network *net, const char *path,
                                                   triad_error *err);

/* The GraphML that triad_network_write_graphml writes, as a string. Caller
 * owns *out (triad_string_free). */
TRIAD_API triad_status triad_network_graphml(const triad_network *net, char **out,
                                             triad_error *err);

/* ---------------------------------------------------------------- brokering */

/* What schools offer and what schools need, in days per area of expertise
 * (read from an offers CSV and a needs CSV; README "Brokering"). Areas
 * are matched ignoring case and surrounding blanks, and through an optional
 * synonyms file. */
typedef struct triad_market triad_market;

/* Reads offers (urn, area, days; optional role, max_schools,
 * offers_despite_concern) and needs (urn, area, days; optional priority
 * 1-3, default 1) for schools; synonyms_path (term,area) may be NULL.
 * Every URN must be in schools. Caller owns *out (triad_market_free). */
TRIAD_API triad_status triad_market_read(const char *offers_path, const char *needs_path,
                                         const char *synonyms_path,
                                         const triad_schools *schools, triad_market **out,
                                         triad_error *err);
TRIAD_API void triad_market_free(triad_market *market);
TRIAD_API size_t triad_market_offer_count(const triad_market *market);
TRIAD_API size_t triad_market_need_count(const triad_market *market);

typedef enum triad_broker_policy {
    TRIAD_BROKER_ANY = 0, /* support from anywhere */
    TRIAD_BROKER_WITHIN,  /* from the needing school's collaborative first */
    TRIAD_BROKER_ACROSS   /* from other collaboratives first */
} triad_broker_policy;

typedef struct triad_broker_options {
    size_t struct_size;         /* set by triad_broker_options_init */
    int max_supporters;         /* per needing school, default 2 */
    int min_grade;              /* supporters graded this or better (1 Outstanding, 2
                                   Good); 0 = any (default) */
    double max_km;              /* 0 = no travel limit (default) */
    int not_same_trust;         /* supporter and school in different trusts (default 0) */
    triad_broker_policy policy; /* default TRIAD_BROKER_ANY; the others need a plan */
    double time_limit;          /* seconds, default 10: the rounding's plan comes at once,
                                   the MIP improves it for the rest */
    triad_progress_fn progress; /* default NULL: called about five times a second while
                                   the MIP runs, with the best priority-weighted days met
                                   so far; non-zero cancels (TRIAD_ERR_CANCELLED) */
    void *progress_user;
} triad_broker_options;

TRIAD_API void triad_broker_options_init(triad_broker_options *opts);
#define TRIAD_BROKER_OPTIONS_INIT                                                                  \
    {                                                                                              \
        sizeof(triad_broker_options), 2, 0, 0.0, 0, TRIAD_BROKER_ANY, 10.0, NULL, NULL             \
    }

/* Who supports whom, with how many days: a brokerage, solved or read
 * (typedef triad_brokerage above). */

/* Matches needs to offers with GLPK: the most priority-weighted days of
 * need met; then support from where the policy prefers; then the least
 * travel (km x days). A school never supports itself; a school causing
 * concern offers nothing unless its offer says offers_despite_concern.
 * Without a binding max_supporters/max_schools rule this is a
 * transportation LP, solved exactly. With one: the LP's flows are rounded
 * to at most K supporters a school (a feasible plan at once), and a MIP over
 * supporter-school pairs, started from it, improves it within time_limit;
 * the status ("optimal"/"feasible"), objective, bound (the LP) and gap say
 * how far from proven it is. plan (may be NULL unless the policy needs it)
 * is only read. Caller owns *out. */
TRIAD_API triad_status triad_broker(const triad_schools *schools, const triad_plan *plan,
                                    const triad_market *market,
                                    const triad_broker_options *opts, triad_brokerage **out,
                                    triad_error *err);

/* Writes the brokering model triad_broker solves first (most
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

/* Reads a brokerage CSV (needing_urn, supporting_urn, area, days; e.g. made
 * by hand) and checks it with the same rules as the solver's: days over an
 * offer or a need, self-support, a supporter causing concern, areas not
 * offered, too many supporters, travel, grade and trust rules. Caller owns
 * *out. */
TRIAD_API triad_status triad_brokerage_read(const char *path, const triad_schools *schools,
                                            const triad_plan *plan, const triad_market *market,
                                            const triad_broker_options *opts,
                                            triad_brokerage **out, triad_error *err);
TRIAD_API void triad_brokerage_free(triad_brokerage *brokerage);

/* Matches (rows), days of need met and needed, rule violations. */
TRIAD_API size_t triad_brokerage_count(const triad_brokerage *brokerage);
TRIAD_API double triad_brokerage_days_met(const triad_brokerage *brokerage);
TRIAD_API double triad_brokerage_days_needed(const triad_brokerage *brokerage);
TRIAD_API size_t triad_brokerage_violations(const triad_brokerage *brokerage);

/* Warnings: promises the solver could not keep (its time limit stopped the
 * LP, so the plan is greedy, or stopped the MIP before it proved its plan
 * best). Also in triad_brokerage_format and the report. The string is the
 * brokerage's (valid until it is freed); NULL for k out of range. */
TRIAD_API size_t triad_brokerage_warnings(const triad_brokerage *brokerage);
TRIAD_API const char *triad_brokerage_warning(const triad_brokerage *brokerage, size_t k);

/* Writes the brokerage CSV (needing_urn, supporting_urn, area, days, km),
 * atomically. */
TRIAD_API triad_status triad_brokerage_write(const triad_brokerage *brokerage, const char *path,
                                             triad_error *err);

/* The brokerage CSV that triad_brokerage_write writes, as a string. Caller
 * owns *out (triad_string_free). */
TRIAD_API triad_status triad_brokerage_csv(const triad_brokerage *brokerage, char **out,
                                           triad_error *err);

/* Writes the directory of services CSV (urn, area, role, offered, used,
 * left), atomically. */
TRIAD_API triad_status triad_brokerage_write_directory(const triad_brokerage *brokerage,
                                                       const char *path, triad_error *err);

/* The directory of services CSV, as a string. Caller owns *out
 * (triad_string_free). */
TRIAD_API triad_status triad_brokerage_directory_csv(const triad_brokerage *brokerage, char **out,
                                                     triad_error *err);

/* Summary for people (json == 0) or JSON: the matches, every unmet need with
 * its reason, the directory, the solver's status, objective, bound and gap,
 * violations. Caller owns *out (triad_string_free). */
TRIAD_API triad_status triad_brokerage_format(const triad_brokerage *brokerage, int json,
                                              char **out, triad_error *err);

/* ====================================================================
 * EXPERIMENTAL: the research engine for the maximally diverse grouping
 * problem (MDGPLIB instances). Its interface may change in any release;
 * define TRIAD_EXPERIMENTAL before including this header to use it (as
 * zstd does with ZSTD_STATIC_LINKING_ONLY).
 * ==================================================================== */
#if defined(TRIAD_EXPERIMENTAL) || defined(TRIAD_BUILDING)

/* ------------------------------------------------ maximally diverse grouping */

/* An instance of the maximally diverse grouping problem (MDGP): n elements,
 * m groups with size bounds, a distance per pair; maximise the sum of the
 * distances within groups. Read from the MDGPLIB format. */
typedef struct triad_mdgp triad_mdgp;

/* Reads an MDGPLIB file ("n m ss|ds lo_1 up_1 ... lo_m up_m", then lines
 * "i j d"). Instances over 20,000 elements are refused (TRIAD_ERR_NOMEM):
 * the distance matrix would not fit. Caller owns *out (triad_mdgp_free). */
TRIAD_API triad_status triad_mdgp_read(const char *path, triad_mdgp **out, triad_error *err);

/* As triad_mdgp_read, from memory (need not be NUL-terminated). */
TRIAD_API triad_status triad_mdgp_read_buffer(const char *data, size_t size, const char *name,
                                              triad_mdgp **out, triad_error *err);

/* Releases an instance; NULL is ignored. */
TRIAD_API void triad_mdgp_free(triad_mdgp *inst);

TRIAD_API size_t triad_mdgp_elements(const triad_mdgp *inst);
TRIAD_API size_t triad_mdgp_groups(const triad_mdgp *inst);

typedef struct triad_mdgp_options {
    size_t struct_size;        /* set by triad_mdgp_options_init */
    double seconds;            /* wall-clock budget, default 10 */
    uint64_t max_iterations;   /* tabu iterations; 0 = until seconds (default).
                                  Set it for runs reproducible across machines. */
    uint64_t seed;             /* default 1 */
    triad_progress_fn progress; /* called about once a second with the best
                                   objective so far */
    void *progress_user;
    triad_log_fn log; /* default NULL; gets a TRIAD_LOG_WARNING line for each
                         promise the search cannot keep (none so far but a
                         size profile it could not compute exactly) */
    void *log_user;
} triad_mdgp_options;

/* Fills *opts with the defaults (struct_size checked as for the read options). */
TRIAD_API void triad_mdgp_options_init(triad_mdgp_options *opts);
#define TRIAD_MDGP_OPTIONS_INIT                                                                    \
    {                                                                                              \
        sizeof(triad_mdgp_options), 10.0, 0, 1, NULL, NULL, NULL, NULL                             \
    }

/* Iterated tabu search. group must hold triad_mdgp_elements() ints; it
 * receives each element's group (0-based). *objective receives the sum of
 * within-group distances of that assignment. */
TRIAD_API triad_status triad_mdgp_solve(const triad_mdgp *inst, const triad_mdgp_options *opts,
                                        int *group, double *objective, triad_error *err);

/* Recomputes the objective of an assignment; TRIAD_ERR_INFEASIBLE when a
 * group is outside its bounds or a group index is out of range. */
TRIAD_API triad_status triad_mdgp_evaluate(const triad_mdgp *inst, const int *group,
                                           double *objective, triad_error *err);

#endif /* TRIAD_EXPERIMENTAL */

#ifdef __cplusplus
}
#endif

#endif /* TRIAD_TRIAD_H */
