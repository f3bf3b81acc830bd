/* Supporters chosen school by school: a primal heuristic for the capped
 * model, where GLPK's branch and bound finds little in seconds. Each
 * needing school takes the set of at most max_supporters supporters that
 * meets the most priority-weighted days from what the supporters have
 * left (every single and pair enumerated; larger sets grown from the best
 * pair; among sets that meet as many, the cheaper: the policy's preference,
 * then travel), schools with the most weighted need first; then passes
 * take each school's choice back and choose again, keeping a change only
 * when it meets more or as many more cheaply, until a pass changes nothing.
 * Matches under way (termly re-brokering) stay: their days are given before
 * anything else and their pairs are in every set of their school. On the bench's Surrey market
 * (481 offers, 527 needs, K = 2) the LP's rounding met 6,091 weighted days
 * and this 7,163, against the LP bound of 7,194. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "core/clock.h"

#define PICK_MAX_K 16

/* The market by school: each school's needs and pairs, each pair's arcs. */
typedef struct pick_ws {
    const triad_market *m;
    const broker_arcs *g;
    const triad_broker_options *o;
    size_t *need_start, *need_item; /* needs by needing school */
    size_t *pair_start, *pair_item; /* pairs by needing school */
    size_t *arc_start, *arc_item;   /* arcs by pair */
    double *left;                   /* per offer: days not yet given */
    double *need_rem;               /* per need: days beyond those kept under way */
    size_t *per_sup;                /* per supporter: schools it supports */
    size_t *chosen;                 /* per school: up to K pairs, then its count */
    double *cap;                    /* scratch: pairs x needs of one school */
    double *pcost;                  /* scratch: each pair's cost (policy + km) */
    long *arc_of;                   /* scratch: the arc of each (pair, need), -1 */
} pick_ws;

/* Scratch for one school: the days each of its pairs could give each of
 * its needs now. */
static void school_matrix(pick_ws *w, size_t sch, size_t np, size_t nn)
{
    const broker_arcs *g = w->g;
    for (size_t i = 0; i < np * nn; i++) {
        w->cap[i] = 0;
        w->arc_of[i] = -1;
    }
    for (size_t i = 0; i < np; i++) {
        size_t p = w->pair_item[w->pair_start[sch] + i];
        w->pcost[i] =
            w->arc_start[p + 1] > w->arc_start[p] ? g->a[w->arc_item[w->arc_start[p]]].cost : 0;
        for (size_t e = w->arc_start[p]; e < w->arc_start[p + 1]; e++) {
            const arc *c = &g->a[w->arc_item[e]];
            for (size_t di = 0; di < nn; di++)
                if (w->need_item[w->need_start[sch] + di] == c->need) {
                    w->cap[i * nn + di] = w->left[c->offer];
                    w->arc_of[i * nn + di] = (long)w->arc_item[e];
                }
        }
    }
}

/* Weighted days a set of the school's pairs (indexes into its list) can
 * meet. */
static double set_value(const pick_ws *w, size_t sch, size_t nn, const size_t *set, size_t n)
{
    double v = 0;
    for (size_t di = 0; di < nn; di++) {
        const need *d = &w->m->needs[w->need_item[w->need_start[sch] + di]];
        double have = 0;
        for (size_t t = 0; t < n; t++)
            have += w->cap[set[t] * nn + di];
        v += (double)d->priority * fmin(w->need_rem[w->need_item[w->need_start[sch] + di]], have);
    }
    return v;
}

/* 1 when pair i of the school may be taken: its supporter is under its
 * max_schools. */
static int may_take(const pick_ws *w, size_t sch, size_t i)
{
    size_t p = w->pair_item[w->pair_start[sch] + i], sup = w->g->pr[p].sup;
    return w->g->max_sch[sup] <= 0 || w->per_sup[sup] < (size_t)w->g->max_sch[sup];
}

/* 1 when (v, cost) beats (best, best_cost): more days, then, among sets
 * that meet as many, the cheaper (the policy's preference, then travel). */
static int beats(double v, double cost, double best, double best_cost)
{
    return v > best + 1e-9 || (v > best - 1e-9 && cost < best_cost - 1e-9);
}

static int forced_at(const pick_ws *w, size_t sch, size_t i)
{
    return w->g->forced && w->g->forced[w->pair_item[w->pair_start[sch] + i]];
}

/* The school's best set of at most K pairs into best[]; returns its size.
 * Pairs kept under way are in every set; the others are tried one and two
 * at a time on top of them, and larger sets grown from the best. */
static size_t best_set(const pick_ws *w, size_t sch, size_t np, size_t nn, size_t *best,
                       double *value)
{
    size_t k = (size_t)w->o->max_supporters, f = 0, set[PICK_MAX_K];
    if (k > PICK_MAX_K)
        k = PICK_MAX_K;
    double base_cost = 0;
    for (size_t i = 0; i < np && f < k; i++)
        if (forced_at(w, sch, i)) {
            set[f++] = i;
            base_cost += w->pcost[i];
        }
    memcpy(best, set, f * sizeof *set);
    size_t n = f;
    *value = f ? set_value(w, sch, nn, set, f) : 0;
    double best_cost = f ? base_cost : INFINITY;
    for (size_t i = 0; i < np && f < k; i++) {
        if (forced_at(w, sch, i) || !may_take(w, sch, i))
            continue;
        set[f] = i;
        double v = set_value(w, sch, nn, set, f + 1), c = base_cost + w->pcost[i];
        /* a supporter beyond the kept ones only for more days; among
         * sets that meet as many, the cheaper */
        if ((n == f && v > *value + 1e-9) || (n > f && beats(v, c, *value, best_cost))) {
            *value = v;
            best_cost = c;
            memcpy(best, set, (f + 1) * sizeof *set);
            n = f + 1;
        }
        for (size_t j = i + 1; f + 2 <= k && j < np; j++) {
            if (forced_at(w, sch, j) || !may_take(w, sch, j))
                continue;
            set[f + 1] = j;
            v = set_value(w, sch, nn, set, f + 2);
            c = base_cost + w->pcost[i] + w->pcost[j];
            if (v > *value + 1e-9 || (n == f + 2 && beats(v, c, *value, best_cost))) {
                *value = v;
                best_cost = c;
                memcpy(best, set, (f + 2) * sizeof *set);
                n = f + 2;
            }
        }
    }
    /* larger sets: grown one supporter at a time while one adds days */
    while (n >= f + 2 && n < k) {
        size_t add = np;
        double gain = *value + 1e-9;
        for (size_t i = 0; i < np; i++) {
            int in = 0;
            for (size_t t = 0; t < n; t++)
                in |= best[t] == i;
            if (in || forced_at(w, sch, i) || !may_take(w, sch, i))
                continue;
            best[n] = i;
            double v = set_value(w, sch, nn, best, n + 1);
            if (v > gain) {
                gain = v;
                add = i;
            }
        }
        if (add == np)
            break;
        best[n++] = add;
        *value = gain;
    }
    return n;
}

/* Gives the school the days of its set: each need from the set's members
 * with the most days left first; x receives the arcs' days. */
static void give(pick_ws *w, size_t sch, size_t nn, const size_t *set, size_t n, double *x)
{
    for (size_t di = 0; di < nn; di++) {
        double rem = w->need_rem[w->need_item[w->need_start[sch] + di]];
        unsigned used = 0;
        while (rem > 1e-12) {
            long pick = -1;
            for (size_t t = 0; t < n; t++) {
                long k = w->arc_of[set[t] * nn + di];
                if (!(used >> t & 1u) && k >= 0 && w->left[w->g->a[k].offer] > 1e-12 &&
                    (pick < 0 || w->left[w->g->a[k].offer] >
                                     w->left[w->g->a[w->arc_of[set[pick] * nn + di]].offer]))
                    pick = (long)t;
            }
            if (pick < 0)
                break;
            used |= 1u << pick;
            long k = w->arc_of[set[pick] * nn + di];
            double days = fmin(rem, w->left[w->g->a[k].offer]);
            x[k] += days;
            w->left[w->g->a[k].offer] -= days;
            rem -= days;
        }
    }
    for (size_t t = 0; t < n; t++)
        if (!forced_at(w, sch, set[t])) /* kept pairs are counted once, at the start */
            w->per_sup[w->g->pr[w->pair_item[w->pair_start[sch] + set[t]]].sup]++;
}

/* Takes the school's days back (the inverse of give). */
static void take_back(pick_ws *w, size_t sch, double *x)
{
    const size_t K = (size_t)w->o->max_supporters;
    size_t *ch = w->chosen + sch * (K + 1);
    for (size_t t = 0; t < ch[K]; t++) {
        size_t p = w->pair_item[w->pair_start[sch] + ch[t]];
        if (!forced_at(w, sch, ch[t]))
            w->per_sup[w->g->pr[p].sup]--;
    }
    for (size_t e = w->pair_start[sch]; e < w->pair_start[sch + 1]; e++) {
        size_t p = w->pair_item[e];
        for (size_t a = w->arc_start[p]; a < w->arc_start[p + 1]; a++) {
            size_t k = w->arc_item[a];
            w->left[w->g->a[k].offer] += x[k] - broker_arc_lo(w->g, k);
            x[k] = broker_arc_lo(w->g, k); /* days kept under way stay */
        }
    }
}

/* Weighted days the school has now beyond those kept under way. */
static double school_value(const pick_ws *w, size_t sch, const double *x)
{
    double v = 0;
    for (size_t e = w->pair_start[sch]; e < w->pair_start[sch + 1]; e++) {
        size_t p = w->pair_item[e];
        for (size_t a = w->arc_start[p]; a < w->arc_start[p + 1]; a++) {
            size_t k = w->arc_item[a];
            v += w->g->a[k].weight * (x[k] - broker_arc_lo(w->g, k));
        }
    }
    return v;
}

/* The school chooses again from what the others leave; the new choice is
 * kept only when it meets more than the old (first: always). 1 when it
 * changed; 0 also on allocation failure (*failed set). */
static int choose(pick_ws *w, size_t sch, int first, double *x, int *failed)
{
    const size_t K = (size_t)w->o->max_supporters;
    size_t np = w->pair_start[sch + 1] - w->pair_start[sch];
    size_t nn = w->need_start[sch + 1] - w->need_start[sch];
    size_t *ch = w->chosen + sch * (K + 1), set[PICK_MAX_K];
    if (np == 0 || nn == 0)
        return 0;
    /* the school's arcs and their days, to restore them exactly */
    size_t na = 0;
    for (size_t e = w->pair_start[sch]; e < w->pair_start[sch + 1]; e++)
        na += w->arc_start[w->pair_item[e] + 1] - w->arc_start[w->pair_item[e]];
    double *saved = malloc((na + 1) * sizeof *saved);
    if (!saved) {
        *failed = 1;
        return 0;
    }
    size_t q = 0;
    for (size_t e = w->pair_start[sch]; e < w->pair_start[sch + 1]; e++)
        for (size_t a = w->arc_start[w->pair_item[e]]; a < w->arc_start[w->pair_item[e] + 1]; a++)
            saved[q++] = x[w->arc_item[a]];
    double before = first ? -1 : school_value(w, sch, x);
    if (!first)
        take_back(w, sch, x);
    school_matrix(w, sch, np, nn);
    double v, cost = 0, before_cost = 0;
    size_t n = best_set(w, sch, np, nn, set, &v);
    for (size_t t = 0; t < n; t++)
        cost += w->pcost[set[t]];
    for (size_t t = 0; !first && t < ch[K]; t++)
        before_cost += w->pcost[ch[t]];
    /* more days, or as many from nearer (or policy-preferred) supporters */
    int better = first || beats(v, cost, before, before_cost);
    if (better) {
        give(w, sch, nn, set, n, x);
        memcpy(ch, set, n * sizeof *set);
        ch[K] = n;
    } else { /* the old days and supporters back */
        q = 0;
        for (size_t e = w->pair_start[sch]; e < w->pair_start[sch + 1]; e++)
            for (size_t a = w->arc_start[w->pair_item[e]]; a < w->arc_start[w->pair_item[e] + 1];
                 a++) {
                size_t k = w->arc_item[a];
                x[k] = saved[q++];
                w->left[w->g->a[k].offer] -= x[k] - broker_arc_lo(w->g, k);
            }
        for (size_t t = 0; t < ch[K]; t++)
            if (!forced_at(w, sch, ch[t]))
                w->per_sup[w->g->pr[w->pair_item[w->pair_start[sch] + ch[t]]].sup]++;
    }
    free(saved);
    return better && !first;
}

typedef struct order_key {
    double need;
    size_t sch;
} order_key;

static int cmp_order(const void *x, const void *y)
{
    const order_key *a = x, *b = y;
    if (a->need != b->need)
        return a->need > b->need ? -1 : 1;
    return (a->sch > b->sch) - (a->sch < b->sch);
}

static void ws_free(pick_ws *w)
{
    free(w->need_start);
    free(w->need_item);
    free(w->pair_start);
    free(w->pair_item);
    free(w->arc_start);
    free(w->arc_item);
    free(w->left);
    free(w->need_rem);
    free(w->per_sup);
    free(w->chosen);
    free(w->cap);
    free(w->arc_of);
    free(w->pcost);
}

/* The buckets and scratch; 0 on allocation failure. */
static int ws_init(pick_ws *w, size_t nschools)
{
    const triad_market *m = w->m;
    const broker_arcs *g = w->g;
    size_t n = m->nneeds > g->np ? m->nneeds : g->np;
    n = n > g->na ? n : g->na;
    size_t *key = malloc((n + 1) * sizeof *key);
    int ok = key != NULL;
    for (size_t d = 0; ok && d < m->nneeds; d++)
        key[d] = m->needs[d].school;
    ok = ok && broker_bucket(key, m->nneeds, nschools, &w->need_start, &w->need_item);
    for (size_t p = 0; ok && p < g->np; p++)
        key[p] = g->pr[p].sch;
    ok = ok && broker_bucket(key, g->np, nschools, &w->pair_start, &w->pair_item);
    for (size_t k = 0; ok && k < g->na; k++)
        key[k] = (size_t)g->a[k].pair;
    ok = ok && broker_bucket(key, g->na, g->np, &w->arc_start, &w->arc_item);
    free(key);
    size_t maxp = 0, maxn = 0;
    for (size_t s = 0; ok && s < nschools; s++) {
        size_t np = w->pair_start[s + 1] - w->pair_start[s];
        size_t nn = w->need_start[s + 1] - w->need_start[s];
        maxp = np > maxp ? np : maxp;
        maxn = nn > maxn ? nn : maxn;
    }
    w->left = malloc((m->noffers + 1) * sizeof *w->left);
    w->need_rem = malloc((m->nneeds + 1) * sizeof *w->need_rem);
    w->per_sup = calloc(nschools + 1, sizeof *w->per_sup);
    w->chosen = calloc(nschools * ((size_t)w->o->max_supporters + 1) + 1, sizeof *w->chosen);
    w->cap = malloc((maxp * maxn + 1) * sizeof *w->cap);
    w->arc_of = malloc((maxp * maxn + 1) * sizeof *w->arc_of);
    w->pcost = malloc((maxp + 1) * sizeof *w->pcost);
    if (!ok || !w->left || !w->need_rem || !w->per_sup || !w->chosen || !w->cap || !w->arc_of ||
        !w->pcost)
        return 0;
    for (size_t q = 0; q < m->noffers; q++)
        w->left[q] = m->offers[q].days;
    for (size_t d = 0; d < m->nneeds; d++)
        w->need_rem[d] = m->needs[d].days;
    /* matches under way: their days are given, their pairs counted once */
    for (size_t k = 0; g->lo && k < g->na; k++) {
        w->left[g->a[k].offer] -= g->lo[k];
        w->need_rem[g->a[k].need] -= g->lo[k];
    }
    for (size_t p = 0; g->forced && p < g->np; p++)
        if (g->forced[p])
            w->per_sup[g->pr[p].sup]++;
    return 1;
}

int broker_pick_pairs(const triad_market *m, const broker_arcs *g, const triad_broker_options *o,
                      size_t nschools, double deadline, double *x, unsigned char *open)
{
    pick_ws w = {.m = m, .g = g, .o = o};
    order_key *order = malloc((nschools + 1) * sizeof *order);
    int failed = !order || !ws_init(&w, nschools) || o->max_supporters < 1;
    for (size_t k = 0; !failed && k < g->na; k++)
        x[k] = broker_arc_lo(g, k);
    for (size_t s = 0; !failed && s < nschools; s++) {
        order[s] = (order_key){0, s};
        for (size_t e = w.need_start[s]; e < w.need_start[s + 1]; e++)
            order[s].need += m->needs[w.need_item[e]].days * m->needs[w.need_item[e]].priority;
    }
    if (!failed)
        qsort(order, nschools, sizeof *order, cmp_order);
    for (size_t r = 0; !failed && r < nschools; r++)
        choose(&w, order[r].sch, 1, x, &failed);
    /* passes while one improves, within the time */
    int changed = 1;
    for (int pass = 0; !failed && changed && pass < 50 && clock_now() < deadline; pass++) {
        changed = 0;
        for (size_t r = 0; !failed && r < nschools; r++)
            changed |= choose(&w, order[r].sch, 0, x, &failed);
    }
    const size_t K = (size_t)o->max_supporters;
    for (size_t p = 0; !failed && p < g->np; p++)
        open[p] = !g->pair_col[p];
    for (size_t s = 0; !failed && s < nschools; s++)
        for (size_t t = 0; t < w.chosen[s * (K + 1) + K]; t++)
            open[w.pair_item[w.pair_start[s] + w.chosen[s * (K + 1) + t]]] = 1;
    ws_free(&w);
    free(order);
    return !failed;
}
