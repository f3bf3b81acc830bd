/* A lead's term: Essex's leads "stepped forwards for two years". A lead of
 * last year's plan (or of the rotation's year before) who is still in term
 * leads the collaborative that most of its old collaborative's returning
 * schools are in, unless its school left or moved away, no longer meets the
 * lead rule, or its head steps down; an officer's locked lead is never
 * replaced. Every change is a "lead: " line of the solver log. */
#include <stdlib.h>

#include "model/schools_impl.h"
#include "model/spec_impl.h"
#include "solve/stages.h"

typedef struct move {
    long old, now; /* a school's collaborative in prev and in plan */
} move;

static int cmp_move(const void *x, const void *y)
{
    const move *a = x, *b = y;
    if (a->old != b->old)
        return (a->old > b->old) - (a->old < b->old);
    return (a->now > b->now) - (a->now < b->now);
}

/* For each collaborative of prev: the collaborative of plan most of its
 * returning schools are in (-1: none returned; ties: the first label) and
 * how many went there. */
static triad_status majorities(const triad_plan *prev, const triad_plan *plan, long *where,
                               size_t *count, triad_error *err)
{
    move *m = malloc((plan->nschools + 1) * sizeof *m);
    if (!m)
        return triad_i_fail_nomem(err);
    size_t n = 0;
    for (size_t i = 0; i < plan->nschools && i < prev->nschools; i++)
        if (prev->collab[i] >= 0 && plan->collab[i] >= 0)
            m[n++] = (move){prev->collab[i], plan->collab[i]};
    qsort(m, n, sizeof *m, cmp_move);
    for (size_t c = 0; c < prev->ncollab; c++) {
        where[c] = -1;
        count[c] = 0;
    }
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a; b < n && m[b].old == m[a].old && m[b].now == m[a].now; b++)
            ;
        if (b - a > count[m[a].old]) {
            count[m[a].old] = b - a;
            where[m[a].old] = m[a].now;
        }
    }
    free(m);
    return TRIAD_OK;
}

typedef struct succession {
    const profile *p;
    const triad_plan *prev, *fixed;
    triad_plan *plan;
    int term;
    long *where;   /* per old collaborative: where most of it went */
    size_t *count; /* how many of it went there */
    long *heir;    /* per new collaborative: the lead in term who stays, or -1 */
    long *officer; /* per new collaborative: the officer's locked lead, or -1 */
    triad_i_buf *notes;
} succession;

static const char *urn(const succession *s, long i)
{
    return s->p->schools->s[i].urn;
}

/* Why last year's lead i does not carry on into collaborative `to`, or
 * NULL when it may (subject to one lead per collaborative). */
static const char *why_not(const succession *s, long i, long to, int served, char *why, size_t n)
{
    const triad_plan *f = s->fixed;
    const char *old = s->prev->collab_label[s->prev->collab[i]];
    if (s->plan->collab[i] < 0)
        snprintf(why, n, "is not in this year's plan (opted out, or its stratum is skipped)");
    else if (s->prev->steps_down[i])
        snprintf(why, n, "steps down after %d year%s, as the history file says", served,
                 served == 1 ? "" : "s");
    else if (served >= s->term)
        snprintf(why, n, "has served its term (%d of lead_term = %d years)", served, s->term);
    else if (!s->p->lead_ok[i])
        snprintf(why, n, "no longer meets the lead rule (Good or Outstanding with a head three "
                         "years in post, or the file's lead_eligible)");
    else if (s->plan->collab[i] != to)
        snprintf(why, n, "moved to collaborative %s, away from most of %s's schools (now in %s)",
                 s->plan->collab_label[s->plan->collab[i]], old,
                 to >= 0 ? s->plan->collab_label[to] : "no collaborative");
    else if (s->officer[to] >= 0 && s->officer[to] != i)
        snprintf(why, n, "gives way to the officer's lead %s (locked in the fixed plan)",
                 urn(s, s->officer[to]));
    else if (f && f->locked[i] && !f->lead[i])
        snprintf(why, n, "is locked as a member, not the lead, in the fixed plan");
    else
        return NULL;
    return why;
}

static void steps_aside(const succession *s, long loser, long winner, long to)
{
    triad_i_buf_printf(s->notes, "lead: %s, lead of %s, steps aside: %s is led by %s, whose "
                                 "collaborative brought more of its schools\n",
                       urn(s, loser), s->prev->collab_label[s->prev->collab[loser]],
                       s->plan->collab_label[to], urn(s, winner));
}

/* Each lead of prev: carries on as heir of its collaborative, or a line
 * says why not. Of two leads in term meeting in one collaborative, the one
 * whose old collaborative brought more schools stays. */
static void find_heirs(succession *s)
{
    const triad_plan *prev = s->prev;
    char why[320];
    for (size_t i = 0; i < prev->nschools && i < s->plan->nschools; i++) {
        if (!prev->lead[i] || prev->collab[i] < 0)
            continue;
        long old = prev->collab[i], to = s->where[old];
        int served = prev->lead_years[i] ? prev->lead_years[i] : 1;
        if (why_not(s, (long)i, to, served, why, sizeof why)) {
            triad_i_buf_printf(s->notes, "lead: %s, lead of %s, %s\n", urn(s, (long)i),
                               prev->collab_label[old], why);
            continue;
        }
        long rival = s->heir[to];
        if (rival >= 0 && s->count[prev->collab[rival]] >= s->count[old]) {
            steps_aside(s, (long)i, rival, to);
            continue;
        }
        if (rival >= 0)
            steps_aside(s, rival, (long)i, to);
        s->heir[to] = (long)i;
    }
    for (size_t g = 0; g < prev->ngone; g++)
        if (prev->gone_lead && prev->gone_lead[g])
            triad_i_buf_printf(s->notes, "lead: %s, a lead last year, has left the schools file\n",
                               prev->gone[g]);
}

/* Last year's lead i whose head is not to lead again this year: its term
 * is served or it steps down. */
static int barred(const succession *s, size_t i)
{
    const triad_plan *prev = s->prev;
    if (i >= prev->nschools || !prev->lead[i])
        return 0;
    int served = prev->lead_years[i] ? prev->lead_years[i] : 1;
    return prev->steps_down[i] || served >= s->term;
}

/* choose_leads may have picked a lead whose term is over: the next best
 * eligible school of collaborative c leads instead, where there is one. */
static void pass_on(succession *s, long c, long was)
{
    triad_plan *plan = s->plan;
    const triad_plan *f = s->fixed;
    const school_rec *rec = s->p->schools->s;
    long best = -1;
    for (size_t i = 0; i < plan->nschools; i++) {
        if (plan->collab[i] != c || !s->p->lead_ok[i] || barred(s, i) || (f && f->locked[i]))
            continue;
        if (best < 0 || lead_better(&rec[i], &rec[best]))
            best = (long)i;
    }
    if (best < 0) {
        triad_i_buf_printf(s->notes, "lead: %s leads %s again: no other school of it is eligible\n",
                           urn(s, was), plan->collab_label[c]);
        return;
    }
    plan->lead[was] = plan->lead_years[was] = 0;
    plan->lead[best] = 1;
}

static int years_before(const succession *s, size_t i)
{
    if (i >= s->prev->nschools || !s->prev->lead[i])
        return 0;
    return s->prev->lead_years[i] ? s->prev->lead_years[i] : 1;
}

/* The heirs lead; every other collaborative keeps the lead choose_leads
 * gave it (passed on when its term is over), as a new lead, or the
 * officer's. */
static void crown(succession *s)
{
    triad_plan *plan = s->plan;
    for (size_t i = 0; i < plan->nschools; i++) {
        long c = plan->collab[i];
        if (c >= 0 && s->heir[c] >= 0 && plan->lead[i] && s->heir[c] != (long)i)
            plan->lead[i] = plan->lead_years[i] = 0;
        else if (c >= 0 && s->heir[c] < 0 && s->officer[c] != (long)i && plan->lead[i] &&
                 barred(s, i))
            pass_on(s, c, (long)i);
    }
    for (size_t i = 0; i < plan->nschools; i++) {
        long c = plan->collab[i];
        if (c < 0 || (!plan->lead[i] && s->heir[c] != (long)i))
            continue;
        int mine = s->heir[c] == (long)i || s->officer[c] == (long)i || barred(s, i);
        int before = mine ? years_before(s, i) : 0;
        plan->lead[i] = 1;
        plan->lead_years[i] = (unsigned char)(before + 1 > 50 ? 50 : before + 1);
        if (s->heir[c] == (long)i)
            triad_i_buf_printf(s->notes, "lead: %s continues to lead %s (year %d of %d)\n",
                               urn(s, (long)i), plan->collab_label[c], before + 1, s->term);
        else if (s->officer[c] == (long)i && before + 1 > s->term)
            triad_i_buf_printf(s->notes,
                               "lead: %s leads %s, the officer's lead (locked), beyond the term "
                               "(year %d; lead_term = %d)\n",
                               urn(s, (long)i), plan->collab_label[c], before + 1, s->term);
        else if (s->officer[c] == (long)i)
            triad_i_buf_printf(s->notes, "lead: %s leads %s, the officer's lead (locked)\n",
                               urn(s, (long)i), plan->collab_label[c]);
        else if (!barred(s, i))
            triad_i_buf_printf(s->notes, "lead: %s is the new lead of %s\n", urn(s, (long)i),
                               plan->collab_label[c]);
    }
}

triad_status lead_succession(const profile *p, const triad_spec *spec, const triad_plan *prev,
                             const triad_plan *fixed, triad_plan *plan, triad_i_buf *notes,
                             triad_error *err)
{
    if (!prev || spec->lead_term <= 0)
        return TRIAD_OK; /* no earlier year, or leads are chosen afresh */
    succession s = {p, prev, fixed, plan, spec->lead_term, NULL, NULL, NULL, NULL, notes};
    s.where = malloc((prev->ncollab + 1) * sizeof *s.where);
    s.count = malloc((prev->ncollab + 1) * sizeof *s.count);
    s.heir = malloc((plan->ncollab + 1) * sizeof *s.heir);
    s.officer = malloc((plan->ncollab + 1) * sizeof *s.officer);
    triad_status st = TRIAD_OK;
    if (!s.where || !s.count || !s.heir || !s.officer)
        st = triad_i_fail_nomem(err);
    else
        st = majorities(prev, plan, s.where, s.count, err);
    if (st == TRIAD_OK) {
        for (size_t c = 0; c < plan->ncollab; c++)
            s.heir[c] = s.officer[c] = -1;
        for (size_t i = 0; fixed && i < plan->nschools; i++)
            if (fixed->locked[i] && fixed->lead[i] && plan->collab[i] >= 0)
                s.officer[plan->collab[i]] = (long)i;
        find_heirs(&s);
        crown(&s);
        if (notes->failed)
            st = triad_i_fail_nomem(err);
    }
    free(s.where);
    free(s.count);
    free(s.heir);
    free(s.officer);
    return st;
}
