/* A report as text for people and as JSON (jansson) for tools. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/report_impl.h"
#include "core/util.h"
#include "io/json_text.h"
#include "model/sizes.h"

/* ------------------------------------------------------------------ JSON */

static json_t *group_json(const triad_report *r, const group_score *g, int triad)
{
    const profile *p = &r->prof;
    json_t *o = json_object();
    json_t *attrs = json_object();
    if (!o || !attrs) {
        json_decref(o);
        json_decref(attrs);
        return NULL;
    }
    json_object_set_new(o, "label", json_text(g->label));
    if (triad)
        json_object_set_new(o, "collaborative", json_text(g->collab_label));
    else {
        json_object_set_new(o, "lead", g->lead_urn[0] ? json_text(g->lead_urn) : json_null());
        json_object_set_new(o, "lead_year", g->lead_year ? json_integer(g->lead_year) : json_null());
        json_object_set_new(o, "lead_days", json_real(g->lead_urn[0] ? r->rules.lead_days : 0));
    }
    json_object_set_new(o, "stratum", json_text(g->stratum));
    json_object_set_new(o, "size", json_integer((json_int_t)g->size));
    json_object_set_new(o, "max_deviation", json_real(g->max_dev));
    json_object_set_new(o, "mean_km", isnan(g->mean_km) ? json_null() : json_real(g->mean_km));
    json_object_set_new(o, "max_km", isnan(g->max_km) ? json_null() : json_real(g->max_km));
    json_object_set_new(o, "within_one", json_boolean(g->within_one));
    if (r->fund_total > 0)
        json_object_set_new(o, "funding", isnan(g->money) ? json_null() : json_real(g->money));
    for (size_t a = 0; a < p->nattr; a++) {
        const bal_attr *at = &p->attr[a];
        json_t *ja = json_object();
        if (!ja)
            break;
        if (at->numeric) {
            json_object_set_new(ja, "mean", json_real(g->mean[a]));
            json_object_set_new(ja, "population_mean", json_real(g->ref_mean[a]));
            json_object_set_new(ja, "deviation_sd", json_real(g->attr_dev[a]));
        } else {
            json_t *cats = json_array();
            for (size_t c = 0; cats && c < at->ncat; c++) {
                size_t cell = r->offset[a] + c;
                json_t *jc = json_object();
                json_object_set_new(jc, "category", json_text(at->cats[c]));
                json_object_set_new(jc, "count", json_integer(g->count[cell]));
                json_object_set_new(jc, "share", json_real(g->share[cell]));
                json_object_set_new(jc, "deviation", json_real(g->count[cell] - g->share[cell]));
                json_array_append_new(cats, jc);
            }
            json_object_set_new(ja, "categories", cats);
            json_object_set_new(ja, "max_deviation", json_real(g->attr_dev[a]));
            json_object_set_new(ja, "within_one", json_boolean(g->attr_dev[a] <= 1.0 + 1e-9));
        }
        json_object_set_new(attrs, at->name, ja);
    }
    json_object_set_new(o, "attributes", attrs);
    return o;
}

/* Distances inside a stratum's collaboratives: the means over its located
 * collaboratives of their mean and largest member distance, and the worst. */
typedef struct travel {
    double mean_mean, mean_max, worst;
    size_t located;
} travel;

static travel stratum_travel(const triad_report *r, const char *stratum)
{
    travel t = {0, 0, 0, 0};
    for (size_t c = 0; c < r->ncollab; c++)
        if (strcmp(r->collab[c].stratum, stratum) == 0 && !isnan(r->collab[c].max_km)) {
            t.mean_max += r->collab[c].max_km;
            t.mean_mean += r->collab[c].mean_km;
            t.worst = fmax(t.worst, r->collab[c].max_km);
            t.located++;
        }
    if (t.located) {
        t.mean_max /= (double)t.located;
        t.mean_mean /= (double)t.located;
    }
    return t;
}

static void triad_travel_line(triad_i_buf *b, const triad_report *r)
{
    triad_spans t = report_triad_spans(r);
    if (t.n < 0)
        b->failed = 1;
    else if (t.n > 0)
        triad_i_buf_printf(b,
                           "Triad travel: median span %.1f km, longest %.1f km; %zu of %ld "
                           "triads have two schools more than 20 km apart (geography = local "
                           "or triad_max_km keeps triads closer)\n",
                           t.median, t.longest, t.over20, t.n);
}

/* The summary: counts, balance, violations, triad travel. */
static void json_summary(json_t *root, const triad_report *r)
{
    json_t *summary = json_object();
    json_object_set_new(summary, "schools", json_integer((json_int_t)r->nschools));
    json_object_set_new(summary, "planned", json_integer((json_int_t)r->nplanned));
    json_object_set_new(summary, "unplanned", json_integer((json_int_t)r->nunplanned));
    json_object_set_new(summary, "opted_out", json_integer((json_int_t)r->nopted));
    json_object_set_new(summary, "warnings", json_integer((json_int_t)r->nwarn));
    json_object_set_new(summary, "collaboratives", json_integer((json_int_t)r->ncollab));
    json_object_set_new(summary, "triads", json_integer((json_int_t)r->ntriad));
    json_object_set_new(summary, "collaboratives_within_one",
                        json_integer((json_int_t)r->collab_within));
    json_object_set_new(summary, "triads_within_one", json_integer((json_int_t)r->triad_within));
    json_object_set_new(summary, "max_deviation_collaboratives", json_real(r->collab_max_dev));
    json_object_set_new(summary, "max_deviation_triads", json_real(r->triad_max_dev));
    json_object_set_new(summary, "all_collaboratives_within_one",
                        json_boolean(r->collab_within == r->ncollab));
    json_object_set_new(summary, "violations", json_integer((json_int_t)r->nviol));
    triad_spans sp = report_triad_spans(r);
    json_object_set_new(summary, "triad_span_median_km", sp.n > 0 ? json_real(sp.median) : json_null());
    json_object_set_new(summary, "triad_span_max_km", sp.n > 0 ? json_real(sp.longest) : json_null());
    json_object_set_new(summary, "triads_over_20_km",
                        sp.n > 0 ? json_integer((json_int_t)sp.over20) : json_null());
    json_object_set_new(root, "summary", summary);

}

/* The balanced attributes with their sources, weights and categories. */
static void json_attributes(json_t *root, const triad_report *r)
{
    const profile *p = &r->prof;
    json_t *attrs = json_array();
    for (size_t a = 0; a < p->nattr; a++) {
        const bal_attr *at = &p->attr[a];
        json_t *ja = json_object();
        json_object_set_new(ja, "name", json_text(at->name));
        json_object_set_new(ja, "source", json_text(at->source));
        json_object_set_new(ja, "type", json_text(at->numeric ? "numeric" : "categorical"));
        json_object_set_new(ja, "weight", json_real(at->weight));
        if (!at->numeric) {
            json_t *cats = json_array();
            for (size_t c = 0; c < at->ncat; c++)
                json_array_append_new(cats, json_text(at->cats[c]));
            json_object_set_new(ja, "categories", cats);
        }
        json_array_append_new(attrs, ja);
    }
    json_object_set_new(root, "attributes", attrs);

}

/* The strata: sizes allowed, geography, travel. */
static void json_strata(json_t *root, const triad_report *r)
{
    const profile *p = &r->prof;
    json_t *strata = json_array();
    for (size_t k = 0; k < p->nstrata; k++) {
        json_t *js = json_object();
        json_object_set_new(js, "name", json_text(p->strata[k].name));
        json_object_set_new(js, "schools", json_integer((json_int_t)p->strata[k].n));
        json_object_set_new(js, "min_size", json_integer(p->strata[k].min_size));
        json_object_set_new(js, "max_size", json_integer(p->strata[k].max_size));
        json_object_set_new(js, "triad_size", json_integer(p->strata[k].triad_size));
        /* the allowed sizes: a set (sizes = 6, 9), or every size of the range */
        json_t *allowed = json_array();
        for (int s = p->strata[k].min_size; s <= p->strata[k].max_size; s++)
            if (sizes_allowed(&p->strata[k], s))
                json_array_append_new(allowed, json_integer(s));
        json_object_set_new(js, "sizes", allowed);
        json_object_set_new(js, "sector_wide", json_boolean(p->strata[k].sector_wide));
        json_object_set_new(js, "geography", json_text(p->strata[k].local ? "local" : "spread"));
        travel t = stratum_travel(r, p->strata[k].name);
        json_object_set_new(js, "mean_max_km", t.located ? json_real(t.mean_max) : json_null());
        json_object_set_new(js, "mean_member_km",
                            t.located ? json_real(t.mean_mean) : json_null());
        json_array_append_new(strata, js);
    }
    json_object_set_new(root, "strata", strata);

}

/* Every collaborative and triad, scored. */
static void json_groups(json_t *root, const triad_report *r)
{
    json_t *cs = json_array();
    for (size_t c = 0; c < r->ncollab; c++)
        json_array_append_new(cs, group_json(r, &r->collab[c], 0));
    json_object_set_new(root, "collaboratives", cs);
    json_t *ts = json_array();
    for (size_t t = 0; t < r->ntriad; t++)
        json_array_append_new(ts, group_json(r, &r->triad[t], 1));
    json_object_set_new(root, "triads", ts);

}

/* Violations, opted-out schools, warnings and the continuity lines. */
static void json_lists(json_t *root, const triad_report *r)
{
    json_t *vs = json_array();
    for (size_t v = 0; v < r->nviol; v++) {
        json_t *jv = json_object();
        json_object_set_new(jv, "constraint", json_text(r->viol[v].constraint));
        json_object_set_new(jv, "group", json_text(r->viol[v].group));
        json_object_set_new(jv, "message", json_text(r->viol[v].message));
        json_array_append_new(vs, jv);
    }
    json_object_set_new(root, "violations", vs);
    json_t *jo = json_array(), *jw = json_array();
    for (size_t q = 0; q < r->nopted; q++)
        json_array_append_new(jo, json_text(r->opted[q]));
    for (size_t q = 0; q < r->nwarn; q++)
        json_array_append_new(jw, json_text(r->warn[q]));
    json_object_set_new(root, "opted_out", jo);
    json_object_set_new(root, "warnings", jw);
    if (r->ncont) {
        json_t *jc = json_object(), *mv = json_array(), *jn = json_array(), *lf = json_array(),
               *ld = json_array(), *jp = json_array();
        for (size_t q = 0; q < r->ncont; q++) {
            const char *l = r->cont[q];
            if (strncmp(l, "continuity: ", 12) == 0)
                json_object_set_new(jc, "summary", json_text(l + 12));
            else if (strncmp(l, "moved: ", 7) == 0)
                json_array_append_new(mv, json_text(l + 7));
            else if (strncmp(l, "joined: ", 8) == 0)
                json_array_append_new(jn, json_text(l + 8));
            else if (strncmp(l, "left: ", 6) == 0)
                json_array_append_new(lf, json_text(l + 6));
            else if (strncmp(l, "lead: ", 6) == 0)
                json_array_append_new(ld, json_text(l + 6));
            else if (strncmp(l, "partnership: ", 13) == 0)
                json_array_append_new(jp, json_text(l + 13));
        }
        json_object_set_new(jc, "moved", mv);
        json_object_set_new(jc, "joined", jn);
        json_object_set_new(jc, "left", lf);
        json_object_set_new(jc, "leads", ld);
        json_object_set_new(jc, "partnerships", jp);
        json_object_set_new(root, "continuity", jc);
    }
}

/* [funding]: the total, how it was shared and what the cap held back. */
static void json_funding(json_t *root, const triad_report *r)
{
    static const char *const basis[] = {"triad", "collaborative", "school", "pupils"};
    if (!(r->fund_total > 0))
        return;
    json_t *f = json_object();
    json_object_set_new(f, "total", json_real(r->fund_total));
    json_object_set_new(f, "basis", json_text(basis[r->fund_basis]));
    json_object_set_new(f, "cap", r->fund_cap > 0 ? json_real(r->fund_cap) : json_null());
    json_object_set_new(f, "allocated", json_real(r->fund_allocated));
    json_object_set_new(f, "collaboratives_at_cap", json_integer((json_int_t)r->fund_at_cap));
    json_object_set_new(f, "load_ratio", json_real(r->fund_load_ratio));
    json_object_set_new(root, "funding", f);
}

/* What the solver did per stratum (a solved plan only). */
static void json_solver(json_t *root, const triad_report *r)
{
    if (r->ninfo) {
        json_t *sv = json_array();
        for (size_t q = 0; q < r->ninfo; q++) {
            const solve_info *in = &r->info[q];
            json_t *js = json_object();
            json_object_set_new(js, "stratum", json_text(in->stratum));
            json_object_set_new(js, "engine", json_text(in->engine));
            json_object_set_new(js, "status", json_text(in->status));
            json_object_set_new(js, "objective", json_real(in->objective));
            json_object_set_new(js, "bound", isnan(in->bound) ? json_null() : json_real(in->bound));
            json_object_set_new(js, "gap", isnan(in->gap) ? json_null() : json_real(in->gap));
            json_object_set_new(js, "seconds", json_real(in->seconds));
            json_object_set_new(js, "triads", json_text(in->triads));
            json_object_set_new(js, "sizes", json_text(in->sizes));
            json_array_append_new(sv, js);
        }
        json_object_set_new(root, "solver", sv);
    }
}

static json_t *report_json(const triad_report *r)
{
    json_t *root = json_object();
    if (!root)
        return NULL;
    json_summary(root, r);
    json_attributes(root, r);
    json_strata(root, r);
    json_groups(root, r);
    json_lists(root, r);
    json_solver(root, r);
    json_funding(root, r);
    return root;
}

/* ------------------------------------------------------------------ text */

static void text_group_row(triad_i_buf *b, const triad_report *r, const group_score *g, int triad)
{
    const profile *p = &r->prof;
    triad_i_buf_printf(b, "%-12s %-10s %4zu  %-10s %9.2f  %-8s", g->label,
                       triad ? g->collab_label : g->stratum, g->size,
                       triad ? "" : (g->lead_urn[0] ? g->lead_urn : "-"), g->max_dev,
                       g->within_one ? "yes" : "NO");
    if (isnan(g->max_km))
        triad_i_buf_printf(b, "  %7s", "-");
    else
        triad_i_buf_printf(b, "  %7.1f", g->max_km);
    for (size_t a = 0; a < p->nattr; a++) {
        if (p->attr[a].numeric)
            triad_i_buf_printf(b, "  %8.1f(%+.2fsd)", g->mean[a],
                               p->attr[a].sd > 0 ? (g->mean[a] - g->ref_mean[a]) / p->attr[a].sd
                                                 : 0);
        else
            triad_i_buf_printf(b, "  %12.2f", g->attr_dev[a]);
    }
    triad_i_buf_puts(b, "\n");
}

static void text_header(triad_i_buf *b, const profile *p, int triad)
{
    /* worst gap: the largest |count - share| of any category, in schools;
     * span: the largest distance between two members */
    triad_i_buf_printf(b, "%-12s %-10s %4s  %-10s %9s  %-8s  %7s",
                       triad ? "triad" : "collaborative", triad ? "of" : "stratum", "size",
                       triad ? "" : "lead", "worst gap", "within 1", "span km");
    for (size_t a = 0; a < p->nattr; a++)
        triad_i_buf_printf(b, p->attr[a].numeric ? "  %16s" : "  %12.12s", p->attr[a].name);
    triad_i_buf_puts(b, "\n");
}

/* What the plan covers, its strata and what it balances. */
static void text_preamble(triad_i_buf *b, const triad_report *r)
{
    const profile *p = &r->prof;
    triad_i_buf_printf(b, "Plan: %zu school%s, %zu planned in %zu collaborative%s and %zu triad%s",
                       r->nschools, TRIAD_S(r->nschools), r->nplanned, r->ncollab,
                       TRIAD_S(r->ncollab), r->ntriad, TRIAD_S(r->ntriad));
    if (r->nunplanned)
        triad_i_buf_printf(b, "; %zu to be planned are missing", r->nunplanned);
    if (r->nopted)
        triad_i_buf_printf(b, "; %zu opted out", r->nopted);
    triad_i_buf_puts(b, ".\nStrata:");
    for (size_t k = 0; k < p->nstrata; k++) {
        char allowed[160];
        sizes_describe(&p->strata[k], allowed, sizeof allowed);
        triad_i_buf_printf(b, " %s %zu (%s%s)%s", p->strata[k].name, p->strata[k].n,
                           p->strata[k].sector_wide ? "sector-wide, " : "sizes ",
                           p->strata[k].sector_wide ? "one collaborative" : allowed,
                           k + 1 < p->nstrata ? "," : "");
    }
    triad_i_buf_puts(b, "\nBalanced:");
    for (size_t a = 0; a < p->nattr; a++)
        triad_i_buf_printf(b, " %s (%s, weight %g)%s", p->attr[a].name, p->attr[a].source,
                           p->attr[a].weight, a + 1 < p->nattr ? "," : "");
    triad_i_buf_puts(b, "\nColumns: worst gap is the largest difference, in schools, between a "
                        "category's count and its fair share (the group's size times the "
                        "category's share of the stratum); within 1 says whether every "
                        "category is within one school of it; span km is the largest distance "
                        "between two members; per attribute its own worst gap, and for a "
                        "number the group's mean (how far from the stratum's, in standard "
                        "deviations).\n\n");
}

/* [funding] in one line: the total, the basis, the range per collaborative. */
static void text_funding(triad_i_buf *b, const triad_report *r)
{
    static const char *const basis[] = {"triad", "collaborative", "school", "pupils"};
    if (!(r->fund_total > 0) || !r->ncollab)
        return;
    double lo = INFINITY, hi = 0;
    for (size_t c = 0; c < r->ncollab; c++) {
        lo = fmin(lo, r->collab[c].money);
        hi = fmax(hi, r->collab[c].money);
    }
    triad_i_buf_printf(b, "Funding: £%.0f shared by %s, £%.0f allocated; a collaborative £%.0f to "
                          "£%.0f",
                       r->fund_total, basis[r->fund_basis], r->fund_allocated, lo, hi);
    if (r->fund_cap > 0)
        triad_i_buf_printf(b, "; cap £%.0f, %zu at it", r->fund_cap, r->fund_at_cap);
    triad_i_buf_puts(b, "\n");
}

/* The leads' time and terms in one line. */
static void text_leads(triad_i_buf *b, const triad_report *r)
{
    size_t leads = 0, on = 0;
    for (size_t c = 0; c < r->ncollab; c++) {
        leads += r->collab[c].lead_urn[0] != 0;
        on += r->collab[c].lead_year > 1;
    }
    if (!leads)
        return;
    triad_i_buf_printf(b, "Leads: %zu, each giving %g days a year", leads, r->rules.lead_days);
    if (r->rules.lead_term > 0)
        triad_i_buf_printf(b, " for a term of %d year%s; %zu beyond their first year", r->rules.lead_term,
                           TRIAD_S((size_t)r->rules.lead_term), on);
    triad_i_buf_printf(b, " (%g days in all)\n", r->rules.lead_days * (double)leads);
}

/* The collaboratives' table, the triads not within one, and travel. */
static void text_groups(triad_i_buf *b, const triad_report *r)
{
    const profile *p = &r->prof;
    text_header(b, p, 0);
    for (size_t c = 0; c < r->ncollab; c++)
        text_group_row(b, r, &r->collab[c], 0);
    text_leads(b, r);
    text_funding(b, r);
    if (r->ntriad) {
        size_t bad = r->ntriad - r->triad_within;
        triad_i_buf_printf(b,
                           "\nTriads: %zu, %zu with every category within one school of its "
                           "share, largest deviation %.2f\n",
                           r->ntriad, r->triad_within, r->triad_max_dev);
        triad_travel_line(b, r);
        if (bad) {
            text_header(b, p, 1);
            for (size_t t = 0; t < r->ntriad; t++)
                if (!r->triad[t].within_one)
                    text_group_row(b, r, &r->triad[t], 1);
        }
    }
    for (size_t k = 0; k < p->nstrata; k++) {
        travel t = stratum_travel(r, p->strata[k].name);
        if (t.located)
            triad_i_buf_printf(b,
                               "%sTravel: stratum %s (%s): members %.1f km apart on average; the "
                               "largest distance inside a collaborative is %.1f km on average, "
                               "%.1f km at most\n",
                               k == 0 ? "\n" : "", p->strata[k].name,
                               p->strata[k].local ? "local" : "spread", t.mean_mean, t.mean_max,
                               t.worst);
    }
}

/* Balance, the solver's lines, opted-out schools, warnings, continuity
 * and the violations. */
static void text_outcome(triad_i_buf *b, const triad_report *r)
{
    triad_i_buf_printf(b,
                       "\nBalance: every category within one school of its share in %zu of %zu "
                       "collaboratives; largest deviation %.2f\n",
                       r->collab_within, r->ncollab, r->collab_max_dev);
    for (size_t q = 0; q < r->ninfo; q++) {
        const solve_info *in = &r->info[q];
        triad_i_buf_printf(b, "Solver: stratum %s by %s: %s; excess beyond one %.3f", in->stratum,
                           in->engine, in->status, in->objective);
        if (!isnan(in->bound))
            triad_i_buf_printf(b, ", bound %.3f, gap %.2f%%", in->bound, 100 * in->gap);
        triad_i_buf_printf(b, "; %.2f s; triads %s\n", in->seconds, in->triads);
        if (in->sizes[0])
            triad_i_buf_printf(b, "Sizes: stratum %s: %s\n", in->stratum, in->sizes);
    }
    if (r->nopted) {
        triad_i_buf_printf(b, "Opted out: %zu:", r->nopted);
        for (size_t q = 0; q < r->nopted; q++)
            triad_i_buf_printf(b, "%s %s", q ? ";" : "", r->opted[q]);
        triad_i_buf_puts(b, "\n");
    }
    for (size_t q = 0; q < r->nwarn; q++)
        triad_i_buf_printf(b, "Warning: %s\n", r->warn[q]);
    for (size_t q = 0; q < r->ncont; q++) {
        int summary = q == 0 && strncmp(r->cont[q], "continuity: ", 12) == 0;
        if (q == 0)
            triad_i_buf_puts(b, summary ? "Continuity with last year: "
                                        : "Continuity, leads and partnerships:\n  ");
        else
            triad_i_buf_puts(b, "  ");
        triad_i_buf_printf(b, "%s\n", summary ? r->cont[q] + 12 : r->cont[q]);
    }
    triad_i_buf_printf(b, "Violations: %zu\n", r->nviol);
    for (size_t v = 0; v < r->nviol; v++)
        triad_i_buf_printf(b, "  [%s] %s\n", r->viol[v].constraint, r->viol[v].message);
}

static void report_text(triad_i_buf *b, const triad_report *r)
{
    text_preamble(b, r);
    text_groups(b, r);
    text_outcome(b, r);
}

/* One year's figures of a rotation, for the years after the first. */
static json_t *year_json(const triad_report *r, size_t year, size_t repeats)
{
    json_t *y = json_object();
    json_object_set_new(y, "year", json_integer((json_int_t)year));
    json_object_set_new(y, "triads", json_integer((json_int_t)r->ntriad));
    json_object_set_new(y, "triads_within_one", json_integer((json_int_t)r->triad_within));
    json_object_set_new(y, "max_deviation_triads", json_real(r->triad_max_dev));
    json_object_set_new(y, "collaboratives_within_one", json_integer((json_int_t)r->collab_within));
    json_object_set_new(y, "repeated_pairs", json_integer((json_int_t)repeats));
    json_object_set_new(y, "violations", json_integer((json_int_t)r->nviol));
    return y;
}

triad_status triad_report_format_years(const triad_report *const *reports, size_t n,
                                       const size_t *repeats, int json, char **out,
                                       triad_error *err)
{
    triad_error_clear(err);
    if (!reports || !out || n == 0)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "reports or out is NULL, or no reports");
    for (size_t y = 0; y < n; y++)
        if (!reports[y])
            return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "report %zu is NULL",
                                y + 1);
    *out = NULL;
    if (json) {
        json_t *root = report_json(reports[0]);
        json_t *years = json_array();
        for (size_t y = 0; root && years && y < n; y++)
            json_array_append_new(years, year_json(reports[y], y + 1, repeats ? repeats[y] : 0));
        if (root && years && n > 1)
            json_object_set_new(root, "rotation", years);
        else
            json_decref(years);
        char *s = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                              JSON_REAL_PRECISION(10))
                       : NULL;
        json_decref(root);
        if (!s)
            return triad_i_fail_nomem(err);
        *out = triad_i_strdup(s);
        free(s);
        return *out ? TRIAD_OK : triad_i_fail_nomem(err);
    }
    triad_i_buf b;
    triad_i_buf_init(&b);
    report_text(&b, reports[0]);
    if (n > 1)
        triad_i_buf_puts(&b, "\nRotation (the same collaboratives, new triads each year):\n");
    for (size_t y = 0; n > 1 && y < n; y++) {
        const triad_report *r = reports[y];
        triad_i_buf_printf(&b,
                           "Year %zu of %zu: %zu of %zu triads within one of their shares "
                           "(largest deviation %.2f); %zu triad pairs met before; %zu "
                           "violation%s\n",
                           y + 1, n, r->triad_within, r->ntriad, r->triad_max_dev,
                           repeats ? repeats[y] : 0, r->nviol, r->nviol == 1 ? "" : "s");
    }
    if (b.failed || !b.data) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}

triad_status triad_report_format(const triad_report *r, int json, char **out, triad_error *err)
{
    return triad_report_format_years(&r, 1, NULL, json, out, err);
}
