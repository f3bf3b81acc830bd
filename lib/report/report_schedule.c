/* The review calendar on the page (report_schedule.h): a table per
 * collaborative, its events in date order with their term, so a lead sees
 * the year's reviews, feedback, meetings and stages at a glance. Every
 * string from the data goes through html_printf's escaping. */
#include "report/report_schedule.h"

#include <stdlib.h>

#include "report/html_out.h"
#include "schedule/schedule_impl.h"

static const char *const kind_words[EV_KINDS] = {"review",        "feedback",  "collaborative meeting",
                                                 "data due",      "workshop",  "impact check"};
const char *report_event_kind(int kind)
{
    return kind >= 0 && kind < EV_KINDS ? kind_words[kind] : "event";
}

static const char *const weekdays[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static const char *term_of(const calendar *c, cal_day d)
{
    for (size_t t = 0; t < calendar_terms(c); t++)
        if (d >= calendar_term_start(c, t) && d <= calendar_term_end(c, t))
            return calendar_term_name(c, t);
    return "outside the terms";
}

/* One event as a row: term, date, what, host, the others. */
static void event_row(triad_i_buf *b, const sched_event *e, const calendar *c,
                      const triad_schools *s, const triad_plan *p)
{
    char d[11];
    cal_format(e->day, d);
    size_t host = e->kind == EV_MEETING ? sched_meeting_host(e, p) : e->who[0];
    const char *name = triad_schools_name(s, host);
    html_printf(b, "<tr><td>%s</td><td>%s %s</td><td>%s%s%s</td><td>%s %s</td><td>",
                term_of(c, e->day), weekdays[cal_weekday(e->day)], d, kind_words[e->kind],
                e->triad >= 0 ? ", triad " : "",
                e->triad >= 0 ? triad_plan_triad_label(p, (size_t)e->triad) : "",
                triad_schools_urn(s, host), name ? name : "");
    size_t shown = 0;
    for (size_t w = 0; w < e->nwho; w++)
        if (e->who[w] != host)
            html_printf(b, "%s%s", shown++ ? ", " : "", triad_schools_urn(s, e->who[w]));
    triad_i_buf_puts(b, "</td></tr>\n");
}

void report_schedule(triad_i_buf *b, const triad_schedule *sc, const triad_calendar *cal,
                     const triad_schools *s, const triad_plan *p)
{
    const calendar *c = cal->c;
    html_printf(b, "<h2 id=review-calendar>Review calendar, %s</h2>\n<p>%zu events; %zu rule%s "
                   "broken.</p>\n",
                calendar_name(c), sc->nev, sc->nviol, sc->nviol == 1 ? "" : "s");
    if (sc->nviol) {
        triad_i_buf_puts(b, "<ul class=bad>\n");
        for (size_t q = 0; q < sc->nviol; q++)
            html_printf(b, "<li>%s</li>\n", sc->viol[q]);
        triad_i_buf_puts(b, "</ul>\n");
    }
    for (size_t g = 0; g < triad_plan_collaborative_count(p); g++) {
        html_printf(b, "<h3>Collaborative %s</h3>\n", triad_plan_collaborative_label(p, g));
        report_schedule_collab(b, sc, cal, s, p, g);
    }
}

void report_schedule_collab(triad_i_buf *b, const triad_schedule *sc, const triad_calendar *cal,
                            const triad_schools *s, const triad_plan *p, size_t g)
{
    size_t *order = malloc((sc->nev + 1) * sizeof *order), n = 0;
    if (!order) {
        b->failed = 1;
        return;
    }
    for (size_t k = 0; k < sc->nev; k++)
        if (sc->ev[k].coll == (long)g) {
            size_t at = n++; /* insertion by date: a collaborative has a few dozen */
            for (; at > 0 && sc->ev[order[at - 1]].day > sc->ev[k].day; at--)
                order[at] = order[at - 1];
            order[at] = k;
        }
    triad_i_buf_puts(b, "<table class=cal><tr><th>term</th><th>date</th><th>event</th>"
                        "<th>host</th><th>with</th></tr>\n");
    for (size_t q = 0; q < n; q++)
        event_row(b, &sc->ev[order[q]], cal->c, s, p);
    triad_i_buf_puts(b, "</table>\n");
    free(order);
}
