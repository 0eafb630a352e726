package main

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/cisim/cisim/results"
)

// timeUnits are the metrics a family's time figure shows, the first it
// reports: the process's CPU time a run (which leaves out waits for a
// core on a shared machine), a compare's seconds, else go test's own
// ns/op.
var timeUnits = []string{"cpu-ms/run", "s/compare", "ns/op"}

// memoryUnits are those of its memory figure, drawn where a family
// reports one: what an engine allocates (sim's Scale benchmarks), the
// peak live heap (experiments' ScaleReplicates).
var memoryUnits = []string{"MB/engine", "peak-MB"}

// logSpan is the ratio of an axis's largest to smallest value from which
// it is drawn on a log scale.
const logSpan = 100

// figure draws unit of family f: the median of each point's runs (the
// mean of the middle two of an even number) against its key, the runs'
// range as bars when there are several; a time along "workers" or
// "cores" is drawn as the speed-up over one, beside the ideal (k times
// as fast). A degree of 0 or more adds the polynomial cost model of that
// degree fitted to the medians, which it also returns as a formula.
func figure(f *family, unit, cpu string, deg int) (*results.Figure, string, error) {
	if f.metric([]string{unit}) == "" {
		return nil, "", fmt.Errorf("%s: not every point reports %s", f.name, unit)
	}
	pts := slices.Clone(f.points)
	slices.SortFunc(pts, func(a, b *point) int { return compare(a.x, b.x) })
	title, yLabel := fmt.Sprintf("%s by %s", label(unit), f.key), label(unit)
	speedUp := (f.key == "workers" || f.key == "cores") && slices.Contains(timeUnits, unit)
	runs := make([][]float64, len(pts))
	for i, p := range pts {
		runs[i] = p.metrics[unit]
	}
	if speedUp {
		runs = speedUps(pts, runs)
		title, yLabel = "speed-up by "+f.key, "speed-up over one "+strings.TrimSuffix(f.key, "s")
	}
	xs, mid, lo, hi := make([]float64, len(pts)), make([]float64, len(pts)), make([]float64, len(pts)), make([]float64, len(pts))
	for i, p := range pts {
		v := slices.Sorted(slices.Values(runs[i]))
		xs[i], mid[i], lo[i], hi[i] = p.x, median(v), v[0], v[len(v)-1]
	}
	fig, model := results.NewFigure(nil, title, f.key, yLabel), ""
	fig.Footer = footer(f, unit, cpu, pts)
	if err := addSeries(fig, xs, mid, lo, hi); err != nil {
		return nil, "", err
	}
	if deg >= 0 && !speedUp {
		var err error
		if model, err = addFit(fig, f, unit, xs, mid, deg, decades(lo, hi)); err != nil {
			return nil, "", err
		}
	}
	if speedUp {
		ideal, err := plotter.NewLine(plotter.XYs{{X: xs[0], Y: xs[0]}, {X: xs[len(xs)-1], Y: xs[len(xs)-1]}})
		if err != nil {
			return nil, "", err
		}
		ideal.Color, ideal.Dashes = results.ColourOf(1), []vg.Length{vg.Points(4), vg.Points(3)}
		fig.Plot.Add(ideal)
		fig.AddLegend("ideal: k "+f.key+", k times as fast", ideal)
	}
	if !slices.ContainsFunc(xs, func(x float64) bool { return x != math.Trunc(x) }) {
		fig.Plot.X.Tick.Marker = results.RoundTicks{Whole: true}
	}
	scale(fig, xs, lo, hi)
	return fig, model, nil
}

// speedUps turns each point's times into speed-ups over the first point
// (one worker or core; the first count's times it, were it not 1). Where
// every point has as many runs, the j-th runs are paired — a round of
// measure.sh runs each point once, so a ratio within a round leaves out
// the machine's slow spells between rounds — else each run is divided
// into the median of the first point's.
func speedUps(pts []*point, times [][]float64) [][]float64 {
	n := len(times[0])
	paired := !slices.ContainsFunc(times, func(t []float64) bool { return len(t) != n })
	base := median(slices.Sorted(slices.Values(times[0]))) * pts[0].x
	out := make([][]float64, len(times))
	for i, t := range times {
		out[i] = make([]float64, len(t))
		for j, v := range t {
			if paired {
				base = times[0][j] * pts[0].x
			}
			out[i][j] = base / v
		}
	}
	return out
}

// median is the median of the sorted values v: the middle one, or the
// mean of the middle two.
func median(v []float64) float64 {
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return stat.Mean(v[len(v)/2-1:len(v)/2+1], nil)
}

func compare(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// addSeries adds the medians as points joined by a line and, where the
// runs differ, their range as bars.
func addSeries(fig *results.Figure, xs, mid, lo, hi []float64) error {
	xy := make(plotter.XYs, len(xs))
	errs := make(plotter.YErrors, len(xs))
	for i := range xs {
		xy[i] = plotter.XY{X: xs[i], Y: mid[i]}
		errs[i] = struct{ Low, High float64 }{mid[i] - lo[i], hi[i] - mid[i]}
	}
	line, points, err := plotter.NewLinePoints(xy)
	if err != nil {
		return err
	}
	line.Color, points.Color = results.ColourOf(0), results.ColourOf(0)
	fig.Plot.Add(line, points)
	if slices.Equal(lo, hi) {
		fig.AddLegend("measured (one run a point)", line, points)
		return nil
	}
	bars, err := plotter.NewYErrorBars(struct {
		plotter.XYer
		plotter.YErrorer
	}{xy, errs})
	if err != nil {
		return err
	}
	bars.Color = results.ColourOf(0)
	fig.Plot.Add(bars)
	fig.AddLegend("median of the runs (bars: their range)", line, points)
	return nil
}

// scale puts an axis spanning logSpan or more on a log scale (which
// cannot reach 0, so y is then left where the data are).
func scale(fig *results.Figure, xs, lo, hi []float64) {
	p := fig.Plot
	if decades(xs, xs) {
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	if decades(lo, hi) {
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
		fig.FreeY = true
	}
}

// decades reports whether values from the least of lo to the largest of
// hi, all positive, span logSpan or more: an axis drawn on a log scale.
func decades(lo, hi []float64) bool {
	return slices.Min(lo) > 0 && slices.Max(hi) >= logSpan*slices.Min(lo)
}

// label is a unit as an axis names it.
func label(unit string) string {
	switch unit {
	case "cpu-ms/run":
		return "CPU time a run (ms)"
	case "s/compare":
		return "time a compare (s)"
	case "ns/op":
		return "time an operation (ns)"
	case "MB/engine":
		return "memory an engine allocates (MB)"
	case "peak-MB":
		return "peak live heap (MB)"
	}
	return unit
}

// footer says what the figure was measured from: the benchmark, how
// many runs a point, the machine.
func footer(f *family, unit, cpu string, pts []*point) string {
	n := math.MaxInt
	for _, p := range pts {
		n = min(n, len(p.metrics[unit]))
	}
	s := fmt.Sprintf("go test -bench %s · %s · ", strings.TrimPrefix(f.name, "Benchmark"), unit)
	if n == 1 {
		s += "one run a point"
	} else {
		s += fmt.Sprintf("at least %d runs a point", n)
	}
	if cpu != "" {
		s += " · " + cpu
	}
	return s
}
