package experiments

import (
	"testing"

	"github.com/cisim/cisim/analysis/prim"
	"github.com/cisim/cisim/results"
)

// A discovery's question gives its threshold as --above and --below take
// it, in the stored unit, and where the tables and plots show another, in
// that one too: a difference of outcome rates in percentage points, a
// cost in MSEK; an index on 0–1, and 0, read the same in both.
func TestQuestionSaysItsThresholdInDisplayUnits(t *testing.T) {
	one := &results.Manifest{Scenarios: []results.ManifestScenario{{Name: "isolated"}}}
	two := &results.Manifest{Scenarios: []results.ManifestScenario{{Name: "isolated"}, {Name: "collective-impact"}}}
	for _, tc := range []struct {
		m         *results.Manifest
		metric    string
		threshold float64
		above     bool
		want      string
	}{
		{two, "outcome_rate", 0.02, true, "outcome rate: collective-impact − isolated above 0.02 (+2 pp)"},
		{two, "outcome_rate", -0.005, false, "outcome rate: collective-impact − isolated below -0.005 (−0.5 pp)"},
		{two, "outcome_rate", 0, false, "outcome rate: collective-impact − isolated below 0"},
		{one, "outcome_rate", 0.3, true, "outcome rate above 0.3 (30%)"},
		{one, "total_cost", 1.5e8, true, "total cost above 150000000 (150 MSEK)"},
		{one, "mean_trust", 0.15, true, "mean trust between partners above 0.15"},
	} {
		q := Question{Metric: tc.metric, Threshold: tc.threshold, Above: tc.above}
		if got := q.String(tc.m); got != tc.want {
			t.Errorf("%s %v: %q, want %q", tc.metric, tc.threshold, got, tc.want)
		}
	}
}

// The peeling plot is a results.Figure, with the run's footer; a
// discovery with no box still draws its trajectory.
func TestTradeoffPlotIsAFigure(t *testing.T) {
	m := &results.Manifest{Version: "v1.2.3", Seed: 7, Runs: 4, Scenarios: []results.ManifestScenario{{Name: "isolated"}},
		Sweep: &results.Sweep{Points: make([][]float64, 30)}}
	d := &Discovery{Question: Question{Metric: "outcome_rate", Threshold: 0.3, Above: true, MinDensity: 0.8}, Unit: "points",
		Trajectory: prim.Trajectory{{Stats: prim.Stats{Coverage: 1, Density: 0.3}}, {Stats: prim.Stats{Coverage: 0.8, Density: 0.7}}}}
	f, ok := tradeoffPlot(m, d).(*results.Figure)
	if !ok {
		t.Fatalf("tradeoffPlot gives a %T, want a *results.Figure", tradeoffPlot(m, d))
	}
	if want := "cisim v1.2.3 · seed 7 · 4 replicates at each of 30 design points"; f.Footer != want {
		t.Errorf("footer %q, want %q", f.Footer, want)
	}
	if x, y := f.Plot.X.Label.Text, f.Plot.Y.Label.Text; x != "coverage: share of all cases inside the box (0–1)" || y != "density: share that are cases (0–1)" {
		t.Errorf("axes %q and %q, want coverage and density on 0–1", x, y)
	}
}
