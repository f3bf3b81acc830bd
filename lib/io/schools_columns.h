/* The schools reader's shared parts: the fields every format maps, the
 * reading context, and the stages in schools_columns.c, schools_fields.c
 * and schools_gaps.c that schools_read.c drives. Never installed. */
#ifndef TRIAD_IO_SCHOOLS_COLUMNS_H
#define TRIAD_IO_SCHOOLS_COLUMNS_H

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
    F_LOW_AGE, F_HIGH_AGE, F_RC_FIRST,
    F_RC_LAST = F_RC_FIRST + 7, /* the report card's eight areas, as report_card_areas */
    F_SAFEGUARDING, F_GOVERNORS, F_HEAD_KEY, F_COUNT
};

/* Reading context for one file. */
typedef struct reader {
    const csv_table *t;
    triad_format fmt;
    long col[F_COUNT];
    triad_error *err;
} reader;

/* The names field f goes by in format fmt (NULL-terminated), or NULL when
 * the format has no such column. */
const char *const *schools_field_alias(triad_format fmt, enum field f);

/* The format of a table by its marker column, TRIAD_FORMAT_AUTO when none. */
triad_format schools_detect_format(const csv_table *t);

/* A column's attribute key: without a cat:/num: prefix, lower-case letters
 * and digits only. Two columns with one key would be one attribute twice. */
void schools_attr_key(const char *header, char *out, size_t n);

/* 1 when key is the name of a column of the native format: a user column
 * of that name would be written back as that column. */
int schools_native_column_key(const char *key);

/* Row `row` of the table into *s; *skip when it is a closed school the
 * options leave out. Refusals name file:line:column. */
triad_status schools_read_row(const reader *r, size_t row, triad_read_options const *opts,
                             school_rec *s, int *skip);

/* Columns of the native CSV that are not one of ours become user attributes. */
triad_status schools_read_user_attrs(const reader *r, triad_schools *out, const size_t *keep_rows);

/* Sets the has_* flags: which optional data any school has. */
void schools_note_present(triad_schools *s);

/* Never silent about data that is not there: an expected column of a known
 * export that is absent, or any such column blank for every school, is a
 * gap with what it means. Native files choose their columns, so for them
 * (and for head years, which no public export has) only a present column
 * left blank is one. 0 on allocation failure. */
int schools_note_gaps(const reader *r, triad_schools *s);

#endif
