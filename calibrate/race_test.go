//go:build race

package calibrate

// raceDetector says the tests run under -race, which slows the model
// about tenfold: the parameter recovery test then skips.
const raceDetector = true
