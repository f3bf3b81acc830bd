/* libFuzzer: the schools reader (native, GIAS, Ofsted MI) and, when a file
 * loads, the native writer's round trip. */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include <triad/triad.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    triad_schools *s = NULL;
    triad_error err;
    if (triad_schools_read_buffer((const char *)data, size, "fuzz.csv", NULL, &s, &err) ==
        TRIAD_OK) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/fuzz-schools-%d.csv", (int)getpid());
        if (triad_schools_write(s, path, &err) == TRIAD_OK) {
            triad_schools *again = NULL;
            if (triad_schools_read(path, NULL, &again, &err) != TRIAD_OK ||
                triad_schools_count(again) != triad_schools_count(s))
                __builtin_trap(); /* what we write we must read back */
            triad_schools_free(again);
            unlink(path);
        }
        triad_schools_free(s);
    }
    return 0;
}
