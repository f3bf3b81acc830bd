/* A CSV file in memory: decoded to UTF-8, parsed by libcsv into a header and
 * rows of strings, each row with the line it starts on. Never installed. */
#ifndef TRIAD_IO_CSV_TABLE_H
#define TRIAD_IO_CSV_TABLE_H

#include <stddef.h>

#include "core/limits.h"
#include "triad/triad.h"

typedef struct csv_table {
    char *name; /* file name for messages */
    size_t ncols;
    char **header;
    size_t nrows;
    char ***rows; /* rows[r][c], every row has ncols cells */
    long *lines;  /* 1-based line of each row */
} csv_table;


/* Decodes (BOM, UTF-8 or Windows-1252; NUL bytes refused) and parses data.
 * Ragged rows, bad quoting and an empty file are errors naming line and
 * column. On success the caller frees t with csv_table_free. */
triad_status csv_table_parse(const char *data, size_t size, const char *name, csv_table *t,
                             triad_error *err);

/* Reads and parses a file. */
triad_status csv_table_read(const char *path, csv_table *t, triad_error *err);

/* As csv_table_read, but a header with no rows is a table of no rows (a
 * brokerage that matched nothing is a true answer, not an empty file). */
triad_status csv_table_read_maybe_empty(const char *path, csv_table *t, triad_error *err);

void csv_table_free(csv_table *t);

/* The index of the first header matching one of the NULL-terminated aliases
 * (compared ignoring case, blanks and punctuation), or -1. */
long csv_table_column(const csv_table *t, const char *const *aliases);

/* Another column than `except` matching the aliases, or -1: two columns
 * that both claim one field ("fsm_pct" and "FSM") make the file ambiguous. */
long csv_table_column_besides(const csv_table *t, const char *const *aliases, long except);

/* The first pair of columns a < b whose names are equal ignoring case,
 * blanks and punctuation; 0 when there is none. Blank names are ignored. */
int csv_table_duplicate(const csv_table *t, size_t *a, size_t *b);

/* When a required column is missing because the header is a single column
 * holding ';' or a tab (a file saved with another separator, as Excel does in
 * some locales), a sentence saying so, starting with "; "; otherwise "". For
 * the end of a missing-column message. Static storage. */
const char *csv_table_separator_hint(const csv_table *t);



#endif
