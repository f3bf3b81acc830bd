/* Matching needs to offers with GLPK. Variables x[a] = days along an
 * eligible arc (offer, need); rows: an offer's days, a need's days; when
 * the max_supporters rule or a supporter's max_schools can bind, a binary
 * per (supporter, school) pair opens its arcs (a MIP), else the model is a
 * transportation LP. Two objectives, in order: the most priority-weighted
 * days met; then, with that fixed, support from where the policy prefers
 * and the least travel (km x days). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "core/clock.h"
#include "model/plan_impl.h"
#include "model/schools_impl.h"
#include "solve/glpk_guard.h"

#define POLICY_KM 10000.0 /* a non-preferred source costs as much as this many km */

int broker_causing_concern(const triad_schools *s, size_t i)
{
    const school_rec *r = &s->s[i];
    return r->priority ? r->priority == 3 : r->ofsted >= 3;
}

static double km_between(const triad_schools *s, size_t a, size_t b)
{
    const school_rec *p = &s->s[a], *q = &s->s[b];
    if (isnan(p->x) || isnan(p->y) || isnan(q->x) || isnan(q->y))
        return -1;
    return hypot(p->x - q->x, p->y - q->y) / 1000.0;
}

int broker_eligible(const triad_schools *s, const triad_market *m, const offer *o, const need *d,
                    const triad_broker_options *opts, double *km)
{
    (void)m;
    const school_rec *sup = &s->s[o->school], *sch = &s->s[d->school];
    *km = km_between(s, o->school, d->school);
    if (o->school == d->school)
        return WHY_SELF;
    if (!o->despite_concern && broker_causing_concern(s, o->school))
        return WHY_CONCERN;
    if (opts->min_grade > 0 && (sup->ofsted == 0 || sup->ofsted > opts->min_grade))
        return WHY_GRADE;
    if (opts->max_km > 0 && *km > opts->max_km)
        return WHY_TRAVEL;
    if (opts->not_same_trust && sup->trust[0] && strcmp(sup->trust, sch->trust) == 0)
        return WHY_TRUST;
    return WHY_OK;
}

typedef struct arc {
    size_t offer, need;
    double km, weight, cost; /* weight: priority; cost: policy + km */
    long pair;               /* its (supporter, school) pair, -1 in the LP */
} arc;

/* GLPK callback: the rounding's plan as the MIP's first incumbent, and
 * the caller's progress callback, which may cancel. */
typedef struct broker_mip_ctx {
    const double *start; /* 1-based column values */
    int given;
    triad_progress_fn progress;
    void *user;
    double t0, next_call, best;
    int cancelled;
} broker_mip_ctx;

static void broker_mip_cb(glp_tree *T, void *info)
{
    broker_mip_ctx *c = info;
    if (glp_ios_reason(T) == GLP_IHEUR && !c->given) {
        c->given = 1;
        glp_ios_heur_sol(T, c->start);
    }
    if (!c->progress || c->cancelled)
        return;
    double now = clock_now();
    if (now < c->next_call)
        return;
    c->next_call = now + 0.2;
    glp_prob *P = glp_ios_get_prob(T);
    if (glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT)
        c->best = fmax(c->best, glp_mip_obj_val(P));
    if (c->progress(now - c->t0, c->best, c->user) != 0) {
        c->cancelled = 1;
        glp_ios_terminate(T);
    }
}

typedef struct arc_key {
    size_t sup, sch, k;
} arc_key;

static int cmp_arc_key(const void *x, const void *y)
{
    const arc_key *p = x, *q = y;
    if (p->sup != q->sup)
        return p->sup < q->sup ? -1 : 1;
    if (p->sch != q->sch)
        return p->sch < q->sch ? -1 : 1;
    return (p->k > q->k) - (p->k < q->k);
}

/* CSR buckets: items 0..n-1 under keys 0..nkeys-1 (key_of[i]); start has
 * nkeys + 1 entries, items the grouped indexes. 0 on allocation failure. */
static int bucket(const size_t *key_of, size_t n, size_t nkeys, size_t **start, size_t **items)
{
    *start = calloc(nkeys + 2, sizeof **start);
    *items = malloc((n + 1) * sizeof **items);
    size_t *fill = calloc(nkeys + 1, sizeof *fill);
    int ok = *start && *items && fill;
    if (!ok)
        goto done;
    for (size_t i = 0; i < n; i++)
        (*start)[key_of[i] + 1]++;
    for (size_t q = 0; q < nkeys; q++)
        (*start)[q + 1] += (*start)[q];
    for (size_t i = 0; i < n; i++)
        (*items)[(*start)[key_of[i]] + fill[key_of[i]]++] = i;
done:
    free(fill);
    if (!ok) {
        free(*start);
        free(*items);
        *start = NULL;
        *items = NULL;
    }
    return ok;
}

typedef struct pair_ref {
    size_t sup, sch;
} pair_ref;

/* Arc order for the greedy fallback: higher priority, then nearer (and the
 * sort key carries what it needs: qsort has no context argument). */
typedef struct greedy_key {
    double weight, cost;
    size_t k;
} greedy_key;

static int cmp_greedy(const void *x, const void *y)
{
    const greedy_key *p = x, *q = y;
    if (p->weight != q->weight)
        return p->weight > q->weight ? -1 : 1;
    if (p->cost != q->cost)
        return p->cost < q->cost ? -1 : 1;
    return (p->k > q->k) - (p->k < q->k);
}

/* A feasible brokerage without the LP: arcs in order, each as many days as
 * its offer and need have left, a pair only while the supporters rule and
 * max_schools allow. x receives the days per arc. 0 on allocation failure. */
static int greedy(const triad_market *m, const arc *a, size_t na, const pair_ref *pr, size_t np,
                  const triad_broker_options *o, const int *max_sch, size_t nschools, double *x)
{
    greedy_key *order = malloc((na + 1) * sizeof *order);
    double *offer_left = malloc((m->noffers + 1) * sizeof *offer_left);
    double *need_left = malloc((m->nneeds + 1) * sizeof *need_left);
    unsigned char *open = calloc(np + 1, 1);
    size_t *per_sch = calloc(nschools + 1, sizeof *per_sch);
    size_t *per_sup = calloc(nschools + 1, sizeof *per_sup);
    int ok = order && offer_left && need_left && open && per_sch && per_sup;
    for (size_t k = 0; ok && k < na; k++) {
        order[k] = (greedy_key){a[k].weight, a[k].cost, k};
        x[k] = 0;
    }
    for (size_t q = 0; ok && q < m->noffers; q++)
        offer_left[q] = m->offers[q].days;
    for (size_t d = 0; ok && d < m->nneeds; d++)
        need_left[d] = m->needs[d].days;
    if (ok)
        qsort(order, na, sizeof *order, cmp_greedy);
    for (size_t r = 0; ok && r < na; r++) {
        const arc *c = &a[order[r].k];
        double days = fmin(offer_left[c->offer], need_left[c->need]);
        if (days <= 0)
            continue;
        size_t p = (size_t)c->pair;
        if (!open[p]) {
            if (per_sch[pr[p].sch] >= (size_t)o->max_supporters ||
                (max_sch[pr[p].sup] > 0 && per_sup[pr[p].sup] >= (size_t)max_sch[pr[p].sup]))
                continue;
            open[p] = 1;
            per_sch[pr[p].sch]++;
            per_sup[pr[p].sup]++;
        }
        x[order[r].k] = days;
        offer_left[c->offer] -= days;
        need_left[c->need] -= days;
    }
    free(order);
    free(offer_left);
    free(need_left);
    free(open);
    free(per_sch);
    free(per_sup);
    return ok;
}

triad_status triad_broker(const triad_schools *s, const triad_plan *plan, const triad_market *m,
                          const triad_broker_options *opts, triad_brokerage **out, triad_error *err)
{
    triad_error_clear(err);
    double t0 = clock_now();
    if (!s || !m || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, market or out is NULL");
    *out = NULL;
    triad_broker_options o;
    triad_broker_options_init(&o);
    if (opts) {
        triad_status vs =
            triad_i_check_struct_size(opts->struct_size, sizeof o, "triad_broker_options", err);
        if (vs != TRIAD_OK)
            return vs;
        o = *opts;
    }
    if (o.max_supporters < 1 || o.max_supporters > 100 || o.min_grade < 0 || o.min_grade > 4 ||
        !(o.max_km >= 0) || o.max_km > 1000 || (unsigned)o.policy > TRIAD_BROKER_ACROSS ||
        !(o.time_limit > 0))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "broker options out of range (max_supporters 1-100, min_grade 0-4, "
                            "max_km 0-1000, policy, time_limit > 0)");
    if (m->nschools != s->n || (plan && plan->nschools != s->n))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the market or plan was read for other schools");
    if (o.policy != TRIAD_BROKER_ANY && !plan)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "policy within/across needs the plan (which collaborative is whose)");
    /* everything this call owns, released once at `done` */
    triad_brokerage *b = brokerage_new(s, m, &o);
    arc *a = NULL;
    pair_ref *pr = NULL;
    size_t *sup_per_school = NULL, *sch_per_sup = NULL;
    int *max_sch = NULL, *ind = NULL;
    double *val = NULL, *xval = NULL;
    arc_key *keys = NULL;
    size_t na = 0, np = 0;
    int mip = 0;
    triad_status st = b ? TRIAD_OK : triad_i_fail_nomem(err);
    /* the eligible arcs: counted first, so memory follows the arcs, not
     * offers x needs */
    for (int pass = 0; pass < 2 && st == TRIAD_OK; pass++) {
        if (pass && !(a = malloc((na + 1) * sizeof *a))) {
            st = triad_i_fail_nomem(err);
            break;
        }
        na = 0;
        for (size_t q = 0; q < m->noffers; q++)
            for (size_t d = 0; d < m->nneeds; d++) {
                const offer *of = &m->offers[q];
                const need *nd = &m->needs[d];
                double km;
                if (of->area != nd->area || broker_eligible(s, m, of, nd, &o, &km) != WHY_OK)
                    continue;
                if (pass) {
                    double pen = 0;
                    if (o.policy != TRIAD_BROKER_ANY) {
                        long cs = plan->collab[of->school], cn = plan->collab[nd->school];
                        int same = cs >= 0 && cs == cn;
                        pen = (o.policy == TRIAD_BROKER_WITHIN) != same ? POLICY_KM : 0;
                    }
                    a[na] = (arc){q, d, km, (double)nd->priority, pen + (km > 0 ? km : 0), -1};
                }
                na++;
            }
    }
    /* (supporter, school) pairs, and whether any rule on them can bind */
    if (st == TRIAD_OK) {
        pr = malloc((na + 1) * sizeof *pr);
        sup_per_school = calloc(s->n + 1, sizeof *sup_per_school);
        sch_per_sup = calloc(s->n + 1, sizeof *sch_per_sup);
        max_sch = calloc(s->n + 1, sizeof *max_sch);
        keys = malloc((na + 1) * sizeof *keys);
        if (!pr || !sup_per_school || !sch_per_sup || !max_sch || !keys)
            st = triad_i_fail_nomem(err);
    }
    for (size_t q = 0; st == TRIAD_OK && q < m->noffers; q++)
        if (m->offers[q].max_schools > 0) {
            int *mx = &max_sch[m->offers[q].school];
            *mx = *mx ? (*mx < m->offers[q].max_schools ? *mx : m->offers[q].max_schools)
                      : m->offers[q].max_schools;
        }
    /* pairs by sorting the arcs' (supporter, school): O(arcs log arcs),
     * England-sized markets have hundreds of thousands of arcs */
    for (size_t k = 0; st == TRIAD_OK && k < na; k++)
        keys[k] = (arc_key){m->offers[a[k].offer].school, m->needs[a[k].need].school, k};
    if (st == TRIAD_OK)
        qsort(keys, na, sizeof *keys, cmp_arc_key);
    for (size_t r = 0; st == TRIAD_OK && r < na; r++) {
        if (r == 0 || keys[r].sup != keys[r - 1].sup || keys[r].sch != keys[r - 1].sch) {
            pr[np++] = (pair_ref){keys[r].sup, keys[r].sch};
            sup_per_school[keys[r].sch]++;
            sch_per_sup[keys[r].sup]++;
        }
        a[keys[r].k].pair = (long)(np - 1);
    }
    for (size_t i = 0; st == TRIAD_OK && i < s->n; i++)
        mip |= sup_per_school[i] > (size_t)o.max_supporters ||
               (max_sch[i] > 0 && sch_per_sup[i] > (size_t)max_sch[i]);
    if (st != TRIAD_OK)
        goto done;
    snprintf(b->engine, sizeof b->engine, "%s", mip ? "mip" : "lp");
    if (na == 0) {
        snprintf(b->status, sizeof b->status, "optimal"); /* nothing can be matched */
        st = brokerage_score(b, s, plan, err);
        goto done;
    }
    ind = malloc((na + np + 2) * sizeof *ind);
    val = malloc((na + np + 2) * sizeof *val);
    xval = malloc((na + 1) * sizeof *xval);
    b->m = malloc((na + 1) * sizeof *b->m);
    if (!ind || !val || !xval || !b->m) {
        st = triad_i_fail_nomem(err);
        goto done;
    }
    volatile int cancelled = 0; /* by the progress callback, in the MIP */
    glpk_guard g;
    glpk_enter(&g);
    if (setjmp(g.jump)) { /* the pointers were all set before this point */
        st = glpk_failed(&g, err);
        goto done;
    }
    glp_prob *P = glp_create_prob();
    glp_set_obj_dir(P, GLP_MAX);
    glp_add_cols(P, (int)na); /* the pair switches come later, if the rounding needs them */
    for (size_t k = 0; k < na; k++) {
        glp_set_col_bnds(P, (int)k + 1, GLP_LO, 0, 0);
        glp_set_obj_coef(P, (int)k + 1, a[k].weight);
    }
    /* an offer's days, a need's days */
    for (int side = 0; side < 2; side++) {
        size_t count = side ? m->nneeds : m->noffers;
        size_t *key_of = malloc((na + 1) * sizeof *key_of), *start = NULL, *items = NULL;
        if (key_of)
            for (size_t k = 0; k < na; k++)
                key_of[k] = side ? a[k].need : a[k].offer;
        if (!key_of || !bucket(key_of, na, count, &start, &items)) {
            free(key_of);
            glp_error("out of memory building the rows\n"); /* longjmps to the guard */
        }
        free(key_of);
        for (size_t r = 0; r < count; r++) {
            int len = 0;
            for (size_t e = start[r]; e < start[r + 1]; e++) {
                ind[++len] = (int)items[e] + 1;
                val[len] = 1;
            }
            if (!len)
                continue;
            int row = glp_add_rows(P, 1);
            double cap_days = side ? m->needs[r].days : m->offers[r].days;
            glp_set_row_bnds(P, row, GLP_UP, 0, cap_days);
            glp_set_mat_row(P, row, len, ind, val);
        }
        free(start);
        free(items);
    }
    glp_smcp lp;
    glp_init_smcp(&lp);
    lp.msg_lev = GLP_MSG_OFF;
    lp.tm_lim = (int)fmin(o.time_limit * 400, 2e9); /* each LP may take 40% of the time */
    /* first objective: weighted days met; the relaxation bounds it */
    int ok = glp_simplex(P, &lp) == 0 && glp_get_status(P) == GLP_OPT;
    double relax = ok ? glp_get_obj_val(P) : NAN;
    double first = ok ? relax : NAN;
    snprintf(b->status, sizeof b->status, "%s", ok ? "optimal" : "no solution");
    if (ok && mip) {
        /* Rounding: each school keeps the supporters that carry the most of
         * its days in the relaxation (at most K; a supporter at most its
         * max_schools). Fixing them leaves a transportation LP: a feasible
         * plan at once, and the MIP's start. */
        double *flow = calloc(np + 1, sizeof *flow);
        size_t *order = malloc((np + 1) * sizeof *order);
        size_t *per_sch = calloc(s->n + 1, sizeof *per_sch),
               *per_sup = calloc(s->n + 1, sizeof *per_sup);
        double *start = calloc(na + np + 2, sizeof *start);
        unsigned char *open = calloc(np + 1, 1);
        if (!flow || !order || !per_sch || !per_sup || !start || !open) {
            ok = 0;
        } else {
            for (size_t k = 0; k < na; k++)
                flow[a[k].pair] += glp_get_col_prim(P, (int)k + 1);
            for (size_t p = 0; p < np; p++)
                order[p] = p;
            for (size_t x = 1; x < np; x++) /* by flow, largest first; stable */
                for (size_t y = x; y > 0 && flow[order[y]] > flow[order[y - 1]]; y--) {
                    size_t t = order[y];
                    order[y] = order[y - 1];
                    order[y - 1] = t;
                }
            for (size_t q = 0; q < np; q++) {
                size_t p = order[q];
                if (flow[p] <= 1e-9 || per_sch[pr[p].sch] >= (size_t)o.max_supporters ||
                    (max_sch[pr[p].sup] > 0 && per_sup[pr[p].sup] >= (size_t)max_sch[pr[p].sup]))
                    continue;
                open[p] = 1;
                per_sch[pr[p].sch]++;
                per_sup[pr[p].sup]++;
            }
            for (size_t k = 0; k < na; k++) /* closed pairs carry nothing */
                if (!open[a[k].pair])
                    glp_set_col_bnds(P, (int)k + 1, GLP_FX, 0, 0);
            ok = glp_simplex(P, &lp) == 0 && glp_get_status(P) == GLP_OPT;
            first = ok ? glp_get_obj_val(P) : NAN;
            snprintf(b->status, sizeof b->status, "feasible");
            for (size_t k = 0; ok && k < na; k++)
                start[k + 1] = glp_get_col_prim(P, (int)k + 1);
            for (size_t p = 0; p < np; p++)
                start[na + p + 1] = open[p];
            if (ok && relax - first <= 1e-7 * fmax(1.0, relax)) {
                snprintf(b->status, sizeof b->status, "optimal"); /* the rounding is optimal */
            } else if (ok) {
                /* the MIP, started from the rounding, for the rest of the time */
                for (size_t k = 0; k < na; k++)
                    glp_set_col_bnds(P, (int)k + 1, GLP_LO, 0, 0);
                {
                    glp_add_cols(P, (int)np);
                    /* an arc carries days only when its pair is open: x <= big * y */
                    for (size_t k = 0; k < na; k++) {
                        double big = fmin(m->offers[a[k].offer].days, m->needs[a[k].need].days);
                        ind[1] = (int)k + 1;
                        val[1] = 1;
                        ind[2] = (int)(na + (size_t)a[k].pair + 1);
                        val[2] = -big;
                        int row = glp_add_rows(P, 1);
                        glp_set_row_bnds(P, row, GLP_UP, 0, 0);
                        glp_set_mat_row(P, row, 2, ind, val);
                    }
                    /* at most K supporters a school, at most max_schools schools a supporter */
                    for (int side = 0; side < 2; side++) {
                        size_t *key_of = malloc((np + 1) * sizeof *key_of), *pst = NULL,
                               *pit = NULL;
                        if (key_of)
                            for (size_t p = 0; p < np; p++)
                                key_of[p] = side ? pr[p].sup : pr[p].sch;
                        if (!key_of || !bucket(key_of, np, s->n, &pst, &pit)) {
                            free(key_of);
                            glp_error("out of memory building the rows\n");
                        }
                        free(key_of);
                        for (size_t i = 0; i < s->n; i++) {
                            int len = 0;
                            for (size_t e = pst[i]; e < pst[i + 1]; e++) {
                                ind[++len] = (int)(na + pit[e] + 1);
                                val[len] = 1;
                            }
                            int limit = side ? max_sch[i] : o.max_supporters;
                            if (!len || limit <= 0 || len <= limit)
                                continue;
                            int row = glp_add_rows(P, 1);
                            glp_set_row_bnds(P, row, GLP_UP, 0, limit);
                            glp_set_mat_row(P, row, len, ind, val);
                        }
                        free(pst);
                        free(pit);
                    }
                }
                for (size_t p = 0; p < np; p++)
                    glp_set_col_kind(P, (int)(na + p + 1), GLP_BV);
                glp_iocp ip;
                glp_init_iocp(&ip);
                ip.msg_lev = GLP_MSG_OFF;
                ip.presolve = GLP_OFF; /* so the start is in our columns */
                ip.tm_lim = (int)fmin(o.time_limit * 500, 2e9);
                broker_mip_ctx ctx = {start, 0, o.progress, o.progress_user, t0, 0, first, 0};
                ip.cb_func = broker_mip_cb;
                ip.cb_info = &ctx;
                if (glp_simplex(P, &lp) == 0 && glp_intopt(P, &ip) == 0) {
                    int ms = glp_mip_status(P);
                    double v = ms == GLP_OPT || ms == GLP_FEAS ? glp_mip_obj_val(P) : -INFINITY;
                    if (v >= first - 1e-9) {
                        first = v;
                        for (size_t p = 0; p < np; p++)
                            open[p] = glp_mip_col_val(P, (int)(na + p + 1)) > 0.5;
                        if (ms == GLP_OPT) {
                            relax = first; /* proven */
                            snprintf(b->status, sizeof b->status, "optimal");
                        }
                    }
                }
                if (ctx.cancelled) {
                    cancelled = 1;
                    ok = 0;
                } else {
                    for (size_t p = 0; p < np;
                         p++) { /* the chosen pairs, for the second objective */
                        glp_set_col_kind(P, (int)(na + p + 1), GLP_CV);
                        glp_set_col_bnds(P, (int)(na + p + 1), GLP_FX, open[p], open[p]);
                    }
                    for (size_t k = 0; k < na; k++)
                        if (!open[a[k].pair])
                            glp_set_col_bnds(P, (int)k + 1, GLP_FX, 0, 0);
                    ok = glp_simplex(P, &lp) == 0 && glp_get_status(P) == GLP_OPT;
                }
            }
        }
        free(flow);
        free(order);
        free(per_sch);
        free(per_sup);
        free(start);
        free(open);
    }
    for (size_t k = 0; k < na; k++) /* the first objective's answer, kept if the second fails */
        xval[k] = ok ? glp_get_col_prim(P, (int)k + 1) : NAN;
    if (ok) {
        /* second, an LP (the supporter pairs fixed): keep the first to a hair,
         * prefer the policy's sources, then the least travel */
        for (size_t k = 0; k < na; k++) {
            ind[k + 1] = (int)k + 1;
            val[k + 1] = a[k].weight;
        }
        int row = glp_add_rows(P, 1);
        glp_set_row_bnds(P, row, GLP_LO, first - 1e-7 * fmax(1.0, fabs(first)), 0);
        glp_set_mat_row(P, row, (int)na, ind, val);
        glp_set_obj_dir(P, GLP_MIN);
        for (size_t k = 0; k < na; k++)
            glp_set_obj_coef(P, (int)k + 1, a[k].cost);
        int ok2 = glp_simplex(P, &lp) == 0 && glp_get_status(P) == GLP_OPT;
        for (size_t k = 0; ok2 && k < na; k++)
            xval[k] = glp_get_col_prim(P, (int)k + 1);
    }
    glp_delete_prob(P);
    glpk_leave(&g);
    if (cancelled) {
        st = triad_i_fail(err, TRIAD_ERR_CANCELLED, NULL, 0, 0, "cancelled by the caller");
        goto done;
    }
    if (!ok) {
        /* The LP did not finish in its time: a plan all the same, greedily
         * (most urgent needs first, nearest supporters first), said so, with
         * the rules kept. */
        if (!greedy(m, a, na, pr, np, &o, max_sch, s->n, xval)) {
            st = triad_i_fail_nomem(err);
            goto done;
        }
        ok = 1;
        first = 0;
        for (size_t k = 0; k < na; k++)
            first += a[k].weight * xval[k];
        relax = NAN;
        snprintf(b->status, sizeof b->status, "greedy (time limit)");
    }
    b->objective = first;
    b->bound = relax;
    b->gap = isnan(first) || isnan(relax) ? NAN : (relax - first) / fmax(1.0, fabs(relax));
    /* never silent: a plan the time limit kept from being proven best */
    int said = 1;
    if (isnan(relax))
        said = lines_add(&b->warn, &b->nwarn,
                         "the time limit of %g s stopped the LP before it finished: the plan is "
                         "greedy (most urgent needs first, every rule kept), not proven best; "
                         "raise --time-limit",
                         o.time_limit);
    else if (b->gap > 1e-9)
        said = lines_add(&b->warn, &b->nwarn,
                         "the time limit of %g s stopped the MIP before it proved its plan "
                         "best: priority-weighted days %.2f, bound %.2f (gap %.2f%%); raise "
                         "--time-limit",
                         o.time_limit, first, relax, 100 * b->gap);
    if (!said) {
        st = triad_i_fail_nomem(err);
        goto done;
    }
    /* the matches, rounded to a hundredth of a day */
    for (size_t k = 0; ok && k < na; k++) {
        double days = round(xval[k] * 100) / 100;
        if (days > 0)
            b->m[b->nmatch++] = (match){a[k].offer, a[k].need, days, a[k].km};
    }
    st = brokerage_score(b, s, plan, err);
done:
    free(ind);
    free(val);
    free(xval);
    free(keys);
    free(a);
    free(pr);
    free(sup_per_school);
    free(sch_per_sup);
    free(max_sch);
    if (st != TRIAD_OK) {
        triad_brokerage_free(b);
        return st;
    }
    *out = b;
    return TRIAD_OK;
}

void triad_broker_options_init(triad_broker_options *o)
{
    memset(o, 0, sizeof *o);
    o->struct_size = sizeof *o;
    o->max_supporters = 2;
    o->time_limit = 10.0;
    o->policy = TRIAD_BROKER_ANY;
}
