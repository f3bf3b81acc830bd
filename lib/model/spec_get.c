/* A spec's values read back as text, key by key (triad_spec_get). */
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "core/text_decode.h"
#include "model/schools_impl.h"
#include "model/spec_impl.h"
#include "model/spec_ini.h"

/* The spec's value of one key, as text. */
/* A [stratum.NAME] key read back (section + 8 is the name). */
static int stratum_value(const triad_spec *s, const char *section, const char *key,
                         triad_i_buf *b)
{
    const stratum_spec *st = NULL;
    if (strcmp(section + 8, "default") == 0)
        st = &s->fallback;
    for (size_t i = 0; !st && i < s->nstrata; i++)
        if (strcmp(s->strata[i].name, section + 8) == 0)
            st = &s->strata[i];
    if (!st)
        return 0;
    if (strcmp(key, "phases") == 0) {
        const char *sep = "";
        for (int ph = 0; ph < TRIAD_PHASE_COUNT; ph++)
            if (st->phases & PH(ph)) {
                triad_i_buf_printf(b, "%s%s", sep, triad_phase_name((triad_phase)ph));
                sep = ", ";
            }
    } else if (strcmp(key, "min_size") == 0) {
        triad_i_buf_printf(b, "%d", st->min_size);
    } else if (strcmp(key, "max_size") == 0) {
        triad_i_buf_printf(b, "%d", st->max_size);
    } else if (strcmp(key, "sizes") == 0) {
        for (int k = 0; k < st->nsizes; k++)
            triad_i_buf_printf(b, "%s%d", k ? ", " : "", st->sizes[k]);
    } else if (strcmp(key, "triad_size") == 0) {
        triad_i_buf_printf(b, "%d", st->triad_size);
    } else if (strcmp(key, "skip") == 0 || strcmp(key, "sector_wide") == 0) {
        triad_i_buf_puts(b, (key[1] == 'k' ? st->skip : st->sector_wide) ? "yes" : "no");
    } else if (strcmp(key, "small_stratum") == 0) {
        triad_i_buf_puts(b, st->small_one_group == SMALL_AUTO        ? "auto"
                            : st->small_one_group == SMALL_ONE_GROUP ? "one group"
                                                                     : "error");
    } else if (strcmp(key, "geography") == 0) {
        triad_i_buf_puts(b, st->local ? "local" : "spread");
    } else {
        return 0;
    }
    return 1;
}

/* A [constraints] key read back. */
static int constraint_value(const triad_spec *s, const char *key, triad_i_buf *b)
{
    if (strcmp(key, "trust_cap_collaborative") == 0)
        triad_i_buf_printf(b, "%d", s->trust_cap_collab);
    else if (strcmp(key, "trust_cap_triad") == 0)
        triad_i_buf_printf(b, "%d", s->trust_cap_triad);
    else if (strcmp(key, "lead_required") == 0)
        triad_i_buf_puts(b, s->lead_required ? "yes" : "no");
    else if (strcmp(key, "no_concern_triads") == 0)
        triad_i_buf_puts(b, s->no_concern_triads ? "yes" : "no");
    else if (strcmp(key, "max_memberships") == 0)
        triad_i_buf_printf(b, "%d", s->max_memberships);
    else if (strcmp(key, "lead_term") == 0)
        triad_i_buf_printf(b, "%d", s->lead_term);
    else if (strcmp(key, "lead_days") == 0)
        triad_i_buf_printf(b, "%g", s->lead_days);
    else if (strcmp(key, "triad_max_km") == 0)
        triad_i_buf_printf(b, "%g", s->triad_max_km);
    else if (strcmp(key, "collaborative_max_km") == 0)
        triad_i_buf_printf(b, "%g", s->collab_max_km);
    else if (strcmp(key, "must_link") == 0 || strcmp(key, "cannot_link") == 0) {
        const link_spec *l = key[0] == 'm' ? s->must : s->cannot;
        size_t n = key[0] == 'm' ? s->nmust : s->ncannot;
        for (size_t q = 0; q < n; q++)
            for (size_t u = 0; u < l[q].n; u++)
                triad_i_buf_printf(b, "%s%s", u ? " " : q ? "; " : "", l[q].urns[u]);
    } else
        return 0;
    return 1;
}

/* A [history] key read back. */
static int history_value(const triad_spec *s, const char *key, triad_i_buf *b)
{
    static const char *const avoid[] = {"off", "penalty", "hard"};
    if (strcmp(key, "avoid") == 0)
        triad_i_buf_puts(b, avoid[s->history_avoid]);
    else if (strcmp(key, "weight") == 0)
        triad_i_buf_printf(b, "%g", s->history_weight);
    else if (strcmp(key, "fade") == 0)
        triad_i_buf_printf(b, "%g", s->history_fade);
    else if (strcmp(key, "keep") == 0)
        triad_i_buf_printf(b, "%g", s->history_keep);
    else if (strcmp(key, "keep_collaboratives") == 0)
        triad_i_buf_printf(b, "%g", s->keep_collab);
    else if (strcmp(key, "collaborative_weight") == 0)
        triad_i_buf_printf(b, "%g", s->collab_weight);
    else if (strcmp(key, "keep_partnerships") == 0)
        triad_i_buf_puts(b, s->keep_partnerships ? "yes" : "no");
    else if (strcmp(key, "avoid_partnerships") == 0)
        triad_i_buf_puts(b, s->avoid_partnerships ? "yes" : "no");
    else
        return 0;
    return 1;
}

int spec_value_text(const triad_spec *s, const char *section, const char *key, triad_i_buf *b)
{
    if (strcmp(section, "strata") == 0 && strcmp(key, "by") == 0) {
        triad_i_buf_puts(b, s->stratify);
        return 1;
    }
    if (strcmp(section, "strata") == 0 && strcmp(key, "special_by_age") == 0) {
        triad_i_buf_puts(b, s->special_by_age ? "yes" : "no");
        return 1;
    }
    if (strncmp(section, "stratum.", 8) == 0)
        return stratum_value(s, section, key, b);
    if (strcmp(section, "balance") == 0) {
        for (size_t i = 0; i < s->nweights; i++)
            if (strcmp(s->weights[i].name, key) == 0) {
                triad_i_buf_printf(b, "%g", s->weights[i].weight);
                return 1;
            }
        return 0;
    }
    if (strcmp(section, "constraints") == 0)
        return constraint_value(s, key, b);
    if (strcmp(section, "history") == 0)
        return history_value(s, key, b);
    if (strcmp(section, "geography") == 0) {
        if (strcmp(key, "areas") == 0)
            triad_i_buf_printf(b, "%d", s->areas);
        else if (strcmp(key, "local_weight") == 0)
            triad_i_buf_printf(b, "%g", s->local_weight);
        else
            return 0;
        return 1;
    }
    if (strcmp(section, "funding") == 0) {
        if (strcmp(key, "basis") == 0)
            triad_i_buf_puts(b, funding_basis_names[s->funding_basis]);
        else if (strcmp(key, "total") == 0 || strcmp(key, "cap") == 0)
            triad_i_buf_printf(b, "%.2f", key[0] == 't' ? s->funding_total : s->funding_cap);
        else if (strcmp(key, "load_ratio") == 0)
            triad_i_buf_printf(b, "%g", s->funding_load_ratio);
        else
            return 0;
        return 1;
    }
    if (strcmp(section, "solver") == 0) {
        if (strcmp(key, "method") == 0)
            triad_i_buf_puts(b, triad_method_name(s->method));
        else if (strcmp(key, "seed") == 0)
            triad_i_buf_printf(b, "%llu", (unsigned long long)s->seed);
        else if (strcmp(key, "threads") == 0)
            triad_i_buf_printf(b, "%d", s->threads);
        else if (strcmp(key, "time_limit") == 0)
            triad_i_buf_printf(b, "%g", s->time_limit);
        else
            return 0;
        return 1;
    }
    return 0;
}

triad_status triad_spec_get(const triad_spec *spec, const char *section, const char *key,
                            char *buf, size_t n, triad_error *err)
{
    triad_error_clear(err);
    if (!spec || !section || !key || !buf || n == 0)
        return triad_i_fail(err, TRIAD_ERR_INVALID_ARGUMENT, NULL, 0, 0,
                            "spec, section, key or buf is NULL, or n is 0");
    triad_i_buf b;
    triad_i_buf_init(&b);
    triad_i_buf_puts(&b, "");
    triad_status st = TRIAD_OK;
    buf[0] = '\0';
    if (!spec_value_text(spec, section, key, &b))
        st = triad_i_fail(err, TRIAD_ERR_SPEC, NULL, 0, 0, "[%s] has no key '%s'", section, key);
    else if (b.failed)
        st = triad_i_fail_nomem(err);
    else
        snprintf(buf, n, "%s", b.data);
    triad_i_buf_free(&b);
    return st;
}
