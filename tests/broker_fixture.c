/* Fixtures shared by the brokering tests: text written to a temporary
 * file, and a market read from offers and needs given as text. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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
