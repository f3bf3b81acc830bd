/* .Call bindings of libtriad for R. Data frames cross as CSV text (the
 * library's own readers check them, with their messages), results come back
 * as R vectors; every library error is an R error carrying its message, and
 * R's interrupt cancels a running solve. */
#include <stdlib.h>
#include <string.h>

#define TRIAD_EXPERIMENTAL /* the MDGP engine's research interface */
#include <R.h>
#include <R_ext/Rdynload.h>
#include <Rinternals.h>

#include <triad/triad.h>

/* Everything a call holds, freed on every path before an R error. */
typedef struct held {
    triad_schools *schools;
    triad_spec *spec;
    triad_plan *plan;
    triad_report *report;
    char *text;
} held;

static void release(held *h)
{
    triad_string_free(h->text);
    triad_report_free(h->report);
    triad_plan_free(h->plan);
    triad_spec_free(h->spec);
    triad_schools_free(h->schools);
    memset(h, 0, sizeof *h);
}

/* Frees what the call holds, then raises the library's message as an R
 * error (Rf_error does not return). */
static void fail(held *h, const triad_error *err)
{
    char msg[1100];
    snprintf(msg, sizeof msg, "%s", err->message[0] ? err->message : "libtriad failed");
    release(h);
    Rf_error("%s", msg);
}

static const char *text_arg(SEXP x, const char *what)
{
    if (!Rf_isString(x) || XLENGTH(x) != 1 || STRING_ELT(x, 0) == NA_STRING)
        Rf_error("%s must be one string", what);
    return CHAR(STRING_ELT(x, 0));
}

/* R's interrupt, polled without leaving C by a long jump: 1 when the user
 * pressed it, and the library cancels. */
static void check_interrupt(void *unused)
{
    (void)unused;
    R_CheckUserInterrupt();
}

static int on_progress(double seconds, double excess, void *user)
{
    (void)seconds;
    (void)excess;
    (void)user;
    return !R_ToplevelExec(check_interrupt, NULL);
}

static void read_inputs(held *h, SEXP schools_csv, SEXP spec_ini)
{
    triad_error err;
    const char *csv = text_arg(schools_csv, "schools");
    if (triad_schools_read_buffer(csv, strlen(csv), "schools", NULL, &h->schools, &err) !=
        TRIAD_OK)
        fail(h, &err);
    if (spec_ini != R_NilValue) {
        const char *ini = text_arg(spec_ini, "spec");
        if (triad_spec_read_string(ini, "spec", &h->spec, &err) != TRIAD_OK)
            fail(h, &err);
    }
}

/* Each year's plan of the schools as CSV text (URN,collaborative,triad,
 * lead), then the solver's log of year 1. */
SEXP r_triad_solve(SEXP schools_csv, SEXP spec_ini, SEXP method, SEXP seed, SEXP time_limit,
                   SEXP threads, SEXP years)
{
    held h = {0};
    triad_error err;
    int ny = Rf_asInteger(years);
    if (ny == NA_INTEGER || ny < 1 || ny > 50)
        Rf_error("years must be 1-50");
    read_inputs(&h, schools_csv, spec_ini);
    triad_solve_options o;
    triad_solve_options_init(&o);
    triad_spec_apply_solver(h.spec, &o);
    if (triad_method_from_name(text_arg(method, "method"), &o.method) != TRIAD_OK) {
        release(&h);
        Rf_error("unknown method '%s' (auto, search, ilp, random, deal, geo)",
                 CHAR(STRING_ELT(method, 0)));
    }
    double s = Rf_asReal(seed), t = Rf_asReal(time_limit);
    int th = Rf_asInteger(threads);
    if (ISNAN(s) || s < 0 || s > 9007199254740992.0 || !(t > 0) || th < 1 || th > 256) {
        release(&h);
        Rf_error("seed must be a whole number from 0, time_limit more than 0, threads 1-256");
    }
    o.seed = (uint64_t)s;
    o.time_limit = t;
    o.threads = th;
    o.progress = on_progress;
    triad_plan *plans[50] = {0};
    if (triad_solve_years(h.schools, h.spec, &o, (size_t)ny, plans, &err) != TRIAD_OK)
        fail(&h, &err);
    SEXP out = PROTECT(Rf_allocVector(STRSXP, ny + 1));
    for (int y = 0; y < ny; y++) {
        char *csv = NULL;
        if (triad_plan_csv(plans[y], h.schools, &csv, &err) != TRIAD_OK) {
            for (int k = 0; k < ny; k++)
                triad_plan_free(plans[k]);
            UNPROTECT(1);
            fail(&h, &err);
        }
        SET_STRING_ELT(out, y, Rf_mkCharCE(csv, CE_UTF8));
        triad_string_free(csv);
    }
    SET_STRING_ELT(out, ny, Rf_mkCharCE(triad_plan_solver_log(plans[0]), CE_UTF8));
    for (int y = 0; y < ny; y++)
        triad_plan_free(plans[y]);
    release(&h);
    UNPROTECT(1);
    return out;
}

/* One row per collaborative and triad: level, label, size, within one,
 * largest deviation, funding; and the counts of violations and warnings. */
SEXP r_triad_check(SEXP schools_csv, SEXP plan_csv, SEXP spec_ini)
{
    held h = {0};
    triad_error err;
    read_inputs(&h, schools_csv, spec_ini);
    const char *plan = text_arg(plan_csv, "plan");
    if (triad_plan_read_buffer(plan, strlen(plan), "plan", h.schools, &h.plan, &err) !=
            TRIAD_OK ||
        triad_check(h.schools, h.spec, h.plan, &h.report, &err) != TRIAD_OK)
        fail(&h, &err);
    size_t nc = triad_report_group_count(h.report, TRIAD_LEVEL_COLLABORATIVE),
           nt = triad_report_group_count(h.report, TRIAD_LEVEL_TRIAD), n = nc + nt;
    SEXP level = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP label = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));
    SEXP size = PROTECT(Rf_allocVector(INTSXP, (R_xlen_t)n));
    SEXP within = PROTECT(Rf_allocVector(LGLSXP, (R_xlen_t)n));
    SEXP dev = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    SEXP money = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
    for (size_t k = 0; k < n; k++) {
        triad_level lv = k < nc ? TRIAD_LEVEL_COLLABORATIVE : TRIAD_LEVEL_TRIAD;
        size_t g = k < nc ? k : k - nc;
        SET_STRING_ELT(level, (R_xlen_t)k, Rf_mkChar(k < nc ? "collaborative" : "triad"));
        SET_STRING_ELT(label, (R_xlen_t)k,
                       Rf_mkCharCE(triad_report_group_label(h.report, lv, g), CE_UTF8));
        INTEGER(size)[k] = (int)triad_report_group_size(h.report, lv, g);
        LOGICAL(within)[k] = triad_report_group_within_one(h.report, lv, g) == 1;
        REAL(dev)[k] = triad_report_group_max_deviation(h.report, lv, g);
        double m = triad_report_group_funding(h.report, lv, g);
        REAL(money)[k] = ISNAN(m) ? NA_REAL : m;
    }
    SEXP counts = PROTECT(Rf_allocVector(INTSXP, 2));
    INTEGER(counts)[0] = (int)triad_report_violations(h.report);
    INTEGER(counts)[1] = (int)triad_report_warnings(h.report);
    SEXP out = PROTECT(Rf_allocVector(VECSXP, 7));
    SEXP parts[] = {level, label, size, within, dev, money, counts};
    for (int k = 0; k < 7; k++)
        SET_VECTOR_ELT(out, k, parts[k]);
    release(&h);
    UNPROTECT(8);
    return out;
}

/* The brokerage of the market (offers and needs files) as CSV text, and its
 * summary: days met, days needed, status. */
SEXP r_triad_broker(SEXP schools_csv, SEXP offers_path, SEXP needs_path, SEXP max_supporters,
                    SEXP time_limit)
{
    held h = {0};
    triad_error err;
    read_inputs(&h, schools_csv, R_NilValue);
    triad_market *m = NULL;
    triad_brokerage *b = NULL;
    triad_broker_options o;
    triad_broker_options_init(&o);
    o.max_supporters = Rf_asInteger(max_supporters);
    o.time_limit = Rf_asReal(time_limit);
    o.progress = on_progress;
    if (triad_market_read(text_arg(offers_path, "offers"), text_arg(needs_path, "needs"), NULL,
                          h.schools, &m, &err) != TRIAD_OK ||
        triad_broker(h.schools, NULL, m, &o, &b, &err) != TRIAD_OK ||
        triad_brokerage_csv(b, &h.text, &err) != TRIAD_OK) {
        triad_brokerage_free(b);
        triad_market_free(m);
        fail(&h, &err);
    }
    SEXP out = PROTECT(Rf_allocVector(VECSXP, 3));
    SET_VECTOR_ELT(out, 0, Rf_mkString(h.text));
    SEXP days = PROTECT(Rf_allocVector(REALSXP, 2));
    REAL(days)[0] = triad_brokerage_days_met(b);
    REAL(days)[1] = triad_brokerage_days_needed(b);
    SET_VECTOR_ELT(out, 1, days);
    SET_VECTOR_ELT(out, 2, Rf_ScalarInteger((int)triad_brokerage_violations(b)));
    triad_brokerage_free(b);
    triad_market_free(m);
    release(&h);
    UNPROTECT(2);
    return out;
}

/* A maximally diverse grouping of an instance given as MDGPLIB text: each
 * element's group (1-based) and the objective. */
SEXP r_triad_mdgp(SEXP instance, SEXP seconds, SEXP iterations, SEXP seed)
{
    triad_error err;
    const char *text = text_arg(instance, "instance");
    triad_mdgp *inst = NULL;
    if (triad_mdgp_read_buffer(text, strlen(text), "instance", &inst, &err) != TRIAD_OK)
        Rf_error("%s", err.message);
    triad_mdgp_options o;
    triad_mdgp_options_init(&o);
    o.seconds = Rf_asReal(seconds);
    o.max_iterations = (uint64_t)Rf_asReal(iterations);
    o.seed = (uint64_t)Rf_asReal(seed);
    size_t n = triad_mdgp_elements(inst);
    SEXP group = PROTECT(Rf_allocVector(INTSXP, (R_xlen_t)n));
    double obj = 0;
    if (triad_mdgp_solve(inst, &o, INTEGER(group), &obj, &err) != TRIAD_OK) {
        triad_mdgp_free(inst);
        UNPROTECT(1);
        Rf_error("%s", err.message);
    }
    triad_mdgp_free(inst);
    for (size_t i = 0; i < n; i++)
        INTEGER(group)[i] += 1;
    Rf_setAttrib(group, Rf_install("objective"), Rf_ScalarReal(obj));
    UNPROTECT(1);
    return group;
}

SEXP r_triad_version(void)
{
    return Rf_mkString(triad_version());
}

static const R_CallMethodDef calls[] = {
    {"r_triad_solve", (DL_FUNC)&r_triad_solve, 7},
    {"r_triad_check", (DL_FUNC)&r_triad_check, 3},
    {"r_triad_version", (DL_FUNC)&r_triad_version, 0},
    {"r_triad_broker", (DL_FUNC)&r_triad_broker, 5},
    {"r_triad_mdgp", (DL_FUNC)&r_triad_mdgp, 4},
    {NULL, NULL, 0}};

void R_init_triad(DllInfo *dll)
{
    R_registerRoutines(dll, NULL, calls, NULL, NULL);
    R_useDynamicSymbols(dll, FALSE);
}
