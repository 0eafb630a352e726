package results

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/cisim/cisim/analysis"
)

// FormatNumber prints a metric for people: four significant digits,
// large numbers (money) whole, NA when undefined.
func FormatNumber(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NA"
	case math.Abs(x) >= 1e4:
		return fmt.Sprintf("%.0f", x)
	default:
		return fmt.Sprintf("%.4g", x)
	}
}

// writeReport writes report.html: one self-contained page (tables, plots
// inlined as SVG, the command and seed that reproduce it) that a strategy
// team can send on.
func writeReport(dir string, m *Manifest, sums []ScenarioSummary, comps []Comparison, plots []string) error {
	type plotRef struct {
		Title string
		SVG   template.HTML
	}
	svgs, err := inlineSVGs(dir, plots)
	if err != nil {
		return err
	}
	var figs []plotRef
	for _, p := range plots {
		if strings.HasSuffix(p, ".svg") {
			figs = append(figs, plotRef{Title: strings.TrimSuffix(filepath.Base(p), ".svg"), SVG: svgs[len(figs)]})
		}
	}
	data := struct {
		M         *Manifest
		Metrics   []string
		Summaries []ScenarioSummary
		Comps     []Comparison
		Figs      []plotRef
	}{m, Metrics, sums, comps, figs}
	funcs := template.FuncMap{
		"num": func(x any) string {
			switch v := x.(type) {
			case jnum:
				return FormatNumber(float64(v))
			case float64:
				return FormatNumber(v)
			}
			return fmt.Sprint(x)
		},
		"pval": func(x jnum) string {
			f := float64(x)
			switch {
			case math.IsNaN(f):
				return "–"
			case f < 0.0001:
				return "< 0.0001"
			default:
				return fmt.Sprintf("%.4f", f)
			}
		},
		"title": title,
	}
	t, err := template.New("report").Funcs(funcs).Parse(reportTemplate)
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, "report.html"), func(w io.Writer) error { return t.Execute(w, data) })
}

const reportTemplate = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>cisim report: {{range $i, $s := .M.Scenarios}}{{if $i}} vs {{end}}{{$s.Name}}{{end}}</title>
` + reportStyle + `</head><body>
<h1>cisim: {{range $i, $s := .M.Scenarios}}{{if $i}} vs {{end}}{{$s.Name}}{{end}}</h1>
<p>{{.M.Runs}} replicates of each scenario over their full horizon; replicate <i>r</i> of every scenario shares its
random streams (common random numbers), so differences are paired. Means with 95% confidence intervals (Student t);
differences are the second scenario minus the first, with Vargha–Delaney A12 (the chance that a run of the second
beats a paired-up run of the first; 0.5 = no difference), Cohen's d and the p-value of a paired t test.</p>

<h2>Results</h2>
<table><tr><th>metric</th>{{range .Summaries}}<th>{{.Name}}: mean [95% CI]</th>{{end}}</tr>
{{range $i, $metric := .Metrics}}<tr><td>{{$metric}}</td>{{range $.Summaries}}{{with index .Estimates $i}}<td>{{num .Mean}} [{{num .Lo}}, {{num .Hi}}]</td>{{end}}{{end}}</tr>
{{end}}</table>

{{if .Comps}}<h2>Differences</h2>
<table><tr><th>metric</th><th>comparison</th><th>difference [95% CI]</th><th>A12</th><th>Cohen's d</th><th>p (paired t)</th><th>p (Wilcoxon)</th></tr>
{{range .Comps}}<tr><td>{{.Metric}}</td><td>{{.B}} − {{.A}}</td><td>{{num .Diff}} [{{num .DiffLo}}, {{num .DiffHi}}]</td><td>{{num .A12}} ({{.A12Size}})</td><td>{{num .CohenD}}</td><td>{{pval .P}}</td><td>{{pval .PWilcoxon}}</td></tr>
{{end}}</table>{{end}}

<h2>Over time and at the end</h2>
{{range .Figs}}<figure>{{.SVG}}</figure>
{{end}}

<h2>Reproduce</h2>
<pre>{{.M.Reproduce}}</pre>
<p class="small">Seed {{.M.Seed}}, {{.M.Runs}} replicates, cisim {{.M.Version}}{{if .M.Commit}} (commit {{.M.Commit}}){{end}}.
The resolved scenarios are in manifest.json; per-run results in summary.csv; per-tick statistics in timeseries.csv.
The model is described in docs/MODEL.md (ODD+D).</p>
</body></html>
`

// Section is a part of a report written by an analysis of the runs: a
// title and its body, already HTML.
type Section struct {
	Title string
	Body  template.HTML
}

// inlineSVGs reads the SVG plots among files for inlining in a report.
func inlineSVGs(dir string, files []string) ([]template.HTML, error) {
	var out []template.HTML
	for _, p := range files {
		if !strings.HasSuffix(p, ".svg") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			return nil, fmt.Errorf("results: report: %w", err)
		}
		// Drop the XML prologue: the SVG is inlined into HTML.
		if i := bytes.Index(b, []byte("<svg")); i > 0 {
			b = b[i:]
		}
		out = append(out, template.HTML(b))
	}
	return out, nil
}

// maxReportPoints bounds the rows of a sweep report's table: a larger
// sweep shows its best and worst points (all are in points.csv).
const maxReportPoints = 40

// writeSweepReport writes a sweep's report.html: what was varied, a table
// of points, the analysis sections and the plots.
func writeSweepReport(dir string, m *Manifest, pts []PointSummary, sections []Section, plots []string) error {
	figs, err := inlineSVGs(dir, plots)
	if err != nil {
		return err
	}
	c := 0 // outcome rate
	shown := slices.Clone(pts)
	note := ""
	if len(shown) > maxReportPoints {
		sort.SliceStable(shown, func(i, j int) bool { return shown[i].headline(c).Mean > shown[j].headline(c).Mean })
		half := maxReportPoints / 2
		shown = append(shown[:half:half], shown[len(shown)-half:]...)
		note = fmt.Sprintf("The %d points with the highest and the %d with the lowest %s of %d; every point is in points.csv.",
			half, half, inSentence(headlineLabel(m, Metrics[c])), len(pts))
	}
	type row struct {
		Point  int
		Levers []string
		Cells  []string
	}
	var rows []row
	for _, ps := range shown {
		r := row{Point: ps.Point}
		for _, x := range ps.Levers {
			r.Levers = append(r.Levers, FormatNumber(x))
		}
		for _, ests := range append(append([][]analysis.Estimate(nil), ps.Estimates...), ps.Diffs...) {
			e := ests[c]
			cell := FormatNumber(e.Mean)
			if finite(e.Lo) {
				cell += fmt.Sprintf(" [%s, %s]", FormatNumber(e.Lo), FormatNumber(e.Hi))
			}
			r.Cells = append(r.Cells, cell)
		}
		rows = append(rows, r)
	}
	var cols []string
	for _, s := range m.Scenarios {
		cols = append(cols, s.Name)
	}
	for _, s := range m.Scenarios[min(1, len(m.Scenarios)):] {
		cols = append(cols, s.Name+" − "+m.Scenarios[0].Name)
	}
	data := struct {
		M        *Manifest
		Rows     []row
		Cols     []string
		Note     string
		Sections []Section
		Figs     []template.HTML
	}{m, rows, cols, note, sections, figs}
	t, err := template.New("sweep").Parse(sweepReportTemplate)
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, "report.html"), func(w io.Writer) error { return t.Execute(w, data) })
}

const reportStyle = `<style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
table{border-collapse:collapse;margin:1em 0;font-size:0.92em}th,td{border:1px solid #ccc;padding:0.3em 0.6em;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f2f2f2}code,pre{background:#f6f6f6;padding:0.1em 0.3em}
pre{padding:0.8em;overflow-x:auto}figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}.small{color:#555;font-size:0.9em}
</style>`

const sweepReportTemplate = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>cisim {{.M.Sweep.Method}}: {{range $i, $s := .M.Scenarios}}{{if $i}} vs {{end}}{{$s.Name}}{{end}}</title>
` + reportStyle + `</head><body>
<h1>cisim {{.M.Sweep.Method}}: {{range $i, $s := .M.Scenarios}}{{if $i}} vs {{end}}{{$s.Name}}{{end}}</h1>
<p>{{len .M.Sweep.Points}} design points ({{.M.Sweep.Method}}) over {{range $i, $l := .M.Sweep.Levers}}{{if $i}}, {{end}}<code>{{$l}}</code>{{end}};
{{.M.Runs}} replicate{{if ne .M.Runs 1}}s{{end}} at each point. Replicate <i>r</i> shares its random streams at every point and in every
design (common random numbers), so differences between points and designs are paired.
Means of the outcome rate with 95% confidence intervals (Student t; none with one replicate).</p>
{{range .Sections}}<h2>{{.Title}}</h2>
{{.Body}}
{{end}}
<h2>Outcome rate at each point</h2>
{{if .Note}}<p>{{.Note}}</p>{{end}}
<table><tr><th>point</th>{{range .M.Sweep.Levers}}<th>{{.}}</th>{{end}}{{range .Cols}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr><td>{{.Point}}</td>{{range .Levers}}<td>{{.}}</td>{{end}}{{range .Cells}}<td>{{.}}</td>{{end}}</tr>
{{end}}</table>
{{range .Figs}}<figure>{{.}}</figure>
{{end}}
<h2>Reproduce</h2>
<pre>{{.M.Reproduce}}</pre>
<p class="small">Seed {{.M.Seed}}, cisim {{.M.Version}}{{if .M.Commit}} (commit {{.M.Commit}}){{end}}.
The resolved designs and every point are in manifest.json; per-run results in summary.csv; per-point means in points.csv.
The model is described in docs/MODEL.md (ODD+D).</p>
</body></html>
`
