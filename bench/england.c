/* A synthetic England: about 20,000 schools in 150 local authorities with
 * realistic mixes (phase, Ofsted grade, IDACI quintile, urban/rural, head
 * experience, pupils, trusts, locations), solved end to end per LA
 * (collaboratives, triads, leads) on T threads. Records wall and CPU time,
 * peak memory and balance to a TSV.
 *
 * usage: england OUT.tsv [THREADS=2] [SEED=1] [SCHOOLS_CSV_DIR]
 * The mixes are rounded from public figures: about 84% primary, 16%
 * secondary and 5% special/PRU of state schools; Ofsted about 19%
 * Outstanding, 68% Good, 9% RI, 4% Inadequate, and ~8% not yet inspected. */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <triad/triad.h>


/* A fixed random stream (splitmix64): the same England on every run. */
typedef struct rng {
    uint64_t x;
} rng;

static void rng_seed(rng *r, uint64_t seed)
{
    r->x = seed;
}

static double rng_unit(rng *r)
{
    uint64_t z = (r->x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

static uint32_t rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(rng_unit(r) * n) % (n ? n : 1);
}

#define LAS 150

typedef struct la {
    int id, n;
    char *csv;
    size_t len;
    /* results */
    triad_status st;
    size_t ncollab, ntriad, within, viol, viol_lead, viol_trust, viol_size;
    char msg[800];
} la;

static double pick(rng *r, const double *cum, int k)
{
    double u = rng_unit(r);
    for (int i = 0; i < k; i++)
        if (u < cum[i])
            return i;
    return k - 1;
}

static double gauss(rng *r)
{
    double u = rng_unit(r) + 1e-12, v = rng_unit(r);
    return sqrt(-2 * log(u)) * cos(2 * 3.14159265358979 * v);
}

static void generate(la *a, uint64_t seed)
{
    rng r;
    rng_seed(&r, seed * 1000 + (uint64_t)a->id);
    size_t cap = (size_t)a->n * 160 + 512;
    a->csv = malloc(cap);
    a->len = (size_t)snprintf(a->csv, cap,
                              "urn,name,phase,ofsted,idaci,urban_rural,head_years,easting,"
                              "northing,pupils,trust\n");
    double cx = 150000 + rng_unit(&r) * 450000, cy = 50000 + rng_unit(&r) * 550000;
    double spread = 6000 + rng_unit(&r) * 12000;
    int urban_la = rng_unit(&r) < 0.6;
    static const double phase_cum[] = {0.79, 0.95, 1.0};       /* primary, secondary, special */
    static const double grade_cum[] = {0.08, 0.25, 0.88, 0.96, 1.0}; /* none, O, G, RI, I */
    static const double head_cum[] = {0.3, 0.6, 1.0};
    int ntrusts = 3 + (int)rng_below(&r, 8);
    for (int i = 0; i < a->n; i++) {
        int ph = (int)pick(&r, phase_cum, 3), gr = (int)pick(&r, grade_cum, 5);
        int hb = (int)pick(&r, head_cum, 3);
        double head = hb == 0 ? rng_below(&r, 3) : hb == 1 ? 3 + rng_below(&r, 3)
                                                           : 6 + rng_below(&r, 15);
        double pupils = ph == 0 ? 90 + rng_below(&r, 400) : ph == 1 ? 500 + rng_below(&r, 1200)
                                                                  : 40 + rng_below(&r, 200);
        int urban = rng_unit(&r) < (urban_la ? 0.9 : 0.55);
        char trust[24] = "";
        if (rng_unit(&r) < 0.4)
            snprintf(trust, sizeof trust, "TRUST%d-%d", a->id, (int)rng_below(&r, (uint32_t)ntrusts));
        a->len += (size_t)snprintf(
            a->csv + a->len, cap - a->len, "%d%05d,School %d,%s,%s,%u,%s,%.0f,%.0f,%.0f,%.0f,%s\n",
            a->id + 100, i, i, ph == 0 ? "Primary" : ph == 1 ? "Secondary" : "Special",
            gr == 0 ? "" : (const char *[]){"", "1", "2", "3", "4"}[gr], 1 + rng_below(&r, 5),
            urban ? "Urban" : "Rural", head, cx + gauss(&r) * spread, cy + gauss(&r) * spread,
            pupils, trust);
    }
}

typedef struct pool {
    la *las;
    int next;
    pthread_mutex_t lock;
    uint64_t seed;
} pool;

static void solve_la(la *a, uint64_t seed)
{
    triad_error err;
    triad_schools *s = NULL;
    triad_plan *p = NULL;
    triad_report *r = NULL;
    triad_solve_options o;
    triad_solve_options_init(&o);
    o.seed = seed;
    /* Many LAs have a handful of special schools or a small secondary
     * sector: they form one group each, as an LA would set it (the plan
     * then lists the group outside its sizes as a violation). */
    static const char spec_text[] = "[stratum.primary]\nsmall_stratum = one group\n"
                                    "[stratum.secondary]\nsmall_stratum = one group\n"
                                    "[stratum.special]\nsmall_stratum = one group\n";
    triad_spec *spec = NULL;
    a->st = triad_spec_read_string(spec_text, "england.ini", &spec, &err);
    if (a->st == TRIAD_OK)
        a->st = triad_schools_read_buffer(a->csv, a->len, "england", NULL, &s, &err);
    if (a->st == TRIAD_OK)
        a->st = triad_solve(s, spec, &o, &p, &err);
    if (a->st == TRIAD_OK)
        a->st = triad_check(s, spec, p, &r, &err);
    if (a->st == TRIAD_OK) {
        a->ncollab = triad_plan_collaborative_count(p);
        a->ntriad = triad_plan_triad_count(p);
        a->within = triad_report_collaboratives_within_one(r);
        a->viol = triad_report_violations(r);
        for (size_t v = 0; v < a->viol; v++) {
            triad_violation tv;
            if (triad_report_violation(r, v, &tv, &err) != TRIAD_OK)
                continue;
            a->viol_lead += strcmp(tv.kind, "lead") == 0;
            a->viol_trust += strcmp(tv.kind, "trust") == 0;
            a->viol_size += strcmp(tv.kind, "size") == 0;
        }
    } else {
        snprintf(a->msg, sizeof a->msg, "%s", err.message);
    }
    triad_report_free(r);
    triad_plan_free(p);
    triad_schools_free(s);
    triad_spec_free(spec);
}

static void *worker(void *arg)
{
    pool *pl = arg;
    for (;;) {
        pthread_mutex_lock(&pl->lock);
        int k = pl->next++;
        pthread_mutex_unlock(&pl->lock);
        if (k >= LAS)
            return NULL;
        solve_la(&pl->las[k], pl->seed);
    }
}

static double now(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s OUT.tsv [THREADS] [SEED]\n", argv[0]);
        return 2;
    }
    int threads = argc > 2 ? atoi(argv[2]) : 2;
    uint64_t seed = argc > 3 ? (uint64_t)atoll(argv[3]) : 1;
    if (threads < 1 || threads > 64)
        threads = 2;
    la *las = calloc(LAS, sizeof *las);
    rng r;
    rng_seed(&r, seed);
    int total = 0;
    for (int k = 0; k < LAS; k++) {
        /* LA sizes from about 30 to 600 schools, most near 100-150 */
        las[k].id = k;
        las[k].n = (int)fmin(600, fmax(30, exp(4.75 + 0.55 * gauss(&r))));
        total += las[k].n;
    }
    double g0 = now(CLOCK_MONOTONIC);
    for (int k = 0; k < LAS; k++)
        generate(&las[k], seed);
    double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    pool pl = {las, 0, PTHREAD_MUTEX_INITIALIZER, seed};
    pthread_t tid[64];
    for (int t = 1; t < threads; t++)
        pthread_create(&tid[t], NULL, worker, &pl);
    worker(&pl);
    for (int t = 1; t < threads; t++)
        pthread_join(tid[t], NULL);
    double wall = now(CLOCK_MONOTONIC) - t0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    size_t collabs = 0, triads = 0, within = 0, viol = 0, vlead = 0, vtrust = 0, vsize = 0, failed = 0;
    for (int k = 0; k < LAS; k++) {
        if (las[k].st != TRIAD_OK) {
            failed++;
            fprintf(stderr, "LA %d: %s\n", k, las[k].msg);
        }
        collabs += las[k].ncollab;
        triads += las[k].ntriad;
        within += las[k].within;
        viol += las[k].viol;
        vlead += las[k].viol_lead;
        vtrust += las[k].viol_trust;
        vsize += las[k].viol_size;
    }
    FILE *f = fopen(argv[1], "w");
    if (!f)
        return 1;
    fprintf(f, "# synthetic England, seed %llu, %d threads; bench/england (generation %.2f s, "
               "not counted)\n",
            (unsigned long long)seed, threads, t0 - g0);
    fprintf(f, "las\tschools\tcollaboratives\ttriads\tlas_all_within_one\tviolations"
               "\tof_which_lead\tof_which_trust\tof_which_size\tfailed\twall_s\tcpu_s"
               "\tpeak_rss_mb\n");
    fprintf(f, "%d\t%d\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%.2f\t%.2f\t%.1f\n", LAS,
            total, collabs, triads, within, viol, vlead, vtrust, vsize, failed, wall, cpu,
            (double)ru.ru_maxrss / 1024.0);
    fclose(f);
    printf("%d LAs, %d schools: %zu collaboratives, %zu triads; %zu LAs all within one; "
           "%zu violations; %.2f s wall, %.2f s CPU, peak %.1f MB\n",
           LAS, total, collabs, triads, within, viol, wall, cpu, (double)ru.ru_maxrss / 1024.0);
    for (int k = 0; k < LAS; k++)
        free(las[k].csv);
    free(las);
    return failed ? 1 : 0;
}
