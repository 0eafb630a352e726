package prim

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Box is a hyper-rectangle in lever space: a point x is inside when
// Lo[j] ≤ x[j] ≤ Hi[j] for every lever j. An open side is −Inf or +Inf.
type Box struct {
	Levers []Lever // those of the Data the box was found on; read-only
	Lo, Hi []float64
}

// FullBox is the box that holds every point: no lever restricted.
func (d *Data) FullBox() Box {
	k := len(d.Levers)
	b := Box{Levers: d.Levers, Lo: make([]float64, k), Hi: make([]float64, k)}
	for j := range k {
		b.Lo[j], b.Hi[j] = math.Inf(-1), math.Inf(1)
	}
	return b
}

// clone returns a copy of b whose bounds can change without changing b.
func (b Box) clone() Box {
	return Box{Levers: b.Levers, Lo: append([]float64(nil), b.Lo...), Hi: append([]float64(nil), b.Hi...)}
}

// Contains reports whether the point x (one value per lever) is inside b.
func (b Box) Contains(x []float64) bool {
	for j, v := range x {
		if v < b.Lo[j] || v > b.Hi[j] {
			return false
		}
	}
	return true
}

// Limit is one lever's bounds in a box.
type Limit struct {
	Lever  Lever
	Lo, Hi float64
}

// Limit returns the bounds b puts on lever j.
func (b Box) Limit(j int) Limit { return Limit{Lever: b.Levers[j], Lo: b.Lo[j], Hi: b.Hi[j]} }

// Restricted reports whether l leaves out some of the lever's range in
// the data; a bound beyond the range restricts nothing.
func (l Limit) Restricted() bool { return l.Lo > l.Lever.Min || l.Hi < l.Lever.Max }

// Restricted returns the limits of the levers b restricts, in lever order:
// the levers a description of the box has to name.
func (b Box) Restricted() []Limit {
	var ls []Limit
	for _, j := range b.restricted() {
		ls = append(ls, b.Limit(j))
	}
	return ls
}

// restricted returns the indices of the levers b restricts.
func (b Box) restricted() []int {
	var js []int
	for j := range b.Levers {
		if b.Limit(j).Restricted() {
			js = append(js, j)
		}
	}
	return js
}

// String states l as a condition, "complementarity ≥ 0.42", "0.2 ≤ x ≤
// 0.5", or for a discrete lever held to one value "rung = 3"; a limit
// that restricts nothing reads "x unrestricted".
func (l Limit) String() string {
	lo, hi := l.Lo > l.Lever.Min, l.Hi < l.Lever.Max
	// A discrete lever kept to its top (or bottom) value reads as that
	// value: "flag = 1" rather than "flag ≥ 1".
	if l.Lever.Discrete && lo && l.Lo == l.Lever.Max || l.Lever.Discrete && hi && l.Hi == l.Lever.Min || lo && hi && l.Lo == l.Hi {
		v := l.Lo
		if !lo {
			v = l.Hi
		}
		return l.Lever.Name + " = " + num(v)
	}
	switch {
	case lo && hi:
		return num(l.Lo) + " ≤ " + l.Lever.Name + " ≤ " + num(l.Hi)
	case lo:
		return l.Lever.Name + " ≥ " + num(l.Lo)
	case hi:
		return l.Lever.Name + " ≤ " + num(l.Hi)
	}
	return l.Lever.Name + " unrestricted"
}

// String states b as its restrictions joined by "and", or "all points"
// when it restricts nothing.
func (b Box) String() string {
	ls := b.Restricted()
	if len(ls) == 0 {
		return "all points"
	}
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = l.String()
	}
	return strings.Join(parts, " and ")
}

// Stats measures a box on the data (Bryant & Lempert 2010).
type Stats struct {
	Coverage float64 // Cases / TotalCases: the share of the cases the box holds
	Density  float64 // Cases / Points: the share of the box that are cases; NaN if empty
	Mass     float64 // Points / Total: the share of the points in the box
	Points   int     // points in the box
	Cases    int     // cases of interest in the box
	// Total and TotalCases are the points and cases of the data measured.
	Total, TotalCases int
}

// newStats fills in the shares from the counts.
func newStats(points, cases, total, totalCases int) Stats {
	return Stats{
		Coverage: float64(cases) / float64(totalCases),
		Density:  float64(cases) / float64(points),
		Mass:     float64(points) / float64(total),
		Points:   points, Cases: cases, Total: total, TotalCases: totalCases,
	}
}

// String is "coverage 0.81, density 0.93, 212 of 1,000 points".
func (s Stats) String() string {
	return fmt.Sprintf("coverage %.2f, density %.2f, %s of %s points", s.Coverage, s.Density, thousands(s.Points), thousands(s.Total))
}

// Stats measures b on d.
func (d *Data) Stats(b Box) Stats {
	points, cases := 0, 0
	for i, c := range d.cases {
		if d.inside(b, i) {
			points++
			if c {
				cases++
			}
		}
	}
	return newStats(points, cases, d.Len(), d.nCases)
}

// inside reports whether point i is in b.
func (d *Data) inside(b Box, i int) bool { return d.insideExcept(b, i, -1) }

// insideExcept reports whether point i meets every limit of b but lever
// skip's.
func (d *Data) insideExcept(b Box, i, skip int) bool {
	for j, col := range d.cols {
		if j != skip && (col[i] < b.Lo[j] || col[i] > b.Hi[j]) {
			return false
		}
	}
	return true
}

// Step is a box with its statistics: one step of a peeling trajectory, or
// a box chosen, pasted, pruned or found by covering.
type Step struct {
	Box   Box
	Stats Stats
	// QuasiP, for a box Cover took, is each restricted limit's
	// quasi-p-value (in the order of Box.Restricted) on the points the box
	// was chosen from; nil for a step of a trajectory.
	QuasiP []float64
}

// String describes the step for people: "x0 ≥ 0.6 and x2 ≤ 0.3 (coverage
// 0.81, density 0.93, 212 of 1,000 points)".
func (s Step) String() string { return s.Box.String() + " (" + s.Stats.String() + ")" }

// num prints a bound. Bounds are data values or the shortest decimal
// between two data values (see between), so the shortest representation
// is already the readable one.
func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// thousands prints a count with comma separators: 1,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// between returns the decimal with the fewest significant digits strictly
// between a < b, the one nearest their midpoint if several: a bound placed
// there splits the data exactly as the midpoint would but reads "0.6"
// rather than "0.60017".
func between(a, b float64) float64 {
	mid := a + (b-a)/2
	for e := int(math.Floor(math.Log10(b-a))) + 1; e > -300; e-- {
		// Scale by an exact power of ten so the candidate is the double
		// nearest the decimal (0.6, not 0.6000000000000001).
		var c float64
		if e >= 0 {
			s := math.Pow(10, float64(e))
			c = math.Round(mid/s) * s
		} else {
			s := math.Pow(10, float64(-e))
			c = math.Round(mid*s) / s
		}
		// If some multiple of 10^e lies in (a, b), the one nearest mid
		// does too.
		if c > a && c < b {
			return c
		}
	}
	return mid
}
