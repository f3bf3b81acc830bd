/* Outcomes from a parsed table, for the file reader and the fuzz harness.
 * Never installed. */
#ifndef TRIAD_IO_OUTCOMES_IMPL_H
#define TRIAD_IO_OUTCOMES_IMPL_H

#include "io/csv_table.h"
#include "triad/triad.h"

/* Empty outcomes for schools (borrowed); NULL when out of memory. */
triad_outcomes *outcomes_new(const triad_schools *s);
/* triad_outcomes_add from a parsed table t instead of a file. */
triad_status outcomes_add_table(triad_outcomes *o, const csv_table *t, int year,
                                triad_error *err);

#endif
