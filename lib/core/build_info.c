/* The commit the library was built from (include/triad/common.h), for the
 * provenance a researcher records beside a result. */
#include "build_info.h"
#include "triad/triad.h"

const char *triad_build_commit(void)
{
    return TRIAD_BUILD_COMMIT;
}
