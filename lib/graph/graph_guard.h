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
/* Fills err from the recorded igraph reason; call before graph_leave. */
triad_status graph_fail(triad_error *err, igraph_error_t code);

#endif
