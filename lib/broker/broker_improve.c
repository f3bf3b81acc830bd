/* Stage 2d: the plan's supporters improved one school at a time, guided by
 * the prices of the LP over the pairs switched on. An arc of a closed pair
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

#include "broker/broker_impl.h"
#include "core/clock.h"
#include "solve/glpk_guard.h"

#define DIRECT 1e6 /* added to the score of a move that meets unmet days directly */

typedef struct improve {
    glp_prob *P;
    const broker_arcs *g;
    unsigned char *open;
    size_t K, nschools;
    size_t *arc_start, *arc_item;   /* arcs by pair */
    size_t *pair_start, *pair_item; /* pairs by needing school */
    size_t *per_sch, *per_sup;      /* pairs switched on */
    double *unmet;                  /* per need: days the plan leaves */
    double *cand;                   /* (score, pair) of closed pairs that price out */
    double value, deadline;
} improve;

static void improve_free(improve *w)
{
    free(w->arc_start);
    free(w->arc_item);
    free(w->pair_start);
    free(w->pair_item);
    free(w->per_sch);
    free(w->per_sup);
    free(w->cand);
    free(w->unmet);
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
    free(key);
    w->per_sch = calloc(nschools + 1, sizeof *w->per_sch);
    w->per_sup = calloc(nschools + 1, sizeof *w->per_sup);
    w->cand = malloc((2 * g->np + 2) * sizeof *w->cand);
    w->unmet = malloc((nneeds + 1) * sizeof *w->unmet);
    if (!ok || !w->per_sch || !w->per_sup || !w->cand || !w->unmet)
        return 0;
    for (size_t p = 0; p < g->np; p++)
        if (w->open[p]) {
            w->per_sch[g->pr[p].sch]++;
            w->per_sup[g->pr[p].sup]++;
        }
    return 1;
}

/* Pair p's arcs free (on) or held at nothing (off). */
static void set_pair(improve *w, size_t p, int on)
{
    const broker_arcs *g = w->g;
    for (size_t e = w->arc_start[p]; e < w->arc_start[p + 1]; e++) {
        size_t k = w->arc_item[e];
        if (on)
            glp_set_col_bnds(w->P, (int)k + 1, GLP_LO, broker_arc_lo(g, k), 0);
        else
            glp_set_col_bnds(w->P, (int)k + 1, GLP_FX, 0, 0);
    }
}

/* The LP from its basis; its value, or NAN when it did not solve in time. */
static double resolve(improve *w)
{
    glp_smcp lp;
    glp_init_smcp(&lp);
    lp.msg_lev = GLP_MSG_OFF;
    lp.tm_lim = (int)fmax(0, fmin((w->deadline - clock_now()) * 1000, 2e9));
    if (glp_simplex(w->P, &lp) != 0 || glp_get_status(w->P) != GLP_OPT)
        return NAN;
    return glp_get_obj_val(w->P);
}

/* Switches p on and, when drop is a pair, drop off; kept when the LP meets
 * strictly more, else undone. 1 kept, 0 undone, -1 the LP failed. */
static int try_move(improve *w, size_t p, long drop)
{
    const pair_ref *pr = w->g->pr;
    set_pair(w, p, 1);
    if (drop >= 0)
        set_pair(w, (size_t)drop, 0);
    double v = resolve(w);
    if (!isnan(v) && v > w->value + 1e-7 * fmax(1.0, fabs(w->value))) {
        w->value = v;
        w->open[p] = 1;
        w->per_sch[pr[p].sch]++;
        w->per_sup[pr[p].sup]++;
        if (drop >= 0) {
            w->open[drop] = 0;
            w->per_sch[pr[drop].sch]--;
            w->per_sup[pr[drop].sup]--;
        }
        return 1;
    }
    set_pair(w, p, 0);
    if (drop >= 0)
        set_pair(w, (size_t)drop, 1);
    return isnan(resolve(w)) ? -1 : 0;
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
        w->unmet[g->a[k].need] -= glp_get_col_prim(w->P, (int)k + 1);
    for (size_t p = 0; p < g->np; p++) {
        if (w->open[p] || !g->pair_col[p])
            continue;
        double direct = 0, best = 0;
        for (size_t e = w->arc_start[p]; e < w->arc_start[p + 1]; e++) {
            const arc *a = &g->a[w->arc_item[e]];
            double dj = glp_get_col_dual(w->P, (int)w->arc_item[e] + 1);
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
    if (w->per_sch[sch] < w->K)
        return try_move(w, p, -1);
    for (size_t e = w->pair_start[sch]; e < w->pair_start[sch + 1]; e++) {
        size_t q = w->pair_item[e];
        if (!w->open[q] || !g->pair_col[q] || (g->forced && g->forced[q]))
            continue;
        int t = try_move(w, p, (long)q);
        if (t != 0)
            return t;
    }
    return 0;
}

/* Switches on the pairs set[0..n-1] of school sch and off its other
 * pairs (never a match under way); kept when the LP meets strictly more,
 * else undone. 1 kept, 0 undone or not allowed, -1 the LP failed. */
static int try_set(improve *w, size_t sch, const size_t *set, size_t n)
{
    const broker_arcs *g = w->g;
    size_t on[2], off[8], non = 0, noff = 0;
    for (size_t t = 0; t < n; t++) {
        size_t sup = g->pr[set[t]].sup;
        if (w->open[set[t]])
            continue;
        if (!g->pair_col[set[t]] || non == 2 ||
            (g->max_sch[sup] > 0 && w->per_sup[sup] >= (size_t)g->max_sch[sup]))
            return 0;
        on[non++] = set[t];
    }
    for (size_t e = w->pair_start[sch]; e < w->pair_start[sch + 1]; e++) {
        size_t q = w->pair_item[e];
        int keep = 0;
        for (size_t t = 0; t < n; t++)
            keep |= set[t] == q;
        if (!w->open[q] || keep || !g->pair_col[q])
            continue;
        if ((g->forced && g->forced[q]) || noff == 8)
            return 0;
        off[noff++] = q;
    }
    if (non == 0 || w->per_sch[sch] - noff + non > w->K)
        return 0;
    for (size_t t = 0; t < non; t++)
        set_pair(w, on[t], 1);
    for (size_t t = 0; t < noff; t++)
        set_pair(w, off[t], 0);
    double v = resolve(w);
    int kept = !isnan(v) && v > w->value + 1e-7 * fmax(1.0, fabs(w->value));
    for (size_t t = 0; t < non; t++) {
        if (!kept) {
            set_pair(w, on[t], 0);
            continue;
        }
        w->open[on[t]] = 1;
        w->per_sch[sch]++;
        w->per_sup[g->pr[on[t]].sup]++;
    }
    for (size_t t = 0; t < noff; t++) {
        if (!kept) {
            set_pair(w, off[t], 1);
            continue;
        }
        w->open[off[t]] = 0;
        w->per_sch[sch]--;
        w->per_sup[g->pr[off[t]].sup]--;
    }
    if (kept) {
        w->value = v;
        return 1;
    }
    return isnan(resolve(w)) ? -1 : 0;
}

/* Each school that leaves days unmet tries its best set of supporters at
 * the LP's offer prices. 1 when one move was kept, 0 none, -1 LP failed or
 * out of memory. */
static int choice_moves(improve *w, const triad_market *m, broker_price *choice)
{
    int *row = malloc((m->noffers + 1) * sizeof *row);
    double *price = malloc((m->noffers + 1) * sizeof *price);
    unsigned char *short_of = calloc(w->nschools + 1, 1);
    int result = row && price && short_of ? 0 : -1;
    if (result == 0) {
        broker_model_offer_rows(m, w->g, row);
        for (size_t q = 0; q < m->noffers; q++)
            price[q] = row[q] ? fmax(0, glp_get_row_dual(w->P, row[q])) : 0;
        for (size_t d = 0; d < m->nneeds; d++)
            w->unmet[d] = m->needs[d].days;
        for (size_t k = 0; k < w->g->na; k++)
            w->unmet[w->g->a[k].need] -= glp_get_col_prim(w->P, (int)k + 1);
        for (size_t d = 0; d < m->nneeds; d++)
            short_of[m->needs[d].school] |= w->unmet[d] > 1e-7;
    }
    for (size_t s = 0; result >= 0 && s < w->nschools && clock_now() < w->deadline; s++) {
        size_t set[2], n;
        double v;
        if (!short_of[s])
            continue;
        if (!broker_price_choice(choice, s, price, set, &n, &v)) {
            result = -1;
            break;
        }
        int t = try_set(w, s, set, n);
        result = t < 0 ? -1 : result | t;
    }
    free(row);
    free(price);
    free(short_of);
    return result;
}

int broker_improve(glp_prob *P, const triad_market *m, const broker_arcs *g, broker_price *choice,
                   size_t max_supporters, size_t nschools, double deadline, unsigned char *open,
                   double *value)
{
    improve w = {0};
    w.P = P;
    w.g = g;
    w.open = open;
    w.K = max_supporters;
    w.nschools = nschools;
    w.value = *value;
    w.deadline = deadline;
    int improved = 0, failed = !improve_index(&w, m->nneeds, nschools);
    for (int more = 1; more && !failed && clock_now() < deadline;) {
        more = 0;
        if (choice) {
            int t = choice_moves(&w, m, choice);
            failed = t < 0;
            more = t > 0;
        }
        size_t n = failed ? 0 : candidates(&w, m);
        for (size_t c = 0; c < n && !failed && clock_now() < deadline; c++) {
            if (more && w.cand[2 * c] < DIRECT)
                break; /* new prices before the costly indirect moves */
            int t = place(&w, (size_t)w.cand[2 * c + 1]);
            failed = t < 0;
            more |= t > 0;
        }
        improved |= more;
    }
    *value = w.value;
    improve_free(&w);
    return failed ? -1 : improved;
}
