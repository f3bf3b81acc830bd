/* Stage 2b: the plan's supporters improved one school at a time, guided by
 * the prices of the LP over the pairs switched on (an LP of its own, with
 * a column only for the arcs of pairs ever switched on: each of the
 * thousands of LPs the moves re-solve is then a fraction of the model's
 * size). An arc of a closed pair
 * whose reduced cost is positive (its need's priority above what its
 * offer's day and its need's day are worth now) says that switching the
 * pair on would meet more; a school with a free place takes the pair, a
 * full school tries it in place of each of its supporters. The LP re-solved
 * from its basis decides: a move is kept only when it meets strictly more.
 * Measured on the bench's Surrey market (K = 2, no travel limit): the
 * moves find what the rounding, the dive and ten minutes of GLPK's branch
 * and cut missed, a priority-3 school with no supporter at all while the
 * last SEND days went to priority-1 needs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_improve_impl.h"
#include "core/clock.h"
#include "solve/glpk_guard.h"

static void improve_free(improve *w)
{
    free(w->arc_start);
    free(w->arc_item);
    free(w->pair_start);
    free(w->pair_item);
    free(w->sup_start);
    free(w->sup_item);
    free(w->per_sch);
    free(w->per_sup);
    free(w->cand);
    free(w->unmet);
    free(w->col_of);
}

static int improve_index(improve *w, size_t nneeds, size_t nschools)
{
    const broker_arcs *g = w->g;
    size_t n = g->na > g->np ? g->na : g->np;
    size_t *key = malloc((n + 1) * sizeof *key);
    int ok = key != NULL;
    for (size_t k = 0; ok && k < g->na; k++)
        key[k] = (size_t)g->a[k].pair;
    ok = ok && broker_bucket(key, g->na, g->np, &w->arc_start, &w->arc_item);
    for (size_t p = 0; ok && p < g->np; p++)
        key[p] = g->pr[p].sch;
    ok = ok && broker_bucket(key, g->np, nschools, &w->pair_start, &w->pair_item);
    for (size_t p = 0; ok && p < g->np; p++)
        key[p] = g->pr[p].sup;
    ok = ok && broker_bucket(key, g->np, nschools, &w->sup_start, &w->sup_item);
    free(key);
    w->per_sch = calloc(nschools + 1, sizeof *w->per_sch);
    w->per_sup = calloc(nschools + 1, sizeof *w->per_sup);
    w->cand = malloc((2 * g->np + 2) * sizeof *w->cand);
    w->unmet = malloc((nneeds + 1) * sizeof *w->unmet);
    w->col_of = calloc(g->na + 1, sizeof *w->col_of);
    if (!ok || !w->per_sch || !w->per_sup || !w->cand || !w->unmet || !w->col_of)
        return 0;
    for (size_t p = 0; p < g->np; p++)
        if (w->open[p]) {
            w->per_sch[g->pr[p].sch]++;
            w->per_sup[g->pr[p].sup]++;
        }
    return 1;
}

/* Arc k as a new column of P: its offer's row and its need's. */
static void add_arc(improve *w, size_t k)
{
    const arc *a = &w->g->a[k];
    int ind[3] = {0, (int)a->offer + 1, (int)(w->m->noffers + a->need) + 1};
    double val[3] = {0, 1, 1};
    int col = glp_add_cols(w->P, 1);
    glp_set_mat_col(w->P, col, 2, ind, val);
    glp_set_obj_coef(w->P, col, a->weight);
    w->col_of[k] = col;
}

/* Pair p's arcs free (on) or held at nothing (off). */
void improve_set_pair(improve *w, size_t p, int on)
{
    const broker_arcs *g = w->g;
    for (size_t e = w->arc_start[p]; e < w->arc_start[p + 1]; e++) {
        size_t k = w->arc_item[e];
        if (on && !w->col_of[k])
            add_arc(w, k);
        if (on)
            glp_set_col_bnds(w->P, w->col_of[k], GLP_LO, broker_arc_lo(g, k), 0);
        else if (w->col_of[k])
            glp_set_col_bnds(w->P, w->col_of[k], GLP_FX, 0, 0);
    }
}

/* Days on arc k in P's answer. */
double improve_arc_flow(const improve *w, size_t k)
{
    return w->col_of[k] ? glp_get_col_prim(w->P, w->col_of[k]) : 0;
}

/* Arc k's reduced cost at P's prices: its priority less what a day of its
 * offer and a day of its need are worth now (whether or not it is in P). */
double improve_arc_rc(const improve *w, size_t k)
{
    const arc *a = &w->g->a[k];
    return a->weight - glp_get_row_dual(w->P, (int)a->offer + 1) -
           glp_get_row_dual(w->P, (int)(w->m->noffers + a->need) + 1);
}

/* P over the pairs of open[]: rows for every offer and need, columns for
 * the arcs of pairs on; solved from a standard basis. */
static void build_lp(improve *w)
{
    const triad_market *m = w->m;
    w->P = glp_create_prob();
    glp_set_obj_dir(w->P, GLP_MAX);
    glp_add_rows(w->P, (int)(m->noffers + m->nneeds));
    for (size_t q = 0; q < m->noffers; q++)
        glp_set_row_bnds(w->P, (int)q + 1, GLP_UP, 0, m->offers[q].days);
    for (size_t d = 0; d < m->nneeds; d++)
        glp_set_row_bnds(w->P, (int)(m->noffers + d) + 1, GLP_UP, 0, m->needs[d].days);
    for (size_t p = 0; p < w->g->np; p++)
        if (w->open[p])
            improve_set_pair(w, p, 1);
}

int broker_work_left(broker_work *w)
{
    if (clock_now() >= w->deadline)
        w->out_of_time = 1;
    return !w->out_of_time && (w->max_lps == 0 || w->lps < w->max_lps);
}

/* The LP from its basis; its value, or NAN when it did not solve in time. */
double improve_resolve(improve *w)
{
    glp_smcp lp;
    glp_init_smcp(&lp);
    lp.msg_lev = GLP_MSG_OFF;
    /* past the deadline by half a second at most: a move's LP takes
     * milliseconds, and one cut short would end the moves as a failure */
    lp.tm_lim = (int)fmax(500, fmin((w->work->deadline - clock_now()) * 1000, 2e9));
    w->work->lps++;
    if (glp_simplex(w->P, &lp) != 0 || glp_get_status(w->P) != GLP_OPT)
        return NAN;
    return glp_get_obj_val(w->P);
}

/* Adds to mv: school sch takes the pairs set[0..n-1] and lets its other
 * pairs go (never a match under way). 0 when the caps or the move's room
 * do not allow it. */
int improve_add_set(const improve *w, move *mv, size_t sch, const size_t *set, size_t n)
{
    const broker_arcs *g = w->g;
    size_t non = 0, noff = 0;
    for (size_t t = 0; t < n; t++) {
        size_t sup = g->pr[set[t]].sup, taken = w->per_sup[sup];
        if (w->open[set[t]])
            continue;
        for (size_t u = 0; u < mv->non; u++)
            taken += g->pr[mv->on[u]].sup == sup;
        if (!g->pair_col[set[t]] || mv->non == 4 ||
            (g->max_sch[sup] > 0 && taken >= (size_t)g->max_sch[sup]))
            return 0;
        mv->on[mv->non++] = set[t];
        non++;
    }
    for (size_t e = w->pair_start[sch]; e < w->pair_start[sch + 1]; e++) {
        size_t q = w->pair_item[e];
        int keep = 0;
        for (size_t t = 0; t < n; t++)
            keep |= set[t] == q;
        if (!w->open[q] || keep || !g->pair_col[q])
            continue;
        if ((g->forced && g->forced[q]) || mv->noff == 16)
            return 0;
        mv->off[mv->noff++] = q;
        noff++;
    }
    return non > 0 && w->per_sch[sch] - noff + non <= w->K;
}

/* Applies mv; kept when the LP meets strictly more, else undone. 1 kept,
 * 0 undone, -1 the LP failed. */
int improve_try(improve *w, const move *mv)
{
    const pair_ref *pr = w->g->pr;
    for (size_t t = 0; t < mv->non; t++)
        improve_set_pair(w, mv->on[t], 1);
    for (size_t t = 0; t < mv->noff; t++)
        improve_set_pair(w, mv->off[t], 0);
    double v = improve_resolve(w);
    if (isnan(v) || (!w->force && v <= w->value + 1e-7 * fmax(1.0, fabs(w->value)))) {
        for (size_t t = 0; t < mv->non; t++)
            improve_set_pair(w, mv->on[t], 0);
        for (size_t t = 0; t < mv->noff; t++)
            improve_set_pair(w, mv->off[t], 1);
        return isnan(improve_resolve(w)) ? -1 : 0;
    }
    for (size_t t = 0; t < mv->non; t++) {
        w->open[mv->on[t]] = 1;
        w->per_sch[pr[mv->on[t]].sch]++;
        w->per_sup[pr[mv->on[t]].sup]++;
    }
    for (size_t t = 0; t < mv->noff; t++) {
        w->open[mv->off[t]] = 0;
        w->per_sch[pr[mv->off[t]].sch]--;
        w->per_sup[pr[mv->off[t]].sup]--;
    }
    w->value = v;
    return 1;
}

static int cmp_score_desc(const void *x, const void *y)
{
    const double *a = x, *b = y; /* (score, pair) */
    if (a[0] != b[0])
        return a[0] > b[0] ? -1 : 1;
    return (a[1] > b[1]) - (a[1] < b[1]);
}

/* The closed pairs with an arc that prices out, best first; their count.
 * First those that would meet a need's unmet days directly (scored by
 * the reduced cost times the days within reach), then those that could
 * only help by freeing another school's supporter (scored below any of the
 * first, by their best reduced cost): most of the second fail, and each
 * failure costs two LPs. */
static size_t candidates(improve *w, const triad_market *m)
{
    const broker_arcs *g = w->g;
    size_t n = 0;
    for (size_t d = 0; d < m->nneeds; d++)
        w->unmet[d] = m->needs[d].days;
    for (size_t k = 0; k < g->na; k++)
        w->unmet[g->a[k].need] -= improve_arc_flow(w, k);
    for (size_t p = 0; p < g->np; p++) {
        if (w->open[p] || !g->pair_col[p])
            continue;
        double direct = 0, best = 0;
        for (size_t e = w->arc_start[p]; e < w->arc_start[p + 1]; e++) {
            const arc *a = &g->a[w->arc_item[e]];
            double dj = improve_arc_rc(w, w->arc_item[e]);
            if (dj <= 1e-7)
                continue;
            best = fmax(best, dj);
            if (w->unmet[a->need] > 1e-7)
                direct += dj * fmin(w->unmet[a->need], m->offers[a->offer].days);
        }
        if (best > 1e-7) {
            w->cand[2 * n] = direct > 1e-7 ? DIRECT + direct : best;
            w->cand[2 * n + 1] = (double)p;
            n++;
        }
    }
    qsort(w->cand, n, 2 * sizeof *w->cand, cmp_score_desc);
    return n;
}

/* Pair p on: into a free place, else in place of one of its school's
 * supporters (never a match under way). 1 improved, 0 not, -1 LP failed. */
static int place(improve *w, size_t p)
{
    const broker_arcs *g = w->g;
    size_t sch = g->pr[p].sch, sup = g->pr[p].sup;
    if (g->max_sch[sup] > 0 && w->per_sup[sup] >= (size_t)g->max_sch[sup])
        return 0;
    move mv = {{p}, {0}, 1, 0};
    if (w->per_sch[sch] < w->K)
        return improve_try(w, &mv);
    for (size_t e = w->pair_start[sch]; e < w->pair_start[sch + 1]; e++) {
        size_t q = w->pair_item[e];
        if (!w->open[q] || !g->pair_col[q] || (g->forced && g->forced[q]))
            continue;
        mv.off[0] = q;
        mv.noff = 1;
        int t = improve_try(w, &mv);
        if (t != 0)
            return t;
    }
    return 0;
}

/* Passes of moves until none is kept (choice moves, then with_pairs the
 * single pairs), the deadline or stop_at. 1 improved, 0 not, -1 failed. */
static int local_search(improve *w, broker_price *choice, int with_pairs)
{
    const triad_market *m = w->m;
    int improved = 0, failed = 0;
    for (int more = 1;
         more && !failed && broker_work_left(w->work) && w->value < w->stop_at - 1e-6;) {
        more = 0;
        if (choice) {
            int t = improve_choice_moves(w, m, choice);
            failed = t < 0;
            more = t > 0;
        }
        size_t n = failed || !with_pairs ? 0 : candidates(w, m);
        for (size_t c = 0; c < n && !failed && broker_work_left(w->work); c++) {
            if (more && w->cand[2 * c] < DIRECT)
                break; /* new prices before the costly indirect moves */
            int t = place(w, (size_t)w->cand[2 * c + 1]);
            failed = t < 0;
            more |= t > 0;
        }
        improved |= more;
    }
    return failed ? -1 : improved;
}

/* Back to the pairs of best. 0, or -1 when the LP failed. */
static int restore(improve *w, const unsigned char *best)
{
    const pair_ref *pr = w->g->pr;
    for (size_t p = 0; p < w->g->np; p++) {
        if (w->open[p] == best[p])
            continue;
        improve_set_pair(w, p, best[p]);
        int d = best[p] ? 1 : -1;
        w->per_sch[pr[p].sch] += (size_t)d;
        w->per_sup[pr[p].sup] += (size_t)d;
        w->open[p] = best[p];
    }
    w->value = improve_resolve(w);
    return isnan(w->value) ? -1 : 0;
}

/* Iterated local search: kicks, each followed by the choice moves, kept
 * when the plan then meets more than the best, else undone. 1 improved,
 * 0 not, -1 failed. */
static int kicks(improve *w, broker_price *choice)
{
    unsigned char *best = malloc(w->g->np + 1);
    if (!best)
        return -1;
    memcpy(best, w->open, w->g->np + 1);
    double best_v = w->value;
    size_t next = 0, since = 0; /* schools passed since the last kick that paid */
    int improved = 0, r = 0;
    while (r >= 0 && since <= w->nschools && broker_work_left(w->work) &&
           best_v < w->stop_at - 1e-6) {
        size_t scanned = w->nschools;
        r = improve_kick(w, choice, &next, &scanned);
        if (r <= 0)
            break;        /* no school to kick, or failed */
        since += scanned; /* past the count: every school kicked once in vain */
        r = local_search(w, choice, 0);
        if (r >= 0 && w->value > best_v + 1e-7 * fmax(1.0, fabs(best_v))) {
            memcpy(best, w->open, w->g->np + 1);
            best_v = w->value;
            improved = 1;
            since = 0;
        } else if (r >= 0) {
            r = restore(w, best);
        }
    }
    free(best);
    return r < 0 ? -1 : improved;
}

int broker_improve(const triad_market *m, const broker_arcs *g, broker_price *choice,
                   size_t max_supporters, size_t nschools, broker_work *work, double stop_at,
                   unsigned char *open, double *value)
{
    improve w = {0};
    w.m = m;
    w.g = g;
    w.open = open;
    w.K = max_supporters;
    w.nschools = nschools;
    w.value = *value;
    w.work = work;
    w.stop_at = stop_at;
    int improved = 0, failed = !improve_index(&w, m->nneeds, nschools);
    if (!failed) {
        build_lp(&w);
        w.value = improve_resolve(&w);
        failed = isnan(w.value);
    }
    if (!failed) {
        int t = local_search(&w, choice, 1);
        improved = t > 0;
        failed = t < 0;
    }
    if (!failed && choice) {
        int t = kicks(&w, choice);
        improved |= t > 0;
        failed = t < 0;
    }
    if (improved)
        *value = w.value;
    if (w.P)
        glp_delete_prob(w.P);
    improve_free(&w);
    return failed ? -1 : improved;
}
