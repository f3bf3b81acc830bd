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

/* One row: the mean of fig over the schools of a group (in[i] != 0). */
static void group_row(triad_i_buf *b, const char *level, const char *group, const char *measure,
                      int y, int window, const double *fig, const unsigned char *in, size_t ns)
{
    double sum = 0;
    size_t n = 0, missing = 0;
    for (size_t i = 0; i < ns; i++) {
        if (!in[i])
            continue;
        if (isnan(fig[i]))
            missing++;
        else {
            sum += fig[i];
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
                      const triad_outcomes *o, size_t m, int y, double *fig, unsigned char *in)
{
    size_t ns = triad_schools_count(s);
    int window = years_in_window(s, o, m, y);
    const char *measure = triad_outcomes_measure(o, m);
    for (size_t i = 0; i < ns; i++) {
        fig[i] = school_weighted(o, i, m, y);
        in[i] = 1;
    }
    group_row(b, "la", "LA", measure, y, window, fig, in, ns);
    for (size_t c = 0; c < triad_plan_collaborative_count(p); c++) {
        for (size_t i = 0; i < ns; i++)
            in[i] = triad_plan_collaborative_of(p, i) == (long)c;
        group_row(b, "collaborative", triad_plan_collaborative_label(p, c), measure, y, window, fig,
                  in, ns);
    }
    for (size_t t = 0; t < triad_plan_triad_count(p); t++) {
        for (size_t i = 0; i < ns; i++)
            in[i] = triad_plan_triad_of(p, i) == (long)t;
        group_row(b, "triad", triad_plan_triad_label(p, t), measure, y, window, fig, in, ns);
    }
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
    unsigned char *in = malloc(ns + 1);
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "level,group,measure,year,schools,missing,weighted,years_in_window\n");
    for (size_t m = 0; fig && in && m < triad_outcomes_measure_count(outcomes); m++)
        for (size_t k = 0; k < triad_outcomes_year_count(outcomes); k++)
            year_rows(&b, schools, plan, outcomes, m, triad_outcomes_year(outcomes, k), fig, in);
    int ok = fig && in && !b.failed;
    free(fig);
    free(in);
    if (!ok) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}
