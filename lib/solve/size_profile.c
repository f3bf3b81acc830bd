/* Best size profiles for the MDGP search (see size_profile.h). The exact
 * profile matters: growing the largest group first misses it when the bounds
 * differ by group (Geo n=480 with different sizes: 58 fewer in the sum of
 * squares, about 0.5% of the objective, more than single moves win back). */
#include <stdlib.h>
#include <string.h>

#include "solve/size_profile.h"

static const long long NONE = -1;

/* Group x is filled before group y: larger lower bound, then larger upper
 * bound, then lower index. */
static int fills_first(int x, int y, const int *lo, const int *up)
{
    if (lo[x] != lo[y])
        return lo[x] > lo[y];
    if (up[x] != up[y])
        return up[x] > up[y];
    return x < y;
}

/* Fills groups to their upper bounds, largest lower bound first (ties:
 * larger upper bound first). With equal lower bounds that takes the largest
 * capacities first, with equal upper bounds the groups already largest: in
 * both cases every leading partial sum of the sorted sizes is as large as the
 * bounds allow, so the profile majorises all others and has the most pairs. */
static int greedy(const triad_i_profile *p, int *target)
{
    size_t m = p->m;
    int *order = malloc((m ? m : 1) * sizeof *order);
    if (!order)
        return 0;
    for (size_t g = 0; g < m; g++)
        order[g] = (int)g;
    /* insertion sort: qsort has no context argument in C11, and this runs
     * once per search */
    for (size_t a = 1; a < m; a++) {
        int x = order[a];
        size_t b = a;
        while (b > 0 && fills_first(x, order[b - 1], p->lo, p->up)) {
            order[b] = order[b - 1];
            b--;
        }
        order[b] = x;
    }
    size_t left = p->extra;
    for (size_t g = 0; g < m; g++)
        target[g] = p->lo[g];
    for (size_t k = 0; k < m && left > 0; k++) {
        int g = order[k];
        size_t room = (size_t)(p->up[g] - p->lo[g]);
        size_t x = room < left ? room : left;
        target[g] += (int)x;
        left -= x;
    }
    free(order);
    return 1;
}

int triad_i_profile_init(triad_i_profile *p, const int *lo, const int *up, size_t m, size_t n,
                         size_t max_work)
{
    p->m = m;
    p->lo = lo;
    p->up = up;
    p->best = NULL;
    p->fixed = NULL;
    p->exact = 0;
    p->squares = 0;
    p->work = 0;
    size_t floor_sum = 0, room_sum = 0;
    for (size_t g = 0; g < m; g++) {
        if (lo[g] < 0 || up[g] < lo[g])
            return 0;
        floor_sum += (size_t)lo[g];
        room_sum += (size_t)(up[g] - lo[g]);
    }
    if (m == 0 || floor_sum > n || n - floor_sum > room_sum)
        return 0;
    size_t extra = n - floor_sum, width = extra + 1;
    p->extra = extra;
    /* the work of the programme, before committing memory to it */
    size_t work = 0, reach = 0;
    for (size_t g = 0; g < m && work <= max_work; g++) {
        reach += (size_t)(up[g] - lo[g]);
        size_t states = (reach < extra ? reach : extra) + 1;
        work += states * (size_t)(up[g] - lo[g] + 1);
    }
    p->work = work;
    if (work > max_work || m > ((size_t)-1 / sizeof(long long)) / width) {
        int all_lo = 1, all_up = 1;
        for (size_t g = 1; g < m; g++) {
            all_lo = all_lo && lo[g] == lo[0];
            all_up = all_up && up[g] == up[0];
        }
        p->exact = all_lo || all_up;
        p->fixed = malloc(m * sizeof *p->fixed);
        if (!p->fixed || !greedy(p, p->fixed))
            return 0;
        for (size_t g = 0; g < m; g++)
            p->squares += (long long)p->fixed[g] * p->fixed[g];
        return 1;
    }
    /* best[g width + e]: the largest sum of squares of groups 0..g holding
     * e elements above their lower bounds, NONE when unreachable */
    long long *best = malloc(m * width * sizeof *best);
    if (!best)
        return 0;
    reach = 0;
    for (size_t g = 0; g < m; g++) {
        long long *row = best + g * width;
        const long long *prev = g ? row - width : NULL;
        size_t room = (size_t)(up[g] - lo[g]);
        reach += room;
        for (size_t e = 0; e < width; e++) {
            row[e] = NONE;
            if (e > reach)
                continue;
            for (size_t x = 0; x <= room && x <= e; x++) {
                long long before = g ? prev[e - x] : (e == x ? 0 : NONE);
                long long z = lo[g] + (long long)x;
                if (before != NONE && before + z * z > row[e])
                    row[e] = before + z * z;
            }
        }
    }
    p->best = best;
    p->exact = 1;
    p->squares = best[(m - 1) * width + extra];
    return 1;
}

void triad_i_profile_draw(const triad_i_profile *p, rng *r, int *target)
{
    size_t m = p->m, width = p->extra + 1;
    if (!p->best) {
        memcpy(target, p->fixed, m * sizeof *target);
        return;
    }
    size_t e = p->extra;
    for (size_t g = m; g-- > 0;) {
        const long long *prev = g ? p->best + (g - 1) * width : NULL;
        long long want = p->best[g * width + e];
        size_t room = (size_t)(p->up[g] - p->lo[g]), pick = 0;
        unsigned ties = 0;
        for (size_t x = 0; x <= room && x <= e; x++) {
            long long before = g ? prev[e - x] : (e == x ? 0 : NONE);
            long long z = p->lo[g] + (long long)x;
            if (before != NONE && before + z * z == want && rng_below(r, ++ties) == 0)
                pick = x;
        }
        target[g] = p->lo[g] + (int)pick;
        e -= pick;
    }
}

void triad_i_profile_free(triad_i_profile *p)
{
    free(p->best);
    free(p->fixed);
    p->best = NULL;
    p->fixed = NULL;
}
