/* The feature matrix of the anticlustering objectives (check/features.h),
 * and the same matrix as a CSV (triad_features_csv) so that R's anticlust,
 * or any other method, runs on exactly what the objectives score. */
#include <stdlib.h>

#include "check/features.h"
#include "core/util.h"
#include "model/spec_impl.h"
#include "triad/triad.h"

double *objective_features(const profile *p, size_t *nf)
{
    size_t f = 0;
    for (size_t a = 0; a < p->nattr; a++)
        f += p->attr[a].numeric ? 1 : p->attr[a].ncat;
    *nf = f;
    double *x = calloc(p->n * f + 1, sizeof *x);
    if (!x)
        return NULL;
    size_t col = 0;
    for (size_t a = 0; a < p->nattr; a++) {
        const bal_attr *at = &p->attr[a];
        if (at->numeric) {
            double sd = at->sd > 0 ? at->sd : 1;
            for (size_t i = 0; i < p->n; i++)
                x[i * f + col] = (at->value[i] - at->mean) / sd;
            col++;
        } else {
            for (size_t i = 0; i < p->n; i++)
                x[i * f + col + (size_t)at->code[i]] = 1;
            col += at->ncat;
        }
    }
    return x;
}


triad_status triad_features_csv(const triad_schools *schools, const triad_spec *spec, char **out,
                                triad_error *err)
{
    triad_error_clear(err);
    if (!schools || !out)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0, "schools or out is NULL");
    *out = NULL;
    triad_spec *def = NULL;
    profile p = {0};
    size_t f = 0;
    double *x = NULL;
    triad_status st = spec_or_default(&spec, &def, err);
    if (st == TRIAD_OK)
        st = profile_build(schools, spec, &p, err);
    if (st == TRIAD_OK && !(x = objective_features(&p, &f)))
        st = triad_i_fail_nomem(err);
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "urn");
    for (size_t a = 0; st == TRIAD_OK && a < p.nattr; a++)
        for (size_t c = 0; c < (p.attr[a].numeric ? 1 : p.attr[a].ncat); c++) {
            triad_i_buf_puts(&b, ",");
            if (p.attr[a].numeric) {
                triad_i_buf_csv_field(&b, p.attr[a].name);
                continue;
            }
            char name[512];
            snprintf(name, sizeof name, "%s=%s", p.attr[a].name, p.attr[a].cats[c]);
            triad_i_buf_csv_field(&b, name);
        }
    triad_i_buf_puts(&b, "\n");
    for (size_t i = 0; st == TRIAD_OK && i < p.n; i++) {
        triad_i_buf_csv_field(&b, triad_schools_urn(schools, i));
        for (size_t d = 0; d < f; d++)
            triad_i_buf_printf(&b, ",%.17g", x[i * f + d]);
        triad_i_buf_puts(&b, "\n");
    }
    if (st == TRIAD_OK && b.failed)
        st = triad_i_fail_nomem(err);
    if (st == TRIAD_OK)
        *out = b.data;
    else
        triad_i_buf_free(&b);
    free(x);
    profile_free(&p);
    triad_spec_free(def);
    return st;
}
