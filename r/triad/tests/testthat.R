library(testthat)
library(triad)
test_check("triad")
