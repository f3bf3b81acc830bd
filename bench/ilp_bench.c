/* ILP solve time against the number of schools: generated strata of
 * 20..120 schools (groups of about 9) with Ofsted-like, deprivation and
 * urban/rural mixes; once cold (the ILP alone) and once warm-started from
 * the annealing, as --method ilp runs it. Writes a TSV to the path given
 * (or stdout). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solve/ilp.h"
#include "solve/rng.h"

int main(int argc, char **argv)
{
    FILE *out = argc > 1 ? fopen(argv[1], "w") : stdout;
    double limit = argc > 2 ? atof(argv[2]) : 60.0;
    if (!out)
        return 1;
    fprintf(out, "# ILP (GLPK) partition, time limit %.0f s; bench/ilp_bench\n", limit);
    fprintf(out, "schools\tgroups\trows\tcols\tcold_status\tcold_objective\tcold_bound"
                 "\tcold_seconds\twarm_status\twarm_objective\twarm_bound\twarm_seconds\n");
    for (int n = 20; n <= 120; n += 20) {
        size_t k = (size_t)(n + 8) / 9;
        int *size = calloc(k, sizeof *size), *cell = malloc((size_t)n * 3 * sizeof *cell),
            *trust = malloc((size_t)n * sizeof *trust), *group = calloc((size_t)n, sizeof *group);
        double total[14] = {0}, w[3] = {1, 1, 1};
        unsigned char *elig = malloc((size_t)n);
        rng r;
        rng_seed(&r, (uint64_t)n);
        for (size_t g = 0; g < k; g++)
            size[g] = (int)((size_t)n / k + (g < (size_t)n % k));
        for (int i = 0; i < n; i++) {
            int grade = (int)rng_below(&r, 10);
            cell[i * 3] = grade < 2 ? 0 : grade < 8 ? 1 : grade < 9 ? 2 : 3; /* 5 cells */
            cell[i * 3 + 1] = 5 + (int)rng_below(&r, 6);                       /* 6 cells */
            cell[i * 3 + 2] = 11 + (rng_below(&r, 4) == 0);                    /* 3 cells */
            for (int a = 0; a < 3; a++)
                total[cell[i * 3 + a]] += 1;
            trust[i] = -1;
            elig[i] = cell[i * 3] <= 1;
        }
        partition_problem pp = {.n = (size_t)n, .k = k, .size = size, .ncat_attrs = 3,
                                .ncells = 14, .cell = cell, .cat_weight = w,
                                .cell_total = total, .trust = trust, .elig = elig};
        ilp_result res, warm;
        triad_error err;
        if (ilp_partition(&pp, group, 0, limit, NULL, &res, &err) != TRIAD_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        /* warm: a dealt start improved by the annealing, then the ILP */
        for (int i = 0; i < n; i++)
            group[i] = i % (int)k;
        partition_budget b = {.moves = 1000u * (uint64_t)n, .deadline = 0, .cancel = NULL};
        double t0 = clock_now();
        partition_improve(&pp, group, 1, &b);
        double sa = clock_now() - t0;
        if (ilp_partition(&pp, group, 1, limit, NULL, &warm, &err) != TRIAD_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        fprintf(out, "%d\t%zu\t%d\t%d\t%s\t%.3f\t%.3f\t%.2f\t%s\t%.3f\t%.3f\t%.2f\n", n, k,
                res.rows, res.cols, res.status, res.objective, res.bound, res.seconds, warm.status,
                warm.objective, warm.bound, warm.seconds + sa);
        fflush(out);
        free(size);
        free(cell);
        free(trust);
        free(group);
        free(elig);
    }
    if (out != stdout)
        fclose(out);
    return 0;
}
