/* Every igraph call goes through here: igraph 0.10 in Debian keeps its error
 * handlers, FINALLY stack, attribute table and RNG process-wide, so calls are
 * serialised by one lock, and igraph's abort-on-error handler is replaced for
 * the duration by one that records the reason and frees igraph's temporaries.
 * Never installed. */
#ifndef TRIAD_GRAPH_GUARD_H
#define TRIAD_GRAPH_GUARD_H

#include <igraph.h>

#include "triad/triad.h"

/* Takes the lock and installs the handlers. */
void graph_enter(void);
/* Restores the previous handlers and releases the lock. */
void graph_leave(void);
/* Creates the undirected graph on nv vertices with edges (ea[e], eb[e]),
 * each end passed through map when map is not NULL. Caller holds the lock
 * and destroys g on success. */
igraph_error_t graph_build(igraph_t *g, igraph_integer_t nv, const long *ea, const long *eb,
                           size_t m, const long *map);

/* Fills err from the recorded igraph reason; call before graph_leave. */
triad_status graph_fail(triad_error *err, igraph_error_t code);

#endif
