/* The sections of a pack's page beyond its members (pack_sections.c): each
 * from its input, or one line saying the input was not given. Never
 * installed. */
#ifndef TRIAD_PACK_PACK_SECTIONS_H
#define TRIAD_PACK_PACK_SECTIONS_H

#include "pack/pack_impl.h"

/* A table cell of v in fmt (one double), or a dash for NAN. */
void pack_cell_number(triad_i_buf *b, double v, const char *fmt);
/* The triads among the members. */
size_t pack_triad_count(const pack_data *d);
void pack_map(triad_i_buf *b, const pack_data *d);
void pack_outcomes_html(triad_i_buf *b, const pack_data *d);
void pack_clinic_html(triad_i_buf *b, const pack_data *d);
void pack_impact_html(triad_i_buf *b, const pack_data *d);
void pack_calendar_html(triad_i_buf *b, const pack_data *d);
void pack_support_html(triad_i_buf *b, const pack_data *d);
#endif
