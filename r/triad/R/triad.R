# R bindings of libtriad: data frames in, data frames out.

# A data frame as the schools CSV the library reads (columns by name).
as_csv <- function(df, what) {
    if (!is.data.frame(df))
        stop(what, " must be a data frame", call. = FALSE)
    con <- textConnection("out", "w", local = TRUE)
    on.exit(close(con))
    utils::write.csv(df, con, row.names = FALSE, na = "")
    paste(textConnectionValue(con), collapse = "\n")
}

spec_text <- function(spec) {
    if (is.null(spec))
        return(NULL)
    if (!is.character(spec) || length(spec) < 1)
        stop("spec must be the text of an INI spec, or the path of one", call. = FALSE)
    if (length(spec) == 1 && file.exists(spec))
        spec <- readLines(spec, warn = FALSE)
    paste(spec, collapse = "\n")
}

#' The version of the libtriad library the package runs on.
triad_version <- function() .Call(r_triad_version)

#' Designs collaboratives and triads for the schools (see ?triad_solve).
triad_solve <- function(schools, spec = NULL, method = "auto", seed = 1, time_limit = 30,
                        threads = 1, years = 1) {
    res <- .Call(r_triad_solve, as_csv(schools, "schools"), spec_text(spec), method,
                 as.numeric(seed), as.numeric(time_limit), as.integer(threads),
                 as.integer(years))
    key <- names(schools)[tolower(names(schools)) == "urn"][1]
    one_year <- function(text, y) {
        plan <- utils::read.csv(text = text, colClasses = "character", check.names = FALSE)
        plan <- plan[, intersect(c("URN", "collaborative", "triad", "lead"), names(plan))]
        names(plan)[names(plan) == "URN"] <- "urn"
        plan$lead <- plan$lead == "1"
        out <- merge(schools, plan, by.x = key, by.y = "urn", all.x = TRUE, sort = FALSE)
        out <- out[match(as.character(schools[[key]]), as.character(out[[key]])), ,
                   drop = FALSE]
        if (years > 1)
            out$year <- y
        out
    }
    n <- length(res) - 1
    out <- do.call(rbind, lapply(seq_len(n), function(y) one_year(res[y], y)))
    rownames(out) <- NULL
    attr(out, "solver_log") <- res[n + 1]
    out
}

#' Scores any plan of the schools: one row per collaborative and triad.
triad_check <- function(schools, plan, spec = NULL) {
    if (!is.data.frame(plan))
        stop("plan must be a data frame", call. = FALSE)
    names(plan)[tolower(names(plan)) == "urn"] <- "URN"
    keep <- intersect(c("URN", "collaborative", "group", "triad", "lead"), names(plan))
    plan <- plan[, keep, drop = FALSE]
    if ("lead" %in% names(plan))
        plan$lead <- as.integer(as.logical(plan$lead) | plan$lead %in% c(1, "1"))
    r <- .Call(r_triad_check, as_csv(schools, "schools"), as_csv(plan, "plan"),
               spec_text(spec))
    out <- data.frame(level = r[[1]], label = r[[2]], size = r[[3]], within_one = r[[4]],
                      max_deviation = r[[5]], funding = r[[6]], stringsAsFactors = FALSE)
    attr(out, "violations") <- r[[7]][1]
    attr(out, "warnings") <- r[[7]][2]
    out
}

#' Compares methods and seeds on the schools: a tidy data frame, a row per run.
triad_compare <- function(schools, methods = c("auto", "random", "deal", "geo"), seeds = 1:3,
                          spec = NULL, time_limit = 30) {
    rows <- list()
    for (m in methods) for (s in seeds) {
        t0 <- proc.time()[["elapsed"]]
        plan <- triad_solve(schools, spec = spec, method = m, seed = s, time_limit = time_limit)
        secs <- proc.time()[["elapsed"]] - t0
        key <- names(plan)[tolower(names(plan)) == "urn"][1]
        p <- data.frame(URN = plan[[key]], collaborative = plan$collaborative,
                        triad = plan$triad, lead = as.integer(plan$lead))
        sc <- triad_check(schools, p, spec = spec)
        co <- sc[sc$level == "collaborative", ]
        rows[[length(rows) + 1]] <- data.frame(
            method = m, seed = s, seconds = secs, collaboratives = nrow(co),
            within_one = sum(co$within_one), max_deviation = max(co$max_deviation),
            violations = attr(sc, "violations"), stringsAsFactors = FALSE)
    }
    do.call(rbind, rows)
}

#' Brokers support: needs matched to offers in days (see ?triad_broker).
triad_broker <- function(schools, offers, needs, max_supporters = 2, time_limit = 10) {
    files <- c(tempfile(fileext = ".csv"), tempfile(fileext = ".csv"))
    on.exit(unlink(files))
    writeLines(as_csv(offers, "offers"), files[1])
    writeLines(as_csv(needs, "needs"), files[2])
    r <- .Call(r_triad_broker, as_csv(schools, "schools"), files[1], files[2],
               as.integer(max_supporters), as.numeric(time_limit))
    out <- utils::read.csv(text = r[[1]], colClasses = "character", check.names = FALSE)
    if ("days" %in% names(out))
        out$days <- as.numeric(out$days)
    attr(out, "days_met") <- r[[2]][1]
    attr(out, "days_needed") <- r[[2]][2]
    attr(out, "violations") <- r[[3]]
    out
}

#' A maximally diverse grouping of a distance matrix (see ?triad_mdgp).
triad_mdgp <- function(distances, groups, bounds, seconds = 10, iterations = 0, seed = 1) {
    d <- as.matrix(distances)
    n <- nrow(d)
    if (n < 2 || ncol(d) != n || anyNA(d))
        stop("distances must be a square matrix without NA", call. = FALSE)
    bounds <- matrix(as.integer(bounds), ncol = 2)
    if (nrow(bounds) == 1)
        bounds <- bounds[rep(1, groups), , drop = FALSE]
    if (nrow(bounds) != groups)
        stop("bounds must be one (lower, upper) pair, or one per group", call. = FALSE)
    ij <- which(upper.tri(d), arr.ind = TRUE)
    head <- paste(n, groups, "ds", paste(t(bounds), collapse = " "))
    body <- sprintf("%d %d %.17g", ij[, 1] - 1L, ij[, 2] - 1L, d[ij])
    g <- .Call(r_triad_mdgp, paste(c(head, body), collapse = "\n"), as.numeric(seconds),
               as.numeric(iterations), as.numeric(seed))
    g
}
