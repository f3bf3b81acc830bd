/* libFuzzer: the plan reader against a fixed schools table, then the scorer
 * and both report formats on whatever plan loads. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <triad/triad.h>

#include "fuzz_status.h"

static const char schools_csv[] =
    "urn,name,phase,ofsted,fsm_pct,urban_rural,head_years,easting,northing,pupils,trust\n"
    "1001,A1,Primary,2,10,Urban,5,500000,150000,100,T1\n1002,A2,Primary,2,20,Urban,1,501000,"
    "150000,200,T1\n1003,A3,Primary,1,30,Rural,8,502000,150000,300,\n1004,A4,Primary,3,40,Urban,"
    "2,503000,150000,400,\n1005,A5,Secondary,2,50,Urban,4,504000,150000,500,\n1006,A6,Special,,"
    "60,Rural,10,505000,150000,600,T2\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static triad_schools *schools; /* read once: the harness is single-threaded */
    triad_error err;
    if (!schools &&
        triad_schools_read_buffer(schools_csv, strlen(schools_csv), "s.csv", NULL, &schools,
                                  &err) != TRIAD_OK)
        abort();
    triad_plan *plan = NULL;
    if (data_status(triad_plan_read_buffer((const char *)data, size, "fuzz-plan.csv", schools,
                                           &plan, &err)) == TRIAD_OK) {
        triad_report *r = NULL;
        if (data_status(triad_check(schools, NULL, plan, &r, &err)) == TRIAD_OK) {
            char *text = NULL, *html = NULL;
            if (data_status(triad_report_format(r, 1, &text, &err)) == TRIAD_OK)
                triad_string_free(text);
            if (data_status(triad_report_format(r, 0, &text, &err)) == TRIAD_OK)
                triad_string_free(text);
            if (data_status(triad_report_html(r, schools, plan, &html, &err)) == TRIAD_OK)
                triad_string_free(html);
            triad_report_free(r);
        }
        triad_plan_free(plan);
    }
    return 0;
}
