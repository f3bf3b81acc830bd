/* Reads schools from the native CSV, a GIAS download or Ofsted MI data,
 * matching columns by name so that reordered or extended exports still
 * load; duplicates and coordinates settled across rows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/util.h"
#include "io/csv_table.h"
#include "model/profile.h"
#include "model/schools_impl.h"
#include "io/schools_columns.h"

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

/* Each field's column in r, refusing ambiguous headers: two columns for one
 * field, or (native files, where every other column is an attribute) two
 * columns of one name; and the required URN and phase. */
static triad_status map_columns(reader *r, triad_error *err)
{
    const csv_table *t = r->t;
    for (int f = 0; f < F_COUNT; f++) {
        const char *const *al = schools_field_alias(r->fmt, (enum field)f);
        r->col[f] = al ? csv_table_column(t, al) : -1;
    }
    for (int f = 0; f < F_COUNT; f++) {
        const char *const *al = schools_field_alias(r->fmt, (enum field)f);
        long other = al && r->col[f] >= 0 ? csv_table_column_besides(t, al, r->col[f]) : -1;
        if (other >= 0) {
            long a = r->col[f] < other ? r->col[f] : other;
            long b = r->col[f] < other ? other : r->col[f];
            return triad_i_fail(err, TRIAD_ERR_CSV, t->name, 1, b + 1,
                                "%s:1:%ld: columns '%s' (column %ld) and '%s' both give %s; keep "
                                "one",
                                t->name, b + 1, t->header[a], a + 1, t->header[b], al[0]);
        }
    }
    if (r->fmt == TRIAD_FORMAT_NATIVE)
        for (size_t b = 0; b < t->ncols; b++) {
            char kb[256], ka[256];
            schools_attr_key(t->header[b], kb, sizeof kb);
            for (size_t a = 0; a < b && *kb; a++) {
                schools_attr_key(t->header[a], ka, sizeof ka);
                if (strcmp(ka, kb) == 0)
                    return triad_i_fail(err, TRIAD_ERR_CSV, t->name, 1, (long)b + 1,
                                        "%s:1:%zu: duplicate column name '%s' (also column %zu, "
                                        "'%s'); names are compared ignoring case, punctuation "
                                        "and a cat:/num: prefix",
                                        t->name, b + 1, t->header[b], a + 1, t->header[a]);
            }
        }
    if (r->col[F_URN] < 0 || r->col[F_PHASE] < 0)
        return triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t->name, 1, 0,
                            "%s:1: required column '%s' is missing%s", t->name,
                            schools_field_alias(r->fmt, r->col[F_URN] < 0 ? F_URN : F_PHASE)[0],
                            csv_table_separator_hint(t));
    return TRIAD_OK;
}

/* Every row into s (closed schools skipped); keep[] receives the table row
 * of each school kept. */
static triad_status read_rows(const reader *r, const triad_read_options *opts, triad_schools *s,
                              size_t *keep)
{
    triad_status st = TRIAD_OK;
    for (size_t row = 0; row < r->t->nrows && st == TRIAD_OK; row++) {
        int skip;
        school_rec *rec = &s->s[s->n];
        st = schools_read_row(r, row, opts, rec, &skip);
        if (st == TRIAD_OK && !skip)
            keep[s->n++] = row;
        else { /* free what a failed or skipped row allocated */
            free(rec->urn);
            free(rec->name);
            free(rec->trust);
            free(rec->area);
            free(rec->head);
            memset(rec, 0, sizeof *rec);
        }
    }
    return st;
}

static triad_status schools_from_table(const csv_table *t, const triad_read_options *opts,
                                       triad_schools **out, triad_error *err)
{
    triad_format fmt = opts->format != TRIAD_FORMAT_AUTO ? opts->format : schools_detect_format(t);
    if (fmt == TRIAD_FORMAT_AUTO)
        return triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t->name, 1, 0,
                            "%s:1: cannot tell the format: no 'phase' (native), 'PhaseOfEducation "
                            "(name)' (GIAS) or 'Ofsted phase' (Ofsted MI) column%s",
                            t->name, csv_table_separator_hint(t));
    reader r = {.t = t, .fmt = fmt, .err = err};
    triad_status st = map_columns(&r, err);
    if (st != TRIAD_OK)
        return st;
    triad_schools *s = calloc(1, sizeof *s);
    size_t *keep = malloc(t->nrows * sizeof *keep);
    if (s) {
        s->format = fmt;
        s->source = triad_i_strdup(t->name);
        s->s = calloc(t->nrows, sizeof *s->s);
    }
    if (!s || !keep || !s->source || !s->s)
        st = triad_i_fail_nomem(err);
    if (st == TRIAD_OK)
        st = read_rows(&r, opts, s, keep);
    if (st == TRIAD_OK && s->n == 0)
        st = triad_i_fail(err, TRIAD_ERR_EMPTY, t->name, 0, 0, "%s: no open schools", t->name);
    if (st == TRIAD_OK)
        st = check_duplicates(s, err);
    if (st == TRIAD_OK)
        st = settle_coordinates(s, err);
    if (st == TRIAD_OK && fmt == TRIAD_FORMAT_NATIVE)
        st = schools_read_user_attrs(&r, s, keep);
    free(keep);
    if (st == TRIAD_OK)
        schools_note_present(s);
    if (st == TRIAD_OK && !schools_note_gaps(&r, s))
        st = triad_i_fail_nomem(err);
    if (st != TRIAD_OK) {
        triad_schools_free(s);
        return st;
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
    st = triad_i_take_options(&def, sizeof def, opts, "triad_read_options", err);
    if (st != TRIAD_OK)
        return st;
    opts = &def;
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
    st = triad_i_take_options(&def, sizeof def, opts, "triad_read_options", err);
    if (st != TRIAD_OK)
        return st;
    opts = &def;
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
