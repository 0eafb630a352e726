package calibrate

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strings"

	"github.com/cisim/cisim/results"
)

// ReportFile is the calibration's self-contained report.
const ReportFile = "calibration.html"

// Outcome is what a finished calibration found, for the command's summary.
type Outcome struct {
	State   *State
	Learned []Learned
	Checks  []Check
	Joints  []Joint
	Files   []string
}

// finalize runs the predictive check and writes every output file.
func (s *Setup) finalize(ctx context.Context, o Options, st *State) (*Outcome, error) {
	pop := st.Generations[len(st.Generations)-1]
	stats, err := s.predictive(ctx, o, pop)
	if err != nil {
		return nil, err
	}
	out := &Outcome{State: st, Learned: s.learned(pop), Checks: s.checks(stats, st.Scales), Joints: s.joints(stats, st.Scales)}
	for _, w := range []func() error{
		func() error { return s.writePosterior(o.Out, st) },
		func() error { return writeTolerances(o.Out, st) },
		func() error { return writeParameters(o.Out, out.Learned) },
		func() error { return s.writePredictive(o.Out, out.Checks) },
		func() error { return s.writeJoint(o.Out, out.Joints) },
	} {
		if werr := w(); werr != nil {
			return nil, werr
		}
	}
	files, err := s.writeReport(o.Out, out)
	if err != nil {
		return nil, err
	}
	out.Files = append([]string{StateFile, PosteriorFile, TolerancesFile, ParametersFile, PredictiveFile, JointFile, ReportFile}, files...)
	return out, removeLogs(o.Out, -1)
}

// Footer names the calibration behind a figure.
func (s *Setup) Footer() string {
	return fmt.Sprintf("cisim calibrate · seed %d · %d particles × %d × %d runs of each design",
		s.Seed, s.Particles, s.Datasets, s.Replicates)
}

func (s *Setup) writeReport(dir string, out *Outcome) ([]string, error) {
	var set results.PlotSet
	pop := out.State.Generations[len(out.State.Generations)-1]
	m, err := s.marginalsPlot(out.Learned, s.Footer())
	if err != nil {
		return nil, err
	}
	set.Add(m, "calibration-marginals")
	p, err := s.predictivePlot(out.Checks, out.State.Scales, s.Footer())
	if err != nil {
		return nil, err
	}
	set.Add(p, "calibration-predictive")
	pairs, err := s.pairsPlots(pop, out.Learned, s.Footer())
	if err != nil {
		return nil, err
	}
	for i, f := range pairs {
		set.Add(f, fmt.Sprintf("calibration-pairs-%d", i+1))
	}
	files, svgs, err := set.RenderInline(dir)
	if err != nil {
		return nil, err
	}
	return files, results.WriteAtomic(filepath.Join(dir, ReportFile), func(w io.Writer) error {
		return reportPage.Execute(w, s.reportData(out, svgs))
	})
}

type reportRow []string

func (s *Setup) reportData(out *Outcome, svgs []template.HTML) map[string]any {
	st := out.State
	var gens, params, checks, apart []reportRow
	for _, pop := range st.Generations {
		gens = append(gens, reportRow{fmt.Sprint(pop.Generation), results.FormatNumber(pop.Tolerance), results.FormatNumber(pop.ESS),
			fmt.Sprint(pop.Proposals), results.FormatNumber(pop.Acceptance)})
	}
	for _, l := range out.Learned {
		params = append(params, reportRow{l.Key, l.Prior.String(), interval(l.PriorQ), interval(l.PostQ), Narrower(l.Shrinkage)})
	}
	var failing []string
	for _, c := range out.Checks {
		t := &s.Targets[c.Target]
		verdict := "pass"
		if !c.Pass {
			verdict = "FAIL"
			failing = append(failing, t.Name)
		}
		checks = append(checks, reportRow{t.Name, t.Kind.String(), yesNo(s.Fitted[c.Target]), t.Describe(), t.Figure(),
			interval([3]float64{c.P05, c.P50, c.P95}), fmt.Sprintf("%.0f%%", 100*c.Met), verdict})
	}
	for _, j := range out.Joints {
		if j.Apart() {
			apart = append(apart, reportRow{s.Targets[j.A].Name, s.Targets[j.B].Name,
				fmt.Sprintf("%.0f%%", 100*j.MetA), fmt.Sprintf("%.0f%%", 100*j.MetB)})
		}
	}
	var designs []string
	for _, d := range s.Designs {
		designs = append(designs, d.Name)
	}
	return map[string]any{"Style": template.HTML(results.ReportStyle), "Setup": s, "State": st, "Designs": strings.Join(designs, ", "),
		"Gens": gens, "Params": params, "Checks": checks, "Failing": strings.Join(failing, ", "), "Apart": apart,
		"SVGs": svgs, "MetWithin": MetWithin, "Runs": st.Simulations, "Capped": strings.HasPrefix(st.Reason, "maximum of")}
}

func interval(q [3]float64) string {
	return fmt.Sprintf("%s (%s to %s)", results.FormatNumber(q[1]), results.FormatNumber(q[0]), results.FormatNumber(q[2]))
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no (a goal)"
}

var reportPage = template.Must(template.New("report").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cisim calibration</title>{{.Style}}</head><body>
<h1>Calibration against {{.Setup.Origin}}</h1>
<p>Approximate Bayesian computation by adaptive sequential Monte Carlo (Del Moral, Doucet &amp; Jasra 2012) over
{{len .Setup.Params}} parameters of the designs {{.Designs}}: {{.Setup.Particles}} particles, each simulated as
{{.Setup.Datasets}} pseudo-dataset(s) of {{.Setup.Replicates}} replicates of every design, seed {{.Setup.Seed}};
{{len .State.Generations}} generations and {{.Runs}} model runs. It stopped because {{.State.Reason}}.
A target's miss is how far its statistic lies outside its figure, in units of its scale (the spread of the
statistic over the prior's simulations); the distance is their weighted root mean square.</p>
<h2>Posterior predictive check</h2>
<p>Each target's statistic over {{.Setup.Predictive}} draws from the posterior, each run with new random numbers.
A target passes when its figure lies within, or overlaps, the predicted 5%–95% interval; "met" is the share of
draws whose statistic is inside the figure or within {{.MetWithin}} of its scale of it. Goals are shown, never fitted.</p>
<table><tr><th>target</th><th>kind</th><th>fitted</th><th>statistic</th><th>figure</th><th>predicted median (5% to 95%)</th><th>met</th><th>check</th></tr>
{{range .Checks}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</table>
{{if .Failing}}<p><strong>Targets the calibrated model does not reproduce: {{.Failing}}.</strong> {{if .Capped}}The calibration
stopped at its last generation (--generations) with the tolerance still falling, so this may be the calibration's
doing as much as the model's: run more generations before reading it as a finding.{{else}}That is a finding: the
model, over these priors, cannot give these figures together with the others.{{end}}</p>{{end}}
{{if .Apart}}<p><strong>Targets met in some draws but never together</strong> (the model trades one against the other):</p>
<table><tr><th>target</th><th>and target</th><th>first met</th><th>second met</th></tr>
{{range .Apart}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</table>{{end}}
<h2>What each parameter learned</h2>
<table><tr><th>parameter</th><th>prior</th><th>prior median (5% to 95%)</th><th>posterior median (5% to 95%)</th><th>learned</th></tr>
{{range .Params}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</table>
<p class="small">How much narrower is 1 − posterior SD / prior SD. A parameter no narrower learned nothing from these targets:
its posterior is its prior, which is what the evidence says about it.</p>
{{range .SVGs}}<figure>{{.}}</figure>{{end}}
<h2>Tolerance schedule</h2>
<table><tr><th>generation</th><th>tolerance ε</th><th>effective sample size</th><th>proposals</th><th>acceptance</th></tr>
{{range .Gens}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</table>
<p class="small">Files: posterior.csv (every generation's particles; the last is the posterior that --posterior reads),
tolerances.csv, parameters.csv, predictive.csv, joint.csv, calibration.json (the state a resumed run carries on from).
How to read them: docs/CALIBRATION.md.</p>
</body></html>
`))
