/* The inside of brokering: market (offers, needs), brokerage (matches and
 * what they leave). Never installed. */
#ifndef TRIAD_BROKER_BROKER_IMPL_H
#define TRIAD_BROKER_BROKER_IMPL_H

#include <stddef.h>

#include "core/util.h"
#include "triad/triad.h"

enum { ROLE_NONE = 0, ROLE_SLE, ROLE_LLE, ROLE_NLE };

typedef struct offer {
    size_t school; /* index in the schools */
    int area;      /* index in market->areas */
    double days;
    int role;            /* ROLE_* */
    int max_schools;     /* 0 = no limit */
    int despite_concern; /* the data overrides "causing concern offers nothing" */
    long line;
} offer;

typedef struct need {
    size_t school;
    int area;
    double days;
    int priority; /* 1-3 */
    long line;
} need;

struct triad_market {
    size_t noffers, nneeds, nareas;
    offer *offers;
    need *needs;
    char **areas;    /* canonical names, as first written */
    size_t nschools; /* of the schools the market was read for */
};

/* A school that may not support a need, and why (for unmet reasons). */
enum {
    WHY_OK = 0,
    WHY_SELF,
    WHY_CONCERN,
    WHY_GRADE,
    WHY_TRAVEL,
    WHY_TRUST,
    WHY_NO_LOCATION,
    WHY_COUNT
};

/* Straight-line km between schools a and b, negative when either has no
 * location. */
double broker_km(const triad_schools *s, size_t a, size_t b);

/* Whether offer o may serve need d under opts, and if not, why (WHY_*).
 * km receives the distance (negative when unknown). */
int broker_eligible(const triad_schools *s, const triad_market *m, const offer *o, const need *d,
                    const triad_broker_options *opts, double *km);

/* Fills o from the caller's options (NULL: defaults) and checks them and
 * that the market and plan are for these schools. */
triad_status broker_options_take(const triad_broker_options *opts, const triad_schools *s,
                                 const triad_plan *plan, const triad_market *m,
                                 triad_broker_options *o, triad_error *err);

/* ---- the market as a network (broker_arcs.c) ---- */

typedef struct arc {
    size_t offer, need;
    double km, weight, cost; /* weight: the need's priority; cost: policy + km */
    long pair;               /* its (supporter, school) pair */
} arc;

typedef struct pair_ref {
    size_t sup, sch;
} pair_ref;

typedef struct broker_arcs {
    arc *a;
    size_t na;
    pair_ref *pr;
    size_t np;
    int *max_sch;          /* per school as supporter: its smallest max_schools, 0 none */
    long *pair_col;        /* per pair: its binary's GLPK column, 0 when no cap can bind */
    double *lo;            /* per arc: days kept from a brokerage under way, or NULL */
    unsigned char *forced; /* per pair: switched on by a match kept, or NULL */
    size_t nbin;           /* columns na+1 .. na+nbin */
    int mip;               /* nbin > 0 */
} broker_arcs;

/* Arc k's lower bound: the days a match under way keeps on it, else 0. */
static inline double broker_arc_lo(const broker_arcs *g, size_t k)
{
    return g->lo ? g->lo[k] : 0;
}

triad_status broker_arcs_build(broker_arcs *g, const triad_schools *s, const triad_plan *plan,
                               const triad_market *m, const triad_broker_options *o,
                               triad_error *err);
void broker_arcs_free(broker_arcs *g);

/* CSR buckets: items 0..n-1 under keys 0..nkeys-1 (key_of[i]); start has
 * nkeys + 1 entries, items the grouped indexes. 0 on allocation failure. */
int broker_bucket(const size_t *key_of, size_t n, size_t nkeys, size_t **start, size_t **items);

/* ---- earlier years (broker_history.c) ---- */

/* Years running (from the most recent back) that sup supported sch. */
size_t broker_history_years(const triad_broker_history *h, size_t sup, size_t sch);
/* The number of schools the history was read for. */
size_t broker_history_schools(const triad_broker_history *h);
/* Last year's distinct pairs, sorted by (sup, sch); 0 without a history. */
size_t broker_history_last_year(const triad_broker_history *h, const pair_ref **pairs);

/* ---- the GLPK model (broker_model.c) ---- */

struct glp_prob;
/* The first objective's model over g into an empty problem, without the
 * caps: arcs are columns 1..na, a row per offer and per need (a
 * transportation problem). named: column names for an LP file. Must run
 * inside a glpk_guard (allocation failures longjmp to it). */
void broker_model_build(struct glp_prob *P, const triad_schools *s, const triad_market *m,
                        const broker_arcs *g, int named);
/* Adds the caps to it: capped pairs' switches as columns na+1..na+nbin
 * (binary when integer, else in [0,1]), an arc's link to its switch, and
 * the max_supporters and max_schools rows where they can bind. */
void broker_model_add_caps(struct glp_prob *P, const triad_schools *s, const triad_market *m,
                           const broker_arcs *g, const triad_broker_options *o, int integer,
                           int named);

/* ---- a plan without GLPK (broker_greedy.c) ---- */

/* Arcs in order of priority, then cost, each as many days as its offer and
 * need have left, a pair only while the caps allow. x receives the days
 * per arc. 0 on allocation failure. */
int broker_greedy(const triad_market *m, const broker_arcs *g, const triad_broker_options *o,
                  size_t nschools, double *x);

/* ---- termly re-brokering (broker_term.c) ---- */

/* The matches of o->under_way that today's rules, needs, offers and caps
 * can hold, as lower bounds g->lo per arc and pairs g->forced; each match
 * not kept (or kept in part) is a warning in b, and b counts what is kept.
 * TRIAD_ERR_INVALID_ARGUMENT when it was read against another market. */
triad_status broker_keep_under_way(broker_arcs *g, const triad_schools *s, const triad_market *m,
                                   const triad_broker_options *o, triad_brokerage *b,
                                   triad_error *err);

/* Never silent: under a travel limit (o->max_km) the market's schools
 * without a location, named in one warning of b. 0 on allocation failure. */
int broker_warn_unlocated(triad_brokerage *b, const triad_schools *s, const triad_market *m,
                          const triad_broker_options *o);

/* The words for a rule's verdict (WHY_*). */
const char *broker_why_text(int why);

/* ---- supporters chosen school by school (broker_pairs.c) ---- */

/* Each needing school's best set of at most max_supporters supporters for
 * what the others leave (most weighted need first), then passes that
 * choose again while one improves and the clock is before deadline
 * (monotonic seconds). x receives the days per arc, open[] the pairs
 * switched on (uncapped pairs always). Every rule kept. 0 on allocation
 * failure. */
int broker_pick_pairs(const triad_market *m, const broker_arcs *g, const triad_broker_options *o,
                      size_t nschools, double deadline, double *x, unsigned char *open);

/* ---- the plan's supporters improved by the LP's prices (broker_improve.c) ---- */
/* What a search stage may spend. It stops on its own count of LPs so that
 * its plan is the same on any machine; the deadline (monotonic seconds,
 * the call's time limit) is a safety net, and out_of_time says it struck:
 * then the plan depends on the machine's speed, and the caller says so. */
typedef struct broker_work {
    double deadline;
    size_t max_lps, lps; /* LPs allowed and solved (max_lps 0: no count) */
    int out_of_time;
} broker_work;
/* 1 while w may go on; sets out_of_time when the deadline is past. */
int broker_work_left(broker_work *w);
/* From the pairs of open[] (worth *value): closed pairs whose arcs price
 * out switched on, into a free place or in place of one of the school's
 * supporters, each kept only when the LP over the pairs (its own, built
 * here) meets strictly more; until none does, the work runs out (each LP
 * counted in work->lps) or stop_at (a bound: nothing can meet more). Then, from the
 * local optimum, kicks: a school made to take its best set at the prices
 * whatever it meets, the moves again, kept when the plan meets more than
 * before the kick, else undone. open[] follows the moves kept, *value their worth when one
 * was. With choice (may be NULL), each school that leaves days unmet also
 * tries its best set of supporters at the LP's offer prices in place of
 * its own, and chains of two such moves. 1 improved, 0 not, -1 an LP
 * failed or out of memory (open[] and *value still agree). Must run inside
 * a glpk_guard. */
typedef struct broker_price broker_price;
int broker_improve(const triad_market *m, const broker_arcs *g, broker_price *choice,
                   size_t max_supporters, size_t nschools, broker_work *work, double stop_at,
                   unsigned char *open, double *value);
/* ---- a bound by columns, one per school's choice (broker_price.c) ---- */
/* Its index of the market; NULL where it does not reach (max_supporters
 * above 2, matches under way) or on allocation failure. */
broker_price *broker_price_new(const triad_market *m, const broker_arcs *g,
                               const triad_broker_options *o, size_t nschools);
void broker_price_free(broker_price *c);
/* Columns from the plan x (days per arc, worth incumbent) priced until none
 * prices out or the bound proves the plan (integral: whole-number days);
 * *bound receives the best Lagrangian bound (INFINITY when none). Unless
 * that proved the plan, depth-first searches among the columns, each on a
 * count of nodes (broker_dive.c): 1 when one gave a plan, its pairs in
 * open[] (uncapped pairs always). work's deadline stops it early, and
 * sets out_of_time. Must run inside a glpk_guard. */
int broker_price_run(broker_price *c, const double *x, broker_work *work, double incumbent,
                     int integral, double *bound, unsigned char *open);
/* School s's best choice of supporters at prices per offer (offer_price,
 * one per offer of the market; max_schools left to the caller): its pairs
 * (indexes of g's pairs) into pairs[0..*n-1], at most max_supporters, and
 * their worth at those prices into *value. 0 on allocation failure. */
int broker_price_choice(broker_price *c, size_t s, const double *offer_price, size_t *pairs,
                        size_t *n, double *value);

typedef struct match {
    size_t offer, need;
    double days, km; /* km < 0: unknown */
} match;

struct triad_brokerage {
    size_t nmatch;
    match *m;
    char **urn, **name; /* copies, per school: the brokerage borrows nothing */
    size_t nschools;
    triad_market *market; /* a private copy of the offers and needs */
    triad_broker_options opts;
    double days_met, days_needed, weighted_met, km_days;
    double km_median, km_max;       /* over the matches with a known distance; NAN without one */
    size_t rota_kept, rota_rotated; /* the rota's outcome (triad_brokerage_rota) */
    long within;     /* matches inside the needing school's collaborative; -1 without a plan */
    char status[32]; /* "optimal", "feasible", "read" (from a file), ... */
    char engine[16]; /* "lp", "mip", "file" */
    double objective, bound, gap;
    size_t nlines; /* unmet needs and violations, as lines */
    char **unmet;
    size_t nunmet;
    char **viol;
    size_t nviol;
    char **warn; /* promises the solver could not keep (a time limit's cut, schools
                    a travel limit leaves out) */
    size_t nwarn;
    int time_cut;     /* the time limit stopped the solver before it proved its plan */
    int term_given;   /* brokered with matches under way (triad_broker_options) */
    size_t kept;      /* matches kept from a brokerage under way */
    double kept_days; /* their days */
};

/* Fills the unmet needs (with reasons) and re-checks every rule for the
 * matches, whoever made them. */
triad_status brokerage_score(triad_brokerage *b, const triad_schools *s, const triad_plan *plan,
                             triad_error *err);

/* A brokerage shell: copies of the schools' URNs and names and of the
 * market. */
triad_brokerage *brokerage_new(const triad_schools *s, const triad_market *m,
                               const triad_broker_options *opts);

/* How the brokerage came about, in words for people: "read from a file,
 * not solved" or "solved: optimal (linear program)" and the like. */
void brokerage_origin(const triad_brokerage *b, char *out, size_t size);

/* The schools' profile facts the rules need: causing concern. */
int broker_causing_concern(const triad_schools *s, size_t i);

#endif
