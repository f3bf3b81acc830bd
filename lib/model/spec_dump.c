/* A spec written back as an INI file with every value, defaults filled
 * (triad_spec_ini): what a researcher records beside a result, and what
 * triad_spec_read_string reads back to the same values. */
#include <string.h>

#include "core/util.h"
#include "model/spec_impl.h"
#include "model/spec_ini.h"

/* Every key of keys in [section]; keys without a value are left out, and
 * so are the sizes of a sector-wide stratum (one collaborative: the file
 * refuses sizes beside it). */
static void section(triad_i_buf *b, const triad_spec *s, const char *name,
                    const char *const *keys, int sector_wide)
{
    triad_i_buf_printf(b, "[%s]\n", name);
    for (; *keys; keys++) {
        triad_i_buf v;
        triad_i_buf_init(&v);
        triad_i_buf_puts(&v, "");
        /* areas = 0 is the default "as many as the data has", which the
         * file does not spell: left out, as an unset key */
        int unset = (strcmp(*keys, "areas") == 0 && s->areas == 0) ||
                    (sector_wide && (strcmp(*keys, "sizes") == 0 || strcmp(*keys, "min_size") == 0 ||
                                     strcmp(*keys, "max_size") == 0));
        if (!unset && spec_value_text(s, name, *keys, &v) && v.data && v.data[0]) {
            /* links come back joined by "; ": a line each, as the file
             * adds one link per line */
            for (char *line = v.data, *end; line; line = end ? end + 2 : NULL) {
                end = strstr(line, "; ");
                if (end)
                    *end = '\0';
                triad_i_buf_printf(b, "%s = %s\n", *keys, line);
            }
        }
        b->failed |= v.failed;
        triad_i_buf_free(&v);
    }
    triad_i_buf_puts(b, "\n");
}

triad_status triad_spec_ini(const triad_spec *spec, char **out, triad_error *err)
{
    triad_error_clear(err);
    if (!spec || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "spec or out is NULL");
    *out = NULL;
    triad_i_buf b;
    triad_i_buf_init(&b);
    section(&b, spec, "strata", strata_keys, 0);
    char name[300];
    for (size_t i = 0; i < spec->nstrata; i++) {
        snprintf(name, sizeof name, "stratum.%s", spec->strata[i].name);
        section(&b, spec, name, stratum_keys, spec->strata[i].sector_wide);
    }
    triad_i_buf_puts(&b, "[balance]\n");
    for (size_t i = 0; i < spec->nweights; i++)
        triad_i_buf_printf(&b, "%s = %g\n", spec->weights[i].name, spec->weights[i].weight);
    triad_i_buf_puts(&b, "\n");
    section(&b, spec, "constraints", constraint_keys, 0);
    section(&b, spec, "history", history_keys, 0);
    section(&b, spec, "geography", geography_keys, 0);
    section(&b, spec, "solver", solver_keys, 0);
    section(&b, spec, "funding", funding_keys, 0);
    if (b.failed || !b.data) {
        triad_i_buf_free(&b);
        return triad_i_fail_nomem(err);
    }
    *out = b.data;
    return TRIAD_OK;
}
