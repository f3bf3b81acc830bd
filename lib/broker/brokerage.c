/* A brokerage: its matches and what they leave, with copies of what it
 * needs from the schools and the market, so it borrows nothing. */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broker/broker_impl.h"
#include "io/csv_table.h"
#include "io/file_write.h"
#include "io/json_text.h"
#include "model/plan_impl.h"
#include "model/schools_impl.h"

void triad_brokerage_free(triad_brokerage *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->nschools; i++) {
        free(b->urn ? b->urn[i] : NULL);
        free(b->name ? b->name[i] : NULL);
    }
    free(b->urn);
    free(b->name);
    triad_market_free(b->market);
    free(b->m);
    for (size_t q = 0; q < b->nunmet; q++)
        free(b->unmet[q]);
    free(b->unmet);
    for (size_t q = 0; q < b->nviol; q++)
        free(b->viol[q]);
    free(b->viol);
    for (size_t q = 0; q < b->nwarn; q++)
        free(b->warn[q]);
    free(b->warn);
    free(b);
}

triad_brokerage *brokerage_new(const triad_schools *s, const triad_market *m,
                               const triad_broker_options *opts)
{
    triad_brokerage *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->opts = *opts;
    b->objective = b->bound = b->gap = NAN;
    b->nschools = s->n;
    b->urn = calloc(s->n + 1, sizeof *b->urn);
    b->name = calloc(s->n + 1, sizeof *b->name);
    b->market = calloc(1, sizeof *b->market);
    int ok = b->urn && b->name && b->market;
    for (size_t i = 0; ok && i < s->n; i++)
        ok = (b->urn[i] = triad_i_strdup(s->s[i].urn)) &&
             (b->name[i] = triad_i_strdup(s->s[i].name));
    if (ok) {
        triad_market *c = b->market;
        c->nschools = m->nschools;
        c->offers = malloc((m->noffers + 1) * sizeof *c->offers);
        c->needs = malloc((m->nneeds + 1) * sizeof *c->needs);
        c->areas = calloc(m->nareas + 1, sizeof *c->areas);
        ok = c->offers && c->needs && c->areas;
        if (ok) {
            memcpy(c->offers, m->offers, m->noffers * sizeof *c->offers);
            memcpy(c->needs, m->needs, m->nneeds * sizeof *c->needs);
            c->noffers = m->noffers;
            c->nneeds = m->nneeds;
        }
        for (size_t a = 0; ok && a < m->nareas; a++, c->nareas++)
            ok = (c->areas[a] = triad_i_strdup(m->areas[a])) != NULL;
    }
    if (!ok) {
        triad_brokerage_free(b);
        return NULL;
    }
    return b;
}

size_t triad_brokerage_count(const triad_brokerage *b)
{
    return b ? b->nmatch : 0;
}

double triad_brokerage_days_met(const triad_brokerage *b)
{
    return b ? b->days_met : 0;
}

double triad_brokerage_days_needed(const triad_brokerage *b)
{
    return b ? b->days_needed : 0;
}

size_t triad_brokerage_violations(const triad_brokerage *b)
{
    return b ? b->nviol : 0;
}

size_t triad_brokerage_warnings(const triad_brokerage *b)
{
    return b ? b->nwarn : 0;
}

const char *triad_brokerage_warning(const triad_brokerage *b, size_t k)
{
    return b && k < b->nwarn ? b->warn[k] : NULL;
}

void brokerage_origin(const triad_brokerage *b, char *out, size_t size)
{
    if (strcmp(b->engine, "file") == 0)
        snprintf(out, size, "read from a file, not solved");
    else
        snprintf(out, size, "solved: %s (%s)", b->status,
                 strcmp(b->engine, "mip") == 0 ? "mixed-integer program" : "linear program");
}

void triad_brokerage_rota(const triad_brokerage *b, size_t *kept, size_t *rotated)
{
    if (kept)
        *kept = b ? b->rota_kept : 0;
    if (rotated)
        *rotated = b ? b->rota_rotated : 0;
}
