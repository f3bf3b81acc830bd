/* The members of every collaborative (or triad) of a plan as index lists,
 * built by one counting pass. Never installed. */
#ifndef TRIAD_MODEL_GROUPS_H
#define TRIAD_MODEL_GROUPS_H

#include <stddef.h>

typedef struct groups {
    size_t ngroups;
    size_t *start; /* ngroups + 1: members of g are member[start[g] .. start[g+1]) */
    long *member;
} groups;

/* of[i] is the group of item i (-1: none), for n items. Returns 0 on
 * allocation failure; groups_free is safe either way. */
int groups_build(groups *gr, const long *of, size_t n, size_t ngroups);
void groups_free(groups *gr);

#define MEMBERS(gr, g) (&(gr)->member[(gr)->start[g]])
#define NMEMBERS(gr, g) ((gr)->start[(g) + 1] - (gr)->start[g])

#endif
