/* A school year's calendar, for the review schedule (issue 34): terms and
 * their half-term breaks, days every school is closed (bank holidays,
 * INSET days), test windows kept clear, and each school's own closed days
 * (an Ofsted window, its own events). Read from an INI file; the format is
 * in doc/formats.md ("Calendar") and examples/data/calendar-2026-27.ini.
 * Never installed: the schedule's public API will sit on it. */
#ifndef TRIAD_SCHEDULE_CALENDAR_H
#define TRIAD_SCHEDULE_CALENDAR_H

#include <stddef.h>

#include "triad/triad.h"

/* A day as the count of days since 1970-01-01 (proleptic Gregorian). */
typedef long cal_day;

/* Parses YYYY-MM-DD (a real date); 1 on success. */
int cal_parse_date(const char *text, cal_day *out);
/* Writes d as YYYY-MM-DD into out (11 bytes). */
void cal_format(cal_day d, char out[11]);
/* 0 Monday .. 6 Sunday. */
int cal_weekday(cal_day d);

typedef struct calendar calendar;

/* Reads a calendar from text; name is used in messages ("name:line: ...").
 * On error *out is NULL and err names the line and key
 * (TRIAD_ERR_SPEC for the file's shape and values). The caller frees
 * *out with calendar_free. */
triad_status calendar_read_string(const char *text, const char *name, calendar **out,
                                  triad_error *err);
/* The same from a file (TRIAD_ERR_IO when it cannot be read). */
triad_status calendar_read(const char *path, calendar **out, triad_error *err);
void calendar_free(calendar *c);

/* The year's name as the file gives it ("2026/27"), never NULL. */
const char *calendar_name(const calendar *c);
size_t calendar_terms(const calendar *c);
/* Term t's name ("autumn"), first and last day. */
const char *calendar_term_name(const calendar *c, size_t t);
cal_day calendar_term_start(const calendar *c, size_t t);
cal_day calendar_term_end(const calendar *c, size_t t);
/* 1 when every school is open on d: a weekday inside a term, outside its
 * half-term break and the days all schools are closed. */
int calendar_open(const calendar *c, cal_day d);
/* calendar_open, and d is not one of school urn's own closed days. */
int calendar_school_open(const calendar *c, const char *urn, cal_day d);
/* The half-term d falls in, numbered 2 * term + (after the break ? 1 : 0);
 * -1 outside every term. */
int calendar_half_term(const calendar *c, cal_day d);
/* 1 when d lies in the test window named window ("ks2", "gcse") and the
 * calendar keeps test windows clear. */
int calendar_in_tests(const calendar *c, const char *window, cal_day d);
/* The days of term t on which every school is open, in order, into *days
 * (the caller frees it); returns their count, or (size_t)-1 when out of
 * memory. */
size_t calendar_open_days(const calendar *c, size_t t, cal_day **days);

#endif
