/* The partnership network across years of plans, on igraph. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/util.h"
#include "graph/graph_guard.h"
#include "graph/network_impl.h"
#include "io/file_write.h"
#include "io/json_text.h"
#include "model/groups.h"
#include "model/plan_impl.h"
#include "model/schools_impl.h"

void triad_network_free(triad_network *net)
{
    if (!net)
        return;
    for (size_t i = 0; i < net->n; i++) {
        if (net->urn)
            free(net->urn[i]);
        if (net->name)
            free(net->name[i]);
        if (net->collab)
            free(net->collab[i]);
    }
    free(net->urn);
    free(net->name);
    free(net->collab);
    free(net->planned);
    free(net->opted);
    free(net->vid);
    free(net->partners);
    free(net->meetings);
    free(net->ea);
    free(net->eb);
    free(net->ew);
    for (size_t c = 0; c < net->ncollab; c++)
        free(net->col[c].label);
    free(net->col);
    for (size_t i = 0; net->area && i < net->n; i++)
        free(net->area[i]);
    free(net->area);
    free(net->mem_partners);
    free(net->la);
    free(net->lb);
    free(net->lkind);
    for (size_t k = 0; k < net->nkinds; k++)
        free(net->kinds[k]);
    free(net->kinds);
    free(net);
}

typedef struct pair {
    long a, b;
} pair;

static int cmp_pair(const void *x, const void *y)
{
    const pair *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return (p->b > q->b) - (p->b < q->b);
}

static long find_edge(const triad_network *net, long a, long b)
{
    if (a > b) {
        long t = a;
        a = b;
        b = t;
    }
    size_t lo = 0, hi = net->nedges;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (net->ea[mid] < a || (net->ea[mid] == a && net->eb[mid] < b))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < net->nedges && net->ea[lo] == a && net->eb[lo] == b ? (long)lo : -1;
}

/* Pairs sharing a triad in every plan, merged with counts. */
static int collect_edges(triad_network *net, const triad_plan *const *plans, size_t nplans)
{
    size_t cap = 1024, np = 0;
    int ok = 0;
    groups gt = {0};
    pair *ps = malloc(cap * sizeof *ps);
    if (!ps)
        goto done;
    for (size_t q = 0; q < nplans; q++) {
        const triad_plan *pl = plans[q];
        groups_free(&gt);
        if (!groups_build(&gt, pl->triad, net->n, pl->ntriad))
            goto done;
        for (size_t t = 0; t < pl->ntriad; t++) {
            const long *mem = MEMBERS(&gt, t);
            size_t m = NMEMBERS(&gt, t);
            for (size_t x = 0; x < m; x++)
                for (size_t y = x + 1; y < m; y++) {
                    if (np == cap) {
                        pair *nps = realloc(ps, 2 * cap * sizeof *nps);
                        if (!nps)
                            goto done;
                        ps = nps;
                        cap *= 2;
                    }
                    /* members are listed in school order: mem[x] < mem[y] */
                    ps[np].a = mem[x];
                    ps[np].b = mem[y];
                    np++;
                }
        }
    }
    qsort(ps, np, sizeof *ps, cmp_pair);
    net->ea = malloc((np + 1) * sizeof *net->ea);
    net->eb = malloc((np + 1) * sizeof *net->eb);
    net->ew = malloc((np + 1) * sizeof *net->ew);
    if (!net->ea || !net->eb || !net->ew)
        goto done; /* the network owns its arrays and frees them */
    for (size_t k = 0; k < np; k++) {
        if (net->nedges && net->ea[net->nedges - 1] == ps[k].a &&
            net->eb[net->nedges - 1] == ps[k].b) {
            net->ew[net->nedges - 1]++;
            continue;
        }
        net->ea[net->nedges] = ps[k].a;
        net->eb[net->nedges] = ps[k].b;
        net->ew[net->nedges++] = 1;
    }
    ok = 1;
done:
    groups_free(&gt);
    free(ps);
    return ok;
}

/* Degrees and components through igraph, on the planned schools only. */
static triad_status analyse(triad_network *net, triad_error *err)
{
    const long *vid = net->vid;
    graph_enter();
    igraph_t g;
    igraph_vector_int_t deg, membership;
    igraph_integer_t ncomp = 0;
    igraph_error_t rc = graph_build(&g, net->nv, net->ea, net->eb, net->nedges, vid);
    if (rc == IGRAPH_SUCCESS) {
        rc = igraph_vector_int_init(&deg, 0);
        if (rc == IGRAPH_SUCCESS) {
            rc = igraph_degree(&g, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS);
            if (rc == IGRAPH_SUCCESS)
                rc = igraph_vector_int_init(&membership, 0);
            if (rc == IGRAPH_SUCCESS) {
                rc = igraph_connected_components(&g, &membership, NULL, &ncomp, IGRAPH_WEAK);
                igraph_vector_int_destroy(&membership);
            }
            if (rc == IGRAPH_SUCCESS)
                for (size_t i = 0; i < net->n; i++)
                    if (vid[i] >= 0) {
                        net->partners[i] = (size_t)VECTOR(deg)[vid[i]];
                        net->isolated += net->partners[i] == 0;
                    }
            igraph_vector_int_destroy(&deg);
        }
        igraph_destroy(&g);
    }
    triad_status st = rc == IGRAPH_SUCCESS ? TRIAD_OK : graph_fail(err, rc);
    graph_leave();
    net->components = (size_t)ncomp;
    return st;
}

static int collaboratives(triad_network *net, const triad_plan *last)
{
    net->col = calloc(last->ncollab + 1, sizeof *net->col);
    if (!net->col)
        return 0;
    net->ncollab = last->ncollab;
    for (size_t c = 0; c < last->ncollab; c++) {
        net_collab *nc = &net->col[c];
        if (!(nc->label = triad_i_strdup(last->collab_label[c])))
            return 0;
        for (size_t i = 0; i < net->n; i++) {
            if (last->collab[i] != (long)c)
                continue;
            nc->size++;
            for (size_t j = i + 1; j < net->n; j++) {
                if (last->collab[j] != (long)c)
                    continue;
                nc->pairs++;
                nc->met += find_edge(net, (long)i, (long)j) >= 0;
                nc->per_year += last->triad[i] >= 0 && last->triad[i] == last->triad[j];
            }
        }
        size_t unmet = nc->pairs - nc->met;
        nc->years_left = unmet == 0 ? 0
                         : nc->per_year ? (long)((unmet + nc->per_year - 1) / nc->per_year)
                                        : -1;
    }
    return 1;
}

triad_status triad_network_build(const triad_schools *s, const triad_plan *const *plans,
                                 size_t nplans, triad_network **out, triad_error *err)
{
    triad_error_clear(err);
    if (!s || !plans || !nplans || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, plans or out is NULL, or no plans");
    *out = NULL;
    for (size_t q = 0; q < nplans; q++)
        if (!plans[q] || plans[q]->nschools != s->n)
            return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                                "plan %zu is not a plan for these schools", q + 1);
    triad_network *net = calloc(1, sizeof *net);
    if (!net)
        return triad_i_fail_nomem(err);
    net->n = s->n;
    net->nplans = nplans;
    size_t n1 = s->n + 1;
    net->urn = calloc(n1, sizeof *net->urn);
    net->name = calloc(n1, sizeof *net->name);
    net->collab = calloc(n1, sizeof *net->collab);
    net->planned = calloc(n1, 1);
    net->opted = calloc(n1, 1);
    net->partners = calloc(n1, sizeof *net->partners);
    net->meetings = calloc(n1, sizeof *net->meetings);
    net->vid = malloc(n1 * sizeof *net->vid);
    net->area = calloc(n1, sizeof *net->area);
    net->mem_partners = calloc(n1, sizeof *net->mem_partners);
    int ok = net->urn && net->name && net->collab && net->planned && net->opted && net->partners &&
             net->meetings && net->vid && net->area && net->mem_partners;
    const triad_plan *last = plans[nplans - 1];
    for (size_t i = 0; ok && i < s->n; i++) {
        net->urn[i] = triad_i_strdup(s->s[i].urn);
        net->name[i] = triad_i_strdup(s->s[i].name);
        net->collab[i] =
            triad_i_strdup(last->collab[i] >= 0 ? last->collab_label[last->collab[i]] : "");
        net->area[i] = triad_i_strdup(s->s[i].area);
        ok = net->urn[i] && net->name[i] && net->collab[i] && net->area[i];
        for (size_t q = 0; q < nplans; q++)
            net->planned[i] |= plans[q]->collab[i] >= 0;
        net->nplanned += net->planned[i];
        /* opted out and in no plan: isolated by choice, but isolated */
        net->opted[i] = !net->planned[i] && s->s[i].opted_out;
        net->nopted += net->opted[i];
        net->vid[i] = net->planned[i] ? (long)net->nv++ : -1;
    }
    ok = ok && collect_edges(net, plans, nplans);
    for (size_t e = 0; ok && e < net->nedges; e++) {
        net->meetings[net->ea[e]] += (size_t)net->ew[e];
        net->meetings[net->eb[e]] += (size_t)net->ew[e];
    }
    ok = ok && collaboratives(net, last);
    triad_status st = ok ? analyse(net, err) : triad_i_fail_nomem(err);
    if (st != TRIAD_OK) {
        triad_network_free(net);
        return st;
    }
    *out = net;
    return TRIAD_OK;
}

size_t triad_network_partners(const triad_network *net, size_t i)
{
    return net && i < net->n ? net->partners[i] : 0;
}

size_t triad_network_isolated(const triad_network *net)
{
    return net ? net->isolated + net->nopted : 0;
}

size_t triad_network_components(const triad_network *net)
{
    return net ? net->components : 0;
}

static json_t *network_json(const triad_network *net)
{
    json_t *root = json_object(), *schools = json_array(), *iso = json_array(),
           *cols = json_array();
    if (!root || !schools || !iso || !cols) {
        json_decref(root);
        json_decref(schools);
        json_decref(iso);
        json_decref(cols);
        return NULL;
    }
    json_object_set_new(root, "plans", json_integer((json_int_t)net->nplans));
    json_object_set_new(root, "schools", json_integer((json_int_t)net->nplanned));
    json_object_set_new(root, "pairs_met", json_integer((json_int_t)net->nedges));
    json_object_set_new(root, "components", json_integer((json_int_t)net->components));
    json_t *opted = json_array();
    for (size_t i = 0; i < net->n; i++) {
        if (net->opted[i]) {
            json_array_append_new(iso, json_text(net->urn[i]));
            json_array_append_new(opted, json_text(net->urn[i]));
        }
        if (!net->planned[i])
            continue;
        json_t *js = json_object();
        json_object_set_new(js, "urn", json_text(net->urn[i]));
        json_object_set_new(js, "distinct_partners", json_integer((json_int_t)net->partners[i]));
        json_object_set_new(js, "meetings", json_integer((json_int_t)net->meetings[i]));
        json_array_append_new(schools, js);
        if (!net->partners[i])
            json_array_append_new(iso, json_text(net->urn[i]));
    }
    for (size_t c = 0; c < net->ncollab; c++) {
        const net_collab *nc = &net->col[c];
        json_t *jc = json_object();
        json_object_set_new(jc, "label", json_text(nc->label));
        json_object_set_new(jc, "size", json_integer((json_int_t)nc->size));
        json_object_set_new(jc, "pairs", json_integer((json_int_t)nc->pairs));
        json_object_set_new(jc, "pairs_met", json_integer((json_int_t)nc->met));
        json_object_set_new(jc, "new_pairs_per_year", json_integer((json_int_t)nc->per_year));
        json_object_set_new(jc, "years_until_all_met",
                            nc->years_left >= 0 ? json_integer(nc->years_left) : json_null());
        json_array_append_new(cols, jc);
    }
    json_object_set_new(root, "isolated", iso);
    json_t *by_area = network_isolated_by_area_json(net);
    if (by_area)
        json_object_set_new(root, "isolated_by_area", by_area);
    json_object_set_new(root, "opted_out", opted);
    json_object_set_new(root, "partners", schools);
    json_object_set_new(root, "collaboratives", cols);
    return root;
}

triad_status triad_network_format(const triad_network *net, int json, char **out,
                                  triad_error *err)
{
    triad_error_clear(err);
    if (!net || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "NULL argument");
    *out = NULL;
    if (json) {
        json_t *root = network_json(net);
        char *t = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
        json_decref(root);
        if (!t)
            return triad_i_fail_nomem(err);
        *out = triad_i_strdup(t);
        free(t);
        return *out ? TRIAD_OK : triad_i_fail_nomem(err);
    }
    triad_i_buf b;
    triad_i_buf_init(&b);
    size_t maxp = 0, minp = (size_t)-1;
    double sum = 0;
    for (size_t i = 0; i < net->n; i++)
        if (net->planned[i]) {
            maxp = net->partners[i] > maxp ? net->partners[i] : maxp;
            minp = net->partners[i] < minp ? net->partners[i] : minp;
            sum += (double)net->partners[i];
        }
    triad_i_buf_printf(&b,
                       "Network of %zu plan%s: %zu school%s, %zu pair%s ha%s met in a triad, "
                       "%zu component%s.\n",
                       net->nplans, TRIAD_S(net->nplans), net->nplanned, TRIAD_S(net->nplanned),
                       net->nedges, TRIAD_S(net->nedges), net->nedges == 1 ? "s" : "ve",
                       net->components, TRIAD_S(net->components));
    triad_i_buf_printf(&b, "Distinct partners per school: mean %.2f, min %zu, max %zu.\n",
                       net->nplanned ? sum / (double)net->nplanned : 0.0, net->nplanned ? minp : 0,
                       maxp);
    triad_i_buf_printf(&b, "Isolated schools (no partner at all): %zu, of which %zu opted out\n",
                       net->isolated + net->nopted, net->nopted);
    for (size_t i = 0; i < net->n; i++)
        if ((net->planned[i] && !net->partners[i]) || net->opted[i])
            triad_i_buf_printf(&b, "  %s %s%s\n", net->urn[i], net->name[i],
                               net->opted[i] ? " (opted out)" : "");
    network_isolated_by_area_text(net, &b);
    triad_i_buf_puts(&b, "\ncollaborative  size  pairs  met  new/year  years until all have met\n");
    for (size_t c = 0; c < net->ncollab; c++) {
        const net_collab *nc = &net->col[c];
        triad_i_buf_printf(&b, "%-14s %4zu  %5zu  %3zu  %8zu  ", nc->label, nc->size, nc->pairs,
                           nc->met, nc->per_year);
        if (nc->years_left >= 0)
            triad_i_buf_printf(&b, "%ld\n", nc->years_left);
        else
            triad_i_buf_puts(&b, "never at this rate\n");
    }
    triad_i_buf_puts(&b, "\nschool   distinct partners   meetings\n");
    for (size_t i = 0; i < net->n; i++)
        if (net->planned[i])
            triad_i_buf_printf(&b, "%-8s %17zu %10zu\n", net->urn[i], net->partners[i],
                               net->meetings[i]);
    if (b.failed || !b.data) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}
