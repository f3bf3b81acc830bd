/* The schools that hold their collaborative back (Peterborough: "which are
 * the schools that are holding us back"): on a measure, between two
 * adjacent years, a school below the LA's mean in the later year and
 * falling, ranked within its collaborative by its share of the group's
 * shortfall (the sum, over the group's schools below the LA's mean, of how
 * far below they are). Higher values are taken as better, as in every
 * DfE measure the product reads. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "impact/groups.h"
#include "impact/impact_impl.h"
#include "triad/triad.h"

/* One school of a group: its index and how far below the LA it is. */
typedef struct behind {
    size_t school;
    double gap;
} behind;

static int cmp_gap_desc(const void *x, const void *y)
{
    const behind *a = x, *b = y;
    if (a->gap != b->gap)
        return a->gap > b->gap ? -1 : 1;
    return (a->school > b->school) - (a->school < b->school);
}

double impact_la_mean(const triad_schools *s, const triad_outcomes *o, size_t m, int year)
{
    double sum = 0, v;
    size_t n = 0;
    for (size_t i = 0; i < triad_schools_count(s); i++)
        if (triad_outcomes_value(o, i, m, year, &v)) {
            sum += v;
            n++;
        }
    return n ? sum / (double)n : NAN;
}

/* The rows of collaborative c for measure m from year y to y + 1, to fn. */
static void group_rows(const triad_outcomes *o, const impact_groups *g, size_t c, size_t m, int y,
                       double la, behind *w, void (*fn)(const holding_row *, void *), void *user)
{
    size_t nb = 0;
    double shortfall = 0, v;
    for (size_t e = g->start[LEVEL_COLLAB][c]; e < g->start[LEVEL_COLLAB][c + 1]; e++) {
        size_t i = g->item[LEVEL_COLLAB][e];
        if (triad_outcomes_value(o, i, m, y + 1, &v) && v < la) {
            shortfall += la - v;
            w[nb].school = i;
            w[nb++].gap = la - v;
        }
    }
    qsort(w, nb, sizeof *w, cmp_gap_desc);
    size_t rank = 0;
    for (size_t k = 0; k < nb; k++) {
        holding_row r = {c, m, w[k].school, 0, y, 0, 0, la, w[k].gap, w[k].gap / shortfall};
        if (!triad_outcomes_value(o, r.school, m, y, &r.from) ||
            !triad_outcomes_value(o, r.school, m, y + 1, &r.to) || r.to >= r.from)
            continue; /* below the LA but not falling, or no earlier figure */
        r.rank = ++rank;
        fn(&r, user);
    }
}

int holding_back_each(const triad_schools *s, const triad_plan *p, const triad_outcomes *o,
                      void (*fn)(const holding_row *row, void *user), void *user)
{
    behind *w = malloc((triad_schools_count(s) + 1) * sizeof *w);
    impact_groups groups;
    int built = impact_groups_build(&groups, s, p);
    size_t ny = triad_outcomes_year_count(o);
    for (size_t m = 0; w && built && m < triad_outcomes_measure_count(o); m++)
        for (size_t k = 0; k + 1 < ny; k++) {
            int y = triad_outcomes_year(o, k);
            if (triad_outcomes_year(o, k + 1) != y + 1)
                continue; /* a gap between years is never bridged */
            double la = impact_la_mean(s, o, m, y + 1);
            for (size_t c = 0; !isnan(la) && c < triad_plan_collaborative_count(p); c++)
                group_rows(o, &groups, c, m, y, la, w, fn, user);
        }
    free(w);
    if (built)
        impact_groups_free(&groups);
    return w && built;
}

/* What the CSV rows need besides the row. */
typedef struct csv_ctx {
    triad_i_buf *b;
    const triad_schools *s;
    const triad_plan *p;
    const triad_outcomes *o;
} csv_ctx;

static void csv_row(const holding_row *r, void *user)
{
    const csv_ctx *c = user;
    triad_i_buf *b = c->b;
    const char *name = triad_schools_name(c->s, r->school);
    triad_i_buf_csv_field(b, triad_plan_collaborative_label(c->p, r->collab));
    triad_i_buf_puts(b, ",");
    triad_i_buf_csv_field(b, triad_outcomes_measure(c->o, r->measure));
    triad_i_buf_printf(b, ",%d,%d,%zu,", r->year_from, r->year_from + 1, r->rank);
    triad_i_buf_csv_field(b, triad_schools_urn(c->s, r->school));
    triad_i_buf_puts(b, ",");
    triad_i_buf_csv_field(b, name ? name : "");
    triad_i_buf_printf(b, ",%.6g,%.6g,%.6g,%.6g,%.6g,%.6g\n", r->from, r->to, r->to - r->from,
                       r->la_mean, r->below_la, r->share);
}

triad_status triad_holding_back_csv(const triad_schools *schools, const triad_plan *plan,
                                    const triad_outcomes *outcomes, char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!schools || !plan || !outcomes || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, plan, outcomes or out is NULL");
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "collaborative,measure,year_from,year_to,rank,urn,name,value_from,"
                         "value_to,change,la_mean_to,below_la,share_of_shortfall\n");
    csv_ctx c = {&b, schools, plan, outcomes};
    if (!holding_back_each(schools, plan, outcomes, csv_row, &c) || b.failed) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}
