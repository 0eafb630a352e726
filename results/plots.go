package results

import (
	"fmt"
	"html/template"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"gonum.org/v1/plot/plotter"
)

// palette gives each scenario a colour (colour-blind safe, Okabe–Ito).
var palette = []color.NRGBA{
	{0, 114, 178, 255}, {213, 94, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
	{230, 159, 0, 255}, {86, 180, 233, 255}, {0, 0, 0, 255},
}

// ColourOf is the colour of the s-th scenario (or line) of a plot.
func ColourOf(s int) color.NRGBA { return palette[s%len(palette)] }

// WithAlpha is c with opacity a.
func WithAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

// metricTitle names each metric in a title or a sentence; the unit is on
// the axis (DisplayOf), so "raised total cost by 2.8 MSEK" reads once.
var metricTitle = map[string]string{
	"outcome_rate": "Outcome rate", "participant_outcome_rate": "Outcome rate among participants",
	"mean_trust": "Mean trust between partners", "agenda_alignment": "Agenda–need alignment",
	"partners_remaining": "Partners remaining", "total_cost": "Total cost", "enrolled": "Share enrolled",
	"measurement_maturity": "Shared-measurement maturity", "phase": "Phase",
	"cost_per_outcome": "Cost per additional outcome", "sroi": "Social return on investment",
}

// Title is a metric's name as plots and reports show it.
func Title(name string) string {
	if t, ok := metricTitle[name]; ok {
		return t
	}
	return name
}

// Renderer renders plots in the background as they are drawn, at most
// one per core at a time, so that what a plot holds can be let go as
// soon as it is written.
type Renderer struct {
	dir   string
	sem   chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex
	names []string
	errs  map[int]error // by the plot's place in names
}

// NewRenderer renders into the plots folder dir.
func NewRenderer(dir string) *Renderer {
	return &Renderer{dir: dir, sem: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

// Start renders p (a Figure, or a bare plot) as name.png and name.svg.
func (r *Renderer) Start(p Drawer, name string) {
	r.names = append(r.names, name)
	k := len(r.names) - 1
	r.sem <- struct{}{}
	r.wg.Add(1)
	go func() {
		defer func() { <-r.sem; r.wg.Done() }()
		if err := savePlot(p, r.dir, name); err != nil {
			r.mu.Lock()
			if r.errs == nil {
				r.errs = map[int]error{}
			}
			r.errs[k] = err
			r.mu.Unlock()
		}
	}()
}

// Wait waits for every plot and returns the files, relative to the
// output folder, in the order started.
func (r *Renderer) Wait() ([]string, error) {
	r.wg.Wait()
	var files []string
	for _, n := range r.names {
		files = append(files, plotFiles(n)...)
	}
	for k := range r.names { // the first failure in the order started: one line, the same every time
		if err, ok := r.errs[k]; ok {
			if len(r.errs) > 1 {
				err = fmt.Errorf("%w (and %d more plots not written)", err, len(r.errs)-1)
			}
			return files, err
		}
	}
	return files, nil
}

// PlotSet collects drawn plots and renders them to PNG and SVG
// concurrently; the list of files keeps the order they were added in.
type PlotSet struct {
	plots []Drawer
	names []string
}

// Add adds p (a Figure, or a bare plot), to be written as name.png and
// name.svg.
func (s *PlotSet) Add(p Drawer, name string) {
	s.plots = append(s.plots, p)
	s.names = append(s.names, name)
}

// RenderInline writes every plot into dir/plots and returns the files,
// relative to dir, and the SVGs to inline in a report.
func (s *PlotSet) RenderInline(dir string) ([]string, []template.HTML, error) {
	if err := EnsurePlots(dir); err != nil {
		return nil, nil, err
	}
	files, err := s.Render(filepath.Join(dir, "plots"))
	if err != nil {
		return nil, nil, err
	}
	svgs, err := InlineSVGs(dir, files)
	return files, svgs, err
}

// Render writes every plot into the plots folder pdir and returns the
// files, relative to the output folder.
func (s *PlotSet) Render(pdir string) ([]string, error) {
	r := NewRenderer(pdir)
	s.Start(r)
	return r.Wait()
}

// Start starts rendering every plot with r, in the order added (it waits
// for a free renderer each time, as Renderer.Start does).
func (s *PlotSet) Start(r *Renderer) {
	for i, p := range s.plots {
		r.Start(p, s.names[i])
	}
}

// EnsurePlots makes the plots folder of the output folder dir.
func EnsurePlots(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "plots"), 0o777); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return nil
}

// Reverse returns the points in reverse order, to close a band's polygon.
func Reverse(xy plotter.XYs) plotter.XYs {
	out := make(plotter.XYs, len(xy))
	for i := range xy {
		out[len(xy)-1-i] = xy[i]
	}
	return out
}

// plotFiles are the files of the plot name, relative to the output folder.
func plotFiles(name string) []string {
	return []string{"plots/" + name + ".png", "plots/" + name + ".svg"}
}

// savePlot saves a figure as name.png and name.svg in pdir, each through
// a temporary file and a rename.
func savePlot(p Drawer, pdir, name string) error {
	for _, ext := range []string{"png", "svg"} {
		path := filepath.Join(pdir, name+"."+ext)
		if err := WriteAtomic(path, func(w io.Writer) error { return writeFigure(w, p, ext) }); err != nil {
			return err
		}
	}
	return nil
}
