/* libFuzzer: the memberships reader against a fixed schools table, then on
 * whatever loads the solve that keeps and avoids partnerships under a
 * membership cap, and the network's layers (GraphML and JSON). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <triad/triad.h>

#include "fuzz_status.h"

static const char schools_csv[] =
    "urn,name,phase,ofsted,fsm_pct,urban_rural,head_years,easting,northing,pupils,trust,area\n"
    "1001,A1,Primary,2,10,Urban,5,500000,150000,100,T1,N\n1002,A2,Primary,2,20,Urban,1,501000,"
    "150000,200,T1,N\n1003,A3,Primary,1,30,Rural,8,502000,150000,300,,S\n1004,A4,Primary,3,40,"
    "Urban,2,503000,150000,400,,S\n1005,A5,Primary,2,50,Urban,4,504000,150000,500,,N\n1006,A6,"
    "Primary,,60,Rural,10,505000,150000,600,T2,S\n1007,A7,Primary,2,15,Urban,6,506000,150000,"
    "250,,N\n";

static const char spec_ini[] = "[strata]\nby = none\n[stratum.all]\nsizes = 3, 4\n"
                               "triad_size = 3\n[history]\nkeep_partnerships = yes\n"
                               "avoid_partnerships = yes\n[constraints]\nmax_memberships = 6\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static triad_schools *schools; /* read once: the harness is single-threaded */
    static triad_spec *spec;
    triad_error err;
    if (!schools && (triad_schools_read_buffer(schools_csv, strlen(schools_csv), "s.csv", NULL,
                                               &schools, &err) != TRIAD_OK ||
                     triad_spec_read_string(spec_ini, "m.ini", &spec, &err) != TRIAD_OK))
        abort();
    triad_memberships *m = NULL;
    if (data_status(triad_memberships_read_buffer((const char *)data, size, "fuzz-m.csv",
                                                  schools, &m, &err)) != TRIAD_OK)
        return 0;
    triad_solve_options o;
    triad_solve_options_init(&o);
    o.memberships = m;
    o.time_limit = 0.5;
    triad_plan *plan = NULL;
    if (data_status(triad_solve(schools, spec, &o, &plan, &err)) == TRIAD_OK) {
        triad_network *net = NULL;
        if (data_status(triad_network_build(schools, (const triad_plan *const *)&plan, 1, &net,
                                            &err)) == TRIAD_OK) {
            char *text = NULL;
            if (data_status(triad_network_add_memberships(net, m, &err)) == TRIAD_OK) {
                if (data_status(triad_network_graphml(net, &text, &err)) == TRIAD_OK)
                    triad_string_free(text);
                if (data_status(triad_network_format(net, 1, &text, &err)) == TRIAD_OK)
                    triad_string_free(text);
            }
            triad_network_free(net);
        }
        triad_plan_free(plan);
    }
    triad_memberships_free(m);
    return 0;
}
