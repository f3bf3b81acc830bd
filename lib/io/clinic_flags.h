/* The clinic's CSV (urn,term,rag,reasons) read back: by the clinic for its
 * history, by broker --clinic for the needs and by solve --clinic for the
 * schools' priority. One reader, so that the three refuse the same files
 * with the same messages. Never installed. */
#ifndef TRIAD_IO_CLINIC_FLAGS_H
#define TRIAD_IO_CLINIC_FLAGS_H

#include "core/util.h"
#include "io/csv_table.h"
#include "triad/triad.h"

/* 1 green, 2 amber, 3 red; 0 for anything else. */
int clinic_rag_level(const char *rag);

/* The columns urn, term and rag of t into col[0..2], once every row's rag
 * is red, amber or green; else an error naming file, line and column. */
triad_status clinic_table_check(const csv_table *t, long col[3], triad_error *err);

/* Each school's flag in term (clinic_rag_level; 0: no row) into level[],
 * one per school of s (the caller's array). A URN not in s, or a term with
 * no row at all, is refused naming the file (and line and column). */
triad_status clinic_flags_read(const char *path, const triad_schools *s, const char *term,
                               int *level, triad_error *err);
/* The same on a table already read; row[] (may be NULL; the caller sets
 * it to -1) receives each school's row of the term, col[] the table's urn,
 * term and rag columns. */
triad_status clinic_flags_of_table(const csv_table *t, const triad_schools *s, const char *term,
                                   int *level, long *row, long col[3], triad_error *err);
#endif
