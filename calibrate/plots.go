package calibrate

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cisim/cisim/analysis/abc"
	"github.com/cisim/cisim/results"
)

var priorInk = color.NRGBA{R: 150, G: 150, B: 150, A: 255}

// rows draws one horizontal interval per row, a grey one behind and a
// coloured one with its middle marked in front: rows[i] = {lo, hi, mid}
// of each.
func rows(f *results.Figure, labels []string, back, front [][3]float64, backName, frontName string) error {
	for i := range labels {
		y := float64(len(labels) - 1 - i) // the first row on top
		for j, iv := range [][3]float64{back[i], front[i]} {
			l, err := plotter.NewLine(plotter.XYs{{X: iv[0], Y: y}, {X: iv[1], Y: y}})
			if err != nil {
				return err
			}
			l.LineStyle = draw.LineStyle{Color: priorInk, Width: vg.Points(9)}
			if j == 1 {
				l.LineStyle = draw.LineStyle{Color: results.ColourOf(0), Width: vg.Points(3.5)}
			}
			f.Plot.Add(l)
			if i == 0 {
				f.AddLegend([]string{backName, frontName}[j], l)
			}
		}
		dot, err := plotter.NewScatter(plotter.XYs{{X: front[i][2], Y: y}})
		if err != nil {
			return err
		}
		dot.GlyphStyle = draw.GlyphStyle{Color: results.ColourOf(0), Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
		f.Plot.Add(dot)
	}
	rev := slices.Clone(labels)
	slices.Reverse(rev)
	f.Plot.NominalY(rev...)
	f.Plot.Y.Tick.Label.Font.Size = 9
	return nil
}

// marginalsPlot shows each parameter's prior and posterior 90% intervals
// on the prior's own range, 0 its lowest and 1 its highest value: a short
// bar is a parameter the evidence pinned down.
func (s *Setup) marginalsPlot(ls []Learned, footer string) (*results.Figure, error) {
	f := results.NewFigure(nil, "Prior and posterior, 90% intervals", "place in the prior's range (0 lowest, 1 highest)", "")
	f.Footer = footer
	var labels []string
	var back, front [][3]float64
	for _, l := range ls {
		lo, w := l.Prior.Low, l.Prior.High-l.Prior.Low
		at := func(x float64) float64 { return (x - lo) / w }
		labels = append(labels, fmt.Sprintf("%s (%s)", strings.TrimPrefix(l.Key, "params."), Narrower(l.Shrinkage)))
		back = append(back, [3]float64{at(l.PriorQ[0]), at(l.PriorQ[2]), at(l.PriorQ[1])})
		front = append(front, [3]float64{at(l.PostQ[0]), at(l.PostQ[2]), at(l.PostQ[1])})
	}
	f.Plot.X.Min, f.Plot.X.Max = 0, 1
	return f, rows(f, labels, back, front, "prior, 5% to 95%", "posterior, 5% to 95% (dot: median)")
}

// predictivePlot shows each target's figure and the posterior predictive
// 90% interval of its statistic, both in units of the target's scale
// around the figure's middle, so targets in different units share an axis.
func (s *Setup) predictivePlot(cs []Check, scales []float64, footer string) (*results.Figure, error) {
	f := results.NewFigure(nil, "Posterior predictive check", "distance from the target, in units of its scale", "")
	f.Footer = footer
	var labels []string
	var back, front [][3]float64
	for _, c := range cs {
		t := &s.Targets[c.Target]
		mid, sc := (t.Lo+t.Hi)/2, scales[c.Target]
		at := func(x float64) float64 { return (x - mid) / sc }
		verdict := "pass"
		if !c.Pass {
			verdict = "FAIL"
		}
		if !s.Fitted[c.Target] {
			verdict += ", a goal"
		}
		labels = append(labels, fmt.Sprintf("%s (%s)", t.Name, verdict))
		lo, hi := at(t.Lo), at(t.Hi)
		if hi-lo < 0.04 { // a single value: a visible mark
			lo, hi = lo-0.02, hi+0.02
		}
		back = append(back, [3]float64{lo, hi, 0})
		front = append(front, [3]float64{at(c.P05), at(c.P95), at(c.P50)})
	}
	return f, rows(f, labels, back, front, "the target's figure", "predicted, 5% to 95% (dot: median)")
}

// pairsPlots are scatter plots of the posterior's particles for the pairs
// among the three parameters that learned most.
func (s *Setup) pairsPlots(pop abc.Population, ls []Learned, footer string) ([]*results.Figure, error) {
	order := make([]int, len(ls))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ls[b].Shrinkage, ls[a].Shrinkage) })
	order = order[:min(3, len(order))]
	var out []*results.Figure
	for i := range order {
		for j := i + 1; j < len(order); j++ {
			a, b := order[i], order[j]
			f := results.NewFigure(nil, "Posterior particles (area: weight)", ls[a].Key, ls[b].Key)
			f.Footer, f.FreeY = footer, true
			var xy plotter.XYZs
			for _, pt := range pop.Particles {
				if pt.Weight > 0 {
					x := s.Values(pt.Z)
					xy = append(xy, plotter.XYZ{X: x[a], Y: x[b], Z: pt.Weight})
				}
			}
			sc, err := plotter.NewScatter(xy)
			if err != nil {
				return nil, err
			}
			maxW := slices.MaxFunc(xy, func(p, q plotter.XYZ) int { return cmp.Compare(p.Z, q.Z) }).Z
			sc.GlyphStyleFunc = func(k int) draw.GlyphStyle {
				return draw.GlyphStyle{Color: results.WithAlpha(results.ColourOf(0), 140), Shape: draw.CircleGlyph{},
					Radius: vg.Points(1.5 + 3.5*math.Sqrt(xy[k].Z/maxW))}
			}
			f.Plot.Add(sc)
			out = append(out, f)
		}
	}
	return out, nil
}

// Narrower says how much narrower a posterior is than its prior, in words.
func Narrower(shrinkage float64) string {
	if shrinkage < 0.005 {
		return "no narrower"
	}
	return fmt.Sprintf("%.0f%% narrower", 100*shrinkage)
}
