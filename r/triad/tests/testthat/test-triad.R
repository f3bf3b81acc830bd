# Twelve synthetic primary schools: three grades, two areas.
twelve <- function() {
    data.frame(urn = 101:112, name = paste("School", 1:12), phase = "Primary",
               ofsted = rep(c("Good", "Outstanding", "Requires improvement"), 4),
               area = rep(c("North", "South"), each = 6), stringsAsFactors = FALSE)
}
six <- "[stratum.primary]\nsizes = 6\n"

test_that("a plan comes back joined to the schools, in their order", {
    s <- twelve()
    p <- triad_solve(s, spec = six, seed = 3)
    expect_equal(p$urn, s$urn)
    expect_equal(as.vector(table(p$collaborative)), c(6L, 6L))
    expect_equal(sum(p$lead), 2)
    expect_true(all(table(p$triad) == 3))
    expect_match(attr(p, "solver_log"), "stratum primary")
})

test_that("the same seed gives the same plan", {
    a <- triad_solve(twelve(), spec = six, seed = 7)
    b <- triad_solve(twelve(), spec = six, seed = 7)
    expect_identical(a$collaborative, b$collaborative)
    expect_identical(a$triad, b$triad)
})

test_that("check scores an outside plan of urn,group", {
    s <- twelve()
    plan <- data.frame(urn = s$urn, group = rep(c("A", "B"), each = 6))
    sc <- triad_check(s, plan, spec = "[constraints]\nlead_required = no\n")
    expect_equal(sc$label, c("A", "B"))
    expect_equal(sc$size, c(6L, 6L))
    # each group holds one area only: the area is not within one of its share
    expect_false(any(sc$within_one))
    expect_equal(attr(sc, "violations"), 0L)
})

test_that("library errors are R errors with the library's message", {
    s <- twelve()
    s$ofsted[2] <- "Excellent"
    expect_error(triad_solve(s), "unknown Ofsted grade 'Excellent'")
    expect_error(triad_solve(twelve(), spec = "[constraints]\nnope = 1\n"), "unknown key 'nope'")
    expect_error(triad_solve(twelve(), method = "magic"), "unknown method 'magic'")
})

test_that("compare gives a tidy row per method and seed", {
    r <- triad_compare(twelve(), methods = c("auto", "random"), seeds = 1:2, spec = six)
    expect_equal(nrow(r), 4)
    expect_equal(r$method, c("auto", "auto", "random", "random"))
    expect_true(all(r$within_one <= r$collaboratives))
    # the search is never worse than the random baseline on its own seed
    expect_true(all(r$max_deviation[1:2] <= r$max_deviation[3:4] + 1e-9))
})

test_that("funding comes back per group", {
    s <- twelve()
    p <- triad_solve(s, spec = six)
    plan <- data.frame(urn = p$urn, collaborative = p$collaborative, triad = p$triad,
                       lead = p$lead)
    sc <- triad_check(s, plan, spec = paste0(six, "[funding]\ntotal = 4000\n"))
    expect_equal(sum(sc$funding[sc$level == "collaborative"]), 4000)
    expect_equal(sc$funding[sc$level == "triad"], rep(1000, 4))
})

test_that("brokering meets the needs it can, with the library's figures", {
    s <- twelve()
    offers <- data.frame(urn = c(101, 102), area = "Maths", days = c(5, 3))
    needs <- data.frame(urn = c(103, 104), area = "Maths", days = c(4, 6), priority = c(2, 1))
    b <- triad_broker(s, offers, needs)
    expect_equal(attr(b, "days_needed"), 10)
    expect_equal(attr(b, "days_met"), 8)           # all 8 days offered are used
    expect_equal(sum(b$days), 8)
    expect_true(all(b$supporting_urn %in% c("101", "102")))
    expect_error(triad_broker(s, data.frame(urn = 999, area = "Maths", days = 1), needs),
                 "999")
})

test_that("mdgp groups within their bounds, objective recomputed here", {
    set.seed(2)
    x <- matrix(runif(24), ncol = 2)
    d <- as.matrix(dist(x))
    g <- triad_mdgp(d, groups = 3, bounds = c(4, 4), iterations = 3000)
    expect_equal(as.vector(table(g)), c(4L, 4L, 4L))
    within <- sum(sapply(1:3, function(k) sum(d[g == k, g == k]) / 2))
    expect_equal(attr(g, "objective"), within, tolerance = 1e-6)
})

test_that("a rotation of two years keeps the collaboratives and changes the triads", {
    # collaboratives of nine: three triads a year can meet all new partners
    s <- data.frame(urn = 201:218, phase = "Primary",
                    ofsted = rep(c("Good", "Outstanding", "Requires improvement"), 6))
    r <- triad_solve(s, spec = "[stratum.primary]\nsizes = 9\n", years = 2)
    expect_equal(nrow(r), 36)
    y1 <- r[r$year == 1, ]
    y2 <- r[r$year == 2, ]
    expect_identical(y1$collaborative, y2$collaborative)
    # no pair shares a triad in both years
    pairs <- function(d) {
        p <- c()
        for (t in unique(d$triad)) {
            m <- sort(d$urn[d$triad == t])
            p <- c(p, combn(m, 2, paste, collapse = "-"))
        }
        p
    }
    expect_length(intersect(pairs(y1), pairs(y2)), 0)
})
