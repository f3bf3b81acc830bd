#include "graph/graph_guard.h"

#include <pthread.h>
#include <stdio.h>

#include "core/util.h"

/* Guarded by graph_lock: igraph itself is process-wide state. */
static pthread_mutex_t graph_lock = PTHREAD_MUTEX_INITIALIZER;
static char graph_reason[512];
static igraph_error_handler_t *previous_error;
static igraph_warning_handler_t *previous_warning;

static void on_igraph_error(const char *reason, const char *file, int line,
                            igraph_error_t code)
{
    snprintf(graph_reason, sizeof graph_reason, "%s (%s, igraph %s:%d)", reason,
             igraph_strerror(code), file, line);
    IGRAPH_FINALLY_FREE();
}

static void on_igraph_warning(const char *reason, const char *file, int line)
{
    (void)reason; /* warnings are not errors, and the library never prints */
    (void)file;
    (void)line;
}

void graph_enter(void)
{
    pthread_mutex_lock(&graph_lock);
    graph_reason[0] = '\0';
    previous_error = igraph_set_error_handler(on_igraph_error);
    previous_warning = igraph_set_warning_handler(on_igraph_warning);
}

void graph_leave(void)
{
    igraph_set_error_handler(previous_error);
    igraph_set_warning_handler(previous_warning);
    pthread_mutex_unlock(&graph_lock);
}

triad_status graph_fail(triad_error *err, igraph_error_t code)
{
    return triad_i_fail(err, TRIAD_ERR_INTERNAL, NULL, 0, 0, "igraph failed: %s",
                        graph_reason[0] ? graph_reason : igraph_strerror(code));
}

igraph_error_t graph_build(igraph_t *g, igraph_integer_t nv, const long *ea, const long *eb,
                           size_t m, const long *map)
{
    igraph_vector_int_t edges;
    igraph_error_t rc = igraph_vector_int_init(&edges, 2 * (igraph_integer_t)m);
    if (rc != IGRAPH_SUCCESS)
        return rc;
    for (size_t e = 0; e < m; e++) {
        VECTOR(edges)[2 * e] = map ? map[ea[e]] : ea[e];
        VECTOR(edges)[2 * e + 1] = map ? map[eb[e]] : eb[e];
    }
    rc = igraph_create(g, &edges, nv, IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&edges);
    return rc;
}
