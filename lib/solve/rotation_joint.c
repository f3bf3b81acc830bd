/* A rotation's triads for every year chosen together, per collaborative:
 * the fewest broken constraints, then the fewest repeated pairs (proved by
 * a depth-first search over each year's partitions into triads, as the
 * social golfer problem is searched), then the best balance. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solve/collab_ws.h"
#include "solve/stages.h"
#include "solve/triads.h"

/* Collaboratives up to this size have their triads for every year of a
 * rotation chosen together (9 schools: 280 partitions a year, 12: 15,400):
 * planning year by year can corner the later years (7 schools over 3
 * years: 9 repeated pairs year by year, 6 at best; 11 over 4 years: 12
 * year by year, 8 at best). */
#define JOINT_MAX_SCHOOLS TRIADS_EXACT_MAX
/* The search's budgets per collaborative, in partitions looked at (a node
 * looks at every partition of the collaborative once). The proof of the
 * fewest repeats takes up to 5 million for 6-12 schools over 2-4 years;
 * the polish of balance among the rotations with that many repeats is cut
 * short without harm. */
#define JOINT_PROOF_VISITS 40000000ul
#define JOINT_POLISH_VISITS 4000000ul

typedef struct joint_search {
    size_t m, np, years, npairs;
    int *pairs;           /* np * npairs: the pairs (a * m + b) inside each partition's triads */
    const double *cost;   /* np static costs (balance, constraints, given history) */
    double min_cost;      /* the least of them: a bound for the years still to plan */
    unsigned char *met;   /* m * m: times each pair met in the years chosen so far */
    size_t *choice, *best;
    long best_hard;       /* fewest broken constraints found, then repeats, then cost */
    long best_rep;
    double best_cost;
    long min_hard;        /* the fewest broken constraints of any partition */
    unsigned long visits, max_visits; /* partitions looked at, and the budget */
    int polish;           /* 0: prove the fewest (hard, rep); 1: then the least cost */
    const int *parts;     /* np * m: each school's triad in each partition */
    int ntriads;
    const int *tsize;     /* ntriads: the triads' sizes */
    int symmetric;        /* every partition breaks as many constraints: renaming
                             the schools changes nothing the proof counts */
    int relaxed;          /* broken constraints ignored: the least repeats of the
                             shape alone, a floor for every rotation */
    long floor_rep;       /* that floor once proved, else 0 */
    int done;             /* a rotation at both floors was found: nothing beats it */
    int cut;              /* the budget or the clock stopped the search */
    const partition_budget *stop;
} joint_search;

typedef struct joint_cand {
    double add;
    long hard; /* broken constraints (trust, concern, travel): cost / PARTITION_HARD */
    int rep;
    size_t q;
} joint_cand;

static int cmp_cand(const void *x, const void *y)
{
    const joint_cand *a = x, *b = y;
    if (a->hard != b->hard)
        return a->hard < b->hard ? -1 : 1;
    if (a->rep != b->rep)
        return a->rep - b->rep;
    if (a->add != b->add)
        return a->add < b->add ? -1 : 1;
    return (a->q > b->q) - (a->q < b->q);
}

static void joint_mark(joint_search *js, size_t q, int delta)
{
    const int *pr = js->pairs + q * js->npairs;
    for (size_t k = 0; k < js->npairs; k++)
        js->met[pr[k]] = (unsigned char)(js->met[pr[k]] + delta);
}

/* 1 when a rotation whose years y.. can do no better than (hard, rep, cost)
 * cannot beat the best found: fewest broken constraints, then fewest
 * repeats, then (when polishing) least cost. */
static int joint_beaten(const joint_search *js, long hard, long rep, double cost)
{
    if (hard != js->best_hard)
        return hard > js->best_hard;
    if (rep != js->best_rep || !js->polish)
        return rep >= js->best_rep;
    return cost >= js->best_cost - 1e-9;
}

/* Year 2 up to renaming. Once year 1 is chosen, renaming schools inside
 * one of its triads, or swapping two of its triads of one size, leaves it
 * as it is; two year-2 partitions that such a renaming maps onto each other
 * lead to searches alike in every repeat count, so one of each is enough
 * for the proof (the social golfer problem's first symmetry break). A
 * partition's class is the table of how many schools each year-1 triad
 * shares with each of its triads, its rows permuted by every swap of
 * same-size year-1 triads and its columns sorted; the least such table. */
#define ORBIT_MAX_TRIADS 4
#define ORBIT_KEY (ORBIT_MAX_TRIADS * ORBIT_MAX_TRIADS)

typedef struct orbit_key {
    unsigned char k[ORBIT_KEY];
    size_t pos; /* in the candidates' order: the first of a class is kept */
} orbit_key;

static int cmp_orbit(const void *x, const void *y)
{
    const orbit_key *a = x, *b = y;
    int c = memcmp(a->k, b->k, ORBIT_KEY);
    return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

static int cmp_column(const void *x, const void *y)
{
    return memcmp(x, y, ORBIT_MAX_TRIADS);
}

/* Every order of year 1's triads that maps each to one of its size. */
static int row_perms(const joint_search *js, int perm[][ORBIT_MAX_TRIADS])
{
    int n = 0, q = js->ntriads, idx[ORBIT_MAX_TRIADS];
    for (int t = 0; t < q; t++)
        idx[t] = t;
    for (;;) {
        int ok = 1;
        for (int t = 0; t < q && ok; t++)
            ok = js->tsize[idx[t]] == js->tsize[t];
        if (ok)
            memcpy(perm[n++], idx, sizeof idx);
        /* next permutation in lexicographic order */
        int i = q - 2;
        while (i >= 0 && idx[i] > idx[i + 1])
            i--;
        if (i < 0)
            return n;
        int j = q - 1;
        while (idx[j] < idx[i])
            j--;
        int tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
        for (int a = i + 1, b = q - 1; a < b; a++, b--) {
            tmp = idx[a];
            idx[a] = idx[b];
            idx[b] = tmp;
        }
    }
}

static void orbit_of(const joint_search *js, const int *p1, const int *pq,
                     int perm[][ORBIT_MAX_TRIADS], int nperm, unsigned char *key)
{
    int q = js->ntriads;
    unsigned char share[ORBIT_MAX_TRIADS][ORBIT_MAX_TRIADS] = {{0}};
    for (size_t a = 0; a < js->m; a++)
        share[p1[a]][pq[a]]++;
    memset(key, 0xff, ORBIT_KEY);
    for (int r = 0; r < nperm; r++) {
        unsigned char col[ORBIT_MAX_TRIADS][ORBIT_MAX_TRIADS] = {{0}};
        for (int c = 0; c < q; c++)
            for (int t = 0; t < q; t++)
                col[c][t] = share[perm[r][t]][c];
        qsort(col, (size_t)q, sizeof col[0], cmp_column);
        if (memcmp(col, key, ORBIT_KEY) < 0)
            memcpy(key, col, ORBIT_KEY);
    }
}

/* Keeps one candidate of each class (the first in c's order); returns how
 * many are left, or nc unchanged when the classes cannot be listed. */
static size_t orbit_filter(const joint_search *js, joint_cand *c, size_t nc)
{
    if (!(js->symmetric || js->relaxed) || js->polish || js->ntriads > ORBIT_MAX_TRIADS)
        return nc;
    int perm[24][ORBIT_MAX_TRIADS];
    int nperm = row_perms(js, perm);
    orbit_key *ok = malloc((nc + 1) * sizeof *ok);
    unsigned char *keep = calloc(nc + 1, 1);
    if (!ok || !keep) {
        free(ok);
        free(keep);
        return nc;
    }
    const int *p1 = js->parts + js->choice[0] * js->m;
    for (size_t r = 0; r < nc; r++) {
        orbit_of(js, p1, js->parts + c[r].q * js->m, perm, nperm, ok[r].k);
        ok[r].pos = r;
    }
    qsort(ok, nc, sizeof *ok, cmp_orbit);
    for (size_t r = 0; r < nc; r++)
        if (r == 0 || memcmp(ok[r].k, ok[r - 1].k, ORBIT_KEY) != 0)
            keep[ok[r].pos] = 1;
    size_t n = 0;
    for (size_t r = 0; r < nc; r++)
        if (keep[r])
            c[n++] = c[r];
    free(ok);
    free(keep);
    return n;
}

/* Depth-first over years: the fewest broken constraints (a repeat never
 * buys a trust cap or an all-concern triad), then the fewest repeats, then
 * the least cost; each year's partitions in that order (the first descent
 * is the year-by-year plan), pruned by a bound: a partition's broken
 * constraints never change, and its repeats only grow as later years add
 * pairs that have met, so each year still to plan costs at least the least
 * of them now. */
static void joint_dfs(joint_search *js, size_t y, long hard, long rep, double cost)
{
    if (js->done)
        return;
    size_t later = js->years - y;
    if (joint_beaten(js, hard + (long)later * js->min_hard, rep, cost + later * js->min_cost))
        return;
    if (y == js->years) {
        js->best_hard = hard;
        js->best_rep = rep;
        js->best_cost = cost;
        memcpy(js->best, js->choice, js->years * sizeof *js->best);
        js->done = !js->polish && hard == (long)js->years * js->min_hard && rep <= js->floor_rep;
        return;
    }
    if (js->visits > js->max_visits || partition_should_stop(js->stop)) {
        js->cut = 1;
        return;
    }
    js->visits += js->np;
    joint_cand *c = malloc(js->np * sizeof *c);
    if (!c) {
        js->cut = 1; /* not proved: the caller says so */
        return;
    }
    int least_rep = INT_MAX;
    for (size_t q = 0; q < js->np; q++) {
        const int *pr = js->pairs + q * js->npairs;
        int r = 0;
        for (size_t k = 0; k < js->npairs; k++)
            r += js->met[pr[k]] != 0;
        c[q] = (joint_cand){.add = js->cost[q],
                            .hard = js->relaxed ? 0 : (long)floor(js->cost[q] / PARTITION_HARD + 1e-9),
                            .rep = r,
                            .q = q};
        least_rep = r < least_rep ? r : least_rep;
    }
    /* the years after this one repeat at least least_rep pairs each: keep
     * only the partitions that can still beat the best, then order them */
    long after = (long)later - 1;
    size_t nc = 0;
    for (size_t q = 0; q < js->np; q++)
        if (!joint_beaten(js, hard + c[q].hard + after * js->min_hard,
                          rep + c[q].rep + after * least_rep,
                          cost + c[q].add + (double)after * js->min_cost))
            c[nc++] = c[q];
    qsort(c, nc, sizeof *c, cmp_cand);
    if (y == 1)
        nc = orbit_filter(js, c, nc);
    /* Year 1 meets nobody again, and any partition is as good as another
     * for the years after it up to renaming: take the cheapest. */
    size_t width = y == 0 && nc ? 1 : nc;
    for (size_t r = 0; r < width; r++) {
        if (js->visits > js->max_visits) {
            js->cut = 1;
            break;
        }
        if (joint_beaten(js, hard + c[r].hard + after * js->min_hard,
                         rep + c[r].rep + after * least_rep,
                         cost + c[r].add + (double)after * js->min_cost))
            continue; /* the best improved since the filter */
        js->choice[y] = c[r].q;
        joint_mark(js, c[r].q, 1);
        joint_dfs(js, y + 1, hard + c[r].hard, rep + c[r].rep, cost + c[r].add);
        joint_mark(js, c[r].q, -1);
    }
    free(c);
}

/* Never silent: a rotation whose fewest repeats are not proved says which
 * collaborative and why. */
static void not_proved(triad_i_buf *warn, const stratum_job *j, const pstratum *ps, size_t g,
                       size_t m, size_t years, const char *why)
{
    char label[300];
    if (j->label && j->label[g])
        snprintf(label, sizeof label, "%s", j->label[g]);
    else
        snprintf(label, sizeof label, "%s-%02zu", ps->name, g + 1);
    triad_i_buf_printf(warn,
                       "warning: stratum %s: rotation of %zu years: collaborative %s (%zu "
                       "schools): the fewest repeated triad pairs are not proved: %s\n",
                       ps->name, years, label, m, why);
}

/* The static facts of the partitions: each one's within-triad pairs (as
 * a * m + b), the least cost and fewest broken constraints of any, and
 * whether they all break as many (the symmetry the proof may use). */
static void joint_load(joint_search *js, const int *parts)
{
    long max_hard = 0;
    size_t m = js->m;
    for (size_t k = 0; k < js->np; k++) {
        js->min_cost = fmin(js->min_cost, js->cost[k]);
        long hard = (long)floor(js->cost[k] / PARTITION_HARD + 1e-9);
        js->min_hard = hard < js->min_hard ? hard : js->min_hard;
        max_hard = hard > max_hard ? hard : max_hard;
        const int *pt = parts + k * m;
        int *pairs = js->pairs + k * js->npairs;
        size_t n = 0;
        for (size_t a = 0; a < m; a++)
            for (size_t b = a + 1; b < m; b++)
                if (pt[a] == pt[b])
                    pairs[n++] = (int)(a * m + b);
    }
    js->parts = parts;
    js->symmetric = js->min_hard == max_hard;
}

/* The three passes; 1 when the fewest repeats are proved. First the
 * shape's own least repeats, every constraint set aside: no rotation
 * repeats fewer, so the second pass stops at the first rotation with that
 * many and the fewest broken constraints. The third polishes balance among
 * the rotations as good as that. */
static int joint_run(joint_search *js)
{
    long min_hard = js->min_hard;
    js->relaxed = 1;
    js->min_hard = 0;
    joint_dfs(js, 0, 0, 0, 0.0);
    js->floor_rep = js->cut || js->best_rep == LONG_MAX ? 0 : js->best_rep;
    js->relaxed = js->cut = js->done = 0;
    js->min_hard = min_hard;
    js->visits = 0;
    js->best_hard = js->best_rep = LONG_MAX;
    js->best_cost = INFINITY;
    joint_dfs(js, 0, 0, 0, 0.0);
    int proved = !js->cut || js->done;
    js->done = 0;
    js->polish = 1;
    js->visits = 0;
    js->max_visits = JOINT_POLISH_VISITS;
    if (js->best_rep != LONG_MAX)
        joint_dfs(js, 0, 0, 0, 0.0);
    return proved;
}

/* Collaborative g's triads for every year, into *out (years * m, NULL when
 * there was no time for even one descent). */
static triad_status joint_collab(const stratum_job *j, const pstratum *ps, collab_ws *w,
                                 size_t g, size_t m, int q, triads_problem *tp, size_t years,
                                 solve_ctl *ctl, int **out, triad_i_buf *warn, triad_error *err)
{
    int *parts = NULL;
    double *cost = NULL;
    size_t np = 0;
    if (triads_enumerate(tp, &parts, &cost, &np) != 0)
        return triad_i_fail_nomem(err);
    size_t npairs = 0;
    for (int t = 0; t < q; t++)
        npairs += (size_t)(w->tsize[t] * (w->tsize[t] - 1) / 2);
    joint_search js = {.m = m, .np = np, .years = years, .npairs = npairs,
                       .pairs = malloc((np * npairs + 1) * sizeof *js.pairs), .cost = cost,
                       .min_cost = INFINITY, .best_hard = LONG_MAX, .best_rep = LONG_MAX,
                       .best_cost = INFINITY, .min_hard = LONG_MAX,
                       .max_visits = JOINT_PROOF_VISITS, .stop = &ctl->stop, .ntriads = q,
                       .tsize = w->tsize};
    js.met = calloc(m * m, 1);
    js.choice = malloc(years * sizeof *js.choice);
    js.best = malloc(years * sizeof *js.best);
    *out = malloc(years * m * sizeof **out);
    triad_status st = TRIAD_OK;
    if (!js.pairs || !js.met || !js.choice || !js.best || !*out) {
        st = triad_i_fail_nomem(err);
    } else {
        joint_load(&js, parts);
        if (!joint_run(&js) && js.best_rep != LONG_MAX) {
            char why[160];
            snprintf(why, sizeof why, "the search stopped at %s with %ld repeated pairs found",
                     partition_should_stop(js.stop) ? "the time limit" : "its budget",
                     js.best_rep);
            not_proved(warn, j, ps, g, m, years, why);
        }
        if (js.best_rep == LONG_MAX) { /* no time for even one descent */
            free(*out);
            *out = NULL;
        } else {
            for (size_t y = 0; y < years; y++)
                memcpy(*out + y * m, parts + js.best[y] * m, m * sizeof **out);
        }
    }
    free(js.met);
    free(js.choice);
    free(js.best);
    free(js.pairs);
    free(parts);
    free(cost);
    return st;
}

triad_status rotation_joint_triads(const stratum_job *j, const int *group, const pstratum *ps,
                                   const triad_plan *const *given, size_t ngiven, size_t years,
                                   solve_ctl *ctl, int **joint, triad_i_buf *warn,
                                   triad_error *err)
{
    collab_ws w = {0};
    triad_status st = collab_ws_init(&w, j) ? TRIAD_OK : triad_i_fail_nomem(err);
    for (size_t g = 0; g < j->k && st == TRIAD_OK; g++) {
        size_t m;
        triads_problem tp;
        /* priced against the given history only: the rotation's own years
         * are the search's business */
        int q = collab_prepare(&w, j, group, g, ps, given, ngiven, 0, ctl, &tp, &m);
        if (q < 2)
            continue;
        if (m > JOINT_MAX_SCHOOLS || tp.lock) { /* year by year */
            not_proved(warn, j, ps, g, m, years,
                       tp.lock ? "its locked triads (--fixed) keep it to a year-by-year plan"
                               : "it is larger than the joint search takes (12 schools): its "
                                 "triads are planned year by year");
            continue;
        }
        st = joint_collab(j, ps, &w, g, m, q, &tp, years, ctl, &joint[g], warn, err);
    }
    collab_ws_free(&w);
    return st;
}
