/* The data block of the planner page: schools, attributes, strata, rules,
 * links and the plan of each year as one JSON document whose strings carry
 * no markup character (safe inside <script type=application/json>). Never
 * installed. */
#ifndef TRIAD_REPORT_PLANNER_DATA_H
#define TRIAD_REPORT_PLANNER_DATA_H

#include "check/report_impl.h"
#include "core/util.h"

/* Appends the document to b (b->failed on allocation failure). reports[y]
 * is triad_check of plans[y] on schools s, for nyears >= 1 years. */
void planner_data(triad_i_buf *b, const triad_report *const *reports,
                  const triad_plan *const *plans, size_t nyears, const triad_schools *s);

#endif
