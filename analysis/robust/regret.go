package robust

import (
	"fmt"
	"math"
)

// Regret returns the regret table of outcomes[design][future], better in
// direction dir: regret[d][f] is how much better the best design in
// future f did than design d (Savage 1951),
//
//	regret_d,f = max_e x_e,f − x_d,f   (higher is better)
//	regret_d,f = x_d,f − min_e x_e,f   (lower is better),
//
// 0 for the best design and every design tied with it, and NaN in every
// future in which some design's outcome is NaN (the best is then
// unknown). It returns the same errors as Evaluate (but takes no α).
func Regret(outcomes [][]float64, dir Direction) ([][]float64, error) {
	regret, _, _, err := regretTable(outcomes, dir)
	return regret, err
}

// regretTable checks outcomes and returns its regret table with the
// futures used (no NaN for any design) and left out.
func regretTable(outcomes [][]float64, dir Direction) (regret [][]float64, used, left []int, err error) {
	if err := dir.check(); err != nil {
		return nil, nil, nil, fmt.Errorf("robust: %w", err)
	}
	if err := checkTable(outcomes); err != nil {
		return nil, nil, nil, fmt.Errorf("robust: %w", err)
	}
	if len(outcomes) < 2 {
		return nil, nil, nil, fmt.Errorf("robust: %d design: regret needs at least two designs to compare", len(outcomes))
	}
	s := dir.sign()
	n := len(outcomes[0])
	regret = make([][]float64, len(outcomes))
	for d := range regret {
		regret[d] = make([]float64, n)
	}
	for f := range n {
		best, defined := bestIn(outcomes, f, s)
		if !defined {
			left = append(left, f)
			for d := range regret {
				regret[d][f] = math.NaN()
			}
			continue
		}
		used = append(used, f)
		for d, row := range outcomes {
			// On oriented values best ≥ s·x, so the difference is ≥ 0,
			// and exactly 0 for the best design: no rounding can make a
			// tied design's regret positive.
			regret[d][f] = best - s*row[f]
		}
	}
	if len(used) == 0 {
		return nil, nil, nil, fmt.Errorf("%w: each of the %d futures has a NaN", ErrNoFuture, n)
	}
	return regret, used, left, nil
}

// bestIn returns the best oriented outcome s·x_d,f over designs d in
// future f, and false if any design's outcome there is NaN.
func bestIn(outcomes [][]float64, f int, s float64) (best float64, defined bool) {
	best = math.Inf(-1)
	for _, row := range outcomes {
		v := s * row[f]
		if math.IsNaN(v) {
			return math.NaN(), false
		}
		best = max(best, v)
	}
	return best, true
}
