//go:build !race

package scenarios

// slowdown is how much slower the race detector makes the parser: time
// bounds in tests are multiplied by it.
const slowdown = 1
