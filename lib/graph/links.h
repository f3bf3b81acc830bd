/* Must-link and cannot-link graphs of one stratum, through igraph. Never
 * installed. */
#ifndef TRIAD_GRAPH_LINKS_H
#define TRIAD_GRAPH_LINKS_H

#include <stddef.h>

#include "triad/triad.h"

/* Connected components of the graph on n vertices with edges (ea[e], eb[e]):
 * membership[i] receives the component of vertex i. */
triad_status graph_components(size_t n, const long *ea, const long *eb, size_t m, long *membership,
                              triad_error *err);

/* The size of the largest clique: that many schools must all be apart. */
triad_status graph_clique_number(size_t n, const long *ea, const long *eb, size_t m,
                                 size_t *clique, triad_error *err);

#endif
