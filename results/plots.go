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

// timeseriesPlots draws each metric over time: median, 50% and 90% bands
// per scenario on shared axes.
func timeseriesPlots(set *plotSet, m *Manifest, scs []Scenario, accs []*Accumulator) error {
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
			ticks := float64(sim.WeeksPerYear)
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
					return err
				}
				poly.Color = withAlpha(c, band.alpha)
				poly.LineStyle.Width = 0
				p.Add(poly)
			}
			line, err := plotter.NewLine(med)
			if err != nil {
				return err
			}
			line.Color, line.Width = c, vg.Points(1.5)
			p.Add(line)
			p.Legend.Add(m.Scenarios[s].Name+" (median, 50% and 90% bands)", line)
		}
		if err := save(p, "timeseries_"+name); err != nil {
			return err
		}
	}
	return nil
}

// finalPlot draws the distribution of one headline metric after the
// horizon, a box per scenario; nil when no run has a value.
func finalPlot(m *Manifest, c int, vals [][]float64) *plot.Plot {
	name := Metrics[c]
	p := plot.New()
	p.Title.Text = title(name) + " after the horizon"
	k := scaleOf(name)
	var labels []string
	for s := range vals {
		var vs plotter.Values
		for _, v := range vals[s] {
			if v == v { // skip NaN
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
		box.FillColor = withAlpha(colourOf(s), 110)
		box.BoxStyle.Color = colourOf(s)
		p.Add(box)
		labels = append(labels, m.Scenarios[s].Name)
	}
	if len(labels) == 0 {
		return nil
	}
	p.NominalX(labels...)
	return p
}

// renderer renders plots in the background as they are drawn, at most
// one per core at a time, so that what a plot holds can be let go as
// soon as it is written.
type renderer struct {
	dir   string
	sem   chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex
	names []string
	errs  []error
}

func newRenderer(dir string) *renderer {
	return &renderer{dir: dir, sem: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

// start renders p as name.png and name.svg.
func (r *renderer) start(p *plot.Plot, name string) {
	r.names = append(r.names, name)
	r.sem <- struct{}{}
	r.wg.Add(1)
	go func() {
		defer func() { <-r.sem; r.wg.Done() }()
		for _, ext := range []string{"png", "svg"} {
			if err := saveAtomic(p, filepath.Join(r.dir, name+"."+ext)); err != nil {
				r.mu.Lock()
				r.errs = append(r.errs, err)
				r.mu.Unlock()
				return
			}
		}
	}()
}

// wait waits for every plot and returns the files, relative to the
// output folder, in the order started.
func (r *renderer) wait() ([]string, error) {
	r.wg.Wait()
	var files []string
	for _, n := range r.names {
		files = append(files, "plots/"+n+".png", "plots/"+n+".svg")
	}
	return files, errors.Join(r.errs...)
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
