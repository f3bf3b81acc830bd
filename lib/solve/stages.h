/* The stages of triad_solve, one file each (in the order they run):
 *   stratum_job.c  a stratum's schools in local indices, group sizes, and the
 *                  counting arguments that say at once why it cannot be solved;
 *   starts.c       starting assignments, which are also the baselines
 *                  (random, deal, geo);
 *   multistart.c   the annealing starts spread over threads;
 *   triad_stage.c  triads inside each collaborative (exact search or ILP),
 *                  with the history of earlier years;
 *   leads.c        a lead school per collaborative;
 *   continuity.c   last year's collaboratives matched, kept where balance allows;
 *   rotation.c     the years of a rotation: same collaboratives, new triads;
 *   solve.c        the driver: options, strata, the ILP proof, the log.
 * Never installed. */
#ifndef TRIAD_SOLVE_STAGES_H
#define TRIAD_SOLVE_STAGES_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"
#include "model/plan_impl.h"
#include "model/profile.h"
#include "solve/partition.h"
#include "triad/triad.h"

#define STARTS 4               /* independent annealing runs per stratum */
#define LARGE_STRATUM 5000     /* above this, two starts */
/* annealing moves per start and school; a start that is not within one
 * after it goes on (partition.c) */
#define MOVES_PER_SCHOOL 250u
#define KM_WEIGHT 0.01         /* triad travel: cost per km per pair */
#define AUTO_ILP_MAX_CELLS 600 /* auto: prove strata with n * k up to this */
#define AUTO_ILP_SECONDS 5.0   /* auto: time for that proof */

/* The caller's progress callback, the shared cancel flag and the deadline.
 * Only the calling thread polls (the callback promises that thread); the
 * worker threads read the flag and the clock. */
typedef struct solve_ctl {
    triad_progress_fn progress;
    void *user;
    double t0, next_call;
    double excess; /* of the strata done */
    volatile int cancel;
    volatile int timed_out; /* the current stratum's share of time ran out */
    double deadline;        /* of the whole solve */
    partition_budget stop; /* deadline + cancel + poll, for the caller's thread */
} solve_ctl;

/* The search time of the next stratum: 85% (the triads and leads after the
 * search take the rest) of the time left times its share of the schools
 * left, so time an earlier stratum left unused passes on; never below a
 * floor of 5% of the limit, at most 0.5 s, so a stratum after one that ran
 * over still gets a search. A pure function, so the split is tested apart
 * from the clock. */
double triad_i_stratum_seconds(double time_left, double time_limit, size_t schools,
                               size_t schools_left);

struct stratum_job;
/* The context of the search's split check (travel_split.c). */
typedef struct travel_split {
    const struct stratum_job *job;
    int triad_size;
    double max_km;
} travel_split;

/* Everything the partition engine needs for one stratum, in local indices. */
typedef struct stratum_job {
    const profile *p;
    size_t n, k;
    long *member; /* local -> school index */
    int *size;
    int *cell;
    double *cat_weight, *cell_total;
    size_t ncat_attrs, ncells;
    double *value, *num_weight, *num_mean;
    size_t nnum;
    int *trust;
    unsigned char *elig;
    size_t *must_start, *cannot_start;
    int *must, *cannot;
    partition_problem pp;
    char sizes_why[320]; /* which sizes were chosen, and why (for the log) */
    /* continuity with last year (continuity.c), NULL without history */
    int *home;     /* per item: the group matched with its collaborative of last year */
    char **label;  /* per group: last year's label, or a new one */
    size_t returning; /* items that were in last year's plan */
    unsigned char *locked; /* per item: never moves (fixed_prepare), or NULL */
    const triad_plan *fixed; /* the officer's plan whose locked triads and leads
                                hold (fixed_prepare), or NULL */
    double *px, *py;  /* km from the stratum's centre, for geography (or NULL) */
    size_t *near_start; /* triad_max_km: who is within reach of whom (CSR) */
    int *near;
    unsigned char *near_need;
    travel_split split; /* triad_max_km: pp.splits_ctx points here */
} stratum_job;

/* triad_max_km shapes the collaboratives (travel_reach.c): each located
 * school's schools within reach, into j's CSR lists and the search's
 * reach term; a school no triad within the limit can hold (too few in
 * reach, no triangle, only triads the trust cap forbids) and a school
 * without a location are TRIAD_ERR_INFEASIBLE naming them. */
triad_status triad_reach(stratum_job *j, const pstratum *ps, triad_error *err);

/* triad_max_km over the whole plan (travel_split.c): 1 when group g of the
 * job splits into triads with every pair within the limit (the search's
 * `splits` term; ctx is a travel_split). */
int travel_splits(const void *ctx, const int *group, int g);

/* After the search: a warning naming the schools of a collaborative that
 * still cannot be split within the limit. */
void travel_split_report(const stratum_job *j, const int *group, const char *stratum,
                         triad_i_buf *warn);

/* Builds the job of stratum `stratum` (local[] receives each school's local
 * index or -1); infeasibility is an error, shortfalls a line in warn. */
triad_status stratum_job_build(stratum_job *j, const profile *p, int stratum, long *local,
                               triad_i_buf *warn, triad_error *err);
void stratum_job_free(stratum_job *j);

/* Matches the job's groups with last year's collaboratives (largest with
 * largest), fills j->home and j->label and sets the continuity terms of the
 * search (spec [history] collaborative_weight, keep_collaboratives). */
triad_status continuity_prepare(stratum_job *j, const triad_plan *last, int stratum,
                                triad_error *err);

/* As continuity_prepare, for the locked schools of a fixed plan: they get
 * their collaborative's group and label and never move (no move cost for
 * the others). More locked schools than a group holds is an error. */
triad_status fixed_prepare(stratum_job *j, const triad_plan *fixed, int stratum,
                           triad_error *err);

/* A start with every returning school back in its collaborative where
 * there is room, the others dealt into the rest. */
void continuity_start(const stratum_job *j, int *group);

/* A starting assignment by `method` (DEAL for the searches); 0 on
 * allocation failure. */
int start_assignment(const stratum_job *j, triad_method method, uint64_t seed, int *group);

/* Each must-link component of the start gathered into one group by swaps
 * with unlinked, unlocked schools (as far as room allows). 0 when memory
 * ran out. */
int start_gather_links(const stratum_job *j, int *group);

/* A seed for one (stratum, start) pair, independent of the thread count. */
uint64_t solve_mix_seed(uint64_t seed, uint64_t a, uint64_t b);

/* STARTS annealing runs over `threads` threads from group; the best
 * (cost, start number) is left in group. */
triad_status multistart_search(const stratum_job *j, uint64_t seed, int stratum, int threads,
                    solve_ctl *ctl, int *group, triad_error *err);

/* Triads inside every collaborative of the job for one year's plan. hist
 * holds nhist earlier plans, most recent first; the first nrot of them are
 * earlier years of this rotation (repeats there are hard). */
triad_status make_triads(const stratum_job *j, const int *group, const pstratum *ps,
                         triad_plan *plan, const long *collab_id, triad_method method,
                         solve_info *info, const triad_plan *const *hist, size_t nhist,
                         size_t nrot, int *const *joint, solve_ctl *ctl, triad_error *err);

/* For a rotation of `years` years: the triads of every collaborative of up
 * to 9 schools for all years at once, fewest repeated pairs over the whole
 * rotation first (year-by-year planning can corner the later years), then
 * balance. joint[g] receives years * m triad indexes (rows per year, in the
 * order of the collaborative's members), or stays NULL for collaboratives
 * planned year by year. given: the history before the rotation. */
triad_status rotation_joint_triads(const stratum_job *j, const int *group, const pstratum *ps,
                                   const triad_plan *const *given, size_t ngiven, size_t years,
                                   solve_ctl *ctl, int **joint, triad_i_buf *warn,
                                   triad_error *err);

/* Marks the lead school of every collaborative in plan. With --fixed, a
 * locked lead stays the lead and a locked non-lead is never made one; two
 * locked leads in one collaborative are an error naming both. */
triad_status choose_leads(const stratum_job *j, const int *group, triad_plan *plan,
                          triad_error *err);

/* The caller's options into *o (defaults first), checked against the
 * schools: ranges, and history, fixed and memberships made for them. */
triad_status take_solve_options(const triad_schools *schools, const triad_solve_options *opts,
                                 triad_solve_options *o, triad_error *err);

/* The memberships into the profile (p->memberships, NULL: none): refuses a
 * school over max_memberships by name; with keep_partnerships each
 * partnership that fits becomes a must-link of p (line 0), the rest
 * warnings; a "partnership: " line in notes. */
triad_status partnerships_prepare(profile *p, const triad_memberships *m, const triad_plan *fixed,
                                  triad_i_buf *notes, triad_i_buf *warn, triad_error *err);

/* After the solve: kept partnerships split, triad pairs of one partnership
 * under avoid_partnerships (warnings), and every school's count of groups
 * ("partnership: " lines in notes). Nothing without memberships. */
void partnerships_report(const profile *p, const triad_plan *plan, triad_i_buf *notes,
                         triad_i_buf *warn);

/* 1 when school a makes a better lead than b: the better grade, then the
 * longer-serving head, then more pupils. */
int lead_better(const school_rec *a, const school_rec *b);

/* A lead's term (the spec's lead_term) from prev - last year's plan, or the
 * rotation's year before; NULL: nothing to do - into plan, whose leads
 * choose_leads set: a lead in term leads on where most of its old
 * collaborative went, unless it left, moved, fell below the lead rule or
 * steps down; fixed's locked leads always lead. Sets plan's lead_years;
 * each change is a "lead: " line in notes. */
triad_status lead_succession(const profile *p, const triad_spec *spec, const triad_plan *prev,
                             const triad_plan *fixed, triad_plan *plan, triad_i_buf *notes,
                             triad_error *err);

/* With --fixed: every locked triad of the officer's plan is whole in plan
 * and no two share a triad, or an error naming the schools. */
triad_status check_locked_triads(const stratum_job *j, const triad_plan *plan,
                                 triad_error *err);

/* Writes the job's collaboratives (group) into each of the years' plans,
 * with triads that avoid earlier years' partners and a lead each. info is
 * the stratum's entry in plans[0]; later years get a copy. */
triad_status rotation_plan_years(const stratum_job *j, const int *group, int stratum,
                                 const triad_solve_options *o, solve_ctl *ctl,
                                 triad_plan **plans, size_t years, solve_info *info,
                                 double t_start, triad_i_buf *warn, triad_error *err);

#endif
