/* Scoring a plan's groups for the report (check_score.c). Never installed. */
#ifndef TRIAD_CHECK_SCORE_H
#define TRIAD_CHECK_SCORE_H

#include "check/report_impl.h"
#include "model/groups.h"

/* Fills r's collaborative and triad scores (balance, means, travel) and
 * the counts within one; gc and gt list the plan's collaboratives and
 * triads. 0 on allocation failure. */
int check_score_all(triad_report *r, const profile *p, const triad_plan *plan, const groups *gc,
                    const groups *gt);

#endif
