/* Reads schools from the native CSV, a GIAS download or Ofsted MI data,
 * matching columns by name so that reordered or extended exports still load. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/util.h"
#include "io/csv_table.h"
#include "model/profile.h"
#include "model/schools_impl.h"

enum field {
    F_URN, F_NAME, F_PHASE, F_TYPE, F_STATUS, F_OFSTED, F_IDACI, F_FSM, F_URBAN, F_HEAD,
    F_EAST, F_NORTH, F_LAT, F_LON, F_PUPILS, F_TRUST, F_PRIORITY, F_LEAD, F_OPTOUT, F_AREA,
    F_COUNT
};

#define A(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Column names per format (file-scope compound literals have static
 * storage). Head years, priority, lead and opt-out come from no public
 * source, so every format may carry them under our names. */
#define COMMON_FIELDS                                                                       \
    [F_HEAD] = A("head_years", "HeadYearsInPost", "head teacher years in post"),            \
    [F_PRIORITY] = A("priority", "LA priority"), [F_LEAD] = A("lead_eligible"),             \
    [F_OPTOUT] = A("opted_out")

static const char *const *const native_cols[F_COUNT] = {
    [F_URN] = A("urn"), [F_NAME] = A("name"), [F_PHASE] = A("phase"), [F_TYPE] = A("type"),
    [F_OFSTED] = A("ofsted"), [F_IDACI] = A("idaci"), [F_FSM] = A("fsm_pct", "fsm"),
    [F_URBAN] = A("urban_rural"), [F_EAST] = A("easting"), [F_NORTH] = A("northing"),
    [F_LAT] = A("lat", "latitude"), [F_LON] = A("lon", "longitude"), [F_PUPILS] = A("pupils"),
    [F_TRUST] = A("trust"), [F_AREA] = A("area", "district"), COMMON_FIELDS};

static const char *const *const gias_cols[F_COUNT] = {
    [F_URN] = A("URN"), [F_NAME] = A("EstablishmentName"),
    [F_PHASE] = A("PhaseOfEducation (name)"), [F_TYPE] = A("TypeOfEstablishment (name)"),
    [F_STATUS] = A("EstablishmentStatus (name)"), [F_OFSTED] = A("OfstedRating (name)"),
    [F_FSM] = A("PercentageFSM"), [F_URBAN] = A("UrbanRural (name)"), [F_EAST] = A("Easting"),
    [F_NORTH] = A("Northing"), [F_PUPILS] = A("NumberOfPupils"), [F_TRUST] = A("Trusts (name)"),
    [F_AREA] = A("DistrictAdministrative (name)"), COMMON_FIELDS};

static const char *const *const ofsted_cols[F_COUNT] = {
    [F_URN] = A("URN"), [F_NAME] = A("Schoolname", "School name"),
    [F_PHASE] = A("Ofstedphase"), [F_TYPE] = A("Typeofeducation"),
    [F_OFSTED] = A("Overalleffectiveness", "Latest OEIF overall effectiveness"),
    [F_IDACI] = A("IDACI", "The income deprivation affecting children index (IDACI) quintile",
                  "IDACI quintile"),
    [F_EAST] = A("Easting"), [F_NORTH] = A("Northing"),
    [F_PUPILS] = A("num_pupils", "Total number of pupils", "Number of pupils"),
    [F_TRUST] = A("Multi-academy trust name", "Trust name"),
    [F_AREA] = A("Local authority district", "District", "area"), COMMON_FIELDS};

static const char *const gias_marker[] = {"PhaseOfEducation (name)", NULL};
static const char *const ofsted_marker[] = {"Ofstedphase", NULL};
static const char *const native_marker[] = {"phase", NULL};

static const char *const *field_alias(triad_format fmt, enum field f)
{
    switch (fmt) {
    case TRIAD_FORMAT_GIAS: return gias_cols[f];
    case TRIAD_FORMAT_OFSTED: return ofsted_cols[f];
    default: return native_cols[f];
    }
}

static triad_format detect_format(const csv_table *t)
{
    if (csv_table_column(t, gias_marker) >= 0)
        return TRIAD_FORMAT_GIAS;
    if (csv_table_column(t, ofsted_marker) >= 0)
        return TRIAD_FORMAT_OFSTED;
    if (csv_table_column(t, native_marker) >= 0)
        return TRIAD_FORMAT_NATIVE;
    return TRIAD_FORMAT_AUTO;
}

/* A column's attribute key: without a cat:/num: prefix, lower-case letters
 * and digits only. Two columns with one key would be one attribute twice. */
static void attr_key(const char *header, char *out, size_t n)
{
    if (strncmp(header, "cat:", 4) == 0 || strncmp(header, "num:", 4) == 0)
        header += 4;
    csv_normalise_name(header, out, n);
}

/* 1 when key is the name of a column of the native format: a user column
 * of that name would be written back as that column. */
static int native_column_key(const char *key)
{
    char k[256];
    for (int f = 0; f < F_COUNT; f++)
        for (const char *const *al = native_cols[f]; al && *al; al++) {
            csv_normalise_name(*al, k, sizeof k);
            if (strcmp(k, key) == 0)
                return 1;
        }
    return 0;
}

/* Reading context for one file. */
typedef struct reader {
    const csv_table *t;
    triad_format fmt;
    long col[F_COUNT];
    triad_error *err;
} reader;

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
                            r->t->lines[row], what, field_alias(r->fmt, f)[0], expected);
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

static triad_status read_row(const reader *r, size_t row, triad_read_options const *opts,
                             school_rec *s, int *skip)
{
    triad_status st;
    const char *v;
    *skip = 0;
    v = cell(r, row, F_STATUS);
    if (v && !opts->keep_closed && triad_i_streq_ci(v, "Closed")) {
        *skip = 1;
        return TRIAD_OK;
    }
    v = cell(r, row, F_URN);
    if (triad_i_is_blank(v))
        return bad_value(r, row, F_URN, "blank URN", "a school identifier");
    /* identifiers and categories name groups and strata, which every output
     * shows on one line; a name is free text */
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
    if (!s->urn || !s->name || !s->trust || !s->area)
        return triad_i_fail_nomem(r->err);
    s->line = r->t->lines[row];

    if (!parse_phase_text(cell(r, row, F_PHASE), cell(r, row, F_TYPE), &s->phase))
        return bad_value(r, row, F_PHASE, "unknown phase",
                         "Nursery, Primary, Middle, Secondary, All-through, Special, PRU or "
                         "16 plus");
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
    v = cell(r, row, F_URBAN);
    s->urban = URBAN_UNKNOWN;
    if (v && !triad_i_is_blank(v)) {
        char norm[256];
        csv_normalise_name(v, norm, sizeof norm);
        if (strstr(norm, "urban") || strcmp(norm, "u") == 0)
            s->urban = URBAN_URBAN;
        else if (strstr(norm, "rural") || strcmp(norm, "r") == 0)
            s->urban = URBAN_RURAL;
        else
            return bad_value(r, row, F_URBAN, "unknown urban/rural class",
                             "text containing Urban or Rural, U, R or blank");
    }
    if ((st = number(r, row, F_HEAD, 0, 60, &s->head_years)) != TRIAD_OK)
        return st;
    /* Coordinates: Great Britain's grid in metres, or lat/lon in degrees
     * inside Great Britain; anything else is a mistake worth naming. */
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
    if (!isnan(s->lat)) {
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
    }
    if ((st = number(r, row, F_PUPILS, 0, 1e5, &s->pupils)) != TRIAD_OK)
        return st;
    if ((st = number(r, row, F_PRIORITY, 1, 3, &d)) != TRIAD_OK)
        return st;
    if (!isnan(d) && d != floor(d))
        return bad_value(r, row, F_PRIORITY, "invalid priority", "1, 2, 3 or blank");
    s->priority = isnan(d) ? 0 : (int)d;
    if ((st = flag(r, row, F_LEAD, -1, &s->lead_flag)) != TRIAD_OK)
        return st;
    return flag(r, row, F_OPTOUT, 0, &s->opted_out);
}

/* Columns of the native CSV that are not one of ours become user attributes. */
static triad_status read_user_attrs(const reader *r, triad_schools *out, const size_t *keep_rows)
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
        const char *hname = t->header[c];
        int declared = -1; /* -1 infer, 0 categorical, 1 numeric */
        if (strncmp(hname, "cat:", 4) == 0) {
            declared = 0;
            hname += 4;
        } else if (strncmp(hname, "num:", 4) == 0) {
            declared = 1;
            hname += 4;
        }
        if (declared < 0) {
            declared = 1;
            for (size_t i = 0; i < n && declared; i++) {
                const char *v = t->rows[keep_rows[i]][c];
                double d;
                if (!triad_i_is_blank(v) && !triad_i_parse_double(v, &d))
                    declared = 0; /* text, or a number we would refuse: categorical */
            }
        }
        char key[256];
        attr_key(t->header[c], key, sizeof key);
        if (native_column_key(key))
            return triad_i_fail(r->err, TRIAD_ERR_CSV, t->name, 1, (long)c + 1,
                                "%s:1:%zu: column '%s' has the name of a column of the schools "
                                "format; rename it",
                                t->name, c + 1, t->header[c]);
        if (profile_is_builtin_attribute(hname))
            return triad_i_fail(
                r->err, TRIAD_ERR_CSV, t->name, 1, (long)c + 1,
                "%s:1:%zu: column '%s' has the name of a built-in attribute "
                "(ofsted, deprivation, urban_rural, head_experience, pupils, area); "
                "rename it",
                t->name, c + 1, t->header[c]);
        if (!*key)
            return triad_i_fail(r->err, TRIAD_ERR_CSV, t->name, 1, (long)c + 1,
                                "%s:1:%zu: column '%s' has no letters or digits in its name",
                                t->name, c + 1, t->header[c]);
        user_attr *na = realloc(out->attrs, (out->nattr + 1) * sizeof *na);
        if (!na)
            return triad_i_fail_nomem(r->err);
        out->attrs = na;
        user_attr *u = &out->attrs[out->nattr++];
        memset(u, 0, sizeof *u);
        u->numeric = declared;
        u->name = triad_i_strdup(hname);
        if (!u->name)
            return triad_i_fail_nomem(r->err);
        if (u->numeric) {
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
        } else {
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
        }
    }
    return TRIAD_OK;
}

static triad_status check_duplicates(triad_schools *s, triad_error *err)
{
    urn_index *ix = urn_index_new(s);
    if (!ix)
        return triad_i_fail_nomem(err);
    triad_status st = TRIAD_OK;
    for (size_t i = 0; i < s->n && st == TRIAD_OK; i++) {
        long j = urn_index_find(ix, s->s[i].urn);
        if (j >= 0 && (size_t)j != i) {
            size_t a = (size_t)j < i ? (size_t)j : i, b = (size_t)j < i ? i : (size_t)j;
            st = triad_i_fail(err, TRIAD_ERR_DUPLICATE, s->source, s->s[b].line, 1,
                              "%s:%ld: duplicate URN %s (first seen on line %ld)", s->source,
                              s->s[b].line, s->s[b].urn, s->s[a].line);
        }
    }
    urn_index_free(ix);
    return st;
}

/* One coordinate system per file: easting/northing rows and lat/lon-only
 * rows together would put two maps on one plane. Lat/lon are projected
 * about the file's mean latitude (equirectangular: under 0.5% error within
 * an authority), the same way for every school of the file. */
static triad_status settle_coordinates(triad_schools *s, triad_error *err)
{
    long grid_line = 0, ll_line = 0;
    double lat_sum = 0;
    size_t nll = 0;
    for (size_t i = 0; i < s->n; i++) {
        const school_rec *r = &s->s[i];
        if (!isnan(r->x)) {
            if (!grid_line)
                grid_line = r->line;
        } else if (!isnan(r->lat)) {
            if (!ll_line)
                ll_line = r->line;
            lat_sum += r->lat;
            nll++;
        }
    }
    if (grid_line && ll_line)
        return triad_i_fail(err, TRIAD_ERR_VALUE, s->source, ll_line, 0,
                            "%s:%ld: this school is located by lat/lon only, but line %ld by "
                            "easting/northing: give one system for the whole file",
                            s->source, ll_line, grid_line);
    if (!nll)
        return TRIAD_OK;
    s->latlon = 1;
    const double R = 6371000.0, rad = 3.14159265358979323846 / 180.0;
    double c = cos(lat_sum / (double)nll * rad);
    for (size_t i = 0; i < s->n; i++) {
        school_rec *r = &s->s[i];
        if (!isnan(r->lat)) {
            r->x = R * r->lon * rad * c;
            r->y = R * r->lat * rad;
        }
    }
    return TRIAD_OK;
}

static void note_present_columns(triad_schools *s)
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
static int note_gaps(const reader *r, triad_schools *s)
{
    static const char *const fmt_name[] = {"auto", "native", "GIAS", "Ofsted MI"};
    for (size_t k = 0; k < sizeof gap_rules / sizeof gap_rules[0]; k++) {
        const gap_rule *g = &gap_rules[k];
        const char *const *al = field_alias(r->fmt, g->f);
        const char *const *alt = g->alt < F_COUNT ? field_alias(r->fmt, g->alt) : NULL;
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

static triad_status schools_from_table(const csv_table *t, const triad_read_options *opts,
                                       triad_schools **out, triad_error *err)
{
    triad_format fmt = opts->format != TRIAD_FORMAT_AUTO ? opts->format : detect_format(t);
    if (fmt == TRIAD_FORMAT_AUTO)
        return triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t->name, 1, 0,
                            "%s:1: cannot tell the format: no 'phase' (native), 'PhaseOfEducation "
                            "(name)' (GIAS) or 'Ofsted phase' (Ofsted MI) column%s",
                            t->name, csv_table_separator_hint(t));
    reader r = {.t = t, .fmt = fmt, .err = err};
    for (int f = 0; f < F_COUNT; f++) {
        const char *const *al = field_alias(fmt, (enum field)f);
        r.col[f] = al ? csv_table_column(t, al) : -1;
    }
    /* Ambiguous headers: two columns for one field, or (native files, where
     * every other column is an attribute) two columns of one name. */
    for (int f = 0; f < F_COUNT; f++) {
        const char *const *al = field_alias(fmt, (enum field)f);
        long other = al && r.col[f] >= 0 ? csv_table_column_besides(t, al, r.col[f]) : -1;
        if (other >= 0) {
            long a = r.col[f] < other ? r.col[f] : other, b = r.col[f] < other ? other : r.col[f];
            return triad_i_fail(err, TRIAD_ERR_CSV, t->name, 1, b + 1,
                                "%s:1:%ld: columns '%s' (column %ld) and '%s' both give %s; keep "
                                "one",
                                t->name, b + 1, t->header[a], a + 1, t->header[b], al[0]);
        }
    }
    if (fmt == TRIAD_FORMAT_NATIVE)
        for (size_t b = 0; b < t->ncols; b++) {
            char kb[256], ka[256];
            attr_key(t->header[b], kb, sizeof kb);
            for (size_t a = 0; a < b && *kb; a++) {
                attr_key(t->header[a], ka, sizeof ka);
                if (strcmp(ka, kb) == 0)
                    return triad_i_fail(err, TRIAD_ERR_CSV, t->name, 1, (long)b + 1,
                                        "%s:1:%zu: duplicate column name '%s' (also column %zu, "
                                        "'%s'); names are compared ignoring case, punctuation "
                                        "and a cat:/num: prefix",
                                        t->name, b + 1, t->header[b], a + 1, t->header[a]);
            }
        }
    if (r.col[F_URN] < 0 || r.col[F_PHASE] < 0)
        return triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t->name, 1, 0,
                            "%s:1: required column '%s' is missing%s", t->name,
                            field_alias(fmt, r.col[F_URN] < 0 ? F_URN : F_PHASE)[0],
                            csv_table_separator_hint(t));

    triad_schools *s = calloc(1, sizeof *s);
    size_t *keep = malloc(t->nrows * sizeof *keep);
    triad_status st = TRIAD_OK;
    if (!s || !keep) {
        st = triad_i_fail_nomem(err);
        goto done;
    }
    s->format = fmt;
    s->source = triad_i_strdup(t->name);
    s->s = calloc(t->nrows, sizeof *s->s);
    if (!s->source || !s->s)
        st = triad_i_fail_nomem(err);
    for (size_t row = 0; row < t->nrows && st == TRIAD_OK; row++) {
        int skip;
        school_rec *rec = &s->s[s->n];
        st = read_row(&r, row, opts, rec, &skip);
        if (st == TRIAD_OK && !skip)
            keep[s->n++] = row;
        else { /* free what a failed or skipped row allocated */
            free(rec->urn);
            free(rec->name);
            free(rec->trust);
            free(rec->area);
            memset(rec, 0, sizeof *rec);
        }
    }
    if (st == TRIAD_OK && s->n == 0)
        st = triad_i_fail(err, TRIAD_ERR_EMPTY, t->name, 0, 0, "%s: no open schools", t->name);
    if (st == TRIAD_OK)
        st = check_duplicates(s, err);
    if (st == TRIAD_OK)
        st = settle_coordinates(s, err);
    if (st == TRIAD_OK && fmt == TRIAD_FORMAT_NATIVE)
        st = read_user_attrs(&r, s, keep);
done:
    free(keep);
    if (st != TRIAD_OK) {
        triad_schools_free(s);
        return st;
    }
    note_present_columns(s);
    if (!note_gaps(&r, s)) {
        triad_schools_free(s);
        return triad_i_fail_nomem(err);
    }
    *out = s;
    return TRIAD_OK;
}

void triad_read_options_init(triad_read_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->struct_size = sizeof *opts;
    opts->format = TRIAD_FORMAT_AUTO;
}

static triad_status read_args_ok(triad_schools **out, triad_error *err)
{
    triad_error_clear(err);
    if (!out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "out is NULL");
    *out = NULL;
    return TRIAD_OK;
}

triad_status triad_schools_read_buffer(const char *data, size_t size, const char *name,
                                       const triad_read_options *opts, triad_schools **out,
                                       triad_error *err)
{
    triad_status st = read_args_ok(out, err);
    if (st != TRIAD_OK)
        return st;
    if (!data && size)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "data is NULL");
    triad_read_options def;
    triad_read_options_init(&def);
    if (!opts)
        opts = &def;
    st = triad_i_check_struct_size(opts->struct_size, sizeof def, "triad_read_options", err);
    if (st != TRIAD_OK)
        return st;
    if ((unsigned)opts->format > TRIAD_FORMAT_OFSTED)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "triad_read_options.format %d is not a triad_format",
                            (int)opts->format);
    csv_table t;
    st = csv_table_parse(data ? data : "", size, name, &t, err);
    if (st != TRIAD_OK)
        return st;
    st = schools_from_table(&t, opts, out, err);
    csv_table_free(&t);
    return st;
}

triad_status triad_schools_read(const char *path, const triad_read_options *opts,
                                triad_schools **out, triad_error *err)
{
    triad_status st = read_args_ok(out, err);
    if (st != TRIAD_OK)
        return st;
    if (!path)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "path is NULL");
    triad_read_options def;
    triad_read_options_init(&def);
    if (!opts)
        opts = &def;
    st = triad_i_check_struct_size(opts->struct_size, sizeof def, "triad_read_options", err);
    if (st != TRIAD_OK)
        return st;
    if ((unsigned)opts->format > TRIAD_FORMAT_OFSTED)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "triad_read_options.format %d is not a triad_format",
                            (int)opts->format);
    csv_table t;
    st = csv_table_read(path, &t, err);
    if (st != TRIAD_OK)
        return st;
    st = schools_from_table(&t, opts, out, err);
    csv_table_free(&t);
    return st;
}
