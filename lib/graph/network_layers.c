/* The network's layers: the partnerships schools belong to beside the
 * triads (GraphML with a layer per edge, for Gephi), and the schools
 * isolated in every layer, counted by area. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "graph/network_impl.h"
#include "io/file_write.h"
#include "io/json_text.h"

typedef struct layer_edge {
    long a, b;
    size_t kind;
} layer_edge;

static int cmp_layer(const void *x, const void *y)
{
    const layer_edge *p = x, *q = y;
    if (p->a != q->a)
        return (p->a > q->a) - (p->a < q->a);
    if (p->b != q->b)
        return (p->b > q->b) - (p->b < q->b);
    return (p->kind > q->kind) - (p->kind < q->kind);
}

/* The kinds of m as net->kinds (distinct, in order of first partnership);
 * kind_of[k] the kind of partnership k. */
static int collect_kinds(triad_network *net, const triad_memberships *m, size_t *kind_of)
{
    size_t np = triad_memberships_partnership_count(m);
    net->kinds = calloc(np + 1, sizeof *net->kinds);
    if (!net->kinds)
        return 0;
    for (size_t k = 0; k < np; k++) {
        const char *kind = triad_memberships_partnership_kind(m, k);
        size_t q = 0;
        while (q < net->nkinds && strcmp(net->kinds[q], kind) != 0)
            q++;
        if (q == net->nkinds && !(net->kinds[net->nkinds++] = triad_i_strdup(kind)))
            return 0;
        kind_of[k] = q;
    }
    return 1;
}

/* One edge per pair of planned schools and kind of partnership they share
 * (two trusts in common are one "trust" edge). */
static int collect_layer_edges(triad_network *net, const triad_memberships *m,
                               const size_t *kind_of)
{
    size_t cap = 64, n = 0;
    layer_edge *e = malloc(cap * sizeof *e);
    /* pairs of one partnership: each school with every later one in it */
    size_t np = triad_memberships_partnership_count(m);
    long **members = calloc(np + 1, sizeof *members);
    size_t *count = calloc(np + 1, sizeof *count);
    int ok = e && members && count;
    for (size_t i = 0; ok && i < net->n; i++)
        for (size_t q = 0; q < triad_memberships_count_of(m, i); q++) {
            size_t k = (size_t)triad_memberships_partnership_of(m, i, q);
            long *grown = realloc(members[k], (count[k] + 1) * sizeof *grown);
            ok = grown != NULL;
            if (ok) {
                members[k] = grown;
                grown[count[k]++] = (long)i;
            }
        }
    for (size_t k = 0; ok && k < np; k++)
        for (size_t a = 0; ok && a < count[k]; a++)
            for (size_t b = a + 1; ok && b < count[k]; b++) {
                long x = members[k][a], y = members[k][b];
                if (!net->planned[x] || !net->planned[y])
                    continue;
                if (n == cap) {
                    layer_edge *grown = realloc(e, 2 * cap * sizeof *e);
                    ok = grown != NULL;
                    if (ok) {
                        e = grown;
                        cap *= 2;
                    }
                }
                if (ok)
                    e[n++] = (layer_edge){x < y ? x : y, x < y ? y : x, kind_of[k]};
            }
    /* distinct partners per school: two shared partnerships are one partner */
    size_t *stamp = ok ? calloc(net->n + 1, sizeof *stamp) : NULL;
    ok = ok && stamp;
    for (size_t i = 0; ok && i < net->n; i++)
        for (size_t q = 0; q < triad_memberships_count_of(m, i); q++) {
            size_t k = (size_t)triad_memberships_partnership_of(m, i, q);
            for (size_t a = 0; a < count[k]; a++) {
                long x = members[k][a];
                if ((size_t)x != i && stamp[x] != i + 1) {
                    stamp[x] = i + 1;
                    net->mem_partners[i]++;
                }
            }
        }
    free(stamp);
    for (size_t k = 0; members && k < np; k++)
        free(members[k]);
    free(members);
    free(count);
    if (!ok) {
        free(e);
        return 0;
    }
    qsort(e, n, sizeof *e, cmp_layer);
    net->la = malloc((n + 1) * sizeof *net->la);
    net->lb = malloc((n + 1) * sizeof *net->lb);
    net->lkind = malloc((n + 1) * sizeof *net->lkind);
    ok = net->la && net->lb && net->lkind;
    for (size_t q = 0; ok && q < n; q++)
        if (q == 0 || cmp_layer(&e[q], &e[q - 1]) != 0) {
            net->la[net->nlayer] = e[q].a;
            net->lb[net->nlayer] = e[q].b;
            net->lkind[net->nlayer++] = e[q].kind;
        }
    free(e);
    return ok;
}

triad_status triad_network_add_memberships(triad_network *net, const triad_memberships *m,
                                           triad_error *err)
{
    triad_error_clear(err);
    if (!net || !m)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "NULL argument");
    if (net->layered)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the network has its memberships already");
    size_t *kind_of = malloc((triad_memberships_partnership_count(m) + 1) * sizeof *kind_of);
    int ok = kind_of && collect_kinds(net, m, kind_of) && collect_layer_edges(net, m, kind_of);
    free(kind_of);
    if (!ok)
        return triad_i_fail_nomem(err);
    net->layered = 1;
    return TRIAD_OK;
}

static int isolated_everywhere(const triad_network *net, size_t i)
{
    return ((net->planned[i] && !net->partners[i]) || net->opted[i]) && !net->mem_partners[i];
}

json_t *network_isolated_by_area_json(const triad_network *net)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < net->n; i++) {
        if (!isolated_everywhere(net, i))
            continue;
        const char *area = net->area[i][0] ? net->area[i] : "(no area)";
        json_t *v = json_object_get(o, area);
        json_object_set_new(o, area, json_integer(v ? json_integer_value(v) + 1 : 1));
    }
    return o;
}

void network_isolated_by_area_text(const triad_network *net, triad_i_buf *b)
{
    json_t *o = network_isolated_by_area_json(net);
    const char *area;
    json_t *v;
    triad_i_buf_printf(b, "Isolated in every layer (no triad partner%s), by area:",
                       net->layered ? " and no partnership" : "");
    if (!o || !json_object_size(o))
        triad_i_buf_puts(b, " none");
    json_object_foreach(o, area, v)
        triad_i_buf_printf(b, " %s %lld;", area, (long long)json_integer_value(v));
    triad_i_buf_puts(b, "\n");
    json_decref(o);
}

/* The GraphML text in *text (len bytes, caller frees), or an error. */
static triad_status graphml_text(const triad_network *net, char **textp, size_t *lenp,
                                 triad_error *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return triad_i_fail_nomem(err);
    const long *vid = net->vid;
    size_t ne = net->nedges + net->nlayer;
    long *ea = malloc((ne + 1) * sizeof *ea), *eb = malloc((ne + 1) * sizeof *eb);
    if (!ea || !eb) {
        free(ea);
        free(eb);
        fclose(mem);
        free(text);
        return triad_i_fail_nomem(err);
    }
    /* the triads' edges, then each partnership's (a layer per kind) */
    for (size_t e = 0; e < net->nedges; e++) {
        ea[e] = net->ea[e];
        eb[e] = net->eb[e];
    }
    for (size_t e = 0; e < net->nlayer; e++) { /* no layer: la is NULL */
        ea[net->nedges + e] = net->la[e];
        eb[net->nedges + e] = net->lb[e];
    }
    graph_enter();
    /* The attribute table is process-wide: set it for this graph only. */
    igraph_attribute_table_t *previous = igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_t g;
    igraph_error_t rc = graph_build(&g, net->nv, ea, eb, ne, vid);
    if (rc == IGRAPH_SUCCESS) {
        for (size_t i = 0; i < net->n && rc == IGRAPH_SUCCESS; i++) {
            if (vid[i] < 0)
                continue;
            rc = SETVAS(&g, "urn", vid[i], net->urn[i]);
            if (rc == IGRAPH_SUCCESS)
                rc = SETVAS(&g, "name", vid[i], net->name[i]);
            if (rc == IGRAPH_SUCCESS)
                rc = SETVAS(&g, "collaborative", vid[i], net->collab[i]);
            if (rc == IGRAPH_SUCCESS)
                rc = SETVAS(&g, "area", vid[i], net->area[i]);
            if (rc == IGRAPH_SUCCESS)
                rc = SETVAN(&g, "partners", vid[i], (igraph_real_t)net->partners[i]);
            if (rc == IGRAPH_SUCCESS && net->layered)
                rc = SETVAN(&g, "partnership_partners", vid[i],
                            (igraph_real_t)net->mem_partners[i]);
        }
        for (size_t e = 0; e < ne && rc == IGRAPH_SUCCESS; e++) {
            int triad = e < net->nedges;
            rc = SETEAN(&g, "weight", (igraph_integer_t)e, triad ? net->ew[e] : 1);
            if (rc == IGRAPH_SUCCESS)
                rc = SETEAS(&g, "layer", (igraph_integer_t)e,
                            triad ? "triad" : net->kinds[net->lkind[e - net->nedges]]);
        }
        if (rc == IGRAPH_SUCCESS)
            rc = igraph_write_graph_graphml(&g, mem, 0);
        igraph_destroy(&g);
    }
    triad_status st = rc == IGRAPH_SUCCESS ? TRIAD_OK : graph_fail(err, rc);
    igraph_set_attribute_table(previous);
    graph_leave();
    free(ea);
    free(eb);
    if (fclose(mem) != 0 && st == TRIAD_OK)
        st = triad_i_fail_nomem(err);
    if (st != TRIAD_OK) {
        free(text);
        text = NULL;
    }
    *textp = text;
    *lenp = len;
    return st;
}

triad_status triad_network_graphml(const triad_network *net, char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!net || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "NULL argument");
    size_t len;
    return graphml_text(net, out, &len, err);
}

triad_status triad_network_write_graphml(const triad_network *net, const char *path,
                                         triad_error *err)
{
    triad_error_clear(err);
    if (!net || !path)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "NULL argument");
    char *text = NULL;
    size_t len = 0;
    triad_status st = graphml_text(net, &text, &len, err);
    if (st == TRIAD_OK)
        st = file_write_atomic(path, text, len, err);
    free(text);
    return st;
}
