/* A collaborative's page (include/triad/pack.h): no script at all, every
 * string from the data escaped by html_printf, printable on A4. */
#include <math.h>
#include <stdlib.h>

#include "model/schools_impl.h"
#include "pack/pack_impl.h"
#include "pack/pack_sections.h"
#include "report/html_out.h"

static void head(triad_i_buf *b, const pack_data *d)
{
    html_printf(b,
                "<!DOCTYPE html>\n<html lang=en><head><meta charset='utf-8'>\n"
                "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
                "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action "
                "'none'\">\n<title>Collaborative %s: data pack</title>\n",
                triad_plan_collaborative_label(d->p, d->c));
    triad_i_buf_puts(
        b, "<style>\nbody{font-family:system-ui,sans-serif;margin:24px;color:#222;"
           "max-width:1100px}h2{margin-top:1.4em;border-bottom:1px solid #ccc}\n"
           "table{border-collapse:collapse;font-size:.88em;margin:6px 0 14px}"
           "td,th{padding:2px 7px;border-bottom:1px solid #e3e3e3;text-align:left}\n"
           ".none{color:#666;font-style:italic}.red{color:#c62828}.amber{color:#a15c00}"
           ".green{color:#1a7f37}\n"
           "@page{size:A4;margin:14mm}@media print{body{margin:0;max-width:none;font-size:10pt}"
           "h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}"
           "thead{display:table-header-group}section{break-inside:avoid-page}}\n"
           "</style></head><body>\n");
}

static void members(triad_i_buf *b, const pack_data *d)
{
    triad_i_buf_puts(b, "<section id=members><h2>Members</h2>\n<table><thead><tr><th>URN</th>"
                        "<th>school</th><th>triad</th><th>lead</th><th>phase</th><th>Ofsted</th>"
                        "<th>IDACI quintile</th><th>FSM %</th><th>urban/rural</th>"
                        "<th>head's years</th><th>pupils</th><th>trust</th></tr></thead>\n");
    for (size_t k = 0; k < d->nmember; k++) {
        const school_rec *r = &d->s->s[d->member[k]];
        long t = triad_plan_triad_of(d->p, d->member[k]);
        html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>",
                    r->urn, r->name ? r->name : "", t >= 0 ? triad_plan_triad_label(d->p, (size_t)t) : "",
                    triad_plan_is_lead(d->p, d->member[k]) ? "lead" : "",
                    triad_phase_name(r->phase), pack_grade_name(r->ofsted));
        pack_cell_number(b, r->idaci ? r->idaci : NAN, "%.0f");
        pack_cell_number(b, r->fsm, "%.1f");
        html_printf(b, "<td>%s</td>", pack_urban_name(r->urban));
        pack_cell_number(b, r->head_years, "%.0f");
        pack_cell_number(b, r->pupils, "%.0f");
        html_printf(b, "<td>%s</td></tr>\n", r->trust);
    }
    triad_i_buf_puts(b, "</table>\n");
    for (size_t k = 0; k < d->nmember; k++)
        if (triad_plan_is_lead(d->p, d->member[k]))
            html_printf(b, "<p>Lead: %s, in its year %d as lead.</p>\n",
                        d->s->s[d->member[k]].name, triad_plan_lead_years(d->p, d->member[k]));
    double money = triad_report_group_funding(d->r, TRIAD_LEVEL_COLLABORATIVE, d->c);
    if (!isnan(money))
        html_printf(b, "<p>Funding: £%.0f for the collaborative (the spec's [funding]).</p>\n",
                    money);
    triad_i_buf_puts(b, "</section>\n");
}

/* Each balanced attribute against the group's share of its stratum. */
static void balance(triad_i_buf *b, const pack_data *d)
{
    const triad_report *r = d->r;
    html_printf(b,
                "<section id=balance><h2>Balance against the LA</h2>\n<p>%s: every category "
                "within one school of its share; largest deviation %.2f. A share is the "
                "category's proportion of the stratum times the collaborative's size.</p>\n",
                triad_report_group_within_one(r, TRIAD_LEVEL_COLLABORATIVE, d->c) ? "Yes" : "No",
                triad_report_group_max_deviation(r, TRIAD_LEVEL_COLLABORATIVE, d->c));
    triad_i_buf_puts(b, "<table><thead><tr><th>attribute</th><th>category</th><th>count</th>"
                        "<th>share</th><th>deviation</th></tr></thead>\n");
    triad_error err;
    for (size_t a = 0; a < triad_report_attribute_count(r); a++) {
        const char *name = triad_report_attribute_name(r, a);
        if (triad_report_attribute_is_numeric(r, a)) {
            double mean, la;
            if (triad_report_group_mean(r, TRIAD_LEVEL_COLLABORATIVE, d->c, a, &mean, &la, &err) ==
                TRIAD_OK)
                html_printf(b, "<tr><td>%s</td><td>mean</td><td>%.2f</td><td>%.2f</td>"
                               "<td>%+.2f</td></tr>\n",
                            name, mean, la, mean - la);
            continue;
        }
        for (size_t c = 0; c < triad_report_category_count(r, a); c++) {
            int count;
            double share;
            if (triad_report_cell(r, TRIAD_LEVEL_COLLABORATIVE, d->c, a, c, &count, &share,
                                  &err) == TRIAD_OK)
                html_printf(b, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%.2f</td><td>%+.2f"
                               "</td></tr>\n",
                            name, triad_report_category_name(r, a, c), count, share,
                            count - share);
        }
    }
    triad_i_buf_puts(b, "</table></section>\n");
}

static void triads(triad_i_buf *b, const pack_data *d)
{
    triad_i_buf_puts(b, "<section id=triads><h2>Triads</h2>\n<table><thead><tr><th>triad</th>"
                        "<th>schools</th></tr></thead>\n");
    for (size_t k = 0; k < d->nmember;) {
        long t = triad_plan_triad_of(d->p, d->member[k]);
        html_printf(b, "<tr><td>%s</td><td>", t >= 0 ? triad_plan_triad_label(d->p, (size_t)t) : "no triad");
        size_t q = k;
        for (; q < d->nmember && triad_plan_triad_of(d->p, d->member[q]) == t; q++)
            html_printf(b, "%s%s (%s)", q > k ? "; " : "", d->s->s[d->member[q]].name ? d->s->s[d->member[q]].name : "",
                        d->s->s[d->member[q]].urn);
        triad_i_buf_puts(b, "</td></tr>\n");
        k = q;
    }
    triad_i_buf_puts(b, "</table></section>\n");
}

triad_status triad_pack_html(const triad_report *report, const triad_schools *schools,
                             const triad_plan *plan, size_t c, const triad_pack_options *opts,
                             char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "out is NULL");
    *out = NULL;
    pack_data d;
    triad_status st = pack_data_build(&d, report, schools, plan, c, opts, err);
    if (st != TRIAD_OK)
        return st;
    triad_i_buf b;
    triad_i_buf_init(&b);
    head(&b, &d);
    html_printf(&b, "<h1>Collaborative %s</h1>\n<p>%zu schools in %zu triads; source: %s.</p>\n",
                triad_plan_collaborative_label(plan, c), d.nmember,
                pack_triad_count(&d),
                schools->source);
    members(&b, &d);
    balance(&b, &d);
    triads(&b, &d);
    pack_map(&b, &d);
    pack_outcomes_html(&b, &d);
    pack_clinic_html(&b, &d);
    pack_impact_html(&b, &d);
    pack_calendar_html(&b, &d);
    pack_support_html(&b, &d);
    triad_i_buf_puts(&b, "</body></html>\n");
    pack_data_free(&d);
    if (b.failed || !b.data) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}
