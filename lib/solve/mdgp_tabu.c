/* Iterated tabu search for the maximally diverse grouping problem: a tabu
 * phase over the one-move and swap neighbourhoods, each move priced in O(1)
 * from cached sums w[i][g] = sum of d(i, j) over the members j of group g,
 * then a perturbation of the best solution found. In the spirit of the
 * iterated searches of Lai & Hao (2016) and Yang et al. (2022). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "model/mdgp_impl.h"
#include "solve/partition.h"
#include "solve/rng.h"
#include "solve/size_profile.h"
#include "solve/mdgp_its.h"

#define MDGP_POLL_SECONDS 0.2

void triad_mdgp_options_init(triad_mdgp_options *o)
{
    memset(o, 0, sizeof *o);
    o->struct_size = sizeof *o;
    o->seconds = 10.0;
    o->seed = 1;
}

/* A tabu phase from the current solution until `depth` steps bring no
 * improvement; leaves the phase's best in out and returns its objective.
 * *stop is set when the budget runs out. */
typedef struct budget {
    uint64_t iter, max_iter;
    double deadline;
    int tenure_min, tenure_span;
    /* the caller's callback, polled from inside the phases so that a cancel
     * takes effect within a fraction of a second */
    const triad_mdgp_options *o;
    double t0, next_report, best;
    uint64_t best_iter; /* when best was last raised */
    double best_time;
    int cancelled;
} budget;

/* 1 when the search must stop: budget spent, past the deadline, or the
 * callback asked to cancel. */
static int budget_spent(budget *b)
{
    if (b->max_iter && b->iter >= b->max_iter)
        return 1;
    if ((b->iter & 15) != 0)
        return 0;
    double now = clock_now();
    if (now > b->deadline)
        return 1;
    if (b->o->progress && now >= b->next_report) {
        b->next_report = now + MDGP_POLL_SECONDS;
        if (b->o->progress(now - b->t0, b->best, b->o->progress_user) != 0)
            b->cancelled = 1;
    }
    return b->cancelled;
}

static double tabu_phase(its *s, budget *b, uint64_t depth, int *out, int *stop)
{
    double phase_obj = s->obj;
    memcpy(out, s->group, s->n * sizeof *out);
    uint64_t since = 0;
    while (since < depth) {
        if (!tabu_step(s, b->iter++, phase_obj, b->tenure_min, b->tenure_span, 0)) {
            *stop = 1;
            break;
        }
        if (s->obj > phase_obj + 1e-9) {
            phase_obj = s->obj;
            memcpy(out, s->group, s->n * sizeof *out);
            since = 0;
            if (phase_obj > b->best + 1e-9) {
                b->best = phase_obj;
                b->best_iter = b->iter;
                b->best_time = clock_now() - b->t0;
            }
        } else {
            since++;
        }
        if (budget_spent(b)) {
            *stop = 1;
            break;
        }
    }
    return phase_obj;
}

/* Passes a warning line to the caller's log, if any. */
static void warn(const triad_mdgp_options *o, const char *line)
{
    if (o->log)
        o->log(TRIAD_LOG_WARNING, line, o->log_user);
}

triad_status triad_mdgp_solve(const triad_mdgp *g, const triad_mdgp_options *opts, int *group,
                              double *objective, triad_error *err)
{
    return triad_i_mdgp_solve_limited(g, opts, TRIAD_PROFILE_MAX_WORK, group, objective, NULL,
                                      err);
}

triad_status triad_mdgp_solve_stats(const triad_mdgp *g, const triad_mdgp_options *opts,
                                    int *group, double *objective, triad_mdgp_stats *stats,
                                    triad_error *err)
{
    if (!stats)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "stats is NULL");
    return triad_i_mdgp_solve_limited(g, opts, TRIAD_PROFILE_MAX_WORK, group, objective, stats,
                                      err);
}

/* The pool of the memetic search (Lai & Hao 2016): up to POPULATION
 * solutions for crossover, and the best found. */
typedef struct pool {
    int *pop, *best;
    double obj[POPULATION], best_obj;
    int filled, since_best;
} pool;

/* A new solution in child: random while the pool fills, then a crossover
 * of two members. With distances >= 0 every start is on a best size
 * profile (children keep a parent's profile): on RanReal_n480_ds_01 at 60 s
 * the runs that fell short ended on another profile (sum of squares 11900,
 * 0.75% short) and the good one on the best (11904, 0.17%); on Geo n=480,
 * when only a coin decided, 2 of 5 seeds had no start on it and ended 0.3%
 * and 1.1% short. With negative distances more pairs need not help: every
 * other start takes random sizes. 0 on allocation failure. */
static int new_solution(its *s, const pool *pl, int *child, int *sizes)
{
    if (pl->filled < POPULATION) {
        return random_start(s, s->nonneg || pl->filled % 2 == 0);
    }
    int pa = (int)rng_below(&s->r, (uint32_t)POPULATION), pb;
    do
        pb = (int)rng_below(&s->r, (uint32_t)POPULATION);
    while (pb == pa);
    if (!crossover(s, pl->pop + (size_t)pa * s->n, pl->pop + (size_t)pb * s->n, child))
        return 0;
    memset(sizes, 0, s->m * sizeof *sizes);
    for (size_t i = 0; i < s->n; i++)
        sizes[pl->pop[(size_t)pa * s->n + i]]++;
    complete(s, child, sizes);
    return 1;
}

/* Iterated tabu search from the current solution: ITS_ROUNDS phases, each
 * followed by a perturbation; child receives the best phase's solution. */
static double improve(its *s, budget *bud, uint64_t depth, int strength, int *phase_best,
                      int *child, int *stop)
{
    double local_obj = -INFINITY;
    for (int r = 0; r < ITS_ROUNDS && !*stop; r++) {
        double ph = tabu_phase(s, bud, depth, phase_best, stop);
        if (ph > local_obj + 1e-9) {
            local_obj = ph;
            memcpy(child, phase_best, s->n * sizeof *child);
        }
        load(s, child);
        perturb(s, strength);
    }
    return local_obj;
}

/* The pool takes child: it fills, else child replaces the worst member when
 * better and new. A pool that has stopped producing better solutions has
 * converged on one basin: keep the best and refill the rest from new
 * starts. */
static void pool_take(pool *pl, const int *child, double obj, size_t n)
{
    if (obj > pl->best_obj + 1e-9) {
        pl->best_obj = obj;
        memcpy(pl->best, child, n * sizeof *pl->best);
        pl->since_best = 0;
    } else if (pl->filled >= POPULATION) {
        pl->since_best++;
    }
    int slot = -1;
    if (pl->filled < POPULATION) {
        slot = pl->filled++;
    } else {
        int worst = 0, dup = 0;
        for (int q = 0; q < POPULATION; q++) {
            if (pl->obj[q] < pl->obj[worst])
                worst = q;
            if (fabs(pl->obj[q] - obj) < 1e-6)
                dup = 1;
        }
        if (!dup && obj > pl->obj[worst])
            slot = worst;
    }
    if (slot >= 0) {
        memcpy(pl->pop + (size_t)slot * n, child, n * sizeof *child);
        pl->obj[slot] = obj;
    }
    if (pl->since_best >= STAGNATION) {
        memcpy(pl->pop, pl->best, n * sizeof *pl->pop);
        pl->obj[0] = pl->best_obj;
        pl->filled = 1;
        pl->since_best = 0;
    }
}

/* The search's budget: the caller's limits, and random tenures of 5-15
 * steps up to n = 240, growing with n beyond (10-30 at n = 480:
 * RanReal_n480_ss_01 at 60 s went from 0.12%/0.07% short of the best known
 * to 0.23%/0.07% above it on seeds 1-2, while 10-30 at n = 240 was worse
 * than 5-15). */
static budget make_budget(const its *s, const triad_mdgp_options *o)
{
    double t0 = clock_now();
    budget bud = {.iter = 0, .max_iter = o->max_iterations,
                  .deadline = o->seconds > 0 ? t0 + o->seconds : INFINITY, .o = o, .t0 = t0,
                  .next_report = t0 + MDGP_POLL_SECONDS, .best = -INFINITY};
    bud.tenure_min = s->n >= 40 ? (int)(s->n / 48 > 5 ? s->n / 48 : 5) : 1;
    bud.tenure_span = s->n >= 40 ? (int)(s->n / 24 > 10 ? s->n / 24 : 10) : (int)(s->n / 8);
    return bud;
}

static void warn_profile(const its *s, const triad_mdgp_options *o, size_t profile_max_work)
{
    if (s->profile.exact)
        return;
    char line[400];
    snprintf(line, sizeof line,
             "the group sizes with the most within-group pairs were not computed: the "
             "exact programme would take over the limit of %zu steps; starts fill the "
             "groups with the largest bounds first (%lld in the sum of squared sizes), "
             "which may have fewer pairs than the best sizes",
             profile_max_work, s->profile.squares);
    warn(o, line);
}

triad_status triad_i_mdgp_solve_limited(const triad_mdgp *g, const triad_mdgp_options *opts,
                                        size_t profile_max_work, int *group, double *objective,
                                        triad_mdgp_stats *stats, triad_error *err)
{
    triad_error_clear(err);
    if (!g || !group || !objective)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "NULL argument");
    triad_mdgp_options o;
    triad_mdgp_options_init(&o);
    triad_status st = triad_i_take_options(&o, sizeof o, opts, "triad_mdgp_options", err);
    if (st != TRIAD_OK)
        return st;
    if (!(o.seconds > 0) && o.max_iterations == 0)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "give seconds > 0 or max_iterations > 0");
    its s;
    int ok = its_alloc(&s, g, profile_max_work);
    pool pl = {.best_obj = -INFINITY};
    pl.pop = malloc((size_t)POPULATION * g->n * sizeof *pl.pop);
    pl.best = malloc(g->n * sizeof *pl.best);
    int *phase_best = malloc(g->n * sizeof *phase_best);
    int *child = malloc(g->n * sizeof *child), *sizes = malloc((g->n + 1) * sizeof *sizes);
    if (!ok || !phase_best || !pl.best || !pl.pop || !child || !sizes) {
        st = triad_i_fail_nomem(err);
        goto done;
    }
    warn_profile(&s, &o, profile_max_work);
    rng_seed(&s.r, o.seed);
    budget bud = make_budget(&s, &o);
    /* phases end after 2.5 n steps without gain; perturbations of n/20
     * random swaps */
    uint64_t depth = s.n * 5 / 2;
    int strength = (int)(s.n / 20 > 3 ? s.n / 20 : 3);
    int stop = 0;
    while (st == TRIAD_OK && !stop) {
        if (!new_solution(&s, &pl, child, sizes)) {
            st = triad_i_fail_nomem(err);
            break;
        }
        double local_obj = improve(&s, &bud, depth, strength, phase_best, child, &stop);
        pool_take(&pl, child, local_obj, s.n);
        if (bud.cancelled)
            st = triad_i_fail(err, TRIAD_ERR_CANCELLED, NULL, 0, 0, "cancelled by the caller");
    }
    if (st == TRIAD_OK && pl.best_obj == -INFINITY)
        st = triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "budget too small");
    if (st == TRIAD_OK) {
        memcpy(group, pl.best, s.n * sizeof *group);
        st = triad_mdgp_evaluate(g, group, objective, err);
    }
    if (st == TRIAD_OK && stats)
        *stats = (triad_mdgp_stats){bud.iter, clock_now() - bud.t0, bud.best_iter, bud.best_time,
                                    bud.max_iter && bud.iter >= bud.max_iter ? "iterations"
                                                                             : "seconds"};
done:
    free(pl.pop);
    free(child);
    free(sizes);
    its_free(&s);
    free(phase_best);
    free(pl.best);
    return st;
}

/* 1 when the incremental member lists, gains and maxima equal, bit for
 * bit, what a rebuild gives (which it leaves in place). */
static int matches_rebuild(its *s, int *memb, double *gain, double *maxg)
{
    size_t n = s->n, m = s->m;
    memcpy(memb, s->memb, n * sizeof *memb);
    memcpy(gain, s->gain, n * m * sizeof *gain);
    memcpy(maxg, s->maxg, m * m * sizeof *maxg);
    rebuild_gains(s);
    return memcmp(memb, s->memb, n * sizeof *memb) == 0 &&
           memcmp(gain, s->gain, n * m * sizeof *gain) == 0 &&
           memcmp(maxg, s->maxg, m * m * sizeof *maxg) == 0;
}

int triad_i_mdgp_scan_selfcheck(const triad_mdgp *g, uint64_t seed, uint64_t steps,
                                uint64_t *mismatches, uint64_t *stale)
{
    its s;
    int ok = its_alloc(&s, g, TRIAD_PROFILE_MAX_WORK) && s.nonneg;
    int *memb = malloc(g->n * sizeof *memb);
    double *gain = malloc(g->n * g->m * sizeof *gain);
    double *maxg = malloc(g->m * g->m * sizeof *maxg);
    ok = ok && memb && gain && maxg;
    *mismatches = 0;
    *stale = 0;
    if (ok) {
        rng_seed(&s.r, seed);
        ok = random_start(&s, 1);
    }
    double best_obj = ok ? s.obj : 0;
    for (uint64_t t = 0; ok && t < steps; t++) {
        /* the same step priced both ways, from the same random state */
        size_t nroom = rooms(&s);
        rng saved = s.r;
        pick fast = {.best = -INFINITY, .bi = -1, .bj = -1, .bh = -1, .ties = 0};
        pick full = fast;
        scan_pruned(&s, &fast, nroom, t, best_obj, 0);
        scan_all(&s, &full, nroom, t, best_obj, 0);
        s.r = saved;
        if (fabs(fast.best - full.best) > 1e-9 * (1 + fabs(full.best)))
            (*mismatches)++;
        if (!tabu_step(&s, t, best_obj, 2, 5, 0))
            break;
        if (s.gains_valid && !matches_rebuild(&s, memb, gain, maxg))
            (*stale)++;
        if (s.obj > best_obj)
            best_obj = s.obj;
        if (t % 97 == 96) /* leave the gains stale now and then */
            perturb(&s, 3);
    }
    its_free(&s);
    free(memb);
    free(gain);
    free(maxg);
    return ok;
}
