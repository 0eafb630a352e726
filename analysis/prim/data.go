package prim

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// ErrNoCases is returned when the data hold no case of interest: there is
// nothing for a box to cover.
var ErrNoCases = errors.New("prim: no cases of interest: no box to find")

// maxDiscreteValues is the most distinct values a lever may take and
// still be peeled one value at a time: integer and boolean levers, and
// levers swept on a grid. With α = 0.05 and up to 1/α values each value
// holds about α of the points or more, so removing one value is already a
// step of at least α; and bounds at the grid's own values read better
// than ones between them.
const maxDiscreteValues = 20

// Lever describes one input dimension of the data.
type Lever struct {
	Name string
	// Discrete levers (integer, boolean or gridded: few values) are
	// peeled and pasted one value at a time and their bounds are data
	// values; others by a share of the points with bounds between data
	// values.
	Discrete bool
	// Min and Max are the lever's range in the data: a bound that keeps
	// them all does not restrict.
	Min, Max float64
}

// Data is the table PRIM searches: n points, each with k lever values and
// whether it is a case of interest. It is read-only once made.
type Data struct {
	Levers []Lever
	cols   [][]float64 // cols[j][i]: lever j of point i
	cases  []bool
	nCases int
	order  [][]int // order[j]: the points by lever j, ascending
}

// NewData checks and copies a table of n points: x[i] holds the k lever
// values of point i, cases[i] whether it is a case of interest, names the
// k lever names (nil names the levers x0, x1, …). A lever with at most 20
// distinct values is marked Discrete; set Levers[j].Discrete to change
// that. NewData returns an error for an empty
// table, ragged rows, mismatched lengths, or a NaN or infinite value.
func NewData(names []string, x [][]float64, cases []bool) (*Data, error) {
	n := len(x)
	if n == 0 {
		return nil, errors.New("prim: no points")
	}
	k := len(x[0])
	switch {
	case k == 0:
		return nil, errors.New("prim: no levers")
	case names != nil && len(names) != k:
		return nil, fmt.Errorf("prim: %d lever names for %d levers", len(names), k)
	case len(cases) != n:
		return nil, fmt.Errorf("prim: %d case flags for %d points", len(cases), n)
	}
	d := &Data{Levers: make([]Lever, k), cols: make([][]float64, k), cases: slices.Clone(cases), order: make([][]int, k)}
	for j := range k {
		d.cols[j] = make([]float64, n)
	}
	for i, row := range x {
		if len(row) != k {
			return nil, fmt.Errorf("prim: point %d has %d values, want %d", i, len(row), k)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				name := fmt.Sprintf("x%d", j)
				if names != nil {
					name = names[j]
				}
				return nil, fmt.Errorf("prim: point %d: %s is %v", i, name, v)
			}
			d.cols[j][i] = v
		}
		if cases[i] {
			d.nCases++
		}
	}
	for j, col := range d.cols {
		name := fmt.Sprintf("x%d", j)
		if names != nil {
			name = names[j]
		}
		ord := make([]int, n)
		for i := range ord {
			ord[i] = i
		}
		slices.SortStableFunc(ord, func(a, b int) int { return cmp.Compare(col[a], col[b]) })
		d.order[j] = ord
		d.Levers[j] = Lever{Name: name, Discrete: isDiscrete(col, ord), Min: col[ord[0]], Max: col[ord[n-1]]}
	}
	return d, nil
}

// isDiscrete reports whether col, sorted by ord, holds at most
// maxDiscreteValues distinct values.
func isDiscrete(col []float64, ord []int) bool {
	distinct := 1
	for i := 1; i < len(ord) && distinct <= maxDiscreteValues; i++ {
		if col[ord[i]] != col[ord[i-1]] {
			distinct++
		}
	}
	return distinct <= maxDiscreteValues
}

// Len is the number of points.
func (d *Data) Len() int { return len(d.cases) }

// Cases is the number of cases of interest.
func (d *Data) Cases() int { return d.nCases }

// Threshold turns a continuous outcome into cases of interest: y[i] > t
// when above, y[i] < t otherwise. It returns an error for a NaN y, which
// is neither.
func Threshold(y []float64, t float64, above bool) ([]bool, error) {
	if math.IsNaN(t) {
		return nil, errors.New("prim: threshold is NaN")
	}
	cases := make([]bool, len(y))
	for i, v := range y {
		if math.IsNaN(v) {
			return nil, fmt.Errorf("prim: outcome of point %d is NaN", i)
		}
		if above {
			cases[i] = v > t
		} else {
			cases[i] = v < t
		}
	}
	return cases, nil
}

// subset returns the data of the points keep marks, with the levers
// (ranges included) of d, so that boxes on it read as boxes on d.
func (d *Data) subset(keep []bool) *Data {
	s := &Data{Levers: d.Levers, cols: make([][]float64, len(d.cols)), order: make([][]int, len(d.cols))}
	index := make([]int, len(keep)) // new index of each kept point
	for i, ok := range keep {
		if ok {
			index[i] = len(s.cases)
			s.cases = append(s.cases, d.cases[i])
			if d.cases[i] {
				s.nCases++
			}
		}
	}
	for j, col := range d.cols {
		s.cols[j] = make([]float64, 0, len(s.cases))
		s.order[j] = make([]int, 0, len(s.cases))
		for i, v := range col {
			if keep[i] {
				s.cols[j] = append(s.cols[j], v)
			}
		}
		for _, p := range d.order[j] {
			if keep[p] {
				s.order[j] = append(s.order[j], index[p])
			}
		}
	}
	return s
}
