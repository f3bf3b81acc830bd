/* The inside of brokering: market (offers, needs), brokerage (matches and
 * what they leave). Never installed. */
#ifndef TRIAD_BROKER_BROKER_IMPL_H
#define TRIAD_BROKER_BROKER_IMPL_H

#include <stddef.h>

#include "core/util.h"
#include "triad/triad.h"

enum { ROLE_NONE = 0, ROLE_SLE, ROLE_LLE, ROLE_NLE };

typedef struct offer {
    size_t school;   /* index in the schools */
    int area;        /* index in market->areas */
    double days;
    int role;        /* ROLE_* */
    int max_schools; /* 0 = no limit */
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
    char **areas; /* canonical names, as first written */
    size_t nschools; /* of the schools the market was read for */
};

/* A school that may not support a need, and why (for unmet reasons). */
enum {
    WHY_OK = 0, WHY_SELF, WHY_CONCERN, WHY_GRADE, WHY_TRAVEL, WHY_TRUST, WHY_COUNT
};

/* Whether offer o may serve need d under opts, and if not, why (WHY_*).
 * km receives the distance (negative when unknown). */
int broker_eligible(const triad_schools *s, const triad_market *m, const offer *o,
                    const need *d, const triad_broker_options *opts, double *km);

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
    char status[32]; /* "optimal", "feasible", "read" (from a file), ... */
    char engine[16]; /* "lp", "mip", "file" */
    double objective, bound, gap;
    size_t nlines;   /* unmet needs and violations, as lines */
    char **unmet;
    size_t nunmet;
    char **viol;
    size_t nviol;
    char **warn; /* promises the solver could not keep (a time limit's cut) */
    size_t nwarn;
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
