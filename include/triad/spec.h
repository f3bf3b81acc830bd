/** \file
 * libtriad - the spec: how to split the schools (strata), the sizes, the
 * attributes to balance and their weights, the constraints, last year's
 * partners, the solver's settings; from an INI file or set key by key.
 *
 * Example:
 * @code
 *     triad_spec *spec = NULL;
 *     triad_spec_new(&spec, &err);
 *     triad_spec_set(spec, "stratum.primary", "sizes", "6, 9", &err);
 * @endcode
 */
#ifndef TRIAD_SPEC_H
#define TRIAD_SPEC_H

#include <triad/common.h>

#ifdef __cplusplus
extern "C" {
#endif
/* -------------------------------------------------------------------- spec */

/** The problem: strata, size bounds, balanced attributes and weights,
 * constraints. A new spec holds the defaults of the README. */

/** Creates a spec with the defaults. Caller owns *out (triad_spec_free). */
TRIAD_API triad_status triad_spec_new(triad_spec **out, triad_error *err);

/** Reads an INI spec file (README "Spec file") over the defaults. Caller owns
 * *out on success; *out is NULL on failure. */
TRIAD_API triad_status triad_spec_read(const char *path, triad_spec **out, triad_error *err);

/** As triad_spec_read from a NUL-terminated string; name is used in messages. */
TRIAD_API triad_status triad_spec_read_string(const char *text, const char *name,
                                              triad_spec **out, triad_error *err);

/** Releases a spec; NULL is ignored. */
TRIAD_API void triad_spec_free(triad_spec *spec);

/** Sets one key of the spec as the INI file would ("stratum.primary",
 * "sizes", "6, 9"; "balance", "ofsted", "2"; "constraints", "must_link",
 * "1001 1002" adds a link): every key of README "Spec" with the same checks
 * and messages (TRIAD_ERR_SPEC). Keys may be set again (the last wins). */
TRIAD_API triad_status triad_spec_set(triad_spec *spec, const char *section, const char *key,
                                      const char *value, triad_error *err);

#ifdef __cplusplus
}
#endif

#endif /* TRIAD_SPEC_H */
