package results

import (
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/sim"
)

// TradeOff plots each design's total cost against its outcome rate
// across futures: a faint dot a future, the median future as a large dot
// with whiskers over the futures' 10th to 90th percentiles on both axes,
// and the cost–outcome front of the medians (the designs no other beats
// on both) as a dashed line. cost and outcome are [design][future], in SEK
// and as shares.
func TradeOff(m *Manifest, designs []string, cost, outcome [][]float64) (*Figure, error) {
	f := NewFigure(m, "Cost against outcome across futures", DisplayOf("total_cost").Axis, DisplayOf("outcome_rate").Axis)
	kx, ky := Scale("total_cost"), Scale("outcome_rate")
	medians := make(plotter.XYs, len(designs))
	for s, name := range designs {
		c := ColourOf(s)
		dots := make(plotter.XYs, len(cost[s]))
		for k := range dots {
			dots[k] = plotter.XY{X: kx * cost[s][k], Y: ky * outcome[s][k]}
		}
		sc, err := plotter.NewScatter(dots)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: WithAlpha(c, 90), Radius: vg.Points(1.8), Shape: draw.CircleGlyph{}}
		qx := analysis.QuantilesType7(cost[s], []float64{0.1, 0.5, 0.9}, nil)
		qy := analysis.QuantilesType7(outcome[s], []float64{0.1, 0.5, 0.9}, nil)
		medians[s] = plotter.XY{X: kx * qx[1], Y: ky * qy[1]}
		whiskers, err := cross(kx*qx[0], kx*qx[2], ky*qy[0], ky*qy[2], medians[s], c)
		if err != nil {
			return nil, err
		}
		mid, err := plotter.NewScatter(plotter.XYs{medians[s]})
		if err != nil {
			return nil, err
		}
		mid.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(4.5), Shape: draw.CircleGlyph{}}
		f.Plot.Add(sc, whiskers[0], whiskers[1], mid)
		f.AddLegend(name+" (median future, 10–90%)", mid)
	}
	front, err := plotter.NewLine(paretoFront(medians))
	if err != nil {
		return nil, err
	}
	front.LineStyle = draw.LineStyle{Color: greyInk, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
	f.Plot.Add(front)
	f.AddLegend("front: no design is cheaper and better", front)
	return f, nil
}

// cross is a horizontal and a vertical whisker through at.
func cross(x0, x1, y0, y1 float64, at plotter.XY, c color.Color) ([2]*plotter.Line, error) {
	var out [2]*plotter.Line
	for i, xy := range []plotter.XYs{{{X: x0, Y: at.Y}, {X: x1, Y: at.Y}}, {{X: at.X, Y: y0}, {X: at.X, Y: y1}}} {
		l, err := plotter.NewLine(xy)
		if err != nil {
			return out, err
		}
		l.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(1.2)}
		out[i] = l
	}
	return out, nil
}

// paretoFront is the points no other point beats on both a lower x and a
// higher y, by increasing x.
func paretoFront(pts plotter.XYs) plotter.XYs {
	var front plotter.XYs
	for i, p := range pts {
		beaten := false
		for j, q := range pts {
			if j != i && q.X <= p.X && q.Y >= p.Y && (q.X < p.X || q.Y > p.Y) {
				beaten = true
			}
		}
		if !beaten && !math.IsNaN(p.X) && !math.IsNaN(p.Y) {
			front = append(front, p)
		}
	}
	slices.SortFunc(front, func(a, b plotter.XY) int { return cmpFloat(a.X, b.X) })
	return front
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Pathways plots, for each design's rule, the share of runs in which it
// has fired by each week (a step line from 0): when an adaptive design
// changes course, and how often. weeks[i] are rule i's firing weeks,
// runs[i] its design's runs, names[i] "design: rule"; the x axis is in
// years.
func Pathways(m *Manifest, names []string, weeks [][]float64, runs []int, horizon int) (*Figure, error) {
	f := NewFigure(m, "When the rules fired", "year", "runs in which the rule has fired (%)")
	f.Plot.X.Tick.Marker = YearTicks{}
	for i, name := range names {
		w := slices.Clone(weeks[i])
		slices.Sort(w)
		xy := plotter.XYs{{X: 0, Y: 0}}
		for k, x := range w {
			y := x / sim.WeeksPerYear
			xy = append(xy, plotter.XY{X: y, Y: xy[len(xy)-1].Y}, plotter.XY{X: y, Y: 100 * float64(k+1) / float64(runs[i])})
		}
		xy = append(xy, plotter.XY{X: float64(horizon) / sim.WeeksPerYear, Y: xy[len(xy)-1].Y})
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		l.LineStyle = draw.LineStyle{Color: ColourOf(i), Width: vg.Points(2)}
		f.Plot.Add(l)
		f.AddLegend(name, l)
	}
	f.Plot.Y.Max = math.Max(f.Plot.Y.Max, 100)
	return f, nil
}
