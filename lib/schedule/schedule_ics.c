/* A schedule as iCalendar files (RFC 5545), built and serialised with
 * libical: CRLF line ends and 75-octet folding are libical's. Times are
 * local to Europe/London, named by that TZID with its VTIMEZONE inside the
 * file: libical's own zones would be named
 * "/freeassociation.sourceforge.net/Europe/London" unless a process-wide
 * prefix were changed, which a library must not do, and calendar apps
 * misread such names. Each event's UID is its name in the schedule CSV, so
 * a re-run updates events in a calendar app instead of adding twins. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "core/util.h"
#include "schedule/schedule_impl.h"

/* Europe/London since 1996: BST from the last Sunday of March at 01:00 UTC
 * to the last Sunday of October. */
static const char london[] = "BEGIN:VTIMEZONE\r\n"
                             "TZID:Europe/London\r\n"
                             "BEGIN:DAYLIGHT\r\n"
                             "TZOFFSETFROM:+0000\r\n"
                             "TZOFFSETTO:+0100\r\n"
                             "TZNAME:BST\r\n"
                             "DTSTART:19700329T010000\r\n"
                             "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                             "END:DAYLIGHT\r\n"
                             "BEGIN:STANDARD\r\n"
                             "TZOFFSETFROM:+0100\r\n"
                             "TZOFFSETTO:+0000\r\n"
                             "TZNAME:GMT\r\n"
                             "DTSTART:19701025T020000\r\n"
                             "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                             "END:STANDARD\r\n"
                             "END:VTIMEZONE\r\n";

/* Local hours of each kind: a review fills the school day; feedback
 * follows the end of a school day; a collaborative meets in a morning. */
static const int hours[EV_KINDS][4] = {{9, 0, 15, 30},  {15, 45, 16, 45}, {9, 30, 12, 0},
                                       {9, 0, 9, 30},   {15, 45, 17, 0},  {15, 45, 16, 45}};

static icalproperty *local_time(int start, cal_day day, int hour, int minute)
{
    char text[16];
    cal_format(day, text); /* YYYY-MM-DD */
    struct icaltimetype t = icaltime_null_time();
    t.year = atoi(text);
    t.month = atoi(text + 5);
    t.day = atoi(text + 8);
    t.hour = hour;
    t.minute = minute;
    t.is_date = 0;
    icalproperty *p = start ? icalproperty_new_dtstart(t) : icalproperty_new_dtend(t);
    if (p)
        icalproperty_add_parameter(p, icalparameter_new_tzid("Europe/London"));
    return p;
}

/* Who and why, in words, for the event's description. */
static char *describe(const sched_event *e, const triad_schools *s, const triad_plan *p)
{
    triad_i_buf b;
    triad_i_buf_init(&b);
    const char *what[EV_KINDS] = {"Peer review",
                                  "Feedback meeting after the peer review",
                                  "Collaborative meeting",
                                  "Data for the peer review shared with the reviewers by today",
                                  "Improvement workshop after the peer review",
                                  "Impact check after the peer review"};
    triad_i_buf_printf(&b, "%s. Collaborative %s", what[e->kind],
                       triad_plan_collaborative_label(p, (size_t)e->coll));
    if (e->triad >= 0)
        triad_i_buf_printf(&b, ", triad %s", triad_plan_triad_label(p, (size_t)e->triad));
    triad_i_buf_puts(&b, ".\n");
    for (size_t w = 0; w < e->nwho; w++) {
        const char *role = e->kind != EV_MEETING ? (w ? "reviewer" : "host")
                           : triad_plan_is_lead(p, e->who[w]) ? "lead"
                                                              : "member";
        const char *name = triad_schools_name(s, e->who[w]);
        triad_i_buf_printf(&b, "%s %s (%s)\n", triad_schools_urn(s, e->who[w]),
                           name ? name : "", role);
    }
    if (b.failed) {
        triad_i_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static const char *const short_name[EV_KINDS] = {"Peer review", "Feedback",   "Meeting",
                                                 "Review data due", "Workshop", "Impact check"};

/* Event k as a VEVENT; NULL when out of memory. */
static icalcomponent *vevent(const triad_schedule *sc, size_t k, const triad_schools *s,
                             const triad_plan *p, long long stamp)
{
    const sched_event *e = &sc->ev[k];
    char id[600], summary[600];
    sched_event_id(sc, k, s, p, id, sizeof id - 20);
    strcat(id, "@libtriad");
    size_t host = e->kind == EV_MEETING ? sched_meeting_host(e, p) : e->who[0];
    const char *name = triad_schools_name(s, host);
    name = name && *name ? name : triad_schools_urn(s, host);
    if (e->kind == EV_MEETING)
        snprintf(summary, sizeof summary, "Collaborative %s meeting",
                 triad_plan_collaborative_label(p, (size_t)e->coll));
    else
        snprintf(summary, sizeof summary, "%s: %s", short_name[e->kind], name);
    char *text = describe(e, s, p);
    icalcomponent *ev = text ? icalcomponent_new_vevent() : NULL;
    icalproperty *props[] = {
        icalproperty_new_uid(id),
        icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
            (time_t)stamp, 0, icaltimezone_get_utc_timezone())),
        local_time(1, e->day, hours[e->kind][0], hours[e->kind][1]),
        local_time(0, e->end, hours[e->kind][2], hours[e->kind][3]),
        icalproperty_new_summary(summary),
        icalproperty_new_location(name),
        text ? icalproperty_new_description(text) : NULL};
    free(text);
    size_t n = sizeof props / sizeof *props, made = 0;
    for (size_t q = 0; q < n; q++)
        made += props[q] != NULL;
    if (!ev || made < n) {
        for (size_t q = 0; q < n; q++)
            if (props[q])
                icalproperty_free(props[q]);
        if (ev)
            icalcomponent_free(ev);
        return NULL;
    }
    for (size_t q = 0; q < n; q++)
        icalcomponent_add_property(ev, props[q]);
    return ev;
}

/* Whether event e belongs in the calendar of school or collaborative i. */
static int belongs(const sched_event *e, triad_ics_scope scope, size_t i)
{
    if (scope == TRIAD_ICS_COLLABORATIVE)
        return e->coll == (long)i;
    for (size_t w = 0; w < e->nwho; w++)
        if (e->who[w] == i)
            return 1;
    return 0;
}

/* The calendar's head: product, version, the London zone. */
static icalcomponent *vcalendar(const char *name)
{
    icalcomponent *cal = icalcomponent_new_vcalendar(), *tz = icalparser_parse_string(london);
    icalproperty *props[] = {icalproperty_new_prodid("-//libtriad//review schedule//EN"),
                             icalproperty_new_version("2.0"),
                             icalproperty_new_calscale("GREGORIAN"),
                             icalproperty_new_method(ICAL_METHOD_PUBLISH),
                             icalproperty_new_x(name)};
    size_t n = sizeof props / sizeof *props, made = 0;
    for (size_t q = 0; q < n; q++)
        made += props[q] != NULL;
    if (!cal || !tz || made < n) {
        for (size_t q = 0; q < n; q++)
            if (props[q])
                icalproperty_free(props[q]);
        if (cal)
            icalcomponent_free(cal);
        if (tz)
            icalcomponent_free(tz);
        return NULL;
    }
    icalproperty_set_x_name(props[n - 1], "X-WR-CALNAME");
    for (size_t q = 0; q < n; q++)
        icalcomponent_add_property(cal, props[q]);
    icalcomponent_add_component(cal, tz);
    return cal;
}

triad_status triad_schedule_ics(const triad_schedule *sc, const triad_schools *s,
                                const triad_plan *p, triad_ics_scope scope, size_t i,
                                long long stamp, char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!sc || !s || !p || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schedule, schools, plan or out is NULL");
    *out = NULL;
    size_t limit = scope == TRIAD_ICS_COLLABORATIVE ? triad_plan_collaborative_count(p)
                                                    : triad_schools_count(s);
    if ((scope != TRIAD_ICS_SCHOOL && scope != TRIAD_ICS_COLLABORATIVE) || i >= limit ||
        !sched_fits_plan(sc, s, p) || stamp < 0)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "no such school or collaborative in this plan, or a bad time stamp");
    char title[600];
    const char *name = triad_schools_name(s, i);
    if (scope == TRIAD_ICS_COLLABORATIVE)
        snprintf(title, sizeof title, "Peer reviews: collaborative %s",
                 triad_plan_collaborative_label(p, i));
    else
        snprintf(title, sizeof title, "Peer reviews: %s", name && *name ? name : triad_schools_urn(s, i));
    icalcomponent *cal = vcalendar(title);
    int ok = cal != NULL;
    for (size_t k = 0; ok && k < sc->nev; k++)
        if (belongs(&sc->ev[k], scope, i)) {
            icalcomponent *ev = vevent(sc, k, s, p, stamp);
            ok = ev != NULL;
            if (ok)
                icalcomponent_add_component(cal, ev);
        }
    char *text = ok ? icalcomponent_as_ical_string_r(cal) : NULL;
    if (text)
        *out = triad_i_strdup(text); /* freed with triad_string_free, not libical's */
    icalmemory_free_buffer(text);
    if (cal)
        icalcomponent_free(cal);
    return *out ? TRIAD_OK : triad_i_fail_nomem(err);
}
