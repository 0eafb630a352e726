package scenarios

import (
	"testing"
)

// FuzzLoadBytes feeds arbitrary bytes to the scenario parser, starting from
// the built-in files. It must never panic or hang: a file either loads and
// validates, or fails with one error. CI runs it for a short fixed time
// (.ci/run); go test runs the seed corpus.
func FuzzLoadBytes(f *testing.F) {
	for _, name := range Names() {
		src, err := library.ReadFile("library/" + name + ".yaml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("governance:\n  beneficiary_engagement: 7\n"))
	f.Add([]byte("actors:\n  list:\n    - {name: A, sector: funder}\n"))
	f.Add([]byte("extends: collective-impact\nactors:\n  value_spread: 0.2\n  capability_overlap: 0\n"))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, src []byte) {
		l, err := LoadBytes("fuzz.yaml", src, nil)
		if err != nil {
			if l != nil {
				t.Fatal("error with a result")
			}
			return
		}
		if l.Scenario.Beneficiaries.Count > 1_000_000 {
			return
		}
		if err := l.Scenario.Validate(); err != nil {
			t.Fatalf("loaded scenario does not validate: %v", err)
		}
	})
}
