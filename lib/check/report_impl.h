/* The inside of triad_report: the scores of one plan. Never installed. */
#ifndef TRIAD_CHECK_REPORT_IMPL_H
#define TRIAD_CHECK_REPORT_IMPL_H

#include <stddef.h>

#include "model/groups.h"
#include "model/plan_impl.h"
#include "model/profile.h"

typedef struct group_score {
    char *label;
    char *collab_label; /* triads: their collaborative */
    char *stratum;      /* stratum name, or "mixed" */
    size_t size;
    char *lead_urn;     /* collaboratives: "" when none */
    int lead_year;      /* the lead's year in the role (1: new), 0 when none */
    int *count;         /* per categorical cell (attr offset + category) */
    double *share;
    double *mean;       /* per attribute; numeric only */
    double *ref_mean;
    double *attr_dev;   /* per attribute: largest |count - share|, or |mean diff| / sd */
    double max_dev;     /* over categorical attributes */
    int within_one;
    double mean_km, max_km; /* between members, over located pairs; NAN when none */
    double money;           /* [funding]: the group's allocation; NAN without funding */
} group_score;

typedef struct violation {
    char *constraint; /* "size", "lead", "trust", ... */
    char *group;      /* label, or "" */
    char *message;
} violation;

/* The spec's hard constraints as check applied them: the planner page
 * applies the same rules as its user edits the plan. */
typedef struct check_rules {
    int lead_required, no_concern_triads;
    int lead_term;                         /* years; 0: leads chosen afresh yearly */
    double lead_days;                      /* a lead's days a year for the collaborative */
    int trust_cap_collab, trust_cap_triad; /* 0 = no cap */
    double collab_max_km, triad_max_km;    /* 0 = no limit */
} check_rules;

struct triad_report {
    check_rules rules;
    profile prof; /* schools/spec pointers cleared: the report borrows nothing */
    size_t nschools, nplanned, nunplanned;
    size_t ncells;
    size_t *offset; /* per attribute: first cell */
    size_t ncollab, ntriad;
    group_score *collab, *triad;
    size_t collab_within, triad_within;
    double collab_max_dev, triad_max_dev;
    size_t nviol;
    violation *viol;
    size_t ninfo; /* what the solver did, when the plan came from triad_solve */
    solve_info *info;
    size_t nopted;  /* schools that opted out (and are not in the plan) */
    char **opted;   /* "URN name" of each */
    size_t nwarn;   /* promises the plan cannot keep that are not violations */
    char **warn;
    double fund_total, fund_allocated; /* [funding]; total 0: no funding */
    int fund_basis;
    double fund_cap;
    size_t fund_at_cap; /* collaboratives held at the cap */
    double fund_load_ratio;
    size_t ncont;   /* continuity with last year (solver log lines "continuity:", "moved:", ...) */
    char **cont;
};

/* How far heads travel to their triad: the median and longest span (the
 * farthest two members), and how many triads have two schools over 20 km
 * apart (a half-day visit's rule of thumb). n = 0 when no triad has a
 * location; -1 when memory ran out. */
typedef struct triad_spans {
    long n;
    size_t over20;
    double median, longest;
} triad_spans;
triad_spans report_triad_spans(const triad_report *r);

/* [funding]: each collaborative's and triad's money (group_score.money),
 * the cap applied by sharing the excess among the others, and a warning per
 * collaborative whose share of the load (schools, triads to review, lead
 * days) and of the money differ beyond load_ratio. 0 when memory ran out. */
int funding_allocate(triad_report *r, const profile *p, const triad_plan *plan, const groups *gc,
                     const groups *gt);

#endif
