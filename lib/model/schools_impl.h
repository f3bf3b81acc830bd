/* The inside of triad_schools. Never installed. */
#ifndef TRIAD_MODEL_SCHOOLS_IMPL_H
#define TRIAD_MODEL_SCHOOLS_IMPL_H

#include <stddef.h>

#include "triad/triad.h"

enum { URBAN_UNKNOWN = 0, URBAN_URBAN = 1, URBAN_RURAL = 2 };

/* One school as read. Unknown numbers are NAN, unknown codes 0. */
/* Ofsted's report cards (from November 2025): the evaluation areas, each on
 * a five-point scale, and safeguarding met or not met. */
enum { RC_AREAS = 8 };
extern const char *const report_card_areas[RC_AREAS];  /* "inclusion", ... (keys) */
extern const char *const report_card_grades[6];        /* [1] "Exceptional" .. [5] */

/* A report card's grade from text ("strong standard", "Strong", "2"), into
 * *out (0 for blank); 0 when the text is none of them. */
int report_card_grade(const char *text, int *out);

typedef struct school_rec {
    char *urn;
    char *name;
    char *trust; /* "" when none */
    triad_phase phase;
    int ofsted;   /* 1-4, 0 = not inspected */
    int idaci;    /* quintile 1-5 (1 = most deprived), 0 unknown */
    double fsm;   /* % eligible for free school meals */
    int urban;    /* URBAN_* */
    double head_years;
    double x, y; /* metres on a plane: OSGB36 easting/northing, or lat/lon projected */
    double lat, lon; /* as given, NAN when the file gave easting/northing */
    char *area;  /* district or area, "" when none */
    double low_age, high_age; /* statutory ages, NAN when not given */
    signed char card[RC_AREAS]; /* report card per area: 1 exceptional .. 5 urgent
                                   improvement, 0 not graded */
    signed char safeguarding;   /* report card: 1 met, 0 not met, -1 not given */
    int governors;              /* governors trained in peer review; -1 not given */
    char *head;                 /* the head's key, shared by schools with one head (an
                                   all-through school split by phase, a federation); ""
                                   when the school's head is its own */
    double pupils;
    int priority;  /* LA priority 1-3, 0 unknown */
    int lead_flag; /* -1 not given, 0/1 */
    int opted_out;
    long line; /* line in the source file */
} school_rec;

/* The school's report card areas below the expected standard (needs
 * attention or urgent improvement); -1 when it has no report card. */
int report_card_below(const school_rec *r);

/* A user attribute: one extra column of the native CSV. */
typedef struct user_attr {
    char *name;
    int numeric;
    size_t ncat;
    char **cats;   /* category labels, in order of first appearance */
    int *codes;    /* categorical: per school, -1 when blank */
    double *values; /* numeric: per school, NAN when blank */
} user_attr;

struct triad_schools {
    triad_format format;
    char *source;
    size_t n;
    school_rec *s;
    size_t nattr;
    user_attr *attrs;
    /* Which optional columns the file had. */
    int has_idaci, has_fsm, has_urban, has_head_years, has_location, has_pupils, has_priority,
        has_lead_flag, has_area, has_ages, has_cards, has_governors, has_heads;
    int latlon; /* the file gave lat/lon, not easting/northing */
    char **gaps; /* columns the file lacked or left blank, and what that means */
    size_t ngaps;
};

/* Grows every per-school array (records and user attributes) by room for
 * one more; the new entry's attribute values are blank. 0 on failure. */
int schools_grow(triad_schools *s);

/* Looks up a school by URN; -1 when absent. Linear in n: callers that look
 * up many build an index with schools_index_new. */
typedef struct urn_index urn_index;
urn_index *urn_index_new(const triad_schools *s);
long urn_index_find(const urn_index *ix, const char *urn);
void urn_index_free(urn_index *ix);

/* Parses an Ofsted grade given as a number or as words; returns 1 on
 * success with 0 meaning not inspected. */
int parse_ofsted_text(const char *text, int *grade);
/* Parses a phase name (GIAS, Ofsted or native wording); with type_text the
 * establishment type tells special schools and PRUs apart. */
int parse_phase_text(const char *phase_text, const char *type_text, triad_phase *phase);

/* The rules' derived facts of a school (schools_get.c), used by the
 * profile, the broker and the API alike: lead-eligible (the file's flag,
 * else Good or Outstanding with a head of three years or unknown), causing
 * concern (LA priority 3, else RI or Inadequate). */
int schools_rule_lead_eligible(const school_rec *r);
int schools_rule_causing_concern(const school_rec *r);

#endif
