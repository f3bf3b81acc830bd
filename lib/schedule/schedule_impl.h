/* The inside of the review schedule (include/triad/schedule.h): events,
 * the schedule object, the day grid the solver and checker share. Never
 * installed. */
#ifndef TRIAD_SCHEDULE_SCHEDULE_IMPL_H
#define TRIAD_SCHEDULE_SCHEDULE_IMPL_H

#include <stddef.h>

#include "schedule/calendar.h"
#include "triad/triad.h"

struct triad_calendar {
    calendar *c;
};

/* The kinds of event; the last three are the optional stages of a review's
 * chain: its data shared before it, an improvement workshop and an impact
 * check after it. */
enum { EV_REVIEW = 0, EV_FEEDBACK, EV_MEETING, EV_DATA, EV_WORKSHOP, EV_IMPACT, EV_KINDS };

/* One event: a review (host first in who, then its reviewers), the
 * feedback meeting after it (the same people), or a collaborative's
 * meeting (every member). */
typedef struct sched_event {
    int kind;
    cal_day day, end;
    long coll, triad; /* the plan's indexes; triad -1 for a meeting */
    size_t *who;      /* school indexes, the host first */
    size_t nwho;
    long line;        /* first line in a file read, 0 when made here */
} sched_event;

struct triad_schedule {
    sched_event *ev;
    size_t nev, cap;
    char **viol;
    size_t nviol;
    size_t nschools;
};

/* The words of a kind: "review", "feedback", "meeting"; -1 for others. */
const char *sched_kind_name(int kind);
int sched_kind_of(const char *name);

/* An empty schedule for n schools; NULL when out of memory. */
triad_schedule *sched_new(size_t nschools);
/* Appends an event (who copied); 0 when out of memory. */
int sched_add(triad_schedule *s, int kind, cal_day day, cal_day end, long coll, long triad,
              const size_t *who, size_t nwho, long line);

/* The calendar as a grid of days from the first term's start: which days
 * every school is open, their running count (so gaps are counted in school
 * days), and the half-term and term of each. */
typedef struct day_grid {
    cal_day first;
    size_t n;
    int *open_before; /* open days before day k (n + 1 entries) */
    int *half, *term; /* per day: -1 outside */
} day_grid;

int day_grid_init(day_grid *g, const calendar *c);
void day_grid_free(day_grid *g);
/* Day d's place in the grid, -1 outside it. */
long day_grid_at(const day_grid *g, cal_day d);
/* School days in (a, b]: open days after a up to b. */
int day_grid_between(const day_grid *g, cal_day a, cal_day b);

/* The test window a school's phase keeps clear ("ks2", "gcse"), NULL for
 * none. */
const char *sched_test_window(const triad_schools *s, size_t i);

/* Event k's name, stable across re-runs so a calendar app updates the
 * event: "review:TRIAD:URN", "feedback:TRIAD:URN", "meeting:COLLABORATIVE:N"
 * (the collaborative's meetings numbered by date). The CSV's event column
 * and the iCalendar UID. */
void sched_event_id(const triad_schedule *sc, size_t k, const triad_schools *s,
                    const triad_plan *p, char *out, size_t size);
/* A meeting's host: its collaborative's lead where the plan has one. */
size_t sched_meeting_host(const sched_event *e, const triad_plan *p);
/* Whether every event's groups are in plan p and its schools in s. */
int sched_fits_plan(const triad_schedule *sc, const triad_schools *s, const triad_plan *p);

struct csv_table;
/* A schedule from a parsed CSV table (triad_schedule_read without the
 * file); *out NULL on error. */
triad_status sched_from_table(const struct csv_table *t, const triad_schools *s,
                              const triad_plan *p, triad_schedule **out, triad_error *err);

/* Checks the options; 0 with err filled when one is out of range. */
int sched_options_take(const triad_schedule_options *opts, triad_schedule_options *o,
                       triad_error *err);

#endif
