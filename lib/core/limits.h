/* Every limit the library enforces, in one place, with the reason for each.
 * README's "Reliability" section lists them for users. Never installed. */
#ifndef TRIAD_CORE_LIMITS_H
#define TRIAD_CORE_LIMITS_H

#include <stddef.h>

/* Input files: keep a hostile file from exhausting memory. */
#define CSV_MAX_FILE_BYTES ((size_t)256 << 20)
#define CSV_MAX_FIELD_BYTES ((size_t)1 << 16)
#define CSV_MAX_COLUMNS 4096
#define CSV_MAX_LINE_BYTES ((size_t)1 << 20)
#define SPEC_MAX_FILE_BYTES ((size_t)16 << 20)
/* A spec line (a long must_link list, a long comment). */
#define SPEC_MAX_LINE_BYTES ((size_t)1 << 16)
#define SPEC_MAX_STRATA 32
#define SPEC_MAX_SIZES 16 /* entries of a stratum's "sizes = 6, 9" set */

/* Numbers: bounded so that every sum the solvers and the scorer form over
 * up to MDGP_MAX_ELEMENTS^2 terms stays finite and exact enough. */
#define LIMIT_WEIGHT_MAX 1000.0        /* [balance] and [history] weights */
#define LIMIT_USER_VALUE_ABS 1e12      /* numeric user attributes */
#define LIMIT_KM_MAX 1000.0            /* travel limits */
#define LIMIT_SECONDS_MAX 604800.0     /* [solver] time_limit: a week, as the CLI */
#define MDGP_MAX_ELEMENTS 20000        /* n^2 doubles: 3.2 GB at the limit */
#define MDGP_MAX_DISTANCE_ABS 1e9      /* |d|: n^2/2 * 1e9 < 2e17, finite */

/* Solver defaults, shared by triad_solve_options_init and a new spec (the
 * public TRIAD_SOLVE_OPTIONS_INIT repeats them; a test holds them equal). */
#define DEFAULT_TIME_LIMIT 30.0
#define DEFAULT_SEED 1
#define DEFAULT_THREADS 1

/* Coordinates: Great Britain's national grid (OSGB36, metres), with a
 * margin, and lat/lon inside Great Britain. */
#define GRID_E_MIN 0.0
#define GRID_E_MAX 700000.0
#define GRID_N_MIN 0.0
#define GRID_N_MAX 1300000.0
#define GB_LAT_MIN 49.8
#define GB_LAT_MAX 60.9
#define GB_LON_MIN -8.7
#define GB_LON_MAX 1.8

#endif
