package prim

import (
	"errors"
	"fmt"
	"math"
)

// Options tunes peeling and pasting; the zero value gives the defaults.
type Options struct {
	// Alpha is the share of the box's points one peel removes from one
	// side of one lever (default 0.05, at most 0.5). Discrete levers are
	// peeled one value at a time whatever Alpha is.
	Alpha float64
	// PasteAlpha is the share of the box's points one paste adds
	// (default Alpha).
	PasteAlpha float64
	// MinMass is the smallest share of all points a box may keep
	// (default 0.05): peeling stops before a box would hold fewer.
	MinMass float64
}

// withDefaults fills in zero fields and checks the ranges.
func (o Options) withDefaults() (Options, error) {
	if o.Alpha == 0 {
		o.Alpha = 0.05
	}
	if o.PasteAlpha == 0 {
		o.PasteAlpha = o.Alpha
	}
	if o.MinMass == 0 {
		o.MinMass = 0.05
	}
	switch {
	case !(o.Alpha > 0 && o.Alpha <= 0.5):
		return o, fmt.Errorf("prim: peeling alpha %v not in (0, 0.5]", o.Alpha)
	case !(o.PasteAlpha > 0 && o.PasteAlpha <= 0.5):
		return o, fmt.Errorf("prim: pasting alpha %v not in (0, 0.5]", o.PasteAlpha)
	case !(o.MinMass > 0 && o.MinMass <= 1):
		return o, fmt.Errorf("prim: minimum mass %v not in (0, 1]", o.MinMass)
	}
	return o, nil
}

// Trajectory is the sequence of boxes peeling passes through, from the
// full box (step 0) to the last, densest one.
type Trajectory []Step

// Peel runs PRIM's peeling on d (Friedman & Fisher 1999). At each step it
// tries, for every lever, removing the lowest or the highest Alpha of the
// box's points (whole runs of tied values, so the cut falls between two
// values; for a Discrete lever its lowest or highest value instead, as the
// EMA Workbench does for categorical levers) and takes the peel that
// raises density the most per point removed. Scoring per point keeps a
// one-value peel of a five-valued lever (a fifth of the box) from winning
// merely by being larger. Peeling stops when no allowed peel raises
// density or every peel would leave less than MinMass of the points.
//
// Peels that score exactly alike are told apart as the EMA Workbench's
// prim does (its _peel sorts the candidates by score and then by the
// levers left unrestricted, and takes the first of a stable sort): the
// peel that leaves more levers unrestricted wins, so a tie never adds a
// lever to the box's description; of those, the first in EMA's order of
// candidates, lever by lever with the upper side before the lower.
//
// Peel returns ErrNoCases if d has no case of interest. If every point is
// a case the trajectory is the full box alone.
func Peel(d *Data, opt Options) (Trajectory, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	if d.nCases == 0 {
		return nil, ErrNoCases
	}
	st := newState(d, d.FullBox())
	traj := Trajectory{st.step()}
	minPoints := int(math.Ceil(opt.MinMass*float64(d.Len()) - 1e-9))
	for {
		best, ok := st.bestPeel(opt.Alpha, minPoints)
		if !ok {
			return traj, nil
		}
		st.apply(best)
		traj = append(traj, st.step())
	}
}

// bestPeel returns the peel that raises density most per point removed
// and leaves at least minPoints in the box, ties broken as Peel says;
// false if none raises density.
func (st *state) bestPeel(alpha float64, minPoints int) (move, bool) {
	var best move
	bestGain, bestFresh := 0.0, false
	for j := range st.d.Levers {
		fresh := !st.box.Limit(j).Restricted() // a peel of j adds it to the restricted levers
		for _, upper := range []bool{true, false} {
			mv, ok := st.peel(j, upper, alpha)
			if !ok || st.points-mv.points < minPoints {
				continue
			}
			// The score is EMA's default objective (lenient1), computed
			// in the same order, so equal scores are equal here too.
			newDensity := float64(st.cases-mv.cases) / float64(st.points-mv.points)
			gain := (newDensity - st.density()) / float64(mv.points)
			if gain > bestGain || gain == bestGain && bestGain > 0 && bestFresh && !fresh {
				best, bestGain, bestFresh = mv, gain, fresh
			}
		}
	}
	return best, bestGain > 0
}

// Paste grows b back out (Friedman & Fisher 1999): at each step it tries,
// for every restricted side of every lever, adding the PasteAlpha share
// (by the box's size) of the left-out points nearest that side which meet
// the box's other limits (a Discrete lever's next value instead), takes
// the paste that gives the highest density, and stops when every paste
// would lower it. Unlike Friedman & Fisher and the EMA Workbench it also
// takes a paste that keeps density as it is: on a box of density 1 that
// adds coverage for nothing. The result holds every point of b. Paste
// returns ErrNoCases if d has no case, and an error if b holds no point.
func (d *Data) Paste(b Box, opt Options) (Step, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return Step{}, err
	}
	if d.nCases == 0 {
		return Step{}, ErrNoCases
	}
	st := newState(d, b.clone())
	if st.points == 0 {
		return Step{}, errors.New("prim: pasting an empty box")
	}
	for {
		var best move
		bestDensity := st.density()
		for j := range d.Levers {
			for _, upper := range []bool{false, true} {
				mv, ok := st.paste(j, upper, opt.PasteAlpha)
				if !ok {
					continue
				}
				if dens := float64(st.cases+mv.cases) / float64(st.points+mv.points); dens > bestDensity || dens == bestDensity && best.points == 0 {
					best, bestDensity = mv, dens
				}
			}
		}
		if best.points == 0 {
			return st.step(), nil
		}
		st.apply(best)
	}
}

// state is a box and which points of the data it holds.
type state struct {
	d             *Data
	box           Box
	in            []bool
	points, cases int
}

func newState(d *Data, b Box) *state {
	st := &state{d: d, box: b, in: make([]bool, d.Len())}
	st.recount()
	return st
}

// recount marks the points inside the box and counts them.
func (st *state) recount() {
	st.points, st.cases = 0, 0
	for i, c := range st.d.cases {
		st.in[i] = st.d.inside(st.box, i)
		if st.in[i] {
			st.points++
			if c {
				st.cases++
			}
		}
	}
}

func (st *state) density() float64 { return float64(st.cases) / float64(st.points) }

func (st *state) step() Step {
	return Step{Box: st.box.clone(), Stats: newStats(st.points, st.cases, st.d.Len(), st.d.nCases)}
}

// move is a candidate peel or paste: lever j's lower (or upper) bound
// becomes bound, removing or adding points points of which cases are
// cases.
type move struct {
	j             int
	upper         bool
	bound         float64
	points, cases int
}

func (st *state) apply(mv move) {
	if mv.upper {
		st.box.Hi[mv.j] = mv.bound
	} else {
		st.box.Lo[mv.j] = mv.bound
	}
	st.recount()
}

// stepSize is how many points one peel or paste of lever j moves at
// least: alpha of the box, or for a discrete lever one value's worth (the
// scan always finishes a run of tied values).
func (st *state) stepSize(j int, alpha float64) int {
	if st.d.Levers[j].Discrete {
		return 1
	}
	// Less a hair so that 0.05 × 200 is 10, not 11.
	return max(1, int(math.Ceil(alpha*float64(st.points)-1e-9)))
}

// peel finds the peel of lever j from below (or above, if upper): the
// fewest in-box points from that end, whole runs of ties, that number at
// least the step size. ok is false if that would empty the box.
func (st *state) peel(j int, upper bool, alpha float64) (mv move, ok bool) {
	mv, last, next, ok := st.take(j, upper, st.stepSize(j, alpha), func(p int) bool { return st.in[p] })
	if !ok {
		return move{}, false
	}
	mv.upper, mv.bound = upper, st.cut(j, last, next)
	return mv, true
}

// paste finds the paste of lever j below (or above, if upper) the box:
// the fewest left-out points beyond that bound, nearest first and whole
// runs of ties, that meet the box's other limits and number at least the
// step size. ok is false if there are none.
func (st *state) paste(j int, upper bool, alpha float64) (mv move, ok bool) {
	col := st.d.cols[j]
	beyond := func(p int) bool {
		v := col[p]
		return (upper && v > st.box.Hi[j] || !upper && v < st.box.Lo[j]) && st.d.insideExcept(st.box, p, j)
	}
	// Outward from the bound: descending below it, ascending above.
	mv, last, next, more := st.take(j, !upper, st.stepSize(j, alpha), beyond)
	mv.upper = upper
	switch {
	case mv.points == 0:
		return move{}, false
	case more:
		mv.bound = st.cut(j, next, last)
	case upper: // every point on that side pasted: the side opens
		mv.bound = math.Inf(1)
	default:
		mv.bound = math.Inf(-1)
	}
	return mv, true
}

// take walks lever j's points (descending if down, else ascending) that
// pick accepts, taking them until it has at least m and has finished the
// run of ties it is in. It returns them as a move on lever j, for the
// caller to give its side and bound, with the last value taken and the
// next value it did not take, if there is one (more).
func (st *state) take(j int, down bool, m int, pick func(p int) bool) (mv move, last, next float64, more bool) {
	mv = move{j: j}
	col, ord := st.d.cols[j], st.d.order[j]
	last = math.NaN()
	for k := range ord {
		p := ord[k]
		if down {
			p = ord[len(ord)-1-k]
		}
		if !pick(p) {
			continue
		}
		if v := col[p]; mv.points >= m && v != last {
			return mv, last, v, true
		}
		mv.points++
		if st.d.cases[p] {
			mv.cases++
		}
		last = col[p]
	}
	return mv, last, math.NaN(), false
}

// cut is the bound between a value left out, out, and the nearest value
// kept, in: for a discrete lever the kept value itself, else the shortest
// decimal between them.
func (st *state) cut(j int, out, in float64) float64 {
	if st.d.Levers[j].Discrete {
		return in
	}
	return between(math.Min(out, in), math.Max(out, in))
}

// MinDensity returns the index of the step with the largest coverage
// among those with density at least min (the densest of equals), and
// false if no step is that dense.
func (t Trajectory) MinDensity(min float64) (int, bool) {
	best := -1
	for i, s := range t {
		if s.Stats.Density < min {
			continue
		}
		if best < 0 || s.Stats.Coverage > t[best].Stats.Coverage ||
			s.Stats.Coverage == t[best].Stats.Coverage && s.Stats.Density > t[best].Stats.Density {
			best = i
		}
	}
	return best, best >= 0
}

// Frontier returns, in order, the steps that no other step beats on both
// coverage and density (at least as good on both, better on one): the
// trade-off curve to choose a box from.
func (t Trajectory) Frontier() []int {
	var idx []int
	for i, s := range t {
		dominated := false
		for _, o := range t {
			if o.Stats.Coverage >= s.Stats.Coverage && o.Stats.Density >= s.Stats.Density &&
				(o.Stats.Coverage > s.Stats.Coverage || o.Stats.Density > s.Stats.Density) {
				dominated = true
				break
			}
		}
		if !dominated {
			idx = append(idx, i)
		}
	}
	return idx
}

// Balanced returns the step with the largest harmonic mean of coverage
// and density, 2·c·d/(c + d): the F1 score, treating the box as a
// classifier of cases with density its precision and coverage its recall.
// It is -1 for an empty trajectory.
func (t Trajectory) Balanced() int {
	best, bestF := -1, -1.0
	for i, s := range t {
		c, d := s.Stats.Coverage, s.Stats.Density
		f := 0.0
		if c+d > 0 {
			f = 2 * c * d / (c + d)
		}
		if f > bestF {
			best, bestF = i, f
		}
	}
	return best
}
