package experiments

import (
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/cisim/cisim/results"
)

// writeReport writes report.html: one self-contained page (tables, plots
// inlined as SVG, the command and seed that reproduce it) that a strategy
// team can send on.
func writeReport(dir string, m *results.Manifest, sums []ScenarioSummary, comps []results.Comparison, fails []results.Failure, plots []string) error {
	type plotRef struct {
		Title string
		SVG   template.HTML
	}
	svgs, err := results.InlineSVGs(dir, plots)
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
		M         *results.Manifest
		Metrics   []string
		Summaries []ScenarioSummary
		Comps     []results.Comparison
		Fails     []results.Failure
		Explain   string
		Figs      []plotRef
	}{m, results.Metrics(), sums, comps, fails, explainCommand(m), figs}
	funcs := template.FuncMap{
		"num": func(x any) string {
			switch v := x.(type) {
			case results.Num:
				return results.FormatNumber(float64(v))
			case float64:
				return results.FormatNumber(v)
			}
			return fmt.Sprint(x)
		},
		"pval":  func(x results.Num) string { return pText(float64(x)) },
		"title": results.Title,
		// A metric's values in its display unit (%, MSEK, kSEK), which
		// its label names, as the plots show them.
		"in":    func(metric string, x float64) string { return results.FormatIn(metric, x) },
		"unit":  results.UnitSuffix,
		"float": func(x results.Num) float64 { return float64(x) },
	}
	t, err := template.New("report").Funcs(funcs).Parse(reportTemplate)
	if err != nil {
		return err
	}
	return results.WriteAtomic(filepath.Join(dir, "report.html"), func(w io.Writer) error { return t.Execute(w, data) })
}

const reportTemplate = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>cisim report: {{range $i, $s := .M.Scenarios}}{{if $i}} vs {{end}}{{$s.Name}}{{end}}</title>
` + results.ReportStyle + `</head><body>
<h1>cisim: {{range $i, $s := .M.Scenarios}}{{if $i}} vs {{end}}{{$s.Name}}{{end}}</h1>
<p>{{.M.Runs}} replicates of each scenario over their full horizon; replicate <i>r</i> of every scenario shares its
random streams (common random numbers), so differences are paired. Means with 95% confidence intervals (Student t);
differences are the second scenario minus the first, with Vargha–Delaney A12 (the chance that a run of the second
beats a paired-up run of the first; 0.5 = no difference), Cohen's d and the p-value of a paired t test.</p>

<h2>Results</h2>
<table><tr><th>metric</th>{{range .Summaries}}<th>{{.Name}}: mean [95% CI]</th>{{end}}</tr>
{{range $i, $metric := .Metrics}}<tr><td>{{$metric}}{{unit $metric false}}</td>{{range $.Summaries}}{{with index .Estimates $i}}<td>{{in $metric .Mean}} [{{in $metric .Lo}}, {{in $metric .Hi}}]</td>{{end}}{{end}}</tr>
{{end}}</table>

<p>The confidence intervals measure Monte Carlo precision: they shrink as replicates are added. What is not known
about the world is in the spread across replicates, each of which draws its own uncertain parameters: the 5th and
95th percentiles below, and the failure shares.</p>
<table><tr><th>metric</th>{{range .Summaries}}<th>{{.Name}}: 5% · median · 95% of runs</th>{{end}}</tr>
{{range $i, $metric := .Metrics}}<tr><td>{{$metric}}{{unit $metric false}}</td>{{range $.Summaries}}{{with index .Spread $i}}<td>{{in $metric .P05}} · {{in $metric .P50}} · {{in $metric .P95}}</td>{{end}}{{end}}</tr>
{{end}}</table>

{{if .Fails}}<h2>How often designs fail</h2>
<p>Shares of runs with 95% Wilson intervals. A run stalls when, with a common agenda, no plan is ever agreed; it
breaks up when fewer than half of its initial partners, or fewer than two, remain; it loses to its twin when its
outcome rate ends below that of the other design's run on the same replicate. events.csv says, run by run, what
happened and why.</p>
<table><tr><th>design</th><th>failure</th><th>versus</th><th>share of runs (%) [95% CI]</th></tr>
{{range .Fails}}<tr><td>{{.Scenario}}</td><td>{{.Kind}}</td><td>{{.Versus}}</td><td>{{in .Kind (float .Share)}} [{{in .Kind (float .Lo)}}, {{in .Kind (float .Hi)}}]</td></tr>
{{end}}</table>{{end}}

{{if .Comps}}<h2>Differences</h2>
<table><tr><th>metric</th><th>comparison</th><th>difference [95% CI]</th><th>5% · median · 95% of paired runs</th><th>A12</th><th>Cohen's d</th><th>p (paired t)</th><th>p (Wilcoxon)</th></tr>
{{range .Comps}}<tr><td>{{.Metric}}{{unit .Metric true}}</td><td>{{.B}} − {{.A}}</td><td>{{in .Metric (float .Diff)}} [{{in .Metric (float .DiffLo)}}, {{in .Metric (float .DiffHi)}}]</td><td>{{in .Metric (float .DiffP05)}} · {{in .Metric (float .DiffP50)}} · {{in .Metric (float .DiffP95)}}</td><td>{{num .A12}} ({{.A12Size}})</td><td>{{num .CohenD}}</td><td>{{pval .P}}</td><td>{{pval .PWilcoxon}}</td></tr>
{{end}}</table>
<p class="small">The interval is the precision of the mean difference; the percentiles are where the differences of single
paired runs lie, what one partnership might see.</p>
<p class="small">The rows stalled, broke_up, lost_to_twin and failed compare the shares of runs that failed each way
(a run is 1 if it did, 0 if not; a design without a common agenda never stalls), paired by replicate.</p>{{end}}
{{if .Explain}}<h2>Which mechanisms carry the difference</h2>
<p>Each channel of the model (referral, specialisation, shared data, conflict, …) can be switched off in both designs
on the same replicates, one at a time and in every combination (Shapley values), to say how much of the difference
it carries. That takes many times this run's simulations, so it is a command of its own:</p>
<pre>{{.Explain}}</pre>{{end}}

<h2>Over time and at the end</h2>
{{range .Figs}}<figure>{{.SVG}}</figure>
{{end}}

<h2>Reproduce</h2>
<pre>{{.M.Reproduce}}</pre>
<p class="small">Seed {{.M.Seed}}, {{.M.Runs}} replicates, cisim {{.M.Version}}{{if .M.Commit}} (commit {{.M.Commit}}){{end}}.
{{if .M.Posterior}}The parameters {{range $i, $k := .M.Posterior.Keys}}{{if $i}}, {{end}}<code>{{$k}}</code>{{end}} were drawn from the
calibration's posterior {{.M.Posterior.Source}} ({{len .M.Posterior.Particles}} particles; the calibration's
calibration.html shows its targets and how well they are met), the others from their distributions.{{end}}
The resolved scenarios are in manifest.json; per-run results in summary.csv; per-tick statistics in timeseries.csv.
The model is described in docs/MODEL.md (ODD+D).</p>
</body></html>
`

// explainCommand is the command that attributes a comparison of two
// designs to the model's channels, with this run's settings and explain's
// own number of replicates; empty for anything else.
func explainCommand(m *results.Manifest) string {
	if m.Subcommand != "compare" || len(m.Scenarios) != 2 || !strings.HasPrefix(m.Reproduce, "cisim compare ") {
		return ""
	}
	cmd := "cisim explain " + strings.TrimPrefix(m.Reproduce, "cisim compare ")
	return runsFlag.ReplaceAllString(cmd, "")
}

// runsFlag matches the flags that set how many replicates a comparison
// ran, which explain sets its own way.
var runsFlag = regexp.MustCompile(` --(runs|max-runs|precision) [0-9.eE+-]+`)

// maxReportPoints bounds the rows of a sweep report's table: a larger
// sweep shows its best and worst points (all are in points.csv).
const maxReportPoints = 40

// writeSweepReport writes a sweep's report.html: what was varied, a table
// of points, the analysis sections and the plots.
func writeSweepReport(dir string, m *results.Manifest, pts []PointSummary, sections []results.Section, plots []string) error {
	figs, err := results.InlineSVGs(dir, plots)
	if err != nil {
		return err
	}
	c := results.ColOutcomeRate
	shown := slices.Clone(pts)
	note := ""
	if len(shown) > maxReportPoints {
		sort.SliceStable(shown, func(i, j int) bool { return shown[i].headline(c).Mean > shown[j].headline(c).Mean })
		half := maxReportPoints / 2
		shown = append(shown[:half:half], shown[len(shown)-half:]...)
		note = fmt.Sprintf("The %d points with the highest and the %d with the lowest %s of %d; every point is in points.csv.",
			half, half, inSentence(headlineLabel(m, c.String())), len(pts))
	}
	var rows []reportRow
	for _, ps := range shown {
		rows = append(rows, pointRow(ps, c))
	}
	var cols []string
	for _, s := range m.Scenarios {
		cols = append(cols, s.Name)
	}
	for _, s := range m.Scenarios[min(1, len(m.Scenarios)):] {
		cols = append(cols, s.Name+" − "+m.Scenarios[0].Name)
	}
	data := struct {
		M        *results.Manifest
		Rows     []reportRow
		Cols     []string
		Note     string
		Sections []results.Section
		Figs     []template.HTML
	}{m, rows, cols, note, sections, figs}
	t, err := template.New("sweep").Parse(sweepReportTemplate)
	if err != nil {
		return err
	}
	return results.WriteAtomic(filepath.Join(dir, "report.html"), func(w io.Writer) error { return t.Execute(w, data) })
}

// reportRow is a point in the table of a sweep's report.
type reportRow struct {
	Point  int
	Levers []string
	Cells  []string // each design's mean [95% CI] of one metric, then each difference's
}

func pointRow(ps PointSummary, c results.Col) reportRow {
	r := reportRow{Point: ps.Point}
	for _, x := range ps.Levers {
		r.Levers = append(r.Levers, results.FormatNumber(x))
	}
	for _, ests := range append(slices.Clone(ps.Estimates), ps.Diffs...) {
		e := ests[c]
		cell := results.FormatIn(c.String(), e.Mean)
		if finite(e.Lo) {
			cell += fmt.Sprintf(" [%s, %s]", results.FormatIn(c.String(), e.Lo), results.FormatIn(c.String(), e.Hi))
		}
		r.Cells = append(r.Cells, cell)
	}
	return r
}

const sweepReportTemplate = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>cisim {{.M.Sweep.Method}}: {{range $i, $s := .M.Scenarios}}{{if $i}} vs {{end}}{{$s.Name}}{{end}}</title>
` + results.ReportStyle + `</head><body>
<h1>cisim {{.M.Sweep.Method}}: {{range $i, $s := .M.Scenarios}}{{if $i}} vs {{end}}{{$s.Name}}{{end}}</h1>
<p>{{len .M.Sweep.Points}} design points ({{.M.Sweep.Method}}) over {{range $i, $l := .M.Sweep.Levers}}{{if $i}}, {{end}}<code>{{$l}}</code>{{end}};
{{.M.Runs}} replicate{{if ne .M.Runs 1}}s{{end}} at each point. Replicate <i>r</i> shares its random streams at every point and in every
design (common random numbers), so differences between points and designs are paired.
Means of the outcome rate in % of young people (differences between designs in percentage points) with 95% confidence
intervals (Student t; none with one replicate).</p>
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
{{if .M.Posterior}}The parameters {{range $i, $k := .M.Posterior.Keys}}{{if $i}}, {{end}}<code>{{$k}}</code>{{end}} were drawn from the
calibration's posterior {{.M.Posterior.Source}} ({{len .M.Posterior.Particles}} particles), the others from their distributions.{{end}}
The resolved designs and every point are in manifest.json; per-run results in summary.csv; per-point means in points.csv.
The model is described in docs/MODEL.md (ODD+D).</p>
</body></html>
`
