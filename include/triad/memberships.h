/** \file
 * libtriad - memberships: the partnerships schools already belong to
 * (trusts, teaching school alliances, ASHE triads, local clusters), read
 * from a CSV of urn,partnership,kind,role. A plan can build on them (members
 * of a partnership kept in one collaborative), avoid them in its triads,
 * and count how many groups each school is in.
 *
 * Example:
 * @code
 *     triad_memberships *m = NULL;
 *     if (triad_memberships_read("memberships.csv", schools, &m, &err) == TRIAD_OK) {
 *         size_t n = triad_memberships_count_of(m, 0);
 *         triad_memberships_free(m);
 *     }
 * @endcode
 */
#ifndef TRIAD_MEMBERSHIPS_H
#define TRIAD_MEMBERSHIPS_H

#include <triad/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The partnerships of a set of schools: opaque; read, query, free. */
typedef struct triad_memberships triad_memberships;

/** Reads a memberships CSV for the given schools: columns urn,
 * partnership, kind (required) and role (optional; "lead", "member", ...),
 * matched by name. One row per school and partnership; a URN not in
 * schools, a school listed twice in one partnership, a partnership given
 * two kinds, or a blank partnership or kind is an error naming line and
 * column. The result borrows nothing. Caller owns *out
 * (triad_memberships_free) on success. */
TRIAD_API triad_status triad_memberships_read(const char *path, const triad_schools *schools,
                                              triad_memberships **out, triad_error *err);

/** As triad_memberships_read, from memory; name is used in messages. */
TRIAD_API triad_status triad_memberships_read_buffer(const char *data, size_t size,
                                                     const char *name,
                                                     const triad_schools *schools,
                                                     triad_memberships **out, triad_error *err);

/** Releases memberships; NULL is ignored. */
TRIAD_API void triad_memberships_free(triad_memberships *m);

/** The number of distinct partnerships. */
TRIAD_API size_t triad_memberships_partnership_count(const triad_memberships *m);

/**@{*/
/** Partnership k's name and kind (borrowed, valid while m lives), or NULL
 * when k is out of range. */
TRIAD_API const char *triad_memberships_partnership_name(const triad_memberships *m, size_t k);
TRIAD_API const char *triad_memberships_partnership_kind(const triad_memberships *m, size_t k);
/**@}*/

/** The number of schools in partnership k (0 when out of range). */
TRIAD_API size_t triad_memberships_partnership_size(const triad_memberships *m, size_t k);

/** The number of partnerships school i (its index in the schools read
 * with) belongs to; 0 when it is in none or i is out of range. */
TRIAD_API size_t triad_memberships_count_of(const triad_memberships *m, size_t i);

/** The index of school i's q-th partnership (q < triad_memberships_count_of),
 * or -1. */
TRIAD_API long triad_memberships_partnership_of(const triad_memberships *m, size_t i, size_t q);

/** School i's role in its q-th partnership as the file gives it ("lead",
 * "member", ...; "" when the file has no role column or the cell is blank;
 * borrowed), or NULL when i or q is out of range. */
TRIAD_API const char *triad_memberships_role_of(const triad_memberships *m, size_t i, size_t q);

/** 1 when schools i and j share a partnership, else 0. */
TRIAD_API int triad_memberships_share(const triad_memberships *m, size_t i, size_t j);

#ifdef __cplusplus
}
#endif

#endif /* TRIAD_MEMBERSHIPS_H */
