/* The planner page's map (report_map.c). Never installed. */
#ifndef TRIAD_REPORT_MAP_H
#define TRIAD_REPORT_MAP_H

#include "check/report_impl.h"
#include "core/util.h"

/* Appends the map section of the page for plan p: dots by stratum, each
 * with its triad's colour for when its collaborative is picked, triad
 * shapes, area names placed clear of each other, a scale and a legend. */
void report_map(triad_i_buf *b, const triad_report *r, const triad_schools *s,
                const triad_plan *p);

#endif
