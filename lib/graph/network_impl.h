/* The inside of triad_network, shared by the network's files. Never
 * installed. */
#ifndef TRIAD_GRAPH_NETWORK_IMPL_H
#define TRIAD_GRAPH_NETWORK_IMPL_H

#include <stddef.h>

#include "graph/graph_guard.h"
#include "triad/triad.h"

typedef struct net_collab {
    char *label;
    size_t size, pairs, met, per_year;
    long years_left; /* -1: the triads meet no new pairs */
} net_collab;

struct triad_network {
    size_t n, nplans, nplanned;
    char **urn, **name, **collab; /* collab: label in the last plan, "" */
    unsigned char *planned;
    unsigned char *opted; /* opted out and in none of the plans */
    size_t nopted;
    long *vid; /* school -> vertex (planned schools only), else -1 */
    igraph_integer_t nv;
    size_t *partners, *meetings;
    size_t isolated, components;
    size_t nedges;
    long *ea, *eb; /* a < b, sorted */
    int *ew;
    size_t ncollab;
    net_collab *col;
    char **area;            /* per school, "" when unknown */
    size_t *mem_partners;   /* per school: schools sharing a partnership (0 without) */
    int layered;            /* triad_network_add_memberships was called */
    size_t nlayer;          /* partnership edges, a < b, both planned */
    long *la, *lb;
    size_t *lkind;          /* per partnership edge: its kind (index into kinds) */
    size_t nkinds;
    char **kinds;
};

/* The count of schools isolated in every layer (no triad partner, no
 * partnership), per area, as JSON (an object area -> count) or text lines. */
struct json_t;
struct json_t *network_isolated_by_area_json(const triad_network *net);
void network_isolated_by_area_text(const triad_network *net, triad_i_buf *b);

#endif
