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
