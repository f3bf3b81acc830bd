/* Which optional data the file has, and the data gaps: a column of a known
 * export absent, or any column blank for every school, named with what the
 * plan loses. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/util.h"
#include "io/csv_table.h"
#include "model/profile.h"
#include "model/schools_impl.h"
#include "io/schools_columns.h"

void schools_note_present(triad_schools *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const school_rec *r = &s->s[i];
        s->has_idaci |= r->idaci > 0;
        s->has_fsm |= !isnan(r->fsm);
        s->has_urban |= r->urban != URBAN_UNKNOWN;
        s->has_head_years |= !isnan(r->head_years);
        s->has_location |= !isnan(r->x) && !isnan(r->y);
        s->has_pupils |= !isnan(r->pupils);
        s->has_priority |= r->priority > 0;
        s->has_lead_flag |= r->lead_flag >= 0;
        s->has_area |= r->area[0] != '\0';
        s->has_ages |= !isnan(r->low_age) || !isnan(r->high_age);
        s->has_cards |= report_card_below(r) >= 0;
        s->has_governors |= r->governors >= 0;
        s->has_heads |= r->head && r->head[0];
    }
}

/* What a plan loses when a column has no data, in the officer's words. */
typedef struct gap_rule {
    enum field f, alt; /* alt: another column giving the same (F_COUNT: none) */
    int (*has)(const triad_schools *s);
    const char *meaning; /* %zu: the number of schools */
} gap_rule;

static int has_name(const triad_schools *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->s[i].name && s->s[i].name[0])
            return 1;
    return 0;
}

static int has_ofsted(const triad_schools *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->s[i].ofsted)
            return 1;
    return 0;
}

static int has_trust(const triad_schools *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->s[i].trust && s->s[i].trust[0])
            return 1;
    return 0;
}

static int has_deprivation(const triad_schools *s) { return s->has_idaci || s->has_fsm; }

static int has_urban(const triad_schools *s) { return s->has_urban; }

static int has_location(const triad_schools *s) { return s->has_location; }

static int has_pupils(const triad_schools *s) { return s->has_pupils; }

static int has_area(const triad_schools *s) { return s->has_area || s->has_location; }

static int has_head(const triad_schools *s) { return s->has_head_years; }

static const gap_rule gap_rules[] = {
    {F_NAME, F_COUNT, has_name, "the %zu schools are shown by URN only"},
    {F_OFSTED, F_COUNT, has_ofsted,
     "all %zu schools are treated as not inspected: the Ofsted grade is not balanced, and no "
     "school is lead-eligible by its grade (the lead rule can then be met only through a "
     "lead_eligible column)"},
    {F_IDACI, F_FSM, has_deprivation,
     "deprivation (IDACI or FSM %%) is unknown for all %zu schools and is not balanced"},
    {F_URBAN, F_COUNT, has_urban,
     "urban/rural is unknown for all %zu schools and is not balanced"},
    {F_EAST, F_LAT, has_location,
     "none of the %zu schools has a location: no map, no distances, and neither geography = "
     "local nor a travel limit can be used"},
    {F_PUPILS, F_COUNT, has_pupils,
     "pupil numbers are unknown for all %zu schools: school size is not balanced"},
    {F_TRUST, F_COUNT, has_trust,
     "no school of the %zu names a trust: the trust caps cannot act"},
    {F_AREA, F_COUNT, has_area,
     "no district for any of the %zu schools, and no coordinates to derive areas from: areas "
     "are not spread"},
    {F_HEAD, F_COUNT, has_head,
     "head teachers' years in post are unknown for all %zu schools: head experience is not "
     "balanced"},
};

/* Never silent about data that is not there: an expected column of a known
 * export that is absent, or any such column blank for every school, is a
 * gap with what it means. Native files choose their columns, so for them
 * (and for head years, which no public export has) only a present column
 * left blank is one. 0 on allocation failure. */
int schools_note_gaps(const reader *r, triad_schools *s)
{
    static const char *const fmt_name[] = {"auto", "native", "GIAS", "Ofsted MI"};
    for (size_t k = 0; k < sizeof gap_rules / sizeof gap_rules[0]; k++) {
        const gap_rule *g = &gap_rules[k];
        const char *const *al = schools_field_alias(r->fmt, g->f);
        const char *const *alt = g->alt < F_COUNT ? schools_field_alias(r->fmt, g->alt) : NULL;
        if ((!al && !alt) || g->has(s))
            continue; /* the format has no such column, or it has data */
        long col = r->col[g->f] >= 0 ? r->col[g->f] : g->alt < F_COUNT ? r->col[g->alt] : -1;
        int known = r->fmt == TRIAD_FORMAT_GIAS || r->fmt == TRIAD_FORMAT_OFSTED;
        if (col < 0 && (!known || g->f == F_HEAD))
            continue;
        char what[160], meaning[400];
        if (col >= 0)
            snprintf(what, sizeof what, "column '%s' is blank for every school", r->t->header[col]);
        else
            snprintf(what, sizeof what, "no column '%s' (%s)", (al ? al : alt)[0],
                     fmt_name[r->fmt]);
        snprintf(meaning, sizeof meaning, g->meaning, s->n);
        if (!lines_add(&s->gaps, &s->ngaps, "%s: %s: %s", s->source, what, meaning))
            return 0;
    }
    return 1;
}
