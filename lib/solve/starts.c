/* Starting assignments. Random, deal and geo are also the baselines that
 * researchers compare the search against. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/schools_impl.h"
#include "solve/rng.h"
#include "solve/stages.h"

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

int start_assignment(const stratum_job *j, triad_method method, uint64_t seed,
                            int *group)
{
    size_t n = j->n;
    sort_item *it = malloc((n + 1) * sizeof *it);
    size_t *order = malloc((n + 1) * sizeof *order);
    int ok = it && order;
    if (!ok)
        goto done;
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
done:
    free(it);
    free(order);
    return ok;
}

/* The group with room for a component of len (its members there, plus
 * schools that may be swapped out), preferring the one holding most of it;
 * -1 when none has room. */
static long gather_target(const stratum_job *j, const int *group, const unsigned char *settled,
                          const unsigned char *mine, size_t len, size_t *here, size_t *room)
{
    memset(here, 0, j->k * sizeof *here);
    memset(room, 0, j->k * sizeof *room);
    for (size_t y = 0; y < j->n; y++) {
        if (mine[y])
            here[group[y]]++;
        else if (!settled[y] && !(j->locked && j->locked[y]))
            room[group[y]]++;
    }
    long best = -1;
    for (size_t g = 0; g < j->k; g++)
        if (here[g] + room[g] >= len && (best < 0 || here[g] > here[best]))
            best = (long)g;
    return best;
}

/* Moves the members of each must-link component into one group (the one
 * holding most of them that has room, or a locked member's), each by a
 * swap with a school not yet settled there, so the search starts with its
 * links whole: one swap at a time it could only break a link to mend
 * another. Components that find no room are left to the search. */
int start_gather_links(const stratum_job *j, int *group)
{
    const partition_problem *pp = &j->pp;
    if (!pp->must_start)
        return 1;
    size_t n = j->n;
    unsigned char *settled = calloc(n + 1, 1), *mine = calloc(n + 1, 1);
    size_t *queue = malloc((n + 1) * sizeof *queue), *here = malloc((j->k + 1) * sizeof *here),
           *room = malloc((j->k + 1) * sizeof *room);
    int ok = settled && mine && queue && here && room;
    for (size_t i = 0; ok && i < n; i++) {
        if (settled[i] || pp->must_start[i] == pp->must_start[i + 1])
            continue;
        size_t len = 0;
        long target = -1;
        queue[len++] = i;
        settled[i] = mine[i] = 1;
        for (size_t q = 0; q < len; q++) /* breadth first over the links */
            for (size_t e = pp->must_start[queue[q]]; e < pp->must_start[queue[q] + 1]; e++)
                if (!settled[pp->must[e]]) {
                    settled[pp->must[e]] = mine[pp->must[e]] = 1;
                    queue[len++] = (size_t)pp->must[e];
                }
        for (size_t q = 0; q < len && j->locked; q++)
            if (j->locked[queue[q]])
                target = group[queue[q]];
        if (target < 0)
            target = gather_target(j, group, settled, mine, len, here, room);
        for (size_t q = 0; q < len && target >= 0; q++) {
            size_t x = queue[q];
            if (group[x] == (int)target || (j->locked && j->locked[x]))
                continue;
            for (size_t y = 0; y < n; y++)
                if (group[y] == (int)target && !settled[y] && !(j->locked && j->locked[y])) {
                    group[y] = group[x];
                    group[x] = (int)target;
                    break;
                }
        }
        for (size_t q = 0; q < len; q++)
            mine[queue[q]] = 0;
    }
    free(settled);
    free(mine);
    free(queue);
    free(here);
    free(room);
    return ok;
}
