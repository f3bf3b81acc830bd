/* Impact and holding back on the page (report_impact.h). The chart of a
 * group is a bar from zero to its change against expectation with the
 * bootstrap interval drawn across it, on one scale per table so that bars
 * compare down the column. Every string from the data goes through
 * html_printf's escaping. */
#include "report/report_impact.h"

#include <math.h>
#include <stdlib.h>

#include "impact/groups.h"
#include "impact/impact_impl.h"
#include "report/html_out.h"

#define CHART_W 160
#define CHART_H 14

/* A figure, or a dash where the group has too few schools for it. */
static void cell(triad_i_buf *b, double v, int sign)
{
    if (isnan(v))
        triad_i_buf_puts(b, "<td>&ndash;</td>");
    else
        html_printf(b, sign ? "<td>%+.2f</td>" : "<td>%.2f</td>", v);
}

/* Best change against expectation first; groups without one last. */
static int cmp_rank(const void *x, const void *y)
{
    const impact_row *a = *(const impact_row *const *)x, *b = *(const impact_row *const *)y;
    if (isnan(a->vs_expected) != isnan(b->vs_expected))
        return isnan(a->vs_expected) ? 1 : -1;
    if (!isnan(a->vs_expected) && a->vs_expected != b->vs_expected)
        return a->vs_expected > b->vs_expected ? -1 : 1;
    return (a->group > b->group) - (a->group < b->group);
}

/* The x of value v on a scale of +-span around the middle. */
static double at(double v, double span)
{
    return CHART_W / 2.0 + v / span * (CHART_W / 2.0 - 2);
}

static void chart(triad_i_buf *b, const impact_row *r, double span)
{
    triad_i_buf_puts(b, "<td>");
    if (!isnan(r->vs_expected)) {
        double x0 = at(0, span), x1 = at(r->vs_expected, span);
        html_printf(b,
                    "<svg width=%d height=%d role=img aria-label='%+.2f against expected'>"
                    "<rect x=%.1f y=3 width=%.1f height=8 fill='%s'/>",
                    CHART_W, CHART_H, r->vs_expected, fmin(x0, x1), fabs(x1 - x0),
                    r->vs_expected >= 0 ? "#1a7f37" : "#c62828");
        if (!isnan(r->lo) && !isnan(r->hi))
            html_printf(b, "<line x1=%.1f x2=%.1f y1=7 y2=7 stroke='#333'/>", at(r->lo, span),
                        at(r->hi, span));
        html_printf(b, "<line x1=%.1f x2=%.1f y1=0 y2=%d stroke='#888'/></svg>", x0, x0, CHART_H);
    }
    triad_i_buf_puts(b, "</td>");
}

/* The groups of one level for one measure and pair of years, ranked. */
static void ranked_table(triad_i_buf *b, const triad_impact *imp, const impact_row **rows,
                         size_t n, const char *what)
{
    qsort(rows, n, sizeof *rows, cmp_rank);
    double span = 1e-9;
    for (size_t k = 0; k < n; k++) {
        const double v[] = {rows[k]->vs_expected, rows[k]->lo, rows[k]->hi};
        for (int q = 0; q < 3; q++)
            span = isnan(v[q]) ? span : fmax(span, fabs(v[q]));
    }
    html_printf(b,
                "<table class=impact><tr><th>rank</th><th>%s</th><th>schools</th><th>missing</th>"
                "<th>mean before</th><th>mean after</th><th>change</th><th>vs LA</th>"
                "<th>vs expected</th><th>interval</th><th>vs expected, &plusmn;%.2f</th></tr>\n",
                what, span);
    for (size_t k = 0; k < n; k++) {
        const impact_row *r = rows[k];
        html_printf(b, "<tr><td>%zu</td><td>%s</td><td>%zu</td><td>%zu</td>", k + 1,
                    imp->label[r->level][r->group], r->n, r->missing);
        cell(b, r->mean_from, 0);
        cell(b, r->mean_to, 0);
        cell(b, r->change, 1);
        cell(b, r->vs_la, 1);
        cell(b, r->vs_expected, 1);
        if (isnan(r->lo) || isnan(r->hi))
            triad_i_buf_puts(b, "<td>&ndash;</td>");
        else
            html_printf(b, "<td>%+.2f to %+.2f</td>", r->lo, r->hi);
        chart(b, r, span);
        triad_i_buf_puts(b, "</tr>\n");
    }
    triad_i_buf_puts(b, "</table>\n");
}

/* One measure over one pair of years: rows [from, to) of imp. */
static void measure_years(triad_i_buf *b, const triad_impact *imp, size_t from, size_t to,
                          const impact_row **scratch)
{
    const impact_row *first = &imp->row[from];
    html_printf(b, "<h3>%s, %d to %d</h3>\n", imp->measure[first->measure], first->year_from,
                first->year_to);
    for (int level = LEVEL_LA; level <= LEVEL_TRIAD; level++) {
        size_t n = 0;
        for (size_t k = from; k < to; k++)
            if (imp->row[k].level == level)
                scratch[n++] = &imp->row[k];
        if (level == LEVEL_LA && n) {
            const impact_row *la = scratch[0];
            html_printf(b, "<p>The LA: %zu schools with both years (%zu without)", la->n,
                        la->missing);
            if (!isnan(la->change))
                html_printf(b, ", mean %.2f to %.2f, change %+.2f", la->mean_from, la->mean_to,
                            la->change);
            triad_i_buf_puts(b, ".</p>\n");
        } else if (level == LEVEL_COLLAB) {
            ranked_table(b, imp, scratch, n, "collaborative");
        } else if (level == LEVEL_TRIAD && n) {
            html_printf(b, "<details><summary>The %zu triads, ranked</summary>\n", n);
            ranked_table(b, imp, scratch, n, "triad");
            triad_i_buf_puts(b, "</details>\n");
        }
    }
}

/* What the holding-back rows need besides the row. */
typedef struct back_ctx {
    triad_i_buf *b;
    const triad_schools *s;
    const triad_plan *p;
    const triad_outcomes *o;
    size_t rows;
} back_ctx;

static void back_row(const holding_row *r, void *user)
{
    back_ctx *c = user;
    const char *name = triad_schools_name(c->s, r->school);
    if (c->rows++ == 0)
        triad_i_buf_puts(c->b, "<table class=impact><tr><th>measure</th><th>years</th>"
                               "<th>collaborative</th><th>rank</th><th>URN</th><th>school</th>"
                               "<th>before</th><th>after</th><th>change</th><th>below the LA"
                               "</th><th>share of the group's shortfall</th></tr>\n");
    html_printf(c->b,
                "<tr><td>%s</td><td>%d to %d</td><td>%s</td><td>%zu</td><td>%s</td><td>%s</td>"
                "<td>%.2f</td><td>%.2f</td><td>%+.2f</td><td>%.2f</td><td>%.0f%%</td></tr>\n",
                triad_outcomes_measure(c->o, r->measure), r->year_from, r->year_from + 1,
                triad_plan_collaborative_label(c->p, r->collab), r->rank,
                triad_schools_urn(c->s, r->school), name ? name : "", r->from, r->to,
                r->to - r->from, r->below_la, 100 * r->share);
}

static void holding_back(triad_i_buf *b, const triad_outcomes *o, const triad_schools *s,
                         const triad_plan *p)
{
    triad_i_buf_puts(b, "<h3 id=holding-back>Holding back</h3>\n<p>Schools below the LA's mean "
                        "and falling, ranked within their collaborative by their share of the "
                        "group's shortfall (how far below the LA its schools are, summed).</p>\n");
    back_ctx c = {b, s, p, o, 0};
    if (!holding_back_each(s, p, o, back_row, &c))
        b->failed = 1;
    triad_i_buf_puts(b, c.rows ? "</table>\n"
                               : "<p>No school is below the LA and falling on any measure "
                                 "over two adjacent years.</p>\n");
}

void report_impact(triad_i_buf *b, const triad_impact *imp, const triad_outcomes *o,
                   const triad_schools *s, const triad_plan *p)
{
    triad_i_buf_puts(b, "<h2 id=impact>Impact: did the groups raise outcomes?</h2>\n");
    if (!imp) {
        triad_i_buf_puts(b, "<p>No impact given (triad impact computes it from outcomes).</p>\n");
    } else {
        triad_i_buf_puts(
            b, "<p>For the plan as loaded (edits on this page do not re-score this section). "
               "<b>change</b>: the group's mean after less before; <b>vs LA</b>: that less the "
               "LA's change; <b>vs expected</b>: the mean, over the group's schools, of each "
               "school's value against the value a regression over all the LA's schools "
               "predicts from its start, so that low starters are not credited with the "
               "regression to the mean every low starter shows; <b>interval</b>: a bootstrap "
               "interval of vs expected over the group's schools. Groups are ranked by vs "
               "expected; a dash is a figure the group has too few schools for.</p>\n");
        for (size_t k = 0; k < imp->nwarn; k++)
            html_printf(b, "<p class=bad>%s</p>\n", imp->warn[k]);
        const impact_row **scratch = malloc((imp->nrow + 1) * sizeof *scratch);
        if (!scratch) {
            b->failed = 1;
            return;
        }
        for (size_t from = 0, to; from < imp->nrow; from = to) {
            const impact_row *r = &imp->row[from];
            for (to = from + 1; to < imp->nrow && imp->row[to].measure == r->measure &&
                                imp->row[to].year_from == r->year_from;
                 to++)
                ;
            measure_years(b, imp, from, to, scratch);
        }
        if (imp->nrow == 0)
            triad_i_buf_puts(b, "<p>No pair of adjacent years with data.</p>\n");
        free(scratch);
    }
    if (o)
        holding_back(b, o, s, p);
    else
        triad_i_buf_puts(b, "<h3 id=holding-back>Holding back</h3>\n<p>No outcomes given.</p>\n");
}
