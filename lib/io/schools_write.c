/* Writes the native schools CSV (columns documented in the README). */
#include <math.h>
#include <stdlib.h>

#include "core/util.h"
#include "io/file_write.h"
#include "model/schools_impl.h"

static void put_number(triad_i_buf *b, double v)
{
    if (!isnan(v))
        triad_i_buf_printf(b, "%.10g", v);
}

static void put_int(triad_i_buf *b, int v)
{
    if (v > 0)
        triad_i_buf_printf(b, "%d", v);
}

/* The optional columns the file has: shared head, ages, governors, the
 * report card (in the header's order). */
static void optional_cells(const triad_schools *s, const school_rec *r, triad_i_buf *b)
{
    if (s->has_heads) {
        triad_i_buf_puts(b, ",");
        triad_i_buf_csv_field(b, r->head ? r->head : "");
    }
    if (s->has_ages) {
        triad_i_buf_puts(b, ",");
        put_number(b, r->low_age);
        triad_i_buf_puts(b, ",");
        put_number(b, r->high_age);
    }
    if (s->has_governors && r->governors >= 0)
        triad_i_buf_printf(b, ",%d", r->governors);
    else if (s->has_governors)
        triad_i_buf_puts(b, ",");
    for (int a = 0; s->has_cards && a < RC_AREAS; a++)
        triad_i_buf_printf(b, ",%s", r->card[a] ? report_card_grades[r->card[a]] : "");
    if (s->has_cards)
        triad_i_buf_puts(b, r->safeguarding == 1   ? ",Met"
                            : r->safeguarding == 0 ? ",Not met"
                                                   : ",");
}

static void schools_csv(const triad_schools *s, triad_i_buf *b)
{
    /* lat/lon files keep lat/lon: never degrees written as metres */
    triad_i_buf_printf(b,
                       "urn,name,phase,ofsted,idaci,fsm_pct,urban_rural,head_years,%s,"
                       "pupils,trust,priority,lead_eligible,opted_out,area%s%s%s%s",
                       s->latlon ? "lat,lon" : "easting,northing", s->has_heads ? ",head" : "",
                       s->has_ages ? ",low_age,high_age" : "",
                       s->has_governors ? ",governors_trained" : "",
                       s->has_cards ? ",rc_inclusion,rc_curriculum,rc_achievement,rc_attendance,"
                                      "rc_personal,rc_early_years,rc_sixth_form,rc_leadership,"
                                      "safeguarding"
                                    : "");
    for (size_t a = 0; a < s->nattr; a++) {
        triad_i_buf_puts(b, ",");
        /* the type prefix is part of the field, quoted with it when needed */
        triad_i_buf named;
        triad_i_buf_init(&named);
        triad_i_buf_puts(&named, s->attrs[a].numeric ? "num:" : "cat:");
        triad_i_buf_puts(&named, s->attrs[a].name);
        if (named.failed)
            b->failed = 1;
        else
            triad_i_buf_csv_field(b, named.data);
        triad_i_buf_free(&named);
    }
    triad_i_buf_puts(b, "\r\n");
    for (size_t i = 0; i < s->n; i++) {
        const school_rec *r = &s->s[i];
        triad_i_buf_csv_field(b, r->urn);
        triad_i_buf_puts(b, ",");
        triad_i_buf_csv_field(b, r->name);
        triad_i_buf_printf(b, ",%s,", triad_phase_name(r->phase));
        put_int(b, r->ofsted);
        triad_i_buf_puts(b, ",");
        put_int(b, r->idaci);
        triad_i_buf_puts(b, ",");
        put_number(b, r->fsm);
        triad_i_buf_puts(b, r->urban == URBAN_URBAN   ? ",Urban,"
                            : r->urban == URBAN_RURAL ? ",Rural,"
                                                      : ",,");
        put_number(b, r->head_years);
        triad_i_buf_puts(b, ",");
        put_number(b, s->latlon ? r->lat : r->x);
        triad_i_buf_puts(b, ",");
        put_number(b, s->latlon ? r->lon : r->y);
        triad_i_buf_puts(b, ",");
        put_number(b, r->pupils);
        triad_i_buf_puts(b, ",");
        triad_i_buf_csv_field(b, r->trust);
        triad_i_buf_puts(b, ",");
        put_int(b, r->priority);
        triad_i_buf_puts(b, r->lead_flag == 1 ? ",1" : r->lead_flag == 0 ? ",0" : ",");
        triad_i_buf_puts(b, r->opted_out ? ",1," : ",0,");
        triad_i_buf_csv_field(b, r->area);
        optional_cells(s, r, b);
        for (size_t a = 0; a < s->nattr; a++) {
            const user_attr *u = &s->attrs[a];
            triad_i_buf_puts(b, ",");
            if (u->numeric)
                put_number(b, u->values[i]);
            else if (u->codes[i] >= 0)
                triad_i_buf_csv_field(b, u->cats[u->codes[i]]);
        }
        triad_i_buf_puts(b, "\r\n");
    }
}

triad_status triad_schools_csv(const triad_schools *s, char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!s || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "schools or out is NULL");
    triad_i_buf b;
    triad_i_buf_init(&b);
    schools_csv(s, &b);
    return file_buf_take(&b, out, err);
}

triad_status triad_schools_write(const triad_schools *s, const char *path, triad_error *err)
{
    triad_error_clear(err);
    if (!s || !path)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "schools or path is NULL");
    triad_i_buf b;
    triad_i_buf_init(&b);
    schools_csv(s, &b);
    return file_write_buf(path, &b, err);
}
