package experiments

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
)

// Hypothesis is one of the three hypotheses of the Save the Children &
// Accenture study (seed 000 of the project: docs/MODEL.md §10 lists the
// seed documents) as a designed experiment: a focal lever swept over its
// range, crossed with two moderators at two levels each, on one
// partnership. Its effect is the paired difference between the focal
// lever's end the hypothesis favours and the other end.
type Hypothesis struct {
	ID         string
	Title      string
	Statement  string   // as the study puts it
	Focal      Range    // the focal lever
	Better     string   // "high" or "low": the end the hypothesis expects to do better
	Moderators []Range  // two levels each
	Metrics    []string // headline metrics the conclusion reports, first the main one
}

// Hypotheses returns H1–H3, in order.
func Hypotheses() []Hypothesis {
	return []Hypothesis{
		{
			ID: "H1", Title: "Beneficiary engagement",
			Statement: "beneficiary engagement and involvement is important to reach collective impact",
			Focal:     lever("governance.beneficiary_engagement", 0, 4, 5), Better: "high",
			Moderators: []Range{lever("governance.power_sharing", 0, 1, 2), lever("governance.shared_measurement", 0, 1, 2)},
			Metrics:    []string{"outcome_rate", "agenda_alignment"},
		},
		{
			ID: "H2", Title: "Complementary capabilities",
			Statement: "actors from different sectors with complementary capabilities are important to reach collective impact",
			Focal:     lever("actors.capability_overlap", 0, 1, 5), Better: "low",
			Moderators: []Range{lever("problem.complementarity", 0.2, 0.8, 2), lever("funding.pooled", 0, 1, 2)},
			Metrics:    []string{"outcome_rate", "agenda_alignment"},
		},
		{
			ID: "H3", Title: "Shared values",
			Statement: "shared values and joint objectives in the partnership are important to create collective impact",
			Focal:     lever("actors.value_spread", 0, 0.5, 5), Better: "low",
			Moderators: []Range{lever("governance.meeting_interval_weeks", 2, 8, 2), lever("governance.backbone_staff", 0, 2, 2)},
			Metrics:    []string{"outcome_rate", "mean_trust"},
		},
	}
}

// lever is the range of a lever the code names, of its field's kind; an
// unknown key is a programmer error.
func lever(key string, lo, hi float64, steps int) Range {
	kind, err := scenarios.Lever(key)
	if err != nil {
		panic("experiments: " + err.Error())
	}
	return Range{Key: key, Kind: kind, Lo: lo, Hi: hi, Steps: steps}
}

// HypothesisByID finds a hypothesis by its ID (H1, H2, H3), in any case.
func HypothesisByID(id string) (Hypothesis, bool) {
	for _, h := range Hypotheses() {
		if strings.EqualFold(h.ID, id) {
			return h, true
		}
	}
	return Hypothesis{}, false
}

// Sweep lays out the hypothesis's points: its focal lever's levels crossed
// with its moderators', the focal lever first.
func (h Hypothesis) Sweep() *results.Sweep {
	sw := gridSweep("hypothesis", append([]Range{h.Focal}, h.Moderators...))
	sw.Hypothesis, sw.Metric = h.ID, h.Metrics[0]
	return sw
}

// HypothesisEffect is the focal effect on one metric, overall and in each
// moderator cell.
type HypothesisEffect struct {
	Metric  string
	Overall analysis.Estimate
	Cells   []CellEffect
}

// CellEffect is the focal effect in one setting of the moderators.
type CellEffect struct {
	Where  string // e.g. "governance.power_sharing = 0 and governance.shared_measurement = 1"
	Effect analysis.Estimate
}

// focalEnds are the values of the focal lever (the sweep's first) at the
// end the hypothesis favours and at the other.
func focalEnds(sw *results.Sweep, h Hypothesis) (better, worse float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range sw.Points {
		lo, hi = math.Min(lo, p[0]), math.Max(hi, p[0])
	}
	if h.Better == "low" {
		return lo, hi
	}
	return hi, lo
}

// cell is one setting of the moderators: its points at the focal lever's
// better and worse ends, and how it reads.
type cell struct {
	key         string
	good, bad   int
	description string
}

// moderatorCells are the distinct settings of the moderators (the sweep's
// levers after the first), in point order.
func moderatorCells(sw *results.Sweep, better, worse float64) []cell {
	var cells []cell
	for p, pt := range sw.Points {
		var parts, desc []string
		for j := 1; j < len(pt); j++ {
			parts = append(parts, results.FormatValue(pt[j]))
			desc = append(desc, fmt.Sprintf("%s = %s", sw.Levers[j], results.FormatNumber(pt[j])))
		}
		key := strings.Join(parts, ",")
		i := slices.IndexFunc(cells, func(c cell) bool { return c.key == key })
		if i < 0 {
			cells = append(cells, cell{key: key, good: -1, bad: -1, description: strings.Join(desc, " and ")})
			i = len(cells) - 1
		}
		switch pt[0] {
		case better:
			cells[i].good = p
		case worse:
			cells[i].bad = p
		}
	}
	return cells
}

// hypothesisEffects measures the effect of moving the focal lever (the
// sweep's first lever) from its worse end to its better end, per
// replicate, in each setting of the other levers and averaged over them.
func hypothesisEffects(m *results.Manifest, finals finalValues, h Hypothesis) []HypothesisEffect {
	better, worse := focalEnds(m.Sweep, h)
	cells := moderatorCells(m.Sweep, better, worse)
	var out []HypothesisEffect
	for _, metric := range h.Metrics {
		c := metricCol(metric)
		R := len(finals[0][0][c])
		he := HypothesisEffect{Metric: metric}
		overall := make([]float64, R)
		for _, cl := range cells {
			d := make([]float64, R)
			for r := range R {
				d[r] = finals[cl.good][0][c][r] - finals[cl.bad][0][c][r]
				overall[r] += d[r] / float64(len(cells))
			}
			he.Cells = append(he.Cells, CellEffect{cl.description, analysis.MeanCI(d, 0.95)})
		}
		he.Overall = analysis.MeanCI(overall, 0.95)
		out = append(out, he)
	}
	return out
}

// analyseHypothesis writes hypothesis.csv and the dose–response plots of
// a hypothesis sweep, and concludes in words.
func analyseHypothesis(dir string, m *results.Manifest, pts []PointSummary, finals finalValues) ([]string, []results.Section, error) {
	h, ok := HypothesisByID(m.Sweep.Hypothesis)
	if !ok {
		return nil, nil, fmt.Errorf("experiments: unknown hypothesis %q", m.Sweep.Hypothesis)
	}
	effects := hypothesisEffects(m, finals, h)
	var table [][]string
	for _, e := range effects {
		for _, c := range append([]CellEffect{{"overall", e.Overall}}, e.Cells...) {
			table = append(table, append([]string{h.ID, e.Metric, c.Where, fmt.Sprint(c.Effect.N)},
				results.FormatValues(c.Effect.Mean, c.Effect.Lo, c.Effect.Hi)...))
		}
	}
	if err := results.WriteTable(dir, "hypothesis.csv", []string{"hypothesis", "metric", "where", "replicates", "effect", "ci95_lo", "ci95_hi"}, table); err != nil {
		return nil, nil, err
	}
	var set results.PlotSet
	for _, metric := range h.Metrics {
		p, err := doseResponse(m, pts, metric)
		if err != nil {
			return nil, nil, err
		}
		set.Add(p, "hypothesis_"+metric)
	}
	plots, svgs, err := set.RenderInline(dir)
	if err != nil {
		return nil, nil, err
	}
	return append([]string{"hypothesis.csv"}, plots...), []results.Section{hypothesisSection(m, h, effects, svgs)}, nil
}

// hypothesisSection is a hypothesis's part of a report: its statement,
// conclusion, effects and plots.
func hypothesisSection(m *results.Manifest, h Hypothesis, effects []HypothesisEffect, svgs []template.HTML) results.Section {
	var b strings.Builder
	fmt.Fprintf(&b, "<p><i>%s: %s</i> (Save the Children &amp; Accenture 2021).</p>\n", h.ID, template.HTMLEscapeString(h.Statement))
	fmt.Fprintf(&b, "<p>%s</p>\n", template.HTMLEscapeString(HypothesisConclusion(m, h, effects)))
	b.WriteString("<table><tr><th>metric</th><th>where</th><th>effect [95% CI]</th></tr>\n")
	for _, e := range effects {
		for _, c := range append([]CellEffect{{"overall", e.Overall}}, e.Cells...) {
			fmt.Fprintf(&b, "<tr><td>%s%s</td><td>%s</td><td>%s</td></tr>\n", e.Metric, results.UnitSuffix(e.Metric, true), template.HTMLEscapeString(c.Where),
				withCIIn(e.Metric, c.Effect.Mean, c.Effect.Lo, c.Effect.Hi))
		}
	}
	b.WriteString("</table>\n")
	writeFigures(&b, svgs)
	fmt.Fprintf(&b, "<p>Reproduce: <code>%s</code></p>\n", template.HTMLEscapeString(m.Reproduce))
	return results.Section{Title: h.ID + ": " + h.Title, Body: template.HTML(b.String())}
}

// doseResponse plots a metric against the focal lever, one line with its
// 95% CI band per setting of the moderators.
func doseResponse(m *results.Manifest, pts []PointSummary, metric string) (*results.Figure, error) {
	f, c, k := leverPlot(m, metric, results.Title(metric), results.DisplayOf(metric).Axis)
	groups := map[string]results.Means{}
	var order []string
	for _, ps := range byLever(pts, 0) {
		var desc []string
		for j := 1; j < len(ps.Levers); j++ {
			desc = append(desc, fmt.Sprintf("%s=%s", shortKey(m.Sweep.Levers[j]), results.FormatNumber(ps.Levers[j])))
		}
		key := strings.Join(desc, ", ")
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = appendEstimate(groups[key], ps.Levers[0], ps.Estimates[0][c])
	}
	for i, key := range order {
		ms := groups[key]
		ms.Name = key
		if err := results.AddMeans(f, ms, k, results.ColourOf(i), len(order)); err != nil {
			return nil, err
		}
	}
	results.NoteMeans(f)
	return f, nil
}

// shortKey is a lever's key without its section, for legends.
func shortKey(key string) string {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[i+1:]
	}
	return key
}

// HypothesisConclusion states what the experiment shows, from its numbers:
// the overall effect on each metric, whether the hypothesis is supported,
// and the settings of the moderators where the effect holds, vanishes or
// reverses.
func HypothesisConclusion(m *results.Manifest, h Hypothesis, effects []HypothesisEffect) string {
	var b strings.Builder
	to, from := focalEnds(m.Sweep, h)
	amount := func(metric string, e analysis.Estimate) string {
		verb, mean, lo, hi := "raised", e.Mean, e.Lo, e.Hi
		if e.Mean < 0 {
			// "lowered by x (95% CI a to b)" with a ≤ x ≤ b all positive.
			verb, mean, lo, hi = "lowered", -e.Mean, -e.Hi, -e.Lo
		}
		return fmt.Sprintf("%s %s by %s", verb, inSentence(results.Title(metric)), inWords(metric, mean, lo, hi))
	}
	main := effects[0]
	fmt.Fprintf(&b, "Moving %s from %s to %s %s on average over the %d settings of %s", m.Sweep.Levers[0],
		results.FormatNumber(from), results.FormatNumber(to), amount(main.Metric, main.Overall), len(main.Cells), strings.Join(m.Sweep.Levers[1:], " and "))
	for _, e := range effects[1:] {
		fmt.Fprintf(&b, ", and %s", amount(e.Metric, e.Overall))
	}
	b.WriteString(". ")
	if math.IsNaN(main.Overall.Lo) {
		fmt.Fprintf(&b, "With %d replicate(s) at each point there is no confidence interval, so no verdict on %s: run more replicates.", m.Runs, h.ID)
		return b.String()
	}
	switch sign(main.Overall) {
	case 1:
		fmt.Fprintf(&b, "The model supports %s: the effect is positive and its interval excludes zero.", h.ID)
	case -1:
		fmt.Fprintf(&b, "The model contradicts %s: the effect runs the other way.", h.ID)
	default:
		fmt.Fprintf(&b, "The model does not show %s: the interval includes zero.", h.ID)
	}
	writeWhereItHolds(&b, main)
	fmt.Fprintf(&b, " (%d replicates at each of %d points, paired by replicate.)", m.Runs, len(m.Sweep.Points)) // runs ≥ 2 here
	return b.String()
}

// writeWhereItHolds says in which settings of the moderators the main
// effect holds, vanishes or reverses, and where it is largest and
// smallest.
func writeWhereItHolds(b *strings.Builder, main HypothesisEffect) {
	var holds, vanishes, reverses []string
	for _, c := range main.Cells {
		switch sign(c.Effect) {
		case 1:
			holds = append(holds, c.Where)
		case -1:
			reverses = append(reverses, fmt.Sprintf("%s: %s", c.Where, inWords(main.Metric, c.Effect.Mean, c.Effect.Lo, c.Effect.Hi)))
		default:
			vanishes = append(vanishes, fmt.Sprintf("%s: %s", c.Where, inWords(main.Metric, c.Effect.Mean, c.Effect.Lo, c.Effect.Hi)))
		}
	}
	switch {
	case len(holds) == len(main.Cells):
		b.WriteString(" The effect holds in every setting of the moderators.")
	case len(holds) > len(main.Cells)/2:
		fmt.Fprintf(b, " It holds in %d of the %d settings of the moderators.", len(holds), len(main.Cells))
	case len(holds) > 0:
		fmt.Fprintf(b, " It holds only where %s.", strings.Join(holds, ", and where "))
	}
	if len(vanishes) > 0 {
		fmt.Fprintf(b, " It vanishes where %s.", strings.Join(vanishes, "; where "))
	}
	if len(reverses) > 0 {
		fmt.Fprintf(b, " It reverses where %s.", strings.Join(reverses, "; where "))
	}
	if len(main.Cells) > 1 {
		best, worst := main.Cells[0], main.Cells[0]
		for _, c := range main.Cells {
			if c.Effect.Mean > best.Effect.Mean {
				best = c
			}
			if c.Effect.Mean < worst.Effect.Mean {
				worst = c
			}
		}
		fmt.Fprintf(b, " It is largest where %s (%s) and smallest where %s (%s).", best.Where, inWords(main.Metric, best.Effect.Mean, math.NaN(), 0),
			worst.Where, inWords(main.Metric, worst.Effect.Mean, math.NaN(), 0))
	}
}

// inWords writes an amount of a metric for a sentence, in the metric's
// unit, with its 95% CI when lo is a number: "2.4 percentage points (95%
// CI 2.1 to 2.6)".
func inWords(metric string, x, lo, hi float64) string {
	k, unit := 1.0, ""
	switch metric {
	case "outcome_rate":
		k, unit = 100, " percentage points"
	case "total_cost":
		k, unit = 1e-6, " MSEK"
	case "cost_per_outcome":
		k, unit = 1e-3, " kSEK"
	case "partners_remaining":
		unit = " partners"
	}
	short := func(x float64) string {
		if math.Abs(x) >= 1000 {
			return fmt.Sprintf("%.0f", x)
		}
		return strconv.FormatFloat(x, 'g', 3, 64)
	}
	s := short(x*k) + unit
	if finite(lo) {
		s += fmt.Sprintf(" (95%% CI %s to %s)", short(lo*k), short(hi*k))
	}
	return s
}

// sign is +1 when an estimate's interval is above zero, −1 when below, 0
// when it includes zero (or is undefined).
func sign(e analysis.Estimate) int {
	switch {
	case e.Lo > 0:
		return 1
	case e.Hi < 0:
		return -1
	}
	return 0
}

// ReadHypothesis reads a finished hypothesis folder and concludes.
func ReadHypothesis(dir string, m *results.Manifest) (Hypothesis, string, error) {
	h, finals, err := readHypothesis(dir, m)
	if err != nil {
		return h, "", err
	}
	return h, HypothesisConclusion(m, h, hypothesisEffects(m, finals, h)), nil
}

// readHypothesis reads which hypothesis a finished folder tests, and its
// runs.
func readHypothesis(dir string, m *results.Manifest) (Hypothesis, finalValues, error) {
	if m.Sweep == nil || m.Sweep.Method != "hypothesis" {
		return Hypothesis{}, nil, fmt.Errorf("experiments: %s holds no hypothesis experiment", dir)
	}
	h, ok := HypothesisByID(m.Sweep.Hypothesis)
	if !ok {
		return h, nil, fmt.Errorf("experiments: %s: unknown hypothesis %q", dir, m.Sweep.Hypothesis)
	}
	finals, err := sweepFinals(dir, m)
	return h, finals, err
}

// WriteHypothesesReport writes report.html in out: the sections of the
// hypothesis experiments in dirs, one after another.
func WriteHypothesesReport(out string, dirs []string) error {
	var sections []results.Section
	for _, dir := range dirs {
		m, err := results.ReadManifest(dir)
		if err != nil {
			return err
		}
		h, finals, err := readHypothesis(dir, m)
		if err != nil {
			return err
		}
		// The folder's plots are already drawn: inline them as they are.
		var plots []string
		for _, metric := range h.Metrics {
			plots = append(plots, "plots/hypothesis_"+metric+".svg")
		}
		svgs, err := results.InlineSVGs(dir, plots)
		if err != nil {
			return err
		}
		sec := hypothesisSection(m, h, hypothesisEffects(m, finals, h), svgs)
		rel, _ := filepath.Rel(out, dir)
		sec.Body += template.HTML(fmt.Sprintf("<p class=\"small\">Every number in %s/.</p>\n", template.HTMLEscapeString(rel)))
		sections = append(sections, sec)
	}
	t, err := template.New("hypotheses").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cisim: the hypotheses of the refined collective impact model</title>
` + results.ReportStyle + `</head><body>
<h1>The three hypotheses of the refined collective impact model</h1>
<p>Designed experiments on the model for the hypotheses of Save the Children &amp; Accenture (2021): each sweeps its lever
over its range and crosses it with two conditions that might change its effect. Effects are paired differences between the
lever's two ends, replicate by replicate (common random numbers), with 95% confidence intervals.</p>
{{range .}}<h2>{{.Title}}</h2>
{{.Body}}
{{end}}
<p class="small">The model is described in docs/MODEL.md (ODD+D).</p>
</body></html>
`)
	if err != nil {
		return err
	}
	return results.WriteAtomic(filepath.Join(out, "report.html"), func(w io.Writer) error { return t.Execute(w, sections) })
}
