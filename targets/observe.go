package targets

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// Fit checks that the file's targets can be computed on runs of the named
// designs with ticks weeks each and runs replicates per pseudo-dataset,
// and fills in an empty design with the first; its error names the
// target's place in the file.
func Fit(f *File, designs []string, ticks, runs int) error {
	for i := range f.Targets {
		t := &f.Targets[i]
		if t.Design == "" {
			t.Design = designs[0]
		}
		fail := func(format string, a ...any) error {
			return &scenarios.Error{File: f.Origin, Line: t.Line, Column: t.Column, Msg: "target " + t.Name + ": " + fmt.Sprintf(format, a...)}
		}
		for _, d := range t.Designs() {
			if !slices.Contains(designs, d) {
				return fail("design %q is not among those run (%s)", d, strings.Join(designs, ", "))
			}
		}
		if t.Year*sim.WeeksPerYear > ticks {
			return fail("year %d is past the horizon (%d years)", t.Year, ticks/sim.WeeksPerYear)
		}
		if t.Statistic == EffectSize && runs < 2 {
			return fail("an effect size needs at least 2 runs of each design per pseudo-dataset (--runs)")
		}
	}
	return nil
}

// Observe is the target's value in one run of one of its designs: the
// metric (at the year, or at the horizon), 1 or 0 for a share's property,
// or the years to the phase (the horizon plus one year if never reached).
// It reads the run's per-run columns from rec and its per-tick metrics
// from e, the engine that ran it; twin says the run is of versus.
func (t *Target) Observe(e *sim.Engine, rec *results.Record, twin bool) float64 {
	switch {
	case t.Statistic == YearlyExit:
		return yearlyExit(e.Population(), t.Year)
	case t.Statistic == ParticipantEffect:
		return participantEffect(e.Population(), e.Ticks())
	case t.Statistic == YearsToPhase:
		tick := rec.Values[results.ColTickRun+results.Col(t.Phase)-1]
		if math.IsNaN(tick) {
			return float64(e.Ticks())/sim.WeeksPerYear + 1
		}
		return tick / sim.WeeksPerYear
	case t.Property != "" && t.Versus != "":
		return t.twinValue(rec, twin)
	case t.Property != "":
		return t.property(rec)
	case t.Statistic == Share:
		x := t.metric(e, rec)
		if math.IsNaN(x) {
			return x
		}
		if t.AtLeast {
			return indicator(x >= t.Threshold)
		}
		return indicator(x <= t.Threshold)
	}
	return t.metric(e, rec)
}

func (t *Target) metric(e *sim.Engine, rec *results.Record) float64 {
	if c, ok := results.RunColumn(t.Metric); ok && t.Year == 0 {
		return rec.Values[c]
	}
	m := sim.Metric(slices.Index(sim.MetricNames(), t.Metric))
	week := e.Ticks() - 1
	if t.Year > 0 {
		week = t.Year*sim.WeeksPerYear - 1
	}
	return e.Value(week, m)
}

func (t *Target) property(rec *results.Record) float64 {
	v := rec.Values
	switch t.Property {
	case "stalled":
		return v[results.ColStalled]
	case "broke_up":
		return v[results.ColBrokeUp]
	case "failed":
		return max(v[results.ColStalled], v[results.ColBrokeUp])
	case "reached_run":
		return indicator(!math.IsNaN(v[results.ColTickRun]))
	case "reached_redesign":
		return indicator(!math.IsNaN(v[results.ColTickRedesign]))
	}
	return indicator(!math.IsNaN(v[results.ColTickExponential]))
}

// twinValue is a run's value for a share judged against twins: on
// versus its outcome rate; on the design its outcome rate plus 2 if it
// stalled or broke up, so Compute can tell both (outcome rates lie in
// [0, 1]).
func (t *Target) twinValue(rec *results.Record, twin bool) float64 {
	v := rec.Values
	x := v[results.ColOutcomeRate]
	if twin {
		return x
	}
	if v[results.ColStalled] == 1 || v[results.ColBrokeUp] == 1 {
		x += 2
	}
	return x
}

// twinShare is the share of the design's runs failed (or lost) against
// their twins, from twinValue's values.
func (t *Target) twinShare(on, versus []float64) float64 {
	k, n := 0, 0
	for r := range min(len(on), len(versus)) {
		flagged, outcome := on[r] >= 2, on[r]
		if flagged {
			outcome -= 2
		}
		lost := results.LostToTwin(outcome, versus[r])
		if t.Property == "lost_to_twin" && lost || t.Property == "failed" && results.RunFailed(flagged, false, outcome, versus[r]) {
			k++
		}
		n++
	}
	if n == 0 {
		return math.NaN()
	}
	return float64(k) / float64(n)
}

func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Compute is the target's statistic from the values Observe gave on the
// replicates of its design (on) and, for a comparison, of versus (the
// same replicates, in the same order). NaN values are left out, or drop
// their pair.
func (t *Target) Compute(on, versus []float64) float64 {
	switch t.Statistic {
	case Difference:
		return analysis.Paired(on, versus, 0.95).Diff.Mean
	case EffectSize:
		return analysis.Paired(on, versus, 0.95).D
	case YearsToPhase:
		return analysis.QuantilesType7(on, []float64{0.5}, nil)[0]
	case Share:
		if t.Versus != "" {
			return t.twinShare(on, versus)
		}
	}
	sum, n := 0.0, 0
	for _, x := range on {
		if !math.IsNaN(x) {
			sum += x
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

// Miss is how far a statistic lies outside the target's figure: 0 inside
// the interval (or at the value), else the distance to its nearer end;
// +Inf for a statistic that could not be computed.
func (t *Target) Miss(s float64) float64 {
	switch {
	case math.IsNaN(s) || math.IsInf(s, 0):
		return math.Inf(1)
	case s < t.Lo:
		return t.Lo - s
	case s > t.Hi:
		return s - t.Hi
	}
	return 0
}
