/* The sections of a pack's page beyond its members (pack_sections.h). */
#include <math.h>

#include "model/schools_impl.h"
#include "pack/pack_sections.h"
#include "report/html_out.h"
#include "report/report_schedule.h"
#include "schedule/schedule_impl.h"

void pack_cell_number(triad_i_buf *b, double v, const char *fmt)
{
    if (isnan(v)) {
        triad_i_buf_puts(b, "<td>&ndash;</td>");
        return;
    }
    triad_i_buf_puts(b, "<td>");
    html_printf(b, fmt, v);
    triad_i_buf_puts(b, "</td>");
}

size_t pack_triad_count(const pack_data *d)
{
    size_t n = 0;
    for (size_t k = 0; k < d->nmember; k++)
        n += triad_plan_triad_of(d->p, d->member[k]) >= 0 &&
             (k == 0 || triad_plan_triad_of(d->p, d->member[k]) !=
                            triad_plan_triad_of(d->p, d->member[k - 1]));
    return n;
}

static void none(triad_i_buf *b, const char *id, const char *title, const char *why)
{
    html_printf(b, "<section id=%s><h2>%s</h2>\n<p class=none>%s</p></section>\n", id, title, why);
}

/* The members on a plane, a colour per triad, the lead ringed. */
void pack_map(triad_i_buf *b, const pack_data *d)
{
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    size_t placed = 0;
    for (size_t k = 0; k < d->nmember; k++) {
        const school_rec *r = &d->s->s[d->member[k]];
        if (isnan(r->x) || isnan(r->y))
            continue;
        placed++;
        x0 = fmin(x0, r->x), x1 = fmax(x1, r->x), y0 = fmin(y0, r->y), y1 = fmax(y1, r->y);
    }
    if (!placed) {
        none(b, "map", "Map", "No member has a location in the schools file.");
        return;
    }
    double span = fmax(fmax(x1 - x0, y1 - y0), 1000); /* at least a kilometre */
    html_printf(b, "<section id=map><h2>Map</h2>\n<p>%zu of %zu members placed; %.1f km "
                   "across. A colour per triad; the lead ringed.</p>\n<svg width=400 height=360 "
                   "role=img aria-label='members on a map'><rect width=400 height=360 fill='#f6f7f9'/>",
                placed, d->nmember, span / 1000);
    for (size_t k = 0; k < d->nmember; k++) {
        const school_rec *r = &d->s->s[d->member[k]];
        if (isnan(r->x) || isnan(r->y))
            continue;
        double x = 20 + (r->x - x0) / span * 320, y = 340 - (r->y - y0) / span * 320;
        long t = triad_plan_triad_of(d->p, d->member[k]);
        int lead = triad_plan_is_lead(d->p, d->member[k]) != 0;
        html_printf(b, "<circle cx=%.1f cy=%.1f r=6 fill='%s' stroke='#000' stroke-width='%d'/>"
                       "<text x=%.1f y=%.1f font-size=10>%s</text>",
                    x, y, report_palette(t < 0 ? 11 : (size_t)t), 2 * lead, x + 8, y + 3, r->urn);
    }
    triad_i_buf_puts(b, "</svg></section>\n");
}

void pack_outcomes_html(triad_i_buf *b, const pack_data *d)
{
    if (!d->o.outcomes) {
        none(b, "outcomes", "Outcomes", "No outcomes were given (triad pack --outcomes).");
        return;
    }
    triad_i_buf_puts(b, "<section id=outcomes><h2>Outcomes</h2>\n<p>Each member's published "
                        "value by year, the LA's mean over its schools with the measure beside "
                        "it. A year without a row was not published for the school.</p>\n"
                        "<table><thead><tr><th>measure</th><th>year</th><th>URN</th><th>school"
                        "</th><th>value</th><th>LA mean</th><th>against the LA</th></tr></thead>\n");
    for (size_t k = 0; k < d->nout; k++) {
        const pack_outcome *o = &d->out[k];
        const school_rec *r = &d->s->s[o->school];
        html_printf(b, "<tr><td>%s</td><td>%d</td><td>%s</td><td>%s</td>",
                    triad_outcomes_measure(d->o.outcomes, o->measure), o->year, r->urn,
                    r->name ? r->name : "");
        pack_cell_number(b, o->value, "%.2f");
        pack_cell_number(b, o->la_mean, "%.2f");
        pack_cell_number(b, o->value - o->la_mean, "%+.2f");
        triad_i_buf_puts(b, "</tr>\n");
    }
    triad_i_buf_puts(b, d->nout ? "</table></section>\n"
                                : "</table><p class=none>No member has a published value.</p>"
                                  "</section>\n");
}

void pack_clinic_html(triad_i_buf *b, const pack_data *d)
{
    if (!d->o.clinic_path) {
        none(b, "clinic", "Clinic flags", "No clinic file was given (triad pack --clinic).");
        return;
    }
    html_printf(b, "<section id=clinic><h2>Clinic flags, %s</h2>\n<table><thead><tr><th>URN"
                   "</th><th>school</th><th>flag</th><th>reasons</th></tr></thead>\n",
                d->o.clinic_term);
    for (size_t k = 0; k < d->nflag; k++) {
        const school_rec *r = &d->s->s[d->flag[k].school];
        html_printf(b, "<tr><td>%s</td><td>%s</td><td class='%s'>%s</td><td>%s</td></tr>\n",
                    r->urn, r->name ? r->name : "", d->flag[k].rag, d->flag[k].rag,
                    d->flag[k].reasons);
    }
    html_printf(b, "</table>%s</section>\n",
                d->nflag < d->nmember ? "<p class=none>Members without a row that term have no "
                                        "flag.</p>"
                                      : "");
}

void pack_impact_html(triad_i_buf *b, const pack_data *d)
{
    if (!d->o.impact) {
        none(b, "impact", "Impact", "No impact was given (triad pack --outcomes of two years).");
        return;
    }
    static const char *const levels[] = {"LA", "collaborative", "triad"};
    const triad_impact *imp = d->o.impact;
    triad_i_buf_puts(b, "<section id=impact><h2>Impact</h2>\n<p>vs expected: the members' "
                        "results against what a line through all the LA's schools predicts "
                        "from their start (not crediting regression to the mean), with its "
                        "bootstrap interval.</p>\n<table><thead><tr><th>group</th><th>measure"
                        "</th><th>years</th><th>schools</th><th>missing</th><th>change</th>"
                        "<th>vs LA</th><th>vs expected</th><th>interval</th></tr></thead>\n");
    for (size_t k = 0; k < d->nimp; k++) {
        const impact_row *r = d->imp[k];
        html_printf(b, "<tr><td>%s %s</td><td>%s</td><td>%d to %d</td><td>%zu</td><td>%zu</td>",
                    levels[r->level], imp->label[r->level][r->group], imp->measure[r->measure],
                    r->year_from, r->year_to, r->n, r->missing);
        pack_cell_number(b, r->change, "%+.2f");
        pack_cell_number(b, r->vs_la, "%+.2f");
        pack_cell_number(b, r->vs_expected, "%+.2f");
        if (isnan(r->lo) || isnan(r->hi))
            triad_i_buf_puts(b, "<td>&ndash;</td>");
        else
            html_printf(b, "<td>%+.2f to %+.2f</td>", r->lo, r->hi);
        triad_i_buf_puts(b, "</tr>\n");
    }
    triad_i_buf_puts(b, "</table></section>\n");
}

void pack_calendar_html(triad_i_buf *b, const pack_data *d)
{
    if (!d->o.schedule) {
        none(b, "calendar", "Review calendar", "No review schedule was given (triad pack --schedule).");
        return;
    }
    triad_i_buf_puts(b, "<section id=calendar><h2>Review calendar</h2>\n");
    report_schedule_collab(b, d->o.schedule, d->o.calendar, d->s, d->p, d->c);
    triad_i_buf_puts(b, "</section>\n");
}

static void support_rows(triad_i_buf *b, const pack_data *d, int in)
{
    size_t n = 0;
    double days = 0;
    for (size_t k = 0; k < d->nsup; k++) {
        const pack_support *u = &d->sup[k];
        if (u->in != in)
            continue;
        if (n++ == 0)
            html_printf(b, "<h3>%s</h3>\n<table><thead><tr><th>member</th><th>%s</th><th>area"
                           "</th><th>days</th><th>km</th><th>priority</th></tr></thead>\n",
                        in ? "Support received" : "Support given", in ? "from" : "to");
        const school_rec *m = &d->s->s[u->school], *q = &d->s->s[u->partner];
        html_printf(b, "<tr><td>%s %s</td><td>%s %s</td><td>%s</td><td>%.2f</td>", m->urn,
                    m->name ? m->name : "", q->urn, q->name ? q->name : "", u->area, u->days);
        pack_cell_number(b, u->km >= 0 ? u->km : NAN, "%.1f");
        html_printf(b, "<td>%d</td></tr>\n", u->priority);
        days += u->days;
    }
    if (n)
        html_printf(b, "</table><p>%zu match%s, %.2f days.</p>\n", n, n == 1 ? "" : "es", days);
    else
        html_printf(b, "<p class=none>No support %s.</p>\n", in ? "received" : "given");
}

void pack_support_html(triad_i_buf *b, const pack_data *d)
{
    if (!d->o.brokerage) {
        none(b, "support", "Support brokered", "No brokerage was given (triad pack --brokerage).");
        return;
    }
    triad_i_buf_puts(b, "<section id=support><h2>Support brokered</h2>\n");
    support_rows(b, d, 1);
    support_rows(b, d, 0);
    triad_i_buf_puts(b, "</section>\n");
}
