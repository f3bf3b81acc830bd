/* The clinic's flags weight the needs (issue 35: "broker weights needs by
 * them, red before amber before green"): a need of a school flagged red
 * this term counts as priority 3, amber at least 2; green leaves it. The
 * raise only ever lifts a priority, so the officer's urgent needs stay
 * urgent whatever the flag. */
#include <stdlib.h>

#include "broker/broker_impl.h"
#include "io/clinic_flags.h"

triad_status triad_market_apply_clinic(triad_market *m, const triad_schools *schools,
                                       const char *clinic_path, const char *term, size_t *raised,
                                       triad_error *err)
{
    triad_error_clear(err);
    if (!m || !schools || !clinic_path || !term || !raised)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "market, schools, clinic file, term and raised are needed");
    if (m->nschools != triad_schools_count(schools))
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "the market was read for other schools");
    int *level = calloc(m->nschools + 1, sizeof *level);
    triad_status st = level ? clinic_flags_read(clinic_path, schools, term, level, err)
                            : triad_i_fail_nomem(err);
    *raised = 0;
    for (size_t d = 0; st == TRIAD_OK && d < m->nneeds; d++)
        if (level[m->needs[d].school] >= 2 && level[m->needs[d].school] > m->needs[d].priority) {
            m->needs[d].priority = level[m->needs[d].school];
            ++*raised;
        }
    free(level);
    return st;
}
