/** \file
 * libtriad - the peer-review cycle: who reviews whom, and when. A year's
 * calendar (terms, half-terms, closed days, test weeks) and a plan give a
 * dated schedule: each school reviewed once by the other heads of its
 * triad, a feedback meeting after each review, and each collaborative's
 * meeting once a term after its triads' reviews. Every schedule, made here
 * or read from a file, is scored by one checker of the rules.
 *
 * Example:
 * @code
 *     triad_calendar *cal = NULL;
 *     triad_schedule *sch = NULL;
 *     triad_schedule_options o;
 *     triad_schedule_options_init(&o);
 *     if (triad_calendar_read("calendar.ini", &cal, &err) == TRIAD_OK &&
 *         triad_schedule_make(schools, plan, cal, &o, &sch, &err) == TRIAD_OK)
 *         triad_schedule_write(sch, schools, plan, "schedule.csv", &err);
 * @endcode
 */
#ifndef TRIAD_SCHEDULE_H
#define TRIAD_SCHEDULE_H

#include <triad/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/**@{*/
/** Reads a calendar file. Errors name the file and line (TRIAD_ERR_SPEC);
 * TRIAD_ERR_IO when it cannot be read. Caller owns *out
 * (triad_calendar_free). */
TRIAD_API triad_status triad_calendar_read(const char *path, triad_calendar **out,
                                           triad_error *err);
/** The same from text; name is used in messages (NULL: "<calendar>"). */
TRIAD_API triad_status triad_calendar_read_string(const char *text, const char *name,
                                                  triad_calendar **out, triad_error *err);
/** Frees a calendar; NULL is ignored. */
TRIAD_API void triad_calendar_free(triad_calendar *cal);
/**@}*/

/** The rules of a schedule. Fill with triad_schedule_options_init. */
typedef struct triad_schedule_options {
    size_t struct_size;  /**< set by triad_schedule_options_init */
    int review_days;     /**< school days a review takes, consecutive (default 1) */
    int feedback_within; /**< the feedback meeting falls within this many school days after
                              its review (default 5); 0: no feedback meetings */
    int max_days_away;   /**< days a head spends reviewing per half-term (default 2) */
    int min_gap;         /**< school days between two reviews of one triad (default 10) */
    int meetings;        /**< 1 (default): each collaborative meets once a term, after its
                              triads' reviews of that term; 0: no meetings */
    int data_before;     /**< > 0: the host's data reach its reviewers this many school
                              days before the review (a deadline, no time away); 0 (default)
                              none */
    int workshop_within; /**< > 0: an improvement workshop of the same heads within this many
                              school days after the feedback (the review without one); 0
                              (default) none */
    int impact_after;    /**< > 0: an impact check of the same heads at least this many school
                              days after the review, within the year; 0 (default) none */
    /** Events kept as they are (a schedule read with triad_schedule_read
     * for the same schools, e.g. last week's with the events to move
     * deleted), or NULL (default): the rest is planned around them, and
     * the checker reports any rule a kept event breaks. Borrowed. */
    const triad_schedule *fixed;
    /** Called after each triad with the seconds elapsed and the share of
     * triads scheduled (0-1); non-zero cancels (TRIAD_ERR_CANCELLED, no
     * schedule). NULL (default): none. */
    triad_progress_fn progress;
    void *progress_user; /**< passed to progress as user */
} triad_schedule_options;

/** Fills *opts with the defaults. */
TRIAD_API void triad_schedule_options_init(triad_schedule_options *opts);

/**@{*/
/** Schedules a year for plan over cal: each school of a triad reviewed
 * once (triads of three: one review a term), hosts open and clear of their
 * phase's test week, heads away at most max_days_away a half-term and in
 * one place a day. Within each triad the search is exhaustive: when a
 * triad's reviews cannot all be placed, TRIAD_ERR_INFEASIBLE names the
 * triad, the school and why; likewise a collaborative that cannot meet.
 * The result is re-scored by triad_schedule_check's rules (0 violations
 * on success). Schools outside the plan or in no triad are not reviewed.
 * opts NULL: defaults. Caller owns *out (triad_schedule_free). */
TRIAD_API triad_status triad_schedule_make(const triad_schools *schools, const triad_plan *plan,
                                           const triad_calendar *cal,
                                           const triad_schedule_options *opts,
                                           triad_schedule **out, triad_error *err);
/** Reads a schedule CSV (the columns triad_schedule_csv writes) for
 * schools and plan; errors name file, line and column. Caller owns *out. */
TRIAD_API triad_status triad_schedule_read(const char *path, const triad_schools *schools,
                                           const triad_plan *plan, triad_schedule **out,
                                           triad_error *err);
/** Scores sched against the rules (plan, cal, opts; NULL: defaults),
 * replacing its list of violations: a school not reviewed or reviewed
 * twice, reviewers not its triad's other heads, a day not open for a
 * participant, a test week, a head away too often in a half-term or in two
 * places on one day, reviews of a triad too close, feedback late, a
 * collaborative's meeting missing, early or outside its term. */
TRIAD_API triad_status triad_schedule_check(triad_schedule *sched, const triad_schools *schools,
                                            const triad_plan *plan, const triad_calendar *cal,
                                            const triad_schedule_options *opts,
                                            triad_error *err);
/** What changed from before to after, one line per event for people:
 * "+ NAME DATE" planned, "- NAME DATE" gone, "~ NAME DATE -> DATE" moved,
 * events matched by their names in the CSV; "no change" when none. Caller
 * frees *out with triad_string_free. */
TRIAD_API triad_status triad_schedule_diff(const triad_schedule *before,
                                           const triad_schedule *after,
                                           const triad_schools *schools, const triad_plan *plan,
                                           char **out, triad_error *err);
/** Frees a schedule; NULL is ignored. */
TRIAD_API void triad_schedule_free(triad_schedule *sched);
/**@}*/

/** Events (reviews, feedback meetings, collaborative meetings). */
TRIAD_API size_t triad_schedule_event_count(const triad_schedule *sched);
/** Rules broken, as found by the last triad_schedule_check. */
TRIAD_API size_t triad_schedule_violation_count(const triad_schedule *sched);
/** Violation k in words, borrowed from sched. */
TRIAD_API const char *triad_schedule_violation(const triad_schedule *sched, size_t k);

/** The schedule as CSV, one row per participant per event:
 * event,kind,date,end_date,collaborative,triad,host_urn,urn,role (kind
 * review | feedback | meeting | data | workshop | impact; role host |
 * reviewer | lead | member).
 * Caller frees *out with triad_string_free. */
TRIAD_API triad_status triad_schedule_csv(const triad_schedule *sched, const triad_schools *schools,
                                          const triad_plan *plan, char **out, triad_error *err);
/** The same, written whole or not at all to path. */
TRIAD_API triad_status triad_schedule_write(const triad_schedule *sched,
                                            const triad_schools *schools, const triad_plan *plan,
                                            const char *path, triad_error *err);
/** A visit record to fill in per review, as CSV, so the audit trail of the
 * reviews has a home: review,date,end_date,collaborative,triad,host_urn,
 * host_name,reviewers (then empty columns: focus_areas, evidence_seen,
 * strengths, areas_for_development, agreed_actions,
 * support_to_commission, follow_up_date, signed_host, signed_reviewers).
 * Caller frees *out with triad_string_free. */
TRIAD_API triad_status triad_schedule_visit_forms(const triad_schedule *sched,
                                                  const triad_schools *schools,
                                                  const triad_plan *plan, char **out,
                                                  triad_error *err);

/** Whose calendar triad_schedule_ics writes. */
typedef enum triad_ics_scope {
    TRIAD_ICS_SCHOOL = 0,       /**< one school's: every event its head attends */
    TRIAD_ICS_COLLABORATIVE = 1 /**< one collaborative's: every event of its schools */
} triad_ics_scope;

/** The events of school i or collaborative i (scope) as an iCalendar file
 * (RFC 5545, written with libical: CRLF, lines folded at 75 octets). Times
 * are local to Europe/London, named by that TZID with its VTIMEZONE in the
 * file; reviews 09:00-15:30, feedback meetings 15:45-16:45, collaborative
 * meetings 09:30-12:00. Each event's UID is its name in the schedule CSV
 * (plus "@libtriad"), so a re-run updates events in a calendar app rather
 * than adding twins. stamp is the DTSTAMP, seconds since 1970 UTC (the
 * caller's now; a fixed one gives identical files). Caller frees *out with
 * triad_string_free. */
TRIAD_API triad_status triad_schedule_ics(const triad_schedule *sched,
                                          const triad_schools *schools, const triad_plan *plan,
                                          triad_ics_scope scope, size_t i, long long stamp,
                                          char **out, triad_error *err);

/** A summary for people (json 0) or JSON (json 1): events by kind and
 * term of cal, violations. Caller frees *out with triad_string_free. */
TRIAD_API triad_status triad_schedule_format(const triad_schedule *sched,
                                             const triad_calendar *cal, int json, char **out,
                                             triad_error *err);

#ifdef __cplusplus
}
#endif

#endif
