/* The rules of a review schedule, scored on any schedule, made by
 * schedule_make.c or read from a file: it shares with the solver only the
 * event list and the day grid, and reads every rule afresh from the plan,
 * the schools and the calendar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "schedule/schedule_impl.h"

typedef struct chk {
    triad_schedule *sc;
    const triad_schools *s;
    const triad_plan *p;
    const calendar *c;
    triad_schedule_options o;
    day_grid g;
    unsigned short *busy; /* per school x grid day: events */
    int *away;            /* per school x half-term: days away reviewing */
    size_t nhalf;
    size_t *mark;         /* per school: stamp of the last set marked */
    size_t stamp;
    int failed;           /* out of memory */
} chk;

#define V(...)                                                                                     \
    do {                                                                                           \
        if (!lines_add(&k->sc->viol, &k->sc->nviol, __VA_ARGS__))                                  \
            k->failed = 1;                                                                         \
    } while (0)

static const char *urn(const chk *k, size_t i)
{
    return triad_schools_urn(k->s, i);
}

/* Whether the event's people are exactly the schools of the plan's group
 * (a triad, or a collaborative when triad < 0), the host among them. */
static int same_people(chk *k, const sched_event *e, long group, int is_triad)
{
    size_t n = 0;
    k->stamp++;
    for (size_t i = 0; i < triad_schools_count(k->s); i++)
        if ((is_triad ? triad_plan_triad_of(k->p, i) : triad_plan_collaborative_of(k->p, i)) ==
            group) {
            k->mark[i] = k->stamp;
            n++;
        }
    if (n != e->nwho)
        return 0;
    for (size_t w = 0; w < e->nwho; w++) {
        if (k->mark[e->who[w]] != k->stamp)
            return 0;
        k->mark[e->who[w]] = 0; /* a school named twice fails on its second */
    }
    return 1;
}

static void who_label(const chk *k, const sched_event *e, char *out, size_t size)
{
    const char *tl = e->triad >= 0 ? triad_plan_triad_label(k->p, (size_t)e->triad) : NULL;
    snprintf(out, size, "%s %s%s%s of %s on ", sched_kind_name(e->kind), tl ? "in triad " : "",
             tl ? tl : "", tl ? "," : "", e->nwho ? urn(k, e->who[0]) : "nobody");
}

/* Days, people and places of one event; fills busy and away. */
static void check_event(chk *k, const sched_event *e)
{
    char what[160], d0[11];
    who_label(k, e, what, sizeof what);
    cal_format(e->day, d0);
    long a = day_grid_at(&k->g, e->day), b = day_grid_at(&k->g, e->end);
    if (a < 0 || b < a || k->g.term[a] < 0 || k->g.term[a] != k->g.term[b]) {
        V("%s%s: outside the terms, or ends before it starts", what, d0);
        return;
    }
    if (!calendar_open(k->c, e->day) || !calendar_open(k->c, e->end))
        V("%s%s: not a school day", what, d0);
    int days = k->g.open_before[b + 1] - k->g.open_before[a];
    if (e->kind == EV_REVIEW && days != k->o.review_days)
        V("%s%s: %d school days, the rule is %d", what, d0, days, k->o.review_days);
    if (e->kind == EV_REVIEW && k->g.half[a] != k->g.half[b])
        V("%s%s: runs across a half-term break", what, d0);
    int is_triad = e->kind != EV_MEETING;
    long group = is_triad ? e->triad : e->coll;
    if (group < 0 || !same_people(k, e, group, is_triad))
        V("%s%s: the people are not %s", what, d0,
          is_triad ? "the host and the other heads of its triad" : "the collaborative's members");
    const char *window = e->nwho ? sched_test_window(k->s, e->who[0]) : NULL;
    for (long d = a; d <= b; d++) {
        cal_day day = k->g.first + d;
        if (!calendar_open(k->c, day))
            continue;
        char ds[11];
        cal_format(day, ds);
        if (e->kind == EV_REVIEW && window && calendar_in_tests(k->c, window, day))
            V("%s%s: %s falls in the %s test window", what, d0, ds, window);
        for (size_t w = 0; w < e->nwho; w++) {
            if (!calendar_school_open(k->c, urn(k, e->who[w]), day))
                V("%s%s: %s is closed on %s", what, d0, urn(k, e->who[w]), ds);
            if (e->kind != EV_DATA) /* a deadline, not a day away */
                k->busy[e->who[w] * k->g.n + (size_t)d]++;
            if (e->kind == EV_REVIEW && w > 0 && k->g.half[d] >= 0)
                k->away[e->who[w] * k->nhalf + (size_t)k->g.half[d]]++;
        }
    }
}

/* No head in two places on a day; days away within the limit. */
static void check_heads(chk *k)
{
    size_t n = triad_schools_count(k->s);
    for (size_t i = 0; i < n; i++) {
        for (size_t d = 0; d < k->g.n; d++)
            if (k->busy[i * k->g.n + d] > 1) {
                char ds[11];
                cal_format(k->g.first + (cal_day)d, ds);
                V("the head of %s has %d events on %s", urn(k, i), k->busy[i * k->g.n + d], ds);
            }
        for (size_t h = 0; h < k->nhalf; h++)
            if (k->away[i * k->nhalf + h] > k->o.max_days_away)
                V("the head of %s is away reviewing %d days in half-term %zu of the year, the "
                  "limit is %d",
                  urn(k, i), k->away[i * k->nhalf + h], h + 1, k->o.max_days_away);
    }
}

/* The one event of kind hosted by school i, NULL when none; *n counts
 * them. */
static const sched_event *hosted_by(const chk *k, size_t i, int kind, size_t *n)
{
    const sched_event *found = NULL;
    *n = 0;
    for (size_t e = 0; e < k->sc->nev; e++) {
        const sched_event *v = &k->sc->ev[e];
        if (v->kind == kind && v->nwho && v->who[0] == i) {
            found = v;
            ++*n;
        }
    }
    return *n == 1 ? found : NULL;
}

/* The stages of school i's review chain the options ask for, each once and
 * in its time: data before, feedback, workshop, impact check after. */
static void check_chain(chk *k, size_t i, const sched_event *rev)
{
    static const char *const words[EV_KINDS] = {"", "feedback meetings", "", "data deadlines",
                                                "improvement workshops", "impact checks"};
    const sched_event *fb = NULL;
    for (int kind = EV_FEEDBACK; kind < EV_KINDS; kind++) {
        int limit = kind == EV_FEEDBACK   ? k->o.feedback_within
                    : kind == EV_DATA     ? k->o.data_before
                    : kind == EV_WORKSHOP ? k->o.workshop_within
                    : kind == EV_IMPACT   ? k->o.impact_after
                                          : 0;
        if (limit == 0)
            continue;
        size_t n;
        const sched_event *v = hosted_by(k, i, kind, &n);
        cal_day from = kind == EV_WORKSHOP && fb ? fb->day : rev->end;
        int gap = !v ? -1 : kind == EV_DATA ? day_grid_between(&k->g, v->day, rev->day)
                                            : day_grid_between(&k->g, from, v->day);
        int ok = v && (kind == EV_DATA || kind == EV_IMPACT ? gap >= limit
                                                            : gap >= 1 && gap <= limit);
        if (kind == EV_FEEDBACK)
            fb = ok ? v : NULL;
        if (!ok)
            V("%s's review has %zu %s, %s; the rule is one, %s %d school days %s", urn(k, i), n,
              words[kind], n == 1 ? "not in its time" : "not one",
              kind == EV_DATA || kind == EV_IMPACT ? "at least" : "within", limit,
              kind == EV_DATA ? "before it" : "after it");
    }
}

/* Once each: every school of a triad of two or more is reviewed, with the
 * chain of stages the options ask for. */
static void check_reviews(chk *k)
{
    size_t n = triad_schools_count(k->s);
    for (size_t i = 0; i < n; i++) {
        long t = triad_plan_triad_of(k->p, i);
        size_t size = 0, hosted = 0;
        for (size_t j = 0; t >= 0 && j < n; j++)
            size += triad_plan_triad_of(k->p, j) == t;
        const sched_event *rev = hosted_by(k, i, EV_REVIEW, &hosted);
        if (size >= 2 && hosted != 1)
            V("%s is reviewed %zu times in the cycle, the rule is once", urn(k, i), hosted);
        if (size < 2 && hosted)
            V("%s hosts a review but has no triad to review it", urn(k, i));
        if (rev)
            check_chain(k, i, rev);
    }
}

/* Reviews inside a triad at least min_gap school days apart. */
static void check_gaps(chk *k)
{
    for (size_t a = 0; a < k->sc->nev; a++)
        for (size_t b = 0; b < k->sc->nev; b++) {
            const sched_event *x = &k->sc->ev[a], *y = &k->sc->ev[b];
            if (a == b || x->kind != EV_REVIEW || y->kind != EV_REVIEW || x->triad < 0 ||
                x->triad != y->triad || y->day < x->day || (y->day == x->day && b < a))
                continue;
            int gap = day_grid_between(&k->g, x->end, y->day);
            if (gap >= 0 && gap < k->o.min_gap)
                V("reviews of %s and %s in triad %s are %d school days apart, the rule is %d",
                  urn(k, x->who[0]), urn(k, y->who[0]),
                  triad_plan_triad_label(k->p, (size_t)x->triad), gap, k->o.min_gap);
        }
}

/* Each collaborative meets once a term, after its triads' reviews and
 * feedback meetings of that term. */
static void check_meetings(chk *k)
{
    size_t nt = calendar_terms(k->c);
    for (size_t c = 0; c < triad_plan_collaborative_count(k->p); c++)
        for (size_t t = 0; t < nt; t++) {
            size_t held = 0;
            cal_day meet = 0, last = 0;
            int any = 0;
            for (size_t e = 0; e < k->sc->nev; e++) {
                const sched_event *v = &k->sc->ev[e];
                long at = day_grid_at(&k->g, v->day);
                if (v->coll != (long)c || at < 0 || k->g.term[at] != (int)t)
                    continue;
                if (v->kind == EV_MEETING) {
                    held++;
                    meet = v->day;
                } else if ((v->kind == EV_REVIEW || v->kind == EV_FEEDBACK) &&
                           (!any || v->end > last)) {
                    last = v->end;
                    any = 1;
                }
            }
            const char *cl = triad_plan_collaborative_label(k->p, c);
            if (held != 1)
                V("collaborative %s meets %zu times in the %s term, the rule is once", cl, held,
                  calendar_term_name(k->c, t));
            else if (any && meet <= last)
                V("collaborative %s meets in the %s term before its triads' reviews end", cl,
                  calendar_term_name(k->c, t));
        }
}

triad_status triad_schedule_check(triad_schedule *sc, const triad_schools *s,
                                  const triad_plan *p, const triad_calendar *cal,
                                  const triad_schedule_options *opts, triad_error *err)
{
    triad_error_clear(err);
    if (!sc || !s || !p || !cal)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schedule, schools, plan or calendar is NULL");
    if (sc->nschools != triad_schools_count(s))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the schedule was made for other schools");
    chk k = {.sc = sc, .s = s, .p = p, .c = cal->c};
    if (!sched_options_take(opts, &k.o, err))
        return err ? err->status : TRIAD_ERR_INVALID_ARGUMENT;
    for (size_t q = 0; q < sc->nviol; q++)
        free(sc->viol[q]);
    sc->nviol = 0;
    size_t n = triad_schools_count(s);
    k.nhalf = 2 * calendar_terms(cal->c);
    int ok = day_grid_init(&k.g, cal->c);
    k.busy = ok ? calloc(n * k.g.n + 1, sizeof *k.busy) : NULL;
    k.away = calloc(n * k.nhalf + 1, sizeof *k.away);
    k.mark = calloc(n + 1, sizeof *k.mark);
    if (k.busy && k.away && k.mark) { /* else out of memory, said below */
        for (size_t e = 0; e < sc->nev; e++)
            check_event(&k, &sc->ev[e]);
        check_heads(&k);
        check_reviews(&k);
        check_gaps(&k);
        if (k.o.meetings)
            check_meetings(&k);
    }
    int whole = k.busy && k.away && k.mark && !k.failed;
    day_grid_free(&k.g);
    free(k.busy);
    free(k.away);
    free(k.mark);
    return whole ? TRIAD_OK : triad_i_fail_nomem(err);
}
