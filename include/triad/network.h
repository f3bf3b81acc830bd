/** \file
 * libtriad - the partnership network across years of plans (igraph): who
 * has worked with whom, isolated schools, distinct partners per head, and
 * GraphML for Gephi.
 *
 * Example:
 * @code
 *     triad_network *net = NULL;
 *     triad_network_build(schools, plans, nplans, &net, &err);
 * @endcode
 */
#ifndef TRIAD_NETWORK_H
#define TRIAD_NETWORK_H

#include <triad/common.h>
#include <triad/memberships.h>

#ifdef __cplusplus
extern "C" {
#endif
/* -------------------------------------------------- partnership networks */

/** Who has worked with whom across years of plans: schools are vertices, two
 * schools that shared a triad are joined (weight = times). Built with
 * igraph; every igraph call runs under one process-wide lock, because
 * igraph 0.10 in Debian is not thread-safe. */

/**@{*/
/** Builds the network of plans[0..nplans) (oldest first) for schools. Caller
 * owns *out (triad_network_free). */
TRIAD_API triad_status triad_network_build(const triad_schools *schools,
                                           const triad_plan *const *plans, size_t nplans,
                                           triad_network **out, triad_error *err);
TRIAD_API void triad_network_free(triad_network *net);
/**@}*/

/** Distinct triad partners of school i over all plans. */
TRIAD_API size_t triad_network_partners(const triad_network *net, size_t i);
/** Schools with no triad partner at all: planned ones that never shared a
 * triad, and schools that opted out (in none of the plans). */
TRIAD_API size_t triad_network_isolated(const triad_network *net);
/** Connected components among the planned schools. */
TRIAD_API size_t triad_network_components(const triad_network *net);

/** Adds the partnerships schools belong to (m, read for the same schools)
 * as layers beside the triads: in the GraphML each edge has a `layer`
 * ("triad", or the partnership's kind: one edge per pair and kind), every
 * school its `area` and `partnership_partners`; the summaries count the
 * schools isolated in every layer by area. Once per network. m is borrowed
 * for the call. */
TRIAD_API triad_status triad_network_add_memberships(triad_network *net,
                                                     const triad_memberships *m,
                                                     triad_error *err);

/** Text (json == 0) or JSON summary. Caller owns *out (triad_string_free). */
TRIAD_API triad_status triad_network_format(const triad_network *net, int json, char **out,
                                            triad_error *err);

/** Writes the network as GraphML (for Gephi), atomically. */
TRIAD_API triad_status triad_network_write_graphml(const triad_network *net, const char *path,
                                                   triad_error *err);

/** The GraphML that triad_network_write_graphml writes, as a string. Caller
 * owns *out (triad_string_free). */
TRIAD_API triad_status triad_network_graphml(const triad_network *net, char **out,
                                             triad_error *err);

#ifdef __cplusplus
}
#endif

#endif /* TRIAD_NETWORK_H */
