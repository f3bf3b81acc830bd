/* A review schedule out: the tidy CSV (one row per participant per
 * event), a summary for people and JSON. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "io/file_write.h"
#include "io/json_text.h"
#include "schedule/schedule_impl.h"

size_t sched_meeting_host(const sched_event *e, const triad_plan *p)
{
    for (size_t w = 0; w < e->nwho; w++)
        if (triad_plan_is_lead(p, e->who[w]))
            return e->who[w];
    return e->who[0];
}

int sched_fits_plan(const triad_schedule *sc, const triad_schools *s, const triad_plan *p)
{
    for (size_t k = 0; k < sc->nev; k++) {
        const sched_event *e = &sc->ev[k];
        if (e->coll < 0 || (size_t)e->coll >= triad_plan_collaborative_count(p) ||
            (e->kind != EV_MEETING &&
             (e->triad < 0 || (size_t)e->triad >= triad_plan_triad_count(p))) ||
            e->nwho == 0)
            return 0;
    }
    return sc->nschools == triad_schools_count(s);
}

/* The checks every writer of a schedule starts with; TRIAD_OK to go on. */
static triad_status writer_args(const triad_schedule *sc, const triad_schools *s,
                                const triad_plan *p, char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!sc || !s || !p || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schedule, schools, plan or out is NULL");
    *out = NULL;
    if (!sched_fits_plan(sc, s, p))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the schedule was made for another plan or other schools");
    return TRIAD_OK;
}

triad_status triad_schedule_csv(const triad_schedule *sc, const triad_schools *s,
                                const triad_plan *p, char **out, triad_error *err)
{
    triad_status st = writer_args(sc, s, p, out, err);
    if (st != TRIAD_OK)
        return st;
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "event,kind,date,end_date,collaborative,triad,host_urn,urn,role\n");
    for (size_t k = 0; k < sc->nev; k++) {
        const sched_event *e = &sc->ev[k];
        char id[512], d0[11], d1[11];
        sched_event_id(sc, k, s, p, id, sizeof id);
        cal_format(e->day, d0);
        cal_format(e->end, d1);
        size_t host = e->kind == EV_MEETING ? sched_meeting_host(e, p) : e->who[0];
        for (size_t w = 0; w < e->nwho; w++) {
            const char *role = e->kind != EV_MEETING ? (w == 0 ? "host" : "reviewer")
                               : triad_plan_is_lead(p, e->who[w]) ? "lead"
                                                                  : "member";
            triad_i_buf_csv_field(&b, id);
            triad_i_buf_printf(&b, ",%s,%s,%s,", sched_kind_name(e->kind), d0, d1);
            triad_i_buf_csv_field(&b, triad_plan_collaborative_label(p, (size_t)e->coll));
            triad_i_buf_puts(&b, ",");
            if (e->kind != EV_MEETING)
                triad_i_buf_csv_field(&b, triad_plan_triad_label(p, (size_t)e->triad));
            triad_i_buf_puts(&b, ",");
            triad_i_buf_csv_field(&b, triad_schools_urn(s, host));
            triad_i_buf_puts(&b, ",");
            triad_i_buf_csv_field(&b, triad_schools_urn(s, e->who[w]));
            triad_i_buf_printf(&b, ",%s\n", role);
        }
    }
    if (b.failed) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}

triad_status triad_schedule_write(const triad_schedule *sc, const triad_schools *s,
                                  const triad_plan *p, const char *path, triad_error *err)
{
    if (!path)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "path is NULL");
    char *text = NULL;
    triad_status st = triad_schedule_csv(sc, s, p, &text, err);
    if (st == TRIAD_OK)
        st = file_write_atomic(path, text, strlen(text), err);
    free(text);
    return st;
}

/* Events of each kind per term of cal, into n[term * EV_KINDS + kind]. */
static void count_by_term(const triad_schedule *sc, const calendar *c, size_t *n)
{
    for (size_t k = 0; k < sc->nev; k++)
        for (size_t t = 0; t < calendar_terms(c); t++)
            if (sc->ev[k].day >= calendar_term_start(c, t) &&
                sc->ev[k].day <= calendar_term_end(c, t))
                n[t * EV_KINDS + (size_t)sc->ev[k].kind]++;
}

static char *format_json(const triad_schedule *sc, const calendar *c, const size_t *n)
{
    json_t *root = json_object(), *terms = json_array(), *viol = json_array();
    if (!root || !terms || !viol) {
        json_decref(root);
        json_decref(terms);
        json_decref(viol);
        return NULL;
    }
    json_object_set_new(root, "year", json_text(calendar_name(c)));
    json_object_set_new(root, "events", json_integer((json_int_t)sc->nev));
    for (size_t t = 0; t < calendar_terms(c); t++) {
        json_t *o = json_object();
        json_object_set_new(o, "term", json_text(calendar_term_name(c, t)));
        for (int k = 0; k < EV_KINDS; k++)
            json_object_set_new(o, sched_kind_name(k),
                                json_integer((json_int_t)n[t * EV_KINDS + (size_t)k]));
        json_array_append_new(terms, o);
    }
    json_object_set_new(root, "terms", terms);
    for (size_t k = 0; k < sc->nviol; k++)
        json_array_append_new(viol, json_text(sc->viol[k]));
    json_object_set_new(root, "violations", viol);
    char *text = json_dumps(root, JSON_INDENT(2));
    json_decref(root);
    return text;
}

triad_status triad_schedule_format(const triad_schedule *sc, const triad_calendar *cal, int json,
                                   char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!sc || !cal || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schedule, calendar or out is NULL");
    *out = NULL;
    const calendar *c = cal->c;
    size_t *n = calloc(calendar_terms(c) * EV_KINDS + 1, sizeof *n);
    if (!n)
        return triad_i_fail_nomem(err);
    count_by_term(sc, c, n);
    if (json) {
        char *text = format_json(sc, c, n);
        free(n);
        if (!text)
            return triad_i_fail_nomem(err);
        *out = triad_i_strdup(text); /* freed with triad_string_free, not jansson's */
        free(text);
        return *out ? TRIAD_OK : triad_i_fail_nomem(err);
    }
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_printf(&b, "Schedule for %s: %zu events\n", calendar_name(c), sc->nev);
    static const char *const words[EV_KINDS] = {"reviews", "feedback meetings",
                                                "collaborative meetings", "data deadlines",
                                                "workshops", "impact checks"};
    for (size_t t = 0; t < calendar_terms(c); t++) {
        triad_i_buf_printf(&b, "  %s term: %zu reviews, %zu feedback meetings, %zu "
                               "collaborative meetings",
                           calendar_term_name(c, t), n[t * EV_KINDS + EV_REVIEW],
                           n[t * EV_KINDS + EV_FEEDBACK], n[t * EV_KINDS + EV_MEETING]);
        for (int k = EV_DATA; k < EV_KINDS; k++) /* the optional stages, where there are any */
            if (n[t * EV_KINDS + (size_t)k])
                triad_i_buf_printf(&b, ", %zu %s", n[t * EV_KINDS + (size_t)k], words[k]);
        triad_i_buf_puts(&b, "\n");
    }
    triad_i_buf_printf(&b, "Violations: %zu\n", sc->nviol);
    for (size_t k = 0; k < sc->nviol; k++)
        triad_i_buf_printf(&b, "  %s\n", sc->viol[k]);
    free(n);
    if (b.failed) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}

/* Every event's name, in order; NULL when out of memory. */
static char **all_ids(const triad_schedule *sc, const triad_schools *s, const triad_plan *p)
{
    char **ids = calloc(sc->nev + 1, sizeof *ids);
    for (size_t k = 0; ids && k < sc->nev; k++) {
        char id[600];
        sched_event_id(sc, k, s, p, id, sizeof id);
        if (!(ids[k] = triad_i_strdup(id))) {
            for (size_t j = 0; j < k; j++)
                free(ids[j]);
            free(ids);
            return NULL;
        }
    }
    return ids;
}

static void free_ids(char **ids, size_t n)
{
    for (size_t k = 0; ids && k < n; k++)
        free(ids[k]);
    free(ids);
}

/* The lines of the diff: after's events against before's, then before's
 * that are gone. */
static void diff_lines(triad_i_buf *b, const triad_schedule *x, char **xi,
                       const triad_schedule *y, char **yi)
{
    size_t changes = 0;
    for (size_t k = 0; k < y->nev; k++) {
        char d0[11], d1[11];
        cal_format(y->ev[k].day, d1);
        size_t j = 0;
        while (j < x->nev && strcmp(xi[j], yi[k]) != 0)
            j++;
        if (j == x->nev) {
            triad_i_buf_printf(b, "+ %s %s\n", yi[k], d1);
            changes++;
        } else if (x->ev[j].day != y->ev[k].day || x->ev[j].end != y->ev[k].end) {
            cal_format(x->ev[j].day, d0);
            triad_i_buf_printf(b, "~ %s %s -> %s\n", yi[k], d0, d1);
            changes++;
        }
    }
    for (size_t j = 0; j < x->nev; j++) {
        size_t k = 0;
        while (k < y->nev && strcmp(xi[j], yi[k]) != 0)
            k++;
        if (k == y->nev) {
            char d0[11];
            cal_format(x->ev[j].day, d0);
            triad_i_buf_printf(b, "- %s %s\n", xi[j], d0);
            changes++;
        }
    }
    if (!changes)
        triad_i_buf_puts(b, "no change\n");
}

triad_status triad_schedule_diff(const triad_schedule *before, const triad_schedule *after,
                                 const triad_schools *s, const triad_plan *p, char **out,
                                 triad_error *err)
{
    triad_error_clear(err);
    if (!before || !after || !s || !p || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "a schedule, the schools, the plan or out is NULL");
    *out = NULL;
    if (!sched_fits_plan(before, s, p) || !sched_fits_plan(after, s, p))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "a schedule was made for another plan or other schools");
    char **xi = all_ids(before, s, p), **yi = all_ids(after, s, p);
    triad_i_buf b;
    triad_i_buf_init(&b);
    if (xi && yi)
        diff_lines(&b, before, xi, after, yi);
    free_ids(xi, before->nev);
    free_ids(yi, after->nev);
    if (!xi || !yi || b.failed) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}

triad_status triad_schedule_visit_forms(const triad_schedule *sc, const triad_schools *s,
                                        const triad_plan *p, char **out, triad_error *err)
{
    triad_status st = writer_args(sc, s, p, out, err);
    if (st != TRIAD_OK)
        return st;
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "review,date,end_date,collaborative,triad,host_urn,host_name,reviewers,"
                         "focus_areas,evidence_seen,strengths,areas_for_development,"
                         "agreed_actions,support_to_commission,follow_up_date,signed_host,"
                         "signed_reviewers\n");
    for (size_t k = 0; k < sc->nev; k++) {
        const sched_event *e = &sc->ev[k];
        if (e->kind != EV_REVIEW)
            continue;
        char id[600], d0[11], d1[11];
        sched_event_id(sc, k, s, p, id, sizeof id);
        cal_format(e->day, d0);
        cal_format(e->end, d1);
        triad_i_buf_csv_field(&b, id);
        triad_i_buf_printf(&b, ",%s,%s,", d0, d1);
        triad_i_buf_csv_field(&b, triad_plan_collaborative_label(p, (size_t)e->coll));
        triad_i_buf_puts(&b, ",");
        triad_i_buf_csv_field(&b, triad_plan_triad_label(p, (size_t)e->triad));
        triad_i_buf_puts(&b, ",");
        triad_i_buf_csv_field(&b, triad_schools_urn(s, e->who[0]));
        triad_i_buf_puts(&b, ",");
        const char *name = triad_schools_name(s, e->who[0]);
        triad_i_buf_csv_field(&b, name ? name : "");
        triad_i_buf_puts(&b, ",");
        triad_i_buf reviewers; /* "URN Name; URN Name" in one cell */
        triad_i_buf_init(&reviewers);
        for (size_t w = 1; w < e->nwho; w++) {
            const char *rn = triad_schools_name(s, e->who[w]);
            triad_i_buf_printf(&reviewers, "%s%s %s", w > 1 ? "; " : "",
                               triad_schools_urn(s, e->who[w]), rn ? rn : "");
        }
        triad_i_buf_csv_field(&b, reviewers.data ? reviewers.data : "");
        b.failed |= reviewers.failed;
        triad_i_buf_free(&reviewers);
        triad_i_buf_puts(&b, ",,,,,,,,,\n");
    }
    if (b.failed) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}
