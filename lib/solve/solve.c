/* triad_solve: per stratum, balanced collaboratives (partition engine), then
 * triads inside each (exact search), then a lead per collaborative. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "model/plan_impl.h"
#include "model/profile.h"
#include "graph/links.h"
#include "solve/ilp.h"
#include "solve/partition.h"
#include "solve/rng.h"
#include "solve/triads.h"

#define STARTS 4               /* independent annealing runs per stratum */
#define MOVES_PER_SCHOOL 1000u /* annealing moves per start and school: 300 already
                                  gave within-one on every test instance */
#define KM_WEIGHT 0.01         /* triad travel: cost per km per pair */
#define AUTO_ILP_MAX_CELLS 600 /* auto: prove strata with n * k up to this */
#define AUTO_ILP_SECONDS 5.0   /* auto: time for that proof */

void triad_solve_options_init(triad_solve_options *o)
{
    memset(o, 0, sizeof *o);
    o->struct_size = sizeof *o;
    o->method = TRIAD_METHOD_AUTO;
    o->seed = 1;
    o->time_limit = 30.0;
    o->threads = 1;
}

/* The caller's progress callback, the shared cancel flag and the deadline.
 * Only the calling thread polls (the callback promises that thread); the
 * worker threads read the flag and the clock. */
typedef struct solve_ctl {
    triad_progress_fn progress;
    void *user;
    double t0, next_call;
    double excess; /* of the strata done */
    volatile int cancel;
    partition_budget stop; /* deadline + cancel + poll, for the caller's thread */
} solve_ctl;

#define POLL_SECONDS 0.2 /* how often a running search calls the callback */

static int ctl_poll(void *arg)
{
    solve_ctl *c = arg;
    if (c->cancel)
        return 1;
    double now = partition_now();
    if (!c->progress || now < c->next_call)
        return 0;
    c->next_call = now + POLL_SECONDS;
    if (c->progress(now - c->t0, c->excess, c->user) != 0)
        c->cancel = 1;
    return c->cancel;
}

/* Everything the partition engine needs for one stratum, in local indices. */
typedef struct stratum_job {
    const profile *p;
    size_t n, k;
    long *member; /* local -> school index */
    int *size;
    int *cell;
    double *cat_weight, *cell_total;
    size_t ncat_attrs, ncells;
    double *value, *num_weight, *num_mean;
    size_t nnum;
    int *trust;
    unsigned char *elig;
    size_t *must_start, *cannot_start;
    int *must, *cannot;
    partition_problem pp;
} stratum_job;

static void job_free(stratum_job *j)
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
}

/* Group sizes: as few groups as max_size allows, sizes within one of each
 * other (Peterborough: unequal sizes overloaded the big collaboratives). */
static triad_status plan_sizes(stratum_job *j, const pstratum *ps, triad_error *err)
{
    size_t n = j->n, k;
    if (n <= (size_t)ps->max_size || n < 2 * (size_t)ps->min_size) {
        k = 1; /* too few for two: one sector-wide collaborative */
    } else {
        k = (n + (size_t)ps->max_size - 1) / (size_t)ps->max_size;
        if (k * (size_t)ps->min_size > n)
            return triad_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                              "stratum %s: %zu schools cannot be split into collaboratives of "
                              "%d to %d (%zu groups would need at least %zu schools)",
                              ps->name, n, ps->min_size, ps->max_size, k,
                              k * (size_t)ps->min_size);
    }
    j->k = k;
    j->size = malloc(k * sizeof *j->size);
    if (!j->size)
        return triad_fail_nomem(err);
    for (size_t g = 0; g < k; g++)
        j->size[g] = (int)(n / k + (g < n % k ? 1 : 0));
    return TRIAD_OK;
}

/* Counting arguments that show at once why a stratum cannot be planned as
 * asked, in words an LA officer can act on. Links that cannot hold are
 * errors; too few lead-eligible schools or too many of one trust still give
 * a plan (the report lists the violations) with a warning in warn. */
static triad_status explain_infeasible(const stratum_job *j, const pstratum *ps, const long *local,
                                       triad_buf *warn, triad_error *err)
{
    const profile *p = j->p;
    const triad_spec *spec = p->spec;
    size_t k = j->k, n = j->n;
    if (spec->lead_required) {
        size_t elig = 0;
        for (size_t i = 0; i < n; i++)
            elig += p->lead_ok[j->member[i]];
        if (elig < k)
            triad_buf_printf(warn,
                             "warning: stratum %s: %zu collaboratives need a lead-eligible "
                             "school; %zu exist (mark more schools lead_eligible, or set "
                             "lead_required = no)\n",
                             ps->name, k, elig);
    }
    if (spec->trust_cap_collab > 0) {
        size_t *count = calloc(p->ntrust + 1, sizeof *count);
        if (!count)
            return triad_fail_nomem(err);
        for (size_t i = 0; i < n; i++)
            if (p->trust[j->member[i]] >= 0)
                count[p->trust[j->member[i]]]++;
        for (size_t i = 0; i < n; i++) {
            int t = p->trust[j->member[i]];
            if (t >= 0 && count[t] > (size_t)spec->trust_cap_collab * k) {
                triad_buf_printf(warn,
                                 "warning: stratum %s: trust %s has %zu schools, but %zu "
                                 "collaboratives with trust_cap_collaborative = %d hold at most "
                                 "%zu\n",
                                 ps->name, p->schools->s[j->member[i]].trust, count[t], k,
                                 spec->trust_cap_collab, (size_t)spec->trust_cap_collab * k);
                count[t] = 0; /* say it once */
            }
        }
        free(count);
    }
    /* must-link components and cannot-link cliques, through igraph */
    size_t cap = 1, nm = 0, nc = 0;
    for (size_t q = 0; q < p->nmust; q++)
        cap += p->must[q].n * p->must[q].n;
    for (size_t q = 0; q < p->ncannot; q++)
        cap += p->cannot[q].n * p->cannot[q].n;
    long *ma = malloc(cap * sizeof *ma), *mb = malloc(cap * sizeof *mb);
    long *ca = malloc(cap * sizeof *ca), *cb = malloc(cap * sizeof *cb);
    long *comp = malloc((n + 1) * sizeof *comp);
    size_t *csize = calloc(n + 1, sizeof *csize);
    triad_status st = (!ma || !mb || !ca || !cb || !comp || !csize) ? triad_fail_nomem(err)
                                                                     : TRIAD_OK;
    for (size_t q = 0; st == TRIAD_OK && q < p->nmust; q++)
        for (size_t a = 1; a < p->must[q].n; a++) {
            long x = local[p->must[q].school[0]], y = local[p->must[q].school[a]];
            if (x >= 0 && y >= 0 && x != y) {
                ma[nm] = x;
                mb[nm++] = y;
            }
        }
    if (st == TRIAD_OK)
        st = graph_components(n, ma, mb, nm, comp, err);
    size_t hi = (n + k - 1) / k;
    for (size_t i = 0; st == TRIAD_OK && i < n; i++)
        csize[comp[i]]++;
    for (size_t i = 0; i < n && st == TRIAD_OK; i++)
        if (csize[comp[i]] > hi)
            st = triad_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                            "stratum %s: must_link joins %zu schools (with %s) but a "
                            "collaborative holds at most %zu",
                            ps->name, csize[comp[i]], p->schools->s[j->member[i]].urn, hi);
    for (size_t q = 0; q < p->ncannot && st == TRIAD_OK; q++) {
        const link_set *l = &p->cannot[q];
        for (size_t a = 0; a < l->n && st == TRIAD_OK; a++)
            for (size_t b = a + 1; b < l->n && st == TRIAD_OK; b++) {
                long x = local[l->school[a]], y = local[l->school[b]];
                if (x < 0 || y < 0)
                    continue;
                if (comp[x] == comp[y])
                    st = triad_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, l->line, 0,
                                    "%s:%ld: cannot_link keeps %s and %s apart, but must_link "
                                    "lines join them",
                                    p->spec->source, l->line, p->schools->s[l->school[a]].urn,
                                    p->schools->s[l->school[b]].urn);
                /* conflicts between must-link components, as one graph */
                ca[nc] = comp[x];
                cb[nc++] = comp[y];
            }
    }
    size_t clique = 0;
    if (st == TRIAD_OK)
        st = graph_clique_number(n, ca, cb, nc, &clique, err);
    if (st == TRIAD_OK && clique > k)
        st = triad_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, 0, 0,
                        "%s: cannot_link keeps %zu schools (or must-linked groups) all apart, "
                        "but stratum %s has only %zu collaboratives",
                        p->spec->source, clique, ps->name, k);
    free(ma);
    free(mb);
    free(ca);
    free(cb);
    free(comp);
    free(csize);
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
        if (pass && !adj) {
            free(start);
            return 0;
        }
        size_t *fill = pass ? calloc(j->n + 1, sizeof *fill) : NULL;
        if (pass && !fill) {
            free(adj);
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

static triad_status job_build(stratum_job *j, const profile *p, int stratum, long *local,
                              triad_buf *warn, triad_error *err)
{
    const triad_spec *spec = p->spec;
    memset(j, 0, sizeof *j);
    j->p = p;
    for (size_t i = 0; i < p->n; i++)
        local[i] = -1;
    j->member = malloc((p->strata[stratum].n + 1) * sizeof *j->member);
    if (!j->member)
        return triad_fail_nomem(err);
    for (size_t i = 0; i < p->n; i++)
        if (p->stratum[i] == stratum) {
            local[i] = (long)j->n;
            j->member[j->n++] = (long)i;
        }
    triad_status st = plan_sizes(j, &p->strata[stratum], err);
    if (st == TRIAD_OK)
        st = explain_infeasible(j, &p->strata[stratum], local, warn, err);
    if (st != TRIAD_OK)
        return st;
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
    j->trust = malloc((n + 1) * sizeof *j->trust);
    j->elig = malloc(n + 1);
    if (!j->cell || !j->cat_weight || !j->cell_total || !j->value || !j->num_weight ||
        !j->num_mean || !j->trust || !j->elig)
        return triad_fail_nomem(err);
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
    for (size_t i = 0; i < n; i++) {
        j->trust[i] = p->trust[j->member[i]];
        j->elig[i] = p->lead_ok[j->member[i]];
    }
    if (!link_csr(j, p->must, p->nmust, local, &j->must_start, &j->must) ||
        !link_csr(j, p->cannot, p->ncannot, local, &j->cannot_start, &j->cannot))
        return triad_fail_nomem(err);
    partition_problem *pp = &j->pp;
    pp->n = n;
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
    pp->trust_cap = spec->trust_cap_collab;
    pp->elig = spec->lead_required ? j->elig : NULL;
    pp->must_start = p->nmust ? j->must_start : NULL;
    pp->must = j->must;
    pp->cannot_start = p->ncannot ? j->cannot_start : NULL;
    pp->cannot = j->cannot;
    return TRIAD_OK;
}

/* ------------------------------------------------------- starting points */

/* Cuts an ordering of the items into consecutive groups of the target sizes. */
static void cut_in_order(const stratum_job *j, const size_t *order, int *group)
{
    size_t g = 0, filled = 0;
    for (size_t r = 0; r < j->n; r++) {
        group[order[r]] = (int)g;
        if (++filled == (size_t)j->size[g] && g + 1 < j->k) {
            g++;
            filled = 0;
        }
    }
}

/* Deals an ordering like cards, back and forth, respecting the sizes. */
static void deal_in_order(const stratum_job *j, const size_t *order, int *group)
{
    int *room = malloc(j->k * sizeof *room);
    if (!room) {
        cut_in_order(j, order, group);
        return;
    }
    memcpy(room, j->size, j->k * sizeof *room);
    long g = 0, dir = 1;
    for (size_t r = 0; r < j->n; r++) {
        while (room[g] == 0) {
            g += dir;
            if (g < 0 || g >= (long)j->k) {
                dir = -dir;
                g += dir;
            }
        }
        group[order[r]] = (int)g;
        room[g]--;
        g += dir;
        if (g < 0 || g >= (long)j->k) {
            dir = -dir;
            g += dir;
        }
    }
    free(room);
}

typedef struct sort_item {
    size_t i;
    double key[8];
} sort_item;

static int cmp_items(const void *x, const void *y)
{
    const sort_item *a = x, *b = y;
    for (int q = 0; q < 8; q++)
        if (a->key[q] != b->key[q])
            return a->key[q] < b->key[q] ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

static int start_assignment(const stratum_job *j, triad_method method, uint64_t seed,
                            int *group)
{
    size_t n = j->n;
    sort_item *it = malloc((n + 1) * sizeof *it);
    size_t *order = malloc((n + 1) * sizeof *order);
    if (!it || !order) {
        free(it);
        free(order);
        return 0;
    }
    const triad_schools *s = j->p->schools;
    double cx = 0, cy = 0;
    size_t located = 0;
    for (size_t i = 0; i < n; i++) {
        const school_rec *r = &s->s[j->member[i]];
        if (!isnan(r->x) && !isnan(r->y)) {
            cx += r->x;
            cy += r->y;
            located++;
        }
    }
    if (located) {
        cx /= (double)located;
        cy /= (double)located;
    }
    rng rg;
    rng_seed(&rg, seed);
    for (size_t i = 0; i < n; i++) {
        memset(&it[i], 0, sizeof it[i]);
        it[i].i = i;
        const school_rec *r = &s->s[j->member[i]];
        if (method == TRIAD_METHOD_RANDOM) {
            it[i].key[0] = rng_unit(&rg);
        } else if (method == TRIAD_METHOD_GEO) {
            /* Sweep around the centre: consecutive blocks are compact sectors. */
            it[i].key[0] = isnan(r->x) ? 10.0 : atan2(r->y - cy, r->x - cx);
            it[i].key[1] = isnan(r->x) ? 0 : hypot(r->x - cx, r->y - cy);
        } else {
            for (size_t a = 0; a < j->ncat_attrs && a < 7; a++)
                it[i].key[a] = j->cell[i * j->ncat_attrs + a];
            it[i].key[7] = j->nnum ? j->value[i * j->nnum] : 0;
        }
    }
    qsort(it, n, sizeof *it, cmp_items);
    for (size_t r = 0; r < n; r++)
        order[r] = it[r].i;
    if (method == TRIAD_METHOD_RANDOM || method == TRIAD_METHOD_GEO)
        cut_in_order(j, order, group);
    else
        deal_in_order(j, order, group);
    free(it);
    free(order);
    return 1;
}

/* --------------------------------------------------------- multi-start */

typedef struct start_run {
    const stratum_job *j;
    const int *initial;
    int *group;
    uint64_t seed;
    partition_budget budget;
    double cost;
    atomic_int done;
} start_run;

static void *run_start(void *arg)
{
    start_run *r = arg;
    memcpy(r->group, r->initial, r->j->n * sizeof *r->group);
    r->cost = partition_improve(&r->j->pp, r->group, r->seed, &r->budget);
    atomic_store(&r->done, 1);
    return NULL;
}

static uint64_t mix_seed(uint64_t seed, uint64_t a, uint64_t b)
{
    uint64_t x = seed ^ (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full);
    return rng_splitmix(&x);
}

/* Runs STARTS annealing runs over `threads` threads. The result depends only
 * on the seed: starts are numbered and the best (cost, number) wins. */
static triad_status search(const stratum_job *j, uint64_t seed, int stratum, int threads,
                           solve_ctl *ctl, int *group, triad_error *err)
{
    start_run runs[STARTS];
    int *buf = malloc((size_t)STARTS * j->n * sizeof *buf + 1);
    if (!buf)
        return triad_fail_nomem(err);
    uint64_t moves = (uint64_t)MOVES_PER_SCHOOL * j->n;
    for (int s = 0; s < STARTS; s++) {
        runs[s].j = j;
        runs[s].initial = group;
        runs[s].group = buf + (size_t)s * j->n;
        runs[s].seed = mix_seed(seed, (uint64_t)stratum, (uint64_t)s);
        runs[s].budget = ctl->stop;
        runs[s].budget.moves = moves;
        runs[s].budget.poll = NULL; /* only the caller's thread calls back */
        runs[s].cost = -1;
        atomic_init(&runs[s].done, 0);
    }
    if (threads < 1)
        threads = 1;
    for (int s0 = 0; s0 < STARTS; s0 += threads) {
        pthread_t tid[STARTS];
        int started[STARTS] = {0};
        for (int s = s0; s < STARTS && s < s0 + threads; s++) {
            if (s > s0 && pthread_create(&tid[s], NULL, run_start, &runs[s]) == 0)
                started[s] = 1;
        }
        runs[s0].budget.poll = ctl->stop.poll;
        run_start(&runs[s0]);
        /* Wait for the workers while keeping the callback alive, so the
         * caller can still cancel. */
        for (int s = s0 + 1; s < STARTS && s < s0 + threads; s++) {
            if (!started[s]) {
                runs[s].budget.poll = ctl->stop.poll;
                run_start(&runs[s]); /* no thread to be had: run it here */
                continue;
            }
            while (!atomic_load(&runs[s].done)) {
                struct timespec nap = {0, 5000000};
                nanosleep(&nap, NULL);
                partition_should_stop(&ctl->stop);
            }
            pthread_join(tid[s], NULL);
        }
    }
    int best = -1;
    for (int s = 0; s < STARTS; s++) {
        if (runs[s].cost < 0) {
            free(buf);
            return triad_fail_nomem(err);
        }
        if (best < 0 || runs[s].cost < runs[best].cost - 1e-9)
            best = s;
    }
    memcpy(group, runs[best].group, j->n * sizeof *group);
    free(buf);
    return TRIAD_OK;
}

/* ------------------------------------------------------ triads and leads */

static int triad_count(int s, int t)
{
    if (t <= 0 || s < 2)
        return 0;
    int q = s / t;
    if (q < 1)
        q = 1;
    if ((s + q - 1) / q > t + 1)
        q++;
    return q;
}

/* Cost of a pair meeting again. hist[0] is last year. The first nrot plans
 * are earlier years of this rotation, where a repeat is hard; for the given
 * history the spec says: hard, or a penalty fading with the meeting's age. */
static double history_cost(const triad_spec *spec, const triad_plan *const *hist, size_t nhist,
                           size_t nrot, long a, long b)
{
    double c = 0, w = spec->history_weight;
    for (size_t h = 0; h < nhist; h++) {
        long ta = hist[h]->triad[a];
        int met = ta >= 0 && ta == hist[h]->triad[b];
        if (h == nrot && spec->history_keep > 0)
            continue; /* continuity with last year: a quota, not a penalty */
        if (h < nrot)
            c += met ? PARTITION_HARD : 0;
        else if (met && spec->history_avoid)
            c += spec->history_avoid == 2 ? PARTITION_HARD : w;
        if (h >= nrot)
            w *= spec->history_fade;
    }
    return c;
}

static int met_before(const triad_plan *const *hist, size_t nhist, long a, long b)
{
    for (size_t h = 0; h < nhist; h++)
        if (hist[h]->triad[a] >= 0 && hist[h]->triad[a] == hist[h]->triad[b])
            return 1;
    return 0;
}

static triad_status make_triads(const stratum_job *j, const int *group, const pstratum *ps,
                                triad_plan *plan, const long *collab_id, triad_method method,
                                solve_info *info, const triad_plan *const *hist, size_t nhist,
                                size_t nrot, solve_ctl *ctl, triad_error *err)
{
    const profile *p = j->p;
    const triad_spec *spec = p->spec;
    size_t maxm = 0;
    for (size_t g = 0; g < j->k; g++)
        if ((size_t)j->size[g] > maxm)
            maxm = (size_t)j->size[g];
    int *loc = malloc((maxm + 1) * sizeof *loc);     /* collab member -> job local */
    int *cell = malloc((maxm * j->ncat_attrs + 1) * sizeof *cell);
    int *trust = malloc((maxm + 1) * sizeof *trust);
    unsigned char *concern = malloc(maxm + 1);
    double *km = malloc((maxm * maxm + 1) * sizeof *km);
    double *pair = malloc((maxm * maxm + 1) * sizeof *pair);
    unsigned char *kept = calloc(maxm * maxm + 1, 1);
    int *out = malloc((maxm + 1) * sizeof *out);
    double *frac = malloc((j->ncells + 1) * sizeof *frac);
    double *frac_sq = calloc(j->ncat_attrs + 1, sizeof *frac_sq);
    int *tsize = malloc((maxm + 1) * sizeof *tsize); /* at most one triad per two schools */
    triad_status st = TRIAD_OK;
    if (!loc || !cell || !trust || !concern || !km || !pair || !kept || !out || !frac ||
        !frac_sq || !tsize) {
        st = triad_fail_nomem(err);
        goto done;
    }
    for (size_t c = 0; c < j->ncells; c++)
        frac[c] = j->cell_total[c] / (double)j->n;
    for (size_t a = 0, off = 0, ca = 0; a < p->nattr; a++) {
        if (p->attr[a].numeric)
            continue;
        for (size_t c = 0; c < p->attr[a].ncat; c++)
            frac_sq[ca] += frac[off + c] * frac[off + c];
        off += p->attr[a].ncat;
        ca++;
    }
    for (size_t g = 0; g < j->k && st == TRIAD_OK; g++) {
        size_t m = 0;
        for (size_t i = 0; i < j->n; i++)
            if (group[i] == (int)g)
                loc[m++] = (int)i;
        int q = triad_count((int)m, ps->triad_size);
        if (q == 0)
            continue;
        for (int t = 0; t < q; t++)
            tsize[t] = (int)m / q + (t < (int)m % q ? 1 : 0);
        for (size_t a = 0; a < m; a++) {
            long si = j->member[loc[a]];
            memcpy(&cell[a * j->ncat_attrs], &j->cell[(size_t)loc[a] * j->ncat_attrs],
                   j->ncat_attrs * sizeof *cell);
            trust[a] = p->trust[si];
            concern[a] = p->concern[si];
            for (size_t b = 0; b < m; b++) {
                long sb = j->member[loc[b]];
                km[a * m + b] = profile_km(p, (size_t)si, (size_t)sb);
                pair[a * m + b] = history_cost(spec, hist, nhist, nrot, si, sb);
                /* the year before this one, outside the rotation */
                kept[a * m + b] = spec->history_keep > 0 && nhist > nrot && a != b &&
                                  hist[nrot]->triad[si] >= 0 &&
                                  hist[nrot]->triad[si] == hist[nrot]->triad[sb];
            }
        }
        if (method == TRIAD_METHOD_RANDOM || method == TRIAD_METHOD_DEAL ||
            method == TRIAD_METHOD_GEO) {
            for (size_t a = 0, t = 0, f = 0; a < m; a++) { /* consecutive chunks */
                out[a] = (int)t;
                if (++f == (size_t)tsize[t]) {
                    t++;
                    f = 0;
                }
            }
        } else {
            triad_problem tp = {
                .m = m, .ntriads = (size_t)q, .tsize = tsize, .ncat_attrs = j->ncat_attrs,
                .cell = cell, .cat_weight = j->cat_weight, .cell_frac = frac,
                .ncells = j->ncells, .frac_sq = frac_sq, .trust = trust,
                .trust_cap = spec->trust_cap_triad,
                .concern = spec->no_concern_triads ? concern : NULL, .km = km,
                .max_km = spec->triad_max_km, .km_weight = KM_WEIGHT,
                .pair_cost = nhist ? pair : NULL, .stop = &ctl->stop};
            if (spec->history_keep > 0 && nhist > nrot) {
                int last = 0;
                for (size_t a = 0; a < m; a++)
                    for (size_t b = a + 1; b < m; b++)
                        last += kept[a * m + b];
                tp.kept = kept;
                tp.keep_quota = (int)ceil(spec->history_keep * last - 1e-9);
            }
            if (method == TRIAD_METHOD_ILP && m <= 16) {
                ilp_result ir;
                /* the solve's time limit bounds this model too */
                double left = ctl->stop.deadline - partition_now();
                st = ilp_triads(&tp, out, left > 0.05 ? left : 0.05, &ctl->stop, &ir, err);
                if (st != TRIAD_OK)
                    break;
                if (strcmp(ir.status, "optimal") != 0) {
                    snprintf(info->triads, sizeof info->triads, "%s", ir.status);
                    if (isnan(ir.objective) && triads_solve(&tp, out) < 0) {
                        st = triad_fail_nomem(err);
                        break;
                    }
                }
            } else if (triads_solve(&tp, out) < 0) {
                st = triad_fail_nomem(err);
                break;
            }
        }
        long first = -1;
        for (int t = 0; t < q && st == TRIAD_OK; t++) {
            char label[300];
            snprintf(label, sizeof label, "%s.%d", plan->collab_label[collab_id[g]], t + 1);
            long id = plan_add_triad(plan, collab_id[g], label);
            if (id < 0)
                st = triad_fail_nomem(err);
            if (t == 0)
                first = id;
        }
        for (size_t a = 0; a < m && st == TRIAD_OK; a++)
            plan->triad[j->member[loc[a]]] = first + out[a];
        for (size_t a = 0; a < m && st == TRIAD_OK; a++)
            for (size_t b = a + 1; b < m; b++)
                if (out[a] == out[b] &&
                    met_before(hist, nhist, j->member[loc[a]], j->member[loc[b]]))
                    plan->repeats++;
    }
done:
    free(loc);
    free(cell);
    free(trust);
    free(concern);
    free(km);
    free(pair);
    free(kept);
    free(out);
    free(frac);
    free(frac_sq);
    free(tsize);
    if (st == TRIAD_OK && ctl->cancel)
        st = triad_fail(err, TRIAD_ERR_CANCELLED, NULL, 0, 0, "cancelled by the caller");
    return st;
}

/* The lead: the eligible school with the best grade, then the longest-serving
 * head, then the most pupils. */
static int better_lead(const school_rec *a, const school_rec *b)
{
    int ga = a->ofsted ? a->ofsted : 9, gb = b->ofsted ? b->ofsted : 9;
    if (ga != gb)
        return ga < gb;
    double ya = isnan(a->head_years) ? 0 : a->head_years,
           yb = isnan(b->head_years) ? 0 : b->head_years;
    if (ya != yb)
        return ya > yb;
    double pa = isnan(a->pupils) ? 0 : a->pupils, pb = isnan(b->pupils) ? 0 : b->pupils;
    return pa > pb;
}

static void choose_leads(const stratum_job *j, const int *group, triad_plan *plan)
{
    const profile *p = j->p;
    for (size_t g = 0; g < j->k; g++) {
        long best = -1;
        for (size_t i = 0; i < j->n; i++) {
            long si = j->member[i];
            if (group[i] != (int)g || !p->lead_ok[si])
                continue;
            if (best < 0 || better_lead(&p->schools->s[si], &p->schools->s[best]))
                best = si;
        }
        if (best >= 0)
            plan->lead[best] = 1;
    }
}

/* ------------------------------------------------------------- driver */

static triad_status solve_stratum(const profile *p, int k, const triad_solve_options *o,
                                  solve_ctl *ctl, long *local, triad_plan **plans, size_t years,
                                  triad_buf *warn, triad_error *err)
{
    triad_plan *plan = plans[0];
    stratum_job j;
    triad_status st = job_build(&j, p, k, local, warn, err);
    int *group = st == TRIAD_OK ? malloc((j.n + 1) * sizeof *group) : NULL;
    long *collab_id = st == TRIAD_OK ? malloc((j.k + 1) * sizeof *collab_id) : NULL;
    if (st == TRIAD_OK && (!group || !collab_id))
        st = triad_fail_nomem(err);
    triad_method m = o->method;
    int heuristic = m == TRIAD_METHOD_AUTO || m == TRIAD_METHOD_SEARCH || m == TRIAD_METHOD_ILP;
    uint64_t seed = mix_seed(o->seed, (uint64_t)k, 0xABCDu);
    double t_start = partition_now();
    solve_info *info = &plan->info[plan->ninfo++];
    memset(info, 0, sizeof *info);
    snprintf(info->stratum, sizeof info->stratum, "%s", p->strata[k].name);
    static const char *const engines[] = {"search", "search", "random", "deal", "geo", "ilp"};
    snprintf(info->engine, sizeof info->engine, "%s", engines[m]);
    snprintf(info->status, sizeof info->status, "heuristic");
    snprintf(info->triads, sizeof info->triads,
             m == TRIAD_METHOD_ILP ? "optimal" : heuristic ? "exact" : "in order");
    info->bound = info->gap = NAN;
    if (st == TRIAD_OK && !start_assignment(&j, heuristic ? TRIAD_METHOD_DEAL : m, seed, group))
        st = triad_fail_nomem(err);
    if (st == TRIAD_OK && heuristic && j.k > 1)
        st = search(&j, o->seed, k, o->threads, ctl, group, err);
    if (st == TRIAD_OK)
        info->objective = ilp_partition_objective(&j.pp, group);
    int prove = m == TRIAD_METHOD_ILP ||
                (m == TRIAD_METHOD_AUTO && j.n * j.k <= AUTO_ILP_MAX_CELLS);
    if (st == TRIAD_OK && prove && j.k > 1) {
        double left = ctl->stop.deadline - partition_now();
        double secs = m == TRIAD_METHOD_ILP ? left : fmin(left, AUTO_ILP_SECONDS);
        ilp_result ir;
        int *trial = malloc(j.n * sizeof *trial);
        if (!trial)
            st = triad_fail_nomem(err);
        else {
            memcpy(trial, group, j.n * sizeof *trial);
            st = ilp_partition(&j.pp, trial, 1, secs > 0.1 ? secs : 0.1, &ctl->stop, &ir, err);
        }
        if (st == TRIAD_OK) {
            snprintf(info->engine, sizeof info->engine, "%s",
                     m == TRIAD_METHOD_ILP ? "ilp" : "search+ilp");
            snprintf(info->status, sizeof info->status, "%s", ir.status);
            info->bound = ir.bound;
            info->gap = ir.gap;
            /* keep the ILP's answer only when it is strictly better: the
             * search also balances numeric attributes, which the ILP omits */
            if (!isnan(ir.objective) && ir.objective < info->objective - 1e-9) {
                memcpy(group, trial, j.n * sizeof *group);
                info->objective = ir.objective;
            }
            if (!isnan(info->bound) && !isnan(info->objective))
                info->gap = (info->objective - info->bound) / fmax(1.0, fabs(info->objective));
            if (!strcmp(ir.status, "feasible") && info->gap <= 1e-9)
                snprintf(info->status, sizeof info->status, "optimal");
        }
        free(trial);
    }
    if (st == TRIAD_OK && ctl->cancel)
        st = triad_fail(err, TRIAD_ERR_CANCELLED, NULL, 0, 0, "cancelled by the caller");
    /* The collaboratives stay; each year's triads avoid the partners of the
     * years before it and of the given history (most recent first). */
    const triad_plan **hist = malloc((years + o->nhistory + 1) * sizeof *hist);
    if (st == TRIAD_OK && !hist)
        st = triad_fail_nomem(err);
    for (size_t y = 0; st == TRIAD_OK && y < years; y++) {
        triad_plan *py = plans[y];
        size_t nhist = 0;
        for (size_t q = y; q-- > 0;)
            hist[nhist++] = plans[q];
        for (size_t q = 0; q < o->nhistory; q++)
            hist[nhist++] = o->history[q];
        solve_info *iy = info;
        if (y > 0) {
            iy = &py->info[py->ninfo++];
            *iy = *info;
        }
        for (size_t g = 0; st == TRIAD_OK && g < j.k; g++) {
            char label[300];
            snprintf(label, sizeof label, "%s-%02zu", p->strata[k].name, g + 1);
            if ((collab_id[g] = plan_add_collab(py, label)) < 0)
                st = triad_fail_nomem(err);
        }
        for (size_t i = 0; st == TRIAD_OK && i < j.n; i++)
            py->collab[j.member[i]] = collab_id[group[i]];
        if (st == TRIAD_OK)
            st = make_triads(&j, group, &p->strata[k], py, collab_id, m, iy, hist, nhist, y,
                             ctl, err);
        if (st == TRIAD_OK)
            choose_leads(&j, group, py);
        iy->seconds = partition_now() - t_start;
    }
    free(hist);
    free(group);
    free(collab_id);
    job_free(&j);
    return st;
}

/* Must-links across strata cannot hold: say which. */
static triad_status check_links(const profile *p, triad_error *err)
{
    for (size_t k = 0; k < p->nmust; k++) {
        const link_set *l = &p->must[k];
        for (size_t a = 1; a < l->n; a++)
            if (p->stratum[l->school[a]] != p->stratum[l->school[0]])
                return triad_fail(err, TRIAD_ERR_INFEASIBLE, p->spec->source, l->line, 0,
                                  "%s:%ld: must_link joins %s and %s, which are in different "
                                  "strata (or not planned)",
                                  p->spec->source, l->line, p->schools->s[l->school[0]].urn,
                                  p->schools->s[l->school[a]].urn);
    }
    return TRIAD_OK;
}

triad_status triad_solve_years(const triad_schools *schools, const triad_spec *spec,
                               const triad_solve_options *opts, size_t years, triad_plan **plans,
                               triad_error *err)
{
    triad_error_clear(err);
    if (!schools || !plans || years < 1 || years > 50)
        return triad_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                          "schools or plans is NULL, or years is not 1-50");
    for (size_t y = 0; y < years; y++)
        plans[y] = NULL;
    triad_solve_options o;
    triad_solve_options_init(&o);
    if (opts) {
        triad_status vs = triad_check_struct_size(opts->struct_size, sizeof o,
                                                  "triad_solve_options", err);
        if (vs != TRIAD_OK)
            return vs;
        o = *opts;
    }
    if (o.threads < 1 || o.threads > 256 || !(o.time_limit > 0) ||
        (unsigned)o.method > TRIAD_METHOD_ILP || (o.nhistory && !o.history))
        return triad_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                          "options out of range (threads 1-256, time_limit > 0, method, "
                          "history)");
    for (size_t h = 0; h < o.nhistory; h++)
        if (!o.history[h] || o.history[h]->nschools != schools->n)
            return triad_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                              "history plan %zu is not a plan for these schools", h + 1);
    triad_spec *def = NULL;
    triad_status st;
    if (!spec) {
        if ((st = triad_spec_new(&def, err)) != TRIAD_OK)
            return st;
        spec = def;
    }
    profile p;
    st = profile_build(schools, spec, &p, err);
    if (st != TRIAD_OK) {
        triad_spec_free(def);
        return st;
    }
    /* A plan with no school in it is not a plan: check would refuse the
     * file, so solve refuses to write it. */
    size_t planned = 0, opted = 0;
    for (size_t k = 0; k < p.nstrata; k++)
        planned += p.strata[k].n;
    for (size_t i = 0; i < schools->n; i++)
        opted += schools->s[i].opted_out != 0;
    if (planned == 0) {
        st = triad_fail(err, TRIAD_ERR_EMPTY, schools->source, 0, 0,
                        "%s: no school to plan: %zu of %zu schools opted out, the rest are in "
                        "skipped strata",
                        schools->source, opted, schools->n);
        profile_free(&p);
        triad_spec_free(def);
        return st;
    }
    long *local = malloc((schools->n + 1) * sizeof *local);
    if (!local)
        st = triad_fail_nomem(err);
    for (size_t y = 0; y < years && st == TRIAD_OK; y++)
        if (!(plans[y] = plan_new(schools->n)) ||
            !(plans[y]->info = calloc(p.nstrata + 1, sizeof *plans[y]->info)))
            st = triad_fail_nomem(err);
    if (st == TRIAD_OK)
        st = check_links(&p, err);
    solve_ctl ctl = {.progress = o.progress, .user = o.progress_user};
    ctl.t0 = partition_now();
    ctl.next_call = ctl.t0 + POLL_SECONDS;
    ctl.stop.deadline = ctl.t0 + o.time_limit;
    ctl.stop.cancel = &ctl.cancel;
    ctl.stop.poll = ctl_poll;
    ctl.stop.poll_ctx = &ctl;
    triad_buf warn;
    triad_buf_init(&warn);
    double excess = 0;
    for (size_t k = 0; st == TRIAD_OK && k < p.nstrata; k++) {
        if (p.strata[k].n == 0)
            continue;
        st = solve_stratum(&p, (int)k, &o, &ctl, local, plans, years, &warn, err);
        if (st == TRIAD_OK && plans[0]->ninfo)
            excess += plans[0]->info[plans[0]->ninfo - 1].objective;
        ctl.excess = excess;
        if (st == TRIAD_OK && o.progress &&
            o.progress(partition_now() - ctl.t0, excess, o.progress_user) != 0)
            st = triad_fail(err, TRIAD_ERR_CANCELLED, NULL, 0, 0, "cancelled by the caller");
    }
    free(local);
    profile_free(&p);
    triad_spec_free(def);
    for (size_t y = 0; y < years && st == TRIAD_OK; y++) {
        triad_plan *plan = plans[y];
        triad_buf b;
        triad_buf_init(&b);
        for (size_t q = 0; q < plan->ninfo; q++) {
            const solve_info *in = &plan->info[q];
            triad_buf_printf(&b,
                             "stratum %s: %s, %s, excess beyond one %.3f, bound %.3f, gap %.2f%%, "
                             "%.2f s; triads %s\n",
                             in->stratum, in->engine, in->status, in->objective, in->bound,
                             100 * in->gap, in->seconds, in->triads);
        }
        if (years > 1 || o.nhistory)
            triad_buf_printf(&b, "year %zu of %zu: %zu triad pairs met before\n", y + 1, years,
                             plan->repeats);
        if (warn.data)
            triad_buf_puts(&b, warn.data);
        if (b.failed)
            st = triad_fail_nomem(err);
        plan->solver_log = b.data ? b.data : triad_strdup("");
    }
    triad_buf_free(&warn);
    if (st != TRIAD_OK)
        for (size_t y = 0; y < years; y++) {
            triad_plan_free(plans[y]);
            plans[y] = NULL;
        }
    return st;
}

triad_status triad_solve(const triad_schools *schools, const triad_spec *spec,
                         const triad_solve_options *opts, triad_plan **out, triad_error *err)
{
    if (!out)
        return triad_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "out is NULL");
    return triad_solve_years(schools, spec, opts, 1, out, err);
}
