/* One collaborative's pack as tables of numbers and names, built once and
 * rendered twice (pack_html.c, pack_xlsx.c), so that the page and the
 * workbook cannot disagree. Never installed. */
#ifndef TRIAD_PACK_PACK_IMPL_H
#define TRIAD_PACK_PACK_IMPL_H
#include <stddef.h>

#include "core/util.h"
#include "impact/impact_impl.h"
#include "triad/triad.h"

/* A member's value of a measure in a year, and the LA's mean beside it. */
typedef struct pack_outcome {
    size_t school, measure;
    int year;
    double value, la_mean;
} pack_outcome;

/* A member's clinic flag in the term shown. */
typedef struct pack_flag {
    size_t school;
    const char *rag, *reasons; /* borrowed from the table read */
} pack_flag;

/* Days of support to (in) or from a member. */
typedef struct pack_support {
    int in;                /* 1: the member receives */
    size_t school, partner;
    const char *area;
    double days, km; /* km < 0: unknown */
    int priority;
} pack_support;

typedef struct pack_data {
    const triad_schools *s;
    const triad_plan *p;
    const triad_report *r;
    triad_pack_options o;
    size_t c;
    size_t *member, nmember; /* by triad, then the plan's order */
    pack_outcome *out;
    size_t nout;
    pack_flag *flag;
    size_t nflag;
    void *clinic; /* the clinic's table, when read */
    pack_support *sup;
    size_t nsup;
    const impact_row **imp; /* the LA's, the collaborative's and its triads' rows */
    size_t nimp;
} pack_data;

/* Builds d for collaborative c (options checked); TRIAD_OK or the reason. */
triad_status pack_data_build(pack_data *d, const triad_report *r, const triad_schools *s,
                             const triad_plan *p, size_t c, const triad_pack_options *o,
                             triad_error *err);
void pack_data_free(pack_data *d);

/* Display strings of a member's context. */
const char *pack_grade_name(int grade);
const char *pack_urban_name(int urban);
#endif
