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

/* 1 when a triad of local schools a, b and c keeps the triad stage's other
 * rules: the trust cap and, where asked, not all three causing concern. */
static int triad_admissible(const stratum_job *j, int a, int b, int c)
{
    const profile *p = j->p;
    long ia = j->member[a], ib = j->member[b], ic = j->member[c];
    int cap = p->spec->trust_cap_triad;
    if (cap > 0 && cap < 3) {
        int ta = p->trust[ia], tb = p->trust[ib], tc = p->trust[ic];
        int same = 1 + (ta >= 0 && ta == tb) + (ta >= 0 && ta == tc);
        if (same > cap || (cap == 1 && tb >= 0 && tb == tc))
            return 0;
    }
    return !(p->spec->no_concern_triads && p->concern[ia] && p->concern[ib] && p->concern[ic]);
}

/* The smallest limit under which school a has a triad keeping the other
 * rules (the largest distance in its best triad), or INFINITY; *pb, *pc
 * receive that triad's other two. Over the whole stratum: run only to
 * word a refusal. */
static double least_triad_km(const stratum_job *j, int a, int *pb, int *pc)
{
    const profile *p = j->p;
    double best = INFINITY;
    for (int b = 0; b < (int)j->n; b++) {
        double ab = b == a ? -1 : profile_km(p, (size_t)j->member[a], (size_t)j->member[b]);
        if (ab < 0 || ab >= best)
            continue;
        for (int c = b + 1; c < (int)j->n; c++) {
            double ac = c == a ? -1 : profile_km(p, (size_t)j->member[a], (size_t)j->member[c]);
            double bc = profile_km(p, (size_t)j->member[b], (size_t)j->member[c]);
            double worst = fmax(ab, fmax(ac, bc));
            if (ac < 0 || bc < 0 || worst >= best || !triad_admissible(j, a, b, c))
                continue;
            best = worst;
            *pb = b;
            *pc = c;
        }
    }
    return best;
}

/* Every located school of a stratum with triads of three or more needs two
 * schools within reach that are within reach of each other (a triangle)
 * and that a triad may hold with it (the trust cap; not three causing
 * concern where the spec says so). TRIAD_ERR_INFEASIBLE naming the first
 * school that has none, with the schools in its reach and the smallest
 * limit that would give it a triad. */
static triad_status triangle_check(const stratum_job *j, const pstratum *ps, double lim,
                                   triad_error *err)
{
    const profile *p = j->p;
    if (ps->triad_size < 3)
        return TRIAD_OK;
    for (size_t a = 0; a < j->n; a++) {
        if (!j->near_need[a])
            continue;
        int found = 0;
        for (size_t e = j->near_start[a]; e < j->near_start[a + 1] && !found; e++)
            for (size_t f = e + 1; f < j->near_start[a + 1] && !found; f++) {
                int b = j->near[e], c = j->near[f];
                double km = profile_km(p, (size_t)j->member[b], (size_t)j->member[c]);
                found = km >= 0 && km <= lim && triad_admissible(j, (int)a, b, c);
            }
        if (found)
            continue;
        const school_rec *r = &p->schools->s[j->member[a]];
        char reach[600] = "";
        size_t used = 0, listed = 0, in_reach = j->near_start[a + 1] - j->near_start[a];
        for (size_t e = j->near_start[a]; e < j->near_start[a + 1] && listed < 6; e++, listed++) {
            const school_rec *rb = &p->schools->s[j->member[j->near[e]]];
            int same = p->trust[j->member[a]] >= 0 &&
                       p->trust[j->member[a]] == p->trust[j->member[j->near[e]]];
            int w = snprintf(reach + used, sizeof reach - used, "%s%s (%s%s)", listed ? ", " : "",
                             rb->urn, rb->name, same ? ", same trust" : "");
            if (w < 0 || (size_t)w >= sizeof reach - used)
                break;
            used += (size_t)w;
        }
        int b = -1, c = -1;
        double need_km = least_triad_km(j, (int)a, &b, &c);
        char fix[400];
        if (b >= 0)
            snprintf(fix, sizeof fix,
                     "its nearest triad that keeps the other rules, with %s and %s, needs "
                     "triad_max_km = %.1f",
                     p->schools->s[j->member[b]].urn, p->schools->s[j->member[c]].urn,
                     ceil(need_km * 10) / 10);
        else
            snprintf(fix, sizeof fix, "no triad of its stratum keeps the other rules");
        return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, 0, 0,
                            "triad_max_km = %g: school %s (%s) of stratum %s can be in no triad "
                            "that keeps the limit%s: within %g km it has %zu school%s%s%s%s; %s "
                            "(raise triad_max_km%s, or move the school to another stratum)",
                            lim, r->urn, r->name, ps->name,
                            p->spec->trust_cap_triad > 0 ? " and the triad trust cap" : "", lim,
                            in_reach, in_reach == 1 ? "" : "s", in_reach ? ": " : "", reach,
                            listed < in_reach ? ", ..." : "", fix,
                            p->spec->trust_cap_triad > 0 ? ", raise the trust cap" : "");
    }
    return TRIAD_OK;
}

/* triad_max_km shapes the collaboratives: every located school needs two
 * (triad_size - 1) schools of its collaborative within the limit. A school
 * without them in its whole stratum makes the limit impossible: said by
 * name. */
static triad_status triad_reach(stratum_job *j, const pstratum *ps, triad_error *err)
{
    const profile *p = j->p;
    double lim = p->spec->triad_max_km;
    size_t n = j->n;
    int need = ps->triad_size - 1;
    j->near_start = calloc(n + 2, sizeof *j->near_start);
    j->near_need = malloc(n + 1);
    if (!j->near_start || !j->near_need)
        return triad_i_fail_nomem(err);
    for (int pass = 0; pass < 2; pass++) {
        size_t e = 0;
        for (size_t a = 0; a < n; a++) {
            if (pass)
                j->near_start[a] = e;
            for (size_t b = 0; b < n; b++) {
                double km = a == b ? -1 : profile_km(p, (size_t)j->member[a], (size_t)j->member[b]);
                if (km >= 0 && km <= lim) {
                    if (pass)
                        j->near[e] = (int)b;
                    e++;
                }
            }
        }
        if (pass) {
            j->near_start[n] = e;
        } else if (!(j->near = malloc((e + 1) * sizeof *j->near))) {
            return triad_i_fail_nomem(err);
        }
    }
    /* a travel limit is a promise about distance: a school without a
     * location cannot be shown to keep it, so it is refused by name */
    size_t unlocated = 0;
    const char *first = NULL, *first_name = NULL;
    for (size_t a = 0; a < n; a++) {
        const school_rec *r = &p->schools->s[j->member[a]];
        if (isnan(r->x) || isnan(r->y)) {
            if (!unlocated++) {
                first = r->urn;
                first_name = r->name;
            }
        }
    }
    if (unlocated)
        return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, 0, 0,
                            "triad_max_km = %g: school %s (%s)%s of stratum %s %s no location, so "
                            "the limit cannot be shown to hold for %s (give easting/northing or "
                            "latitude/longitude, mark %s opted_out, or drop triad_max_km)",
                            lim, first, first_name,
                            unlocated > 1 ? " and others" : "", ps->name,
                            unlocated > 1 ? "have" : "has", unlocated > 1 ? "them" : "it",
                            unlocated > 1 ? "them" : "it");
    for (size_t a = 0; a < n; a++) {
        const school_rec *r = &p->schools->s[j->member[a]];
        int located = !isnan(r->x) && !isnan(r->y);
        size_t have = j->near_start[a + 1] - j->near_start[a];
        j->near_need[a] = (unsigned char)(located ? need : 0);
        if (located && have < (size_t)need)
            return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, 0, 0,
                                "triad_max_km = %g: school %s (%s) has %s of stratum %s within "
                                "%g km, so it can be in no triad that keeps the limit (raise "
                                "triad_max_km, or move the school to another stratum)",
                                lim, r->urn, r->name, have == 0 ? "no other school" : "one school",
                                ps->name, lim);
    }
    /* two schools within reach of a school must be within reach of each
     * other too, or no triad holds it: a school with no such pair is
     * refused by name, with the nearest pair it has */
    triad_status st = triangle_check(j, ps, lim, err);
    if (st != TRIAD_OK)
        return st;
    j->pp.near_start = j->near_start;
    j->pp.near = j->near;
    j->pp.near_need = j->near_need;
    /* the exact split check as a term of the search */
    j->split = (travel_split){j, ps->triad_size, lim};
    j->pp.splits = travel_splits;
    j->pp.splits_ctx = &j->split;
    return TRIAD_OK;
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
