/* Every field of a school read back through the API, with "missing"
 * (TRIAD_ERR_EMPTY) distinct from any value, and the two facts the rules
 * derive from them: lead-eligible and causing concern. */
#include <math.h>
#include <string.h>

#include "core/util.h"
#include "model/schools_impl.h"

int schools_rule_lead_eligible(const school_rec *r)
{
    if (r->lead_flag >= 0)
        return r->lead_flag; /* the LA's own word */
    int head = isnan(r->head_years) || r->head_years >= 3;
    int below = report_card_below(r);
    if (below >= 0) {
        /* a report card: safeguarding met, no area below the expected
         * standard and one at least strong, with an experienced head */
        int strong = 0;
        for (int a = 0; a < RC_AREAS; a++)
            strong |= r->card[a] == 1 || r->card[a] == 2;
        return r->safeguarding != 0 && below == 0 && strong && head;
    }
    /* a good or outstanding school whose head has three years in post (or
     * unknown years): Peterborough's "track record" as data can show it */
    return (r->ofsted == 1 || r->ofsted == 2) && head;
}

int schools_rule_causing_concern(const school_rec *r)
{
    /* the LA's priority 3 where it gave one; else on a report card an area
     * of urgent improvement, safeguarding not met or two areas needing
     * attention; else an RI or Inadequate grade */
    if (r->priority)
        return r->priority == 3;
    if (report_card_below(r) >= 0) {
        int urgent = 0;
        for (int a = 0; a < RC_AREAS; a++)
            urgent |= r->card[a] == 5;
        return urgent || r->safeguarding == 0 || report_card_below(r) >= 2;
    }
    return r->ofsted >= 3;
}

static triad_status at(const triad_schools *s, size_t i, const void *out, triad_error *err)
{
    triad_error_clear(err);
    if (!s || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools or out is NULL");
    if (i >= s->n)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "school index %zu is out of range (%zu schools)", i, s->n);
    return TRIAD_OK;
}

static triad_status missing(const triad_schools *s, size_t i, const char *what, triad_error *err)
{
    return triad_i_fail(err, TRIAD_ERR_EMPTY, NULL, 0, 0, "school %s has no %s", s->s[i].urn,
                        what);
}

triad_status triad_schools_get_text(const triad_schools *s, size_t i, triad_field field,
                                    const char **out, triad_error *err)
{
    triad_status st = at(s, i, out, err);
    if (st != TRIAD_OK)
        return st;
    const school_rec *r = &s->s[i];
    const char *v = field == TRIAD_FIELD_NAME    ? r->name
                    : field == TRIAD_FIELD_TRUST ? r->trust
                    : field == TRIAD_FIELD_AREA  ? r->area
                                                 : NULL;
    if (field != TRIAD_FIELD_NAME && field != TRIAD_FIELD_TRUST && field != TRIAD_FIELD_AREA)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "field %d is not a text field", (int)field);
    if (!v || !v[0])
        return missing(s, i, field == TRIAD_FIELD_NAME ? "name" : field == TRIAD_FIELD_TRUST
                                                                      ? "trust"
                                                                      : "area",
                       err);
    *out = v;
    return TRIAD_OK;
}

triad_status triad_schools_get_number(const triad_schools *s, size_t i, triad_field field,
                                      double *out, triad_error *err)
{
    triad_status st = at(s, i, out, err);
    if (st != TRIAD_OK)
        return st;
    const school_rec *r = &s->s[i];
    double v;
    const char *what;
    switch (field) {
    case TRIAD_FIELD_OFSTED: v = r->ofsted; what = "grade"; break; /* 0: not inspected */
    case TRIAD_FIELD_IDACI: v = r->idaci ? r->idaci : NAN; what = "IDACI quintile"; break;
    case TRIAD_FIELD_FSM_PCT: v = r->fsm; what = "FSM %"; break;
    case TRIAD_FIELD_URBAN:
        v = r->urban == URBAN_URBAN ? 1 : r->urban == URBAN_RURAL ? 0 : NAN;
        what = "urban/rural class";
        break;
    case TRIAD_FIELD_HEAD_YEARS: v = r->head_years; what = "head teacher's years"; break;
    case TRIAD_FIELD_PUPILS: v = r->pupils; what = "pupil number"; break;
    case TRIAD_FIELD_PRIORITY: v = r->priority ? r->priority : NAN; what = "LA priority"; break;
    case TRIAD_FIELD_LEAD_ELIGIBLE:
        v = r->lead_flag >= 0 ? r->lead_flag : NAN;
        what = "lead_eligible flag (the rule decides: triad_schools_is_lead_eligible)";
        break;
    case TRIAD_FIELD_OPTED_OUT: v = r->opted_out; what = "opted_out flag"; break;
    case TRIAD_FIELD_LOW_AGE: v = r->low_age; what = "statutory low age"; break;
    case TRIAD_FIELD_HIGH_AGE: v = r->high_age; what = "statutory high age"; break;
    case TRIAD_FIELD_GOVERNORS:
        v = r->governors >= 0 ? r->governors : NAN;
        what = "count of governors trained";
        break;
    default:
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "field %d is not a number field", (int)field);
    }
    if (isnan(v))
        return missing(s, i, what, err);
    *out = v;
    return TRIAD_OK;
}

triad_status triad_schools_get_location(const triad_schools *s, size_t i, double *easting,
                                        double *northing, triad_error *err)
{
    triad_status st = at(s, i, easting, err);
    if (st == TRIAD_OK && !northing)
        st = triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "northing is NULL");
    if (st != TRIAD_OK)
        return st;
    const school_rec *r = &s->s[i];
    if (isnan(r->x) || isnan(r->y))
        return missing(s, i, "location", err);
    *easting = r->x;
    *northing = r->y;
    return TRIAD_OK;
}

int triad_schools_is_lead_eligible(const triad_schools *s, size_t i)
{
    return s && i < s->n ? schools_rule_lead_eligible(&s->s[i]) : 0;
}

int triad_schools_is_causing_concern(const triad_schools *s, size_t i)
{
    return s && i < s->n ? schools_rule_causing_concern(&s->s[i]) : 0;
}

triad_status triad_schools_get_attribute_number(const triad_schools *s, size_t a, size_t i,
                                                double *out, triad_error *err)
{
    triad_status st = at(s, i, out, err);
    if (st == TRIAD_OK && (a >= s->nattr || !s->attrs[a].numeric))
        st = triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                          "attribute %zu is not a numeric attribute", a);
    if (st != TRIAD_OK)
        return st;
    if (isnan(s->attrs[a].values[i]))
        return missing(s, i, s->attrs[a].name, err);
    *out = s->attrs[a].values[i];
    return TRIAD_OK;
}

triad_status triad_schools_get_attribute_category(const triad_schools *s, size_t a, size_t i,
                                                  const char **out, triad_error *err)
{
    triad_status st = at(s, i, out, err);
    if (st == TRIAD_OK && (a >= s->nattr || s->attrs[a].numeric))
        st = triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                          "attribute %zu is not a categorical attribute", a);
    if (st != TRIAD_OK)
        return st;
    int c = s->attrs[a].codes[i];
    if (c < 0)
        return missing(s, i, s->attrs[a].name, err);
    *out = s->attrs[a].cats[c];
    return TRIAD_OK;
}
