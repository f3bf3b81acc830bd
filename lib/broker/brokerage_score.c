/* A brokerage re-scored by rules independent of the solver (so a
 * hand-made one is checked the same way): violations, days met up to each
 * need, travel, the policy followed, and every unmet need with the rule
 * that holds it. */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "io/csv_table.h"
#include "io/file_write.h"
#include "io/json_text.h"
#include "model/plan_impl.h"
#include "model/schools_impl.h"

#define DAYS_EPS 0.011 /* matches are written to a hundredth of a day */

typedef struct sup_pair {
    size_t school, supporter;
} sup_pair;

static int cmp_pair(const void *x, const void *y)
{
    const sup_pair *a = x, *b = y;
    if (a->school != b->school)
        return a->school < b->school ? -1 : 1;
    return (a->supporter > b->supporter) - (a->supporter < b->supporter);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

const char *broker_why_text(int why)
{
    switch (why) {
    case WHY_SELF: return "the school itself";
    case WHY_CONCERN: return "causing concern";
    case WHY_GRADE: return "below the minimum grade";
    case WHY_TRAVEL: return "beyond the travel limit";
    case WHY_TRUST: return "in the same trust";
    case WHY_NO_LOCATION:
        return "unlocated (one of the two schools has no location, so the travel limit cannot be "
               "shown to hold)";
    }
    return "";
}

/* Whether supporter already supports school in the sorted pairs (so its
 * max_schools does not hold it back from more days there). */
static int supports(const sup_pair *pair, size_t n, size_t school, size_t supporter)
{
    sup_pair key = {school, supporter};
    return bsearch(&key, pair, n, sizeof *pair, cmp_pair) != NULL;
}

/* What the matches add up to, per offer, need, school and supporter. */
typedef struct tally {
    double *used, *got; /* days drawn from each offer, given to each need */
    size_t *supporters; /* per school: distinct supporters */
    size_t *schools_of; /* per supporter: distinct schools */
    sup_pair *pair;     /* the matches' (school, supporter), sorted */
} tally;

static void tally_free(tally *t)
{
    free(t->used);
    free(t->got);
    free(t->supporters);
    free(t->schools_of);
    free(t->pair);
}

/* How far the policy was followed (within the needing school's
 * collaborative), and the median and longest distance. 0 on no memory. */
static int policy_and_travel(triad_brokerage *b, const triad_plan *plan)
{
    const triad_market *m = b->market;
    /* the policy is a preference of the solver, not a rule: counted, so the
     * officer sees how far it was followed */
    b->within = -1;
    if (plan) {
        b->within = 0;
        for (size_t k = 0; k < b->nmatch; k++) {
            long cs = plan->collab[m->offers[b->m[k].offer].school],
                 cn = plan->collab[m->needs[b->m[k].need].school];
            b->within += cs >= 0 && cs == cn;
        }
    }
    b->km_median = b->km_max = NAN;
    double *kms = malloc((b->nmatch + 1) * sizeof *kms);
    if (!kms)
        return 0;
    size_t nk = 0;
    for (size_t k = 0; k < b->nmatch; k++)
        if (b->m[k].km >= 0)
            kms[nk++] = b->m[k].km;
    if (nk) {
        qsort(kms, nk, sizeof *kms, cmp_double);
        b->km_median = nk % 2 ? kms[nk / 2] : (kms[nk / 2 - 1] + kms[nk / 2]) / 2;
        b->km_max = kms[nk - 1];
    }
    free(kms);
    return 1;
}

/* Each match against the rules, the days it draws and gives, the distinct
 * pairs; then the offers and schools over their caps. 0 on no memory. */
static int score_matches(triad_brokerage *b, const triad_schools *s, tally *t)
{
    const triad_market *m = b->market;
    const triad_broker_options *o = &b->opts;
    int ok = 1;
    b->days_met = b->weighted_met = b->km_days = 0;
    for (size_t k = 0; ok && k < b->nmatch; k++) {
        const match *x = &b->m[k];
        const offer *of = &m->offers[x->offer];
        const need *nd = &m->needs[x->need];
        double km;
        int why = broker_eligible(s, m, of, nd, o, &km);
        if (of->area != nd->area)
            ok = lines_add(&b->viol, &b->nviol, "%s supports %s in %s, which it does not offer",
                           b->urn[of->school], b->urn[nd->school], m->areas[nd->area]);
        else if (why != WHY_OK)
            ok =
                lines_add(&b->viol, &b->nviol, "%s supports %s in %s but is %s", b->urn[of->school],
                          b->urn[nd->school], m->areas[nd->area], broker_why_text(why));
        t->used[x->offer] += x->days;
        t->got[x->need] += x->days;
        if (km > 0)
            b->km_days += km * x->days;
        t->pair[k] = (sup_pair){nd->school, of->school};
    }
    /* distinct supporters per school, schools per supporter */
    qsort(t->pair, b->nmatch, sizeof *t->pair, cmp_pair);
    for (size_t k = 0; k < b->nmatch; k++)
        if (k == 0 || cmp_pair(&t->pair[k], &t->pair[k - 1]) != 0) {
            t->supporters[t->pair[k].school]++;
            t->schools_of[t->pair[k].supporter]++;
        }
    for (size_t q = 0; ok && q < m->noffers; q++)
        if (t->used[q] > m->offers[q].days + DAYS_EPS)
            ok = lines_add(&b->viol, &b->nviol, "%s gives %.2f days of %s, %.2f offered",
                           b->urn[m->offers[q].school], t->used[q], m->areas[m->offers[q].area],
                           m->offers[q].days);
    for (size_t i = 0; ok && i < s->n; i++)
        if (t->supporters[i] > (size_t)o->max_supporters)
            ok = lines_add(&b->viol, &b->nviol, "%s has %zu supporters, at most %d", b->urn[i],
                           t->supporters[i], o->max_supporters);
    return ok;
}

/* Appends to reason the offers of the area a rule kept from the need, so
 * "spent" never hides a supporter the officer expected (one without a
 * location under a travel limit, say). */
static void excluded_too(const size_t *excluded, char *reason, size_t size)
{
    size_t len = strlen(reason);
    const char *sep = "; not eligible: ";
    for (int w = 1; w < WHY_COUNT && len < size; w++)
        if (excluded[w]) {
            int n = snprintf(reason + len, size - len, "%s%zu %s", sep, excluded[w],
                             broker_why_text(w));
            len += n > 0 ? (size_t)n : 0;
            sep = ", ";
        }
}

/* Why need d is left with days unmet, in words: nobody offers the area;
 * everyone who does is excluded by a rule; their days are spent; nothing
 * held it (a hand-made brokerage, or a search cut short); the school's
 * supporters limit; or the supporters' max_schools. */
static void unmet_reason(const triad_brokerage *b, const triad_schools *s, const tally *t, size_t d,
                         char *reason, size_t size)
{
    const triad_market *m = b->market;
    const triad_broker_options *o = &b->opts;
    const need *nd = &m->needs[d];
    size_t offering = 0, excluded[WHY_COUNT] = {0}, with_days = 0, free_sup = 0;
    double days_left = 0; /* on offer from eligible supporters not at max_schools */
    for (size_t q = 0; q < m->noffers; q++) {
        const offer *of = &m->offers[q];
        if (of->area != nd->area)
            continue;
        offering++;
        double km;
        int why = broker_eligible(s, m, of, nd, o, &km);
        excluded[why]++;
        int has_days = why == WHY_OK && of->days - t->used[q] > DAYS_EPS;
        with_days += has_days;
        if (has_days &&
            (of->max_schools <= 0 || t->schools_of[of->school] < (size_t)of->max_schools ||
             supports(t->pair, b->nmatch, nd->school, of->school))) {
            free_sup++;
            days_left += of->days - t->used[q];
        }
    }
    size_t have = t->supporters[nd->school];
    if (!offering) {
        snprintf(reason, size, "no school offers %s", m->areas[nd->area]);
    } else if (!excluded[WHY_OK]) {
        size_t len = (size_t)snprintf(reason, size,
                                      "every school offering %s is excluded:", m->areas[nd->area]);
        const char *sep = " ";
        for (int w = 1; w < WHY_COUNT && len < size; w++)
            if (excluded[w]) {
                len += (size_t)snprintf(reason + len, size - len, "%s%zu %s", sep, excluded[w],
                                        broker_why_text(w));
                sep = ", ";
            }
    } else if (!with_days) {
        snprintf(reason, size, "the eligible supporters' days of %s are spent", m->areas[nd->area]);
        excluded_too(excluded, reason, size);
    } else if (have < (size_t)o->max_supporters && free_sup) {
        snprintf(reason, size, "not assigned: %zu eligible supporter%s %s %.2f days of %s left%s",
                 free_sup, TRIAD_S(free_sup), free_sup == 1 ? "has" : "have", days_left,
                 m->areas[nd->area], b->time_cut ? " (the time limit cut the search short)" : "");
    } else if (have >= (size_t)o->max_supporters) {
        snprintf(reason, size, "it has %zu supporter%s already (max_supporters = %d)", have,
                 TRIAD_S(have), o->max_supporters);
    } else {
        snprintf(reason, size,
                 "the eligible supporters with days of %s left are at their max_schools%s",
                 m->areas[nd->area], b->time_cut ? ", or the time limit cut the search short" : "");
    }
}

/* The rota's outcome against last year: pairs of this brokerage that ran
 * last year, and last year's pairs that had run max_years years and were not
 * renewed though the school needs support again. The history is the
 * caller's: the brokerage keeps the counts, not the pointer. */
static int rota_outcome(triad_brokerage *b, const tally *t)
{
    const triad_market *m = b->market;
    const triad_broker_history *h = b->opts.history;
    b->rota_kept = b->rota_rotated = 0;
    b->opts.history = NULL;
    if (!h)
        return 1;
    for (size_t k = 0; k < b->nmatch; k++) /* distinct pairs: t->pair is sorted */
        if ((k == 0 || cmp_pair(&t->pair[k], &t->pair[k - 1]) != 0) &&
            broker_history_years(h, t->pair[k].supporter, t->pair[k].school) >= 1)
            b->rota_kept++;
    unsigned char *needs = calloc(b->nschools + 1, 1);
    if (!needs)
        return 0;
    for (size_t d = 0; d < m->nneeds; d++)
        needs[m->needs[d].school] = 1;
    const pair_ref *last;
    size_t nlast = broker_history_last_year(h, &last);
    for (size_t q = 0; q < nlast; q++)
        if (needs[last[q].sch] &&
            broker_history_years(h, last[q].sup, last[q].sch) >= (size_t)b->opts.max_years &&
            !supports(t->pair, b->nmatch, last[q].sch, last[q].sup))
            b->rota_rotated++;
    free(needs);
    return 1;
}

triad_status brokerage_score(triad_brokerage *b, const triad_schools *s, const triad_plan *plan,
                             triad_error *err)
{
    const triad_market *m = b->market;
    tally t = {calloc(m->noffers + 1, sizeof *t.used), calloc(m->nneeds + 1, sizeof *t.got),
               calloc(s->n + 1, sizeof *t.supporters), calloc(s->n + 1, sizeof *t.schools_of),
               malloc((b->nmatch + 1) * sizeof *t.pair)};
    int ok = t.used && t.got && t.supporters && t.schools_of && t.pair &&
             policy_and_travel(b, plan) && score_matches(b, s, &t);
    b->days_needed = 0;
    for (size_t d = 0; ok && d < m->nneeds; d++) {
        const need *nd = &m->needs[d];
        b->days_needed += nd->days;
        /* days met count up to the need: an excess is a violation, not
         * more need met */
        b->days_met += fmin(t.got[d], nd->days);
        b->weighted_met += fmin(t.got[d], nd->days) * nd->priority;
        if (t.got[d] > nd->days + DAYS_EPS)
            ok = lines_add(&b->viol, &b->nviol, "%s gets %.2f days of %s, %.2f needed",
                           b->urn[nd->school], t.got[d], m->areas[nd->area], nd->days);
        double left = nd->days - t.got[d];
        if (!ok || left <= DAYS_EPS)
            continue;
        char reason[400];
        unmet_reason(b, s, &t, d, reason, sizeof reason);
        ok = lines_add(&b->unmet, &b->nunmet,
                       "%s %s: %.2f of %.2f days of %s unmet (priority %d): %s", b->urn[nd->school],
                       b->name[nd->school], left, nd->days, m->areas[nd->area], nd->priority,
                       reason);
    }
    if (ok)
        ok = rota_outcome(b, &t);
    if (ok && strcmp(b->engine, "file") == 0) {
        b->objective = b->weighted_met; /* the file's own figure; nothing proves it best */
        b->bound = b->gap = NAN;
    }
    tally_free(&t);
    return ok ? TRIAD_OK : triad_i_fail_nomem(err);
}
