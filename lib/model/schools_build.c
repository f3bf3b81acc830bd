/* Schools built in memory, field by field, with the checks a file gets
 * (ranges from core/limits.h, unique URNs, attribute names): files are a
 * convenience on top of this, never the only door. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/util.h"
#include "core/text_decode.h"
#include "model/profile.h"
#include "model/schools_impl.h"

triad_status triad_schools_new(triad_schools **out, triad_error *err)
{
    triad_error_clear(err);
    if (!out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "out is NULL");
    triad_schools *s = calloc(1, sizeof *s);
    if (!s || !(s->source = triad_i_strdup("<memory>"))) {
        free(s);
        return triad_i_fail_nomem(err);
    }
    s->format = TRIAD_FORMAT_NATIVE;
    *out = s;
    return TRIAD_OK;
}

static triad_status bad_index(const triad_schools *s, size_t i, triad_error *err)
{
    if (!s)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "schools is NULL");
    if (i >= s->n)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "school index %zu is out of range (%zu schools)", i, s->n);
    return TRIAD_OK;
}

int schools_grow(triad_schools *s)
{
    school_rec *ns = realloc(s->s, (s->n + 1) * sizeof *ns);
    if (!ns)
        return 0;
    s->s = ns;
    for (size_t a = 0; a < s->nattr; a++) {
        user_attr *u = &s->attrs[a];
        if (u->numeric) {
            double *v = realloc(u->values, (s->n + 1) * sizeof *v);
            if (!v)
                return 0;
            u->values = v;
            v[s->n] = NAN;
        } else {
            int *c = realloc(u->codes, (s->n + 1) * sizeof *c);
            if (!c)
                return 0;
            u->codes = c;
            c[s->n] = -1;
        }
    }
    return 1;
}

/* Text from the caller reaches UTF-8 outputs (CSV, JSON, HTML), where bytes
 * that are not UTF-8 would be dropped or mangled: refused here, as the file
 * readers refuse them. An identifier (a URN, an attribute's name) is shown
 * on one line, so it may not hold a control character either. */
static triad_status check_text(const char *what, const char *v, int identifier, triad_error *err)
{
    if (!v)
        return TRIAD_OK;
    if (strlen(v) > CSV_MAX_FIELD_BYTES)
        return triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0, "%s is longer than %zu bytes", what,
                            CSV_MAX_FIELD_BYTES);
    if (!text_is_utf8((const unsigned char *)v, strlen(v)))
        return triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0, "%s is not UTF-8 text", what);
    if (identifier ? triad_i_has_control(v) : triad_i_has_stray_control(v))
        return triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0,
                            identifier ? "%s holds a control character (a line break or a tab)"
                                       : "%s holds a control character other than a tab or a "
                                         "line break",
                            what);
    return TRIAD_OK;
}

triad_status triad_schools_add(triad_schools *s, const char *urn, triad_phase phase,
                               size_t *index, triad_error *err)
{
    triad_error_clear(err);
    if (!s || !urn)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "schools or urn is NULL");
    if (triad_i_is_blank(urn))
        return triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0, "a URN is blank");
    triad_status st = check_text("a URN", urn, 1, err);
    if (st != TRIAD_OK)
        return st;
    if ((unsigned)phase >= TRIAD_PHASE_COUNT)
        return triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0, "phase %d is not a triad_phase",
                            (int)phase);
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->s[i].urn, urn) == 0)
            return triad_i_fail(err, TRIAD_ERR_DUPLICATE, NULL, 0, 0,
                                "duplicate URN %s (school %zu)", urn, i);
    if (!schools_grow(s))
        return triad_i_fail_nomem(err);
    school_rec *r = &s->s[s->n];
    memset(r, 0, sizeof *r);
    r->urn = triad_i_strdup(urn);
    r->name = triad_i_strdup(urn);
    r->trust = triad_i_strdup("");
    r->area = triad_i_strdup("");
    r->head = triad_i_strdup("");
    if (!r->urn || !r->name || !r->trust || !r->area || !r->head) {
        free(r->urn);
        free(r->name);
        free(r->trust);
        free(r->area);
        free(r->head);
        return triad_i_fail_nomem(err);
    }
    r->phase = phase;
    r->fsm = r->head_years = r->x = r->y = r->lat = r->lon = r->pupils = NAN;
    r->low_age = r->high_age = NAN;
    r->safeguarding = -1;
    r->governors = -1;
    r->lead_flag = -1;
    r->line = (long)s->n + 1;
    if (index)
        *index = s->n;
    s->n++;
    return TRIAD_OK;
}

static triad_status set_text(char **field, const char *v, triad_error *err)
{
    char *c = triad_i_strdup(v ? v : "");
    if (!c)
        return triad_i_fail_nomem(err);
    free(*field);
    *field = c;
    return TRIAD_OK;
}

static triad_status out_of_range(const char *what, double v, double lo, double hi,
                                 triad_error *err)
{
    return triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0, "%s %g is outside %g to %g (or NAN)",
                        what, v, lo, hi);
}

triad_status triad_schools_set_text(triad_schools *s, size_t i, triad_field field,
                                    const char *value, triad_error *err)
{
    triad_error_clear(err);
    triad_status st = bad_index(s, i, err);
    if (st != TRIAD_OK)
        return st;
    school_rec *r = &s->s[i];
    if ((st = check_text(field == TRIAD_FIELD_NAME ? "a name" : "a trust or area", value,
                         field != TRIAD_FIELD_NAME, err)) != TRIAD_OK)
        return st;
    switch (field) {
    case TRIAD_FIELD_NAME: return set_text(&r->name, value ? value : r->urn, err);
    case TRIAD_FIELD_TRUST: return set_text(&r->trust, value, err);
    case TRIAD_FIELD_AREA:
        st = set_text(&r->area, value, err);
        if (st == TRIAD_OK && value && *value)
            s->has_area = 1;
        return st;
    default:
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "field %d is not a text field (name, trust, area)", (int)field);
    }
}

/* The statutory ages and the governors trained. */
static triad_status set_people(triad_schools *s, school_rec *r, triad_field field, double value,
                               int blank, triad_error *err)
{
    if (field == TRIAD_FIELD_GOVERNORS) {
        if (!blank && (value != floor(value) || value < 0 || value > 100))
            return out_of_range("governors trained", value, 0, 100, err);
        r->governors = blank ? -1 : (int)value;
        s->has_governors |= !blank;
        return TRIAD_OK;
    }
    if (!blank && (value < 0 || value > 25))
        return out_of_range("statutory age", value, 0, 25, err);
    *(field == TRIAD_FIELD_LOW_AGE ? &r->low_age : &r->high_age) = value;
    s->has_ages |= !blank;
    return TRIAD_OK;
}

triad_status triad_schools_set_number(triad_schools *s, size_t i, triad_field field,
                                      double value, triad_error *err)
{
    triad_error_clear(err);
    triad_status st = bad_index(s, i, err);
    if (st != TRIAD_OK)
        return st;
    school_rec *r = &s->s[i];
    int blank = isnan(value);
    /* the ranges a file gets */
    switch (field) {
    case TRIAD_FIELD_OFSTED:
        if (!blank && (value != floor(value) || value < 0 || value > 4))
            return out_of_range("Ofsted grade", value, 0, 4, err);
        r->ofsted = blank ? 0 : (int)value;
        return TRIAD_OK;
    case TRIAD_FIELD_IDACI:
        if (!blank && (value != floor(value) || value < 1 || value > 5))
            return out_of_range("IDACI quintile", value, 1, 5, err);
        r->idaci = blank ? 0 : (int)value;
        s->has_idaci |= !blank;
        return TRIAD_OK;
    case TRIAD_FIELD_FSM_PCT:
        if (!blank && (value < 0 || value > 100))
            return out_of_range("FSM %", value, 0, 100, err);
        r->fsm = value;
        s->has_fsm |= !blank;
        return TRIAD_OK;
    case TRIAD_FIELD_URBAN:
        if (!blank && value != 0 && value != 1)
            return out_of_range("urban (1) / rural (0)", value, 0, 1, err);
        r->urban = blank ? URBAN_UNKNOWN : value == 1 ? URBAN_URBAN : URBAN_RURAL;
        s->has_urban |= !blank;
        return TRIAD_OK;
    case TRIAD_FIELD_HEAD_YEARS:
        if (!blank && (value < 0 || value > 60))
            return out_of_range("head teacher's years", value, 0, 60, err);
        r->head_years = value;
        s->has_head_years |= !blank;
        return TRIAD_OK;
    case TRIAD_FIELD_PUPILS:
        if (!blank && (value < 0 || value > 1e5))
            return out_of_range("pupils", value, 0, 1e5, err);
        r->pupils = value;
        s->has_pupils |= !blank;
        return TRIAD_OK;
    case TRIAD_FIELD_PRIORITY:
        if (!blank && (value != floor(value) || value < 1 || value > 3))
            return out_of_range("priority", value, 1, 3, err);
        r->priority = blank ? 0 : (int)value;
        s->has_priority |= !blank;
        return TRIAD_OK;
    case TRIAD_FIELD_LEAD_ELIGIBLE:
        if (!blank && value != 0 && value != 1)
            return out_of_range("lead_eligible", value, 0, 1, err);
        r->lead_flag = blank ? -1 : (int)value;
        s->has_lead_flag |= !blank;
        return TRIAD_OK;
    case TRIAD_FIELD_OPTED_OUT:
        if (blank || (value != 0 && value != 1))
            return out_of_range("opted_out", value, 0, 1, err);
        r->opted_out = (int)value;
        return TRIAD_OK;
    case TRIAD_FIELD_LOW_AGE:
    case TRIAD_FIELD_HIGH_AGE:
    case TRIAD_FIELD_GOVERNORS:
        return set_people(s, r, field, value, blank, err);
    default:
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "field %d is not a number field", (int)field);
    }
}

triad_status triad_schools_set_location(triad_schools *s, size_t i, double easting,
                                        double northing, triad_error *err)
{
    triad_error_clear(err);
    triad_status st = bad_index(s, i, err);
    if (st != TRIAD_OK)
        return st;
    if (isnan(easting) != isnan(northing))
        return triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0,
                            "school %zu: give both easting and northing, or neither", i);
    if (!isnan(easting) && (easting < GRID_E_MIN || easting > GRID_E_MAX || northing < GRID_N_MIN ||
                            northing > GRID_N_MAX))
        return triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0,
                            "school %zu: easting %g / northing %g is outside Great Britain's grid "
                            "(0-700,000 / 0-1,300,000 m)",
                            i, easting, northing);
    s->s[i].x = easting;
    s->s[i].y = northing;
    s->has_location |= !isnan(easting);
    return TRIAD_OK;
}

triad_status triad_schools_add_attribute(triad_schools *s, const char *name, int numeric,
                                         size_t *index, triad_error *err)
{
    triad_error_clear(err);
    if (!s || !name)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "schools or name is NULL");
    triad_status st = check_text("an attribute's name", name, 1, err);
    if (st != TRIAD_OK)
        return st;
    char key[256], other[256];
    triad_i_name_key(name, key, sizeof key);
    if (!*key)
        return triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0,
                            "attribute name '%s' has no letters or digits", name);
    if (profile_is_builtin_attribute(name))
        return triad_i_fail(err, TRIAD_ERR_VALUE, NULL, 0, 0,
                            "'%s' is the name of a built-in attribute", name);
    for (size_t a = 0; a < s->nattr; a++) {
        triad_i_name_key(s->attrs[a].name, other, sizeof other);
        if (strcmp(key, other) == 0)
            return triad_i_fail(err, TRIAD_ERR_DUPLICATE, NULL, 0, 0,
                                "attribute '%s' exists already (as '%s')", name, s->attrs[a].name);
    }
    user_attr *na = realloc(s->attrs, (s->nattr + 1) * sizeof *na);
    if (!na)
        return triad_i_fail_nomem(err);
    s->attrs = na;
    user_attr *u = &na[s->nattr];
    memset(u, 0, sizeof *u);
    u->numeric = numeric != 0;
    u->name = triad_i_strdup(name);
    size_t n = s->n ? s->n : 1;
    if (u->numeric)
        u->values = malloc(n * sizeof *u->values);
    else
        u->codes = malloc(n * sizeof *u->codes);
    if (!u->name || (u->numeric ? !u->values : !u->codes)) {
        free(u->name);
        free(u->values);
        free(u->codes);
        return triad_i_fail_nomem(err);
    }
    for (size_t i = 0; i < s->n; i++) {
        if (u->numeric)
            u->values[i] = NAN;
        else
            u->codes[i] = -1;
    }
    if (index)
        *index = s->nattr;
    s->nattr++;
    return TRIAD_OK;
}

triad_status triad_schools_set_attribute_number(triad_schools *s, size_t a, size_t i,
                                                double value, triad_error *err)
{
    triad_error_clear(err);
    triad_status st = bad_index(s, i, err);
    if (st != TRIAD_OK)
        return st;
    if (a >= s->nattr || !s->attrs[a].numeric)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "attribute %zu is not a numeric attribute", a);
    if (!isnan(value) && !(fabs(value) <= LIMIT_USER_VALUE_ABS))
        return out_of_range(s->attrs[a].name, value, -LIMIT_USER_VALUE_ABS, LIMIT_USER_VALUE_ABS,
                            err);
    s->attrs[a].values[i] = value;
    return TRIAD_OK;
}

triad_status triad_schools_set_attribute_category(triad_schools *s, size_t a, size_t i,
                                                  const char *category, triad_error *err)
{
    triad_error_clear(err);
    triad_status st = bad_index(s, i, err);
    if (st != TRIAD_OK)
        return st;
    if (a >= s->nattr || s->attrs[a].numeric)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "attribute %zu is not a categorical attribute", a);
    if ((st = check_text("a category", category, 1, err)) != TRIAD_OK)
        return st;
    user_attr *u = &s->attrs[a];
    if (!category || triad_i_is_blank(category)) {
        u->codes[i] = -1;
        return TRIAD_OK;
    }
    size_t k = 0;
    while (k < u->ncat && strcmp(u->cats[k], category) != 0)
        k++;
    if (k == u->ncat) {
        char **nc = realloc(u->cats, (u->ncat + 1) * sizeof *nc);
        if (!nc)
            return triad_i_fail_nomem(err);
        u->cats = nc;
        if (!(nc[u->ncat] = triad_i_strdup(category)))
            return triad_i_fail_nomem(err);
        u->ncat++;
    }
    u->codes[i] = (int)k;
    return TRIAD_OK;
}
