package experiments

import (
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/sim"
)

// plotMetrics are the per-tick metrics drawn over time.
var plotMetrics = []sim.Metric{sim.OutcomeRate, sim.MeanTrust, sim.AgendaAlignment, sim.PartnersRemaining,
	sim.TotalCost, sim.EnrolledShare, sim.MeasurementMaturity, sim.PhaseReached}

// timeseriesPlots draws each metric over time: median, 50% and 90% bands
// (steps of median and quartiles for whole numbers) per scenario on
// shared axes.
func timeseriesPlots(set *results.PlotSet, m *results.Manifest, scs []Scenario, accs []*results.Accumulator) error {
	names := sim.MetricNames()
	for _, metric := range plotMetrics {
		qs := make([]results.Quantiles, len(accs))
		for s, a := range accs {
			qs[s] = quantilesOf(a, metric, m.Scenarios[s].Name)
		}
		f, err := results.OverTime(m, names[metric], qs)
		if err != nil {
			return err
		}
		set.Add(f, "timeseries_"+names[metric])
	}
	return nil
}

// quantilesOf is one scenario's metric over time; tick t's value is the
// state at the end of week t, at t+1 weeks.
func quantilesOf(a *results.Accumulator, metric sim.Metric, name string) results.Quantiles {
	T := a.Ticks()
	q := results.Quantiles{Name: name, X: make([]float64, T),
		P05: make([]float64, T), P25: make([]float64, T), P50: make([]float64, T), P75: make([]float64, T), P95: make([]float64, T)}
	for t := range T {
		st := a.Stats(t, int(metric))
		q.X[t] = float64(t+1) / float64(sim.WeeksPerYear)
		q.P05[t], q.P25[t], q.P50[t], q.P75[t], q.P95[t] = st.P05, st.P25, st.P50, st.P75, st.P95
	}
	return q
}

// finalPlot draws the distribution of one headline metric after the
// horizon, a box per scenario (bars of runs at each value for a whole
// number); nil when no run has a value.
func finalPlot(m *results.Manifest, c results.Col, vals [][]float64) results.Drawer {
	names := make([]string, len(vals))
	for s := range vals {
		names[s] = m.Scenarios[s].Name
	}
	f, err := results.Finals(m, c.String(), names, vals)
	if err != nil || f == nil {
		return nil // a plot that cannot be drawn is left out, as before
	}
	return f
}
