/* Fixtures shared by the brokering tests: text written to a temporary
 * file, a market read from offers and needs given as text, and a random
 * market. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "solve/rng.h"
#include "test_util.h"

char *test_temp_with(const char *text)
{
    char *path = malloc(64);
    snprintf(path, 64, "/tmp/triad-broker-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

triad_status test_market_of(const triad_schools *s, const char *offers, const char *needs,
                            triad_market **m, triad_error *err)
{
    char *po = test_temp_with(offers), *pn = test_temp_with(needs);
    triad_status st = triad_market_read(po, pn, NULL, s, m, err);
    unlink(po);
    unlink(pn);
    free(po);
    free(pn);
    return st;
}

triad_status test_random_market(const triad_schools *s, rng *r, int limits, unsigned need_odds,
                                triad_market **m, triad_error *err)
{
    static const char *const areas[] = {"Maths", "Reading", "SEND"};
    char offers[1024], needs[1024] = "urn,area,days,priority\n";
    snprintf(offers, sizeof offers, "urn,area,days%s\n", limits ? ",max_schools" : "");
    for (int a = 0; a < 5; a++) { /* supporters: schools 1-5 */
        unsigned lim = limits ? rng_below(r, 4) : 0;
        for (int k = 0; k < 3; k++)
            if (rng_below(r, 2))
                snprintf(offers + strlen(offers), sizeof offers - strlen(offers), "%d,%s,%u%s\n",
                         a + 1, areas[k], 1 + rng_below(r, 8),
                         !limits    ? ""
                         : lim == 1 ? ",2"
                         : lim == 2 ? ",3"
                                    : ",");
    }
    for (int b = 5; b < 12; b++) /* needing: schools 6-12 */
        for (int k = 0; k < 3; k++)
            if (rng_below(r, need_odds))
                snprintf(needs + strlen(needs), sizeof needs - strlen(needs), "%d,%s,%u,%u\n",
                         b + 1, areas[k], 1 + rng_below(r, 10), 1 + rng_below(r, 3));
    return test_market_of(s, offers, needs, m, err);
}

triad_schools *test_twelve_schools(void)
{
    char csv[512] = "urn,phase\n";
    for (int i = 0; i < 12; i++)
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "%d,Primary\n", i + 1);
    triad_schools *s = NULL;
    triad_error err;
    CU_ASSERT_EQUAL_FATAL(triad_schools_read_buffer(csv, strlen(csv), "p.csv", NULL, &s, &err),
                          TRIAD_OK);
    return s;
}
