/* The schools of each group of a plan, listed once (the LA, each
 * collaborative, each triad), so that the figures of a group cost its
 * size, not the LA's: at England's size (20,000 schools, 8,900 groups)
 * scanning every school for every group took minutes. Never installed. */
#ifndef TRIAD_IMPACT_GROUPS_H
#define TRIAD_IMPACT_GROUPS_H
#include <stddef.h>

#include "triad/triad.h"

enum { LEVEL_LA, LEVEL_COLLAB, LEVEL_TRIAD };

typedef struct impact_groups {
    size_t count[3];  /* groups per level (1 for the LA) */
    size_t *start[3]; /* per level: count + 1 offsets into item */
    size_t *item[3];  /* per level: the schools, group by group */
} impact_groups;

/* The groups of plan p over schools s into g; 0 when out of memory (g
 * then freed). */
int impact_groups_build(impact_groups *g, const triad_schools *s, const triad_plan *p);
void impact_groups_free(impact_groups *g);

#endif
