package experiments

import (
	"math"
	"strings"
	"testing"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/results"
)

// finalsOf lays out y(point, replicate) of one design as finals for the
// outcome rate.
func finalsOf(points [][]float64, runs int, y func(x []float64, r int) float64) finalValues {
	finals := make(finalValues, len(points))
	for p, x := range points {
		finals[p] = [][][]float64{make([][]float64, results.NumMetrics)}
		for c := range results.NumMetrics {
			for r := range runs {
				finals[p][0][c] = append(finals[p][0][c], y(x, r))
			}
		}
	}
	return finals
}

// On y = 2·a + 3·a·b − b + noise shared by a replicate, the main effect of
// a is 2 + 3/2 (b is on in half the designs), of b −1 + 3/2, the a×b
// interaction 3 (a's effect is 3 larger with b on), and c does nothing.
// The shared noise cancels in the paired contrasts, so the estimates are
// exact to rounding.
func TestFactorialEffectsOnAKnownFunction(t *testing.T) {
	var pts [][]float64
	for _, a := range []float64{0, 1} {
		for _, b := range []float64{0, 1} {
			for _, c := range []float64{0, 1} {
				pts = append(pts, []float64{a, b, c})
			}
		}
	}
	m := &results.Manifest{Runs: 5, Sweep: &results.Sweep{Method: "factorial", Levers: []string{"a", "b", "c"}, Points: pts, Metric: "outcome_rate"}}
	finals := finalsOf(pts, 5, func(x []float64, r int) float64 { return 2*x[0] + 3*x[0]*x[1] - x[1] + math.Sin(float64(r)) })
	want := map[string]float64{"a": 3.5, "b": 0.5, "c": 0, "a×b": 3, "a×c": 0, "b×c": 0}
	for _, e := range factorialEffects(m, finals, 0) {
		key := strings.Join(e.Factors, "×")
		if got := float64(e.Mean); math.Abs(got-want[key]) > 1e-12 {
			t.Errorf("%s effect %v, want %v", key, got, want[key])
		}
	}
}

// The hypothesis effect is measured from the worse end of the focal lever
// to the better, per setting of the moderators; the conclusion says where
// it holds, vanishes and reverses, from the numbers.
func TestHypothesisEffectsAndConclusion(t *testing.T) {
	var pts [][]float64
	for _, f := range []float64{0, 0.5, 1} {
		for _, mod := range []float64{0, 1} {
			pts = append(pts, []float64{f, mod})
		}
	}
	h := Hypothesis{ID: "HX", Better: "low", Metrics: []string{"outcome_rate"}}
	m := &results.Manifest{Runs: 30, Sweep: &results.Sweep{Method: "hypothesis", Hypothesis: "HX", Levers: []string{"actors.capability_overlap", "funding.pooled"}, Points: pts}}
	// Lower overlap helps by 0.04 without pooling; with pooling it hurts by 0.02.
	finals := finalsOf(pts, 30, func(x []float64, r int) float64 {
		slope := -0.04
		if x[1] == 1 {
			slope = 0.02
		}
		return 0.5 + slope*x[0] + 0.001*math.Sin(float64(7*r)+x[0])
	})
	effects := hypothesisEffects(m, finals, h)
	e := effects[0]
	if math.Abs(e.Overall.Mean-0.01) > 1e-3 || len(e.Cells) != 2 {
		t.Fatalf("overall %+v with %d cells, want 0.01 over 2", e.Overall, len(e.Cells))
	}
	if math.Abs(e.Cells[0].Effect.Mean-0.04) > 1e-3 || math.Abs(e.Cells[1].Effect.Mean+0.02) > 1e-3 {
		t.Errorf("cells %+v, want +0.04 and −0.02", e.Cells)
	}
	text := HypothesisConclusion(m, h, effects)
	for _, want := range []string{"from 1 to 0", "raised outcome rate", "by 0.99", "supports HX",
		"It holds only where funding.pooled = 0", "It reverses where funding.pooled = 1: -2 percentage points"} {
		if !strings.Contains(text, want) {
			t.Errorf("conclusion lacks %q:\n%s", want, text)
		}
	}
	// A metric that falls is "lowered by" a positive amount, its interval
	// turned the same way.
	h.Metrics = []string{"outcome_rate", "agenda_alignment"}
	falls := append(effects, HypothesisEffect{Metric: "agenda_alignment", Overall: analysis.Estimate{Mean: -0.05, Lo: -0.06, Hi: -0.04}})
	if text := HypothesisConclusion(m, h, falls); !strings.Contains(text, "lowered agenda–need alignment by 0.05 (95% CI 0.04 to 0.06)") {
		t.Errorf("a fall should read as lowered by a positive amount:\n%s", text)
	}
	vanish := []HypothesisEffect{{Metric: "outcome_rate", Overall: analysis.Estimate{Mean: 0.001, Lo: -0.002, Hi: 0.004},
		Cells: []CellEffect{{"x = 0", analysis.Estimate{Mean: 0.001, Lo: -0.002, Hi: 0.004}}}}}
	if text := HypothesisConclusion(m, h, vanish); !strings.Contains(text, "does not show HX") || !strings.Contains(text, "vanishes where x = 0") {
		t.Errorf("a null effect should be called so:\n%s", text)
	}
}
