/* Small internal helpers shared by the library: errors, strings, buffers,
 * atomic file output. Never installed. */
#ifndef TRIAD_CORE_UTIL_H
#define TRIAD_CORE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "triad/triad.h"

#if defined(__GNUC__)
#define TRIAD_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define TRIAD_PRINTF(a, b)
#endif

/* Fills err (may be NULL) and returns status, so callers can write
 * `return triad_i_fail(err, ...)`. file may be NULL; line/column 0 when unknown. */
triad_status triad_i_fail(triad_error *err, triad_status status, const char *file, long line,
                          long column, const char *fmt, ...) TRIAD_PRINTF(6, 7);

/* Checks the struct_size of an options struct: 0 (never initialised) and
 * sizes of no released version are refused (TRIAD_ERR_INVALID_ARGUMENT,
 * naming the struct), so a caller built against another header fails
 * loudly instead of reading fields that are not there. */
triad_status triad_i_check_struct_size(size_t got, size_t want, const char *name, triad_error *err);

/* The caller's options into *dst (already filled with this version's
 * defaults, dst_size bytes, struct_size first), as libgit2 takes its
 * versioned structs: a caller built against an older header passes a
 * smaller struct_size, and only its fields are read, the rest keep their
 * defaults; a larger size than this library knows, or one too small to
 * hold struct_size, is refused naming the struct. src may be NULL (the
 * defaults stand). */
triad_status triad_i_take_options(void *dst, size_t dst_size, const void *src, const char *name,
                                  triad_error *err);

/* The same for allocation failure. */
triad_status triad_i_fail_nomem(triad_error *err);

char *triad_i_strdup(const char *s);
char *triad_i_strndup(const char *s, size_t n);
/* Case-insensitive ASCII comparison, ignoring leading/trailing blanks of a. */
int triad_i_streq_ci(const char *a, const char *b);

/* Appends a formatted line (at most 1 KB) to a growable list of strings;
 * 0 on allocation failure (the list stays valid). */
int lines_add(char ***list, size_t *n, const char *fmt, ...) TRIAD_PRINTF(3, 4);

/* Growable NUL-terminated string. */
typedef struct triad_i_buf {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed; data stays valid */
} triad_i_buf;

void triad_i_buf_init(triad_i_buf *b);
void triad_i_buf_free(triad_i_buf *b);
void triad_i_buf_puts(triad_i_buf *b, const char *s);
void triad_i_buf_printf(triad_i_buf *b, const char *fmt, ...) TRIAD_PRINTF(2, 3);
/* First characters with which a spreadsheet reads a cell as a formula. */
#define CSV_FORMULA_CHARS "=+-@\t\r"

/* 1 when the n bytes at s are one or more apostrophes and then a formula
 * character: what the guard produces, and what text that already looks
 * guarded must become, so the writer adds one apostrophe to such text and
 * the reader takes one off - a round trip for every string. */
int csv_looks_guarded(const char *s, size_t n);

/* Appends s as one RFC 4180 field (quoted when needed). Text that a
 * spreadsheet would run as a formula (=, +, -, @ first, and not a number)
 * gets a leading apostrophe, which our CSV reader takes off again: an LA
 * officer opening a plan in Excel never runs a school's name. */
void triad_i_buf_csv_field(triad_i_buf *b, const char *s);

/* Reads a whole file (at most max_size bytes). Caller frees *data. */
triad_status triad_i_read_file(const char *path, size_t max_size, char **data, size_t *size,
                               triad_error *err);

/* Parses a whole decimal number (leading/trailing blanks allowed).
 * Returns 1 on success. */
int triad_i_parse_double(const char *s, double *out);
int triad_i_parse_long(const char *s, long *out);
/* A whole number 0 to 2^64 - 1, digits only (as --seed). */
int triad_i_parse_u64(const char *s, uint64_t *out);
/* The plural ending for a count n: "school%s" reads "1 school", "2 schools". */
#define TRIAD_S(n) ((n) == 1 ? "" : "s")

/* 1 when s is empty or blank. */
int triad_i_is_blank(const char *s);
/* 1 when s holds a control character (a line break, a tab, DEL): none
 * belongs in a label, which outputs show on one line. */
int triad_i_has_control(const char *s);
/* 1 when s holds a control character other than a tab or a line break:
 * garbage in any text (a name may break lines), and no XML can hold one. */
int triad_i_has_stray_control(const char *s);

/* Normalises a header name into out (lower-case letters and digits only). */
void triad_i_name_key(const char *in, char *out, size_t outsize);

#endif
