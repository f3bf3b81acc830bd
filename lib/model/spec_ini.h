/* The spec reader's shared parts: the INI context, the helpers every
 * section's key handler uses, and the key names for "did you mean".
 * Files: spec.c (defaults, lifetime), spec_ini.c (the INI reader and
 * triad_spec_set), spec_keys.c (the [stratum.*], [constraints] and
 * [solver] keys), spec_names.c (the key names and the nearest-name hint),
 * spec_validate.c (checks across keys), spec_get.c (values read back).
 * Never installed. */
#ifndef TRIAD_MODEL_SPEC_INI_H
#define TRIAD_MODEL_SPEC_INI_H

#include <stddef.h>

#include "model/spec_impl.h"

#define PH(p) (1u << (p))

/* A key given in the file, to refuse the same key twice in a section. */
typedef struct seen_key {
    char *section, *key;
    long line;
} seen_key;

typedef struct ini_ctx {
    triad_spec *spec;
    const char *name;
    const char *text; /* remaining input */
    long line;
    triad_error *err;
    triad_status status;
    /* inih (Debian's build) cuts lines at 200 bytes; a longer "key = value"
     * line reaches it as "key = <LONG_VALUE_MARK>" and the value waits here */
    char *long_value;
    seen_key *seen;
    size_t nseen;
    long phases_line[SPEC_MAX_STRATA]; /* where each stratum's phases were set */
    int api; /* triad_spec_set: a key may be set again */
} ini_ctx;

#define LONG_VALUE_MARK "\x01long\x01"
#define INIH_LINE 200 /* INI_MAX_LINE of the inih we link */

/* The key names of each section (spec_names.c), NULL-terminated. */
extern const char *const stratum_keys[];
extern const char *const constraint_keys[];
extern const char *const solver_keys[];
extern const char *const history_keys[];
extern const char *const strata_keys[];
extern const char *const geography_keys[];
extern const char *const funding_keys[];
extern const char *const funding_basis_names[];

/* A [funding] key into c's spec; 0 (with the error set) when refused. */
int spec_funding_key(ini_ctx *c, const char *key, const char *value);
extern const char *const section_names[];

/* The spec's value of [section] key as the INI file would write it,
 * appended to b (spec_get.c); 0 when the spec has no such key. */
struct triad_i_buf;
int spec_value_text(const triad_spec *s, const char *section, const char *key,
                    struct triad_i_buf *b);

/* A refusal at the current line: fmt takes the two strings a and b.
 * Returns 0, so a handler can `return spec_fail(...)`. */
int spec_fail(ini_ctx *c, triad_status st, const char *fmt, const char *a, const char *b);

/* yes/no (true/false, 1/0) into *out; 0 when it is neither. */
int spec_parse_bool(const char *v, int *out);

/* A whole number lo..hi into *out; 0 when it is not one. */
int spec_int_in(const char *v, long lo, long hi, int *out);

/* The next token of *cursor separated by any of seps (strtok without its
 * hidden static), or NULL. */
char *spec_next_token(char **cursor, const char *seps);

/* The stratum of that name (the fallback for "default"), made with the
 * fallback's settings when create is set; NULL when full. */
stratum_spec *spec_find_stratum(triad_spec *s, const char *name, int create);

/* " (did you mean 'X'?)" in buf for the nearest of names within a few
 * edits of word, else ""; returns buf. */
const char *spec_did_you_mean(const char *word, const char *const *names, char *buf, size_t n);

/* One key of a [stratum.NAME], [constraints] or [solver] section: 1 when
 * taken, 0 when refused (the context holds the error). */
int spec_stratum_key(ini_ctx *c, stratum_spec *st, const char *key, const char *value);
int spec_constraint_key(ini_ctx *c, const char *key, const char *value);
int spec_solver_key(ini_ctx *c, const char *key, const char *value);

/* The checks across keys, after the whole file is read. */
triad_status spec_validate(triad_spec *s, const ini_ctx *c, triad_error *err);

/* A stratum's built-in settings (6-9 schools, triads of 3, ...). */
void spec_stratum_set(stratum_spec *s, const char *name, unsigned phases);

#endif
