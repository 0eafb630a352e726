package experiments

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"slices"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

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
func leverLines(m *results.Manifest, pts []PointSummary, metric string) (*plot.Plot, error) {
	p, c, k := leverPlot(m, metric)
	sorted := byLever(pts, 0)
	for s := range m.Scenarios {
		ests := make([]estimateAt, len(sorted))
		for i, ps := range sorted {
			ests[i] = estimateAt{ps.Levers[0], ps.Estimates[s][c]}
		}
		if err := addBand(p, ests, k, results.ColourOf(s), m.Scenarios[s].Name+" (mean, 95% CI)"); err != nil {
			return nil, err
		}
	}
	legendRoom(p, len(m.Scenarios))
	return p, nil
}

// leverPlot is an empty plot of a metric against the sweep's first lever,
// with the metric's column and display scale.
func leverPlot(m *results.Manifest, metric string) (p *plot.Plot, c results.Col, k float64) {
	p = plot.New()
	p.Title.Text = results.Title(metric)
	p.X.Label.Text = m.Sweep.Levers[0]
	p.Legend.Top, p.Legend.Left = true, true
	return p, metricCol(metric), results.Scale(metric)
}

// legendRoom raises the top of the y axis so that a legend of n lines in
// the top left corner sits above the data instead of on it.
func legendRoom(p *plot.Plot, n int) {
	if span := p.Y.Max - p.Y.Min; span > 0 {
		p.Y.Max += span * 0.09 * float64(n)
	}
}

// differenceLine plots the paired difference of the second design from the
// first against the only lever, with its 95% CI, and the zero line.
func differenceLine(m *results.Manifest, pts []PointSummary, metric string) (*plot.Plot, error) {
	c := metricCol(metric)
	k := results.Scale(metric)
	p := plot.New()
	p.Title.Text = headlineLabel(m, metric)
	p.X.Label.Text = m.Sweep.Levers[0]
	p.Legend.Top, p.Legend.Left = true, true
	sorted := byLever(pts, 0)
	ests := make([]estimateAt, len(sorted))
	for i, ps := range sorted {
		ests[i] = estimateAt{ps.Levers[0], ps.Diffs[0][c]}
	}
	if err := addBand(p, ests, k, results.ColourOf(2), "difference (mean, 95% CI)"); err != nil {
		return nil, err
	}
	zero := plotter.NewFunction(func(float64) float64 { return 0 })
	zero.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(zero)
	return p, nil
}

type estimateAt struct {
	x float64
	e analysis.Estimate
}

// addBand adds a mean line with a shaded CI band. Points whose CI is
// undefined (one run) draw the line alone.
func addBand(p *plot.Plot, ests []estimateAt, k float64, c color.NRGBA, label string) error {
	var mean, lo, hi plotter.XYs
	for _, e := range ests {
		mu, l, h := e.e.Mean, e.e.Lo, e.e.Hi
		if !finite(mu) {
			continue
		}
		mean = append(mean, plotter.XY{X: e.x, Y: mu * k})
		if finite(l) && finite(h) {
			lo, hi = append(lo, plotter.XY{X: e.x, Y: l * k}), append(hi, plotter.XY{X: e.x, Y: h * k})
		}
	}
	if len(mean) == 0 {
		return nil
	}
	if len(lo) == len(mean) && len(lo) > 1 {
		poly, err := plotter.NewPolygon(append(lo, results.Reverse(hi)...))
		if err != nil {
			return err
		}
		poly.Color = results.WithAlpha(c, 60)
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	line, points, err := plotter.NewLinePoints(mean)
	if err != nil {
		return err
	}
	line.Color, line.Width = c, vg.Points(1.5)
	points.Color = c
	p.Add(line, points)
	p.Legend.Add(label, line)
	return nil
}

// grid is the mean of a headline over a two-lever grid, for a heat map.
type grid struct {
	xs, ys []float64
	z      [][]float64 // [column][row]
}

func (g grid) Dims() (c, r int)   { return len(g.xs), len(g.ys) }
func (g grid) Z(c, r int) float64 { return g.z[c][r] }
func (g grid) X(c int) float64    { return g.xs[c] }
func (g grid) Y(r int) float64    { return g.ys[r] }

// heatMap draws the headline over a two-lever grid, each cell labelled
// with its value; differences use a diverging palette centred on zero.
func heatMap(m *results.Manifest, pts []PointSummary, metric string) (*plot.Plot, error) {
	c := metricCol(metric)
	k := results.Scale(metric)
	var g grid
	for _, ps := range pts {
		g.xs = append(g.xs, ps.Levers[0])
		g.ys = append(g.ys, ps.Levers[1])
	}
	slices.Sort(g.xs)
	slices.Sort(g.ys)
	g.xs, g.ys = slices.Compact(g.xs), slices.Compact(g.ys)
	g.z = make([][]float64, len(g.xs))
	for i := range g.z {
		g.z[i] = make([]float64, len(g.ys))
		for j := range g.z[i] {
			g.z[i][j] = math.NaN()
		}
	}
	var labels plotter.XYLabels
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, ps := range pts {
		i, _ := slices.BinarySearch(g.xs, ps.Levers[0])
		j, _ := slices.BinarySearch(g.ys, ps.Levers[1])
		v := ps.headline(c).Mean * k
		g.z[i][j] = v
		if finite(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
			labels.XYs = append(labels.XYs, plotter.XY{X: ps.Levers[0], Y: ps.Levers[1]})
			labels.Labels = append(labels.Labels, results.FormatNumber(v))
		}
	}
	if !finite(lo) {
		return nil, fmt.Errorf("results: no finite %s to draw", metric)
	}
	cm := moreland.SmoothBlueRed()
	if len(m.Scenarios) > 1 {
		r := math.Max(math.Abs(lo), math.Abs(hi))
		lo, hi = -r, r
	}
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	cm.SetMin(lo)
	cm.SetMax(hi)
	hm := plotter.NewHeatMap(g, cm.Palette(255))
	hm.Min, hm.Max = lo, hi
	hm.NaN = results.WithAlpha(results.ColourOf(0), 0)
	p := plot.New()
	p.Title.Text = headlineLabel(m, metric)
	p.X.Label.Text, p.Y.Label.Text = m.Sweep.Levers[0], m.Sweep.Levers[1]
	p.Add(hm)
	l, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	for i := range l.TextStyle {
		l.TextStyle[i].XAlign, l.TextStyle[i].YAlign = -0.5, -0.5
	}
	p.Add(l)
	return p, nil
}

// leverScatter plots each point's headline against one lever.
func leverScatter(m *results.Manifest, pts []PointSummary, lever int, metric string) (*plot.Plot, error) {
	c := metricCol(metric)
	k := results.Scale(metric)
	var xys plotter.XYs
	for _, ps := range pts {
		if v := ps.headline(c).Mean; finite(v) {
			xys = append(xys, plotter.XY{X: ps.Levers[lever], Y: v * k})
		}
	}
	p := plot.New()
	p.Title.Text = headlineLabel(m, metric)
	p.X.Label.Text = m.Sweep.Levers[lever]
	if len(xys) == 0 {
		return p, nil
	}
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, err
	}
	s.Color = results.WithAlpha(results.ColourOf(0), 140)
	s.Radius = vg.Points(2)
	p.Add(s)
	return p, nil
}
