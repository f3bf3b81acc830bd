/* libFuzzer: the brokering readers and solver on hostile input. The input is
 * split at lines "%%" into the offers CSV, the needs CSV, a synonyms CSV
 * (optional) and a hand-made brokerage CSV (optional); whatever reads is
 * matched (with a rule on supporters, so the rounding and the MIP run, in a
 * short time limit), checked, and formatted as text, JSON and HTML. The
 * readers take paths only, so each part goes through a file of the harness's
 * own folder. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <triad/triad.h>

#include "fuzz_status.h"

static const char schools_csv[] =
    "urn,name,phase,ofsted,fsm_pct,urban_rural,head_years,easting,northing,pupils,trust\n"
    "1001,A1,Primary,1,10,Urban,5,500000,150000,100,T1\n1002,A2,Primary,2,20,Urban,1,501000,"
    "150000,200,T1\n1003,A3,Primary,1,30,Rural,8,502000,150000,300,\n1004,A4,Primary,4,40,Urban,"
    "2,503000,150000,400,\n1005,A5,Secondary,2,50,Urban,4,504000,150000,500,\n1006,A6,Special,,"
    "60,Rural,10,505000,150000,600,T2\n";
static const char plan_csv[] = "URN,collaborative,triad,lead\n1001,X,X.1,1\n1002,X,X.1,0\n"
                               "1003,X,X.1,0\n1004,Y,Y.1,1\n1005,Y,Y.1,0\n1006,Y,Y.1,0\n";

static char folder[64];

/* The parts and the folder go when the fuzzer exits. */
static void remove_folder(void)
{
    char path[96];
    for (int k = 0; k < 4; k++) {
        snprintf(path, sizeof path, "%s/part%d.csv", folder, k);
        unlink(path);
    }
    rmdir(folder);
}

/* Writes part k to the harness's folder; returns its path (static). */
static const char *part_file(int k, const uint8_t *data, size_t size)
{
    static char paths[4][96];
    snprintf(paths[k], sizeof paths[k], "%s/part%d.csv", folder, k);
    FILE *f = fopen(paths[k], "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    return paths[k];
}

static void exercise(const triad_brokerage *b, const triad_schools *schools, const triad_plan *plan)
{
    char *text = NULL;
    triad_error err;
    for (int json = 0; json <= 1; json++)
        if (data_status(triad_brokerage_format(b, json, &text, &err)) == TRIAD_OK)
            triad_string_free(text);
    if (data_status(triad_brokerage_csv(b, &text, &err)) == TRIAD_OK)
        triad_string_free(text);
    if (data_status(triad_brokerage_directory_csv(b, &text, &err)) == TRIAD_OK)
        triad_string_free(text);
    triad_report *r = NULL;
    if (data_status(triad_check(schools, NULL, plan, &r, &err)) == TRIAD_OK) {
        if (data_status(triad_report_html_brokerage(r, schools, plan, b, &text, &err)) == TRIAD_OK)
            triad_string_free(text);
        triad_report_free(r);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static triad_schools *schools; /* read once: the harness is single-threaded */
    static triad_plan *plan;
    triad_error err;
    if (!schools) {
        snprintf(folder, sizeof folder, "/tmp/fuzz-broker-XXXXXX");
        if (!mkdtemp(folder) || atexit(remove_folder) != 0 ||
            triad_schools_read_buffer(schools_csv, strlen(schools_csv), "s.csv", NULL, &schools,
                                      &err) != TRIAD_OK ||
            triad_plan_read_buffer(plan_csv, strlen(plan_csv), "p.csv", schools, &plan, &err) !=
                TRIAD_OK)
            abort();
    }
    /* split at "\n%%\n" into up to four parts */
    const uint8_t *start[4] = {data, NULL, NULL, NULL};
    size_t len[4] = {size, 0, 0, 0};
    int parts = 1;
    for (size_t i = 0; i + 4 <= size && parts < 4; i++)
        if (memcmp(data + i, "\n%%\n", 4) == 0) {
            len[parts - 1] = (size_t)(data + i + 1 - start[parts - 1]);
            start[parts] = data + i + 4;
            len[parts] = size - (i + 4);
            parts++;
            i += 3;
        }
    if (parts < 2)
        return 0;
    const char *offers = part_file(0, start[0], len[0]);
    const char *needs = part_file(1, start[1], len[1]);
    const char *synonyms = parts > 2 ? part_file(2, start[2], len[2]) : NULL;
    triad_market *m = NULL;
    if (data_status(triad_market_read(offers, needs, synonyms, schools, &m, &err)) == TRIAD_OK) {
        triad_broker_options o;
        triad_broker_options_init(&o);
        o.max_supporters = 1;
        o.time_limit = 0.05;
        o.policy = size % 3 == 0   ? TRIAD_BROKER_ANY
                   : size % 3 == 1 ? TRIAD_BROKER_WITHIN
                                   : TRIAD_BROKER_ACROSS;
        o.max_km = size % 2 ? 2.5 : 0;
        triad_brokerage *b = NULL;
        if (data_status(triad_broker(schools, plan, m, &o, &b, &err)) == TRIAD_OK) {
            exercise(b, schools, plan);
            triad_brokerage_free(b);
        }
        if (parts > 3 && data_status(triad_brokerage_read(part_file(3, start[3], len[3]), schools,
                                                          plan, m, &o, &b, &err)) == TRIAD_OK) {
            exercise(b, schools, plan);
            triad_brokerage_free(b);
        }
        triad_market_free(m);
    }
    return 0;
}
