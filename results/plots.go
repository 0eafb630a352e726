package results

import (
	"errors"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"path/filepath"
	"runtime"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/cisim/cisim/sim"
)

// palette gives each scenario a colour (colour-blind safe, Okabe–Ito).
var palette = []color.NRGBA{
	{0, 114, 178, 255}, {213, 94, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
	{230, 159, 0, 255}, {86, 180, 233, 255}, {0, 0, 0, 255},
}

func colourOf(s int) color.NRGBA { return palette[s%len(palette)] }

func withAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

// plotMetrics are the per-tick metrics drawn over time.
var plotMetrics = []sim.Metric{sim.OutcomeRate, sim.MeanTrust, sim.AgendaAlignment, sim.PartnersRemaining,
	sim.TotalCost, sim.EnrolledShare, sim.MeasurementMaturity, sim.PhaseReached}

var metricTitle = map[string]string{
	"outcome_rate": "Outcome rate (share in a job or studies)", "mean_trust": "Mean trust among partners",
	"agenda_alignment": "Agenda–need alignment", "partners_remaining": "Partners", "total_cost": "Total cost (MSEK)",
	"enrolled": "Share of beneficiaries enrolled", "measurement_maturity": "Shared-measurement maturity",
	"phase": "Phase (0 initiation … 3 exponential value)", "cost_per_outcome": "Cost per programme outcome (kSEK)",
	"sroi": "Social return on investment",
}

func title(name string) string {
	if t, ok := metricTitle[name]; ok {
		return t
	}
	return name
}

// scaleOf shows money in MSEK over time and kSEK per outcome.
func scaleOf(name string) float64 {
	switch name {
	case "total_cost":
		return 1e-6
	case "cost_per_outcome":
		return 1e-3
	}
	return 1
}

// writePlots draws each metric over time (median, 50% and 90% bands per
// scenario on shared axes) and the distribution of each final metric, as
// PNG and SVG. It returns the files written, relative to dir.
func writePlots(dir string, m *Manifest, scs []Scenario, accs []*Accumulator, finals [][][]float64) ([]string, error) {
	var set plotSet
	save := func(p *plot.Plot, name string) error {
		set.add(p, name)
		return nil
	}
	names := sim.MetricNames()
	for _, metric := range plotMetrics {
		name := names[metric]
		p := plot.New()
		p.Title.Text = title(name)
		p.X.Label.Text = "year"
		p.Legend.Top, p.Legend.Left = true, true
		k := scaleOf(name)
		for s, a := range accs {
			ticks := float64(scs[s].Scenario.Params.TicksPerYear)
			lo90, hi90 := make(plotter.XYs, a.Ticks), make(plotter.XYs, a.Ticks)
			lo50, hi50 := make(plotter.XYs, a.Ticks), make(plotter.XYs, a.Ticks)
			med := make(plotter.XYs, a.Ticks)
			for t := 0; t < a.Ticks; t++ {
				st := a.Stats(t, int(metric))
				x := float64(t+1) / ticks
				lo90[t], hi90[t] = plotter.XY{X: x, Y: st.P05 * k}, plotter.XY{X: x, Y: st.P95 * k}
				lo50[t], hi50[t] = plotter.XY{X: x, Y: st.P25 * k}, plotter.XY{X: x, Y: st.P75 * k}
				med[t] = plotter.XY{X: x, Y: st.P50 * k}
			}
			c := colourOf(s)
			for _, band := range []struct {
				lo, hi plotter.XYs
				alpha  uint8
			}{{lo90, hi90, 40}, {lo50, hi50, 90}} {
				poly, err := plotter.NewPolygon(append(band.lo, reverse(band.hi)...))
				if err != nil {
					return nil, err
				}
				poly.Color = withAlpha(c, band.alpha)
				poly.LineStyle.Width = 0
				p.Add(poly)
			}
			line, err := plotter.NewLine(med)
			if err != nil {
				return nil, err
			}
			line.Color, line.Width = c, vg.Points(1.5)
			p.Add(line)
			p.Legend.Add(m.Scenarios[s].Name+" (median, 50% and 90% bands)", line)
		}
		if err := save(p, "timeseries_"+name); err != nil {
			return nil, err
		}
	}
	for i, name := range Metrics {
		p := plot.New()
		p.Title.Text = title(name) + " after the horizon"
		k := scaleOf(name)
		var labels []string
		for s := range finals {
			var vals plotter.Values
			for _, v := range finals[s][i] {
				if v == v { // skip NaN
					vals = append(vals, v*k)
				}
			}
			if len(vals) == 0 {
				continue
			}
			box, err := plotter.NewBoxPlot(vg.Points(28), float64(len(labels)), vals)
			if err != nil {
				return nil, err
			}
			box.FillColor = withAlpha(colourOf(s), 110)
			box.BoxStyle.Color = colourOf(s)
			p.Add(box)
			labels = append(labels, m.Scenarios[s].Name)
		}
		if len(labels) == 0 {
			continue
		}
		p.NominalX(labels...)
		if err := save(p, "final_"+name); err != nil {
			return nil, err
		}
	}
	return set.render(filepath.Join(dir, "plots"))
}

// plotSet collects drawn plots and renders them to PNG and SVG
// concurrently; the list of files keeps the order they were added in.
type plotSet struct {
	plots []*plot.Plot
	names []string
}

func (s *plotSet) add(p *plot.Plot, name string) {
	s.plots = append(s.plots, p)
	s.names = append(s.names, name)
}

// renderInline writes every plot into dir/plots and returns the files,
// relative to dir, and the SVGs to inline in a report.
func (s *plotSet) renderInline(dir string) ([]string, []template.HTML, error) {
	if err := ensurePlots(dir); err != nil {
		return nil, nil, err
	}
	files, err := s.render(filepath.Join(dir, "plots"))
	if err != nil {
		return nil, nil, err
	}
	svgs, err := inlineSVGs(dir, files)
	return files, svgs, err
}

// render writes every plot into pdir and returns the files, relative to
// the output folder.
func (s *plotSet) render(pdir string) ([]string, error) {
	var files []string
	errs := make([]error, len(s.plots))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, p := range s.plots {
		for _, ext := range []string{"png", "svg"} {
			files = append(files, "plots/"+s.names[i]+"."+ext)
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			for _, ext := range []string{"png", "svg"} {
				if err := saveAtomic(p, filepath.Join(pdir, s.names[i]+"."+ext)); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return files, nil
}

func reverse(xy plotter.XYs) plotter.XYs {
	out := make(plotter.XYs, len(xy))
	for i := range xy {
		out[len(xy)-1-i] = xy[i]
	}
	return out
}

// saveAtomic saves a plot through a temporary file and a rename.
func saveAtomic(p *plot.Plot, path string) error {
	ext := filepath.Ext(path)[1:]
	wt, err := p.WriterTo(7*vg.Inch, 4*vg.Inch, ext)
	if err != nil {
		return fmt.Errorf("results: plot %s: %w", path, err)
	}
	return writeAtomic(path, func(w io.Writer) error {
		_, err := wt.WriteTo(w)
		return err
	})
}
