/* The inside of triad_spec. Never installed. */
#ifndef TRIAD_MODEL_SPEC_IMPL_H
#define TRIAD_MODEL_SPEC_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "core/limits.h"
#include "triad/triad.h"


enum { SMALL_ERROR = 0, SMALL_ONE_GROUP = 1, SMALL_AUTO = 2 };

typedef struct stratum_spec {
    char *name;
    unsigned phases; /* bit per triad_phase, when strata are by phase */
    int min_size, max_size; /* collaborative size bounds (a range) */
    int nsizes;             /* > 0: the allowed sizes are exactly sizes[] */
    int sizes[SPEC_MAX_SIZES]; /* ascending */
    int triad_size;         /* 0: no triads */
    int skip;               /* leave this stratum out of the plan */
    int sector_wide;        /* the whole stratum is one collaborative */
    int local;              /* geography = local: compact collaboratives, areas not spread */
    int small_one_group;    /* small_stratum, SMALL_*: when a stratum cannot be cut
                               into allowed sizes: an error; one group (with a warning);
                               or, by default, one group only when it is too small for
                               two collaboratives */
    long range_line, sizes_line; /* where the file set them, 0 = default */
    long line;       /* first key of its [stratum.NAME] section in the file, 0 = none */
} stratum_spec;

typedef struct weight_spec {
    char *name;
    double weight;
} weight_spec;

/* A set of URNs that must (or must not) share a collaborative. */
typedef struct link_spec {
    size_t n;
    char **urns;
    long line;
} link_spec;

/* How [funding] shares the money out. */
enum { FUNDING_TRIAD = 0, FUNDING_COLLABORATIVE, FUNDING_SCHOOL, FUNDING_PUPILS };

struct triad_spec {
    char *source;
    char *stratify; /* "phase", "none" or a categorical user attribute */
    int special_by_age; /* a special school of secondary (primary) ages plans with those */
    size_t nstrata;
    stratum_spec strata[SPEC_MAX_STRATA];
    stratum_spec fallback; /* for strata not named (attribute strata, "none") */
    size_t nweights;
    weight_spec *weights;
    int trust_cap_collab, trust_cap_triad; /* 0 = no cap */
    int lead_required;
    int lead_term;    /* years a lead serves before the role passes on; 0 = chosen afresh yearly */
    double lead_days; /* days a year a lead gives the collaborative */
    int max_memberships;   /* groups a school may be in, partnerships counted; 0 = any */
    int keep_partnerships; /* a partnership's schools in one collaborative where they fit */
    int avoid_partnerships; /* no two schools of one partnership in a triad */
    double funding_total;  /* [funding] total: the money shared out; 0 = none */
    int funding_basis;     /* FUNDING_TRIAD, ... */
    double funding_cap;    /* most a collaborative gets; 0 = no cap */
    double funding_load_ratio; /* warn when load share / money share is beyond this */
    int no_concern_triads;
    double triad_max_km; /* 0 = no limit */
    double collab_max_km; /* largest distance inside a collaborative, 0 = no limit */
    int areas;            /* areas derived from coordinates when the file has none; 0 = default */
    double local_weight;  /* geography = local: weight of compactness against balance */
    size_t nmust, ncannot;
    link_spec *must, *cannot;
    int history_avoid; /* 0 off, 1 penalty, 2 hard */
    double history_weight, history_fade;
    double history_keep; /* share of last year's triad pairs to keep, 0 = none */
    double keep_collab;  /* share of returning schools to keep in last year's collaborative */
    double collab_weight; /* cost per school not back in last year's collaborative */
    triad_method method;
    double time_limit;
    uint64_t seed;
    int threads;
    int has_method, has_time_limit, has_seed, has_threads;
};

/* The weight of a balanced attribute by name (built-in or user); def when
 * the spec does not name it. */
double spec_weight(const triad_spec *spec, const char *name, double def);

/* *spec, or, when it is NULL, a default spec made into *own (NULL
 * otherwise) and put in *spec; the caller frees *own after its last use of
 * *spec. */
triad_status spec_or_default(const triad_spec **spec, triad_spec **own, triad_error *err);

#endif
