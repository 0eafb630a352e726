//go:build race

package experiments_test

// raceDetector says the tests run under -race, which slows the model
// about tenfold and a finish's PNG encoding more: the tests that
// withoutRace marks then skip (.ci/run runs this package again without it).
const raceDetector = true
