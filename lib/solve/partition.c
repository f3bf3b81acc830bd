/* Balanced partition of one stratum into groups of fixed sizes: simulated
 * annealing over swaps with incremental deltas, then a first-improvement
 * descent (the state and its costs from scratch: partition_state.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solve/partition.h"
#include "solve/rng.h"
#include "solve/partition_state.h"

/* Above this many items a pass over all pairs costs more than it finds
 * (3,000 schools: 4.5 million pairs a pass); the descent samples instead. */
#define DESCENT_ALL_PAIRS_MAX 600
#define DESCENT_SAMPLES_PER_ITEM 32

/* The split term's change if i and j changed places: the two groups are
 * checked with the swap made, then it is undone. */
static double split_delta(const pstate *s, int i, int j)
{
    const partition_problem *pp = s->pp;
    if (!s->split)
        return 0;
    int g = s->group[i], h = s->group[j];
    s->group[i] = h;
    s->group[j] = g;
    int now = pp->splits(pp->splits_ctx, s->group, g) + pp->splits(pp->splits_ctx, s->group, h);
    s->group[i] = g;
    s->group[j] = h;
    return PARTITION_HARD * ((s->split[g] + s->split[h]) - now);
}

static double link_delta(const size_t *start, const int *adj, const int *group, int i, int j,
                         int g, int h)
{
    /* Partners of i: those in g are left behind, those in h are joined. */
    double d = 0;
    for (size_t e = start[i]; e < start[i + 1]; e++) {
        int p = adj[e];
        if (p == j)
            continue;
        d += (group[p] == g) - (group[p] == h);
    }
    for (size_t e = start[j]; e < start[j + 1]; e++) {
        int p = adj[e];
        if (p == i)
            continue;
        d += (group[p] == h) - (group[p] == g);
    }
    return d; /* change in split pairs */
}

/* Collects in s->dreach the change of every item's reach when i (in g) and
 * j (in h) change places; returns the number of items touched. */
static size_t reach_changes(const pstate *s, int i, int j, int g, int h)
{
    const partition_problem *pp = s->pp;
    size_t nt = 0;
    for (int side = 0; side < 2; side++) {
        int a = side ? j : i, b = side ? i : j, from = side ? h : g, to = side ? g : h;
        for (size_t e = pp->near_start[a]; e < pp->near_start[a + 1]; e++) {
            int x = pp->near[e];
            if (x == b)
                continue;
            int d = (s->group[x] == to) - (s->group[x] == from);
            if (!d)
                continue;
            if (s->dreach[x] == 0)
                s->touched[nt++] = x;
            /* an item whose change returns to 0 and moves again is listed
             * twice; the second visit adds nothing */
            s->dreach[x] += d;
        }
    }
    /* i and j themselves: their new mates replace their old ones */
    for (int side = 0; side < 2; side++) {
        int a = side ? j : i, b = side ? i : j, to = side ? g : h;
        int now = 0;
        for (size_t e = pp->near_start[a]; e < pp->near_start[a + 1]; e++) {
            int x = pp->near[e];
            if (x != b && s->group[x] == to)
                now++;
        }
        int d = now - s->reach[a];
        if (s->dreach[a] == 0 && d != 0)
            s->touched[nt++] = a;
        s->dreach[a] += d;
    }
    return nt;
}

/* The parts of a swap's cost change. Each takes the running sum d and
 * returns it with its terms added, in the order the full cost adds them
 * (so the sum is the same to the last bit, and the search with it). */

/* Balance: categorical cells and numeric means. */
static inline double balance_delta(const pstate *s, int i, int j, int g, int h, double d)
{
    const partition_problem *pp = s->pp;
    size_t A = pp->ncat_attrs, C = pp->ncells;
    const int *cg = s->cnt + (size_t)g * C, *ch = s->cnt + (size_t)h * C;
    const double *sg = s->share + (size_t)g * C, *sh = s->share + (size_t)h * C;
    for (size_t a = 0; a < A; a++) {
        int ci = pp->cell[(size_t)i * A + a], cj = pp->cell[(size_t)j * A + a];
        if (ci == cj)
            continue;
        double x = dev_cost(cg[ci] - 1 - sg[ci]) - dev_cost(cg[ci] - sg[ci]) +
                   dev_cost(cg[cj] + 1 - sg[cj]) - dev_cost(cg[cj] - sg[cj]) +
                   dev_cost(ch[cj] - 1 - sh[cj]) - dev_cost(ch[cj] - sh[cj]) +
                   dev_cost(ch[ci] + 1 - sh[ci]) - dev_cost(ch[ci] - sh[ci]);
        d += pp->cat_weight[a] * x;
    }
    for (size_t a = 0; a < pp->nnum; a++) {
        double dv = pp->value[(size_t)j * pp->nnum + a] - pp->value[(size_t)i * pp->nnum + a];
        if (dv == 0)
            continue;
        double dg = s->dsum[(size_t)g * pp->nnum + a], dh = s->dsum[(size_t)h * pp->nnum + a];
        d += pp->num_weight[a] * (((dg + dv) * (dg + dv) - dg * dg) / pp->size[g] +
                                  ((dh - dv) * (dh - dv) - dh * dh) / pp->size[h]);
    }
    return d;
}

/* Rules: the trust cap and a lead-eligible school in every group. */
static inline double rules_delta(const pstate *s, int i, int j, int g, int h, double d)
{
    const partition_problem *pp = s->pp;
    int ti = pp->trust[i], tj = pp->trust[j];
    if (ti != tj && pp->trust_cap > 0) {
        const int *tg = s->tcnt + (size_t)g * pp->ntrust, *th = s->tcnt + (size_t)h * pp->ntrust;
        int cap = pp->trust_cap;
        double x = 0;
        if (ti >= 0)
            x += over_cap(tg[ti] - 1, cap) - over_cap(tg[ti], cap) + over_cap(th[ti] + 1, cap) -
                 over_cap(th[ti], cap);
        if (tj >= 0)
            x += over_cap(tg[tj] + 1, cap) - over_cap(tg[tj], cap) + over_cap(th[tj] - 1, cap) -
                 over_cap(th[tj], cap);
        d += PARTITION_HARD * x;
    }
    if (pp->elig && pp->elig[i] != pp->elig[j]) {
        int diff = pp->elig[j] - pp->elig[i];
        d += PARTITION_HARD * (((s->ecnt[g] + diff) == 0) - (s->ecnt[g] == 0) +
                               ((s->ecnt[h] - diff) == 0) - (s->ecnt[h] == 0));
    }
    return d;
}

/* Geography: spread (geography = local), reach and far pairs (travel
 * limits). */
static inline double geography_delta(const pstate *s, int i, int j, int g, int h, double d)
{
    const partition_problem *pp = s->pp;
    if (s->sx && pp->local_weight > 0) {
        double dx = pp->px[j] - pp->px[i], dy = pp->py[j] - pp->py[i];
        double qi = pp->px[i] * pp->px[i] + pp->py[i] * pp->py[i];
        double qj = pp->px[j] * pp->px[j] + pp->py[j] * pp->py[j];
        d += spread_cost(pp, s->sx[g] + dx, s->sy[g] + dy, s->sq[g] - qi + qj, pp->size[g]) -
             spread_cost(pp, s->sx[g], s->sy[g], s->sq[g], pp->size[g]) +
             spread_cost(pp, s->sx[h] - dx, s->sy[h] - dy, s->sq[h] - qj + qi, pp->size[h]) -
             spread_cost(pp, s->sx[h], s->sy[h], s->sq[h], pp->size[h]);
    }
    if (s->reach) {
        size_t nt = reach_changes(s, i, j, g, h);
        double x = 0;
        for (size_t t = 0; t < nt; t++) {
            int a = s->touched[t];
            x += lack(pp, a, s->reach[a] + s->dreach[a]) - lack(pp, a, s->reach[a]);
            s->dreach[a] = 0;
        }
        d += PARTITION_HARD * x;
    }
    if (s->far) {
        /* i leaves g for h, j leaves h for g; their mutual pair stays split */
        size_t k = pp->k;
        int ij = too_far(pp, (size_t)i, (size_t)j);
        long before = s->far[(size_t)i * k + g] + s->far[(size_t)j * k + h];
        long after = s->far[(size_t)i * k + h] - ij + s->far[(size_t)j * k + g] - ij;
        d += PARTITION_HARD * (double)(after - before);
    }
    return d;
}

/* Cost change of swapping items i (in g) and j (in h), g != h. */
static double swap_delta(const pstate *s, int i, int j)
{
    const partition_problem *pp = s->pp;
    int g = s->group[i], h = s->group[j];
    double d = balance_delta(s, i, j, g, h, 0);
    d = rules_delta(s, i, j, g, h, d);
    d = geography_delta(s, i, j, g, h, d);
    if (pp->home) {
        int hi = pp->home[i], hj = pp->home[j];
        long stay = (long)(hi == h) + (hj == g) - (hi == g) - (hj == h);
        if (stay)
            d += home_cost(pp, s->nhome, (size_t)((long)s->athome + stay)) -
                 home_cost(pp, s->nhome, s->athome);
    }
    if (pp->must_start)
        d += PARTITION_HARD * link_delta(pp->must_start, pp->must, s->group, i, j, g, h);
    if (pp->cannot_start)
        d -= PARTITION_HARD * link_delta(pp->cannot_start, pp->cannot, s->group, i, j, g, h);
    return d;
}

static void apply_swap(pstate *s, int i, int j)
{
    const partition_problem *pp = s->pp;
    int g = s->group[i], h = s->group[j];
    size_t A = pp->ncat_attrs, C = pp->ncells;
    for (size_t a = 0; a < A; a++) {
        int ci = pp->cell[(size_t)i * A + a], cj = pp->cell[(size_t)j * A + a];
        s->cnt[(size_t)g * C + ci]--;
        s->cnt[(size_t)g * C + cj]++;
        s->cnt[(size_t)h * C + cj]--;
        s->cnt[(size_t)h * C + ci]++;
    }
    for (size_t a = 0; a < pp->nnum; a++) {
        double dv = pp->value[(size_t)j * pp->nnum + a] - pp->value[(size_t)i * pp->nnum + a];
        s->dsum[(size_t)g * pp->nnum + a] += dv;
        s->dsum[(size_t)h * pp->nnum + a] -= dv;
    }
    int ti = pp->trust[i], tj = pp->trust[j];
    if (ti >= 0) {
        s->tcnt[(size_t)g * pp->ntrust + ti]--;
        s->tcnt[(size_t)h * pp->ntrust + ti]++;
    }
    if (tj >= 0) {
        s->tcnt[(size_t)h * pp->ntrust + tj]--;
        s->tcnt[(size_t)g * pp->ntrust + tj]++;
    }
    if (pp->elig) {
        int diff = pp->elig[j] - pp->elig[i];
        s->ecnt[g] += diff;
        s->ecnt[h] -= diff;
    }
    if (pp->home)
        s->athome = (size_t)((long)s->athome + (pp->home[i] == h) + (pp->home[j] == g) -
                             (pp->home[i] == g) - (pp->home[j] == h));
    if (s->sx) {
        double dx = pp->px[j] - pp->px[i], dy = pp->py[j] - pp->py[i];
        double qi = pp->px[i] * pp->px[i] + pp->py[i] * pp->py[i];
        double qj = pp->px[j] * pp->px[j] + pp->py[j] * pp->py[j];
        s->sx[g] += dx;
        s->sy[g] += dy;
        s->sq[g] += qj - qi;
        s->sx[h] -= dx;
        s->sy[h] -= dy;
        s->sq[h] += qi - qj;
    }
    if (s->reach) {
        size_t nt = reach_changes(s, i, j, g, h);
        for (size_t t = 0; t < nt; t++) {
            int a = s->touched[t];
            s->reach[a] += s->dreach[a];
            s->dreach[a] = 0;
        }
    }
    if (s->far) /* everyone's far counts for g and h: i and j changed places */
        for (size_t x = 0; x < pp->n; x++) {
            int fi = (size_t)i != x && too_far(pp, x, (size_t)i);
            int fj = (size_t)j != x && too_far(pp, x, (size_t)j);
            s->far[x * pp->k + g] += fj - fi;
            s->far[x * pp->k + h] += fi - fj;
        }
    s->group[i] = h;
    s->group[j] = g;
    if (s->split) {
        s->split[g] = (unsigned char)pp->splits(pp->splits_ctx, s->group, g);
        s->split[h] = (unsigned char)pp->splits(pp->splits_ctx, s->group, h);
    }
}

/* Rounds of random swaps, keeping the improving ones, until a whole round
 * (64 tries per item) finds nothing. */
static double descend_sampled(pstate *s, double cost, const partition_budget *b, rng *r)
{
    const partition_problem *pp = s->pp;
    /* a round must win back a meaningful amount, not the last decimals of
     * a numeric mean, to earn another */
    double gained = INFINITY;
    for (int round = 0; gained > 1e-3 && round < 6; round++) {
        double start = cost;
        uint64_t tries = (uint64_t)pp->n * DESCENT_SAMPLES_PER_ITEM;
        for (uint64_t t = 0; t < tries; t++) {
            int i = (int)rng_below(r, (uint32_t)pp->n), j = (int)rng_below(r, (uint32_t)pp->n);
            if (s->group[i] == s->group[j] || (pp->locked && (pp->locked[i] || pp->locked[j])))
                continue;
            double d = swap_delta(s, i, j);
            if (d < -1e-9 && (d += split_delta(s, i, j)) < -1e-9) {
                apply_swap(s, i, j);
                cost += d;
            }
            if ((t & 4095) == 0 && partition_should_stop(b))
                return cost;
        }
        gained = start - cost;
    }
    return cost;
}

/* Repeated first-improvement passes over all pairs until none improves. */
static double descend(pstate *s, double cost, const partition_budget *b)
{
    const partition_problem *pp = s->pp;
    int improved = 1;
    for (int pass = 0; improved && pass < 100; pass++) {
        improved = 0;
        for (size_t i = 0; i < pp->n; i++) {
            for (size_t j = i + 1; j < pp->n; j++) {
                if (s->group[i] == s->group[j] || (pp->locked && (pp->locked[i] || pp->locked[j])))
                    continue;
                double d = swap_delta(s, (int)i, (int)j);
                if (d < -1e-9 && (d += split_delta(s, (int)i, (int)j)) < -1e-9) {
                    apply_swap(s, (int)i, (int)j);
                    cost += d;
                    improved = 1;
                }
            }
            if ((i & 63) == 0 && partition_should_stop(b))
                return cost;
        }
    }
    return cost;
}

/* 1 when every weighted category of every group is within one school of
 * its share: what "balanced" means to an LA. */
static int pstate_within_one(const pstate *s)
{
    const partition_problem *pp = s->pp;
    for (size_t x = 0; x < pp->k * pp->ncells; x++)
        if (pp->cat_weight[s->cell_attr[x % pp->ncells]] > 0 &&
            fabs(s->cnt[x] - s->share[x]) > 1.0 + 1e-9)
            return 0;
    return 1;
}

/* Annealing from temperature hot to cold over `moves` swaps. The best
 * state is copied out only in the last fifth, where the schedule is cold
 * and improvements are few (a copy is O(n)). */
static double anneal(pstate *s, rng *r, double hot, double cold, uint64_t moves, double cost,
                     int *best, double *best_cost, const partition_budget *budget)
{
    const partition_problem *pp = s->pp;
    int *group = s->group;
    double temp = hot;
    uint64_t keep_from = moves - moves / 5;
    for (uint64_t it = 0; it < moves; it++) {
        if ((it & 1023) == 0) {
            temp = hot * pow(cold / hot, (double)it / (double)moves);
            if ((it & 4095) == 0 && partition_should_stop(budget))
                break;
        }
        int i = (int)rng_below(r, (uint32_t)pp->n), j = (int)rng_below(r, (uint32_t)pp->n);
        if (group[i] == group[j] || (pp->locked && (pp->locked[i] || pp->locked[j])))
            continue;
        double d = swap_delta(s, i, j);
        /* the split check only for a move the rest would take, and the
         * dice thrown once: the same acceptance with the whole delta */
        double u = d <= 0 ? -1 : rng_unit(r);
        if (d <= 0 || u < exp(-d / temp)) {
            if (s->split && (d += split_delta(s, i, j)) > 0) {
                if (u < 0)
                    u = rng_unit(r);
                if (u >= exp(-d / temp))
                    continue;
            }
            apply_swap(s, i, j);
            cost += d;
            if (it >= keep_from && cost < *best_cost - 1e-9) {
                *best_cost = cost;
                memcpy(best, group, pp->n * sizeof *best);
            }
        }
    }
    if (cost < *best_cost - 1e-9) {
        *best_cost = cost;
        memcpy(best, group, pp->n * sizeof *best);
    }
    return cost;
}

double partition_improve(const partition_problem *pp, int *group, uint64_t seed,
                         const partition_budget *budget)
{
    if (pp->k < 2 || pp->n < 2)
        return partition_cost(pp, group);
    pstate s;
    int live = 0; /* s holds memory */
    double cost = -1;
    int *best = malloc(pp->n * sizeof *best);
    if (!best || !(live = pstate_init(&s, pp, group)))
        goto done;
    rng r;
    rng_seed(&r, seed);
    cost = pstate_cost(&s);
    double best_cost = cost;
    memcpy(best, group, pp->n * sizeof *best);

    /* Starting temperature: a typical uphill step of a random swap. */
    double up = 0;
    int nup = 0;
    for (int t = 0; t < 2000; t++) {
        int i = (int)rng_below(&r, (uint32_t)pp->n), j = (int)rng_below(&r, (uint32_t)pp->n);
        if (group[i] == group[j] || (pp->locked && (pp->locked[i] || pp->locked[j])))
            continue;
        double d = swap_delta(&s, i, j);
        if (d > 0 && d < PARTITION_HARD / 2) {
            up += d;
            nup++;
        }
    }
    double t0 = nup ? 0.5 * up / nup : 1.0, t1 = t0 * 1e-4;
    /* Continuity: last year's plan is the start and mostly the answer; a
     * hot start would scatter it and the search would pay to rebuild it. */
    double hot = pp->home ? t0 * 0.05 : t0;
    cost = anneal(&s, &r, hot, t1, budget->moves, cost, best, &best_cost, budget);
    /* The budget is a floor, not a ceiling: while some category is more than
     * one school from its share after the descent, go on (cooler) for up to
     * three more budgets. */
    for (int round = 0;; round++) {
        pstate_free(&s);
        memcpy(group, best, pp->n * sizeof *best);
        if (!(live = pstate_init(&s, pp, group))) {
            cost = -1;
            goto done;
        }
        cost = pp->n <= DESCENT_ALL_PAIRS_MAX ? descend(&s, pstate_cost(&s), budget)
                                              : descend_sampled(&s, pstate_cost(&s), budget, &r);
        memcpy(best, group, pp->n * sizeof *best);
        best_cost = cost;
        if (round == 3 || pstate_within_one(&s) || partition_should_stop(budget))
            break;
        cost = anneal(&s, &r, t0 * 0.05, t1, budget->moves, cost, best, &best_cost, budget);
    }
    cost = pstate_cost(&s); /* drop accumulated rounding */
done:
    if (live)
        pstate_free(&s);
    free(best);
    return cost;
}

double partition_check_deltas(const partition_problem *pp, int *group, uint64_t seed,
                              int nswaps)
{
    pstate s;
    if (!pstate_init(&s, pp, group))
        return -1;
    rng r;
    rng_seed(&r, seed);
    double worst = 0, cost = pstate_cost(&s);
    for (int t = 0; t < nswaps; t++) {
        int i = (int)rng_below(&r, (uint32_t)pp->n), j = (int)rng_below(&r, (uint32_t)pp->n);
        if (group[i] == group[j])
            continue;
        double d = swap_delta(&s, i, j) + split_delta(&s, i, j);
        apply_swap(&s, i, j);
        double now = pstate_cost(&s);
        if (fabs(now - cost - d) > worst)
            worst = fabs(now - cost - d);
        cost = now;
    }
    pstate_free(&s);
    return worst;
}
