package results

import (
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Quantiles is one design's metric over time, in stored units: at each
// time X, in years, its runs' 5th, 25th, 50th, 75th and 95th percentiles.
type Quantiles struct {
	Name                    string
	X                       []float64
	P05, P25, P50, P75, P95 []float64
}

// The looks of a band: where two designs' bands overlap their fills mix
// into a colour of neither, so each band also has an outline in its own
// colour (solid round the middle 50%, dashed round the 90%), and the 90%
// band is filled so faintly that overlaps stay light.
const (
	outerAlpha = 22
	innerAlpha = 64
)

var (
	outerDashes = []vg.Length{vg.Points(3), vg.Points(2)}
	noteColour  = color.NRGBA{R: 90, G: 90, B: 90, A: 255}
)

// OverTime draws a metric of several designs over time on shared axes:
// each design's median with the middle 50% and 90% of its runs as bands,
// or, for a whole-number metric, its median and quartiles as steps. The
// medians are drawn over every band, so no design's band hides another's
// median.
func OverTime(m *Manifest, metric string, qs []Quantiles) (*Figure, error) {
	d := DisplayOf(metric)
	f := NewFigure(m, Title(metric)+" over time", "years since the start", d.Axis)
	f.Plot.X.Tick.Marker = YearTicks{}
	f.Plot.X.Min = 0
	switch {
	case d.Levels != nil:
		f.Plot.Y.Tick.Marker = LevelTicks(d.Levels)
		f.Plot.Y.Min, f.Plot.Y.Max = 0, float64(len(d.Levels)-1)
	case d.Whole:
		f.Plot.Y.Tick.Marker = RoundTicks{Whole: true}
	}
	var medians []*plotter.Line
	for s, q := range qs {
		var med *plotter.Line
		var err error
		if d.Whole {
			med, err = addSteps(f, q, s, len(qs))
		} else {
			med, err = addBands(f, q, d.Scale, ColourOf(s))
		}
		if err != nil {
			return nil, err
		}
		medians = append(medians, med)
	}
	for s, med := range medians {
		f.Plot.Add(med)
		f.AddLegend(qs[s].Name, bandThumb{c: ColourOf(s), whole: d.Whole, width: med.Width})
	}
	if d.Whole {
		f.AddLegend("median (solid) and quartiles (dashed) of runs", bandThumb{c: noteColour, whole: true, width: vg.Points(1.6)})
	} else {
		f.AddLegend("median, middle 50% and 90% of runs", bandThumb{c: noteColour, width: vg.Points(1.8)})
	}
	return f, nil
}

// series is the points (x[i], k·y[i]).
func series(x, y []float64, k float64) plotter.XYs {
	xy := make(plotter.XYs, len(x))
	for i := range x {
		xy[i] = plotter.XY{X: x[i], Y: y[i] * k}
	}
	return xy
}

// addBands adds a design's 90% and 50% bands and returns its median line.
func addBands(f *Figure, q Quantiles, k float64, c color.NRGBA) (*plotter.Line, error) {
	outer, err := newBand(series(q.X, q.P05, k), series(q.X, q.P95, k), c, outerAlpha, outerDashes)
	if err != nil {
		return nil, err
	}
	inner, err := newBand(series(q.X, q.P25, k), series(q.X, q.P75, k), c, innerAlpha, nil)
	if err != nil {
		return nil, err
	}
	f.Plot.Add(outer, inner)
	med, err := plotter.NewLine(series(q.X, q.P50, k))
	if err != nil {
		return nil, err
	}
	med.Color, med.Width = c, vg.Points(1.8)
	return med, nil
}

// band is the area between two lines at the same x: filled in a colour
// at some opacity, with the two lines stroked in it (not the polygon's
// closing edges, which would draw a line down each end of the series).
type band struct {
	*plotter.Polygon // the fill
	lo, hi           *plotter.Line
}

// newBand is the band between lo and hi in c, filled at opacity alpha,
// its edges dashed when dashes are given.
func newBand(lo, hi plotter.XYs, c color.NRGBA, alpha uint8, dashes []vg.Length) (*band, error) {
	poly, err := plotter.NewPolygon(append(slices.Clone(lo), Reverse(hi)...))
	if err != nil {
		return nil, err
	}
	poly.Color, poly.LineStyle.Width = WithAlpha(c, alpha), 0
	edge := func(xy plotter.XYs) (*plotter.Line, error) {
		l, lerr := plotter.NewLine(xy)
		if lerr == nil {
			l.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(0.7), Dashes: dashes}
		}
		return l, lerr
	}
	b := &band{Polygon: poly}
	if b.lo, err = edge(lo); err != nil {
		return nil, err
	}
	if b.hi, err = edge(hi); err != nil {
		return nil, err
	}
	return b, nil
}

// Plot draws the fill, then the edges.
func (b *band) Plot(c draw.Canvas, p *plot.Plot) {
	b.Polygon.Plot(c, p)
	b.lo.Plot(c, p)
	b.hi.Plot(c, p)
}

// Thumbnail draws the band's fill with its edges at the top and bottom.
func (b *band) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(b.Polygon.Color, pts)
	c.StrokeLine2(b.lo.LineStyle, c.Min.X, c.Min.Y, c.Max.X, c.Min.Y)
	c.StrokeLine2(b.hi.LineStyle, c.Min.X, c.Max.Y, c.Max.X, c.Max.Y)
}

// addSteps adds design s of n's quartiles of a whole-number metric as
// dashed steps and returns its median as a step line. Quantiles of whole
// numbers are whole; the histograms interpolate within a bin narrower
// than 1, so rounding recovers them. Where designs share a value their
// lines would hide one another: each design's dashes take their own slot
// of a shared pattern, so a shared quartile alternates their colours,
// and earlier designs' medians are drawn wider, beneath later ones.
func addSteps(f *Figure, q Quantiles, s, n int) (*plotter.Line, error) {
	c := ColourOf(s)
	dash := vg.Points(4)
	for _, y := range [][]float64{q.P25, q.P75} {
		l, err := plotter.NewLine(wholeSteps(q.X, y))
		if err != nil {
			return nil, err
		}
		l.StepStyle = plotter.PreStep
		l.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(1.2),
			Dashes: []vg.Length{dash, dash * vg.Length(n-1)}, DashOffs: dash * vg.Length((n-s)%n)}
		if n == 1 {
			l.Dashes = []vg.Length{dash, dash}
		}
		f.Plot.Add(l)
	}
	med, err := plotter.NewLine(wholeSteps(q.X, q.P50))
	if err != nil {
		return nil, err
	}
	med.StepStyle = plotter.PreStep
	med.Color, med.Width = c, vg.Points(1.6+1.4*float64(n-1-s))
	return med, nil
}

// wholeSteps is the points (x[i], y[i] rounded to a whole number).
func wholeSteps(x, y []float64) plotter.XYs {
	xy := series(x, y, 1)
	for i := range xy {
		xy[i].Y = math.Round(xy[i].Y)
	}
	return xy
}

// bandThumb is a legend's picture of a design's band: the 90% band, the
// middle 50% and the median across, or for a whole-number metric the
// median between its dashed quartiles.
type bandThumb struct {
	c     color.NRGBA
	whole bool
	width vg.Length // the median's
}

// Thumbnail draws the picture in c.
func (b bandThumb) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	mid := c.Min.Y + h/2
	rect := func(lo, hi vg.Length, alpha uint8, dashes []vg.Length) {
		c.FillPolygon(WithAlpha(b.c, alpha), []vg.Point{{X: c.Min.X, Y: lo}, {X: c.Max.X, Y: lo}, {X: c.Max.X, Y: hi}, {X: c.Min.X, Y: hi}})
		edge := draw.LineStyle{Color: b.c, Width: vg.Points(0.7), Dashes: dashes}
		c.StrokeLine2(edge, c.Min.X, lo, c.Max.X, lo)
		c.StrokeLine2(edge, c.Min.X, hi, c.Max.X, hi)
	}
	if b.whole {
		for _, y := range []vg.Length{c.Min.Y + h/8, c.Max.Y - h/8} {
			c.StrokeLine2(draw.LineStyle{Color: b.c, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}, c.Min.X, y, c.Max.X, y)
		}
	} else {
		rect(c.Min.Y, c.Max.Y, outerAlpha, outerDashes)
		rect(c.Min.Y+h/4, c.Max.Y-h/4, innerAlpha, nil)
	}
	c.StrokeLine2(draw.LineStyle{Color: b.c, Width: b.width}, c.Min.X, mid, c.Max.X, mid)
}
