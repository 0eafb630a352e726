//go:build race

package main

// raceDetector says the tests run under -race, which slows the model
// about tenfold: the tests of killed processes and of output formats then
// skip (.ci/run runs them without it).
const raceDetector = true
