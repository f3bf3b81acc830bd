#include "io/json_text.h"

#include <stdlib.h>

#include "core/text_decode.h"

json_t *json_text(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    char *fixed = text_utf8_repair(s);
    j = fixed ? json_string(fixed) : NULL;
    free(fixed);
    return j;
}
