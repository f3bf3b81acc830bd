/* One row of a schools file into a school: each field parsed, checked and
 * refused with file:line:column; user attributes from the extra columns. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/util.h"
#include "io/csv_table.h"
#include "model/profile.h"
#include "model/schools_impl.h"
#include "io/schools_columns.h"

static const char *cell(const reader *r, size_t row, enum field f)
{
    return r->col[f] >= 0 ? r->t->rows[row][r->col[f]] : NULL;
}

static triad_status bad_value(const reader *r, size_t row, enum field f, const char *what,
                              const char *expected)
{
    long c = r->col[f];
    if (c < 0) /* the field's column is absent: name the line and the field */
        return triad_i_fail(r->err, TRIAD_ERR_VALUE, r->t->name, r->t->lines[row], 0,
                            "%s:%ld: %s: no '%s' column (expected %s)", r->t->name,
                            r->t->lines[row], what, schools_field_alias(r->fmt, f)[0], expected);
    return triad_i_fail(r->err, TRIAD_ERR_VALUE, r->t->name, r->t->lines[row], c + 1,
                        "%s:%ld:%ld: %s '%s' in column '%s' (expected %s)", r->t->name,
                        r->t->lines[row], c + 1, what, r->t->rows[row][c], r->t->header[c],
                        expected);
}

static int is_missing_marker(const char *s)
{
    static const char *const marks[] = {"", "supp", "x", "na", "n/a", "..", "null", "-", "ne"};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (triad_i_streq_ci(s, marks[k]))
            return 1;
    return 0;
}

/* A number cell: NAN when blank or a census suppression marker. */
static triad_status number(const reader *r, size_t row, enum field f, double lo, double hi,
                           double *out)
{
    const char *s = cell(r, row, f);
    *out = NAN;
    if (!s || is_missing_marker(s))
        return TRIAD_OK;
    double v;
    /* a percentage column exported from a spreadsheet cell formatted as a
     * percentage reads "23.50%": the number it shows is the one meant */
    char bare[64];
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (f == F_FSM && n > 1 && n < sizeof bare && s[n - 1] == '%') {
        memcpy(bare, s, n - 1);
        bare[n - 1] = '\0';
        s = bare;
    }
    if (!triad_i_parse_double(s, &v) || v < lo || v > hi) {
        char range[96];
        snprintf(range, sizeof range, "a number from %g to %g, or blank", lo, hi);
        return bad_value(r, row, f, "invalid number", range);
    }
    *out = v;
    return TRIAD_OK;
}

static triad_status flag(const reader *r, size_t row, enum field f, int missing, int *out)
{
    const char *s = cell(r, row, f);
    *out = missing;
    if (!s || triad_i_is_blank(s))
        return TRIAD_OK;
    if (triad_i_streq_ci(s, "1") || triad_i_streq_ci(s, "yes") || triad_i_streq_ci(s, "y") ||
        triad_i_streq_ci(s, "true"))
        *out = 1;
    else if (triad_i_streq_ci(s, "0") || triad_i_streq_ci(s, "no") || triad_i_streq_ci(s, "n") ||
             triad_i_streq_ci(s, "false"))
        *out = 0;
    else
        return bad_value(r, row, f, "invalid flag", "1/0, yes/no, true/false or blank");
    return TRIAD_OK;
}

/* The text fields: URN (trimmed), name, trust and area, each checked for
 * control characters: identifiers and categories name groups and strata,
 * which every output shows on one line; a name is free text. */
static triad_status read_texts(const reader *r, size_t row, school_rec *s)
{
    const char *v = cell(r, row, F_URN);
    if (triad_i_is_blank(v))
        return bad_value(r, row, F_URN, "blank URN", "a school identifier");
    static const enum field one_line[] = {F_URN, F_TRUST, F_AREA};
    for (size_t k = 0; k < sizeof one_line / sizeof *one_line; k++)
        if (triad_i_has_control(cell(r, row, one_line[k])))
            return bad_value(r, row, one_line[k], "a line break or other control character",
                             "text on one line");
    if (triad_i_has_stray_control(cell(r, row, F_NAME)))
        return bad_value(r, row, F_NAME, "a control character in the name",
                         "text, which may hold tabs and line breaks but no other control "
                         "character");
    const char *b = v;
    while (*b == ' ' || *b == '\t')
        b++;
    size_t len = strlen(b);
    while (len && (b[len - 1] == ' ' || b[len - 1] == '\t'))
        len--;
    s->urn = triad_i_strndup(b, len);
    v = cell(r, row, F_NAME);
    s->name = triad_i_strdup(v && !triad_i_is_blank(v) ? v : s->urn ? s->urn : "");
    v = cell(r, row, F_TRUST);
    s->trust = triad_i_strdup(v && !triad_i_is_blank(v) ? v : "");
    v = cell(r, row, F_AREA);
    s->area = triad_i_strdup(v && !triad_i_is_blank(v) ? v : "");
    v = cell(r, row, F_HEAD_KEY);
    s->head = triad_i_strdup(v && !triad_i_is_blank(v) ? v : "");
    if (!s->urn || !s->name || !s->trust || !s->area || !s->head)
        return triad_i_fail_nomem(r->err);
    s->line = r->t->lines[row];
    return TRIAD_OK;
}

/* The statutory ages (0-25, low not above high), and from them a
 * Primary school's own phase as GIAS files it: to age 8 or under an infant
 * school, from 7 a junior, to 9 or 10 a first school. */
static triad_status ages(const reader *r, size_t row, school_rec *s)
{
    triad_status st;
    if ((st = number(r, row, F_LOW_AGE, 0, 25, &s->low_age)) != TRIAD_OK ||
        (st = number(r, row, F_HIGH_AGE, 0, 25, &s->high_age)) != TRIAD_OK)
        return st;
    if (s->low_age > s->high_age)
        return bad_value(r, row, F_HIGH_AGE, "a high age below the low age",
                         "the statutory high age, at least the low age");
    if (s->phase != TRIAD_PHASE_PRIMARY || isnan(s->low_age) || isnan(s->high_age))
        return TRIAD_OK;
    if (s->high_age <= 8)
        s->phase = TRIAD_PHASE_INFANT;
    else if (s->low_age >= 7)
        s->phase = TRIAD_PHASE_JUNIOR;
    else if (s->high_age <= 10)
        s->phase = TRIAD_PHASE_FIRST;
    return TRIAD_OK;
}

/* Phase, Ofsted grade, IDACI quintile, FSM %, urban/rural, head years. */
static triad_status read_context(const reader *r, size_t row, school_rec *s)
{
    triad_status st;
    if (!parse_phase_text(cell(r, row, F_PHASE), cell(r, row, F_TYPE), &s->phase))
        return bad_value(r, row, F_PHASE, "unknown phase",
                         "Nursery, Primary, Infant, Junior, First, Middle, Middle deemed "
                         "secondary, Secondary, All-through, Special, PRU or 16 plus");
    if ((st = ages(r, row, s)) != TRIAD_OK)
        return st;
    if (!parse_ofsted_text(cell(r, row, F_OFSTED), &s->ofsted))
        return bad_value(r, row, F_OFSTED, "unknown Ofsted grade",
                         "Outstanding, Good, Requires improvement, Inadequate, Serious "
                         "Weaknesses, Special Measures, 1-4, or blank for not inspected");
    double d;
    if ((st = number(r, row, F_IDACI, 1, 5, &d)) != TRIAD_OK)
        return st;
    if (!isnan(d) && d != floor(d))
        return bad_value(r, row, F_IDACI, "invalid IDACI quintile", "a whole number 1-5");
    s->idaci = isnan(d) ? 0 : (int)d;
    if ((st = number(r, row, F_FSM, 0, 100, &s->fsm)) != TRIAD_OK)
        return st;
    const char *v = cell(r, row, F_URBAN);
    s->urban = URBAN_UNKNOWN;
    if (v && !triad_i_is_blank(v)) {
        char norm[256];
        triad_i_name_key(v, norm, sizeof norm);
        if (strstr(norm, "urban") || strcmp(norm, "u") == 0)
            s->urban = URBAN_URBAN;
        else if (strstr(norm, "rural") || strcmp(norm, "r") == 0)
            s->urban = URBAN_RURAL;
        else
            return bad_value(r, row, F_URBAN, "unknown urban/rural class",
                             "text containing Urban or Rural, U, R or blank");
    }
    return number(r, row, F_HEAD, 0, 60, &s->head_years);
}

/* Coordinates: Great Britain's grid in metres, or lat/lon in degrees
 * inside Great Britain; anything else is a mistake worth naming. */
static triad_status read_location(const reader *r, size_t row, school_rec *s)
{
    triad_status st;
    if ((st = number(r, row, F_EAST, GRID_E_MIN, GRID_E_MAX, &s->x)) != TRIAD_OK ||
        (st = number(r, row, F_NORTH, GRID_N_MIN, GRID_N_MAX, &s->y)) != TRIAD_OK)
        return st;
    if (isnan(s->x) != isnan(s->y))
        return bad_value(r, row, isnan(s->x) ? F_EAST : F_NORTH, "missing half of a location",
                         "both easting and northing, or neither");
    if ((st = number(r, row, F_LAT, -90, 90, &s->lat)) != TRIAD_OK ||
        (st = number(r, row, F_LON, -180, 180, &s->lon)) != TRIAD_OK)
        return st;
    if (isnan(s->lat) != isnan(s->lon))
        return bad_value(r, row, isnan(s->lat) ? F_LAT : F_LON, "missing half of a location",
                         "both lat and lon, or neither");
    if (isnan(s->lat))
        return TRIAD_OK;
    int lat_ok = s->lat >= GB_LAT_MIN && s->lat <= GB_LAT_MAX;
    int lon_ok = s->lon >= GB_LON_MIN && s->lon <= GB_LON_MAX;
    if (!lat_ok && !lon_ok && s->lon >= GB_LAT_MIN && s->lon <= GB_LAT_MAX &&
        s->lat >= GB_LON_MIN && s->lat <= GB_LON_MAX)
        return bad_value(r, row, F_LAT, "lat and lon swapped",
                         "lat 49.8 to 60.9 and lon -8.7 to 1.8 (they look the other way round)");
    if (!lat_ok)
        return bad_value(r, row, F_LAT, "latitude outside Great Britain", "49.8 to 60.9");
    if (!lon_ok)
        return bad_value(r, row, F_LON, "longitude outside Great Britain", "-8.7 to 1.8");
    return TRIAD_OK;
}

/* The report card: each area's grade on the five-point scale, and
 * safeguarding met or not met. */
static triad_status report_card(const reader *r, size_t row, school_rec *s)
{
    for (int a = 0; a < RC_AREAS; a++) {
        int g;
        if (!report_card_grade(cell(r, row, (enum field)(F_RC_FIRST + a)), &g))
            return bad_value(r, row, (enum field)(F_RC_FIRST + a), "unknown report card grade",
                             "Exceptional, Strong standard, Expected standard, Needs attention, "
                             "Urgent improvement, 1-5, or blank for not graded");
        s->card[a] = (signed char)g;
    }
    const char *v = cell(r, row, F_SAFEGUARDING);
    s->safeguarding = -1;
    if (!v || triad_i_is_blank(v))
        return TRIAD_OK;
    if (triad_i_streq_ci(v, "met") || triad_i_streq_ci(v, "yes") || triad_i_streq_ci(v, "1"))
        s->safeguarding = 1;
    else if (triad_i_streq_ci(v, "not met") || triad_i_streq_ci(v, "no") ||
             triad_i_streq_ci(v, "0"))
        s->safeguarding = 0;
    else
        return bad_value(r, row, F_SAFEGUARDING, "unknown safeguarding judgement",
                         "Met, Not met, or blank");
    return TRIAD_OK;
}

/* Governors trained in peer review: a count, or yes/no for one or none. */
static triad_status governors(const reader *r, size_t row, school_rec *s)
{
    const char *v = cell(r, row, F_GOVERNORS);
    s->governors = -1;
    if (!v || triad_i_is_blank(v))
        return TRIAD_OK;
    if (triad_i_streq_ci(v, "yes")) {
        s->governors = 1;
        return TRIAD_OK;
    }
    if (triad_i_streq_ci(v, "no")) {
        s->governors = 0;
        return TRIAD_OK;
    }
    double d;
    triad_status st = number(r, row, F_GOVERNORS, 0, 100, &d);
    if (st == TRIAD_OK && d != floor(d))
        return bad_value(r, row, F_GOVERNORS, "invalid count of governors",
                         "a whole number 0-100, yes/no, or blank");
    s->governors = st == TRIAD_OK ? (int)d : -1;
    return st;
}

triad_status schools_read_row(const reader *r, size_t row, triad_read_options const *opts,
                             school_rec *s, int *skip)
{
    triad_status st;
    *skip = 0;
    const char *v = cell(r, row, F_STATUS);
    if (v && !opts->keep_closed && triad_i_streq_ci(v, "Closed")) {
        *skip = 1;
        return TRIAD_OK;
    }
    if ((st = read_texts(r, row, s)) != TRIAD_OK || (st = read_context(r, row, s)) != TRIAD_OK ||
        (st = read_location(r, row, s)) != TRIAD_OK)
        return st;
    if ((st = number(r, row, F_PUPILS, 0, 1e5, &s->pupils)) != TRIAD_OK)
        return st;
    double d;
    if ((st = number(r, row, F_PRIORITY, 1, 3, &d)) != TRIAD_OK)
        return st;
    if (!isnan(d) && d != floor(d))
        return bad_value(r, row, F_PRIORITY, "invalid priority", "1, 2, 3 or blank");
    s->priority = isnan(d) ? 0 : (int)d;
    if ((st = flag(r, row, F_LEAD, -1, &s->lead_flag)) != TRIAD_OK ||
        (st = report_card(r, row, s)) != TRIAD_OK || (st = governors(r, row, s)) != TRIAD_OK)
        return st;
    return flag(r, row, F_OPTOUT, 0, &s->opted_out);
}

/* Columns of the native CSV that are not one of ours become user attributes. */
/* A column's declared kind ("cat:" or "num:" before its name), else
 * numeric when every cell is blank or a number we would take; *hname
 * receives the name without the prefix. */
static int user_attr_kind(const csv_table *t, size_t c, const size_t *keep_rows, size_t n,
                          const char **hname)
{
    *hname = t->header[c];
    if (strncmp(*hname, "cat:", 4) == 0 || strncmp(*hname, "num:", 4) == 0) {
        int numeric = (*hname)[0] == 'n';
        *hname += 4;
        return numeric;
    }
    for (size_t i = 0; i < n; i++) {
        const char *v = t->rows[keep_rows[i]][c];
        double d;
        if (!triad_i_is_blank(v) && !triad_i_parse_double(v, &d))
            return 0; /* text, or a number we would refuse: categorical */
    }
    return 1;
}

/* A user column's name must not pass for a column or attribute of ours. */
static triad_status user_attr_name_ok(const reader *r, size_t c, const char *hname)
{
    const csv_table *t = r->t;
    char key[256];
    schools_attr_key(t->header[c], key, sizeof key);
    if (schools_native_column_key(key))
        return triad_i_fail(r->err, TRIAD_ERR_CSV, t->name, 1, (long)c + 1,
                            "%s:1:%zu: column '%s' has the name of a column of the schools "
                            "format; rename it",
                            t->name, c + 1, t->header[c]);
    if (profile_is_builtin_attribute(hname))
        return triad_i_fail(r->err, TRIAD_ERR_CSV, t->name, 1, (long)c + 1,
                            "%s:1:%zu: column '%s' has the name of a built-in attribute "
                            "(ofsted, deprivation, urban_rural, head_experience, pupils, area); "
                            "rename it",
                            t->name, c + 1, t->header[c]);
    if (!*key)
        return triad_i_fail(r->err, TRIAD_ERR_CSV, t->name, 1, (long)c + 1,
                            "%s:1:%zu: column '%s' has no letters or digits in its name",
                            t->name, c + 1, t->header[c]);
    return TRIAD_OK;
}

static triad_status user_numbers(const reader *r, size_t c, const size_t *keep_rows, size_t n,
                                 user_attr *u)
{
    const csv_table *t = r->t;
    u->values = malloc((n ? n : 1) * sizeof *u->values);
    if (!u->values)
        return triad_i_fail_nomem(r->err);
    for (size_t i = 0; i < n; i++) {
        const char *v = t->rows[keep_rows[i]][c];
        u->values[i] = NAN;
        if (!triad_i_is_blank(v) && (!triad_i_parse_double(v, &u->values[i]) ||
                                     fabs(u->values[i]) > LIMIT_USER_VALUE_ABS))
            return triad_i_fail(r->err, TRIAD_ERR_VALUE, t->name, t->lines[keep_rows[i]],
                                (long)c + 1,
                                "%s:%ld:%zu: invalid number '%s' in numeric column '%s' "
                                "(expected a decimal number from -%g to %g)",
                                t->name, t->lines[keep_rows[i]], c + 1, v, t->header[c],
                                LIMIT_USER_VALUE_ABS, LIMIT_USER_VALUE_ABS);
    }
    return TRIAD_OK;
}

static triad_status user_categories(const reader *r, size_t c, const size_t *keep_rows, size_t n,
                                    user_attr *u)
{
    const csv_table *t = r->t;
    u->codes = malloc((n ? n : 1) * sizeof *u->codes);
    if (!u->codes)
        return triad_i_fail_nomem(r->err);
    for (size_t i = 0; i < n; i++) {
        const char *v = t->rows[keep_rows[i]][c];
        u->codes[i] = -1;
        if (triad_i_is_blank(v))
            continue;
        if (triad_i_has_control(v))
            return triad_i_fail(r->err, TRIAD_ERR_VALUE, t->name, t->lines[keep_rows[i]],
                                (long)c + 1,
                                "%s:%ld:%zu: a line break or other control character in "
                                "column '%s' (a category is text on one line)",
                                t->name, t->lines[keep_rows[i]], c + 1, t->header[c]);
        size_t k = 0;
        while (k < u->ncat && strcmp(u->cats[k], v) != 0)
            k++;
        if (k == u->ncat) {
            char **nc = realloc(u->cats, (u->ncat + 1) * sizeof *nc);
            if (!nc)
                return triad_i_fail_nomem(r->err);
            u->cats = nc;
            if (!(u->cats[u->ncat] = triad_i_strdup(v)))
                return triad_i_fail_nomem(r->err);
            u->ncat++;
        }
        u->codes[i] = (int)k;
    }
    return TRIAD_OK;
}

triad_status schools_read_user_attrs(const reader *r, triad_schools *out, const size_t *keep_rows)
{
    const csv_table *t = r->t;
    size_t n = out->n;
    for (size_t c = 0; c < t->ncols; c++) {
        int known = 0;
        for (int f = 0; f < F_COUNT; f++)
            if (r->col[f] == (long)c)
                known = 1;
        if (known || triad_i_is_blank(t->header[c]))
            continue;
        const char *hname;
        int numeric = user_attr_kind(t, c, keep_rows, n, &hname);
        triad_status st = user_attr_name_ok(r, c, hname);
        if (st != TRIAD_OK)
            return st;
        user_attr *na = realloc(out->attrs, (out->nattr + 1) * sizeof *na);
        if (!na)
            return triad_i_fail_nomem(r->err);
        out->attrs = na;
        user_attr *u = &out->attrs[out->nattr++];
        memset(u, 0, sizeof *u);
        u->numeric = numeric;
        u->name = triad_i_strdup(hname);
        if (!u->name)
            return triad_i_fail_nomem(r->err);
        st = numeric ? user_numbers(r, c, keep_rows, n, u) : user_categories(r, c, keep_rows, n, u);
        if (st != TRIAD_OK)
            return st;
    }
    return TRIAD_OK;
}
