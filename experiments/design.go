package experiments

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/cisim/cisim/analysis/sensitivity"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/uncertain"
)

// DesignRand is the random source of a sampled design or of a bootstrap
// over its results: a ChaCha8 stream keyed by the master seed and the
// purpose, apart from every stream the model uses. A run, its resumption
// and a merge of its shards draw the same numbers.
func DesignRand(seed uint64, purpose string) *rand.Rand {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], seed)
	key := sha256.Sum256(append(b[:], "cisim design "+purpose...))
	return rand.New(rand.NewChaCha8(key))
}

// MorrisDesign is the design of a Morris analysis of r trajectories over
// k levers on a grid of the given levels: the r most spread of
// morrisCandidates(r) random candidates (Campolongo et al. 2007), drawn
// from the seed. A run and the analysis of its results build it alike.
func MorrisDesign(seed uint64, r, k, levels int) *sensitivity.Morris {
	return sensitivity.MorrisDesign(morrisCandidates(r), k, levels, DesignRand(seed, "morris")).Spread(r)
}

// morrisCandidates is how many random trajectories the r of a Morris
// design are chosen from: 10·r, at most 1,000 (and at least r).
func morrisCandidates(r int) int { return max(r, min(10*r, 1000)) }

// Range is a lever varied over [Lo, Hi]: an axis of a sweep. Steps, when
// above 0, is the number of levels of a grid; Kind, the kind of the
// lever's field, rounds its levels.
type Range struct {
	Key    string
	Kind   scenarios.LeverKind
	Lo, Hi float64
	Steps  int
}

// String is the range as a sweep records it: KEY=LO:HI, or
// KEY=LO:HI:STEPS.
func (r Range) String() string {
	s := r.Key + "=" + strconv.FormatFloat(r.Lo, 'g', -1, 64) + ":" + strconv.FormatFloat(r.Hi, 'g', -1, 64)
	if r.Steps > 0 {
		s += ":" + strconv.Itoa(r.Steps)
	}
	return s
}

// Factor is the lever as a sensitivity factor.
func (r Range) Factor() sensitivity.Factor {
	return sensitivity.Factor{Name: r.Key, Lo: r.Lo, Hi: r.Hi, Integer: r.Kind != scenarios.Real}
}

// Levels are a grid's values of the lever: Steps evenly spaced (default 5,
// or every whole value up to 11 of them), whole levers rounded and
// repeats dropped.
func (r Range) Levels() []float64 {
	steps := r.Steps
	if steps == 0 {
		steps = 5
		if n := int(r.Hi-r.Lo) + 1; r.Kind != scenarios.Real && n <= 11 {
			steps = n
		}
	}
	ls := sensitivity.Levels(r.Lo, r.Hi, steps)
	if r.Kind != scenarios.Real {
		for i := range ls {
			ls[i] = math.Round(ls[i])
		}
	}
	return slices.Compact(ls) // a range LO = HI is one level
}

// gridSweep lays out the grid of every combination of the ranges' levels.
func gridSweep(method string, rs []Range) *results.Sweep {
	sw := &results.Sweep{Method: method}
	var levels [][]float64
	for _, r := range rs {
		sw.Vary = append(sw.Vary, r.String())
		sw.Levers = append(sw.Levers, r.Key)
		levels = append(levels, r.Levels())
	}
	sw.Points = sensitivity.Grid(levels...)
	return sw
}

// ConditionsSweep is the full factorial of the conditions of collective
// impact (scenarios.Conditions()), each off (0) or on (1), whose effects on
// metric its analysis estimates.
func ConditionsSweep(metric string) *results.Sweep {
	names := scenarios.ConditionNames()
	levels := make([][]float64, len(names))
	for i := range levels {
		levels[i] = []float64{0, 1}
	}
	return &results.Sweep{Method: "factorial", Levers: names, Points: sensitivity.Grid(levels...), Metric: metric}
}

// designs are the designs of a sweep, to be built at its points.
type designs struct {
	sw     *results.Sweep
	loaded []*scenarios.Loaded
	kinds  []scenarios.LeverKind  // of the levers; nil for the factorial of the conditions
	post   []*uncertain.Posterior // each design's posterior (--posterior), which its file does not hold
}

func newDesigns(sw *results.Sweep, scs []Scenario) (*designs, error) {
	ds := &designs{sw: sw, loaded: make([]*scenarios.Loaded, len(scs)), post: make([]*uncertain.Posterior, len(scs))}
	for d, sc := range scs {
		ds.post[d] = sc.Scenario.Posterior
		l, err := scenarios.LoadBytes("manifest:"+sc.Name, sc.Resolved, nil)
		if err == nil && sw.PointValues {
			l, err = l.AtPointValues()
		}
		if err != nil {
			return nil, err
		}
		ds.loaded[d] = l
	}
	if sw.Method == "factorial" {
		return ds, nil
	}
	ds.kinds = make([]scenarios.LeverKind, len(sw.Levers))
	for i, key := range sw.Levers {
		var err error
		if ds.kinds[i], err = scenarios.Lever(key); err != nil {
			return nil, err
		}
	}
	return ds, nil
}

// sets are the key=value settings of point p: each lever at its value, or
// in the factorial of the conditions each condition switched on (1) or
// off (0).
func (ds *designs) sets(p int) ([]string, error) {
	point := ds.sw.Points[p]
	if ds.kinds == nil {
		on := make([]bool, len(point))
		for i, x := range point {
			on[i] = x >= 0.5
		}
		return scenarios.ConditionSets(on)
	}
	sets := make([]string, len(point))
	for i, key := range ds.sw.Levers {
		sets[i] = key + "=" + scenarios.LeverValue(ds.kinds[i], point[i])
	}
	return sets, nil
}

// at is design d at point p.
func (ds *designs) at(p, d int) (sim.Scenario, error) {
	sets, err := ds.sets(p)
	if err != nil {
		return sim.Scenario{}, err
	}
	sc, err := ds.loaded[d].With(sets)
	sc.Posterior = ds.post[d]
	return sc, err
}

// SweepAt returns the At of a plan of the sweep over the designs scs:
// design d with point p's settings.
func SweepAt(sw *results.Sweep, scs []Scenario) (func(p, d int) (sim.Scenario, error), error) {
	ds, err := newDesigns(sw, scs)
	if err != nil {
		return nil, err
	}
	return ds.at, nil
}

// PointError is a design that cannot be built at a point of a sweep.
type PointError struct {
	Point  int
	Sets   []string // the settings of the point
	Design string
	Err    error
}

func (e *PointError) Error() string {
	return fmt.Sprintf("experiments: point %d (%s), %s: %v", e.Point, strings.Join(e.Sets, " "), e.Design, e.Err)
}

func (e *PointError) Unwrap() error { return e.Err }

// CheckSweep builds every design at every point once, so that a setting
// the model refuses is found before anything runs; the error is a
// *PointError.
func CheckSweep(sw *results.Sweep, scs []Scenario) error {
	ds, err := newDesigns(sw, scs)
	if err != nil {
		return err
	}
	for p := range sw.Points {
		for d := range scs {
			if _, err := ds.at(p, d); err != nil {
				sets, _ := ds.sets(p)
				return &PointError{Point: p, Sets: sets, Design: scs[d].Name, Err: err}
			}
		}
	}
	return nil
}
