/* The running state of one assignment for the partition search: per group
 * category counts and shares, numeric sums, trust counts, reach and
 * distance counters, built from scratch and costed from scratch (the
 * search then keeps it by O(1)/O(d) deltas, partition.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solve/partition.h"
#include "solve/rng.h"
#include "solve/partition_state.h"

void pstate_free(pstate *s)
{
    free(s->cnt);
    free(s->share);
    free(s->dsum);
    free(s->tcnt);
    free(s->ecnt);
    free(s->cell_attr);
    free(s->sx);
    free(s->sy);
    free(s->sq);
    free(s->far);
    free(s->reach);
    free(s->dreach);
    free(s->touched);
    free(s->split);
}

/* The travel terms' state: each item's group-mates in reach, whether each
 * group splits into triads within the limit. 0 on allocation failure. */
static int init_travel(pstate *s, const partition_problem *pp, const int *group)
{
    size_t k = pp->k;
    if (pp->near_start) {
        s->reach = calloc(pp->n + 1, sizeof *s->reach);
        s->dreach = calloc(pp->n + 1, sizeof *s->dreach);
        s->touched = malloc((3 * pp->n + 4) * sizeof *s->touched); /* up to 3 visits each */
        if (!s->reach || !s->dreach || !s->touched)
            return 0;
        for (size_t i = 0; i < pp->n; i++)
            for (size_t e = pp->near_start[i]; e < pp->near_start[i + 1]; e++)
                s->reach[i] += group[pp->near[e]] == group[i];
    }
    if (pp->splits) {
        if (!(s->split = malloc(k + 1)))
            return 0;
        for (size_t g = 0; g < k; g++)
            s->split[g] = (unsigned char)pp->splits(pp->splits_ctx, group, (int)g);
    }
    return 1;
}

/* The geography terms' state: each group's sums of coordinates (for its
 * spread), and each item's far partners per group. 0 on allocation
 * failure. */
static int init_geography(pstate *s, const partition_problem *pp, const int *group)
{
    size_t k = pp->k;
    s->sx = calloc(k + 1, sizeof *s->sx);
    s->sy = calloc(k + 1, sizeof *s->sy);
    s->sq = calloc(k + 1, sizeof *s->sq);
    if (!s->sx || !s->sy || !s->sq)
        return 0;
    for (size_t i = 0; i < pp->n; i++) {
        size_t g = (size_t)group[i];
        s->sx[g] += pp->px[i];
        s->sy[g] += pp->py[i];
        s->sq[g] += pp->px[i] * pp->px[i] + pp->py[i] * pp->py[i];
    }
    if (pp->max_km > 0) {
        s->far = calloc(pp->n * k + 1, sizeof *s->far);
        if (!s->far)
            return 0;
        for (size_t a = 0; a < pp->n; a++)
            for (size_t b = 0; b < pp->n; b++)
                if (a != b && too_far(pp, a, b))
                    s->far[a * k + (size_t)group[b]]++;
    }
    return 1;
}

/* Each group's counts per cell and trust, numeric sums against their
 * share, lead-eligible members, and who is at home (continuity). */
static void init_counts(pstate *s, const partition_problem *pp, const int *group)
{
    for (size_t i = 0; i < pp->n; i++)
        for (size_t a = 0; a < pp->ncat_attrs; a++)
            s->cell_attr[pp->cell[i * pp->ncat_attrs + a]] = a;
    for (size_t g = 0; g < pp->k; g++) {
        for (size_t c = 0; c < pp->ncells; c++)
            s->share[g * pp->ncells + c] = pp->size[g] * pp->cell_total[c] / (double)pp->n;
        for (size_t a = 0; a < pp->nnum; a++)
            s->dsum[g * pp->nnum + a] = -pp->size[g] * pp->num_mean[a];
    }
    for (size_t i = 0; i < pp->n; i++) {
        size_t g = (size_t)group[i];
        for (size_t a = 0; a < pp->ncat_attrs; a++)
            s->cnt[g * pp->ncells + pp->cell[i * pp->ncat_attrs + a]]++;
        for (size_t a = 0; a < pp->nnum; a++)
            s->dsum[g * pp->nnum + a] += pp->value[i * pp->nnum + a];
        if (pp->trust[i] >= 0)
            s->tcnt[g * pp->ntrust + (size_t)pp->trust[i]]++;
        if (pp->elig)
            s->ecnt[g] += pp->elig[i];
        if (pp->home && pp->home[i] >= 0) {
            s->nhome++;
            s->athome += pp->home[i] == (int)g;
        }
    }
}

int pstate_init(pstate *s, const partition_problem *pp, int *group)
{
    size_t k = pp->k;
    memset(s, 0, sizeof *s);
    s->pp = pp;
    s->group = group;
    s->cnt = calloc(k * pp->ncells + 1, sizeof *s->cnt);
    s->share = calloc(k * pp->ncells + 1, sizeof *s->share);
    s->dsum = calloc(k * pp->nnum + 1, sizeof *s->dsum);
    s->tcnt = calloc(k * pp->ntrust + 1, sizeof *s->tcnt);
    s->ecnt = calloc(k + 1, sizeof *s->ecnt);
    s->cell_attr = calloc(pp->ncells + 1, sizeof *s->cell_attr);
    if (!s->cnt || !s->share || !s->dsum || !s->tcnt || !s->ecnt || !s->cell_attr ||
        !init_travel(s, pp, group) || (pp->px && !init_geography(s, pp, group))) {
        pstate_free(s);
        return 0;
    }
    init_counts(s, pp, group);
    return 1;
}

double links_cost(const partition_problem *pp, const int *group)
{
    double pairs = 0;
    for (size_t i = 0; i < pp->n; i++) {
        if (pp->must_start)
            for (size_t e = pp->must_start[i]; e < pp->must_start[i + 1]; e++)
                pairs += group[pp->must[e]] != group[i];
        if (pp->cannot_start)
            for (size_t e = pp->cannot_start[i]; e < pp->cannot_start[i + 1]; e++)
                pairs += group[pp->cannot[e]] == group[i];
    }
    return PARTITION_HARD * pairs / 2; /* lists are symmetric */
}

double pstate_cost(const pstate *s)
{
    const partition_problem *pp = s->pp;
    double cost = 0;
    for (size_t g = 0; g < pp->k; g++) {
        for (size_t c = 0; c < pp->ncells; c++) {
            size_t x = g * pp->ncells + c;
            cost += pp->cat_weight[s->cell_attr[c]] * dev_cost(s->cnt[x] - s->share[x]);
        }
        for (size_t a = 0; a < pp->nnum; a++) {
            double d = s->dsum[g * pp->nnum + a];
            cost += pp->num_weight[a] * d * d / pp->size[g];
        }
        for (size_t t = 0; t < pp->ntrust; t++)
            cost += PARTITION_HARD * over_cap(s->tcnt[g * pp->ntrust + t], pp->trust_cap);
        if (pp->elig && s->ecnt[g] == 0)
            cost += PARTITION_HARD;
    }
    if (pp->home)
        cost += home_cost(pp, s->nhome, s->athome);
    if (s->sx && pp->local_weight > 0)
        for (size_t g = 0; g < pp->k; g++)
            cost += spread_cost(pp, s->sx[g], s->sy[g], s->sq[g], pp->size[g]);
    if (s->reach)
        for (size_t i = 0; i < pp->n; i++)
            cost += PARTITION_HARD * lack(pp, (int)i, s->reach[i]);
    if (s->far) { /* each far pair counted from both ends */
        size_t pairs = 0;
        for (size_t i = 0; i < pp->n; i++)
            pairs += (size_t)s->far[i * pp->k + (size_t)s->group[i]];
        cost += PARTITION_HARD * (double)(pairs / 2);
    }
    if (s->split)
        for (size_t g = 0; g < pp->k; g++)
            cost += PARTITION_HARD * !s->split[g];
    return cost + links_cost(pp, s->group);
}

double partition_cost(const partition_problem *pp, const int *group)
{
    pstate s;
    if (!pstate_init(&s, pp, (int *)group))
        return -1;
    double c = pstate_cost(&s);
    pstate_free(&s);
    return c;
}

int partition_should_stop(const partition_budget *b)
{
    if (!b)
        return 0;
    if (b->poll && b->poll(b->poll_ctx) && b->cancel)
        *b->cancel = 1;
    if (b->cancel && *b->cancel)
        return 1;
    if (b->deadline > 0 && clock_now() > b->deadline) {
        if (b->timed_out)
            *b->timed_out = 1; /* said in the plan: never silently short */
        return 1;
    }
    return 0;
}
