/* libFuzzer: the MDGPLIB reader, then a short search whose answer must be
 * feasible. */
#include <stdint.h>
#include <stdlib.h>

#include <triad/triad.h>

#include "fuzz_status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    triad_mdgp *g = NULL;
    triad_error err;
    if (data_status(triad_mdgp_read_buffer((const char *)data, size, "fuzz.txt", &g, &err)) !=
        TRIAD_OK)
        return 0;
    size_t n = triad_mdgp_elements(g);
    int *group = malloc(n * sizeof *group);
    triad_mdgp_options o;
    triad_mdgp_options_init(&o);
    o.seconds = 0;
    o.max_iterations = 50;
    double obj, again;
    if (group && n <= 200 && data_status(triad_mdgp_solve(g, &o, group, &obj, &err)) == TRIAD_OK &&
        data_status(triad_mdgp_evaluate(g, group, &again, &err)) != TRIAD_OK)
        __builtin_trap(); /* the solver returned an infeasible assignment */
    free(group);
    triad_mdgp_free(g);
    return 0;
}
