#include "io/csv_table.h"

#include <csv.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/text_decode.h"

/* State shared with libcsv's callbacks while one file is parsed. */
typedef struct parse_state {
    csv_table *t;
    char **row; /* fields of the record being read */
    size_t nfields, cap;
    long line;        /* physical line being fed to libcsv */
    size_t fields_seen; /* field callbacks so far */
    size_t open_len;    /* bytes fed to a field still open across lines */
    long record_line; /* line the current record started on */
    size_t rows_cap;
    triad_status status; /* first failure inside a callback */
    long bad_line, bad_col;
    const char *name;
    triad_error *err;
} parse_state;

static void free_fields(char **f, size_t n)
{
    if (!f)
        return;
    for (size_t i = 0; i < n; i++)
        free(f[i]);
    free(f);
}

static void on_field(void *s, size_t len, void *data)
{
    parse_state *p = data;
    if (p->status != TRIAD_OK)
        return;
    p->fields_seen++;
    if (p->nfields == 0)
        p->record_line = p->line;
    if (len > CSV_MAX_FIELD_BYTES) {
        p->status = triad_i_fail(p->err, TRIAD_ERR_CSV, p->name, p->line, (long)p->nfields + 1,
                                 "%s:%ld: field %zu is longer than %zu bytes", p->name, p->line,
                                 p->nfields + 1, CSV_MAX_FIELD_BYTES);
        return;
    }
    if (p->nfields >= CSV_MAX_COLUMNS) {
        p->status = triad_i_fail(p->err, TRIAD_ERR_CSV, p->name, p->line, (long)p->nfields + 1,
                                 "%s:%ld: more than %d columns", p->name, p->line, CSV_MAX_COLUMNS);
        return;
    }
    if (p->nfields == p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : 16;
        char **nr = realloc(p->row, ncap * sizeof *nr);
        if (!nr) {
            p->status = triad_i_fail_nomem(p->err);
            return;
        }
        p->row = nr;
        p->cap = ncap;
    }
    const char *text = s ? (const char *)s : "";
    size_t n = s ? len : 0;
    /* Our writers guard text that a spreadsheet would run as a formula, and
     * text that starts like the guard, with a leading apostrophe
     * (triad_i_buf_csv_field); take it off again. */
    if (csv_looks_guarded(text, n)) {
        text++;
        n--;
    }
    char *v = triad_i_strndup(text, n);
    if (!v) {
        p->status = triad_i_fail_nomem(p->err);
        return;
    }
    p->row[p->nfields++] = v;
}

static int row_is_blank(char **row, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!triad_i_is_blank(row[i]))
            return 0;
    return 1;
}

static void on_row(int term, void *data)
{
    (void)term;
    parse_state *p = data;
    if (p->status != TRIAD_OK)
        return;
    csv_table *t = p->t;
    char **row = p->row;
    size_t n = p->nfields;
    p->row = NULL;
    p->nfields = p->cap = 0;
    if (!t->header) {
        t->header = row;
        t->ncols = n;
        return;
    }
    /* A spreadsheet often pads the end with lines of commas only. */
    if (row_is_blank(row, n))
        goto drop;
    if (n != t->ncols) {
        p->status = triad_i_fail(p->err, TRIAD_ERR_CSV, p->name, p->record_line,
                                 (long)(n < t->ncols ? n : t->ncols + 1),
                                 "%s:%ld: row has %zu fields but the header has %zu", p->name,
                                 p->record_line, n, t->ncols);
        goto drop;
    }
    if (t->nrows == p->rows_cap) {
        size_t ncap = p->rows_cap ? p->rows_cap * 2 : 64;
        char ***nr = realloc(t->rows, ncap * sizeof *nr);
        long *nl = nr ? realloc(t->lines, ncap * sizeof *nl) : NULL;
        if (nr)
            t->rows = nr;
        if (!nr || !nl) {
            p->status = triad_i_fail_nomem(p->err);
            goto drop;
        }
        t->lines = nl;
        p->rows_cap = ncap;
    }
    t->rows[t->nrows] = row;
    t->lines[t->nrows] = p->record_line;
    t->nrows++;
    return;
drop: /* the row is not kept: it is ours to free */
    free_fields(row, n);
}

void csv_table_free(csv_table *t)
{
    if (!t)
        return;
    free_fields(t->header, t->ncols);
    for (size_t r = 0; r < t->nrows; r++)
        free_fields(t->rows[r], t->ncols);
    free(t->rows);
    free(t->lines);
    free(t->name);
    memset(t, 0, sizeof *t);
}

static triad_status parse_text(const char *text, size_t size, parse_state *p)
{
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return triad_i_fail_nomem(p->err);
    csv_set_blk_size(&parser, 4096); /* libcsv grows fields by this much */
    size_t pos = 0;
    while (pos < size && p->status == TRIAD_OK) {
        const char *nl = memchr(text + pos, '\n', size - pos);
        size_t len = nl ? (size_t)(nl - (text + pos)) + 1 : size - pos;
        p->line++;
        if (len > CSV_MAX_LINE_BYTES) {
            p->status = triad_i_fail(p->err, TRIAD_ERR_CSV, p->name, p->line, 0,
                                     "%s:%ld: line is longer than %zu bytes", p->name, p->line,
                                     CSV_MAX_LINE_BYTES);
            break;
        }
        size_t seen = p->fields_seen;
        size_t used = csv_parse(&parser, text + pos, len, on_field, on_row, p);
        /* A quoted field spanning lines is only reported when it ends: stop
         * it early instead of letting it grow to the size of the file. */
        p->open_len = p->fields_seen == seen ? p->open_len + len : 0;
        if (p->open_len > CSV_MAX_FIELD_BYTES && p->status == TRIAD_OK)
            p->status = triad_i_fail(p->err, TRIAD_ERR_CSV, p->name, p->line, 0,
                                     "%s:%ld: a quoted field is longer than %zu bytes (unbalanced "
                                     "quote?)",
                                     p->name, p->line, CSV_MAX_FIELD_BYTES);
        if (used != len && p->status == TRIAD_OK) {
            int e = csv_error(&parser);
            if (e == CSV_EPARSE)
                p->status = triad_i_fail(p->err, TRIAD_ERR_CSV, p->name, p->line, (long)used + 1,
                                         "%s:%ld:%zu: misplaced quote (a field with a quote must "
                                         "be quoted whole, quotes doubled)",
                                         p->name, p->line, used + 1);
            else
                p->status = triad_i_fail_nomem(p->err);
        }
        pos += len;
    }
    if (p->status == TRIAD_OK && csv_fini(&parser, on_field, on_row, p) != 0 &&
        p->status == TRIAD_OK)
        p->status = triad_i_fail(p->err, TRIAD_ERR_CSV, p->name, p->record_line, 0,
                                 "%s:%ld: quoted field is never closed (unbalanced quote)", p->name,
                                 p->record_line ? p->record_line : p->line);
    csv_free(&parser);
    return p->status;
}

static triad_status table_parse(const char *data, size_t size, const char *name, int rows_optional,
                                csv_table *t, triad_error *err)
{
    memset(t, 0, sizeof *t);
    if (!name)
        name = "<memory>";
    char *text;
    size_t tsize;
    triad_status st = text_decode(data, size, name, &text, &tsize, err);
    if (st != TRIAD_OK)
        return st;
    parse_state p = {0};
    t->name = triad_i_strdup(name);
    if (!t->name) {
        st = triad_i_fail_nomem(err);
        goto done;
    }
    p.t = t;
    p.name = name;
    p.err = err;
    st = parse_text(text, tsize, &p);
done:
    free(text);
    free_fields(p.row, p.nfields);
    if (st == TRIAD_OK && (!t->header || row_is_blank(t->header, t->ncols)))
        st = triad_i_fail(err, TRIAD_ERR_EMPTY, name, 1, 0, "%s: empty file (no header row)", name);
    else if (st == TRIAD_OK && t->nrows == 0 && !rows_optional)
        st = triad_i_fail(err, TRIAD_ERR_EMPTY, name, 2, 0, "%s: no data rows after the header",
                          name);
    if (st != TRIAD_OK)
        csv_table_free(t);
    return st;
}

triad_status csv_table_parse(const char *data, size_t size, const char *name, csv_table *t,
                             triad_error *err)
{
    return table_parse(data, size, name, 0, t, err);
}

static triad_status table_read(const char *path, int rows_optional, csv_table *t, triad_error *err)
{
    char *data;
    size_t size;
    memset(t, 0, sizeof *t);
    triad_status st = triad_i_read_file(path, CSV_MAX_FILE_BYTES, &data, &size, err);
    if (st != TRIAD_OK)
        return st;
    st = table_parse(data, size, path, rows_optional, t, err);
    free(data);
    return st;
}

triad_status csv_table_read(const char *path, csv_table *t, triad_error *err)
{
    return table_read(path, 0, t, err);
}

triad_status csv_table_read_maybe_empty(const char *path, csv_table *t, triad_error *err)
{
    return table_read(path, 1, t, err);
}


long csv_table_column(const csv_table *t, const char *const *aliases)
{
    char a[256], h[256];
    for (; *aliases; aliases++) {
        triad_i_name_key(*aliases, a, sizeof a);
        for (size_t c = 0; c < t->ncols; c++) {
            triad_i_name_key(t->header[c], h, sizeof h);
            if (strcmp(a, h) == 0)
                return (long)c;
        }
    }
    return -1;
}

long csv_table_column_besides(const csv_table *t, const char *const *aliases, long except)
{
    char a[256], h[256];
    for (; *aliases; aliases++) {
        triad_i_name_key(*aliases, a, sizeof a);
        for (size_t c = 0; c < t->ncols; c++) {
            if ((long)c == except)
                continue;
            triad_i_name_key(t->header[c], h, sizeof h);
            if (strcmp(a, h) == 0)
                return (long)c;
        }
    }
    return -1;
}

int csv_table_duplicate(const csv_table *t, size_t *a, size_t *b)
{
    char x[256], y[256];
    for (size_t i = 0; i < t->ncols; i++) {
        triad_i_name_key(t->header[i], x, sizeof x);
        if (!*x)
            continue;
        for (size_t j = i + 1; j < t->ncols; j++) {
            triad_i_name_key(t->header[j], y, sizeof y);
            if (strcmp(x, y) == 0) {
                *a = i;
                *b = j;
                return 1;
            }
        }
    }
    return 0;
}

const char *csv_table_separator_hint(const csv_table *t)
{
    if (t->ncols != 1 || !t->header[0])
        return "";
    if (strchr(t->header[0], ';'))
        return "; the header is one column holding ';': save the file with commas between "
               "the fields";
    if (strchr(t->header[0], '\t'))
        return "; the header is one column holding tabs: save the file with commas between "
               "the fields";
    return "";
}
