/* The three-year weighted figure for noisy small cohorts (FFT Aspire
 * weights a school's value added 3:2:1, newest year heaviest): for each
 * measure and each year Y with data, a school's figure is the weighted
 * mean of its values in Y, Y-1 and Y-2 (weights 3, 2, 1) over the years
 * it has, provided it has Y; a group's is the mean of its schools'. The
 * window's years that hold no data at all for the measure (DfE published
 * no tables for 2019/20 and 2020/21) are counted in `years_in_window`:
 * a figure over fewer than three years says so instead of pretending. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "impact/groups.h"
#include "triad/triad.h"

/* School i's weighted figure of measure m at year y; NAN without y. */
static double school_weighted(const triad_outcomes *o, size_t i, size_t m, int y)
{
    double v, sum = 0, wsum = 0;
    if (!triad_outcomes_value(o, i, m, y, &v))
        return NAN;
    for (int back = 0; back < 3; back++)
        if (triad_outcomes_value(o, i, m, y - back, &v)) {
            sum += (3 - back) * v;
            wsum += 3 - back;
        }
    return sum / wsum;
}

/* How many of y, y-1, y-2 hold measure m for any school. */
static int years_in_window(const triad_schools *s, const triad_outcomes *o, size_t m, int y)
{
    int n = 0;
    double v;
    for (int back = 0; back < 3; back++)
        for (size_t i = 0; i < triad_schools_count(s); i++)
            if (triad_outcomes_value(o, i, m, y - back, &v)) {
                n++;
                break;
            }
    return n;
}

/* One row: the mean of fig over the schools item[0..n-1] of a group. */
static void group_row(triad_i_buf *b, const char *level, const char *group, const char *measure,
                      int y, int window, const double *fig, const size_t *item, size_t n_in)
{
    double sum = 0;
    size_t n = 0, missing = 0;
    for (size_t e = 0; e < n_in; e++) {
        if (isnan(fig[item[e]]))
            missing++;
        else {
            sum += fig[item[e]];
            n++;
        }
    }
    triad_i_buf_printf(b, "%s,", level);
    triad_i_buf_csv_field(b, group);
    triad_i_buf_puts(b, ",");
    triad_i_buf_csv_field(b, measure);
    triad_i_buf_printf(b, ",%d,%zu,%zu,", y, n, missing);
    if (n)
        triad_i_buf_printf(b, "%.6g", sum / (double)n);
    triad_i_buf_printf(b, ",%d\n", window);
}

/* The rows of measure m at year y: the LA, each collaborative, each triad. */
static void year_rows(triad_i_buf *b, const triad_schools *s, const triad_plan *p,
                      const triad_outcomes *o, const impact_groups *g, size_t m, int y, double *fig)
{
    static const char *const level[] = {"la", "collaborative", "triad"};
    int window = years_in_window(s, o, m, y);
    const char *measure = triad_outcomes_measure(o, m);
    for (size_t i = 0; i < triad_schools_count(s); i++)
        fig[i] = school_weighted(o, i, m, y);
    for (int l = LEVEL_LA; l <= LEVEL_TRIAD; l++)
        for (size_t k = 0; k < g->count[l]; k++)
            group_row(b, level[l],
                      l == LEVEL_LA       ? "LA"
                      : l == LEVEL_COLLAB ? triad_plan_collaborative_label(p, k)
                                          : triad_plan_triad_label(p, k),
                      measure, y, window, fig, g->item[l] + g->start[l][k],
                      g->start[l][k + 1] - g->start[l][k]);
}

triad_status triad_impact_weighted_csv(const triad_schools *schools, const triad_plan *plan,
                                       const triad_outcomes *outcomes, char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!schools || !plan || !outcomes || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, plan, outcomes or out is NULL");
    size_t ns = triad_schools_count(schools);
    double *fig = malloc((ns + 1) * sizeof *fig);
    impact_groups groups;
    int built = impact_groups_build(&groups, schools, plan);
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "level,group,measure,year,schools,missing,weighted,years_in_window\n");
    for (size_t m = 0; fig && built && m < triad_outcomes_measure_count(outcomes); m++)
        for (size_t k = 0; k < triad_outcomes_year_count(outcomes); k++)
            year_rows(&b, schools, plan, outcomes, &groups, m, triad_outcomes_year(outcomes, k),
                      fig);
    int ok = fig && built && !b.failed;
    free(fig);
    if (built)
        impact_groups_free(&groups);
    if (!ok) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}
