package results

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Means is a mean with its 95% CI at each X, in stored units (NaN where
// undefined: a CI from one run).
type Means struct {
	Name         string
	X            []float64
	Mean, Lo, Hi []float64
}

// AddMeans adds a line of means with its CI as a band, in colour c and
// scaled by k, and its legend entry; of lines that share a figure, the
// bands of more than two are filled fainter, since four fills on top of
// one another mix to grey. Points whose CI is undefined draw the line
// alone.
func AddMeans(f *Figure, ms Means, k float64, c color.NRGBA, lines int) error {
	var mean, lo, hi plotter.XYs
	for i, x := range ms.X {
		if !finite(ms.Mean[i]) {
			continue
		}
		mean = append(mean, plotter.XY{X: x, Y: ms.Mean[i] * k})
		if finite(ms.Lo[i]) && finite(ms.Hi[i]) {
			lo, hi = append(lo, plotter.XY{X: x, Y: ms.Lo[i] * k}), append(hi, plotter.XY{X: x, Y: ms.Hi[i] * k})
		}
	}
	if len(mean) == 0 {
		return nil
	}
	var thumbs []plot.Thumbnailer
	if len(lo) == len(mean) && len(lo) > 1 {
		alpha := uint8(50)
		if lines > 2 {
			alpha = 20
		}
		band, err := newBand(lo, hi, c, alpha, nil)
		if err != nil {
			return err
		}
		f.Plot.Add(band)
		thumbs = append(thumbs, band)
	}
	line, points, err := plotter.NewLinePoints(mean)
	if err != nil {
		return err
	}
	line.Color, line.Width = c, vg.Points(1.8)
	points.Color, points.Shape, points.Radius = c, draw.CircleGlyph{}, vg.Points(2.5)
	f.Plot.Add(line, points)
	f.AddLegend(ms.Name, append(thumbs, line)...)
	return nil
}

// NoteMeans says, in the legend, what AddMeans's lines and bands are.
func NoteMeans(f *Figure) {
	f.AddLegend("lines: mean over replicates; bands: its 95% confidence interval")
}

// AddZeroLine adds a dashed line at 0, no difference, with its legend entry.
func AddZeroLine(f *Figure) {
	zero := plotter.NewFunction(func(float64) float64 { return 0 })
	zero.LineStyle = draw.LineStyle{Color: ink, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
	f.Plot.Add(zero)
	f.AddLegend("no difference", zero)
}

// HeatMap draws a metric's means over a two-lever grid (z[i][j] at xs[i],
// ys[j], stored units, NaN where none), each cell labelled with its value
// and unit; a difference of designs (diff) on a diverging palette centred
// on 0, so that its colour says which design leads.
func HeatMap(m *Manifest, title, xLabel, yLabel, metric string, xs, ys []float64, z [][]float64, diff bool) (*Figure, error) {
	k := Scale(metric)
	g := gridData{xs: xs, ys: ys, z: make([][]float64, len(xs))}
	var labels plotter.XYLabels
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range xs {
		g.z[i] = make([]float64, len(ys))
		for j := range ys {
			v := z[i][j] * k
			g.z[i][j] = v
			if finite(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
				labels.XYs = append(labels.XYs, plotter.XY{X: xs[i], Y: ys[j]})
				labels.Labels = append(labels.Labels, FormatMetric(metric, z[i][j], diff))
			}
		}
	}
	if !finite(lo) {
		return nil, fmt.Errorf("results: no finite %s to draw", metric)
	}
	if diff {
		r := math.Max(math.Abs(lo), math.Abs(hi))
		lo, hi = -r, r
	}
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	cm := moreland.SmoothBlueRed()
	cm.SetMin(lo)
	cm.SetMax(hi)
	hm := plotter.NewHeatMap(g, cm.Palette(255))
	hm.Min, hm.Max = lo, hi
	hm.NaN = color.Transparent
	f := NewFigure(m, title, xLabel, yLabel)
	f.FreeY = true // the levers' own range
	f.grid.Horizontal.Color = nil
	f.Plot.X.Tick.Marker, f.Plot.Y.Tick.Marker = ValueTicks(xs), ValueTicks(ys)
	f.Plot.X.AutoRescale, f.Plot.Y.AutoRescale = false, false
	f.Plot.Add(hm)
	if err := addCellLabels(f, labels, g, lo, hi); err != nil {
		return nil, err
	}
	return f, nil
}

// addCellLabels writes each cell's value at its centre, white on the
// palette's dark ends and dark on its pale middle.
func addCellLabels(f *Figure, labels plotter.XYLabels, g gridData, lo, hi float64) error {
	l, err := plotter.NewLabels(labels)
	if err != nil {
		return err
	}
	for i, xy := range labels.XYs {
		ci, _ := slices.BinarySearch(g.xs, xy.X)
		cj, _ := slices.BinarySearch(g.ys, xy.Y)
		t := (g.z[ci][cj] - lo) / (hi - lo) // 0 … 1 along the palette
		sty := &l.TextStyle[i]
		sty.Font = legendFont.Font
		sty.Font.Size = 11
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
		sty.Color = ink
		if t < 0.22 || t > 0.78 {
			sty.Color = color.White
		}
	}
	f.Plot.Add(l)
	return nil
}

// gridData is a heat map's values: z[column][row] at (xs[column], ys[row]).
type gridData struct {
	xs, ys []float64
	z      [][]float64
}

func (g gridData) Dims() (c, r int)   { return len(g.xs), len(g.ys) }
func (g gridData) Z(c, r int) float64 { return g.z[c][r] }
func (g gridData) X(c int) float64    { return g.xs[c] }
func (g gridData) Y(r int) float64    { return g.ys[r] }
