/* The key names of every section, and the nearest one to a misspelt key
 * or section ("did you mean"). */
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

/* The keys of each section, for "did you mean" when one is misspelt. */
const char *const stratum_keys[] = {"sizes", "geography", "sector_wide", "small_stratum",
                                           "min_size", "max_size", "triad_size", "skip",
                                           "phases", NULL};

const char *const constraint_keys[] = {"trust_cap_collaborative", "trust_cap_triad",
                                              "lead_required", "lead_term", "lead_days",
                                              "max_memberships",
                                              "no_concern_triads",
                                              "triad_max_km", "collaborative_max_km",
                                              "must_link", "cannot_link", NULL};

const char *const solver_keys[] = {"method", "time_limit", "seed", "threads", NULL};

const char *const history_keys[] = {"avoid", "weight", "keep", "keep_collaboratives",
                                           "keep_partnerships", "avoid_partnerships",
                                           "collaborative_weight", "fade", NULL};

const char *const strata_keys[] = {"by", "special_by_age", NULL};

const char *const funding_keys[] = {"total", "basis", "cap", "load_ratio", NULL};

const char *const funding_basis_names[] = {"triad", "collaborative", "school", "pupils", NULL};

const char *const geography_keys[] = {"areas", "local_weight", NULL};

const char *const section_names[] = {"strata", "balance", "constraints", "history",
                                            "geography", "solver", "funding", NULL};

/* Edit distance (insertions, deletions, substitutions, swaps of two
 * neighbours), capped: only small slips are worth a suggestion. */
static size_t spec_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    size_t d[64][64];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
            size_t best = sub < del ? sub : del;
            best = best < ins ? best : ins;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

/* " (did you mean 'X'?)" for the nearest name within a few edits, else "". */
const char *spec_did_you_mean(const char *word, const char *const *names, char *buf, size_t n)
{
    const char *best = NULL;
    size_t bd = 99, limit = strlen(word) / 3 + 1;
    for (; *names; names++) {
        size_t e = spec_edit_distance(word, *names);
        if (e < bd) {
            bd = e;
            best = *names;
        }
    }
    buf[0] = '\0';
    if (best && bd <= (limit < 3 ? limit : 3))
        snprintf(buf, n, " (did you mean '%s'?)", best);
    return buf;
}
