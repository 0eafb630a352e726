package experiments

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/sim"
)

// plotMetrics are the per-tick metrics drawn over time.
var plotMetrics = []sim.Metric{sim.OutcomeRate, sim.MeanTrust, sim.AgendaAlignment, sim.PartnersRemaining,
	sim.TotalCost, sim.EnrolledShare, sim.MeasurementMaturity, sim.PhaseReached}

// timeseriesPlots draws each metric over time: median, 50% and 90% bands
// per scenario on shared axes.
func timeseriesPlots(set *results.PlotSet, m *results.Manifest, scs []Scenario, accs []*results.Accumulator) error {
	names := sim.MetricNames()
	for _, metric := range plotMetrics {
		name := names[metric]
		p := plot.New()
		p.Title.Text = results.Title(name)
		p.X.Label.Text = "year"
		p.Legend.Top, p.Legend.Left = true, true
		for s, a := range accs {
			line, err := addQuantileBands(p, a, metric, float64(sim.WeeksPerYear), results.Scale(name), s)
			if err != nil {
				return err
			}
			p.Legend.Add(m.Scenarios[s].Name+" (median, 50% and 90% bands)", line)
		}
		set.Add(p, "timeseries_"+name)
	}
	return nil
}

// addQuantileBands draws one scenario's metric over time: its 90% and 50%
// bands, then its median line, in the scenario's colour; it returns the
// line, for the legend.
func addQuantileBands(p *plot.Plot, a *results.Accumulator, metric sim.Metric, ticksPerYear, k float64, s int) (*plotter.Line, error) {
	T := a.Ticks()
	lo90, hi90 := make(plotter.XYs, T), make(plotter.XYs, T)
	lo50, hi50 := make(plotter.XYs, T), make(plotter.XYs, T)
	med := make(plotter.XYs, T)
	for t := range T {
		st := a.Stats(t, int(metric))
		x := float64(t+1) / ticksPerYear
		lo90[t], hi90[t] = plotter.XY{X: x, Y: st.P05 * k}, plotter.XY{X: x, Y: st.P95 * k}
		lo50[t], hi50[t] = plotter.XY{X: x, Y: st.P25 * k}, plotter.XY{X: x, Y: st.P75 * k}
		med[t] = plotter.XY{X: x, Y: st.P50 * k}
	}
	c := results.ColourOf(s)
	for _, band := range []struct {
		lo, hi plotter.XYs
		alpha  uint8
	}{{lo90, hi90, 40}, {lo50, hi50, 90}} {
		poly, err := plotter.NewPolygon(append(band.lo, results.Reverse(band.hi)...))
		if err != nil {
			return nil, err
		}
		poly.Color = results.WithAlpha(c, band.alpha)
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	line, err := plotter.NewLine(med)
	if err != nil {
		return nil, err
	}
	line.Color, line.Width = c, vg.Points(1.5)
	p.Add(line)
	return line, nil
}

// finalPlot draws the distribution of one headline metric after the
// horizon, a box per scenario; nil when no run has a value.
func finalPlot(m *results.Manifest, c results.Col, vals [][]float64) *plot.Plot {
	name := c.String()
	p := plot.New()
	p.Title.Text = results.Title(name) + " after the horizon"
	k := results.Scale(name)
	var labels []string
	for s := range vals {
		var vs plotter.Values
		for _, v := range vals[s] {
			if !math.IsNaN(v) {
				vs = append(vs, v*k)
			}
		}
		if len(vs) == 0 {
			continue
		}
		box, err := plotter.NewBoxPlot(vg.Points(28), float64(len(labels)), vs)
		if err != nil {
			continue
		}
		box.FillColor = results.WithAlpha(results.ColourOf(s), 110)
		box.BoxStyle.Color = results.ColourOf(s)
		p.Add(box)
		labels = append(labels, m.Scenarios[s].Name)
	}
	if len(labels) == 0 {
		return nil
	}
	p.NominalX(labels...)
	return p
}
