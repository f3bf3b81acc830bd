/* A stratum as the engines see it: local indices, flat arrays, sizes, and
 * the counting arguments that explain infeasibility in an officer's words. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/links.h"
#include "model/schools_impl.h"
#include "model/sizes.h"
#include "solve/stages.h"

void stratum_job_free(stratum_job *j)
{
    free(j->member);
    free(j->size);
    free(j->cell);
    free(j->cat_weight);
    free(j->cell_total);
    free(j->value);
    free(j->num_weight);
    free(j->num_mean);
    free(j->trust);
    free(j->elig);
    free(j->must_start);
    free(j->cannot_start);
    free(j->must);
    free(j->cannot);
    free(j->home);
    free(j->locked);
    for (size_t g = 0; j->label && g < j->k; g++)
        free(j->label[g]);
    free(j->label);
    free(j->px);
    free(j->py);
    free(j->near_start);
    free(j->near);
    free(j->near_need);
}

/* Counting arguments that show at once why a stratum cannot be planned as
 * asked, in words an LA officer can act on. Links that cannot hold are
 * errors; too few lead-eligible schools or too many of one trust still give
 * a plan (the report lists the violations) with a warning in warn. */
/* Too few lead-eligible schools for the collaboratives: a warning that
 * names missing data as the cause when it is that, not a choice. */
static void lead_shortfall(const stratum_job *j, const pstratum *ps, triad_i_buf *warn)
{
    const profile *p = j->p;
    size_t k = j->k, elig = 0;
    for (size_t i = 0; i < j->n; i++)
        elig += p->lead_ok[j->member[i]];
    int graded = 0;
    for (size_t i = 0; i < p->schools->n && !graded; i++)
        graded = p->schools->s[i].ofsted != 0;
    if (elig < k)
        triad_i_buf_printf(warn,
                           "warning: stratum %s: %zu collaborative%s need%s a lead-eligible "
                           "school; %zu exist%s (%s)\n",
                           ps->name, k, TRIAD_S(k), k == 1 ? "s" : "", elig, elig == 1 ? "s" : "",
                           graded || p->schools->has_lead_flag
                               ? "mark more schools lead_eligible, or set lead_required = no"
                               : "no school in the file has an Ofsted grade, which is what "
                                 "makes a school lead-eligible: check the file's Ofsted "
                                 "column, or give a lead_eligible column");
}

/* A trust with more schools than the collaboratives' trust caps hold. */
static triad_status trust_shortfall(const stratum_job *j, const pstratum *ps, triad_i_buf *warn,
                                    triad_error *err)
{
    const profile *p = j->p;
    size_t k = j->k, cap = (size_t)p->spec->trust_cap_collab * k;
    size_t *count = calloc(p->ntrust + 1, sizeof *count);
    if (!count)
        return triad_i_fail_nomem(err);
    for (size_t i = 0; i < j->n; i++)
        if (p->trust[j->member[i]] >= 0)
            count[p->trust[j->member[i]]]++;
    for (size_t i = 0; i < j->n; i++) {
        int t = p->trust[j->member[i]];
        if (t >= 0 && count[t] > cap) {
            triad_i_buf_printf(warn,
                               "warning: stratum %s: trust %s has %zu schools, but %zu "
                               "collaborative%s with trust_cap_collaborative = %d hold%s at "
                               "most %zu\n",
                               ps->name, p->schools->s[j->member[i]].trust, count[t], k,
                               TRIAD_S(k), p->spec->trust_cap_collab, k == 1 ? "s" : "", cap);
            count[t] = 0; /* say it once */
        }
    }
    free(count);
    return TRIAD_OK;
}

/* The edges of the must_link and cannot_link graphs, in local indices. */
typedef struct link_edges {
    long *ma, *mb, *ca, *cb, *comp;
    size_t *csize;
    size_t nm, nc;
} link_edges;

static void link_edges_free(link_edges *e)
{
    free(e->ma);
    free(e->mb);
    free(e->ca);
    free(e->cb);
    free(e->comp);
    free(e->csize);
}

/* must_link components (igraph) larger than the largest collaborative. */
static triad_status must_link_too_large(const stratum_job *j, const pstratum *ps,
                                        const long *local, link_edges *e, triad_error *err)
{
    const profile *p = j->p;
    for (size_t q = 0; q < p->nmust; q++)
        for (size_t a = 1; a < p->must[q].n; a++) {
            long x = local[p->must[q].school[0]], y = local[p->must[q].school[a]];
            if (x >= 0 && y >= 0 && x != y) {
                e->ma[e->nm] = x;
                e->mb[e->nm++] = y;
            }
        }
    triad_status st = graph_components(j->n, e->ma, e->mb, e->nm, e->comp, err);
    size_t hi = 0; /* the largest collaborative: sizes may be mixed */
    for (size_t g = 0; g < j->k; g++)
        if ((size_t)j->size[g] > hi)
            hi = (size_t)j->size[g];
    for (size_t i = 0; st == TRIAD_OK && i < j->n; i++)
        e->csize[e->comp[i]]++;
    for (size_t i = 0; i < j->n && st == TRIAD_OK; i++)
        if (e->csize[e->comp[i]] > hi)
            st = triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                              "stratum %s: must_link joins %zu schools (with %s) but a "
                              "collaborative holds at most %zu",
                              ps->name, e->csize[e->comp[i]], p->schools->s[j->member[i]].urn,
                              hi);
    return st;
}

/* cannot_link against must_link: two schools both keep apart and join, or
 * more must-linked groups all kept apart (a clique, igraph) than there
 * are collaboratives. */
static triad_status cannot_link_conflicts(const stratum_job *j, const pstratum *ps,
                                          const long *local, link_edges *e, triad_error *err)
{
    const profile *p = j->p;
    triad_status st = TRIAD_OK;
    for (size_t q = 0; q < p->ncannot && st == TRIAD_OK; q++) {
        const link_set *l = &p->cannot[q];
        for (size_t a = 0; a < l->n && st == TRIAD_OK; a++)
            for (size_t b = a + 1; b < l->n && st == TRIAD_OK; b++) {
                long x = local[l->school[a]], y = local[l->school[b]];
                if (x < 0 || y < 0)
                    continue;
                if (e->comp[x] == e->comp[y])
                    st = triad_i_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, l->line, 0,
                                      "%s:%ld: cannot_link keeps %s and %s apart, but must_link "
                                      "lines join them",
                                      p->spec->source, l->line, p->schools->s[l->school[a]].urn,
                                      p->schools->s[l->school[b]].urn);
                e->ca[e->nc] = e->comp[x];
                e->cb[e->nc++] = e->comp[y];
            }
    }
    size_t clique = 0;
    if (st == TRIAD_OK)
        st = graph_clique_number(j->n, e->ca, e->cb, e->nc, &clique, err);
    if (st == TRIAD_OK && clique > j->k)
        st = triad_i_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, 0, 0,
                          "%s: cannot_link keeps %zu schools (or must-linked groups) all apart, "
                          "but stratum %s has only %zu collaborative%s",
                          p->spec->source, clique, ps->name, j->k, TRIAD_S(j->k));
    return st;
}

static triad_status explain_infeasible(const stratum_job *j, const pstratum *ps, const long *local,
                                       triad_i_buf *warn, triad_error *err)
{
    const profile *p = j->p;
    if (p->spec->lead_required)
        lead_shortfall(j, ps, warn);
    triad_status st = p->spec->trust_cap_collab > 0 ? trust_shortfall(j, ps, warn, err) : TRIAD_OK;
    if (st != TRIAD_OK)
        return st;
    size_t cap = 1;
    for (size_t q = 0; q < p->nmust; q++)
        cap += p->must[q].n * p->must[q].n;
    for (size_t q = 0; q < p->ncannot; q++)
        cap += p->cannot[q].n * p->cannot[q].n;
    link_edges e = {malloc(cap * sizeof *e.ma), malloc(cap * sizeof *e.mb),
                    malloc(cap * sizeof *e.ca), malloc(cap * sizeof *e.cb),
                    malloc((j->n + 1) * sizeof *e.comp), calloc(j->n + 1, sizeof *e.csize), 0, 0};
    if (!e.ma || !e.mb || !e.ca || !e.cb || !e.comp || !e.csize)
        st = triad_i_fail_nomem(err);
    if (st == TRIAD_OK)
        st = must_link_too_large(j, ps, local, &e, err);
    if (st == TRIAD_OK)
        st = cannot_link_conflicts(j, ps, local, &e, err);
    link_edges_free(&e);
    return st;
}

static int link_csr(stratum_job *j, const link_set *ls, size_t nls, const long *local,
                    size_t **start_out, int **adj_out)
{
    size_t *start = calloc(j->n + 2, sizeof *start);
    if (!start)
        return 0;
    for (int pass = 0; pass < 2; pass++) {
        int *adj = pass ? malloc((start[j->n] + 1) * sizeof *adj) : NULL;
        size_t *fill = pass ? calloc(j->n + 1, sizeof *fill) : NULL;
        if (pass && (!adj || !fill)) {
            free(adj);
            free(fill);
            free(start);
            return 0;
        }
        for (size_t k = 0; k < nls; k++)
            for (size_t a = 0; a < ls[k].n; a++)
                for (size_t b = 0; b < ls[k].n; b++) {
                    long la = local[ls[k].school[a]], lb = local[ls[k].school[b]];
                    if (a == b || la < 0 || lb < 0)
                        continue;
                    if (pass)
                        adj[start[la] + fill[la]++] = (int)lb;
                    else
                        start[la + 1]++;
                }
        if (!pass)
            for (size_t i = 0; i < j->n; i++)
                start[i + 1] += start[i];
        free(fill);
        if (pass) {
            *adj_out = adj;
            *start_out = start;
        }
    }
    return 1;
}

/* The stratum's geography: compact (local) or spread over the areas, and a
 * collaborative travel limit, as terms of the search. */
static triad_status geography(stratum_job *j, const pstratum *ps, triad_i_buf *warn,
                              triad_error *err)
{
    const profile *p = j->p;
    const triad_spec *spec = p->spec;
    int limit = spec->collab_max_km > 0;
    int reach = spec->triad_max_km > 0 && ps->triad_size > 0;
    if (reach) {
        triad_status st = triad_reach(j, ps, err);
        if (st != TRIAD_OK)
            return st;
    }
    if (!ps->local && !limit)
        return TRIAD_OK;
    size_t n = j->n;
    j->px = malloc((n + 1) * sizeof *j->px);
    j->py = malloc((n + 1) * sizeof *j->py);
    if (!j->px || !j->py)
        return triad_i_fail_nomem(err);
    double cx = 0, cy = 0;
    size_t located = 0;
    for (size_t i = 0; i < n; i++) {
        const school_rec *r = &p->schools->s[j->member[i]];
        if (!isnan(r->x) && !isnan(r->y)) {
            cx += r->x;
            cy += r->y;
            located++;
        }
    }
    if (!located) {
        triad_i_buf_printf(warn,
                           "warning: stratum %s: no school has a location, so %s cannot "
                           "be applied\n",
                           ps->name, ps->local ? "geography = local" : "collaborative_max_km");
        return TRIAD_OK;
    }
    cx /= (double)located;
    cy /= (double)located;
    for (size_t i = 0; i < n; i++) {
        const school_rec *r = &p->schools->s[j->member[i]];
        int ok = !isnan(r->x) && !isnan(r->y);
        /* an unlocated school sits at the centre: it neither helps nor hurts */
        j->px[i] = ok ? (r->x - cx) / 1000.0 : 0;
        j->py[i] = ok ? (r->y - cy) / 1000.0 : 0;
    }
    j->pp.px = j->px;
    j->pp.py = j->py;
    if (ps->local) {
        j->pp.local_weight = spec->local_weight;
        /* spreading over the areas is what local does not want */
        for (size_t a = 0, ca = 0; a < p->nattr; a++) {
            if (p->attr[a].numeric)
                continue;
            if (p->attr[a].area)
                j->cat_weight[ca] = 0;
            ca++;
        }
    }
    if (limit) {
        /* n * k counters: beyond a few million the limit is only checked */
        if ((double)n * (double)j->k > 4e6)
            triad_i_buf_printf(
                warn,
                "warning: stratum %s: %zu schools in %zu collaboratives are too many "
                "for collaborative_max_km in the search; the plan is only checked "
                "against it\n",
                ps->name, n, j->k);
        else
            j->pp.max_km = spec->collab_max_km;
    }
    return TRIAD_OK;
}

/* The balanced attributes in the job's arrays: each school's cell of every
 * categorical attribute, and its numeric values scaled by their spread.
 * 0 on allocation failure. */
static int job_attributes(stratum_job *j)
{
    const profile *p = j->p;
    for (size_t a = 0; a < p->nattr; a++) {
        if (p->attr[a].numeric)
            j->nnum++;
        else {
            j->ncat_attrs++;
            j->ncells += p->attr[a].ncat;
        }
    }
    size_t n = j->n;
    j->cell = malloc((n * j->ncat_attrs + 1) * sizeof *j->cell);
    j->cat_weight = malloc((j->ncat_attrs + 1) * sizeof *j->cat_weight);
    j->cell_total = calloc(j->ncells + 1, sizeof *j->cell_total);
    j->value = malloc((n * j->nnum + 1) * sizeof *j->value);
    j->num_weight = malloc((j->nnum + 1) * sizeof *j->num_weight);
    j->num_mean = calloc(j->nnum + 1, sizeof *j->num_mean);
    if (!j->cell || !j->cat_weight || !j->cell_total || !j->value || !j->num_weight ||
        !j->num_mean)
        return 0;
    size_t ca = 0, na = 0, off = 0;
    for (size_t a = 0; a < p->nattr; a++) {
        const bal_attr *at = &p->attr[a];
        if (at->numeric) {
            double sd = at->sd > 0 ? at->sd : 1;
            j->num_weight[na] = at->weight;
            for (size_t i = 0; i < n; i++) {
                double v = at->value[j->member[i]] / sd;
                j->value[i * j->nnum + na] = v;
                j->num_mean[na] += v / (double)n;
            }
            na++;
        } else {
            j->cat_weight[ca] = at->weight;
            for (size_t i = 0; i < n; i++) {
                int c = (int)off + at->code[j->member[i]];
                j->cell[i * j->ncat_attrs + ca] = c;
                j->cell_total[c] += 1;
            }
            off += at->ncat;
            ca++;
        }
    }
    return 1;
}

/* The partition engine's view of the job (pointers into it). */
static void job_problem(stratum_job *j)
{
    const profile *p = j->p;
    partition_problem *pp = &j->pp;
    pp->n = j->n;
    pp->k = j->k;
    pp->size = j->size;
    pp->ncat_attrs = j->ncat_attrs;
    pp->ncells = j->ncells;
    pp->cell = j->cell;
    pp->cat_weight = j->cat_weight;
    pp->cell_total = j->cell_total;
    pp->nnum = j->nnum;
    pp->value = j->value;
    pp->num_weight = j->num_weight;
    pp->num_mean = j->num_mean;
    pp->trust = j->trust;
    pp->ntrust = p->ntrust;
    pp->trust_cap = p->spec->trust_cap_collab;
    pp->elig = p->spec->lead_required ? j->elig : NULL;
    pp->must_start = p->nmust ? j->must_start : NULL;
    pp->must = j->must;
    pp->cannot_start = p->ncannot ? j->cannot_start : NULL;
    pp->cannot = j->cannot;
}

triad_status stratum_job_build(stratum_job *j, const profile *p, int stratum, long *local,
                               triad_i_buf *warn, triad_error *err)
{
    memset(j, 0, sizeof *j);
    j->p = p;
    for (size_t i = 0; i < p->n; i++)
        local[i] = -1;
    j->member = malloc((p->strata[stratum].n + 1) * sizeof *j->member);
    if (!j->member)
        return triad_i_fail_nomem(err);
    for (size_t i = 0; i < p->n; i++)
        if (p->stratum[i] == stratum) {
            local[i] = (long)j->n;
            j->member[j->n++] = (long)i;
        }
    /* the stratum's size policy (model/sizes.c) decides how many of each size */
    int *sizes = NULL;
    triad_status st = sizes_choose(&p->strata[stratum], j->n, &sizes, &j->k, j->sizes_why,
                                   sizeof j->sizes_why, warn, err);
    j->size = sizes;
    if (st == TRIAD_OK)
        st = explain_infeasible(j, &p->strata[stratum], local, warn, err);
    if (st != TRIAD_OK)
        return st;
    j->trust = malloc((j->n + 1) * sizeof *j->trust);
    j->elig = malloc(j->n + 1);
    if (!job_attributes(j) || !j->trust || !j->elig)
        return triad_i_fail_nomem(err);
    for (size_t i = 0; i < j->n; i++) {
        j->trust[i] = p->trust[j->member[i]];
        j->elig[i] = p->lead_ok[j->member[i]];
    }
    if (!link_csr(j, p->must, p->nmust, local, &j->must_start, &j->must) ||
        !link_csr(j, p->cannot, p->ncannot, local, &j->cannot_start, &j->cannot))
        return triad_i_fail_nomem(err);
    job_problem(j);
    return geography(j, &p->strata[stratum], warn, err);
}
