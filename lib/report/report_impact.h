/* Impact and holding back on the page (issue 35): per measure and pair of
 * years, the collaboratives ranked by their change against expectation
 * with a small chart each, the triads ranked below them, and the schools
 * holding their collaborative back. Never installed. */
#ifndef TRIAD_REPORT_REPORT_IMPACT_H
#define TRIAD_REPORT_REPORT_IMPACT_H

#include "core/util.h"
#include "triad/triad.h"

/* Appends the section: imp's rows (may be NULL: "no impact given"), and
 * with o the holding-back list of plan p. */
void report_impact(triad_i_buf *b, const triad_impact *imp, const triad_outcomes *o,
                   const triad_schools *s, const triad_plan *p);

#endif
