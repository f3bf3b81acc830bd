/* One collaborative's pack as tables (pack_impl.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "impact/groups.h"
#include "io/clinic_flags.h"
#include "model/schools_impl.h"
#include "pack/pack_impl.h"

const char *pack_grade_name(int grade)
{
    static const char *const names[] = {"not inspected", "Outstanding", "Good",
                                        "Requires improvement", "Inadequate"};
    return grade >= 1 && grade <= 4 ? names[grade] : names[0];
}

const char *pack_urban_name(int urban)
{
    return urban == URBAN_URBAN ? "urban" : urban == URBAN_RURAL ? "rural" : "unknown";
}

/* The members of collaborative c, triad by triad (then the plan's order). */
static int members(pack_data *d)
{
    size_t n = triad_schools_count(d->s);
    d->member = malloc((n + 1) * sizeof *d->member);
    if (!d->member)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (triad_plan_collaborative_of(d->p, i) == (long)d->c)
            d->member[d->nmember++] = i;
    for (size_t k = 1; k < d->nmember; k++) /* insertion: a collaborative has a dozen */
        for (size_t q = k; q > 0 && triad_plan_triad_of(d->p, d->member[q - 1]) >
                                        triad_plan_triad_of(d->p, d->member[q]);
             q--) {
            size_t t = d->member[q];
            d->member[q] = d->member[q - 1];
            d->member[q - 1] = t;
        }
    return 1;
}

static int outcomes(pack_data *d)
{
    const triad_outcomes *o = d->o.outcomes;
    size_t nm = triad_outcomes_measure_count(o), ny = triad_outcomes_year_count(o);
    d->out = malloc((d->nmember * nm * ny + 1) * sizeof *d->out);
    if (!d->out)
        return 0;
    for (size_t m = 0; m < nm; m++)
        for (size_t y = 0; y < ny; y++) {
            int year = triad_outcomes_year(o, y);
            double la = NAN, v;
            for (size_t k = 0; k < d->nmember; k++)
                if (triad_outcomes_value(o, d->member[k], m, year, &v)) {
                    if (isnan(la))
                        la = impact_la_mean(d->s, o, m, year);
                    d->out[d->nout++] = (pack_outcome){d->member[k], m, year, v, la};
                }
        }
    return 1;
}

/* The members' flags in the term shown; a URN not in the schools or a
 * term with no row is refused as triad solve --clinic refuses it. */
static triad_status clinic(pack_data *d, triad_error *err)
{
    csv_table *t = calloc(1, sizeof *t);
    if (!t)
        return triad_i_fail_nomem(err);
    triad_status st = csv_table_read(d->o.clinic_path, t, err);
    if (st != TRIAD_OK) {
        free(t);
        return st;
    }
    d->clinic = t;
    long col[3], reasons = csv_table_column(t, (const char *const[]){"reasons", NULL});
    size_t n = triad_schools_count(d->s);
    int *level = calloc(n + 1, sizeof *level);
    long *row = malloc((n + 1) * sizeof *row); /* each school's row of the term, -1 none */
    d->flag = malloc((d->nmember + 1) * sizeof *d->flag);
    if (level && row && d->flag) {
        for (size_t i = 0; i < n; i++)
            row[i] = -1;
        st = clinic_flags_of_table(t, d->s, d->o.clinic_term, level, row, col, err);
    } else {
        st = triad_i_fail_nomem(err);
    }
    for (size_t k = 0; st == TRIAD_OK && k < d->nmember; k++) {
        long r = row[d->member[k]];
        if (r >= 0)
            d->flag[d->nflag++] = (pack_flag){d->member[k], t->rows[r][col[2]],
                                              reasons >= 0 ? t->rows[r][reasons] : ""};
    }
    free(level);
    free(row);
    return st;
}

/* The matches to and from the members. */
static int support(pack_data *d)
{
    const triad_brokerage *b = d->o.brokerage;
    d->sup = malloc((2 * b->nmatch + 1) * sizeof *d->sup);
    if (!d->sup)
        return 0;
    for (size_t k = 0; k < b->nmatch; k++) {
        const offer *of = &b->market->offers[b->m[k].offer];
        const need *nd = &b->market->needs[b->m[k].need];
        const char *area = b->market->areas[of->area];
        if (triad_plan_collaborative_of(d->p, nd->school) == (long)d->c)
            d->sup[d->nsup++] = (pack_support){1,           nd->school,  of->school, area,
                                               b->m[k].days, b->m[k].km, nd->priority};
        if (triad_plan_collaborative_of(d->p, of->school) == (long)d->c)
            d->sup[d->nsup++] = (pack_support){0,           of->school,  nd->school, area,
                                               b->m[k].days, b->m[k].km, nd->priority};
    }
    return 1;
}

/* The impact rows of the LA, of this collaborative and of its triads
 * (matched by label: an impact may cover plans of several years). */
static int impact(pack_data *d)
{
    const triad_impact *imp = d->o.impact;
    d->imp = malloc((imp->nrow + 1) * sizeof *d->imp);
    if (!d->imp)
        return 0;
    const char *label = triad_plan_collaborative_label(d->p, d->c);
    for (size_t k = 0; k < imp->nrow; k++) {
        const impact_row *r = &imp->row[k];
        const char *g = imp->label[r->level][r->group];
        int mine = r->level == LEVEL_LA || (r->level == LEVEL_COLLAB && strcmp(g, label) == 0);
        for (size_t m = 0; !mine && r->level == LEVEL_TRIAD && m < d->nmember; m++) {
            long t = triad_plan_triad_of(d->p, d->member[m]);
            mine = t >= 0 && strcmp(g, triad_plan_triad_label(d->p, (size_t)t)) == 0;
        }
        if (mine)
            d->imp[d->nimp++] = r;
    }
    return 1;
}

triad_status pack_data_build(pack_data *d, const triad_report *r, const triad_schools *s,
                             const triad_plan *p, size_t c, const triad_pack_options *o,
                             triad_error *err)
{
    memset(d, 0, sizeof *d);
    triad_pack_options_init(&d->o);
    if (o && o->struct_size != sizeof d->o)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "pack options not set up by triad_pack_options_init");
    if (o)
        d->o = *o;
    if (!r || !s || !p || c >= triad_plan_collaborative_count(p) ||
        triad_report_group_count(r, TRIAD_LEVEL_COLLABORATIVE) != triad_plan_collaborative_count(p))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "a pack needs the plan's report, its schools and a collaborative of it");
    if (!d->o.clinic_path != !d->o.clinic_term || (d->o.schedule && !d->o.calendar))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "a clinic file needs its term, a schedule its calendar");
    d->s = s;
    d->p = p;
    d->r = r;
    d->c = c;
    int ok = members(d) && (!d->o.outcomes || outcomes(d)) && (!d->o.brokerage || support(d)) &&
             (!d->o.impact || impact(d));
    triad_status st = ok ? TRIAD_OK : triad_i_fail_nomem(err);
    if (st == TRIAD_OK && d->o.clinic_path)
        st = clinic(d, err);
    if (st != TRIAD_OK)
        pack_data_free(d);
    return st;
}

void pack_data_free(pack_data *d)
{
    free(d->member);
    free(d->out);
    free(d->flag);
    free(d->sup);
    free(d->imp);
    if (d->clinic) {
        csv_table_free(d->clinic);
        free(d->clinic);
    }
    memset(d, 0, sizeof *d);
}

void triad_pack_options_init(triad_pack_options *o)
{
    memset(o, 0, sizeof *o);
    o->struct_size = sizeof *o;
}
