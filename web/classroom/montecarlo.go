package classroom

import (
	"fmt"
	"math"
	"slices"

	"github.com/cisim/cisim/sim"
)

// MaxRuns bounds the replicates of one Monte Carlo on the page.
const MaxRuns = 200

// Quantiles returns the band edges the page draws: the median and the
// edges of the 50% and 90% bands, in increasing order.
func Quantiles() []float64 { return []float64{0.05, 0.25, 0.5, 0.75, 0.95} }

// MonteCarlo runs replicates 0 … runs−1 of the session's seed on both
// sides, a few at a time so that the page stays responsive. Replicate 0
// is the run on screen; replicate r is replicate r of `cisim run --seed S`.
type MonteCarlo struct {
	seed  uint64
	runs  int
	done  int
	sides [2]mcSide
}

type mcSide struct {
	name    string
	eng     *sim.Engine
	start   sim.Scenario // the design at week 0, and its changes during the run
	changes []Change
	// values[m][r*ticks+t] is charted metric m of replicate r at tick t.
	values [][]float64
}

// MonteCarlo prepares a Monte Carlo of runs replicates (1 to MaxRuns) of
// the session's two sides as they are now configured: each replicate
// starts with the design the run on the page started with and meets the
// same design changes at the same weeks.
func (s *Session) MonteCarlo(runs int) (*MonteCarlo, error) {
	if runs < 1 || runs > MaxRuns {
		return nil, fmt.Errorf("classroom: Monte Carlo of %d runs: want 1 to %d", runs, MaxRuns)
	}
	mc := &MonteCarlo{seed: s.seed, runs: runs}
	for i := range s.sides {
		sd := &s.sides[i]
		e, err := sim.New(sd.start)
		if err != nil {
			return nil, err
		}
		ms := &mc.sides[i]
		ms.name, ms.eng, ms.start, ms.changes = sd.name, e, sd.start, sd.changes
		ms.values = make([][]float64, len(Charted()))
		for m := range ms.values {
			ms.values[m] = make([]float64, runs*e.Ticks())
		}
	}
	return mc, nil
}

// Step runs up to n more replicates on each side (at most 10) and returns
// how many are done.
func (mc *MonteCarlo) Step(n int) int {
	n = min(max(n, 0), 10, mc.runs-mc.done)
	for k := 0; k < n; k++ {
		r := mc.done
		for i := range mc.sides {
			ms := &mc.sides[i]
			ms.replicate(mc.seed, r)
			ticks := ms.eng.Ticks()
			for m, metric := range Charted() {
				ms.eng.Series(metric, ms.values[m][r*ticks:r*ticks:(r+1)*ticks])
			}
		}
		mc.done++
	}
	return mc.done
}

// replicate runs replicate r to the horizon, with the page's design
// changes at their weeks. An intervention changes the engine's scenario,
// so a side with changes runs each replicate on a new engine.
func (ms *mcSide) replicate(seed uint64, r int) {
	if len(ms.changes) > 0 {
		e, err := sim.New(ms.start)
		if err != nil {
			panic(err) // the same scenario built the first engine
		}
		ms.eng = e
	}
	ms.eng.Reset(seed, r)
	for _, c := range ms.changes {
		for ms.eng.Tick() < c.Week {
			ms.eng.Step()
		}
		if err := ms.eng.Intervene(c.scenario); err != nil {
			panic(err) // the session's engine took the same change
		}
	}
	ms.eng.Run()
}

// Done returns the replicates run; Runs the replicates asked for.
func (mc *MonteCarlo) Done() int { return mc.done }

// Runs returns the number of replicates asked for.
func (mc *MonteCarlo) Runs() int { return mc.runs }

// Bands is the result of a Monte Carlo over the replicates done.
type Bands struct {
	Seed  string      `json:"seed"`
	Runs  int         `json:"runs"`
	Sides [2]SideBand `json:"sides"`
	// RightAhead counts the replicates whose final value of Measure (the
	// outcome rate) is higher on the right than on the left; Ties those
	// where they are equal.
	Measure    string `json:"measure"`
	RightAhead int    `json:"rightAhead"`
	Ties       int    `json:"ties"`
}

// SideBand is one side's bands.
type SideBand struct {
	Scenario string `json:"scenario"`
	Weeks    int    `json:"weeks"`
	// Bands[metric][q][t] is quantile Quantiles()[q] over replicates of the
	// metric at tick t.
	Bands map[string][][]float64 `json:"bands"`
	// Final[metric] holds the quantiles of the metric at the last tick,
	// and FinalText the page's print of them.
	Final     map[string][]float64 `json:"final"`
	FinalText map[string][]string  `json:"finalText"`
}

// Bands computes the bands over the replicates done so far.
func (mc *MonteCarlo) Bands() Bands {
	b := Bands{Seed: fmt.Sprint(mc.seed), Runs: mc.done, Measure: Charted()[0].String()}
	col := make([]float64, mc.done)
	quantiles := Quantiles()
	for i := range mc.sides {
		ms := &mc.sides[i]
		ticks := ms.eng.Ticks()
		sb := SideBand{Scenario: ms.name, Weeks: ticks, Bands: map[string][][]float64{},
			Final: map[string][]float64{}, FinalText: map[string][]string{}}
		if mc.done == 0 {
			b.Sides[i] = sb
			continue
		}
		for m, metric := range Charted() {
			qs := make([][]float64, len(quantiles))
			for q := range qs {
				qs[q] = make([]float64, ticks)
			}
			for t := 0; t < ticks; t++ {
				for r := range col {
					col[r] = ms.values[m][r*ticks+t]
				}
				slices.Sort(col)
				for q, p := range quantiles {
					qs[q][t] = Quantile(col, p)
				}
			}
			sb.Bands[metric.String()] = qs
			final := make([]float64, len(quantiles))
			text := make([]string, len(quantiles))
			for q := range qs {
				final[q] = qs[q][ticks-1]
				text[q] = Format(metric, final[q])
			}
			sb.Final[metric.String()] = final
			sb.FinalText[metric.String()] = text
		}
		b.Sides[i] = sb
	}
	l, r := mc.sides[0], mc.sides[1]
	lt, rt := l.eng.Ticks(), r.eng.Ticks()
	for k := 0; k < mc.done; k++ {
		a, c := l.values[0][k*lt+lt-1], r.values[0][k*rt+rt-1]
		switch {
		case c > a:
			b.RightAhead++
		case c == a:
			b.Ties++
		}
	}
	return b
}

// Quantile is the p-quantile of sorted x by linear interpolation between
// order statistics (Hyndman & Fan's type 7, R's default): with h =
// (n−1)·p, x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). NaN for empty x.
func Quantile(x []float64, p float64) float64 {
	n := len(x)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * p
	k := int(h)
	if k >= n-1 {
		return x[n-1]
	}
	return x[k] + (h-float64(k))*(x[k+1]-x[k])
}
