/* The sheets of a pack's workbook: the page's tables as rows of cells,
 * numbers as numbers (pack_xlsx_sheets.h). */
#include <math.h>

#include "model/schools_impl.h"
#include "pack/pack_xlsx_sheets.h"
#include "report/report_schedule.h"
#include "schedule/calendar.h"
#include "schedule/schedule_impl.h"

void sheet_members(pack_sheet *sh, const pack_data *d)
{
    sheet_header(sh, (const char *const[]){"urn", "name", "triad", "lead", "phase", "ofsted",
                                           "ofsted_name", "idaci_quintile", "fsm_pct",
                                           "urban_rural", "head_years", "pupils", "trust", NULL});
    for (size_t k = 0; k < d->nmember; k++) {
        const school_rec *r = &d->s->s[d->member[k]];
        long t = triad_plan_triad_of(d->p, d->member[k]);
        sheet_text(sh, r->urn);
        sheet_text(sh, r->name);
        sheet_text(sh, t >= 0 ? triad_plan_triad_label(d->p, (size_t)t) : "");
        sheet_number(sh, triad_plan_is_lead(d->p, d->member[k]));
        sheet_text(sh, triad_phase_name(r->phase));
        sheet_number(sh, r->ofsted ? r->ofsted : NAN);
        sheet_text(sh, pack_grade_name(r->ofsted));
        sheet_number(sh, r->idaci ? r->idaci : NAN);
        sheet_number(sh, r->fsm);
        sheet_text(sh, pack_urban_name(r->urban));
        sheet_number(sh, r->head_years);
        sheet_number(sh, r->pupils);
        sheet_text(sh, r->trust);
        sheet_end_row(sh);
    }
}

void sheet_balance(pack_sheet *sh, const pack_data *d)
{
    const triad_report *r = d->r;
    triad_error err;
    sheet_header(sh, (const char *const[]){"attribute", "category", "count_or_mean",
                                           "share_or_stratum_mean", "deviation", NULL});
    for (size_t a = 0; a < triad_report_attribute_count(r); a++) {
        const char *name = triad_report_attribute_name(r, a);
        if (triad_report_attribute_is_numeric(r, a)) {
            double mean, la;
            if (triad_report_group_mean(r, TRIAD_LEVEL_COLLABORATIVE, d->c, a, &mean, &la, &err) !=
                TRIAD_OK)
                continue;
            sheet_text(sh, name);
            sheet_text(sh, "mean");
            sheet_number(sh, mean);
            sheet_number(sh, la);
            sheet_number(sh, mean - la);
            sheet_end_row(sh);
            continue;
        }
        for (size_t c = 0; c < triad_report_category_count(r, a); c++) {
            int count;
            double share;
            if (triad_report_cell(r, TRIAD_LEVEL_COLLABORATIVE, d->c, a, c, &count, &share,
                                  &err) != TRIAD_OK)
                continue;
            sheet_text(sh, name);
            sheet_text(sh, triad_report_category_name(r, a, c));
            sheet_number(sh, count);
            sheet_number(sh, share);
            sheet_number(sh, count - share);
            sheet_end_row(sh);
        }
    }
}

void sheet_outcomes(pack_sheet *sh, const pack_data *d)
{
    if (!d->o.outcomes) {
        sheet_none(sh, "No outcomes were given (triad pack --outcomes).");
        return;
    }
    sheet_header(sh, (const char *const[]){"measure", "year", "urn", "name", "value", "la_mean",
                                           "against_la", NULL});
    for (size_t k = 0; k < d->nout; k++) {
        const pack_outcome *o = &d->out[k];
        sheet_text(sh, triad_outcomes_measure(d->o.outcomes, o->measure));
        sheet_number(sh, o->year);
        sheet_text(sh, d->s->s[o->school].urn);
        sheet_text(sh, d->s->s[o->school].name);
        sheet_number(sh, o->value);
        sheet_number(sh, o->la_mean);
        sheet_number(sh, o->value - o->la_mean);
        sheet_end_row(sh);
    }
}

void sheet_clinic(pack_sheet *sh, const pack_data *d)
{
    if (!d->o.clinic_path) {
        sheet_none(sh, "No clinic file was given (triad pack --clinic).");
        return;
    }
    sheet_header(sh, (const char *const[]){"urn", "name", "term", "rag", "reasons", NULL});
    for (size_t k = 0; k < d->nflag; k++) {
        sheet_text(sh, d->s->s[d->flag[k].school].urn);
        sheet_text(sh, d->s->s[d->flag[k].school].name);
        sheet_text(sh, d->o.clinic_term);
        sheet_text(sh, d->flag[k].rag);
        sheet_text(sh, d->flag[k].reasons);
        sheet_end_row(sh);
    }
}

void sheet_impact(pack_sheet *sh, const pack_data *d)
{
    if (!d->o.impact) {
        sheet_none(sh, "No impact was given (triad pack --outcomes of two years).");
        return;
    }
    static const char *const levels[] = {"la", "collaborative", "triad"};
    const triad_impact *imp = d->o.impact;
    sheet_header(sh, (const char *const[]){"level", "group", "measure", "year_from", "year_to",
                                           "schools", "missing", "mean_from", "mean_to",
                                           "change", "change_vs_la", "change_vs_expected",
                                           "ci_low", "ci_high", NULL});
    for (size_t k = 0; k < d->nimp; k++) {
        const impact_row *r = d->imp[k];
        sheet_text(sh, levels[r->level]);
        sheet_text(sh, imp->label[r->level][r->group]);
        sheet_text(sh, imp->measure[r->measure]);
        const double v[] = {r->year_from, r->year_to, (double)r->n, (double)r->missing,
                            r->mean_from, r->mean_to, r->change, r->vs_la, r->vs_expected,
                            r->lo, r->hi};
        for (size_t q = 0; q < sizeof v / sizeof *v; q++)
            sheet_number(sh, v[q]);
        sheet_end_row(sh);
    }
}

void sheet_support(pack_sheet *sh, const pack_data *d)
{
    if (!d->o.brokerage) {
        sheet_none(sh, "No brokerage was given (triad pack --brokerage).");
        return;
    }
    sheet_header(sh, (const char *const[]){"direction", "member_urn", "member", "partner_urn",
                                           "partner", "area", "days", "km", "priority", NULL});
    for (size_t k = 0; k < d->nsup; k++) {
        const pack_support *u = &d->sup[k];
        sheet_text(sh, u->in ? "received" : "given");
        sheet_text(sh, d->s->s[u->school].urn);
        sheet_text(sh, d->s->s[u->school].name);
        sheet_text(sh, d->s->s[u->partner].urn);
        sheet_text(sh, d->s->s[u->partner].name);
        sheet_text(sh, u->area);
        sheet_number(sh, u->days);
        sheet_number(sh, u->km >= 0 ? u->km : NAN);
        sheet_number(sh, u->priority);
        sheet_end_row(sh);
    }
}

void sheet_calendar(pack_sheet *sh, const pack_data *d)
{
    if (!d->o.schedule) {
        sheet_none(sh, "No review schedule was given (triad pack --schedule).");
        return;
    }
    sheet_header(sh, (const char *const[]){"date", "event", "triad", "host_urn", "with", NULL});
    const triad_schedule *sc = d->o.schedule;
    for (size_t k = 0; k < sc->nev; k++) {
        const sched_event *e = &sc->ev[k];
        if (e->coll != (long)d->c)
            continue;
        char date[11], with[512] = "";
        cal_format(e->day, date);
        size_t host = e->kind == EV_MEETING ? sched_meeting_host(e, d->p) : e->who[0];
        for (size_t w = 0, len = 0; w < e->nwho && len + 1 < sizeof with; w++)
            if (e->who[w] != host)
                len += (size_t)snprintf(with + len, sizeof with - len, "%s%s", len ? " " : "",
                                        d->s->s[e->who[w]].urn);
        sheet_text(sh, date);
        sheet_text(sh, report_event_kind(e->kind));
        sheet_text(sh, e->triad >= 0 ? triad_plan_triad_label(d->p, (size_t)e->triad) : "");
        sheet_text(sh, d->s->s[host].urn);
        sheet_text(sh, with);
        sheet_end_row(sh);
    }
}
