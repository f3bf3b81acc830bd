/* The sheets of a pack's workbook (pack_xlsx_sheets.c) and the cell
 * writers they use (pack_xlsx.c). Never installed. */
#ifndef TRIAD_PACK_PACK_XLSX_SHEETS_H
#define TRIAD_PACK_PACK_XLSX_SHEETS_H

#include "pack/pack_impl.h"

typedef struct pack_sheet pack_sheet;

/* The next cell of the row: text (guarded against formulas), a number
 * (blank for NAN); then the next row. */
void sheet_text(pack_sheet *sh, const char *s);
void sheet_number(pack_sheet *sh, double v);
void sheet_end_row(pack_sheet *sh);
/* The header row from a NULL-ended list. */
void sheet_header(pack_sheet *sh, const char *const *names);
/* One row saying why the sheet is empty. */
void sheet_none(pack_sheet *sh, const char *why);

void sheet_members(pack_sheet *sh, const pack_data *d);
void sheet_balance(pack_sheet *sh, const pack_data *d);
void sheet_outcomes(pack_sheet *sh, const pack_data *d);
void sheet_clinic(pack_sheet *sh, const pack_data *d);
void sheet_impact(pack_sheet *sh, const pack_data *d);
void sheet_support(pack_sheet *sh, const pack_data *d);
void sheet_calendar(pack_sheet *sh, const pack_data *d);
#endif
