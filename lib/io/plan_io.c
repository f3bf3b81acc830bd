/* The plan CSV: URN,collaborative,triad,lead (+ lead_years, locked if any) - other tools
 * read it. */
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "io/csv_table.h"
#include "io/file_write.h"
#include "model/plan_impl.h"
#include "model/schools_impl.h"

static const char *const col_urn[] = {"URN", NULL}, *const col_collab[] = {"collaborative", "group", NULL},
                         *const col_triad[] = {"triad", NULL}, *const col_lead[] = {"lead", NULL},
                         *const col_locked[] = {"locked", NULL},
                         *const col_years[] = {"lead_years", NULL},
                         *const col_down[] = {"steps_down", NULL};

static long find_label(char **labels, size_t n, const char *label)
{
    for (size_t i = n; i-- > 0;) /* recent labels first: plans list groups together */
        if (strcmp(labels[i], label) == 0)
            return (long)i;
    return -1;
}

static long find_triad(const triad_plan *p, long collab, const char *label)
{
    for (size_t t = p->ntriad; t-- > 0;)
        if (p->triad_collab[t] == collab && strcmp(p->triad_label[t], label) == 0)
            return (long)t;
    return -1;
}

/* history: URNs not in the schools are schools that have left since, kept
 * aside (plan->gone) instead of refused. */
/* The plan file's columns: URN, collaborative, triad, lead, locked,
 * lead_years, steps_down (-1 when absent). */
typedef struct plan_cols {
    long u, c, t, l, k, y, d;
} plan_cols;

static triad_status plan_columns(const csv_table *t, plan_cols *pc, triad_error *err)
{
    *pc = (plan_cols){csv_table_column(t, col_urn), csv_table_column(t, col_collab),
                      csv_table_column(t, col_triad), csv_table_column(t, col_lead),
                      csv_table_column(t, col_locked), csv_table_column(t, col_years),
                      csv_table_column(t, col_down)};
    if (pc->u < 0 || pc->c < 0)
        return triad_i_fail(err, TRIAD_ERR_MISSING_COLUMN, t->name, 1, 0,
                            "%s:1: required column '%s' is missing (header URN,collaborative,triad,"
                            "lead, or urn,group)%s",
                            t->name, pc->u < 0 ? "URN" : "collaborative",
                            csv_table_separator_hint(t));
    const char *const *cols[] = {col_urn,    col_collab, col_triad, col_lead,
                                 col_locked, col_years,  col_down};
    long at[] = {pc->u, pc->c, pc->t, pc->l, pc->k, pc->y, pc->d};
    for (int k = 0; k < 7; k++) {
        long other = at[k] >= 0 ? csv_table_column_besides(t, cols[k], at[k]) : -1;
        if (other >= 0)
            return triad_i_fail(err, TRIAD_ERR_CSV, t->name, 1, other + 1,
                                "%s:1:%ld: column '%s' appears twice (also column %ld)", t->name,
                                other + 1, cols[k][0], at[k] + 1);
    }
    return TRIAD_OK;
}

/* A 0/1 cell (blank: leave *flag) or a failure naming the cell. */
static triad_status flag_cell(const csv_table *t, char **row, long col, long line,
                              const char *what, unsigned char *flag, triad_error *err)
{
    if (col < 0 || triad_i_is_blank(row[col]))
        return TRIAD_OK;
    if (triad_i_streq_ci(row[col], "1")) {
        *flag = 1;
        return TRIAD_OK;
    }
    if (triad_i_streq_ci(row[col], "0"))
        return TRIAD_OK;
    return triad_i_fail(err, TRIAD_ERR_VALUE, t->name, line, col + 1,
                        "%s:%ld:%ld: %s '%s' is not 0 or 1", t->name, line, col + 1, what,
                        row[col]);
}

/* A lead's lead_years (1-50; blank: 1) and steps_down cells; either given
 * for a school that is not a lead is refused, as a value no rule reads. */
static triad_status lead_term_cells(const csv_table *t, const plan_cols *pc, char **row, long line,
                                    int lead, unsigned char *years, unsigned char *down,
                                    triad_error *err)
{
    long yc = pc->y, dc = pc->d;
    int has_years = yc >= 0 && !triad_i_is_blank(row[yc]);
    triad_status st = flag_cell(t, row, dc, line, "steps_down", down, err);
    if (st != TRIAD_OK)
        return st;
    if (!lead && (has_years || *down)) {
        long col = has_years ? yc : dc;
        return triad_i_fail(err, TRIAD_ERR_VALUE, t->name, line, col + 1,
                            "%s:%ld:%ld: %s is given for a school that is not a lead (lead 0)",
                            t->name, line, col + 1, has_years ? "lead_years" : "steps_down");
    }
    *years = (unsigned char)lead;
    if (!has_years)
        return TRIAD_OK;
    long v;
    if (!triad_i_parse_long(row[yc], &v) || v < 1 || v > 50)
        return triad_i_fail(err, TRIAD_ERR_VALUE, t->name, line, yc + 1,
                            "%s:%ld:%ld: lead_years '%s' is not a count of years from 1 to 50",
                            t->name, line, yc + 1, row[yc]);
    *years = (unsigned char)v;
    return TRIAD_OK;
}

/* School i's place from its row: collaborative and triad by label (added
 * when new), lead and locked flags. */
static triad_status place_row(triad_plan *p, const csv_table *t, const plan_cols *pc, char **row,
                              long line, long i, triad_error *err)
{
    if (triad_i_is_blank(row[pc->c]))
        return TRIAD_OK; /* listed but not placed: reported as unplanned */
    long bad_col = plan_label_problem(row[pc->c])                 ? pc->c
                   : pc->t >= 0 && plan_label_problem(row[pc->t]) ? pc->t
                                                                  : -1;
    if (bad_col >= 0)
        return triad_i_fail(err, TRIAD_ERR_VALUE, t->name, line, bad_col + 1,
                            "%s:%ld:%ld: the %s label %s", t->name, line, bad_col + 1,
                            bad_col == pc->c ? "collaborative" : "triad",
                            plan_label_problem(row[bad_col]));
    long c = find_label(p->collab_label, p->ncollab, row[pc->c]);
    if (c < 0 && (c = plan_add_collab(p, row[pc->c])) < 0)
        return triad_i_fail_nomem(err);
    p->collab[i] = c;
    if (pc->t >= 0 && !triad_i_is_blank(row[pc->t])) {
        long tr = find_triad(p, c, row[pc->t]);
        if (tr < 0 && (tr = plan_add_triad(p, c, row[pc->t])) < 0)
            return triad_i_fail_nomem(err);
        p->triad[i] = tr;
    }
    triad_status st = flag_cell(t, row, pc->k, line, "locked", &p->locked[i], err);
    if (st == TRIAD_OK)
        st = flag_cell(t, row, pc->l, line, "lead", &p->lead[i], err);
    if (st == TRIAD_OK)
        st = lead_term_cells(t, pc, row, line, p->lead[i], &p->lead_years[i], &p->steps_down[i],
                             err);
    return st;
}

/* A URN of last year's plan no longer in the schools file: a leaver (a
 * lead too when its row says so, for the lead's succession). */
static triad_status add_gone(triad_plan *p, const csv_table *t, const plan_cols *pc, char **row,
                             long line, triad_error *err)
{
    unsigned char lead = 0;
    triad_status st = flag_cell(t, row, pc->l, line, "lead", &lead, err);
    if (st != TRIAD_OK)
        return st;
    char **ng = realloc(p->gone, (p->ngone + 1) * sizeof *ng);
    if (ng)
        p->gone = ng;
    unsigned char *nl = ng ? realloc(p->gone_lead, p->ngone + 1) : NULL;
    if (nl)
        p->gone_lead = nl;
    if (!nl || !(ng[p->ngone] = triad_i_strdup(row[pc->u])))
        return triad_i_fail_nomem(err);
    nl[p->ngone++] = lead;
    return TRIAD_OK;
}

static triad_status plan_from_table(const csv_table *t, const triad_schools *s, int history,
                                    triad_plan **out, triad_error *err)
{
    plan_cols pc;
    triad_status st = plan_columns(t, &pc, err);
    if (st != TRIAD_OK)
        return st;
    triad_plan *p = plan_new(s->n);
    urn_index *ix = urn_index_new(s);
    long *seen_line = calloc(s->n ? s->n : 1, sizeof *seen_line);
    if (!p || !ix || !seen_line)
        st = triad_i_fail_nomem(err);
    for (size_t r = 0; r < t->nrows && st == TRIAD_OK; r++) {
        char **row = t->rows[r];
        long line = t->lines[r];
        long i = urn_index_find(ix, row[pc.u]);
        if (i < 0 && history && !triad_i_is_blank(row[pc.u]))
            st = add_gone(p, t, &pc, row, line, err);
        else if (i < 0)
            st = triad_i_fail(err, TRIAD_ERR_UNKNOWN_SCHOOL, t->name, line, pc.u + 1,
                              "%s:%ld:%ld: URN '%s' is not in the schools file %s", t->name, line,
                              pc.u + 1, row[pc.u], s->source);
        else if (seen_line[i])
            st = triad_i_fail(err, TRIAD_ERR_DUPLICATE, t->name, line, pc.u + 1,
                              "%s:%ld:%ld: URN %s is planned twice (first on line %ld)", t->name,
                              line, pc.u + 1, row[pc.u], seen_line[i]);
        else {
            seen_line[i] = line;
            st = place_row(p, t, &pc, row, line, i, err);
        }
    }
    urn_index_free(ix);
    free(seen_line);
    if (st != TRIAD_OK) {
        triad_plan_free(p);
        return st;
    }
    *out = p;
    return TRIAD_OK;
}

static triad_status plan_read_file(const char *path, const triad_schools *schools, int history,
                                   triad_plan **out, triad_error *err)
{
    triad_error_clear(err);
    if (!path || !schools || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "path, schools or out is NULL");
    *out = NULL;
    csv_table t;
    triad_status st = csv_table_read(path, &t, err);
    if (st != TRIAD_OK)
        return st;
    st = plan_from_table(&t, schools, history, out, err);
    csv_table_free(&t);
    return st;
}

triad_status triad_plan_read_history(const char *path, const triad_schools *schools,
                                     triad_plan **out, triad_error *err)
{
    return plan_read_file(path, schools, 1, out, err);
}

triad_status triad_plan_read(const char *path, const triad_schools *schools, triad_plan **out,
                             triad_error *err)
{
    return plan_read_file(path, schools, 0, out, err);
}

triad_status triad_plan_read_buffer(const char *data, size_t size, const char *name,
                                    const triad_schools *schools, triad_plan **out,
                                    triad_error *err)
{
    triad_error_clear(err);
    if ((!data && size) || !schools || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "data, schools or out is NULL");
    *out = NULL;
    csv_table t;
    triad_status st = csv_table_parse(data ? data : "", size, name, &t, err);
    if (st != TRIAD_OK)
        return st;
    st = plan_from_table(&t, schools, 0, out, err);
    csv_table_free(&t);
    return st;
}

/* The plan CSV in memory; a plan with locked schools (read from a file with
 * the column, or solved with --fixed) keeps the locked column, so the next
 * round of edits starts from the locks of the last. */
static triad_status plan_csv(const triad_plan *p, const triad_schools *s, triad_i_buf *b,
                             triad_error *err)
{
    int any_locked = 0, any_term = 0;
    for (size_t i = 0; i < s->n; i++) {
        any_locked |= p->collab[i] >= 0 && p->locked[i];
        any_term |= p->collab[i] >= 0 && p->lead[i] && p->lead_years[i] > 1;
    }
    triad_i_buf_init(b);
    triad_i_buf_printf(b, "URN,collaborative,triad,lead%s%s\r\n", any_term ? ",lead_years" : "",
                       any_locked ? ",locked" : "");
    for (size_t i = 0; i < s->n; i++) {
        if (p->collab[i] < 0)
            continue;
        triad_i_buf_csv_field(b, s->s[i].urn);
        triad_i_buf_puts(b, ",");
        triad_i_buf_csv_field(b, p->collab_label[p->collab[i]]);
        triad_i_buf_puts(b, ",");
        if (p->triad[i] >= 0)
            triad_i_buf_csv_field(b, p->triad_label[p->triad[i]]);
        triad_i_buf_puts(b, p->lead[i] ? ",1" : ",0");
        if (any_term && p->lead[i])
            triad_i_buf_printf(b, ",%d", p->lead_years[i] ? p->lead_years[i] : 1);
        else if (any_term)
            triad_i_buf_puts(b, ",");
        if (any_locked)
            triad_i_buf_puts(b, p->locked[i] ? ",1" : ",0");
        triad_i_buf_puts(b, "\r\n");
    }
    if (b->failed) {
        triad_i_buf_free(b);
        return triad_i_fail_nomem(err);
    }
    return TRIAD_OK;
}

triad_status triad_plan_write(const triad_plan *p, const triad_schools *s, const char *path,
                              triad_error *err)
{
    return triad_plan_write_all(&p, 1, s, &path, err);
}

triad_status triad_plan_write_all(const triad_plan *const *plans, size_t n, const triad_schools *s,
                                  const char *const *paths, triad_error *err)
{
    triad_error_clear(err);
    if (!plans || !s || !paths || n == 0)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "plans, schools or paths is NULL, or no plans");
    for (size_t k = 0; k < n; k++)
        if (!plans[k] || !paths[k] || plans[k]->nschools != s->n)
            return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                                "plan %zu or its path is NULL, or it is for other schools", k + 1);
    triad_i_buf *bufs = calloc(n, sizeof *bufs);
    const char **data = calloc(n, sizeof *data);
    size_t *sizes = calloc(n, sizeof *sizes);
    triad_status st = bufs && data && sizes ? TRIAD_OK : triad_i_fail_nomem(err);
    size_t made = 0;
    for (; made < n && st == TRIAD_OK; made++) {
        st = plan_csv(plans[made], s, &bufs[made], err);
        if (st != TRIAD_OK)
            break;
        data[made] = bufs[made].data ? bufs[made].data : "";
        sizes[made] = bufs[made].len;
    }
    if (st == TRIAD_OK)
        st = file_write_all(n, paths, data, sizes, err);
    for (size_t k = 0; k < made; k++)
        triad_i_buf_free(&bufs[k]);
    free(bufs);
    free(data);
    free(sizes);
    return st;
}

triad_status triad_plan_csv(const triad_plan *p, const triad_schools *s, char **out,
                            triad_error *err)
{
    triad_error_clear(err);
    if (!p || !s || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "plan, schools or out is NULL");
    *out = NULL;
    if (p->nschools != s->n)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the plan is for other schools");
    triad_i_buf b;
    triad_status st = plan_csv(p, s, &b, err);
    return st == TRIAD_OK ? file_buf_take(&b, out, err) : st;
}
