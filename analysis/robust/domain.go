package robust

import (
	"fmt"
	"math"
)

// Threshold is a satisficing requirement on one outcome, as in
// --satisfice METRIC>=X: an outcome x meets it when x ≥ Value
// (HigherIsBetter) or x ≤ Value (LowerIsBetter). Equality meets it.
type Threshold struct {
	Value     float64
	Direction Direction
}

// Meets reports whether x meets the threshold. An undefined x (NaN) never
// does.
func (t Threshold) Meets(x float64) bool {
	if t.Direction == LowerIsBetter {
		return x <= t.Value
	}
	return x >= t.Value // false for NaN, as x <= t.Value is
}

// Satisficing is Starr's domain criterion for each design: the share of
// futures in which it meets every threshold. Slices are indexed by design.
type Satisficing struct {
	Futures   int       // futures counted: all of them
	Satisfied []int     // futures in which the design meets every threshold
	Share     []float64 // Satisfied / Futures
	// Undefined counts the futures in which some outcome of the design
	// is NaN; each is counted as not satisfied.
	Undefined []int
}

// Domain returns Starr's (1963) domain criterion: outcomes[k][d][f] is
// outcome k of design d in future f, and thresholds[k] the requirement on
// outcome k; design d satisfies future f when every outcome k meets
// thresholds[k] there. Every future counts, and an undefined (NaN) outcome
// fails its threshold: a run with no outcome has no cost per outcome to
// meet "cost per outcome ≤ X".
//
// Domain returns an error for no outcomes, a number of thresholds other
// than of outcomes, a NaN threshold or an unknown direction, tables of
// different shapes, ragged rows or an infinite outcome. One design is
// enough: the criterion does not compare designs.
func Domain(outcomes [][][]float64, thresholds []Threshold) (*Satisficing, error) {
	if err := checkDomain(outcomes, thresholds); err != nil {
		return nil, err
	}
	designs, futures := len(outcomes[0]), len(outcomes[0][0])
	s := &Satisficing{
		Futures:   futures,
		Satisfied: make([]int, designs),
		Share:     make([]float64, designs),
		Undefined: make([]int, designs),
	}
	for d := range designs {
		for f := range futures {
			meets, undefined := true, false
			for k, t := range thresholds {
				x := outcomes[k][d][f]
				meets = meets && t.Meets(x)
				undefined = undefined || math.IsNaN(x)
			}
			s.Satisfied[d] += boolInt(meets)
			s.Undefined[d] += boolInt(undefined)
		}
		s.Share[d] = float64(s.Satisfied[d]) / float64(futures)
	}
	return s, nil
}

// Ranking ranks the designs by their share of futures satisfied, higher
// being better.
func (s *Satisficing) Ranking() Ranking {
	return Rank(DomainCriterion, s.Share, HigherIsBetter)
}

// checkDomain returns an error unless there is one threshold per outcome,
// each a number with a known direction, and the outcome tables are well
// formed and of one shape.
func checkDomain(outcomes [][][]float64, thresholds []Threshold) error {
	if len(outcomes) == 0 {
		return fmt.Errorf("robust: domain criterion: no outcomes")
	}
	if len(thresholds) != len(outcomes) {
		return fmt.Errorf("robust: domain criterion: %d thresholds for %d outcomes", len(thresholds), len(outcomes))
	}
	for k, t := range thresholds {
		if err := t.Direction.check(); err != nil {
			return fmt.Errorf("robust: threshold %d: %w", k, err)
		}
		if math.IsNaN(t.Value) {
			return fmt.Errorf("robust: threshold %d is NaN", k)
		}
	}
	for k, table := range outcomes {
		if err := checkTable(table); err != nil {
			return fmt.Errorf("robust: outcome %d: %w", k, err)
		}
		if k == 0 {
			continue
		}
		if len(table) != len(outcomes[0]) || len(table[0]) != len(outcomes[0][0]) {
			return fmt.Errorf("robust: outcome %d has %d designs × %d futures, outcome 0 has %d × %d",
				k, len(table), len(table[0]), len(outcomes[0]), len(outcomes[0][0]))
		}
	}
	return nil
}
