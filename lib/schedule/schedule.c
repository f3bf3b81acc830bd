/* The review schedule as an object: calendars, options, events, the
 * shared day grid, and the schedule's outputs (CSV, summary, JSON). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "io/file_write.h"
#include "schedule/schedule_impl.h"

triad_status triad_calendar_read(const char *path, triad_calendar **out, triad_error *err)
{
    if (!out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "out is NULL");
    *out = NULL;
    triad_calendar *t = calloc(1, sizeof *t);
    if (!t)
        return triad_i_fail_nomem(err);
    triad_status st = calendar_read(path, &t->c, err);
    if (st != TRIAD_OK) {
        free(t);
        return st;
    }
    *out = t;
    return TRIAD_OK;
}

triad_status triad_calendar_read_string(const char *text, const char *name, triad_calendar **out,
                                        triad_error *err)
{
    if (!out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "out is NULL");
    *out = NULL;
    triad_calendar *t = calloc(1, sizeof *t);
    if (!t)
        return triad_i_fail_nomem(err);
    triad_status st = calendar_read_string(text, name, &t->c, err);
    if (st != TRIAD_OK) {
        free(t);
        return st;
    }
    *out = t;
    return TRIAD_OK;
}

void triad_calendar_free(triad_calendar *cal)
{
    if (!cal)
        return;
    calendar_free(cal->c);
    free(cal);
}

void triad_schedule_options_init(triad_schedule_options *o)
{
    memset(o, 0, sizeof *o);
    o->struct_size = sizeof *o;
    o->review_days = 1;
    o->feedback_within = 5;
    o->max_days_away = 2;
    o->min_gap = 10;
    o->meetings = 1;
    o->data_before = 0;
    o->workshop_within = 0;
    o->impact_after = 0;
}

int sched_options_take(const triad_schedule_options *opts, triad_schedule_options *o,
                       triad_error *err)
{
    triad_schedule_options_init(o);
    if (opts) {
        if (opts->struct_size != sizeof *opts) {
            triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                         "schedule options not set up by triad_schedule_options_init");
            return 0;
        }
        *o = *opts;
    }
    const char *bad = o->review_days < 1 || o->review_days > 5 ? "review_days (1-5)"
                      : o->feedback_within < 0 || o->feedback_within > 30
                          ? "feedback_within (0-30)"
                      : o->max_days_away < 1 || o->max_days_away > 30 ? "max_days_away (1-30)"
                      : o->min_gap < 0 || o->min_gap > 100            ? "min_gap (0-100)"
                      : o->meetings < 0 || o->meetings > 1            ? "meetings (0 or 1)"
                      : o->data_before < 0 || o->data_before > 30     ? "data_before (0-30)"
                      : o->workshop_within < 0 || o->workshop_within > 30
                          ? "workshop_within (0-30)"
                      : o->impact_after < 0 || o->impact_after > 190 ? "impact_after (0-190)"
                                                                      : NULL;
    if (bad) {
        triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "schedule option %s out of range",
                     bad);
        return 0;
    }
    if (o->review_days > o->max_days_away) {
        triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                     "a review takes %d days but a head may be away only %d a half-term "
                     "(review_days > max_days_away)",
                     o->review_days, o->max_days_away);
        return 0;
    }
    return 1;
}

static const char *const kind_names[EV_KINDS] = {"review", "feedback", "meeting",
                                                  "data",   "workshop", "impact"};

const char *sched_kind_name(int kind)
{
    return kind >= 0 && kind < EV_KINDS ? kind_names[kind] : "?";
}

int sched_kind_of(const char *name)
{
    for (int k = 0; k < EV_KINDS; k++)
        if (strcmp(name, kind_names[k]) == 0)
            return k;
    return -1;
}

triad_schedule *sched_new(size_t nschools)
{
    triad_schedule *s = calloc(1, sizeof *s);
    if (s)
        s->nschools = nschools;
    return s;
}

int sched_add(triad_schedule *s, int kind, cal_day day, cal_day end, long coll, long triad,
              const size_t *who, size_t nwho, long line)
{
    if (s->nev == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        sched_event *ev = realloc(s->ev, cap * sizeof *ev);
        if (!ev)
            return 0;
        s->ev = ev;
        s->cap = cap;
    }
    size_t *w = malloc((nwho + 1) * sizeof *w);
    if (!w)
        return 0;
    memcpy(w, who, nwho * sizeof *w);
    s->ev[s->nev++] = (sched_event){kind, day, end, coll, triad, w, nwho, line};
    return 1;
}

void triad_schedule_free(triad_schedule *s)
{
    if (!s)
        return;
    for (size_t k = 0; k < s->nev; k++)
        free(s->ev[k].who);
    free(s->ev);
    for (size_t k = 0; k < s->nviol; k++)
        free(s->viol[k]);
    free(s->viol);
    free(s);
}

size_t triad_schedule_event_count(const triad_schedule *s)
{
    return s ? s->nev : 0;
}

size_t triad_schedule_violation_count(const triad_schedule *s)
{
    return s ? s->nviol : 0;
}

const char *triad_schedule_violation(const triad_schedule *s, size_t k)
{
    return s && k < s->nviol ? s->viol[k] : NULL;
}

const char *sched_test_window(const triad_schools *s, size_t i)
{
    switch (triad_schools_phase(s, i)) {
    case TRIAD_PHASE_PRIMARY:
    case TRIAD_PHASE_MIDDLE:
    case TRIAD_PHASE_JUNIOR:
    case TRIAD_PHASE_MIDDLE_SECONDARY:
        return "ks2";
    case TRIAD_PHASE_SECONDARY:
    case TRIAD_PHASE_ALL_THROUGH:
        return "gcse";
    default:
        return NULL;
    }
}

/* ---- the day grid ---- */

int day_grid_init(day_grid *g, const calendar *c)
{
    memset(g, 0, sizeof *g);
    size_t nt = calendar_terms(c);
    g->first = calendar_term_start(c, 0);
    g->n = (size_t)(calendar_term_end(c, nt - 1) - g->first) + 1;
    g->open_before = malloc((g->n + 1) * sizeof *g->open_before);
    g->half = malloc((g->n + 1) * sizeof *g->half);
    g->term = malloc((g->n + 1) * sizeof *g->term);
    if (!g->open_before || !g->half || !g->term) {
        day_grid_free(g);
        return 0;
    }
    g->open_before[0] = 0;
    for (size_t k = 0; k < g->n; k++) {
        cal_day d = g->first + (cal_day)k;
        g->open_before[k + 1] = g->open_before[k] + calendar_open(c, d);
        g->half[k] = calendar_half_term(c, d);
        g->term[k] = -1;
        for (size_t t = 0; t < nt; t++)
            if (d >= calendar_term_start(c, t) && d <= calendar_term_end(c, t))
                g->term[k] = (int)t;
    }
    return 1;
}

void day_grid_free(day_grid *g)
{
    free(g->open_before);
    free(g->half);
    free(g->term);
    memset(g, 0, sizeof *g);
}

long day_grid_at(const day_grid *g, cal_day d)
{
    return d >= g->first && d < g->first + (cal_day)g->n ? (long)(d - g->first) : -1;
}

int day_grid_between(const day_grid *g, cal_day a, cal_day b)
{
    long ka = day_grid_at(g, a), kb = day_grid_at(g, b);
    if (ka < 0 || kb < 0)
        return -1;
    return g->open_before[kb + 1] - g->open_before[ka + 1];
}

void sched_event_id(const triad_schedule *sc, size_t k, const triad_schools *s,
                    const triad_plan *p, char *out, size_t size)
{
    const sched_event *e = &sc->ev[k];
    if (e->kind != EV_MEETING) {
        /* a school reviewed twice (a schedule made by hand): the second is
         * "#2", so every event keeps a name of its own */
        size_t nth = 1;
        for (size_t j = 0; j < k; j++)
            nth += sc->ev[j].kind == e->kind && sc->ev[j].triad == e->triad &&
                   sc->ev[j].who[0] == e->who[0];
        int n = snprintf(out, size, "%s:%s:%s", sched_kind_name(e->kind),
                         triad_plan_triad_label(p, (size_t)e->triad),
                         triad_schools_urn(s, e->who[0]));
        if (nth > 1 && n >= 0 && (size_t)n < size)
            snprintf(out + n, size - (size_t)n, "#%zu", nth);
        return;
    }
    size_t nth = 1; /* the collaborative's meetings numbered by date */
    for (size_t j = 0; j < sc->nev; j++) {
        const sched_event *o = &sc->ev[j];
        nth += o->kind == EV_MEETING && o->coll == e->coll &&
               (o->day < e->day || (o->day == e->day && j < k));
    }
    snprintf(out, size, "meeting:%s:%zu", triad_plan_collaborative_label(p, (size_t)e->coll), nth);
}
