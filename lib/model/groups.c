#include "model/groups.h"

#include <stdlib.h>

int groups_build(groups *gr, const long *of, size_t n, size_t ngroups)
{
    gr->ngroups = ngroups;
    gr->start = calloc(ngroups + 2, sizeof *gr->start);
    gr->member = malloc((n ? n : 1) * sizeof *gr->member);
    if (!gr->start || !gr->member)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (of[i] >= 0)
            gr->start[of[i] + 2]++;
    for (size_t g = 0; g < ngroups; g++)
        gr->start[g + 2] += gr->start[g + 1];
    for (size_t i = 0; i < n; i++)
        if (of[i] >= 0)
            gr->member[gr->start[of[i] + 1]++] = (long)i;
    return 1;
}

void groups_free(groups *gr)
{
    free(gr->start);
    free(gr->member);
    gr->start = NULL;
    gr->member = NULL;
}
