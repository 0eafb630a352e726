package browser

import (
	"os"
	"os/exec"
	"testing"
)

// Chromium returns the path of a Chromium or Chrome, or skips the test
// (fails it when CISIM_REQUIRE_CHROMIUM is set, as .ci/run does).
func Chromium(t *testing.T, what string) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CISIM_REQUIRE_CHROMIUM") != "" {
		t.Fatal("no Chromium installed, and CISIM_REQUIRE_CHROMIUM is set (.ci/run installs it)")
	}
	t.Skip("no Chromium installed: apt-get install chromium to run " + what)
	return ""
}

// WithoutRace skips t under the race detector. It marks browser tests
// whose subject is the page (its WebAssembly model runs in Chromium, which
// -race does not reach) while the Go side they run beside it, the
// reference engine and the DevTools client, would be slowed about tenfold;
// the server's concurrency is race-checked by its own tests, and .ci/run
// runs the browser tests again without -race.
func WithoutRace(t *testing.T) {
	t.Helper()
	if raceDetector {
		t.Skip("checked without -race (.ci/run runs the browser tests so): a test of the page, not of Go's concurrency")
	}
}
