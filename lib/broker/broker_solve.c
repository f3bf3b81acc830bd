/* Matching needs to offers with GLPK (the model: broker_model.c). Stages,
 * under one deadline for the whole call:
 *   1. the LP relaxation: the answer when no cap can bind (a transportation
 *      problem, integral), else the first bound;
 *   2. rounding: each school keeps the supporters carrying most of its days
 *      in the LP, within the caps; the LP over those pairs is a feasible
 *      plan at once and the MIP's start;
 *   2b. the plan's supporters moved one school at a time where the LP's
 *      prices say it meets more (broker_improve.c);
 *   2c. a bound by columns, one per school's choice (broker_price.c),
 *      which may prove the plan, and a dive over them for another plan;
 *   3. the MIP (cuts on, started from the best plan) for the time left; any
 *      plan it finds is kept whatever stopped it, and its best bound is the
 *      bound reported;
 *   4. with the pairs fixed, the least cost (policy, then km x days) among
 *      plans that meet as many priority-weighted days.
 * If even the LP cannot finish, a greedy plan that keeps every rule, said so. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "core/clock.h"
#include "model/schools_impl.h"
#include "solve/glpk_guard.h"

#include "broker/broker_run.h"

/* Milliseconds left before the deadline, less a reserve. */
static int ms_left(const broker_run *r, double reserve)
{
    double left = r->deadline - clock_now() - reserve * r->o.time_limit;
    return (int)fmax(0, fmin(left * 1000, 2e9)); /* 0: GLPK stops at once */
}

static int simplex_meth(glp_prob *P, const broker_run *r, double reserve, int meth)
{
    glp_smcp lp;
    glp_init_smcp(&lp);
    lp.msg_lev = GLP_MSG_OFF;
    lp.meth = meth;
    lp.tm_lim = ms_left(r, reserve);
    return glp_simplex(P, &lp) == 0 && glp_get_status(P) == GLP_OPT;
}

int broker_simplex(glp_prob *P, const broker_run *r, double reserve)
{
    return simplex_meth(P, r, reserve, GLP_PRIMAL);
}

/* The chosen pairs fixed: the arcs of a closed pair carry nothing, and
 * once the caps are in the model their switches hold the choice. */
void broker_fix_pairs(glp_prob *P, const broker_run *r)
{
    const broker_arcs *g = &r->g;
    for (size_t k = 0; k < g->na; k++)
        if (!r->open[g->a[k].pair])
            glp_set_col_bnds(P, (int)k + 1, GLP_FX, 0, 0);
    if (!r->caps_in)
        return;
    for (size_t p = 0; p < g->np; p++)
        if (g->pair_col[p])
            glp_set_col_bnds(P, (int)g->pair_col[p], GLP_FX, r->open[p], r->open[p]);
}

static int cmp_flow_desc(const void *x, const void *y)
{
    const double *a = x, *b = y; /* (flow, pair) */
    if (a[0] != b[0])
        return a[0] > b[0] ? -1 : 1;
    return (a[1] > b[1]) - (a[1] < b[1]);
}

/* Adds the row "priority-weighted days >= days" (less a hair, so the
 * simplex's tolerance cannot make it infeasible) and turns the objective
 * to the least rota and travel cost: the second objective may choose only
 * among plans as good on the first. Returns the row, 0 when out of memory
 * (P unchanged). */
static int hold_days_minimise_cost(glp_prob *P, const broker_arcs *g, double days)
{
    int *ind = malloc((g->na + 1) * sizeof *ind);
    double *val = malloc((g->na + 1) * sizeof *val);
    int row = 0;
    if (ind && val) {
        for (size_t k = 0; k < g->na; k++) {
            ind[k + 1] = (int)k + 1;
            val[k + 1] = g->a[k].weight;
        }
        row = glp_add_rows(P, 1);
        glp_set_row_bnds(P, row, GLP_LO, days - 1e-7 * fmax(1.0, fabs(days)), 0);
        glp_set_mat_row(P, row, (int)g->na, ind, val);
        glp_set_obj_dir(P, GLP_MIN);
        for (size_t k = 0; k < g->na; k++)
            glp_set_obj_coef(P, (int)k + 1, g->a[k].cost);
    }
    free(ind);
    free(val);
    return row;
}

/* Stage 1b: among the flows that meet the LP's days, the one the policy,
 * the rota and travel prefer (the second objective, uncapped), so the
 * rounding keeps the preferred supporters when several are as good. The
 * model is left as it was; a failure leaves the first flow. */
static void prefer_among_best(glp_prob *P, broker_run *r)
{
    const broker_arcs *g = &r->g;
    int row = hold_days_minimise_cost(P, g, r->relax);
    if (!row)
        return;
    int ok = broker_simplex(P, r, 3 * SECOND_OBJECTIVE_SHARE);
    /* the flow of this LP stays in P's columns for the rounding to read;
     * the objective and the row go back */
    double *x = ok ? malloc((g->na + 1) * sizeof *x) : NULL;
    for (size_t k = 0; x && k < g->na; k++)
        x[k] = glp_get_col_prim(P, (int)k + 1);
    glp_set_obj_dir(P, GLP_MAX);
    for (size_t k = 0; k < g->na; k++)
        glp_set_obj_coef(P, (int)k + 1, g->a[k].weight);
    /* the row is freed, not deleted: the basis stays valid for the next LP */
    glp_set_row_bnds(P, row, GLP_FR, 0, 0);
    r->preferred = x; /* read by the rounding, freed by the caller */
}

/* The LP just solved over the pairs of r->open is the plan to beat: its
 * value, and its columns as the MIP's start. */
void broker_take_start(glp_prob *P, broker_run *r)
{
    const broker_arcs *g = &r->g;
    r->first = glp_get_obj_val(P);
    for (size_t k = 0; k < g->na; k++)
        r->start[k + 1] = glp_get_col_prim(P, (int)k + 1);
    for (size_t p = 0; p < g->np; p++)
        if (g->pair_col[p])
            r->start[g->pair_col[p]] = r->open[p];
}

/* Stage 2. 1 when the rounding's LP solved; r->first, r->start set. */
static int round_pairs(glp_prob *P, broker_run *r)
{
    const broker_arcs *g = &r->g;
    double *flow = calloc(2 * g->np + 2, sizeof *flow);
    size_t *per_sch = calloc(r->s->n + 1, sizeof *per_sch),
           *per_sup = calloc(r->s->n + 1, sizeof *per_sup);
    int ok = flow && per_sch && per_sup;
    for (size_t p = 0; ok && p < g->np; p++)
        flow[2 * p + 1] = (double)p;
    for (size_t k = 0; ok && k < g->na; k++) /* the preferred flow where there is one */
        flow[2 * (size_t)g->a[k].pair] +=
            r->preferred ? r->preferred[k] : glp_get_col_prim(P, (int)k + 1);
    if (ok)
        qsort(flow, g->np, 2 * sizeof *flow, cmp_flow_desc);
    for (size_t p = 0; ok && g->forced && p < g->np; p++) /* matches under way first */
        if (g->forced[p] && g->pair_col[p]) {
            r->open[p] = 1;
            per_sch[g->pr[p].sch]++;
            per_sup[g->pr[p].sup]++;
        }
    for (size_t q = 0; ok && q < g->np; q++) {
        size_t p = (size_t)flow[2 * q + 1], sup = g->pr[p].sup, sch = g->pr[p].sch;
        if (g->forced && g->forced[p])
            continue;                 /* open already */
        r->open[p] = !g->pair_col[p]; /* uncapped pairs are always open */
        if (!g->pair_col[p] || flow[2 * q] <= 1e-9 || per_sch[sch] >= (size_t)r->o.max_supporters ||
            (g->max_sch[sup] > 0 && per_sup[sup] >= (size_t)g->max_sch[sup]))
            continue;
        r->open[p] = 1;
        per_sch[sch]++;
        per_sup[sup]++;
    }
    free(flow);
    free(per_sch);
    free(per_sup);
    if (!ok)
        return 0;
    broker_fix_pairs(P, r);
    if (!broker_simplex(P, r, SECOND_OBJECTIVE_SHARE))
        return 0;
    broker_take_start(P, r);
    return 1;
}

/* GLPK's callback in the MIP: the rounding as the first incumbent, the
 * best bound as it tightens, the caller's progress (which may cancel), and
 * a stop once a whole-number optimum is proved by the bound. */
typedef struct mip_ctx {
    broker_run *r;
    int given;
    double next_call, best;
} mip_ctx;

static void mip_callback(glp_tree *T, void *info)
{
    mip_ctx *c = info;
    broker_run *r = c->r;
    if (glp_ios_reason(T) == GLP_IHEUR && !c->given) {
        c->given = 1;
        glp_ios_heur_sol(T, r->start);
    }
    int node = glp_ios_best_node(T);
    if (node)
        r->bound = fmin(r->bound, glp_ios_node_bound(T, node));
    glp_prob *P = glp_ios_get_prob(T);
    int ms = glp_mip_status(P);
    if (ms == GLP_FEAS || ms == GLP_OPT)
        c->best = fmax(c->best, glp_mip_obj_val(P));
    if (r->integral && c->best >= floor(r->bound + 1e-6) - 1e-6) {
        glp_ios_terminate(T); /* nothing better than a whole number above it */
        return;
    }
    if (!r->o.progress || r->cancelled)
        return;
    double now = clock_now();
    if (now < c->next_call)
        return;
    c->next_call = now + 0.2;
    if (r->o.progress(now - r->t0, c->best, r->o.progress_user) != 0) {
        r->cancelled = 1;
        glp_ios_terminate(T);
    }
}

/* Every arc free again, then the pairs of r->open fixed. */
void broker_refix_pairs(glp_prob *P, const broker_run *r)
{
    for (size_t k = 0; k < r->g.na; k++)
        glp_set_col_bnds(P, (int)k + 1, GLP_LO, broker_arc_lo(&r->g, k), 0);
    broker_fix_pairs(P, r);
}

/* Stage 3: the MIP from the best plan. Keeps any better plan GLPK found,
 * whether it finished, ran out of time or was stopped. */
static void run_mip(glp_prob *P, broker_run *r)
{
    const broker_arcs *g = &r->g;
    for (size_t k = 0; k < g->na; k++)
        glp_set_col_bnds(P, (int)k + 1, GLP_LO, broker_arc_lo(g, k), 0);
    broker_model_add_caps(P, r->s, r->m, g, &r->o, 1, 0);
    r->caps_in = 1;
    /* the rounding's basis stays optimal in its columns; the new rows
     * leave it dual feasible: the dual simplex starts from there */
    if (!simplex_meth(P, r, SECOND_OBJECTIVE_SHARE, GLP_DUALP))
        return;
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_OFF; /* the start is in our columns */
    ip.mir_cuts = GLP_ON;  /* the caps' rows: MIR closes most of the gap */
    ip.cov_cuts = GLP_ON;
    ip.clq_cuts = GLP_ON;
    ip.tm_lim = ms_left(r, SECOND_OBJECTIVE_SHARE);
    mip_ctx ctx = {r, 0, 0, r->first};
    ip.cb_func = mip_callback;
    ip.cb_info = &ctx;
    r->mip_ran = 1;
    int ret = glp_intopt(P, &ip);
    int ms = glp_mip_status(P);
    if (ms == GLP_OPT || ms == GLP_FEAS) {
        double v = glp_mip_obj_val(P);
        if (v >= r->first - 1e-9) {
            r->first = v;
            for (size_t k = 0; k < g->na; k++)
                r->start[k + 1] = glp_mip_col_val(P, (int)k + 1);
            for (size_t p = 0; p < g->np; p++)
                r->open[p] = !g->pair_col[p] || glp_mip_col_val(P, (int)g->pair_col[p]) > 0.5;
        }
    }
    if (ret == 0 && ms == GLP_OPT && !r->cancelled)
        r->bound = fmin(r->bound, r->first); /* the tree is exhausted: proved */
    for (size_t p = 0; p < g->np; p++)
        if (g->pair_col[p])
            glp_set_col_kind(P, (int)g->pair_col[p], GLP_CV);
}

/* Stage 4 (pairs fixed): keep the first objective to a hair, prefer the
 * policy's sources, then the least travel. x keeps stage 3's answer when
 * this LP fails. */
static void second_objective(glp_prob *P, broker_run *r, double *x)
{
    const broker_arcs *g = &r->g;
    broker_fix_pairs(P, r);
    int ok = broker_simplex(P, r, 0);
    for (size_t k = 0; ok && k < g->na; k++)
        x[k] = glp_get_col_prim(P, (int)k + 1);
    if (!ok)
        return;
    r->first = glp_get_obj_val(P); /* the fixed pairs' best, never below the MIP's */
    if (!hold_days_minimise_cost(P, g, r->first))
        return;
    for (size_t p = 0; r->caps_in && p < g->np; p++)
        if (g->pair_col[p])
            glp_set_obj_coef(P, (int)g->pair_col[p], 0);
    if (broker_simplex(P, r, 0))
        for (size_t k = 0; k < g->na; k++)
            x[k] = glp_get_col_prim(P, (int)k + 1);
}

/* Stages 1-4 in GLPK; x receives the days per arc. 0 when the first LP
 * did not finish (the caller falls back to greedy). */
static int solve_glpk(broker_run *r, double *x, triad_error *err, triad_status *st)
{
    glp_prob *volatile P = NULL;
    volatile int ok = 0;
    glpk_guard guard;
    glpk_enter(&guard);
    if (setjmp(guard.jump)) {
        broker_price_free(r->price); /* its GLPK problem went with the environment */
        r->price = NULL;
        *st = glpk_failed(&guard, err);
        return 0;
    }
    P = glp_create_prob();
    broker_model_build(P, r->s, r->m, &r->g, 0);
    ok = broker_simplex(P, r, 2 * SECOND_OBJECTIVE_SHARE);
    if (ok) {
        r->lp_done = 1;
        r->relax = r->bound = r->first = glp_get_obj_val(P);
        snprintf(r->status, sizeof r->status, "optimal");
        if (r->g.mip)
            prefer_among_best(P, r);
        if (r->g.mip && round_pairs(P, r)) {
            broker_try_picked_pairs(P, r);
            snprintf(r->status, sizeof r->status, "feasible");
            /* the caller hears of the rounding's plan, and may stop here */
            if (r->o.progress &&
                r->o.progress(clock_now() - r->t0, r->first, r->o.progress_user) != 0)
                r->cancelled = 1;
            if (!r->cancelled && r->relax - r->first > 1e-7 * fmax(1.0, r->relax))
                broker_improve_pairs(P, r);
            if (!r->cancelled && r->relax - r->first > 1e-7 * fmax(1.0, r->relax))
                broker_price_columns(P, r);
            if (r->integral)
                r->bound = fmin(r->bound, floor(r->bound + 1e-6));
            if (!r->cancelled && r->bound - r->first > 1e-7 * fmax(1.0, r->bound))
                run_mip(P, r);
            if (r->integral)
                r->bound = fmin(r->bound, floor(r->bound + 1e-6));
            if (r->bound - r->first <= 1e-7 * fmax(1.0, r->bound)) {
                r->bound = r->first;
                snprintf(r->status, sizeof r->status, "optimal");
            }
        } else if (r->g.mip) {
            ok = 0; /* no time for the rounding's LP */
        } else {
            for (size_t p = 0; p < r->g.np; p++)
                r->open[p] = 1;
        }
    }
    /* the first objective's answer, kept if the second's LP fails */
    for (size_t k = 0; ok && r->g.mip && k < r->g.na; k++)
        x[k] = r->start[k + 1];
    if (ok && !r->cancelled)
        second_objective(P, r, x);
    glp_delete_prob(P);
    glpk_leave(&guard);
    return ok;
}

/* Never silent: a plan the time limit kept from being proved best. */
static int warn_time(triad_brokerage *b, const broker_run *r)
{
    b->time_cut = !r->lp_done || b->gap > 1e-9;
    if (!r->lp_done)
        return lines_add(&b->warn, &b->nwarn,
                         "the time limit of %g s stopped the LP before it finished: the plan is "
                         "greedy (most urgent needs first, every rule kept), not proved best: "
                         "priority-weighted days %.2f, bound %.2f from each need's days and "
                         "its eligible offers (gap %.2f%%); raise --time-limit",
                         r->o.time_limit, r->first, r->bound, 100 * b->gap);
    if (b->gap > 1e-9)
        return lines_add(&b->warn, &b->nwarn,
                         "the time limit of %g s stopped the %s before it proved its plan "
                         "best: priority-weighted days %.2f, bound %.2f (gap %.2f%%)%s; raise "
                         "--time-limit",
                         r->o.time_limit,
                         r->mip_ran ? "MIP"
                                    : "heuristics (the LP's rounding, supporters chosen "
                                      "school by school and moved by the LP's prices)",
                         r->first, r->bound, 100 * b->gap,
                         r->cut_by_time ? "; the clock also cut the heuristics' own counts of "
                                          "moves and nodes short, so another machine may "
                                          "give another plan"
                                        : "");
    return 1;
}

/* A bound that needs no LP: each need met in full, or by every day its
 * eligible offers hold, whichever is less (supporters shared between needs
 * and the caps set aside). */
static double needs_bound(const broker_run *r)
{
    const broker_arcs *g = &r->g;
    double *reach = calloc(r->m->nneeds + 1, sizeof *reach), bound = 0;
    if (!reach)
        return NAN;
    for (size_t k = 0; k < g->na; k++)
        reach[g->a[k].need] += r->m->offers[g->a[k].offer].days;
    for (size_t d = 0; d < r->m->nneeds; d++)
        bound += r->m->needs[d].priority * fmin(r->m->needs[d].days, reach[d]);
    free(reach);
    return bound;
}

/* x receives the first objective's days per arc: GLPK's plan, or when the
 * time limit left it none, the greedy plan (every rule kept, not proved). */
static triad_status solve_days(broker_run *r, double *x, triad_error *err)
{
    triad_status st = TRIAD_OK;
    int ok = 1;
    if (r->g.na == 0) {
        r->relax = r->bound = r->first = 0; /* nothing can be matched */
        r->lp_done = 1;
        snprintf(r->status, sizeof r->status, "optimal");
    } else {
        ok = solve_glpk(r, x, err, &st);
        if (st != TRIAD_OK)
            return st;
    }
    if (r->cancelled)
        return triad_i_fail(err, TRIAD_ERR_CANCELLED, NULL, 0, 0, "cancelled by the caller");
    if (ok)
        return TRIAD_OK;
    /* without an LP: the arc-by-arc greedy and the school-by-school choice
     * (construction only, the time being spent), the better of the two */
    double *y = malloc((r->g.na + 1) * sizeof *y);
    unsigned char *open = malloc(r->g.np + 1);
    if (!y || !open || !broker_greedy(r->m, &r->g, &r->o, r->s->n, x)) {
        free(y);
        free(open);
        return triad_i_fail_nomem(err);
    }
    double greedy = 0, picked = -1;
    for (size_t k = 0; k < r->g.na; k++)
        greedy += r->g.a[k].weight * x[k];
    if (broker_pick_pairs(r->m, &r->g, &r->o, r->s->n, r->deadline, y, open)) {
        picked = 0;
        for (size_t k = 0; k < r->g.na; k++)
            picked += r->g.a[k].weight * y[k];
    }
    if (picked > greedy + 1e-9)
        memcpy(x, y, r->g.na * sizeof *x);
    r->first = fmax(greedy, picked);
    free(y);
    free(open);
    r->bound = r->lp_done ? fmin(r->relax, needs_bound(r)) : needs_bound(r);
    snprintf(r->status, sizeof r->status, "greedy (time limit)");
    return TRIAD_OK;
}

/* The solver's outcome into b: status, objective, bound and gap, the
 * warnings, and the matches rounded to a hundredth of a day. */
static triad_status fill_brokerage(triad_brokerage *b, const broker_run *r, const double *x,
                                   triad_error *err)
{
    snprintf(b->status, sizeof b->status, "%s", r->status);
    b->objective = r->first;
    b->bound = r->bound;
    b->gap = isnan(r->first) || isnan(r->bound)
                 ? NAN
                 : fmax(0, r->bound - r->first) / fmax(1.0, fabs(r->bound));
    if (!warn_time(b, r) || !broker_warn_unlocated(b, r->s, r->m, &r->o))
        return triad_i_fail_nomem(err);
    for (size_t k = 0; k < r->g.na; k++) {
        double days = round(x[k] * 100) / 100;
        if (days > 0)
            b->m[b->nmatch++] = (match){r->g.a[k].offer, r->g.a[k].need, days, r->g.a[k].km};
    }
    return TRIAD_OK;
}

triad_status triad_broker(const triad_schools *s, const triad_plan *plan, const triad_market *m,
                          const triad_broker_options *opts, triad_brokerage **out, triad_error *err)
{
    triad_error_clear(err);
    if (!s || !m || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, market or out is NULL");
    *out = NULL;
    broker_run r = {.s = s, .m = m, .t0 = clock_now(), .relax = NAN, .first = NAN, .bound = NAN};
    triad_status st = broker_options_take(opts, s, plan, m, &r.o, err);
    if (st != TRIAD_OK)
        return st;
    r.deadline = r.t0 + r.o.time_limit;
    r.integral = 1;
    for (size_t q = 0; q < m->noffers; q++)
        r.integral &= m->offers[q].days == floor(m->offers[q].days);
    for (size_t d = 0; d < m->nneeds; d++)
        r.integral &= m->needs[d].days == floor(m->needs[d].days);
    triad_brokerage *b = brokerage_new(s, m, &r.o);
    double *x = NULL;
    if (!b)
        return triad_i_fail_nomem(err);
    if ((st = broker_arcs_build(&r.g, s, plan, m, &r.o, err)) != TRIAD_OK ||
        (st = broker_keep_under_way(&r.g, s, m, &r.o, b, err)) != TRIAD_OK)
        goto done;
    snprintf(b->engine, sizeof b->engine, "%s", r.g.mip ? "mip" : "lp");
    x = calloc(r.g.na + 1, sizeof *x);
    r.open = calloc(r.g.np + 1, 1);
    r.start = calloc(r.g.na + r.g.nbin + 2, sizeof *r.start);
    b->m = malloc((r.g.na + 1) * sizeof *b->m);
    if (!x || !r.open || !r.start || !b->m)
        st = triad_i_fail_nomem(err);
    if (st == TRIAD_OK)
        st = solve_days(&r, x, err);
    if (st == TRIAD_OK)
        st = fill_brokerage(b, &r, x, err);
    if (st == TRIAD_OK)
        st = brokerage_score(b, s, plan, err);
done:
    free(x);
    free(r.open);
    free(r.start);
    free(r.preferred);
    broker_arcs_free(&r.g);
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
    o->rotate = TRIAD_ROTATE_PREFER_NEW;
    o->max_years = 2;
}
