/* libFuzzer: the calendar file (lib/schedule/calendar.c), then its
 * questions over every term, with the invariants they promise: an open day
 * is a weekday inside its term and in one of its halves. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_status.h"
#include "schedule/calendar.h"

static void ask(const calendar *c)
{
    for (size_t t = 0; t < calendar_terms(c); t++) {
        cal_day *days = NULL, start = calendar_term_start(c, t), end = calendar_term_end(c, t);
        if (end - start > 3660)
            continue; /* a decade-long term: valid, but not worth walking */
        size_t n = calendar_open_days(c, t, &days);
        for (size_t k = 0; n != (size_t)-1 && k < n; k++) {
            int h = calendar_half_term(c, days[k]);
            if (cal_weekday(days[k]) > 4 || days[k] < start || days[k] > end ||
                h / 2 != (int)t || !calendar_school_open(c, NULL, days[k]))
                __builtin_trap();
            (void)calendar_in_tests(c, "ks2", days[k]);
        }
        free(days);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    calendar *c = NULL;
    triad_error err;
    if (data_status(calendar_read_string(text, "fuzz.ini", &c, &err)) == TRIAD_OK) {
        ask(c);
        calendar_free(c);
    }
    free(text);
    return 0;
}
