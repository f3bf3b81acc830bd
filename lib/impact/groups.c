/* The schools of each group of a plan (groups.h). */
#include <stdlib.h>
#include <string.h>

#include "impact/groups.h"

/* Level l's lists from each school's group (-1: none). */
static int bucket(impact_groups *g, int l, const long *of, size_t ns)
{
    size_t n = g->count[l];
    g->start[l] = calloc(n + 2, sizeof *g->start[l]);
    g->item[l] = malloc((ns + 1) * sizeof *g->item[l]);
    if (!g->start[l] || !g->item[l])
        return 0;
    for (size_t i = 0; i < ns; i++)
        if (of[i] >= 0 && (size_t)of[i] < n)
            g->start[l][of[i] + 2]++;
    for (size_t k = 2; k < n + 2; k++)
        g->start[l][k] += g->start[l][k - 1];
    for (size_t i = 0; i < ns; i++) /* start[k + 1] runs ahead as the fill point */
        if (of[i] >= 0 && (size_t)of[i] < n)
            g->item[l][g->start[l][of[i] + 1]++] = i;
    return 1;
}

int impact_groups_build(impact_groups *g, const triad_schools *s, const triad_plan *p)
{
    memset(g, 0, sizeof *g);
    size_t ns = triad_schools_count(s);
    long *of = malloc((ns + 1) * sizeof *of);
    g->count[LEVEL_LA] = 1;
    g->count[LEVEL_COLLAB] = triad_plan_collaborative_count(p);
    g->count[LEVEL_TRIAD] = triad_plan_triad_count(p);
    int ok = of != NULL;
    for (int l = LEVEL_LA; ok && l <= LEVEL_TRIAD; l++) {
        for (size_t i = 0; i < ns; i++)
            of[i] = l == LEVEL_LA       ? 0
                    : l == LEVEL_COLLAB ? triad_plan_collaborative_of(p, i)
                                        : triad_plan_triad_of(p, i);
        ok = bucket(g, l, of, ns);
    }
    free(of);
    if (!ok)
        impact_groups_free(g);
    return ok;
}

void impact_groups_free(impact_groups *g)
{
    for (int l = 0; l < 3; l++) {
        free(g->start[l]);
        free(g->item[l]);
        g->start[l] = NULL;
        g->item[l] = NULL;
    }
}
