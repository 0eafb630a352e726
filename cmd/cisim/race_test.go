//go:build race

package main

// raceDetector says the tests run under -race, which slows the model
// about tenfold: the process tests then run smaller experiments.
const raceDetector = true
