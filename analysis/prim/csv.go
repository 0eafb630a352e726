package prim

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"strings"
)

// WriteCSV writes the trajectory as a table, one row a step: step,
// coverage, density, mass, points, cases, restricted (how many levers),
// box (as Box.String), then a lower and an upper bound column per lever
// ("name.lo", "name.hi"), NA where the box does not restrict that
// side. It is the data for a coverage–density trade-off plot.
func (t Trajectory) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := []string{"step", "coverage", "density", "mass", "points", "cases", "restricted", "box"}
	var levers []Lever
	if len(t) > 0 {
		levers = t[0].Box.Levers
	}
	for _, l := range levers {
		header = append(header, l.Name+".lo", l.Name+".hi")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	// Numbers always carry a decimal point or an exponent, so that readers
	// type the columns as numbers even where every value is whole.
	f := func(x float64) string {
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eIN") {
			s += ".0"
		}
		return s
	}
	for i, s := range t {
		row := []string{strconv.Itoa(i), f(s.Stats.Coverage), f(s.Stats.Density), f(s.Stats.Mass),
			strconv.Itoa(s.Stats.Points), strconv.Itoa(s.Stats.Cases), strconv.Itoa(len(s.Box.restricted())), s.Box.String()}
		for j, l := range levers {
			lo, hi := "NA", "NA"
			if b := s.Box.Lo[j]; b > l.Min && !math.IsInf(b, 0) {
				lo = f(b)
			}
			if b := s.Box.Hi[j]; b < l.Max && !math.IsInf(b, 0) {
				hi = f(b)
			}
			row = append(row, lo, hi)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
