/* The problem as the scorer and the solver see it: strata, balanced
 * attributes coded per school, derived facts (lead-eligible, causing concern,
 * trust ids) and resolved links. Built from schools + spec. Never installed. */
#ifndef TRIAD_MODEL_PROFILE_H
#define TRIAD_MODEL_PROFILE_H

#include <stddef.h>

#include "model/schools_impl.h"
#include "model/spec_impl.h"

typedef struct bal_attr {
    char *name;   /* key used in the spec and JSON: "ofsted", "deprivation", ... */
    char *source; /* what it was derived from, for people */
    int numeric;
    double weight;
    size_t ncat;
    char **cats;
    int *code;    /* categorical: per school 0..ncat-1 (unknown is a category) */
    double *value; /* numeric: per school; a missing value is the mean */
    double mean, sd; /* numeric: over all schools with a value */
    int area;        /* the geographic areas: not spread in local strata */
} bal_attr;

typedef struct pstratum {
    char *name;
    int min_size, max_size, triad_size;
    int nsizes;                /* > 0: exactly these sizes (ascending), else the range */
    int sizes[SPEC_MAX_SIZES];
    int sector_wide, small_one_group;
    int local; /* geography = local */
    size_t n; /* schools in it */
} pstratum;

typedef struct link_set {
    size_t n;
    long *school;
    long line;
} link_set;

typedef struct profile {
    const triad_schools *schools;
    const triad_spec *spec;
    size_t n;
    size_t nattr;
    bal_attr *attr;
    size_t nstrata;
    pstratum *strata;
    int *stratum;            /* per school, -1 = not to be planned */
    unsigned char *lead_ok;  /* per school */
    unsigned char *concern;  /* per school */
    int *trust;              /* per school, -1 = none */
    size_t ntrust;
    size_t nmust, ncannot;
    link_set *must, *cannot; /* must: the spec's lines, then kept partnerships (line 0) */
    const triad_memberships *memberships; /* borrowed from the solve's options, or NULL */
    int avoid_partners; /* triads: no two schools of one partnership (avoid_partnerships) */
} profile;

/* Adds an attribute with the given categories (room for one more,
 * "Unknown"); NULL on allocation failure. */
bal_attr *profile_add_attr(profile *p, const char *name, const char *source, int numeric,
                           double weight, const char *const *cats, size_t ncat);

/* The report cards' attributes (profile_cards.c), where the file has them:
 * report_card (areas below the expected standard: none, 1, 2, 3 or more;
 * weight 1 by default) and one per evaluation area (rc_AREA, off by
 * default). 0 on allocation failure. */
int profile_report_cards(profile *p);

/* Builds the profile. Unknown URNs in links and a bad stratify attribute are
 * errors. On failure p is left empty. */
triad_status profile_build(const triad_schools *s, const triad_spec *spec, profile *p,
                           triad_error *err);
void profile_free(profile *p);

/* 1 when name is one of the built-in balanced attributes (ofsted,
 * deprivation, urban_rural, head_experience, pupils), compared ignoring
 * case and punctuation: a user column of that name would be shadowed. */
int profile_is_builtin_attribute(const char *name);

/* Distance in km between schools i and j; negative when either has no
 * location. */
double profile_km(const profile *p, size_t i, size_t j);

#endif
