/* libFuzzer: the schools reader (native, GIAS, Ofsted MI) and, when a file
 * loads, the native writer's round trip: what it writes reads back with as
 * many schools, and writing that again gives the same text (the native CSV
 * is a fixed point of read and write). */
#include <stdint.h>
#include <string.h>

#include <triad/triad.h>

#include "fuzz_status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    triad_schools *s = NULL;
    triad_error err;
    if (data_status(triad_schools_read_buffer((const char *)data, size, "fuzz.csv", NULL, &s,
                                              &err)) == TRIAD_OK) {
        char *text = NULL, *text2 = NULL;
        if (data_status(triad_schools_csv(s, &text, &err)) == TRIAD_OK) {
            triad_schools *again = NULL;
            if (data_status(triad_schools_read_buffer(text, strlen(text), "written.csv", NULL,
                                                      &again, &err)) != TRIAD_OK ||
                triad_schools_count(again) != triad_schools_count(s))
                __builtin_trap(); /* what we write we must read back */
            if (data_status(triad_schools_csv(again, &text2, &err)) == TRIAD_OK &&
                strcmp(text, text2) != 0)
                __builtin_trap(); /* and write again the same */
            triad_string_free(text2);
            triad_schools_free(again);
        }
        triad_string_free(text);
        triad_schools_free(s);
    }
    return 0;
}
