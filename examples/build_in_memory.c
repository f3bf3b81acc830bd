/* A problem built in memory (no files): 24 schools, a spec set key by key,
 * a solve, and the per-group figures read back as numbers.
 * Build: cc build_in_memory.c $(pkg-config --cflags --libs triad) */
#include <stdio.h>

#include <triad/triad.h>

#define CHECK(call)                                                                       \
    do {                                                                                  \
        if ((call) != TRIAD_OK) {                                                         \
            fprintf(stderr, "%s\n", err.message);                                         \
            goto done;                                                                    \
        }                                                                                 \
    } while (0)

int main(void)
{
    triad_error err;
    triad_schools *s = NULL;
    triad_spec *spec = NULL;
    triad_plan *plan = NULL;
    triad_report *rep = NULL;
    int rc = 1;
    size_t region;
    CHECK(triad_schools_new(&s, &err));
    CHECK(triad_schools_add_attribute(s, "region", 0, &region, &err));
    for (int k = 0; k < 24; k++) {
        char urn[16];
        size_t i;
        snprintf(urn, sizeof urn, "%d", 100001 + k);
        CHECK(triad_schools_add(s, urn, TRIAD_PHASE_PRIMARY, &i, &err));
        CHECK(triad_schools_set_number(s, i, TRIAD_FIELD_OFSTED, 1 + k % 4, &err));
        CHECK(triad_schools_set_number(s, i, TRIAD_FIELD_PUPILS, 150 + 13 * k, &err));
        CHECK(triad_schools_set_attribute_category(s, region, i, k % 3 ? "north" : "south", &err));
    }
    CHECK(triad_spec_new(&spec, &err));
    CHECK(triad_spec_set(spec, "stratum.primary", "sizes", "6, 9", &err));
    CHECK(triad_spec_set(spec, "balance", "region", "1", &err));
    triad_solve_options o = TRIAD_SOLVE_OPTIONS_INIT;
    CHECK(triad_solve(s, spec, &o, &plan, &err));
    CHECK(triad_check(s, spec, plan, &rep, &err));
    size_t ng = triad_report_group_count(rep, TRIAD_LEVEL_COLLABORATIVE);
    for (size_t g = 0; g < ng; g++) {
        printf("%-12s %zu schools, largest deviation %.2f%s\n",
               triad_report_group_label(rep, TRIAD_LEVEL_COLLABORATIVE, g),
               triad_report_group_size(rep, TRIAD_LEVEL_COLLABORATIVE, g),
               triad_report_group_max_deviation(rep, TRIAD_LEVEL_COLLABORATIVE, g),
               triad_report_group_within_one(rep, TRIAD_LEVEL_COLLABORATIVE, g)
                   ? ", every category within one" : "");
        for (size_t a = 0; a < triad_report_attribute_count(rep); a++) {
            if (triad_report_attribute_is_numeric(rep, a))
                continue;
            printf("  %s:", triad_report_attribute_name(rep, a));
            for (size_t c = 0; c < triad_report_category_count(rep, a); c++) {
                int count;
                double share;
                CHECK(triad_report_cell(rep, TRIAD_LEVEL_COLLABORATIVE, g, a, c, &count, &share,
                                        &err));
                printf(" %s %d (share %.2f)", triad_report_category_name(rep, a, c), count, share);
            }
            printf("\n");
        }
    }
    triad_objectives obj;
    CHECK(triad_objectives_compute(s, spec, plan, &obj, &err));
    printf("diversity %.2f, variance %.2f, k-plus %.2f over %zu features\n", obj.diversity,
           obj.variance, obj.kplus, obj.features);
    rc = 0;
done:
    triad_report_free(rep);
    triad_plan_free(plan);
    triad_spec_free(spec);
    triad_schools_free(s);
    return rc;
}
