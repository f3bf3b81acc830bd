#include "graph/links.h"

#include "core/util.h"
#include "graph/graph_guard.h"

/* Builds the simple undirected graph; caller holds the graph lock. */
static igraph_error_t build(igraph_t *g, size_t n, const long *ea, const long *eb, size_t m)
{
    igraph_error_t rc = graph_build(g, (igraph_integer_t)n, ea, eb, m, NULL);
    if (rc == IGRAPH_SUCCESS) {
        rc = igraph_simplify(g, 1, 1, NULL);
        if (rc != IGRAPH_SUCCESS)
            igraph_destroy(g);
    }
    return rc;
}

triad_status graph_components(size_t n, const long *ea, const long *eb, size_t m, long *membership,
                              triad_error *err)
{
    graph_enter();
    igraph_t g;
    igraph_vector_int_t mem;
    igraph_error_t rc = build(&g, n, ea, eb, m);
    if (rc == IGRAPH_SUCCESS) {
        rc = igraph_vector_int_init(&mem, 0);
        if (rc == IGRAPH_SUCCESS) {
            rc = igraph_connected_components(&g, &mem, NULL, NULL, IGRAPH_WEAK);
            for (size_t i = 0; rc == IGRAPH_SUCCESS && i < n; i++)
                membership[i] = (long)VECTOR(mem)[i];
            igraph_vector_int_destroy(&mem);
        }
        igraph_destroy(&g);
    }
    triad_status st = rc == IGRAPH_SUCCESS ? TRIAD_OK : graph_fail(err, rc);
    graph_leave();
    return st;
}

triad_status graph_clique_number(size_t n, const long *ea, const long *eb, size_t m,
                                 size_t *clique, triad_error *err)
{
    *clique = n ? 1 : 0;
    if (m == 0)
        return TRIAD_OK;
    graph_enter();
    igraph_t g;
    igraph_integer_t no = 0;
    igraph_error_t rc = build(&g, n, ea, eb, m);
    if (rc == IGRAPH_SUCCESS) {
        rc = igraph_clique_number(&g, &no);
        igraph_destroy(&g);
    }
    triad_status st = rc == IGRAPH_SUCCESS ? TRIAD_OK : graph_fail(err, rc);
    graph_leave();
    if (st == TRIAD_OK)
        *clique = (size_t)no;
    return st;
}
