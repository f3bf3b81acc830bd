#include <stdlib.h>
#include <string.h>

#include "triad/triad.h"

#define STR_(x) #x
#define STR(x) STR_(x)

const char *triad_status_string(triad_status status)
{
    switch (status) {
    case TRIAD_OK: return "ok";
    case TRIAD_ERR_INVALID_ARGUMENT: return "invalid argument";
    case TRIAD_ERR_NOMEM: return "out of memory or over a size limit";
    case TRIAD_ERR_IO: return "input/output error";
    case TRIAD_ERR_EMPTY: return "empty input";
    case TRIAD_ERR_CSV: return "malformed CSV";
    case TRIAD_ERR_VALUE: return "invalid value";
    case TRIAD_ERR_DUPLICATE: return "duplicate school";
    case TRIAD_ERR_UNKNOWN_SCHOOL: return "unknown school";
    case TRIAD_ERR_MISSING_COLUMN: return "missing column";
    case TRIAD_ERR_SPEC: return "invalid spec";
    case TRIAD_ERR_INFEASIBLE: return "infeasible problem";
    case TRIAD_ERR_CANCELLED: return "cancelled";
    case TRIAD_ERR_INTERNAL: return "internal error";
    }
    return "unknown status";
}

void triad_error_clear(triad_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

void triad_string_free(char *s)
{
    free(s);
}

const char *triad_version(void)
{
    return STR(TRIAD_VERSION_MAJOR) "." STR(TRIAD_VERSION_MINOR) "." STR(TRIAD_VERSION_PATCH);
}
