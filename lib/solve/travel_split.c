/* triad_max_km as a rule of the whole plan. A collaborative can give every
 * school two group-mates in reach and still hold no split into triads
 * within the limit (three schools pairwise in reach are a triangle, not
 * three edges), so the search checks the split itself: this file's exact
 * check (backtracking over the collaborative's triads: 9 schools have at
 * most 280 splits, and the reach rule prunes most of them) is the search's
 * `splits` term, and after the search it names what could not be met. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/sizes.h"
#include "model/schools_impl.h"
#include "model/spec_impl.h"
#include "solve/stages.h"

/* Largest collaborative checked exactly; larger (sector-wide) groups are
 * left to the triad stage, which says what it could not keep. */
#define SPLIT_MAX 12

typedef struct split_state {
    const travel_split *t;
    int mem[SPLIT_MAX];
    int m, q;
    int tsize[SPLIT_MAX];
    unsigned char used[SPLIT_MAX];
} split_state;

static int in_reach(const split_state *c, int a, int b)
{
    const stratum_job *j = c->t->job;
    double km = profile_km(j->p, (size_t)j->member[c->mem[a]], (size_t)j->member[c->mem[b]]);
    return km < 0 || km <= c->t->max_km; /* unlocated schools are warned of (stratum_job.c) */
}

/* The triad stage's other rules, so a split found here is one it can
 * take: x may join the triad's members (trust cap), and a whole triad is
 * not made only of schools causing concern. */
static int joins(const split_state *c, const int *cur, int have, int x)
{
    const stratum_job *j = c->t->job;
    const profile *p = j->p;
    int cap = p->spec->trust_cap_triad, tx = p->trust[j->member[c->mem[x]]];
    if (cap <= 0 || tx < 0)
        return 1;
    int same = 1;
    for (int y = 0; y < have; y++)
        same += p->trust[j->member[c->mem[cur[y]]]] == tx;
    return same <= cap;
}

static int all_concern(const split_state *c, const int *cur, int n)
{
    const stratum_job *j = c->t->job;
    const profile *p = j->p;
    if (!p->spec->no_concern_triads || n < 2)
        return 0;
    for (int y = 0; y < n; y++)
        if (!p->concern[j->member[c->mem[cur[y]]]])
            return 0;
    return 1;
}

/* Fills triad t (cur holds its `have` members) with `need` more, each in
 * reach of every member already in it, then opens triad t + 1 with the
 * first member left. */
static int split_from(split_state *c, int t, int *cur, int have, int need, int from)
{
    if (need == 0) {
        if (all_concern(c, cur, have))
            return 0;
        if (t + 1 == c->q)
            return 1;
        int first = 0;
        while (c->used[first])
            first++;
        c->used[first] = 1;
        int next[SPLIT_MAX] = {first};
        int ok = split_from(c, t + 1, next, 1, c->tsize[t + 1] - 1, first + 1);
        c->used[first] = 0;
        return ok;
    }
    for (int x = from; x < c->m; x++) {
        if (c->used[x])
            continue;
        int fits = joins(c, cur, have, x);
        for (int y = 0; y < have && fits; y++)
            fits = in_reach(c, cur[y], x);
        if (!fits)
            continue;
        c->used[x] = 1;
        cur[have] = x;
        int ok = split_from(c, t, cur, have + 1, need - 1, x + 1);
        c->used[x] = 0;
        if (ok)
            return 1;
    }
    return 0;
}

/* Fills c with group g's members; 0 when the group is not checked (larger
 * than SPLIT_MAX, or too small for a triad). */
static int split_load(split_state *c, const int *group, int g)
{
    for (size_t i = 0; i < c->t->job->n; i++)
        if (group[i] == g) {
            if (c->m == SPLIT_MAX)
                return 0;
            c->mem[c->m++] = (int)i;
        }
    c->q = sizes_triad_count(c->m, c->t->triad_size);
    if (c->q <= 0)
        return 0;
    for (int k = 0; k < c->q; k++) /* larger triads first: they prune soonest */
        c->tsize[k] = c->m / c->q + (k < c->m % c->q ? 1 : 0);
    return 1;
}

int travel_splits(const void *ctx, const int *group, int g)
{
    split_state c = {.t = ctx};
    if (!split_load(&c, group, g))
        return 1;
    int cur[SPLIT_MAX] = {0};
    c.used[0] = 1;
    return split_from(&c, 0, cur, 1, c.tsize[0] - 1, 1);
}

void travel_split_report(const stratum_job *j, const int *group, const char *stratum,
                         triad_i_buf *warn)
{
    if (!j->pp.splits)
        return;
    size_t bad = 0;
    for (size_t g = 0; g < j->k; g++)
        if (!travel_splits(j->pp.splits_ctx, group, (int)g)) {
            if (bad++ == 0) {
                triad_i_buf_printf(warn,
                                   "warning: stratum %s: triad_max_km = %g: collaborative of ",
                                   stratum, j->split.max_km);
                const char *sep = "";
                for (size_t i = 0; i < j->n; i++)
                    if (group[i] == (int)g) {
                        triad_i_buf_printf(warn, "%s%s", sep,
                                           j->p->schools->s[j->member[i]].urn);
                        sep = ", ";
                    }
                triad_i_buf_puts(warn, " cannot be split into triads within the limit");
            }
        }
    if (bad)
        triad_i_buf_printf(warn,
                           "%s (the search found no assignment that keeps it with the other "
                           "rules; its triads are listed as violations)\n",
                           bad > 1 ? " - and so can't more collaboratives of the stratum" : "");
}
