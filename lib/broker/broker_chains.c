/* The moves a school's best set of supporters at the LP's prices suggests
 * (stage 2b, broker_improve.c): alone, in chains of two (the supporter it
 * wants freed by sending another school elsewhere, the supporter it lets
 * go taken by a school short of days, one of its own supporters freed for
 * it), and as kicks out of a local optimum. */
#include <math.h>
#include <stdlib.h>

#include "broker/broker_improve_impl.h"
#include "core/clock.h"

void improve_prices_free(prices *pc)
{
    free(pc->price);
    free(pc->barred);
    free(pc->short_of);
}

int improve_prices_read(improve *w, const triad_market *m, prices *pc)
{
    pc->price = malloc((m->noffers + 1) * sizeof *pc->price);
    pc->barred = malloc((m->noffers + 1) * sizeof *pc->barred);
    pc->short_of = calloc(w->nschools + 1, 1);
    int ok = pc->price && pc->barred && pc->short_of;
    if (ok) {
        for (size_t q = 0; q < m->noffers; q++)
            pc->price[q] = fmax(0, glp_get_row_dual(w->P, (int)q + 1));
        for (size_t d = 0; d < m->nneeds; d++)
            w->unmet[d] = m->needs[d].days;
        for (size_t k = 0; k < w->g->na; k++)
            w->unmet[w->g->a[k].need] -= improve_arc_flow(w, k);
        for (size_t d = 0; d < m->nneeds; d++)
            pc->short_of[m->needs[d].school] |= (unsigned char)(w->unmet[d] > 1e-7 ? 2 : 0);
        for (size_t k = 0; k < w->g->na; k++)
            if (w->unmet[w->g->a[k].need] > 1e-7 && improve_arc_rc(w, k) > 1e-7)
                pc->short_of[m->needs[w->g->a[k].need].school] |= 1;
    }
    return ok;
}

#define CHAIN_CLIENTS 12 /* a supporter's schools tried as the chain's second link */

/* School s's best set failed alone: for each supporter it would add, each
 * school that supporter serves now tries its own best set without it, the
 * two moves at once (the day s needs freed by sending the other school to
 * a supporter with days to spare). 1 kept, 0 none, -1 failed. */
static int chain_moves(improve *w, const triad_market *m, broker_price *choice, prices *pc,
                       size_t s, const size_t *set, size_t n)
{
    const broker_arcs *g = w->g;
    for (size_t t = 0; t < n; t++) {
        if (w->open[set[t]])
            continue;
        size_t j = g->pr[set[t]].sup, tried = 0;
        for (size_t q = 0; q < m->noffers; q++)
            pc->barred[q] = m->offers[q].school == j ? 1e9 : pc->price[q];
        for (size_t e = w->sup_start[j]; e < w->sup_start[j + 1] && tried < CHAIN_CLIENTS; e++) {
            size_t q = w->sup_item[e], k = g->pr[q].sch, set2[2], n2;
            double v;
            if (!w->open[q] || k == s || !broker_work_left(w->work))
                continue;
            tried++;
            if (!broker_price_choice(choice, k, pc->barred, set2, &n2, &v))
                return -1;
            move mv = {{0}, {0}, 0, 0};
            if (!improve_add_set(w, &mv, s, set, n) || !improve_add_set(w, &mv, k, set2, n2))
                continue;
            int r = improve_try(w, &mv);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

/* School s's best set failed alone because the supporter it lets go
 * takes its days with it: each school short of days with a free place
 * that the supporter may serve takes it, the two moves at once. 1 kept, 0
 * none, -1 failed. */
static int absorb_moves(improve *w, const prices *pc, size_t s, const size_t *set, size_t n)
{
    const broker_arcs *g = w->g;
    move base = {{0}, {0}, 0, 0};
    if (!improve_add_set(w, &base, s, set, n))
        return 0;
    for (size_t t = 0; t < base.noff && base.non < 4; t++) {
        size_t j = g->pr[base.off[t]].sup, tried = 0;
        for (size_t e = w->sup_start[j]; e < w->sup_start[j + 1] && tried < CHAIN_CLIENTS; e++) {
            size_t q = w->sup_item[e], k = g->pr[q].sch;
            if (w->open[q] || !g->pair_col[q] || k == s || !(pc->short_of[k] & 2) ||
                w->per_sch[k] >= w->K || !broker_work_left(w->work))
                continue;
            tried++;
            move mv = base;
            mv.on[mv.non++] = q;
            int r = improve_try(w, &mv);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

/* School s keeps its supporters but one of them has no day left for it:
 * each other school that supporter serves tries its best set without it.
 * 1 kept, 0 none, -1 failed. */
static int release_moves(improve *w, const triad_market *m, broker_price *choice, prices *pc,
                         size_t s)
{
    const broker_arcs *g = w->g;
    for (size_t e = w->pair_start[s]; e < w->pair_start[s + 1]; e++) {
        size_t p = w->pair_item[e], j = g->pr[p].sup, tried = 0;
        if (!w->open[p])
            continue;
        for (size_t q = 0; q < m->noffers; q++)
            pc->barred[q] = m->offers[q].school == j ? 1e9 : pc->price[q];
        for (size_t f = w->sup_start[j]; f < w->sup_start[j + 1] && tried < CHAIN_CLIENTS; f++) {
            size_t q = w->sup_item[f], k = g->pr[q].sch, set[2], n;
            double v;
            if (!w->open[q] || k == s || !broker_work_left(w->work))
                continue;
            tried++;
            if (!broker_price_choice(choice, k, pc->barred, set, &n, &v))
                return -1;
            move mv = {{0}, {0}, 0, 0};
            if (!improve_add_set(w, &mv, k, set, n))
                continue;
            int r = improve_try(w, &mv);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

/* Each school that leaves days unmet tries its best set of supporters at
 * the LP's offer prices; where that fails and an arc of the school prices
 * out, the chains of two moves (chain_moves, absorb_moves, release_moves). 1 when a move was kept,
 * 0 none, -1 LP failed or out of memory. */
int improve_choice_moves(improve *w, const triad_market *m, broker_price *choice)
{
    prices pc = {0};
    int result = improve_prices_read(w, m, &pc) ? 0 : -1;
    for (size_t s = 0; result >= 0 && s < w->nschools && broker_work_left(w->work); s++) {
        size_t set[2], n;
        double v;
        if (!pc.short_of[s])
            continue;
        if (!broker_price_choice(choice, s, pc.price, set, &n, &v)) {
            result = -1;
            break;
        }
        move mv = {{0}, {0}, 0, 0};
        int t = improve_add_set(w, &mv, s, set, n) ? improve_try(w, &mv) : 0;
        if (t == 0 && (pc.short_of[s] & 1))
            t = chain_moves(w, m, choice, &pc, s, set, n);
        if (t == 0 && (pc.short_of[s] & 1))
            t = absorb_moves(w, &pc, s, set, n);
        if (t == 0 && (pc.short_of[s] & 1))
            t = release_moves(w, m, choice, &pc, s);
        result = t < 0 ? -1 : result | t;
    }
    improve_prices_free(&pc);
    return result;
}

/* A kick out of a local optimum: the next school (after *next) that lacks
 * days an arc of its own prices out for takes its best set of supporters
 * at the LP's prices whatever it meets; *scanned counts the schools looked
 * at. 1 kicked, 0 no school to kick, -1 failed. */
int improve_kick(improve *w, broker_price *choice, size_t *next, size_t *scanned)
{
    prices pc = {0};
    int result = improve_prices_read(w, w->m, &pc) ? 0 : -1;
    for (size_t t = 0; result == 0 && t < w->nschools; t++) {
        size_t s = (*next + t) % w->nschools, set[2], n;
        double v;
        if (!(pc.short_of[s] & 1))
            continue;
        if (!broker_price_choice(choice, s, pc.price, set, &n, &v)) {
            result = -1;
            break;
        }
        move mv = {{0}, {0}, 0, 0};
        if (!improve_add_set(w, &mv, s, set, n))
            continue;
        w->force = 1;
        result = improve_try(w, &mv) < 0 ? -1 : 1;
        w->force = 0;
        *next = s + 1;
        *scanned = t + 1;
    }
    improve_prices_free(&pc);
    return result;
}
