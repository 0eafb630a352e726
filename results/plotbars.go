package results

import (
	"image/color"
	"maps"
	"math"
	"slices"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Finals draws a headline metric after the horizon, one box of runs per
// design (names[s]'s runs are vals[s], in stored units, NaN for none);
// a whole-number metric as the share of runs at each value instead,
// which a box of 7s and 8s cannot show. Nil when no run has a value.
func Finals(m *Manifest, metric string, names []string, vals [][]float64) (*Figure, error) {
	d := DisplayOf(metric)
	if d.Whole {
		return wholeFinals(m, metric, names, vals)
	}
	f := NewFigure(m, Title(metric)+" after the horizon", "", d.Axis)
	var labels []string
	for s := range vals {
		var vs plotter.Values
		for _, v := range vals[s] {
			if !math.IsNaN(v) {
				vs = append(vs, v*d.Scale)
			}
		}
		if len(vs) == 0 {
			continue
		}
		box, err := plotter.NewBoxPlot(vg.Points(44), float64(len(labels)), vs)
		if err != nil {
			return nil, err
		}
		box.FillColor = WithAlpha(ColourOf(s), 90)
		box.BoxStyle.Color, box.BoxStyle.Width = ColourOf(s), vg.Points(1)
		box.MedianStyle.Width = vg.Points(2)
		box.WhiskerStyle.Dashes, box.WhiskerStyle.Color = nil, ink
		f.Plot.Add(box)
		labels = append(labels, names[s])
	}
	if len(labels) == 0 {
		return nil, nil
	}
	f.Plot.NominalX(labels...)
	f.Plot.X.Tick.Label.Font.Size = 11
	f.Plot.X.Min, f.Plot.X.Max = -0.5, float64(len(labels))-0.5 // room for the names at the ends
	f.AddLegend("Box: middle 50% of runs, line at the median; whiskers: runs within 1.5 box heights; circles: runs beyond")
	return f, nil
}

// wholeFinals draws, per design, the share of runs that ended at each
// whole value, as bars side by side at each value from 0.
func wholeFinals(m *Manifest, metric string, names []string, vals [][]float64) (*Figure, error) {
	f := NewFigure(m, Title(metric)+" after the horizon", DisplayOf(metric).Axis, "runs (%)")
	n, drawn, most := len(vals), false, 0.0
	for s := range vals {
		counts, runs := map[float64]int{}, 0
		for _, v := range vals[s] {
			if !math.IsNaN(v) {
				counts[math.Round(v)]++
				runs++
			}
		}
		var first *plotter.Polygon
		for _, v := range slices.Sorted(maps.Keys(counts)) { // in order: the SVG is the same every time
			k := counts[v]
			most = max(most, v)
			// Design s of n takes its slot of the 0.8 wide group at v.
			x0 := v - 0.4 + 0.8*float64(s)/float64(n)
			bar, err := rectangle(x0, x0+0.8/float64(n), 100*float64(k)/float64(runs), ColourOf(s))
			if err != nil {
				return nil, err
			}
			f.Plot.Add(bar)
			first = bar
		}
		if first != nil {
			f.AddLegend(names[s], first)
			drawn = true
		}
	}
	if !drawn {
		return nil, nil
	}
	// Every whole value from 0 is marked (up to 20 of them), each group
	// centred on its mark.
	f.Plot.X.Tick.Marker, f.Plot.X.AutoRescale = RoundTicks{Whole: true, MaxMarks: 21}, false
	f.Plot.X.Min, f.Plot.X.Max = -0.5, most+0.5
	return f, nil
}

// rectangle is a bar from 0 to h over [x0, x1], filled and outlined in c.
func rectangle(x0, x1, h float64, c color.NRGBA) (*plotter.Polygon, error) {
	poly, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: 0}, {X: x1, Y: 0}, {X: x1, Y: h}, {X: x0, Y: h}})
	if err != nil {
		return nil, err
	}
	poly.Color = WithAlpha(c, 170)
	poly.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(0.8)}
	return poly, nil
}

// Bar is one estimate of an index or effect with its 95% CI (NaN: none).
type Bar struct {
	Label         string
	Value, Lo, Hi float64
}

// IndexBars draws estimates as horizontal bars from 0 with their 95% CIs,
// in the order given, the first at the bottom; ci says where the
// intervals come from ("bootstrap").
func IndexBars(m *Manifest, title, xLabel string, bars []Bar, ci string) (*Figure, error) {
	f := NewFigure(m, title, xLabel, "")
	f.grid.Horizontal.Color, f.grid.Vertical = nil, draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}
	var vals plotter.Values
	var labels []string
	var whiskers struct {
		plotter.XYs
		plotter.XErrors
	}
	for i, b := range bars {
		v := b.Value
		if !finite(v) {
			v = 0
		}
		vals = append(vals, v)
		labels = append(labels, b.Label)
		if finite(b.Lo) && finite(b.Hi) {
			whiskers.XYs = append(whiskers.XYs, plotter.XY{X: v, Y: float64(i)})
			whiskers.XErrors = append(whiskers.XErrors, struct{ Low, High float64 }{v - b.Lo, b.Hi - v})
		}
	}
	if len(vals) == 0 {
		return f, nil
	}
	chart, err := plotter.NewBarChart(vals, vg.Points(14))
	if err != nil {
		return nil, err
	}
	chart.Horizontal = true
	zero, err := plotter.NewLine(plotter.XYs{{X: 0, Y: -0.5}, {X: 0, Y: float64(len(vals)) - 0.5}})
	if err != nil {
		return nil, err
	}
	zero.LineStyle = draw.LineStyle{Color: ink, Width: vg.Points(0.8)}
	f.Plot.Add(zero)
	chart.Color = WithAlpha(ColourOf(0), 200)
	chart.LineStyle = draw.LineStyle{Color: ColourOf(0), Width: vg.Points(0.6)}
	f.Plot.Add(chart)
	f.AddLegend("estimate", chart)
	if len(whiskers.XYs) > 0 {
		eb, err := plotter.NewXErrorBars(whiskers)
		if err != nil {
			return nil, err
		}
		eb.LineStyle = draw.LineStyle{Color: ink, Width: vg.Points(1)}
		f.Plot.Add(eb)
		f.AddLegend("95% confidence interval ("+ci+")", ciThumb{})
	}
	f.Plot.NominalY(labels...)
	f.Plot.Y.Tick.Label.Font.Size = 10
	return f, nil
}

// ciThumb is a legend's picture of an interval: a line with end caps.
type ciThumb struct{}

// Thumbnail draws the picture in c.
func (ciThumb) Thumbnail(c *draw.Canvas) {
	sty := draw.LineStyle{Color: ink, Width: vg.Points(1)}
	mid, cap := c.Center().Y, (c.Max.Y-c.Min.Y)/3
	c.StrokeLine2(sty, c.Min.X+2, mid, c.Max.X-2, mid)
	c.StrokeLine2(sty, c.Min.X+2, mid-cap, c.Min.X+2, mid+cap)
	c.StrokeLine2(sty, c.Max.X-2, mid-cap, c.Max.X-2, mid+cap)
}

// finite reports whether x is a number (not NaN or infinite).
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
