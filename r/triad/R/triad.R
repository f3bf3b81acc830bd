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
                        threads = 1) {
    res <- .Call(r_triad_solve, as_csv(schools, "schools"), spec_text(spec), method,
                 as.numeric(seed), as.numeric(time_limit), as.integer(threads))
    plan <- utils::read.csv(text = res[1], colClasses = "character", check.names = FALSE)
    names(plan)[names(plan) == "URN"] <- "urn"
    plan$lead <- plan$lead == "1"
    key <- names(schools)[tolower(names(schools)) == "urn"][1]
    out <- merge(schools, plan, by.x = key, by.y = "urn", all.x = TRUE, sort = FALSE)
    out <- out[match(as.character(schools[[key]]), as.character(out[[key]])), , drop = FALSE]
    rownames(out) <- NULL
    attr(out, "solver_log") <- res[2]
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
