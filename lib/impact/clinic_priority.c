/* The clinic's flags as the schools' priority (include/triad/clinic.h):
 * the grouping then keeps red schools apart as it keeps schools causing
 * concern apart. Raise only, as for the needs (market_clinic.c): an
 * officer's typed priority 3 is a judgement a green flag does not undo. */
#include <stdlib.h>

#include "io/clinic_flags.h"
#include "model/schools_impl.h"

triad_status triad_schools_apply_clinic(triad_schools *schools, const char *clinic_path,
                                        const char *term, size_t *red, size_t *changed,
                                        triad_error *err)
{
    triad_error_clear(err);
    if (!schools || !clinic_path || !term || !red || !changed)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "schools, clinic file, term, red and changed are needed");
    int *level = calloc(schools->n + 1, sizeof *level);
    triad_status st = level ? clinic_flags_read(clinic_path, schools, term, level, err)
                            : triad_i_fail_nomem(err);
    *red = *changed = 0;
    for (size_t i = 0; st == TRIAD_OK && i < schools->n; i++) {
        *red += level[i] == 3;
        if (level[i] > schools->s[i].priority) {
            schools->s[i].priority = level[i];
            schools->has_priority = 1;
            ++*changed;
        }
    }
    free(level);
    return st;
}
