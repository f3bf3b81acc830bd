#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: triad pack --schools SCHOOLS.csv --plan PLAN.csv -o FOLDER [--spec SPEC.ini]\n"
               "                  [[--year Y] --outcomes OUTCOMES.csv ...]\n"
               "                  [--clinic CLINIC.csv --clinic-term TERM]\n"
               "                  [--schedule SCHEDULE.csv --calendar YEAR.ini]\n"
               "                  [--brokerage B.csv --offers O.csv --needs N.csv [--synonyms F]]\n"
               "\n"
               "A data pack for each collaborative's lead, in FOLDER (made if missing):\n"
               "LABEL.html, a page to open and print on A4 (members and their context, the\n"
               "balance against the LA, the triads, a map, each member's outcomes beside\n"
               "the LA's mean, the clinic's flags with reasons, the impact of the\n"
               "collaborative and its triads, the review calendar and the support brokered\n"
               "in and out), and LABEL.xlsx, the same tables a sheet each (numbers in numeric\n"
               "cells, frozen headers, filters); index.html links them all. A file per\n"
               "collaborative, not a folder each: a lead gets two files by e-mail, and the LA\n"
               "one folder to share. Each section without its input says so in one line.\n"
               "The outcomes are read as by triad impact (the impact needs two adjacent\n"
               "years); the other inputs come from triad clinic, schedule and broker. Files\n"
               "are each written whole; when one fails, the files this run wrote are removed.\n");
}

enum { OPT_YEAR = 2001, OPT_OUTCOMES, OPT_CLINIC, OPT_CLINIC_TERM, OPT_SCHEDULE, OPT_CALENDAR,
       OPT_BROKERAGE, OPT_OFFERS, OPT_NEEDS, OPT_SYNONYMS };

typedef struct pack_args {
    const char *schools, *plan, *spec, *dir, *clinic, *term, *schedule, *calendar;
    const char *brokerage, *offers, *needs, *syn;
    cli_outcomes in;
} pack_args;

/* One option: -1 to go on, else the exit code. */
static int parse_option(int c, pack_args *a)
{
    switch (c) {
    case 's': a->schools = cli_input(optarg); return -1;
    case 'p': a->plan = cli_input(optarg); return -1;
    case 'c': a->spec = cli_input(optarg); return -1;
    case 'o': a->dir = optarg; return -1;
    case OPT_YEAR:
    case OPT_OUTCOMES: return cli_outcomes_option("pack", &a->in, c == OPT_YEAR, optarg);
    case OPT_CLINIC: a->clinic = cli_input(optarg); return -1;
    case OPT_CLINIC_TERM: a->term = optarg; return -1;
    case OPT_SCHEDULE: a->schedule = cli_input(optarg); return -1;
    case OPT_CALENDAR: a->calendar = cli_input(optarg); return -1;
    case OPT_BROKERAGE: a->brokerage = cli_input(optarg); return -1;
    case OPT_OFFERS: a->offers = cli_input(optarg); return -1;
    case OPT_NEEDS: a->needs = cli_input(optarg); return -1;
    case OPT_SYNONYMS: a->syn = cli_input(optarg); return -1;
    case 'h': usage(stdout); return 0;
    default: usage(stderr); return EXIT_USAGE;
    }
}

static int parse_args(int argc, char **argv, pack_args *a)
{
    static const struct option longopts[] = {
        {"schools", required_argument, 0, 's'},   {"plan", required_argument, 0, 'p'},
        {"spec", required_argument, 0, 'c'},      {"output", required_argument, 0, 'o'},
        {"year", required_argument, 0, OPT_YEAR}, {"outcomes", required_argument, 0, OPT_OUTCOMES},
        {"clinic", required_argument, 0, OPT_CLINIC},
        {"clinic-term", required_argument, 0, OPT_CLINIC_TERM},
        {"schedule", required_argument, 0, OPT_SCHEDULE},
        {"calendar", required_argument, 0, OPT_CALENDAR},
        {"brokerage", required_argument, 0, OPT_BROKERAGE},
        {"offers", required_argument, 0, OPT_OFFERS},
        {"needs", required_argument, 0, OPT_NEEDS},
        {"synonyms", required_argument, 0, OPT_SYNONYMS},
        {"help", no_argument, 0, 'h'},            {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:p:c:o:h", longopts, NULL)) != -1) {
        int rc = parse_option(c, a);
        if (rc >= 0)
            return rc;
    }
    if (!a->schools || !a->plan || !a->dir || optind != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!a->clinic != !a->term || (a->schedule && !a->calendar) ||
        (a->brokerage && (!a->offers || !a->needs))) {
        fprintf(stderr, "triad pack: --clinic needs --clinic-term, --schedule needs --calendar, "
                        "--brokerage needs --offers and --needs\n");
        return EXIT_USAGE;
    }
    if (strcmp(a->dir, "-") == 0) {
        fprintf(stderr, "triad pack: -o names a folder, not standard output\n");
        return EXIT_USAGE;
    }
    return -1;
}

/* Everything the packs are made of, read once. */
typedef struct pack_inputs {
    triad_schools *s;
    triad_plan *p;
    triad_spec *spec;
    triad_report *r;
    triad_outcomes *o;
    triad_impact *imp;
    triad_schedule *sch;
    triad_calendar *cal;
    triad_market *m;
    triad_brokerage *bk;
} pack_inputs;

static int read_inputs(const pack_args *a, pack_inputs *in, triad_error *err)
{
    return triad_schools_read(a->schools, NULL, &in->s, err) == TRIAD_OK &&
           triad_plan_read(a->plan, in->s, &in->p, err) == TRIAD_OK &&
           (!a->spec || triad_spec_read(a->spec, &in->spec, err) == TRIAD_OK) &&
           triad_check(in->s, in->spec, in->p, &in->r, err) == TRIAD_OK &&
           cli_outcomes_read(&a->in, in->s, &in->o, err) == TRIAD_OK &&
           (!in->o || triad_impact_compute(in->s, in->p, in->o, NULL, &in->imp, err) == TRIAD_OK) &&
           (!a->schedule ||
            (triad_calendar_read(a->calendar, &in->cal, err) == TRIAD_OK &&
             triad_schedule_read(a->schedule, in->s, in->p, &in->sch, err) == TRIAD_OK)) &&
           (!a->brokerage ||
            (triad_market_read(a->offers, a->needs, a->syn, in->s, &in->m, err) == TRIAD_OK &&
             triad_brokerage_read(a->brokerage, in->s, in->p, in->m, NULL, &in->bk, err) ==
                 TRIAD_OK));
}

static void free_inputs(pack_inputs *in)
{
    triad_brokerage_free(in->bk);
    triad_market_free(in->m);
    triad_schedule_free(in->sch);
    triad_calendar_free(in->cal);
    triad_impact_free(in->imp);
    triad_outcomes_free(in->o);
    triad_report_free(in->r);
    triad_spec_free(in->spec);
    triad_plan_free(in->p);
    triad_schools_free(in->s);
}

/* The files written so far, removed when a later one fails. */
typedef struct written {
    char **path;
    size_t n;
} written;

/* path remembered as written; 0 when out of memory (it is removed). */
static int keep(written *w, const char *path)
{
    if (!(w->path[w->n] = strdup(path))) {
        unlink(path);
        return 0;
    }
    w->n++;
    return 1;
}

static int write_text(written *w, const char *path, const char *text, triad_error *err)
{
    if (triad_file_write(path, text, strlen(text), err) != TRIAD_OK)
        return 0;
    return keep(w, path);
}

/* The page and workbook of every collaborative, then the index. */
static int write_packs(const pack_args *a, const pack_inputs *in, written *w, triad_error *err)
{
    triad_pack_options o;
    triad_pack_options_init(&o);
    o.outcomes = in->o;
    o.impact = in->imp;
    o.clinic_path = a->clinic;
    o.clinic_term = a->term;
    o.schedule = in->sch;
    o.calendar = in->cal;
    o.brokerage = in->bk;
    size_t nc = triad_plan_collaborative_count(in->p), len = strlen(a->dir) + 300;
    char stem[256], *path = malloc(len), *html = NULL;
    int ok = path != NULL;
    for (size_t c = 0; ok && c < nc; c++) {
        ok = triad_pack_name(in->p, c, stem, sizeof stem, err) == TRIAD_OK &&
             triad_pack_html(in->r, in->s, in->p, c, &o, &html, err) == TRIAD_OK;
        snprintf(path, len, "%s/%s.html", a->dir, stem);
        ok = ok && write_text(w, path, html, err);
        triad_string_free(html);
        html = NULL;
        snprintf(path, len, "%s/%s.xlsx", a->dir, stem);
        ok = ok && triad_pack_xlsx_write(in->r, in->s, in->p, c, &o, path, err) == TRIAD_OK &&
             keep(w, path);
    }
    snprintf(path ? path : stem, path ? len : sizeof stem, "%s/index.html", a->dir);
    ok = ok && triad_pack_index_html(in->r, in->s, in->p, &html, err) == TRIAD_OK &&
         write_text(w, path, html, err);
    triad_string_free(html);
    free(path);
    return ok;
}

int cmd_pack(int argc, char **argv)
{
    static pack_args a;
    memset(&a, 0, sizeof a);
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    triad_error err;
    pack_inputs in = {0};
    if (!read_inputs(&a, &in, &err)) {
        free_inputs(&in);
        return cli_report_error(&err);
    }
    if (mkdir(a.dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "triad pack: cannot make the folder %s: %s\n", a.dir, strerror(errno));
        free_inputs(&in);
        return cli_exit_code(TRIAD_ERR_IO);
    }
    size_t nc = triad_plan_collaborative_count(in.p);
    written w = {calloc(2 * nc + 2, sizeof(char *)), 0};
    int ok = w.path && write_packs(&a, &in, &w, &err);
    for (size_t k = 0; k < w.n; k++) {
        if (!ok)
            unlink(w.path[k]);
        free(w.path[k]);
    }
    free(w.path);
    rc = 0;
    if (!ok)
        rc = w.path ? cli_report_error(&err) : cli_exit_code(TRIAD_ERR_NOMEM);
    else
        printf("Packs: %zu collaboratives in %s: index.html, %zu pages, %zu workbooks; "
               "outcomes %s, impact %s, clinic %s, calendar %s, support %s\n",
               nc, a.dir, nc, nc, in.o ? "given" : "not given",
               in.imp && triad_impact_row_count(in.imp) ? "given" : "not given (two adjacent years of outcomes)",
               a.clinic ? "given" : "not given", in.sch ? "given" : "not given",
               in.bk ? "given" : "not given");
    free_inputs(&in);
    return rc;
}
