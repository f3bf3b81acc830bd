/* libFuzzer: the INI spec parser, then a check that uses the spec (strata,
 * weights, links resolved against a fixed schools table). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <triad/triad.h>

#include "fuzz_status.h"

static const char schools_csv[] = "urn,name,phase,ofsted,idaci,pupils,diocese\n"
                                   "1,A,Primary,1,1,100,CofE\n2,B,Primary,2,2,200,RC\n"
                                   "3,C,Primary,3,3,300,None\n4,D,Secondary,2,4,900,CofE\n"
                                   "5,E,Special,4,5,80,None\n6,F,Primary,,2,150,RC\n";
static const char plan_csv[] = "URN,collaborative,triad,lead\n1,X,X.1,1\n2,X,X.1,0\n3,X,X.2,0\n"
                               "4,Y,Y.1,1\n5,Y,Y.1,0\n6,X,X.2,0\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static triad_schools *schools;
    static triad_plan *plan;
    triad_error err;
    if (!schools) {
        if (triad_schools_read_buffer(schools_csv, strlen(schools_csv), "s.csv", NULL, &schools,
                                      &err) != TRIAD_OK ||
            triad_plan_read_buffer(plan_csv, strlen(plan_csv), "p.csv", schools, &plan, &err) !=
                TRIAD_OK)
            abort();
    }
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    triad_spec *spec = NULL;
    if (data_status(triad_spec_read_string(text, "fuzz.ini", &spec, &err)) == TRIAD_OK) {
        triad_report *r = NULL;
        if (data_status(triad_check(schools, spec, plan, &r, &err)) == TRIAD_OK)
            triad_report_free(r);
        triad_spec_free(spec);
    }
    free(text);
    return 0;
}
