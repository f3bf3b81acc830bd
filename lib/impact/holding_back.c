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

/* The LA's mean of measure m in year over the schools that have it; NAN
 * when none has. */
static double la_mean(const triad_schools *s, const triad_outcomes *o, size_t m, int year)
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

/* The rows of collaborative c for measure m from year y to y + 1. */
static void group_rows(triad_i_buf *b, const triad_schools *s, const triad_plan *p,
                       const triad_outcomes *o, const impact_groups *g, size_t c, size_t m, int y,
                       double la, behind *w)
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
        double from, to;
        size_t i = w[k].school;
        if (!triad_outcomes_value(o, i, m, y, &from) ||
            !triad_outcomes_value(o, i, m, y + 1, &to) || to >= from)
            continue; /* below the LA but not falling, or no earlier figure */
        triad_i_buf_csv_field(b, triad_plan_collaborative_label(p, c));
        triad_i_buf_puts(b, ",");
        triad_i_buf_csv_field(b, triad_outcomes_measure(o, m));
        triad_i_buf_printf(b, ",%d,%d,%zu,", y, y + 1, ++rank);
        triad_i_buf_csv_field(b, triad_schools_urn(s, i));
        triad_i_buf_puts(b, ",");
        triad_i_buf_csv_field(b, triad_schools_name(s, i) ? triad_schools_name(s, i) : "");
        triad_i_buf_printf(b, ",%.6g,%.6g,%.6g,%.6g,%.6g,%.6g\n", from, to, to - from, la, w[k].gap,
                           w[k].gap / shortfall);
    }
}

triad_status triad_holding_back_csv(const triad_schools *schools, const triad_plan *plan,
                                    const triad_outcomes *outcomes, char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!schools || !plan || !outcomes || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, plan, outcomes or out is NULL");
    behind *w = malloc((triad_schools_count(schools) + 1) * sizeof *w);
    impact_groups groups;
    int built = impact_groups_build(&groups, schools, plan);
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "collaborative,measure,year_from,year_to,rank,urn,name,value_from,"
                         "value_to,change,la_mean_to,below_la,share_of_shortfall\n");
    size_t ny = triad_outcomes_year_count(outcomes);
    for (size_t m = 0; w && built && m < triad_outcomes_measure_count(outcomes); m++)
        for (size_t k = 0; k + 1 < ny; k++) {
            int y = triad_outcomes_year(outcomes, k);
            if (triad_outcomes_year(outcomes, k + 1) != y + 1)
                continue; /* a gap between years is never bridged */
            double la = la_mean(schools, outcomes, m, y + 1);
            for (size_t c = 0; !isnan(la) && c < triad_plan_collaborative_count(plan); c++)
                group_rows(&b, schools, plan, outcomes, &groups, c, m, y, la, w);
        }
    free(w);
    if (built)
        impact_groups_free(&groups);
    if (!w || !built || b.failed) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}
