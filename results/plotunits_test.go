package results

import (
	"math"
	"runtime/debug"
	"strings"
	"testing"
)

// Ticks fall at round steps, on 0 whenever the range holds it, and the
// outermost cover the range (the axis then ends on them).
func TestRoundTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		whole  bool
		want   string // the labelled marks
	}{
		{0, 0.4841, false, "0 0.1 0.2 0.3 0.4 0.5"},              // a share's range: step 0.1, not 0.05/0.25/0.45
		{0, 48.41, false, "0 10 20 30 40 50"},                    // the same in %
		{0.2225, 0.4225, false, "0.20 0.25 0.30 0.35 0.40 0.45"}, // 0.05 is 5 × 10⁻², two decimals
		{-0.0275, 0.031, false, "−0.04 −0.02 0 0.02 0.04"},       // a difference: 0 marked, true minus signs
		{0, 161.3, false, "0 50 100 150 200"},
		{0, 9, true, "0 2 4 6 8 10"},                   // counts: whole steps
		{0, 3, true, "0 1 2 3"},                        // never 0.5 partners
		{5, 9, true, "5 6 7 8 9"},                      // a range off 0 is not stretched to it here (Figure does that)
		{0, 13, false, "0 2.5 5.0 7.5 10.0 12.5 15.0"}, // 2.5 × 10⁰: one decimal for all
	} {
		var got []string
		for _, tk := range (RoundTicks{Whole: c.whole}).Ticks(c.lo, c.hi) {
			if !tk.IsMinor() {
				got = append(got, tk.Label)
			}
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("[%g, %g] whole=%v: %q, want %q", c.lo, c.hi, c.whole, strings.Join(got, " "), c.want)
		}
	}
}

// Time reads in whole years from 0: every year up to 12, then every
// second up to 24.
func TestYearTicks(t *testing.T) {
	for _, c := range []struct {
		years float64
		want  string
	}{
		{10, "0 1 2 3 4 5 6 7 8 9 10"},
		{3, "0 1 2 3"},
		{20, "0 2 4 6 8 10 12 14 16 18 20"},
	} {
		var got []string
		for _, tk := range (YearTicks{}).Ticks(0, c.years) {
			if !tk.IsMinor() {
				got = append(got, tk.Label)
			}
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%g years: %q, want %q", c.years, strings.Join(got, " "), c.want)
		}
	}
}

// Money reads in MSEK and kSEK, shares in %, in tables (FormatIn, the
// label carrying the unit) and alone (FormatMetric).
func TestDisplayUnits(t *testing.T) {
	for _, c := range []struct {
		metric     string
		x          float64
		diff       bool
		in, alone  string
		unitSuffix string
	}{
		{"total_cost", 155331514, false, "155.3", "155.3 MSEK", " (MSEK)"},
		{"cost_per_outcome", 742600, false, "742.6", "742.6 kSEK", " (kSEK)"},
		{"cost_per_outcome", -8301, true, "-8.301", "−8.301 kSEK", " (kSEK)"},
		{"outcome_rate", 0.3403, false, "34.03", "34.03%", " (%)"},
		{"outcome_rate", 0.0257, true, "2.57", "+2.57 pp", " (pp)"},
		{"mean_trust", 0.491, false, "0.491", "0.491", " (0–1)"},
		{"partners_remaining", 7, false, "7", "7 partners", " (partners)"},
		{"stalled", 0.12, false, "12", "12%", " (%)"},
		{"total_cost", math.NaN(), false, "NA", "NA MSEK", " (MSEK)"},
		{"weeks_to_outcome", 31.5, false, "31.5", "31.5", ""}, // no display: its stored value
	} {
		if got := FormatIn(c.metric, c.x); got != c.in {
			t.Errorf("FormatIn(%s, %g) = %q, want %q", c.metric, c.x, got, c.in)
		}
		if got := FormatMetric(c.metric, c.x, c.diff); got != c.alone {
			t.Errorf("FormatMetric(%s, %g, %v) = %q, want %q", c.metric, c.x, c.diff, got, c.alone)
		}
		if got := UnitSuffix(c.metric, c.diff); got != c.unitSuffix {
			t.Errorf("UnitSuffix(%s, %v) = %q, want %q", c.metric, c.diff, got, c.unitSuffix)
		}
	}
}

// The version is the module's, else the commit's, else devel.
func TestBuildVersion(t *testing.T) {
	const rev = "2df6ed6ea3bf05fd224eac41429f3a8a22fdba56"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, c := range []struct {
		name            string
		info            debug.BuildInfo
		version, commit string
	}{
		{"go install @v1.2.0", debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0", ""},
		{"go build, VCS stamped", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202070546-2df6ed6ea3bf"}, Settings: vcs("false")},
			"v0.0.0-20261202070546-2df6ed6ea3bf", rev},
		{"no module version, clean", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("false")}, "2df6ed6ea3bf", rev},
		{"no module version, dirty", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("true")}, "2df6ed6ea3bf+dirty", rev + "+modified"},
		{"-buildvcs=false", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel", ""},
	} {
		if v, commit := buildVersion(&c.info); v != c.version || commit != c.commit {
			t.Errorf("%s: %q, %q; want %q, %q", c.name, v, commit, c.version, c.commit)
		}
	}
}

// A figure's footer names the build and the run.
func TestFigureFooter(t *testing.T) {
	m := &Manifest{Version: "2df6ed6ea3bf+dirty", Seed: 3, Runs: 1}
	if got, want := FigureFooter(m), "cisim 2df6ed6ea3bf+dirty · seed 3 · 1 replicate of each design"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	m.Runs, m.Sweep = 10, &Sweep{Points: make([][]float64, 4)}
	if got, want := FigureFooter(m), "cisim 2df6ed6ea3bf+dirty · seed 3 · 10 replicates at each of 4 design points"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
