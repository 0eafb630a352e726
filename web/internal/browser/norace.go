//go:build !race

package browser

// raceDetector says the tests are built with -race (see race.go).
const raceDetector = false
