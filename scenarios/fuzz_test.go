package scenarios

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzLoadBytes feeds arbitrary bytes to the scenario parser, starting from
// the built-in files and from the nesting and alias bombs of hostileFiles.
// It must never panic or hang: a file either loads and validates, or fails
// with one line of error that carries no control character, and either
// way within the bounds of a hostile file (maxCostTime, maxCostBytes).
// CI runs it for a short fixed time (.ci/run); go test runs the seed
// corpus.
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
	for _, seed := range fuzzBombs() {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var l *Loaded
		var err error
		elapsed, bytes := cost(func() { l, err = LoadBytes("fuzz.yaml", src, nil) })
		if elapsed > maxCostTime || bytes > maxCostBytes {
			t.Fatalf("took %v and %.1f MB, want under %v and %d MB", elapsed, float64(bytes)/1e6, maxCostTime, maxCostBytes>>20)
		}
		if err != nil {
			if l != nil {
				t.Fatal("error with a result")
			}
			if strings.ContainsFunc(err.Error(), unicode.IsControl) {
				t.Fatalf("error with a control character: %q", err)
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

// fuzzBombs are the hostile files small enough to mutate quickly (each
// mutation of a seed of 500 kB costs 20 ms), and small forms of the
// others: 100 levels pass the limit on depth as 30,000 do.
func fuzzBombs() []string {
	var seeds []string
	for _, h := range hostileFiles() {
		if len(h.src) <= 4<<10 {
			seeds = append(seeds, h.src)
		}
	}
	rep := strings.Repeat
	return append(seeds,
		"foo: "+rep("[", 100)+"\n",
		"foo: "+rep("{a: ", 100)+"\n",
		"foo:\n  "+rep("- ", 100)+"x\n",
		indented(70),
		laughs(5),
		keys(70),
		"foo: ["+rep("1,", 21_000)+"]\n",
		"\ufeffextends: collective-impact\r\nname: bom\r\n",
		"extends: isolated\x00\n",
		"a: &a {b: *a, c: [*a, *a]}\n",
		"<<: *undefined\n",
	)
}
