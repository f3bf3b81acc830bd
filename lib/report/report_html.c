/* The plan as an LA officer reads it: one HTML file with inline SVG. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/report_impl.h"
#include "core/util.h"
#include "report/html_out.h"
#include "report/planner_data.h"
#include "report/report_map.h"
#include "report/report_impact.h"
#include "report/report_schedule.h"
#include "schedule/schedule_impl.h"
#include "model/plan_impl.h"
#include "model/schools_impl.h"
#include "broker/broker_impl.h"


/* Distinct colours by the golden angle; categories use a fixed palette. */
static void collab_colour(char *out, size_t n, long c)
{
    snprintf(out, n, "hsl(%.0f,65%%,%d%%)", fmod((double)c * 137.508, 360.0),
             c % 2 ? 38 : 50);
}

static void style(triad_i_buf *b)
{
    triad_i_buf_puts(
        b,
        "<style>\n"
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#222;"
        "max-width:1200px}\n"
        "h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}\n"
        ".kpi{display:inline-block;margin:6px 18px 6px 0;padding:8px 14px;background:#f3f5f8;"
        "border-radius:6px}.kpi b{font-size:1.4em;display:block}\n"
        ".ok{color:#1a7f37}.bad{color:#c62828}\n"
        "table{border-collapse:collapse;font-size:.9em;margin:6px 0 14px}"
        "td,th{padding:3px 8px;border-bottom:1px solid #e3e3e3;text-align:left}\n"
        ".collab{border-left:6px solid #999;padding-left:12px;margin:18px 0;"
        "content-visibility:auto;contain-intrinsic-size:auto 640px}\n"
        "svg text{font-family:inherit}.school{stroke:#fff;stroke-width:1}\n"
        ".triad{fill-opacity:.25;stroke-width:1.5;display:none}.triad.on{display:inline}"
        ".dim{opacity:.12}.lead{fill:none;stroke:#000;"
        "stroke-width:2}\n.legend span{display:inline-block;margin:2px 10px 2px 0;"
        "font-size:.85em}.sw{display:inline-block;width:10px;height:10px;margin-right:4px}\n"
        "text.area,span.area{fill:#888;color:#888;font-size:12px}.pick{cursor:pointer}"
        ".pick.sel{font-weight:bold;text-decoration:underline}\n"
        ".planner{position:sticky;top:0;z-index:2;background:#fffbea;border:1px solid #e6d48a;"
        "padding:8px 12px;margin:10px 0;border-radius:6px;font-size:.92em;line-height:2}\n"
        ".planner select{max-width:320px}.status{color:#555}\n"
        "tr.pickable{cursor:pointer}tr.pickable:hover{background:#f3f5f8}"
        "tr.sel{background:#ffe8a3!important}tr.locked td:last-child{font-weight:bold}\n"
        "body.swapping tr.pickable{outline:1px dashed #c90}"
        "circle.school.sel{stroke:#000;stroke-width:3}\n"
        "</style>\n");
}

static void summary(triad_i_buf *b, const triad_report *r)
{
    triad_i_buf_puts(b, "<div id=summary><div>");
    html_printf(b, "<div class=kpi><b>%zu</b>schools planned</div>", r->nplanned);
    html_printf(b, "<div class=kpi><b>%zu</b>collaboratives</div>", r->ncollab);
    html_printf(b, "<div class=kpi><b>%zu</b>triads</div>", r->ntriad);
    html_printf(b,
                     "<div class=kpi><b class=%s>%zu / %zu</b>collaboratives with every category "
                     "within one school of its share</div>",
                     r->collab_within == r->ncollab ? "ok" : "bad", r->collab_within, r->ncollab);
    html_printf(b, "<div class=kpi><b>%.2f</b>worst gap: schools between a category's count "
                   "and its fair share</div>",
                r->collab_max_dev);
    html_printf(b, "<div class=kpi><b class=%s>%zu</b>constraint violations</div>",
                     r->nviol ? "bad" : "ok", r->nviol);
    triad_spans sp = report_triad_spans(r);
    if (sp.n > 0) {
        html_printf(b, "<div class=kpi><b>%.1f km</b>median triad span (farthest two schools)</div>",
                    sp.median);
        html_printf(b, "<div class=kpi><b>%.1f km</b>longest triad span; %zu triads over 20 km</div>",
                    sp.longest, sp.over20);
    }
    triad_i_buf_puts(b, "</div></div>\n");
}

/* Stacked bars: the collaborative's categories against its stratum's, each
 * attribute labelled with its largest deviation, each bar with its count or
 * share where it fits. The planner script draws the same after every edit
 * (bars() in lib/report/planner/4-render.js); the browser test holds the
 * two to the same markup. */
static void composition(triad_i_buf *b, const triad_report *r, const group_score *g)
{
    const profile *pr = &r->prof;
    const double W = 420, BH = 16;
    size_t ncat_attrs = 0;
    for (size_t a = 0; a < pr->nattr; a++)
        ncat_attrs += !pr->attr[a].numeric;
    if (!ncat_attrs)
        return;
    html_printf(b, "<svg class=composition width='%.0f' height='%.0f'>", W + 170,
                (double)ncat_attrs * (2 * BH + 12) + 4);
    double y = 2;
    for (size_t a = 0; a < pr->nattr; a++) {
        const bal_attr *at = &pr->attr[a];
        if (at->numeric)
            continue;
        size_t off = r->offset[a];
        for (int row = 0; row < 2; row++) {
            double total = 0, x = 160;
            for (size_t c = 0; c < at->ncat; c++)
                total += row ? g->share[off + c] : g->count[off + c];
            html_printf(b, "<text x='0' y='%.0f' font-size='11'>", y + BH - 4);
            if (row)
                triad_i_buf_puts(b, "  stratum share");
            else
                html_printf(b, "%s (gap %.2f)", at->name, g->attr_dev[a]);
            triad_i_buf_puts(b, "</text>");
            for (size_t c = 0; c < at->ncat; c++) {
                double v = row ? g->share[off + c] : g->count[off + c];
                double w = total > 0 ? W * v / total : 0;
                if (w <= 0)
                    continue;
                html_printf(b,
                            "<rect x='%.1f' y='%.1f' width='%.1f' height='%.0f' fill='%s'><title>",
                            x, y, w, BH, report_palette(c));
                html_escape(b, at->cats[c]);
                if (row)
                    html_printf(b, ": share %.2f</title></rect>", v);
                else
                    html_printf(b, ": count %d (share %.2f)</title></rect>", g->count[off + c],
                                g->share[off + c]);
                char label[32];
                if (row)
                    snprintf(label, sizeof label, "%.1f", v);
                else
                    snprintf(label, sizeof label, "%d", g->count[off + c]);
                if (w >= (double)strlen(label) * 6.5 + 4)
                    html_printf(b,
                                "<text x='%.1f' y='%.1f' font-size='11' text-anchor='middle' "
                                "fill='#fff' class='count'>%s</text>",
                                x + w / 2, y + BH - 4, label);
                x += w;
            }
            y += BH + 1;
        }
        y += 10;
    }
    triad_i_buf_puts(b, "</svg>");
}

static void legend(triad_i_buf *b, const triad_report *r)
{
    const profile *pr = &r->prof;
    for (size_t a = 0; a < pr->nattr; a++) {
        const bal_attr *at = &pr->attr[a];
        if (at->numeric)
            continue;
        triad_i_buf_puts(b, "<div class=legend><b>");
        html_escape(b, at->name);
        triad_i_buf_puts(b, ":</b> ");
        for (size_t c = 0; c < at->ncat; c++) {
            html_printf(b, "<span><i class=sw style='background:%s'></i>",
                             report_palette(c));
            html_escape(b, at->cats[c]);
            triad_i_buf_puts(b, "</span>");
        }
        triad_i_buf_puts(b, "</div>\n");
    }
}

static const char *cat_of(const triad_report *r, const char *attr, size_t i)
{
    const profile *pr = &r->prof;
    for (size_t a = 0; a < pr->nattr; a++)
        if (!pr->attr[a].numeric && strcmp(pr->attr[a].name, attr) == 0)
            return pr->attr[a].cats[pr->attr[a].code[i]];
    return "";
}

/* The violations of collaborative c or of a triad of its members (a
 * cannot-link pair belongs to the pair, not to the card of each side): the
 * same choice as violationsOf() in lib/report/planner/4-render.js. */
static void card_violations(triad_i_buf *b, const triad_report *r, const triad_plan *p, size_t c)
{
    int any = 0;
    for (size_t v = 0; v < r->nviol; v++) {
        const violation *q = &r->viol[v];
        int mine = strcmp(q->group, p->collab_label[c]) == 0;
        for (size_t i = 0; !mine && strcmp(q->constraint, "cannot_link") != 0 && i < p->nschools;
             i++)
            mine = p->collab[i] == (long)c && p->triad[i] >= 0 &&
                   strcmp(q->group, p->triad_label[p->triad[i]]) == 0;
        if (!mine)
            continue;
        if (!any++)
            triad_i_buf_puts(b, "<ul class=bad>");
        html_printf(b, "<li>[%s] %s</li>", q->constraint, q->message);
    }
    if (any)
        triad_i_buf_puts(b, "</ul>");
}

/* Each numeric attribute's mean against the stratum's, in standard
 * deviations; more than half of one is marked. */
static void numeric_means(triad_i_buf *b, const triad_report *r, const group_score *g)
{
    const profile *pr = &r->prof;
    for (size_t a = 0; a < pr->nattr; a++) {
        const bal_attr *at = &pr->attr[a];
        if (!at->numeric)
            continue;
        double d = at->sd > 0 ? (g->mean[a] - g->ref_mean[a]) / at->sd : 0;
        html_printf(
            b,
            "<p class='numeric%s'>%s: mean %.1f against the stratum mean %.1f (%s%.2f standard "
            "deviations)</p>",
            fabs(d) > 0.5 ? " bad" : "", at->name, g->mean[a], g->ref_mean[a], d >= 0 ? "+" : "",
            d);
    }
}

/* The members of collaborative c, in the order of the schools file, each
 * row carrying its school's index for the planner. */
static void school_table(triad_i_buf *b, const triad_report *r, const triad_schools *s,
                         const triad_plan *p, size_t c)
{
    static const char *const ofsted[] = {"Not inspected", "Outstanding", "Good",
                                         "Requires improvement", "Inadequate"};
    const profile *pr = &r->prof;
    triad_i_buf_puts(b, "<table class=schools><tr><th>URN</th><th>school</th><th>phase</th>"
                        "<th>Ofsted</th><th>deprivation</th><th>head experience</th>");
    for (size_t a = 0; a < pr->nattr; a++)
        if (pr->attr[a].numeric)
            html_printf(b, "<th>%s</th>", pr->attr[a].name);
    triad_i_buf_puts(b, "<th>triad</th><th>lead</th><th>locked</th></tr>");
    for (size_t i = 0; i < s->n; i++) {
        if (p->collab[i] != (long)c)
            continue;
        const school_rec *q = &s->s[i];
        html_printf(b,
                    "<tr data-i='%zu' class='pickable%s'><td>%s</td><td>%s</td><td>%s</td>"
                    "<td>%s</td><td>%s</td><td>%s</td>",
                    i, p->locked[i] ? " locked" : "", q->urn, q->name, triad_phase_name(q->phase),
                    ofsted[q->ofsted >= 0 && q->ofsted <= 4 ? q->ofsted : 0],
                    cat_of(r, "deprivation", i), cat_of(r, "head_experience", i));
        for (size_t a = 0; a < pr->nattr; a++)
            if (pr->attr[a].numeric)
                html_printf(b, "<td>%.0f</td>", pr->attr[a].value[i]);
        html_printf(b, "<td>%s</td><td>%s</td><td>%s</td></tr>",
                    p->triad[i] >= 0 ? p->triad_label[p->triad[i]] : "", p->lead[i] ? "lead" : "",
                    p->locked[i] ? "locked" : "");
    }
    triad_i_buf_puts(b, "</table>");
}

static int collaboratives(triad_i_buf *b, const triad_report *r, const triad_schools *s,
                          const triad_plan *p)
{
    size_t *order = malloc((r->ncollab + 1) * sizeof *order);
    if (!order)
        return 0;
    for (size_t c = 0; c < r->ncollab; c++)
        order[c] = c;
    /* insertion sort: qsort has no context argument in C11 and a static
     * would not be thread-safe */
    for (size_t k = 1; k < r->ncollab; k++)
        for (size_t q = k; q > 0 && strcmp(r->collab[order[q - 1]].label,
                                           r->collab[order[q]].label) > 0; q--) {
            size_t t = order[q];
            order[q] = order[q - 1];
            order[q - 1] = t;
        }
    triad_i_buf_puts(b, "<h2>Collaboratives</h2>\n");
    legend(b, r);
    triad_i_buf_puts(b, "<div id=collab-cards>\n");
    char col[40];
    for (size_t k = 0; k < r->ncollab; k++) {
        size_t c = order[k];
        const group_score *g = &r->collab[c];
        collab_colour(col, sizeof col, (long)c);
        html_printf(b, "<div class=collab id='c%zu' style='border-color:%s'><h3>", c, col);
        html_escape(b, g->label);
        html_printf(b, " <small>(%s, %zu school%s, largest deviation %.2f: ", g->stratum, g->size,
                    TRIAD_S(g->size), g->max_dev);
        triad_i_buf_puts(b, g->within_one ? "<span class=ok>every category within one</span>"
                                          : "<span class=bad>not within one</span>");
        triad_i_buf_puts(b, ")</small></h3>");
        card_violations(b, r, p, c);
        composition(b, r, g);
        numeric_means(b, r, g);
        school_table(b, r, s, p, c);
        triad_i_buf_puts(b, "</div>\n");
    }
    triad_i_buf_puts(b, "</div>\n");
    free(order);
    return 1;
}

static void opted_and_warnings(triad_i_buf *b, const triad_report *r)
{
    for (size_t q = 0; q < r->nwarn; q++)
        html_printf(b, "<p class=bad>Warning: %s</p>\n", r->warn[q]);
    if (!r->nopted)
        return;
    html_printf(b, "<h2>Opted out</h2>\n<p>%zu school%s opted out of the collaboratives:</p><ul>\n",
                r->nopted, r->nopted == 1 ? "" : "s");
    for (size_t q = 0; q < r->nopted; q++)
        html_printf(b, "<li>%s</li>\n", r->opted[q]);
    triad_i_buf_puts(b, "</ul>\n");
}

static void continuity(triad_i_buf *b, const triad_report *r)
{
    if (!r->ncont)
        return;
    triad_i_buf_puts(b, "<h2>Continuity, leads and partnerships</h2>\n<ul>\n");
    for (size_t q = 0; q < r->ncont; q++)
        html_printf(b, "<li>%s</li>\n", r->cont[q]);
    triad_i_buf_puts(b, "</ul>\n");
}

/* [funding]: each collaborative's money beside its load, as the plan was
 * scored (an edit on the page does not share it out again). */
static void funding(triad_i_buf *b, const triad_report *r, const triad_plan *p)
{
    static const char *const basis[] = {"triad", "collaborative", "school", "pupils"};
    if (!(r->fund_total > 0))
        return;
    html_printf(b, "<h2>Funding</h2>\n<p>£%.0f shared by %s; £%.0f allocated", r->fund_total,
                basis[r->fund_basis], r->fund_allocated);
    if (r->fund_cap > 0)
        html_printf(b, "; a collaborative gets at most £%.0f (%zu at the cap)", r->fund_cap,
                    r->fund_at_cap);
    triad_i_buf_puts(b, ". As the plan was scored: edits on this page do not share it out "
                        "again.</p>\n<table><thead><tr><th>collaborative</th><th>schools</th>"
                        "<th>triads</th><th>lead days</th><th>funding (£)</th></tr></thead>\n");
    for (size_t c = 0; c < r->ncollab; c++) {
        size_t nt = 0;
        for (size_t t = 0; t < r->ntriad; t++)
            nt += p->triad_collab[t] == (long)c;
        const group_score *g = &r->collab[c];
        html_printf(b, "<tr><td>%s</td><td>%zu</td><td>%zu</td><td>%g</td><td>%.0f</td></tr>\n",
                    g->label, g->size, nt, g->lead_urn[0] ? r->rules.lead_days : 0.0, g->money);
    }
    triad_i_buf_puts(b, "</table>\n");
}

/* Who supports whom (from triad broker or a hand-made brokerage), the needs
 * left unmet with their reasons, and the days each supporter has left. */
static void brokerage_html(triad_i_buf *b, const triad_brokerage *bk)
{
    const triad_market *m = bk->market;
    char origin[96];
    brokerage_origin(bk, origin, sizeof origin);
    html_printf(b,
                "<h2>Brokering support</h2>\n<p>%zu match%s: %.2f of %.2f days of need met; "
                "%s; %zu violation%s.</p>\n",
                bk->nmatch, bk->nmatch == 1 ? "" : "es", bk->days_met, bk->days_needed, origin,
                bk->nviol, bk->nviol == 1 ? "" : "s");
    if (!isnan(bk->km_median))
        html_printf(b, "<p>Travel between supporter and school: median %.1f km, longest %.1f km.</p>\n",
                    bk->km_median, bk->km_max);
    if (bk->within >= 0)
        html_printf(b, "<p>%ld of %zu matches inside the school's own collaborative, %zu across "
                       "(policy %s).</p>\n",
                    bk->within, bk->nmatch, bk->nmatch - (size_t)bk->within,
                    bk->opts.policy == TRIAD_BROKER_WITHIN   ? "within"
                    : bk->opts.policy == TRIAD_BROKER_ACROSS ? "across"
                                                             : "any");
    for (size_t q = 0; q < bk->nwarn; q++)
        html_printf(b, "<p class=bad>Warning: %s</p>\n", bk->warn[q]);
    triad_i_buf_puts(b, "<table><tr><th>school</th><th>supported by</th><th>area</th>"
                        "<th>days</th><th>km</th></tr>\n");
    for (size_t k = 0; k < bk->nmatch; k++) {
        const match *x = &bk->m[k];
        size_t need = m->needs[x->need].school, sup = m->offers[x->offer].school;
        html_printf(b, "<tr><td>%s %s</td><td>%s %s</td><td>%s</td><td>%.2f</td><td>",
                    bk->urn[need], bk->name[need], bk->urn[sup], bk->name[sup],
                    m->areas[m->needs[x->need].area], x->days);
        if (x->km >= 0)
            html_printf(b, "%.1f", x->km);
        triad_i_buf_puts(b, "</td></tr>\n");
    }
    triad_i_buf_puts(b, "</table>\n");
    if (bk->nunmet) {
        triad_i_buf_puts(b, "<h3>Unmet needs</h3>\n<ul>\n");
        for (size_t q = 0; q < bk->nunmet; q++)
            html_printf(b, "<li>%s</li>\n", bk->unmet[q]);
        triad_i_buf_puts(b, "</ul>\n");
    }
    if (bk->nviol) {
        triad_i_buf_puts(b, "<h3 class=bad>Brokerage violations</h3>\n<ul>\n");
        for (size_t q = 0; q < bk->nviol; q++)
            html_printf(b, "<li>%s</li>\n", bk->viol[q]);
        triad_i_buf_puts(b, "</ul>\n");
    }
    triad_i_buf_puts(b, "<h3>Directory of services</h3>\n<table><tr><th>school</th><th>area</th>"
                        "<th>offered</th><th>used</th><th>left</th></tr>\n");
    for (size_t q = 0; q < m->noffers; q++) {
        const offer *of = &m->offers[q];
        double used = 0;
        for (size_t k = 0; k < bk->nmatch; k++)
            if (bk->m[k].offer == q)
                used += bk->m[k].days;
        html_printf(b, "<tr><td>%s %s</td><td>%s</td><td>%.2f</td><td>%.2f</td><td>%.2f</td></tr>\n",
                    bk->urn[of->school], bk->name[of->school], m->areas[of->area], of->days, used,
                    of->days - used > 0 ? of->days - used : 0);
    }
    triad_i_buf_puts(b, "</table>\n");
}

static void violations(triad_i_buf *b, const triad_report *r)
{
    html_printf(b, "<div id=violations><h2>Constraints</h2>\n<p class=%s>%zu violation%s.</p>\n",
                     r->nviol ? "bad" : "ok", r->nviol, r->nviol == 1 ? "" : "s");
    if (!r->nviol) {
        triad_i_buf_puts(b, "</div>\n");
        return;
    }
    triad_i_buf_puts(b, "<ul>\n");
    for (size_t v = 0; v < r->nviol; v++) {
        html_printf(b, "<li>[%s] ", r->viol[v].constraint);
        html_escape(b, r->viol[v].message);
        triad_i_buf_puts(b, "</li>\n");
    }
    triad_i_buf_puts(b, "</ul></div>\n");
}

/* The page's only script (the parts in lib/report/planner/, joined and
 * compiled in by embed.py): it reads the plan from the JSON data block, never from markup, and the
 * page's CSP lets it, and nothing else, run by its hash. */
extern const char planner_js[];

triad_status triad_report_html(const triad_report *r, const triad_schools *s,
                               const triad_plan *p, char **out, triad_error *err)
{
    return triad_report_html_years(&r, &p, 1, s, NULL, out, err);
}

triad_status triad_report_html_brokerage(const triad_report *r, const triad_schools *s,
                                         const triad_plan *p, const triad_brokerage *bk,
                                         char **out, triad_error *err)
{
    return triad_report_html_years(&r, &p, 1, s, bk, out, err);
}

triad_status triad_report_html_years(const triad_report *const *reports,
                                     const triad_plan *const *plans, size_t nyears,
                                     const triad_schools *s, const triad_brokerage *bk,
                                     char **out, triad_error *err)
{
    triad_page_options o;
    triad_page_options_init(&o);
    o.brokerage = bk;
    return triad_report_html_page(reports, plans, nyears, s, &o, out, err);
}

void triad_page_options_init(triad_page_options *o)
{
    memset(o, 0, sizeof *o);
    o->struct_size = sizeof *o;
}

triad_status triad_report_html_page(const triad_report *const *reports,
                                    const triad_plan *const *plans, size_t nyears,
                                    const triad_schools *s, const triad_page_options *opts,
                                    char **out, triad_error *err)
{
    triad_error_clear(err);
    triad_page_options o;
    triad_page_options_init(&o);
    if (opts && opts->struct_size != sizeof o)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "page options not set up by triad_page_options_init");
    if (opts)
        o = *opts;
    const triad_brokerage *bk = o.brokerage;
    if (o.schedule && (!o.calendar || !plans || !plans[0] || !s ||
                       !sched_fits_plan(o.schedule, s, plans[0])))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "a schedule on the page needs its calendar and its plan first");
    if (!out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "NULL argument");
    *out = NULL;
    if (!reports || !plans || !s || nyears == 0)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "NULL argument or no plan");
    for (size_t y = 0; y < nyears; y++) {
        const triad_report *r = reports[y];
        const triad_plan *p = plans[y];
        if (!r || !p)
            return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                                "NULL report or plan for year %zu", y + 1);
        if (r->nschools != s->n || p->nschools != s->n || r->ncollab != p->ncollab ||
            r->ntriad != p->ntriad)
            return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                                "the report, schools and plan of year %zu do not belong together",
                                y + 1);
    }
    const triad_report *r = reports[0];
    const triad_plan *p = plans[0];
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "<!DOCTYPE html>\n<html lang=en><head><meta charset='utf-8'>\n"
                         "<title>School improvement collaboratives</title>\n");
    html_csp_meta(&b, planner_js);
    style(&b);
    triad_i_buf_puts(&b, "</head><body>\n<h1>School improvement collaboratives and triads</h1>\n"
                         "<p>Source: ");
    html_escape(&b, s->source);
    triad_i_buf_puts(&b, ". Shares are each category's proportion of the stratum times the "
                         "group's size.");
    if (nyears > 1)
        html_printf(&b, " A rotation of %zu years: the page opens on year 1.", nyears);
    triad_i_buf_puts(&b, "</p>\n");
    summary(&b, r);
    report_map(&b, r, s, p);
    violations(&b, r);
    opted_and_warnings(&b, r);
    continuity(&b, r);
    funding(&b, r, p);
    if (bk)
        brokerage_html(&b, bk);
    if (o.schedule)
        report_schedule(&b, o.schedule, o.calendar, s, p);
    if (o.impact || o.outcomes)
        report_impact(&b, o.impact, o.outcomes, s, p);
    int ok = collaboratives(&b, r, s, p);
    /* the data block is JSON whose strings carry no markup character, so
     * nothing in it can end the element or start another */
    triad_i_buf_puts(&b, "<script type='application/json' id=planner-data>");
    planner_data(&b, reports, plans, nyears, s);
    triad_i_buf_puts(&b, "</script>\n<script>");
    triad_i_buf_puts(&b, planner_js);
    triad_i_buf_puts(&b, "</script>\n</body></html>\n");
    if (!ok || b.failed || !b.data) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}
