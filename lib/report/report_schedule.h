/* The review calendar on the page: per collaborative, its events term by
 * term. Never installed. */
#ifndef TRIAD_REPORT_REPORT_SCHEDULE_H
#define TRIAD_REPORT_REPORT_SCHEDULE_H

#include "core/util.h"
#include "triad/triad.h"

/* Appends the section for schedule sc (made for plan p over cal). */
void report_schedule(triad_i_buf *b, const triad_schedule *sc, const triad_calendar *cal,
                     const triad_schools *s, const triad_plan *p);

/* What an event of kind (EV_*) is called on the page: "review", ... */
const char *report_event_kind(int kind);
/* The table of collaborative g's events alone, in date order. */
void report_schedule_collab(triad_i_buf *b, const triad_schedule *sc, const triad_calendar *cal,
                            const triad_schools *s, const triad_plan *p, size_t g);

#endif
