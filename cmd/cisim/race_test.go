//go:build race

package main

// raceDetector says the tests run under -race, which slows the model
// about tenfold: the tests that withoutRace marks then skip (.ci/run runs
// this package again without it).
const raceDetector = true
