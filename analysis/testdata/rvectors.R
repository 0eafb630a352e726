# rvectors.R writes the test vectors of analysis's tests from R's own
# functions: t.test (paired and Welch), wilcox.test (paired, exact and normal
# approximation, with ties and zeros) and quantile (types 7 and 4).
#
#   cd analysis/testdata && Rscript rvectors.R
#
# writes paired.tsv, welch.tsv, tails.tsv and quantile.tsv here. The Go tests read those
# files and need no R. Inputs are written so that they read back as the same
# doubles (the shortest of %.15g and %.17g that does); R's outputs with
# sprintf("%.15g"), the 15 significant digits print(x, digits = 15) shows.
# Run with R 4.2.2 (Debian bookworm's r-base-core); the defaults used are
# t.test's var.equal = FALSE, wilcox.test's exact = NULL (exact when fewer
# than 50 nonzero differences and no ties or zeros) and correct = TRUE, and
# quantile's type = 7.

num <- function(v) {
  s <- sprintf("%.15g", v)
  bad <- as.numeric(s) != v
  s[bad] <- sprintf("%.17g", v[bad])
  paste(s, collapse = " ")
}
out <- function(v) sprintf("%.15g", v)
header <- function(con, what) {
  writeLines(c(
    paste("#", what),
    paste("# Written by rvectors.R with", R.version.string),
    "# Fields are tab-separated; a list of numbers is space-separated."), con)
}

paired <- list()
add <- function(name, x, y) paired[[name]] <<- list(x = x, y = y)

# R's sleep data: one zero difference and a tie in |d|, so the normal
# approximation (R's documented example).
add("sleep", sleep$extra[1:10], sleep$extra[11:20])
set.seed(20240612)
# Exact: no ties, no zeros, n < 50.
add("exact n=10", rnorm(10, 0.5), rnorm(10))
add("exact n=26", rnorm(26, 0.6), rnorm(26))      # past cisim's old limit of 25
add("exact n=40 mixed", rnorm(40, 0.3), rnorm(40))
add("exact n=40 all positive", 1 + runif(40), runif(40))  # the mean_trust case: 2/2^40
add("exact n=49", rnorm(49, 0.4), rnorm(49))
add("exact n=49 all positive", 1 + runif(49), runif(49))  # 2/2^49, near 1e-15
# n = 50: R uses the normal approximation, SciPy 1.10 the exact one.
add("normal n=50", rnorm(50, 0.4), rnorm(50))
# Zeros or ties below n = 50: normal approximation.
z <- rnorm(8, 1); add("normal zeros n=8", c(z, 0.25), c(rnorm(8), 0.25))
add("normal ties n=12", c(1, 2, 2, 3, -1, 4, 5, 5, 6, 7, -2, 8), rep(0, 12))
add("normal ties n=30", round(rnorm(30, 0.5), 1), round(rnorm(30), 1))
# Far tails of the normal approximation and of the t test.
add("normal n=85 all positive", 1 + runif(85), runif(85))  # near 1e-15
add("normal n=200 ties", round(0.6 + 0.1 * rnorm(200), 2), round(0.4 + 0.1 * rnorm(200), 2))
add("normal n=200 all positive ties", round(0.7 + 0.05 * rnorm(200), 2), round(0.3 + 0.05 * rnorm(200), 2)) # near 1e-34
add("t near 1e-15", rnorm(30, 4.5), rnorm(30))
add("t near 1e-34", rnorm(30, 22), rnorm(30))
add("t near 1e-250", rnorm(2000, 1.3), rnorm(2000))
add("normal near 1e-299", rnorm(2000, 2), rnorm(2000))   # and the t test's p under 1e-300
add("below 1e-300", 1 + runif(2000), runif(2000))        # both p under 1e-300

con <- file("paired.tsv", "w")
header(con, "t.test(x, y, paired = TRUE) and wilcox.test(x, y, paired = TRUE)")
writeLines("name\tx\ty\tt\tdf\tp_t\tv\tp_wilcoxon\twilcoxon_method", con)
for (name in names(paired)) {
  x <- paired[[name]]$x; y <- paired[[name]]$y
  tt <- t.test(x, y, paired = TRUE)
  wt <- suppressWarnings(wilcox.test(x, y, paired = TRUE))
  method <- if (grepl("exact", wt$method)) "exact" else "normal"
  writeLines(paste(name, num(x), num(y), out(tt$statistic), out(tt$parameter),
                   out(tt$p.value), out(wt$statistic), out(wt$p.value), method, sep = "\t"), con)
}
close(con)

welch <- list(
  "sleep" = list(x = sleep$extra[1:10], y = sleep$extra[11:20]),
  "unequal sizes" = list(x = rnorm(7, 1, 2), y = rnorm(15, 0, 0.5)),
  "far tail" = list(x = rnorm(40, 5), y = rnorm(60, 0, 3)),
  "below 1e-300" = list(x = rnorm(3000, 4), y = rnorm(2000, 0, 2)))
con <- file("welch.tsv", "w")
header(con, "t.test(x, y) (Welch)")
writeLines("name\tx\ty\tt\tdf\tp", con)
for (name in names(welch)) {
  tt <- t.test(welch[[name]]$x, welch[[name]]$y)
  writeLines(paste(name, num(welch[[name]]$x), num(welch[[name]]$y), out(tt$statistic),
                   out(tt$parameter), out(tt$p.value), sep = "\t"), con)
}
close(con)

con <- file("tails.tsv", "w")
header(con, "two-sided p-values: 2*pnorm(-abs(z)) and 2*pt(-abs(t), df)")
writeLines("dist\tstat\tdf\tp", con)
for (z in c(0, 0.5, qnorm(0.975), 5, 8, 8.3, 10, 12.26, 20, 30, 37, 37.5, 38, 40))
  writeLines(paste("normal", num(z), "NA", out(2 * pnorm(-abs(z))), sep = "\t"), con)
tdf <- list(c(1.8608, 17.776), c(-5, 3), c(30, 10), c(1e20, 10), c(1e31, 10), c(45, 1999),
            c(60, 1999))
for (df in c(1, 2.5, 5, 10, 29, 30, 31, 100, 1999, 1e4, 1e5, 1e6, 1e7))
  for (t in c(0, 0.01, 0.3, 1, 1.7, 2, 2.5, 3, 5, 10, 20, 37, 1e3, 1e10))
    tdf[[length(tdf) + 1]] <- c(t, df)
for (v in tdf)
  writeLines(paste("t", num(v[1]), num(v[2]), out(2 * pt(-abs(v[1]), v[2])), sep = "\t"), con)
close(con)

probs <- c(0, 0.01, 0.05, 0.1, 0.25, 1/3, 0.5, 2/3, 0.75, 0.9, 0.95, 0.99, 1)
qs <- list(
  "one value" = 3.5,
  "two values" = c(2, 1),
  "1 to 4" = c(4, 1, 3, 2),
  "ten unsorted" = c(3, 9, 1, 7, 5, 2, 8, 4, 10, 6),
  "ties" = c(1, 1, 2, 2, 2, 3, 7, 7),
  "normal 37" = rnorm(37),
  "wide range" = c(-1e10, -3.25, 0, 1e-8, 2.5, 1e12))
con <- file("quantile.tsv", "w")
header(con, "quantile(x, probs, type = 7) and quantile(x, probs, type = 4)")
writeLines("name\ttype\tx\tprobs\tq", con)
for (name in names(qs)) for (type in c(7, 4)) {
  q <- quantile(qs[[name]], probs, type = type, names = FALSE)
  writeLines(paste(name, type, num(qs[[name]]), num(probs), paste(out(q), collapse = " "), sep = "\t"), con)
}
close(con)
