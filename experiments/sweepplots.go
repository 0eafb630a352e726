package experiments

import (
	"math"
	"path/filepath"
	"slices"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/results"
)

// sweepPlotMetrics are the headline metrics a sweep plots against its
// levers.
var sweepPlotMetrics = []string{"outcome_rate", "agenda_alignment", "mean_trust", "partners_remaining"}

// writeSweepPlots draws a sweep: with one lever, each metric against it
// with a 95% CI band per design (and the difference between two designs);
// with two levers on a grid, a heat map of the outcome rate (or its
// difference); otherwise the outcome rate (or difference) of every point
// against each lever. It returns the files written.
func writeSweepPlots(dir string, m *results.Manifest, pts []PointSummary) ([]string, error) {
	var set results.PlotSet
	levers := m.Sweep.Levers
	grid2 := len(levers) == 2 && m.Sweep.Method == "grid"
	switch {
	case m.Sweep.Method == "factorial" || m.Sweep.Method == "hypothesis":
		// Their analyses draw their own plots; the points are in points.csv.
	case len(levers) == 1:
		for _, metric := range sweepPlotMetrics {
			p, err := leverLines(m, pts, metric)
			if err != nil {
				return nil, err
			}
			set.Add(p, "sweep_"+metric)
		}
		if len(m.Scenarios) > 1 {
			p, err := differenceLine(m, pts, "outcome_rate")
			if err != nil {
				return nil, err
			}
			set.Add(p, "sweep_difference_outcome_rate")
		}
	case grid2:
		p, err := heatMap(m, pts, "outcome_rate")
		if err != nil {
			return nil, err
		}
		set.Add(p, "heatmap_outcome_rate")
	default:
		for i := range levers {
			if i == 8 {
				break // a sweep of many levers is read through sensitivity indices
			}
			p, err := leverScatter(m, pts, i, "outcome_rate")
			if err != nil {
				return nil, err
			}
			set.Add(p, "scatter_"+levers[i])
		}
	}
	return set.Render(filepath.Join(dir, "plots"))
}

// byLever orders points by one lever's value.
func byLever(pts []PointSummary, lever int) []PointSummary {
	s := slices.Clone(pts)
	sort.SliceStable(s, func(i, j int) bool { return s[i].Levers[lever] < s[j].Levers[lever] })
	return s
}

// leverLines plots a metric's mean against the only lever, with its 95%
// CI as a band, one line per design.
func leverLines(m *results.Manifest, pts []PointSummary, metric string) (*results.Figure, error) {
	f, c, k := leverPlot(m, metric, results.Title(metric), results.DisplayOf(metric).Axis)
	sorted := byLever(pts, 0)
	for s := range m.Scenarios {
		ms := results.Means{Name: m.Scenarios[s].Name}
		for _, ps := range sorted {
			ms = appendEstimate(ms, ps.Levers[0], ps.Estimates[s][c])
		}
		if err := results.AddMeans(f, ms, k, results.ColourOf(s), len(m.Scenarios)); err != nil {
			return nil, err
		}
	}
	results.NoteMeans(f)
	return f, nil
}

// leverPlot is an empty figure of a metric against the sweep's first
// lever, with the metric's column and display scale.
func leverPlot(m *results.Manifest, metric, title, yLabel string) (f *results.Figure, c results.Col, k float64) {
	f = results.NewFigure(m, title, m.Sweep.Levers[0], yLabel)
	return f, metricCol(metric), results.Scale(metric)
}

// appendEstimate adds an estimate at x to a line of means.
func appendEstimate(ms results.Means, x float64, e analysis.Estimate) results.Means {
	ms.X = append(ms.X, x)
	ms.Mean, ms.Lo, ms.Hi = append(ms.Mean, e.Mean), append(ms.Lo, e.Lo), append(ms.Hi, e.Hi)
	return ms
}

// differenceLine plots the paired difference of the second design from the
// first against the only lever, with its 95% CI, and the zero line.
func differenceLine(m *results.Manifest, pts []PointSummary, metric string) (*results.Figure, error) {
	f, c, k := leverPlot(m, metric, headlineLabel(m, metric), results.DisplayOf(metric).DiffAxis)
	ms := results.Means{Name: m.Scenarios[1].Name + " − " + m.Scenarios[0].Name}
	for _, ps := range byLever(pts, 0) {
		ms = appendEstimate(ms, ps.Levers[0], ps.Diffs[0][c])
	}
	results.AddZeroLine(f)
	if err := results.AddMeans(f, ms, k, results.ColourOf(2), 1); err != nil {
		return nil, err
	}
	results.NoteMeans(f)
	return f, nil
}

// heatMap draws the headline over a two-lever grid, each cell labelled
// with its value; differences use a diverging palette centred on zero.
func heatMap(m *results.Manifest, pts []PointSummary, metric string) (*results.Figure, error) {
	c := metricCol(metric)
	var xs, ys []float64
	for _, ps := range pts {
		xs, ys = append(xs, ps.Levers[0]), append(ys, ps.Levers[1])
	}
	slices.Sort(xs)
	slices.Sort(ys)
	xs, ys = slices.Compact(xs), slices.Compact(ys)
	z := make([][]float64, len(xs))
	for i := range z {
		z[i] = make([]float64, len(ys))
		for j := range z[i] {
			z[i][j] = math.NaN()
		}
	}
	for _, ps := range pts {
		i, _ := slices.BinarySearch(xs, ps.Levers[0])
		j, _ := slices.BinarySearch(ys, ps.Levers[1])
		z[i][j] = ps.headline(c).Mean
	}
	return results.HeatMap(m, headlineLabel(m, metric), m.Sweep.Levers[0], m.Sweep.Levers[1], metric, xs, ys, z, len(m.Scenarios) > 1)
}

// leverScatter plots each point's headline against one lever.
func leverScatter(m *results.Manifest, pts []PointSummary, lever int, metric string) (*results.Figure, error) {
	c := metricCol(metric)
	d := results.DisplayOf(metric)
	diff := len(m.Scenarios) > 1
	yLabel := d.Axis
	if diff {
		yLabel = d.DiffAxis
	}
	var xys plotter.XYs
	for _, ps := range pts {
		if v := ps.headline(c).Mean; finite(v) {
			xys = append(xys, plotter.XY{X: ps.Levers[lever], Y: v * d.Scale})
		}
	}
	f := results.NewFigure(m, headlineLabel(m, metric), m.Sweep.Levers[lever], yLabel)
	if switchLever(pts, lever) {
		f.Plot.X.Tick.Marker = plot.ConstantTicks{{Value: 0, Label: "0 (off)"}, {Value: 1, Label: "1 (on)"}}
		f.Plot.X.Min, f.Plot.X.Max, f.Plot.X.AutoRescale = -0.25, 1.25, false
	}
	if diff {
		results.AddZeroLine(f)
	}
	if len(xys) == 0 {
		return f, nil
	}
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, err
	}
	s.Color, s.Shape, s.Radius = results.WithAlpha(results.ColourOf(0), 150), draw.CircleGlyph{}, vg.Points(2.5)
	f.Plot.Add(s)
	f.AddLegend("mean over replicates at a design point", s)
	return f, nil
}

// switchLever reports whether a lever is only ever 0 or 1 (a channel, or
// a condition, switched off and on), which its axis then says.
func switchLever(pts []PointSummary, lever int) bool {
	for _, ps := range pts {
		if v := ps.Levers[lever]; v != 0 && v != 1 {
			return false
		}
	}
	return len(pts) > 0
}
