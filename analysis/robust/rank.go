package robust

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Metric names a robustness metric.
type Metric int

const (
	Laplace         Metric = iota // mean over futures
	WorstDecile                   // 10th percentile of the oriented outcome
	Maximin                       // worst future (Wald)
	MinimaxRegret                 // largest regret (Savage)
	Regret90                      // 90th percentile of regret
	Hurwicz                       // α·best + (1 − α)·worst
	DomainCriterion               // share of futures meeting every threshold (Starr)
)

// String returns the metric's name as a report writes it.
func (m Metric) String() string {
	switch m {
	case Laplace:
		return "mean (Laplace)"
	case WorstDecile:
		return "worst decile"
	case Maximin:
		return "maximin"
	case MinimaxRegret:
		return "minimax regret"
	case Regret90:
		return "90th-percentile regret"
	case Hurwicz:
		return "Hurwicz"
	case DomainCriterion:
		return "domain criterion"
	}
	return fmt.Sprintf("Metric(%d)", int(m))
}

// TieTolerance is how close, relative to the largest magnitude among a
// ranking's values, two values must be to tie (see Rank).
const TieTolerance = 1e-9

// Ranking orders designs under one metric.
type Ranking struct {
	Metric Metric
	Better Direction // of the metric's values
	Values []float64 // per design

	// Order lists the designs best first, tied designs by index.
	Order []int
	// Place[d] is design d's place, 1 for the best; tied designs share
	// the best place of their group and the next group's place counts
	// them (1, 1, 3).
	Place []int
}

// Rank ranks designs by values, one per design, better in direction
// better (which must be HigherIsBetter or LowerIsBetter: Rank panics
// otherwise, a programmer's error). Designs are sorted best first; a
// design ties with the first (best) design of the group being formed when
// their values differ by at most TieTolerance times the largest finite
// |value|, so sums of the same numbers in another order tie. Tied designs
// share a place and are listed by index. NaN values come last, tied with
// one another.
func Rank(m Metric, values []float64, better Direction) Ranking {
	if err := better.check(); err != nil {
		panic("robust: " + err.Error())
	}
	s := better.sign()
	n := len(values)
	order := make([]int, n)
	for d := range order {
		order[d] = d
	}
	// Best first: descending in the oriented value, NaN after every
	// number; the stable sort keeps equal values in index order.
	slices.SortStableFunc(order, func(a, b int) int {
		va, vb := s*values[a], s*values[b]
		if math.IsNaN(va) || math.IsNaN(vb) {
			return cmp.Compare(boolInt(math.IsNaN(va)), boolInt(math.IsNaN(vb)))
		}
		return cmp.Compare(vb, va)
	})
	scale := 0.0
	for _, v := range values {
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			scale = max(scale, math.Abs(v))
		}
	}
	place := make([]int, n)
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && tied(values[order[lo]], values[order[hi]], scale) {
			hi++
		}
		slices.Sort(order[lo:hi]) // values within the tolerance may be out of index order
		for _, d := range order[lo:hi] {
			place[d] = lo + 1
		}
		lo = hi
	}
	return Ranking{Metric: m, Better: better, Values: slices.Clone(values), Order: order, Place: place}
}

// tied reports whether a and b tie in a ranking whose largest finite
// magnitude is scale: equal (infinities included), both NaN, or finite and
// within TieTolerance·scale.
func tied(a, b, scale float64) bool {
	switch {
	case a == b:
		return true
	case math.IsNaN(a) || math.IsNaN(b):
		return math.IsNaN(a) && math.IsNaN(b)
	case math.IsInf(a, 0) || math.IsInf(b, 0):
		return false
	}
	return math.Abs(a-b) <= TieTolerance*scale
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// First returns the designs in first place, by index: more than one when
// they tie.
func (r Ranking) First() []int {
	var first []int
	for _, d := range r.Order {
		if r.Place[d] != 1 {
			break
		}
		first = append(first, d)
	}
	return first
}

// Tied reports whether designs d and e share a place.
func (r Ranking) Tied(d, e int) bool { return r.Place[d] == r.Place[e] }
