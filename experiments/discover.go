package experiments

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/analysis/prim"
	"github.com/cisim/cisim/results"
)

// Question is what scenario discovery asks of a sweep: at which points is
// the metric (or, with two designs, its difference between them) above
// (or below) a threshold?
type Question struct {
	Metric    string
	Threshold float64
	Above     bool
	// MinDensity is the least share of a box's points that must be cases;
	// MaxP drops restrictions whose quasi-p-value is above it; Boxes is
	// the most boxes to find.
	MinDensity, MaxP float64
	Boxes            int
	Options          prim.Options
}

// Discovery is the answer: the cases, the first peeling trajectory, and
// the boxes found, each with what it covers.
type Discovery struct {
	Question   Question
	Levers     []string // what the boxes restrict: a sweep's levers, or the drawn parameters screened in
	Unit       string   // what a case is: a sweep's "points", or "runs"
	Drawn      int      // with runs, how many parameters they drew before screening
	Cases      int
	Points     int
	Trajectory prim.Trajectory
	Boxes      []prim.Step
	Text       string // the answer in words
}

// String says what a question asks, in words.
func (q Question) String(m *results.Manifest) string {
	cmp := "below"
	if q.Above {
		cmp = "above"
	}
	return fmt.Sprintf("%s %s %s", inSentence(headlineLabel(m, q.Metric)), cmp, q.threshold(m))
}

// threshold is the question's threshold as --above and --below take it,
// in the stored unit, and in the unit the tables and plots show where
// that differs: "0.02 (+2 pp)" of a difference of outcome rates, "0.3
// (30%)" of an outcome rate.
func (q Question) threshold(m *results.Manifest) string {
	s := results.FormatNumber(q.Threshold)
	if results.Scale(q.Metric) == 1 || q.Threshold == 0 {
		return s
	}
	return s + " (" + results.FormatMetric(q.Metric, q.Threshold, len(m.Scenarios) > 1) + ")"
}

// Discover runs PRIM on a finished sweep's points (the mean over each
// point's replicates) or, in a folder of runs that drew uncertain
// parameters, on its runs (their draws, and each run's metric or its
// difference between the two designs), and writes discovery.csv (the
// boxes), discovery_trajectory.csv (the first peeling trajectory), a
// coverage–density plot and discovery.html into out: the run's folder dir,
// whose manifest then lists them, or a folder of its own (discoverfolder.go;
// force writes over files of no discovery). The run's summary must hold
// the rows its manifest says are done.
func Discover(dir, out string, m *results.Manifest, q Question, force bool) (*Discovery, []string, error) {
	made := results.Missing(out)
	lock, err := results.Lock(out) // a run writing out, or another discovery, is refused
	if err != nil {
		return nil, nil, err
	}
	defer lock.Close()
	defer results.RemoveIfOnlyLock(out, made) // a refusal leaves no folder Lock made
	own := sameFolder(dir, out)
	if !own { // and no run may start in dir while it is read
		read, rerr := results.LockShared(dir)
		if rerr != nil {
			return nil, nil, rerr
		}
		defer read.Close()
	}
	if err = results.CheckRows(dir, m); err != nil {
		return nil, nil, err
	}
	if !own {
		if err = checkDiscoveryOut(out, force); err != nil {
			return nil, nil, err
		}
	} else if err = listDiscovery(dir, m, discoveryFiles(m)); err != nil {
		return nil, nil, err
	}
	d, files, err := discover(dir, out, m, q)
	if err == nil && own {
		err = listDiscovery(dir, m, files)
	}
	return d, files, err
}

func discover(dir, out string, m *results.Manifest, q Question) (*Discovery, []string, error) {
	c, ok := results.Metric(q.Metric)
	if !ok {
		return nil, nil, fmt.Errorf("experiments: unknown metric %q (allowed: %s)", q.Metric, strings.Join(results.Metrics(), ", "))
	}
	d := &Discovery{Question: q, Unit: "points"}
	var x [][]float64
	var y []float64
	var err error
	if m.Sweep != nil {
		d.Levers = m.Sweep.Levers
		x, y, err = sweepSpace(dir, m, c)
	} else {
		d.Unit = "runs"
		d.Levers, x, y, err = drawnSpace(dir, m, c)
	}
	if err != nil {
		return nil, nil, err
	}
	cases, err := prim.Threshold(y, q.Threshold, q.Above)
	if err != nil {
		return nil, nil, fmt.Errorf("experiments: %s: %w", q.Metric, err)
	}
	if err = d.find(x, cases); err != nil {
		return nil, nil, err
	}
	d.Text = discoveryText(m, d)
	files, err := writeDiscovery(out, m, d)
	return d, files, err
}

// find peels boxes of the cases among x. Runs' parameters are screened
// first, and with none left there is nothing to peel.
func (d *Discovery) find(x [][]float64, cases []bool) error {
	q := d.Question
	d.Points = len(cases)
	for _, c := range cases {
		if c {
			d.Cases++
		}
	}
	if d.Unit == "runs" {
		d.Drawn = len(d.Levers)
		d.Levers, x = screen(d.Levers, x, cases, q.MaxP)
	}
	if d.Cases == 0 || len(d.Levers) == 0 {
		return nil
	}
	data, err := prim.NewData(d.Levers, x, cases)
	if err != nil {
		return err
	}
	if d.Trajectory, err = prim.Peel(data, q.Options); err != nil {
		return err
	}
	d.Boxes, err = data.Cover(q.Options, choosePasted(q), q.Boxes)
	return err
}

// sweepSpace is a sweep's points and each point's mean metric.
func sweepSpace(dir string, m *results.Manifest, c results.Col) (x [][]float64, y []float64, err error) {
	pts, err := ReadPoints(dir, m)
	if err != nil {
		return nil, nil, err
	}
	for _, ps := range pts {
		x, y = append(x, ps.Levers), append(y, ps.headline(c).Mean)
	}
	return x, y, nil
}

// drawnSpace is a folder's runs as cases: each replicate's draws of the
// uncertain parameters that every run drew (from the first design's row),
// and its metric — with two designs or more, the second minus the first.
func drawnSpace(dir string, m *results.Manifest, c results.Col) (levers []string, x [][]float64, y []float64, err error) {
	if len(m.Drawn) == 0 {
		return nil, nil, nil, fmt.Errorf("experiments: %s holds no sweep and its runs drew no uncertain parameter", dir)
	}
	S := len(m.Scenarios)
	var first []float64
	row := 0
	err = results.ReadSummaryFile(dir, func(r results.Record) error {
		switch row % S {
		case 0:
			x, first = append(x, r.Drawn), append(first, r.Values[c])
			y = append(y, r.Values[c])
		case 1:
			y[len(y)-1] = r.Values[c] - first[len(first)-1]
		}
		row++
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	levers, x = columns(m.Drawn, x, drawnEverywhere(x, len(m.Drawn)))
	return levers, x, y, nil
}

// screen keeps the drawn parameters whose draws differ between the runs
// that are cases and the rest (rank-sum test, Holm's step-down at maxP
// over all of them). Peeling a hundred dimensions with a few hundred runs
// would otherwise find a box in the noise: some parameter always separates
// a handful of runs by chance. The sweep's levers are not screened: they
// are few and chosen.
func screen(names []string, x [][]float64, cases []bool, maxP float64) ([]string, [][]float64) {
	ps := make([]float64, len(names))
	for j := range names {
		var in, out []float64
		for i, r := range x {
			if cases[i] {
				in = append(in, r[j])
			} else {
				out = append(out, r[j])
			}
		}
		if _, ps[j] = analysis.RankSum(in, out); math.IsNaN(ps[j]) {
			ps[j] = 1
		}
	}
	order := make([]int, len(names))
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ps[a], ps[b]) })
	var keep []int
	for i, j := range order {
		if ps[j] > maxP/float64(len(names)-i) {
			break
		}
		keep = append(keep, j)
	}
	slices.Sort(keep)
	return columns(names, x, keep)
}

// columns are the named columns keep of x, in a new matrix.
func columns(names []string, x [][]float64, keep []int) ([]string, [][]float64) {
	sub := make([]string, len(keep))
	for j, k := range keep {
		sub[j] = names[k]
	}
	xs := make([][]float64, len(x))
	for i, r := range x {
		xs[i] = make([]float64, len(keep))
		for j, k := range keep {
			xs[i][j] = r[k]
		}
	}
	return sub, xs
}

// drawnEverywhere are the drawn columns with a value in every run.
func drawnEverywhere(x [][]float64, n int) []int {
	var keep []int
	for k := range n {
		ok := true
		for _, r := range x {
			ok = ok && !math.IsNaN(r[k])
		}
		if ok {
			keep = append(keep, k)
		}
	}
	return keep
}

// writeDiscovery writes the files of a discovery into out.
func writeDiscovery(out string, m *results.Manifest, d *Discovery) ([]string, error) {
	if err := results.CheckWritable(out); err != nil {
		return nil, err
	}
	if err := results.WriteTable(out, "discovery.csv", boxesHeader(d.Levers), boxRows(d.Levers, d.Boxes)); err != nil {
		return nil, err
	}
	if err := results.WriteAtomic(filepath.Join(out, "discovery_trajectory.csv"), d.Trajectory.WriteCSV); err != nil {
		return nil, err
	}
	files := []string{"discovery.csv", "discovery_trajectory.csv"}
	var plots []string
	if len(d.Trajectory) > 0 {
		var set results.PlotSet
		set.Add(tradeoffPlot(m, d), "discovery_tradeoff")
		var err error
		if err = results.EnsurePlots(out); err == nil {
			plots, err = set.Render(filepath.Join(out, "plots"))
		}
		if err != nil {
			return nil, err
		}
	}
	if m.Parquet {
		pq, err := results.WriteParquets(out, m, files)
		if err != nil {
			return nil, err
		}
		files = append(files, pq...)
	}
	files = append(files, plots...)
	if err := writeDiscoveryHTML(out, m, d, plots); err != nil {
		return nil, err
	}
	files = append(files, "discovery.html")
	return files, removeStaleDiscovery(out, files)
}

// choosePasted takes from a peeling trajectory the box of largest
// coverage with at least the density asked for, pastes it back out while
// density does not fall (Friedman & Fisher 1999), and drops the
// restrictions that chance alone could explain (quasi-p above MaxP).
func choosePasted(q Question) prim.Chooser {
	return func(rest *prim.Data, t prim.Trajectory) (prim.Box, bool) {
		k, ok := t.MinDensity(q.MinDensity)
		if !ok {
			return prim.Box{}, false
		}
		b := t[k].Box
		if pasted, err := rest.Paste(b, q.Options); err == nil {
			b = pasted.Box
		}
		// Keep the pruned box only if it is still dense enough.
		if pruned := rest.Prune(b, q.MaxP); pruned.Stats.Density >= q.MinDensity {
			b = pruned.Box
		}
		return b, true
	}
}

// discoveryText says what the boxes found.
func discoveryText(m *results.Manifest, d *Discovery) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d %s have %s.", d.Cases, d.Points, d.Unit, d.Question.String(m))
	switch {
	case d.Cases == 0:
		fmt.Fprintf(&b, " There is nothing to explain: none of the %s meets the condition over these ranges.", d.Unit)
		return b.String()
	case d.Cases == d.Points:
		fmt.Fprintf(&b, " All the %s meet it: it holds across the whole range.", d.Unit)
		return b.String()
	case d.Unit == "runs" && len(d.Levers) == 0:
		fmt.Fprintf(&b, " None of the %d parameters the runs drew differs between them and the rest (rank-sum tests, Holm's at %g): "+
			"which runs meet it is not told apart by any one parameter; more runs may tell.", d.Drawn, d.Question.MaxP)
		return b.String()
	case d.Unit == "runs":
		verb := "differ"
		if len(d.Levers) == 1 {
			verb = "differs"
		}
		fmt.Fprintf(&b, " Of the %d parameters the runs drew, %d %s between them and the rest (rank-sum tests, Holm's at %g), and the boxes limit only these: %s.",
			d.Drawn, len(d.Levers), verb, d.Question.MaxP, strings.Join(d.Levers, ", "))
	}
	if len(d.Boxes) == 0 {
		fmt.Fprintf(&b, " No box of these ranges reaches a density of %.2f: the cases do not gather in a region that simple limits describe.", d.Question.MinDensity)
		return b.String()
	}
	covered := 0.0
	for i, s := range d.Boxes {
		covered += s.Stats.Coverage
		if i == 0 {
			fmt.Fprintf(&b, " It holds mostly where %s: %.0f%% of the %s there meet it, and they are %.0f%% of all that do.",
				s.Box.String(), 100*s.Stats.Density, d.Unit, 100*s.Stats.Coverage)
			continue
		}
		fmt.Fprintf(&b, " Also where %s (density %.2f, a further %.0f%% of the cases).", s.Box.String(), s.Stats.Density, 100*s.Stats.Coverage)
	}
	if len(d.Boxes) > 1 {
		fmt.Fprintf(&b, " Together the boxes hold %.0f%% of the cases.", 100*covered)
	}
	return b.String()
}

// boxesHeader names the columns of discovery.csv: each box's statistics,
// then each lever's limits and the quasi-p-value of its restriction.
func boxesHeader(levers []string) []string {
	head := []string{"box", "coverage", "density", "mass", "points", "cases", "description"}
	for _, l := range levers {
		head = append(head, l+".lo", l+".hi", l+".p")
	}
	return head
}

// boxRows are the boxes found, one row each; a lever's limit is NA on a
// side the box does not restrict, and its quasi-p-value NA where it
// restricts neither.
func boxRows(levers []string, boxes []prim.Step) [][]string {
	var rows [][]string
	for i, s := range boxes {
		f := []string{fmt.Sprint(i + 1), results.FormatValue(s.Stats.Coverage), results.FormatValue(s.Stats.Density), results.FormatValue(s.Stats.Mass),
			fmt.Sprint(s.Stats.Points), fmt.Sprint(s.Stats.Cases), s.Box.String()}
		k := 0 // the limit's place among the restricted ones, as QuasiP lists them
		for j := range levers {
			l := s.Box.Limit(j)
			lo, hi, p := math.NaN(), math.NaN(), math.NaN()
			if l.Restricted() {
				if l.Lo > l.Lever.Min {
					lo = l.Lo
				}
				if l.Hi < l.Lever.Max {
					hi = l.Hi
				}
				if k < len(s.QuasiP) {
					p = s.QuasiP[k]
				}
				k++
			}
			f = append(f, results.FormatValues(lo, hi, p)...)
		}
		rows = append(rows, f)
	}
	return rows
}

// tradeoffPlot draws the first peeling trajectory's coverage against its
// density, both on 0–1, with the least density asked for and the first
// box taken (pasted and pruned, so it may lie off the trajectory).
func tradeoffPlot(m *results.Manifest, d *Discovery) results.Drawer {
	f := results.NewFigure(m, "Peeling: coverage against density", "coverage: share of all cases inside the box (0–1)",
		"density: share that are cases (0–1)")
	var xys plotter.XYs
	for _, s := range d.Trajectory {
		xys = append(xys, plotter.XY{X: s.Stats.Coverage, Y: s.Stats.Density})
	}
	if line, points, err := plotter.NewLinePoints(xys); err == nil {
		line.Color, line.Width = results.ColourOf(0), vg.Points(1.8)
		points.Color, points.Shape, points.Radius = results.ColourOf(0), draw.CircleGlyph{}, vg.Points(2.5)
		f.Plot.Add(line, points)
		f.AddLegend("the first box, peel by peel", line, points)
	}
	least := plotter.NewFunction(func(float64) float64 { return d.Question.MinDensity })
	least.LineStyle = draw.LineStyle{Color: color.Gray{Y: 110}, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
	f.Plot.Add(least)
	f.AddLegend(fmt.Sprintf("least density asked for (%g)", d.Question.MinDensity), least)
	if len(d.Boxes) > 0 {
		first := d.Boxes[0]
		if s, err := plotter.NewScatter(plotter.XYs{{X: first.Stats.Coverage, Y: first.Stats.Density}}); err == nil {
			s.GlyphStyle = draw.GlyphStyle{Color: results.ColourOf(1), Radius: vg.Points(5), Shape: draw.CircleGlyph{}}
			f.Plot.Add(s)
			f.AddLegend(boxLegend(first), s)
		}
	}
	f.AddLegend("cases: " + d.Question.String(m))
	f.Plot.X.Min, f.Plot.X.Max, f.Plot.Y.Max = 0, 1, 1 // shares: the whole of 0–1, so that plots compare
	return f
}

// boxLegend names the first box in a legend, with its limits when they
// fit on a line (discovery.csv and discovery.html list them all).
func boxLegend(s prim.Step) string {
	text := "box 1: " + s.Box.String()
	if utf8.RuneCountInString(text) > 80 {
		return "box 1 (its limits in discovery.csv)"
	}
	return text
}

// writeDiscoveryHTML writes the answer as a page.
func writeDiscoveryHTML(out string, m *results.Manifest, d *Discovery, plots []string) error {
	figs, err := results.InlineSVGs(out, plots)
	if err != nil {
		return err
	}
	var rows bytes.Buffer
	for i, s := range d.Boxes {
		fmt.Fprintf(&rows, "<tr><td>%d</td><td>%s</td><td>%.2f</td><td>%.2f</td><td>%d</td></tr>\n",
			i+1, template.HTMLEscapeString(s.Box.String()), s.Stats.Coverage, s.Stats.Density, s.Stats.Points)
	}
	t, err := template.New("discovery").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cisim discover: {{.Q}}</title>
` + results.ReportStyle + `</head><body>
<h1>Where {{.Q}}</h1>
<p>{{.Text}}</p>
{{if .Rows}}<table><tr><th>box</th><th>where</th><th>coverage</th><th>density</th><th>points</th></tr>
{{.Rows}}</table>{{end}}
<p class="small">PRIM (Friedman &amp; Fisher 1999) on the {{.N}} {{.Unit}} in manifest.json{{if eq .Unit "points"}}, each point's mean over
{{.M.Runs}} replicate(s){{else}}, each replicate's draw of the uncertain parameters{{end}}; peeling {{.Alpha}} of a box at a time, boxes of density at least {{.MinDensity}}, restrictions with a
quasi-p-value above {{.MaxP}} dropped, each box pasted back out while its density does not fall. Coverage: the share of all cases in the box; density: the share of the box's points that are cases.</p>
{{range .Figs}}<figure>{{.}}</figure>{{end}}
<h2>The runs</h2><pre>{{.M.Reproduce}}</pre>
</body></html>
`)
	if err != nil {
		return err
	}
	alpha := d.Question.Options.Alpha
	if alpha == 0 {
		alpha = 0.05
	}
	return results.WriteAtomic(filepath.Join(out, "discovery.html"), func(w io.Writer) error {
		return t.Execute(w, map[string]any{
			"Q": d.Question.String(m), "Text": d.Text, "Rows": template.HTML(rows.String()), "N": d.Points, "Unit": d.Unit, "M": m,
			"Alpha": alpha, "MinDensity": d.Question.MinDensity, "MaxP": d.Question.MaxP, "Figs": figs,
		})
	})
}
