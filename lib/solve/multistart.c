/* Multi-start annealing over threads, deterministic for a seed whatever the
 * thread count; the caller's thread keeps the progress callback alive. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solve/rng.h"
#include "solve/stages.h"

typedef struct start_run {
    const stratum_job *j;
    const int *initial;
    int *group;
    uint64_t seed;
    partition_budget budget;
    double cost;
    atomic_int done;
} start_run;

static void *run_start(void *arg)
{
    start_run *r = arg;
    memcpy(r->group, r->initial, r->j->n * sizeof *r->group);
    r->cost = partition_improve(&r->j->pp, r->group, r->seed, &r->budget);
    atomic_store(&r->done, 1);
    return NULL;
}

uint64_t solve_mix_seed(uint64_t seed, uint64_t a, uint64_t b)
{
    uint64_t x = seed ^ (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full);
    return rng_splitmix(&x);
}

/* Runs STARTS annealing runs over `threads` threads. The result depends only
 * on the seed: starts are numbered and the best (cost, number) wins. */
triad_status multistart_search(const stratum_job *j, uint64_t seed, int stratum, int threads,
                           solve_ctl *ctl, int *group, triad_error *err)
{
    start_run runs[STARTS];
    /* Large strata: two starts, each long enough; more only repeat the
     * same answer at twice the cost (the count depends on n alone, so the
     * plan still does not depend on the threads). */
    int starts = j->n > LARGE_STRATUM ? 2 : STARTS;
    int *buf = malloc((size_t)starts * j->n * sizeof *buf + 1);
    if (!buf)
        return triad_i_fail_nomem(err);
    uint64_t moves = (uint64_t)MOVES_PER_SCHOOL * j->n;
    for (int s = 0; s < starts; s++) {
        runs[s].j = j;
        runs[s].initial = group;
        runs[s].group = buf + (size_t)s * j->n;
        runs[s].seed = solve_mix_seed(seed, (uint64_t)stratum, (uint64_t)s);
        runs[s].budget = ctl->stop;
        runs[s].budget.moves = moves;
        runs[s].budget.poll = NULL; /* only the caller's thread calls back */
        runs[s].cost = -1;
        atomic_init(&runs[s].done, 0);
    }
    if (threads < 1)
        threads = 1;
    for (int s0 = 0; s0 < starts; s0 += threads) {
        pthread_t tid[STARTS];
        int started[STARTS] = {0};
        for (int s = s0; s < starts && s < s0 + threads; s++) {
            if (s > s0 && pthread_create(&tid[s], NULL, run_start, &runs[s]) == 0)
                started[s] = 1;
        }
        runs[s0].budget.poll = ctl->stop.poll;
        run_start(&runs[s0]);
        /* Wait for the workers while keeping the callback alive, so the
         * caller can still cancel. */
        for (int s = s0 + 1; s < starts && s < s0 + threads; s++) {
            if (!started[s]) {
                runs[s].budget.poll = ctl->stop.poll;
                run_start(&runs[s]); /* no thread to be had: run it here */
                continue;
            }
            while (!atomic_load(&runs[s].done)) {
                struct timespec nap = {0, 5000000};
                nanosleep(&nap, NULL);
                partition_should_stop(&ctl->stop);
            }
            pthread_join(tid[s], NULL);
        }
    }
    int best = -1;
    triad_status st = TRIAD_OK;
    for (int s = 0; s < starts && st == TRIAD_OK; s++) {
        if (runs[s].cost < 0) /* that start could not allocate */
            st = triad_i_fail_nomem(err);
        else if (best < 0 || runs[s].cost < runs[best].cost - 1e-9)
            best = s;
    }
    if (st == TRIAD_OK)
        memcpy(group, runs[best].group, j->n * sizeof *group);
    free(buf);
    return st;
}
