package robust

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"

	"github.com/cisim/cisim/analysis"
)

// Direction says which way an outcome, or a robustness metric, is better.
type Direction int

const (
	// HigherIsBetter: more is better (jobs or studies found, trust).
	HigherIsBetter Direction = iota
	// LowerIsBetter: less is better (cost per outcome, regret).
	LowerIsBetter
)

// String returns "higher is better" or "lower is better".
func (d Direction) String() string {
	switch d {
	case HigherIsBetter:
		return "higher is better"
	case LowerIsBetter:
		return "lower is better"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

// check returns an error unless d is one of the two directions.
func (d Direction) check() error {
	if d != HigherIsBetter && d != LowerIsBetter {
		return fmt.Errorf("direction %d is neither HigherIsBetter nor LowerIsBetter", int(d))
	}
	return nil
}

// sign is +1 for HigherIsBetter and −1 for LowerIsBetter: multiplying by
// it orients a value so that higher is better, and multiplying again
// undoes it exactly (negation is exact in floating point).
func (d Direction) sign() float64 {
	if d == LowerIsBetter {
		return -1
	}
	return 1
}

// DefaultAlpha is the Hurwicz coefficient of optimism a report uses
// unless the team states another: equal weight on a design's best and
// worst future. It is an assumption, and a report should say so.
const DefaultAlpha = 0.5

// The tails of the percentile metrics: the worst decile is the 10th
// percentile of the outcome oriented so that higher is better, and the
// regret percentile is the 90th (both Hyndman–Fan type 7; see the package
// comment).
const (
	worstDecileP = 0.1
	regretP      = 0.9
)

// ErrNoFuture is returned when every future has an undefined (NaN)
// outcome for some design: no future is left to compare the designs in.
var ErrNoFuture = errors.New("robust: no future in which every design's outcome is defined")

// Robustness holds the robustness metrics of each design on one outcome,
// indexed by design as in the table given to Evaluate, in the outcome's
// own units (a cost stays a cost: its Worst is its highest value).
type Robustness struct {
	Direction Direction // of the outcome
	Alpha     float64   // Hurwicz's coefficient of optimism used

	// Used and Left are the futures (column indices) the metrics were
	// computed on, and those left out because some design's outcome
	// there is NaN; both ascending.
	Used, Left []int

	Mean        []float64 // Laplace: the mean over the futures used
	WorstDecile []float64 // the 10th percentile (90th for lower-is-better)
	Worst       []float64 // maximin's value: the worst future's outcome
	Best        []float64 // the best future's outcome (maximax)
	Hurwicz     []float64 // Alpha·Best + (1 − Alpha)·Worst
	MaxRegret   []float64 // minimax regret's value: the largest regret
	Regret90    []float64 // the 90th percentile of regret

	// Regret[d][f] is design d's regret in future f, NaN in the futures
	// left out: the regret table (McPhail et al.'s T1).
	Regret [][]float64
}

// Evaluate returns the robustness metrics of every design on one outcome:
// outcomes[d][f] is design d's outcome in future f, the same futures in
// the same order for every design, better in direction dir; alpha is
// Hurwicz's coefficient of optimism, the weight on the best case
// (DefaultAlpha unless the team states another). The package comment gives
// the definitions. Futures in which any design's outcome is NaN are left
// out of every metric (Robustness.Left).
//
// Evaluate returns an error for fewer than two designs (regret compares
// designs), no futures, ragged rows, an infinite outcome, an unknown
// direction, alpha outside [0, 1], or no future without a NaN
// (ErrNoFuture).
func Evaluate(outcomes [][]float64, dir Direction, alpha float64) (*Robustness, error) {
	if !(alpha >= 0 && alpha <= 1) {
		return nil, fmt.Errorf("robust: Hurwicz α = %v not in [0, 1]", alpha)
	}
	regret, used, left, err := regretTable(outcomes, dir)
	if err != nil {
		return nil, err
	}
	n := len(outcomes)
	r := &Robustness{
		Direction: dir, Alpha: alpha, Used: used, Left: left, Regret: regret,
		Mean: make([]float64, n), WorstDecile: make([]float64, n),
		Worst: make([]float64, n), Best: make([]float64, n), Hurwicz: make([]float64, n),
		MaxRegret: make([]float64, n), Regret90: make([]float64, n),
	}
	s := dir.sign()
	x := make([]float64, len(used))   // one design's oriented outcomes
	reg := make([]float64, len(used)) // and its regrets, in the futures used
	pWorst, pRegret := []float64{worstDecileP}, []float64{regretP}
	var q [1]float64
	for d, row := range outcomes {
		for k, f := range used {
			x[k] = s * row[f]
			reg[k] = regret[d][f]
		}
		worst, best := floats.Min(x), floats.Max(x)
		r.Mean[d] = s * stat.Mean(x, nil)
		r.WorstDecile[d] = s * analysis.QuantilesType7(x, pWorst, q[:])[0]
		r.Worst[d] = s * worst
		r.Best[d] = s * best
		// The weighted sum is formed on the oriented values and turned
		// back, so a cost's Hurwicz value is exactly minus that of the
		// negated cost.
		r.Hurwicz[d] = s * (alpha*best + (1-alpha)*worst)
		r.MaxRegret[d] = floats.Max(reg)
		r.Regret90[d] = analysis.QuantilesType7(reg, pRegret, q[:])[0]
	}
	return r, nil
}

// Rankings returns the designs ranked under each of Evaluate's metrics, in
// the order Laplace, WorstDecile, Maximin, MinimaxRegret, Regret90,
// Hurwicz. The first three and Hurwicz are better in the outcome's
// direction; the regrets are better lower.
func (r *Robustness) Rankings() []Ranking {
	return []Ranking{
		Rank(Laplace, r.Mean, r.Direction),
		Rank(WorstDecile, r.WorstDecile, r.Direction),
		Rank(Maximin, r.Worst, r.Direction),
		Rank(MinimaxRegret, r.MaxRegret, LowerIsBetter),
		Rank(Regret90, r.Regret90, LowerIsBetter),
		Rank(Hurwicz, r.Hurwicz, r.Direction),
	}
}

// checkTable returns an error (without the package prefix, for the caller
// to add) unless outcomes has at least one design, every design has the
// same number of futures, at least one, and no outcome is infinite.
func checkTable(outcomes [][]float64) error {
	if len(outcomes) == 0 {
		return errors.New("no designs")
	}
	n := len(outcomes[0])
	if n == 0 {
		return errors.New("no futures")
	}
	for d, row := range outcomes {
		if len(row) != n {
			return fmt.Errorf("design %d has %d futures, design 0 has %d: every design must be run in the same futures", d, len(row), n)
		}
		for f, v := range row {
			if math.IsInf(v, 0) {
				return fmt.Errorf("design %d, future %d: outcome is %v", d, f, v)
			}
		}
	}
	return nil
}
