/* The rows of a triad_impact as the page reads them (report_impact.c):
 * the figures themselves, not their CSV text. Never installed. */
#ifndef TRIAD_IMPACT_IMPACT_IMPL_H
#define TRIAD_IMPACT_IMPACT_IMPL_H
#include <stddef.h>

/* One group's figures for one measure over one pair of years; NAN where
 * the group has too few schools for a figure. level: LEVEL_LA, LEVEL_COLLAB
 * or LEVEL_TRIAD (impact/groups.h); group indexes the plan's groups of
 * that level. */
typedef struct impact_row {
    int level;
    size_t group, measure;
    int year_from, year_to;
    size_t n, missing;
    double mean_from, mean_to, change, vs_la, vs_expected, lo, hi;
} impact_row;

struct triad_impact {
    impact_row *row;
    size_t nrow, cap;
    char **warn;
    size_t nwarn;
    char **measure; /* copies of the outcomes' measure names */
    size_t nmeasure;
    char **label[3]; /* per level: group labels (copies) */
    size_t nlabel[3];
};

/* A school below the LA's mean in year_to and falling since year_from,
 * ranked (from 1) within its collaborative by its share of the group's
 * shortfall (holding_back.c). */
typedef struct holding_row {
    size_t collab, measure, school, rank;
    int year_from;
    double from, to, la_mean, below_la, share;
} holding_row;

/* The LA's mean of measure m in year over the schools that have it; NAN
 * when none has. */
double impact_la_mean(const triad_schools *s, const triad_outcomes *o, size_t m, int year);

/* Calls fn for every holding_row of plan p, measure by measure, pair of
 * adjacent years by pair, collaborative by collaborative; 0 when out of
 * memory. */
int holding_back_each(const triad_schools *s, const triad_plan *p, const triad_outcomes *o,
                      void (*fn)(const holding_row *row, void *user), void *user);
#endif
