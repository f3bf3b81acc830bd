/* A collaborative's workbook (include/triad/pack.h) from the same tables
 * as its page (pack_data.c): libxlsxwriter writes real numeric cells,
 * frozen headers and autofilters. Text that a spreadsheet could take for a
 * formula once the sheet is saved as CSV gets an apostrophe first. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "model/schools_impl.h"
#include "pack/pack_impl.h"
#include "pack/pack_xlsx_sheets.h"

#define MAX_COLS 16

struct pack_sheet {
    lxw_worksheet *ws;
    lxw_format *bold;
    lxw_row_t row;
    lxw_col_t col, ncol;
    double width[MAX_COLS];
    int failed;
};

static void fit(pack_sheet *sh, size_t len)
{
    if (sh->col < MAX_COLS)
        sh->width[sh->col] = fmin(60, fmax(sh->width[sh->col], (double)len + 2));
}

void sheet_text(pack_sheet *sh, const char *s)
{
    s = s ? s : "";
    char *guarded = NULL;
    if (strchr("=+-@\t\r", s[0]) && s[0]) {
        guarded = malloc(strlen(s) + 2);
        if (!guarded) {
            sh->failed = 1;
            return;
        }
        guarded[0] = '\'';
        strcpy(guarded + 1, s);
        s = guarded;
    }
    if (worksheet_write_string(sh->ws, sh->row, sh->col, s, sh->row ? NULL : sh->bold) !=
        LXW_NO_ERROR)
        sh->failed = 1;
    fit(sh, strlen(s));
    free(guarded);
    sh->col++;
}

void sheet_number(pack_sheet *sh, double v)
{
    if (!isnan(v) && worksheet_write_number(sh->ws, sh->row, sh->col, v, NULL) != LXW_NO_ERROR)
        sh->failed = 1;
    fit(sh, 10);
    sh->col++;
}

void sheet_end_row(pack_sheet *sh)
{
    if (sh->col > sh->ncol)
        sh->ncol = sh->col;
    sh->row++;
    sh->col = 0;
}

void sheet_header(pack_sheet *sh, const char *const *names)
{
    for (; *names; names++)
        sheet_text(sh, *names);
    sheet_end_row(sh);
}

void sheet_none(pack_sheet *sh, const char *why)
{
    sheet_text(sh, why);
    sheet_end_row(sh);
}

/* The sheet's header frozen, its rows filtered, its columns fitted. */
static void finish(pack_sheet *sh)
{
    worksheet_freeze_panes(sh->ws, 1, 0);
    if (sh->row > 1 && sh->ncol > 0)
        worksheet_autofilter(sh->ws, 0, 0, sh->row - 1, sh->ncol - 1);
    for (lxw_col_t c = 0; c < sh->ncol && c < MAX_COLS; c++)
        worksheet_set_column(sh->ws, c, c, sh->width[c], NULL);
}

/* Every sheet of d into wb; 0 when a write failed. */
static int write_sheets(lxw_workbook *wb, const pack_data *d)
{
    static void (*const fill[])(pack_sheet *, const pack_data *) = {
        sheet_members, sheet_balance, sheet_outcomes, sheet_clinic,
        sheet_impact,  sheet_support, sheet_calendar};
    static const char *const names[] = {"Members", "Balance", "Outcomes", "Clinic",
                                        "Impact",  "Support", "Calendar"};
    lxw_format *bold = workbook_add_format(wb);
    if (!bold)
        return 0;
    format_set_bold(bold);
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        pack_sheet sh = {workbook_add_worksheet(wb, names[k]), bold, 0, 0, 0, {0}, 0};
        if (!sh.ws)
            return 0;
        fill[k](&sh, d);
        finish(&sh);
        if (sh.failed)
            return 0;
    }
    return 1;
}

triad_status triad_pack_xlsx_write(const triad_report *report, const triad_schools *schools,
                                   const triad_plan *plan, size_t c,
                                   const triad_pack_options *opts, const char *path,
                                   triad_error *err)
{
    triad_error_clear(err);
    if (!path)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "path is NULL");
    pack_data d;
    triad_status st = pack_data_build(&d, report, schools, plan, c, opts, err);
    if (st != TRIAD_OK)
        return st;
    /* written whole or not at all: a file of our own beside path, then renamed */
    size_t n = strlen(path) + 48;
    char *tmp = malloc(n);
    int fd = -1;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    for (unsigned k = 0; tmp && k < 100 && fd < 0; k++) {
        snprintf(tmp, n, "%s.tmp%ld.%lx%u", path, (long)getpid(), (unsigned long)ts.tv_nsec, k);
        /* 0666: the umask applies, as for every file the library writes */
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        st = tmp ? triad_i_fail(err, TRIAD_ERR_IO, path, 0, 0, "cannot create a file beside it")
                 : triad_i_fail_nomem(err);
        free(tmp);
        pack_data_free(&d);
        return st;
    }
    close(fd);
    lxw_workbook *wb = workbook_new(tmp);
    int ok = wb && write_sheets(wb, &d);
    lxw_error closed = wb ? workbook_close(wb) : LXW_ERROR_CREATING_XLSX_FILE;
    if (!ok || closed != LXW_NO_ERROR || rename(tmp, path) != 0) {
        unlink(tmp);
        st = triad_i_fail(err, TRIAD_ERR_IO, path, 0, 0, "cannot write the workbook%s%s",
                          closed != LXW_NO_ERROR ? ": " : "",
                          closed != LXW_NO_ERROR ? lxw_strerror(closed) : "");
    }
    free(tmp);
    pack_data_free(&d);
    return st;
}
