/* Making a review schedule (schedule.h). Heads meet only inside their own
 * triad, so each triad is searched on its own: its reviews one after
 * another, each over the terms (its own term first: school k of a triad in
 * term k, so a triad of three reviews once a term) and the term's school
 * days (from a place that differs by triad, so triads spread over the
 * term), by backtracking: a review fits when its host and reviewers are
 * open and free on each of its days, the host's test week is clear, the
 * reviewers stay within max_days_away in that half-term, it lies min_gap
 * school days from the triad's other reviews, and its feedback meeting
 * finds a day within feedback_within school days (the earliest that
 * fits). When no placement of a triad's reviews exists, the triad, the
 * school and the counts that shut it out are named. Then each
 * collaborative meets once a term on the first day after its triads'
 * reviews of that term when every member is open and free. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/util.h"
#include "schedule/schedule_impl.h"

#define NODE_LIMIT 2000000L /* placements tried per triad before giving up, said so */

typedef struct term_days {
    long *at; /* grid indexes of the term's open days */
    size_t n;
} term_days;

typedef struct maker {
    const triad_schools *s;
    const triad_plan *p;
    const calendar *c;
    triad_schedule_options o;
    day_grid g;
    term_days *td;
    size_t nt, nhalf;
    unsigned char *busy; /* per school x grid day */
    int *away;           /* per school x half-term */
    triad_schedule *out;
    /* the triad being searched */
    size_t who[16], n;
    long triad, coll;
    long start[16], end[16], fb[16]; /* per review: first and last grid day, feedback's (-1 none) */
    long dt[16], ws[16], im[16];      /* its data deadline, workshop, impact check (-1 none) */
    unsigned char placed[16], kept[16]; /* per review: placed; kept from o.fixed */
    long *meet_kept; /* per collaborative x term: the grid day of a kept meeting, -1 */
    int term_of[16];
    long nodes;
    size_t deepest;
} maker;

static const char *urn(const maker *m, size_t i)
{
    return triad_schools_urn(m->s, i);
}

/* Whether school i is open and free on grid day d. */
static int free_on(const maker *m, size_t i, long d)
{
    return !m->busy[i * m->g.n + (size_t)d] &&
           calendar_school_open(m->c, urn(m, i), m->g.first + d);
}

/* The people of review r: its host, then the triad's other heads. */
static size_t people(const maker *m, size_t r, size_t *who)
{
    who[0] = m->who[r];
    size_t n = 1;
    for (size_t q = 0; q < m->n; q++)
        if (q != r)
            who[n++] = m->who[q];
    return n;
}

/* Whether review r may take the open days from position p of term t. */
static int fits(const maker *m, size_t r, size_t t, size_t p)
{
    const term_days *td = &m->td[t];
    size_t rd = (size_t)m->o.review_days, who[16], np = people(m, r, who);
    if (p + rd > td->n || m->g.half[td->at[p]] != m->g.half[td->at[p + rd - 1]])
        return 0;
    const char *window = sched_test_window(m->s, who[0]);
    for (size_t q = p; q < p + rd; q++) {
        long d = td->at[q];
        if (window && calendar_in_tests(m->c, window, m->g.first + d))
            return 0;
        for (size_t w = 0; w < np; w++)
            if (!free_on(m, who[w], d) ||
                (w > 0 && m->away[who[w] * m->nhalf + (size_t)m->g.half[d]] + (int)rd >
                              m->o.max_days_away))
                return 0;
    }
    long first = td->at[p], last = td->at[p + rd - 1];
    for (size_t q = 0; q < m->n; q++) { /* the triad's reviews placed or kept */
        if (q == r || !m->placed[q])
            continue;
        /* as the checker counts: school days after the earlier one's end,
         * up to the later one's first day */
        int gap = last < m->start[q]
                      ? m->g.open_before[m->start[q] + 1] - m->g.open_before[last + 1]
                      : m->g.open_before[first + 1] - m->g.open_before[m->end[q] + 1];
        if (gap < m->o.min_gap)
            return 0;
    }
    return 1;
}

/* Marks (sign 1) or frees (sign -1) review r's days and feedback day. */
static void mark(maker *m, size_t r, int sign)
{
    size_t who[16], np = people(m, r, who);
    for (long d = m->start[r]; d <= m->end[r]; d++) {
        if (!calendar_open(m->c, m->g.first + d))
            continue;
        for (size_t w = 0; w < np; w++) {
            m->busy[who[w] * m->g.n + (size_t)d] = sign > 0;
            if (w > 0)
                m->away[who[w] * m->nhalf + (size_t)m->g.half[d]] += sign;
        }
    }
    long after[] = {m->fb[r], m->ws[r], m->im[r]}; /* the data deadline takes no day away */
    for (size_t a = 0; a < 3; a++)
        for (size_t w = 0; after[a] >= 0 && w < np; w++)
            m->busy[who[w] * m->g.n + (size_t)after[a]] = sign > 0;
}

/* The first school day d after grid day from with lo..hi school days in
 * (from, d] (hi < 0: any) when review r's heads are all free; -1 none. */
static long first_free(const maker *m, size_t r, long from, int lo, int hi)
{
    size_t who[16], np = people(m, r, who);
    for (long d = from + 1; d < (long)m->g.n; d++) {
        int gap = m->g.open_before[d + 1] - m->g.open_before[from + 1];
        if (hi >= 0 && gap > hi)
            return -1;
        if (gap < lo || !calendar_open(m->c, m->g.first + d))
            continue;
        size_t w = 0;
        while (w < np && free_on(m, who[w], d))
            w++;
        if (w == np)
            return d;
    }
    return -1;
}

/* The stages of review r's chain after it is marked: its data deadline
 * data_before school days before it, its workshop and impact check on
 * the first days that fit; marked in turn. 0 when one asked for has no
 * day (the review must go elsewhere). */
static int place_chain(maker *m, size_t r)
{
    m->dt[r] = m->ws[r] = m->im[r] = -1;
    if (m->o.data_before) {
        long d = m->start[r] - 1;
        while (d >= 0 && !(calendar_open(m->c, m->g.first + d) &&
                           m->g.open_before[m->start[r]] - m->g.open_before[d] == m->o.data_before))
            d--;
        if (d < 0)
            return 0;
        m->dt[r] = d;
    }
    size_t who[16], np = people(m, r, who);
    if (m->o.workshop_within) {
        long from = m->fb[r] >= 0 ? m->fb[r] : m->end[r];
        if ((m->ws[r] = first_free(m, r, from, 1, m->o.workshop_within)) < 0)
            return 0;
        for (size_t w = 0; w < np; w++)
            m->busy[who[w] * m->g.n + (size_t)m->ws[r]] = 1;
    }
    if (m->o.impact_after) {
        if ((m->im[r] = first_free(m, r, m->end[r], m->o.impact_after, -1)) < 0)
            return 0;
        for (size_t w = 0; w < np; w++)
            m->busy[who[w] * m->g.n + (size_t)m->im[r]] = 1;
    }
    return 1;
}

/* The feedback day of review r (placed at p..p+rd-1 of term t): the first
 * open day within feedback_within after it when all are free, never the
 * term's last school day when collaboratives meet; -1 none. */
static long feedback_day(const maker *m, size_t r, size_t t, size_t p)
{
    const term_days *td = &m->td[t];
    size_t who[16], np = people(m, r, who), after = p + (size_t)m->o.review_days;
    size_t stop = td->n - (m->o.meetings ? 1 : 0);
    for (size_t q = after; q < after + (size_t)m->o.feedback_within && q < stop; q++) {
        size_t w = 0;
        while (w < np && free_on(m, who[w], td->at[q]))
            w++;
        if (w == np)
            return td->at[q];
    }
    return -1;
}

/* Places reviews r.. of the triad; 1 when all fit. */
static int place(maker *m, size_t r)
{
    if (r == m->n)
        return 1;
    if (m->kept[r])
        return place(m, r + 1);
    if (r > m->deepest)
        m->deepest = r;
    for (size_t j = 0; j < m->nt; j++) {
        size_t t = (r + j) % m->nt;
        const term_days *td = &m->td[t];
        if (td->n == 0)
            continue;
        /* triads start at different places in the first two thirds of a term */
        size_t span = td->n * 2 / 3 ? td->n * 2 / 3 : 1, off = ((size_t)m->triad * 7) % span;
        for (size_t q = 0; q < td->n; q++) {
            size_t p = (off + q) % td->n;
            if (++m->nodes > NODE_LIMIT)
                return 0;
            if (!fits(m, r, t, p))
                continue;
            long fb = m->o.feedback_within ? feedback_day(m, r, t, p) : -1;
            if (m->o.feedback_within && fb < 0)
                continue;
            m->start[r] = td->at[p];
            m->end[r] = td->at[p + (size_t)m->o.review_days - 1];
            m->fb[r] = fb;
            m->term_of[r] = (int)t;
            long meet = m->meet_kept[(size_t)m->coll * m->nt + t];
            if (meet >= 0 && (fb >= 0 ? fb : m->end[r]) >= meet)
                continue; /* a kept meeting of the term comes after its reviews */
            m->dt[r] = m->ws[r] = m->im[r] = -1;
            mark(m, r, 1);
            if (!place_chain(m, r)) {
                mark(m, r, -1); /* frees what the chain took too */
                continue;
            }
            m->placed[r] = 1;
            if (place(m, r + 1))
                return 1;
            m->placed[r] = 0;
            mark(m, r, -1);
        }
    }
    return 0;
}

/* Why review r of the triad cannot be placed: the counts of school days
 * that each rule leaves it, alone in the calendar. */
static triad_status refuse_triad(const maker *m, size_t r, triad_error *err)
{
    size_t who[16], np = people(m, r, who), days = 0, host_ok = 0, all_ok = 0;
    const char *window = sched_test_window(m->s, who[0]);
    for (size_t t = 0; t < m->nt; t++)
        for (size_t q = 0; q < m->td[t].n; q++) {
            cal_day d = m->g.first + m->td[t].at[q];
            days++;
            int h = calendar_school_open(m->c, urn(m, who[0]), d) &&
                    !(window && calendar_in_tests(m->c, window, d));
            host_ok += h;
            size_t w = 1;
            while (h && w < np && calendar_school_open(m->c, urn(m, who[w]), d))
                w++;
            all_ok += h && w == np;
        }
    const char *why = m->nodes > NODE_LIMIT ? "the search stopped after 2,000,000 tries"
                      : all_ok == 0 ? "no school day is left"
                                    : "with the triad's other reviews, min_gap, max_days_away and "
                                      "the feedback meetings, none of them is left";
    return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                        "triad %s (collaborative %s) cannot fit the review of %s (%s) this "
                        "year: of %zu school days its host is open outside its test week on "
                        "%zu and all %zu of its heads on %zu; %s",
                        triad_plan_triad_label(m->p, (size_t)m->triad),
                        triad_plan_collaborative_label(m->p, (size_t)m->coll), urn(m, who[0]),
                        triad_schools_name(m->s, who[0]) ? triad_schools_name(m->s, who[0]) : "",
                        days, host_ok, np, all_ok, why);
}

/* The triad's reviews kept from o.fixed: placed where they are (fb -2:
 * its feedback was not kept), the others to search. */
static void keep_fixed(maker *m)
{
    const triad_schedule *f = m->o.fixed;
    for (size_t r = 0; r < m->n; r++) {
        m->kept[r] = m->placed[r] = 0;
        m->dt[r] = m->ws[r] = m->im[r] = -1;
        for (size_t k = 0; f && k < f->nev; k++) {
            const sched_event *e = &f->ev[k];
            if (e->kind != EV_REVIEW || e->who[0] != m->who[r])
                continue;
            long a = day_grid_at(&m->g, e->day), b = day_grid_at(&m->g, e->end);
            m->kept[r] = 1;
            m->placed[r] = a >= 0 && b >= a; /* outside the year: the checker says so */
            m->start[r] = a;
            m->end[r] = b;
            m->fb[r] = m->o.feedback_within ? -2 : -1;
        }
        for (size_t k = 0; f && m->kept[r] && k < f->nev; k++)
            if (f->ev[k].kind == EV_FEEDBACK && f->ev[k].who[0] == m->who[r])
                m->fb[r] = -1; /* kept as it is */
    }
}

/* A feedback day for kept review r: the first school day within
 * feedback_within after it when all are free, before a kept meeting of
 * its term; -1 none (the checker then names the missing meeting). */
static long kept_feedback(maker *m, size_t r)
{
    if (!m->placed[r] || m->g.term[m->end[r]] < 0)
        return -1;
    size_t t = (size_t)m->g.term[m->end[r]], p = 0;
    const term_days *td = &m->td[t];
    while (p < td->n && td->at[p] <= m->end[r])
        p++;
    long meet = m->meet_kept[(size_t)m->coll * m->nt + t];
    size_t who[16], np = people(m, r, who);
    for (size_t q = p; q < p + (size_t)m->o.feedback_within && q < td->n; q++) {
        size_t w = 0;
        while (w < np && free_on(m, who[w], td->at[q]))
            w++;
        if (w == np && (meet < 0 || td->at[q] < meet)) {
            for (w = 0; w < np; w++)
                m->busy[who[w] * m->g.n + (size_t)td->at[q]] = 1;
            return td->at[q];
        }
    }
    return -1;
}

/* The triad's reviews and feedback meetings into the schedule. */
static triad_status schedule_triad(maker *m, size_t t, triad_error *err)
{
    size_t ns = triad_schools_count(m->s);
    m->n = 0;
    m->triad = (long)t;
    m->coll = -1;
    for (size_t i = 0; i < ns; i++)
        if (triad_plan_triad_of(m->p, i) == (long)t) {
            if (m->n == 16)
                return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                                    "triad %s has more than 16 schools: not a triad to schedule",
                                    triad_plan_triad_label(m->p, t));
            m->who[m->n++] = i;
            m->coll = triad_plan_collaborative_of(m->p, i);
        }
    if (m->n < 2)
        return TRIAD_OK; /* a school alone has no one to review it */
    m->nodes = 0;
    m->deepest = 0;
    keep_fixed(m);
    if (!place(m, 0))
        return refuse_triad(m, m->deepest, err);
    size_t who[16];
    for (size_t r = 0; r < m->n; r++) {
        size_t np = people(m, r, who);
        if (m->kept[r] && m->fb[r] == -2)
            m->fb[r] = kept_feedback(m, r); /* a kept review whose feedback was not kept */
        else if (m->kept[r])
            continue;
        if (!m->kept[r] &&
            !sched_add(m->out, EV_REVIEW, m->g.first + m->start[r], m->g.first + m->end[r],
                       m->coll, m->triad, who, np, 0))
            return triad_i_fail_nomem(err);
        long day[] = {m->fb[r], m->kept[r] ? -1 : m->dt[r], m->kept[r] ? -1 : m->ws[r],
                      m->kept[r] ? -1 : m->im[r]};
        static const int kind[] = {EV_FEEDBACK, EV_DATA, EV_WORKSHOP, EV_IMPACT};
        for (size_t a = 0; a < 4; a++)
            if (day[a] >= 0 && !sched_add(m->out, kind[a], m->g.first + day[a],
                                          m->g.first + day[a], m->coll, m->triad, who, np, 0))
                return triad_i_fail_nomem(err);
    }
    return TRIAD_OK;
}

/* Collaborative c's meeting in term t: the first school day after its
 * triads' reviews and feedback of the term when every member is open and
 * free. */
static triad_status schedule_meeting(maker *m, size_t c, size_t t, triad_error *err)
{
    if (m->meet_kept[c * m->nt + t] >= 0)
        return TRIAD_OK; /* kept from o.fixed */
    size_t ns = triad_schools_count(m->s), nm = 0;
    size_t *who = malloc((ns + 1) * sizeof *who);
    if (!who)
        return triad_i_fail_nomem(err);
    for (size_t i = 0; i < ns; i++)
        if (triad_plan_collaborative_of(m->p, i) == (long)c)
            who[nm++] = i;
    long last = -1;
    for (size_t e = 0; e < m->out->nev; e++) {
        const sched_event *v = &m->out->ev[e];
        long at = day_grid_at(&m->g, v->end);
        if (v->coll == (long)c && (v->kind == EV_REVIEW || v->kind == EV_FEEDBACK) && at >= 0 &&
            m->g.term[at] == (int)t && at > last)
            last = at;
    }
    const term_days *td = &m->td[t];
    for (size_t q = 0; q < td->n; q++) {
        if (td->at[q] <= last)
            continue;
        size_t w = 0;
        while (w < nm && free_on(m, who[w], td->at[q]))
            w++;
        if (w < nm)
            continue;
        for (w = 0; w < nm; w++)
            m->busy[who[w] * m->g.n + (size_t)td->at[q]] = 1;
        int ok = sched_add(m->out, EV_MEETING, m->g.first + td->at[q], m->g.first + td->at[q],
                           (long)c, -1, who, nm, 0);
        free(who);
        return ok ? TRIAD_OK : triad_i_fail_nomem(err);
    }
    free(who);
    char ds[11] = "";
    if (last >= 0)
        cal_format(m->g.first + last, ds);
    return triad_i_fail(err, TRIAD_ERR_INFEASIBLE, NULL, 0, 0,
                        "collaborative %s cannot meet in the %s term after its triads' reviews "
                        "(the last ends %s): no later school day on which all %zu members are "
                        "open and free",
                        triad_plan_collaborative_label(m->p, c), calendar_term_name(m->c, t),
                        last >= 0 ? ds : "before the term", nm);
}

static void maker_free(maker *m)
{
    for (size_t t = 0; m->td && t < m->nt; t++)
        free(m->td[t].at);
    free(m->td);
    free(m->busy);
    free(m->away);
    free(m->meet_kept);
    day_grid_free(&m->g);
}

/* The events of o.fixed into the schedule as they are, their people busy
 * (and reviewers away) on their days, kept meetings noted. 0 when out of
 * memory. */
static int copy_fixed(maker *m)
{
    const triad_schedule *f = m->o.fixed;
    for (size_t k = 0; f && k < f->nev; k++) {
        const sched_event *e = &f->ev[k];
        if (!sched_add(m->out, e->kind, e->day, e->end, e->coll, e->triad, e->who, e->nwho,
                       e->line))
            return 0;
        long a = day_grid_at(&m->g, e->day), b = day_grid_at(&m->g, e->end);
        if (a < 0 || b < a)
            continue; /* outside the year: nobody busy, the checker says so */
        for (long d = a; d <= b; d++)
            for (size_t w = 0; calendar_open(m->c, m->g.first + d) && w < e->nwho; w++) {
                m->busy[e->who[w] * m->g.n + (size_t)d] = 1;
                if (e->kind == EV_REVIEW && w > 0 && m->g.half[d] >= 0)
                    m->away[e->who[w] * m->nhalf + (size_t)m->g.half[d]]++;
            }
        if (e->kind == EV_MEETING && m->g.term[a] >= 0)
            m->meet_kept[(size_t)e->coll * m->nt + (size_t)m->g.term[a]] = a;
    }
    return 1;
}

/* The grid, each term's open days and the heads' tallies; 0 when out of
 * memory. */
static int maker_init(maker *m)
{
    size_t ns = triad_schools_count(m->s);
    m->nt = calendar_terms(m->c);
    m->nhalf = 2 * m->nt;
    if (!day_grid_init(&m->g, m->c))
        return 0;
    m->td = calloc(m->nt, sizeof *m->td);
    m->busy = calloc(ns * m->g.n + 1, 1);
    m->away = calloc(ns * m->nhalf + 1, sizeof *m->away);
    size_t nmeet = triad_plan_collaborative_count(m->p) * m->nt;
    m->meet_kept = malloc((nmeet + 1) * sizeof *m->meet_kept);
    if (!m->td || !m->busy || !m->away || !m->meet_kept)
        return 0;
    for (size_t k = 0; k < nmeet; k++)
        m->meet_kept[k] = -1;
    for (size_t t = 0; t < m->nt; t++) {
        cal_day *days = NULL;
        size_t n = calendar_open_days(m->c, t, &days);
        if (n == (size_t)-1)
            return 0;
        m->td[t].at = malloc((n + 1) * sizeof *m->td[t].at);
        for (size_t q = 0; m->td[t].at && q < n; q++)
            m->td[t].at[q] = day_grid_at(&m->g, days[q]);
        m->td[t].n = n;
        free(days);
        if (!m->td[t].at)
            return 0;
    }
    return 1;
}

triad_status triad_schedule_make(const triad_schools *s, const triad_plan *p,
                                 const triad_calendar *cal, const triad_schedule_options *opts,
                                 triad_schedule **out, triad_error *err)
{
    triad_error_clear(err);
    if (!s || !p || !cal || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, plan, calendar or out is NULL");
    *out = NULL;
    maker m = {.s = s, .p = p, .c = cal->c};
    if (!sched_options_take(opts, &m.o, err))
        return err ? err->status : TRIAD_ERR_INVALID_ARGUMENT;
    if (m.o.fixed && !sched_fits_plan(m.o.fixed, s, p))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the fixed schedule was read for other schools or another plan");
    m.out = sched_new(triad_schools_count(s));
    triad_status st =
        m.out && maker_init(&m) && copy_fixed(&m) ? TRIAD_OK : triad_i_fail_nomem(err);
    double t0 = clock_now();
    size_t nt = triad_plan_triad_count(p);
    for (size_t t = 0; st == TRIAD_OK && t < nt; t++) {
        st = schedule_triad(&m, t, err);
        if (st == TRIAD_OK && m.o.progress &&
            m.o.progress(clock_now() - t0, (double)(t + 1) / (double)nt, m.o.progress_user))
            st = triad_i_fail(err, TRIAD_ERR_CANCELLED, NULL, 0, 0, "cancelled by the caller");
    }
    for (size_t c = 0; st == TRIAD_OK && m.o.meetings && c < triad_plan_collaborative_count(p);
         c++)
        for (size_t t = 0; st == TRIAD_OK && t < m.nt; t++)
            st = schedule_meeting(&m, c, t, err);
    maker_free(&m);
    if (st == TRIAD_OK) /* every schedule is scored by the one checker of the rules */
        st = triad_schedule_check(m.out, s, p, cal, &m.o, err);
    if (st != TRIAD_OK) {
        triad_schedule_free(m.out);
        return st;
    }
    *out = m.out;
    return TRIAD_OK;
}
