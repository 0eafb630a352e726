//go:build !race

package calibrate

// raceDetector says the tests run under -race (see race_test.go).
const raceDetector = false
