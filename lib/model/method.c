/* The solver methods' names, defined once for the spec, the CLI and the log. */
#include <stddef.h>

#include "core/util.h"

static const char *const method_names[] = {
    [TRIAD_METHOD_AUTO] = "auto",     [TRIAD_METHOD_SEARCH] = "search",
    [TRIAD_METHOD_RANDOM] = "random", [TRIAD_METHOD_DEAL] = "deal",
    [TRIAD_METHOD_GEO] = "geo",       [TRIAD_METHOD_ILP] = "ilp"};

const char *triad_method_name(triad_method m)
{
    return (unsigned)m < sizeof method_names / sizeof method_names[0] ? method_names[m] : NULL;
}

triad_status triad_method_from_name(const char *name, triad_method *out)
{
    for (size_t m = 0; name && out && m < sizeof method_names / sizeof method_names[0]; m++)
        if (triad_i_streq_ci(name, method_names[m])) {
            *out = (triad_method)m;
            return TRIAD_OK;
        }
    return TRIAD_ERR_INVALID_ARGUMENT;
}
