/* The exact engine's time against the number of schools, through the public
 * API: generated strata of 20..120 primary schools (Ofsted-like grades,
 * IDACI quintiles, urban/rural) solved with TRIAD_METHOD_ILP (the search's
 * plan as the start, as `triad solve --method ilp` runs it); status,
 * objective, bound, gap and seconds per stratum. Writes a TSV to the path
 * given (or stdout); the second argument is the time limit (60 s). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <triad/triad.h>

/* splitmix64: a fixed stream, so every run builds the same strata */
static uint64_t next(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int main(int argc, char **argv)
{
    FILE *out = argc > 1 ? fopen(argv[1], "w") : stdout;
    double limit = argc > 2 ? atof(argv[2]) : 60.0;
    if (!out || !(limit > 0))
        return 1;
    fprintf(out, "# exact engine (GLPK) via triad_solve(TRIAD_METHOD_ILP), time limit %.0f s; "
                 "bench/ilp_bench\n",
            limit);
    fprintf(out, "schools\tstatus\tobjective\tbound\tgap\tseconds\n");
    for (int n = 20; n <= 120; n += 20) {
        triad_error err;
        triad_schools *s = NULL;
        triad_plan *p = NULL;
        uint64_t x = (uint64_t)n;
        if (triad_schools_new(&s, &err) != TRIAD_OK)
            return 1;
        for (int i = 0; i < n; i++) {
            char urn[16];
            size_t k;
            snprintf(urn, sizeof urn, "%d", 100000 + i);
            int grade = (int)(next(&x) % 10);
            if (triad_schools_add(s, urn, TRIAD_PHASE_PRIMARY, &k, &err) != TRIAD_OK ||
                triad_schools_set_number(s, k, TRIAD_FIELD_OFSTED,
                                         grade < 2 ? 1 : grade < 8 ? 2 : grade < 9 ? 3 : 4,
                                         &err) != TRIAD_OK ||
                triad_schools_set_number(s, k, TRIAD_FIELD_IDACI, 1 + (double)(next(&x) % 5),
                                         &err) != TRIAD_OK ||
                triad_schools_set_number(s, k, TRIAD_FIELD_URBAN, next(&x) % 4 != 0, &err) !=
                    TRIAD_OK) {
                fprintf(stderr, "%s\n", err.message);
                return 1;
            }
        }
        triad_solve_options o;
        triad_solve_options_init(&o);
        o.method = TRIAD_METHOD_ILP;
        o.time_limit = limit;
        triad_stratum_result r;
        if (triad_solve(s, NULL, &o, &p, &err) != TRIAD_OK ||
            triad_plan_stratum_result(p, 0, &r, &err) != TRIAD_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        fprintf(out, "%d\t%s\t%.3f\t%.3f\t%.4f\t%.2f\n", n, r.status, r.objective, r.bound, r.gap,
                r.seconds);
        fflush(out);
        triad_plan_free(p);
        triad_schools_free(s);
    }
    if (out != stdout)
        fclose(out);
    return 0;
}
