/* The termly clinic (include/triad/clinic.h): a flag per school from the
 * grade rule and the measure rules, reasons worst first, the history's
 * other terms kept. Defaults are this file's choice, stated in the header
 * and doc/formats.md: the LA sets its own. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "io/clinic_flags.h"
#include "triad/triad.h"

enum { GREEN, AMBER, RED };
static const char *const rag_name[] = {"green", "amber", "red"};

static const triad_clinic_rule default_rules[] = {{"READPROG", -3, -1.5, 2},
                                                  {"WRITPROG", -3, -1.5, 2},
                                                  {"MATPROG", -3, -1.5, 2},
                                                  {"P8MEA", -0.5, -0.25, 0.5}};

void triad_clinic_options_init(triad_clinic_options *o)
{
    memset(o, 0, sizeof *o);
    o->struct_size = sizeof *o;
    o->red_grade = 3;
}

/* One school's verdict: the worst flag and its reasons, red ones first. */
typedef struct verdict {
    int rag;
    triad_i_buf red, amber, read;
} verdict;

static void add_reason(triad_i_buf *b, const char *text)
{
    if (b->len)
        triad_i_buf_puts(b, "; ");
    triad_i_buf_puts(b, text);
}

/* Rule r on measure m (an index of o) for school i in year. */
static void apply_rule(verdict *v, const triad_outcomes *o, size_t i, size_t m, int year,
                       const triad_clinic_rule *r)
{
    double x, before;
    char text[256];
    if (!triad_outcomes_value(o, i, m, year, &x))
        return;
    add_reason(&v->read, r->measure);
    if (!isnan(r->red_below) && x < r->red_below) {
        snprintf(text, sizeof text, "%s %g below %g (red)", r->measure, x, r->red_below);
        add_reason(&v->red, text);
        v->rag = RED;
    } else if (!isnan(r->amber_below) && x < r->amber_below) {
        snprintf(text, sizeof text, "%s %g below %g (amber)", r->measure, x, r->amber_below);
        add_reason(&v->amber, text);
        v->rag = v->rag > AMBER ? v->rag : AMBER;
    }
    if (!isnan(r->amber_fall) && triad_outcomes_value(o, i, m, year - 1, &before) &&
        before - x > r->amber_fall) {
        snprintf(text, sizeof text, "%s fell %g since %d (amber above %g)", r->measure, before - x,
                 year - 1, r->amber_fall);
        add_reason(&v->amber, text);
        v->rag = v->rag > AMBER ? v->rag : AMBER;
    }
}

/* Index of each rule's measure in o, -1 when o has no such measure. */
static void rule_measures(const triad_outcomes *o, const triad_clinic_rule *rules, size_t n,
                          long *at)
{
    for (size_t k = 0; k < n; k++) {
        at[k] = -1;
        for (size_t m = 0; o && m < triad_outcomes_measure_count(o); m++)
            if (strcmp(triad_outcomes_measure(o, m), rules[k].measure) == 0)
                at[k] = (long)m;
    }
}

/* The row of school i into b. */
static void school_row(triad_i_buf *b, const triad_schools *s, const triad_outcomes *o, size_t i,
                       const char *term, const triad_clinic_options *opt,
                       const triad_clinic_rule *rules, size_t nrules, const long *at, int year)
{
    verdict v = {GREEN, {0}, {0}, {0}};
    triad_i_buf_init(&v.red);
    triad_i_buf_init(&v.amber);
    triad_i_buf_init(&v.read);
    int g = triad_schools_ofsted(s, i);
    if (opt->red_grade > 0 && g >= opt->red_grade) {
        char text[96];
        snprintf(text, sizeof text, "Ofsted grade %d (red at %d or worse)", g, opt->red_grade);
        add_reason(&v.red, text);
        v.rag = RED;
    }
    for (size_t k = 0; k < nrules; k++)
        if (at[k] >= 0)
            apply_rule(&v, o, i, (size_t)at[k], year, &rules[k]);
    triad_i_buf reasons;
    triad_i_buf_init(&reasons);
    if (v.red.len)
        add_reason(&reasons, v.red.data);
    if (v.amber.len)
        add_reason(&reasons, v.amber.data);
    if (v.rag == GREEN && !year) /* green: no reason before it */
        triad_i_buf_puts(&reasons, "no rule met (no outcomes)");
    else if (v.rag == GREEN)
        triad_i_buf_printf(&reasons, "no rule met (%d: %s)", year,
                           v.read.len ? v.read.data : "no measure of a rule");
    triad_i_buf_csv_field(b, triad_schools_urn(s, i));
    triad_i_buf_puts(b, ",");
    triad_i_buf_csv_field(b, term);
    triad_i_buf_printf(b, ",%s,", rag_name[v.rag]);
    triad_i_buf_csv_field(b, reasons.failed ? "" : reasons.data ? reasons.data : "");
    triad_i_buf_puts(b, "\n");
    b->failed |= reasons.failed | v.red.failed | v.amber.failed | v.read.failed;
    triad_i_buf_free(&reasons);
    triad_i_buf_free(&v.red);
    triad_i_buf_free(&v.amber);
    triad_i_buf_free(&v.read);
}

/* The history's rows of other terms into b; an unreadable history is an
 * error naming file, line and column. */
static triad_status keep_history(triad_i_buf *b, const char *path, const char *term,
                                 triad_error *err)
{
    csv_table t;
    triad_status st = csv_table_read_maybe_empty(path, &t, err);
    if (st != TRIAD_OK)
        return st;
    long col[4];
    if ((st = clinic_table_check(&t, col, err)) == TRIAD_OK &&
        (col[3] = csv_table_column(&t, (const char *const[]){"reasons", NULL})) < 0)
        st = triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t.name, 1, 0,
                          "the clinic history has no 'reasons' column");
    for (size_t r = 0; st == TRIAD_OK && r < t.nrows; r++) {
        if (strcmp(t.rows[r][col[1]], term) == 0)
            continue; /* this term: replaced */
        for (int c = 0; c < 4; c++) {
            if (c)
                triad_i_buf_puts(b, ",");
            triad_i_buf_csv_field(b, t.rows[r][col[c]]);
        }
        triad_i_buf_puts(b, "\n");
    }
    csv_table_free(&t);
    return st;
}

triad_status triad_clinic_csv(const triad_schools *schools, const triad_outcomes *outcomes,
                              const char *term, const triad_clinic_options *opts,
                              const char *history, char **out, triad_error *err)
{
    triad_error_clear(err);
    triad_clinic_options opt;
    triad_clinic_options_init(&opt);
    if (opts)
        opt = *opts;
    if (!schools || !term || !*term || strpbrk(term, "\r\n") || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, a one-line term and out are needed");
    if (opt.red_grade < 0 || opt.red_grade > 4 || (opt.nrules && !opt.rules))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "red_grade must be 0-4 and rules given with nrules");
    const triad_clinic_rule *rules = opt.rules ? opt.rules : default_rules;
    size_t nrules = opt.rules ? opt.nrules : sizeof default_rules / sizeof *default_rules;
    for (size_t k = 0; k < nrules; k++)
        if (!rules[k].measure)
            return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                                "rule %zu names no measure", k + 1);
    size_t ny = outcomes ? triad_outcomes_year_count(outcomes) : 0;
    int year = opt.year ? opt.year : ny ? triad_outcomes_year(outcomes, ny - 1) : 0;
    long *at = malloc((nrules + 1) * sizeof *at);
    if (!at)
        return triad_i_fail_nomem(err);
    rule_measures(outcomes, rules, nrules, at);
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "urn,term,rag,reasons\n");
    triad_status st = history ? keep_history(&b, history, term, err) : TRIAD_OK;
    for (size_t i = 0; st == TRIAD_OK && i < triad_schools_count(schools); i++)
        school_row(&b, schools, outcomes, i, term, &opt, rules, nrules, at, year);
    free(at);
    if (st == TRIAD_OK && b.failed)
        st = triad_i_fail_nomem(err);
    if (st != TRIAD_OK) {
        triad_i_buf_free(&b);
        return st;
    }
    *out = b.data;
    return TRIAD_OK;
}
