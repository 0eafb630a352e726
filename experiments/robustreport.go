package experiments

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/cisim/cisim/analysis/robust"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
)

// Robust is a finished robust analysis: what was asked, each design's
// robustness, where each fails, and how its rules fired. It is what
// cisim robust --json prints.
type Robust struct {
	Out             string           `json:"out"`
	Designs         []string         `json:"designs"`
	Futures         int              `json:"futures"`
	Runs            int              `json:"runs"` // replicates per future and design
	Uncertain       []string         `json:"uncertain"`
	Goals           []string         `json:"goals"`
	GoalText        []string         `json:"goal_text"` // the goals in words
	Hurwicz         float64          `json:"hurwicz"`
	Criteria        []Criterion      `json:"criteria"`
	Disagreement    string           `json:"disagreement"`
	Vulnerabilities []VulnerableCard `json:"vulnerabilities"`
	Triggers        []Trigger        `json:"triggers"`
	Reproduce       string           `json:"reproduce"`
}

// VulnerableCard is one design's vulnerabilities in words.
type VulnerableCard struct {
	Design   string   `json:"design"`
	Failures int      `json:"failures"` // futures in which it misses a goal
	Futures  int      `json:"futures"`
	Cards    []string `json:"cards"`
}

// Trigger is how often and when one rule of one design fired.
type Trigger struct {
	Design  string      `json:"design"`
	Rule    string      `json:"rule"`
	Runs    int         `json:"runs"`
	Fired   int         `json:"fired"`
	Share   results.Num `json:"share"`
	WeekP10 results.Num `json:"week_p10"`
	WeekP50 results.Num `json:"week_p50"`
	WeekP90 results.Num `json:"week_p90"`
}

// ReadRobust analyses a finished robust analysis's folder.
func ReadRobust(dir string, m *results.Manifest) (*Robust, error) {
	r, _, err := robustAnalysis(dir, m)
	return r, err
}

// robustParts are what a robust analysis is computed from, which its
// files and plots need as well.
type robustParts struct {
	outcomes   [][][]float64 // [metric][design][future]
	regret     [][][]float64 // the same, each design's regret
	vulnerable []Vulnerability
	firings    []Firing
}

// robustAnalysis computes a robust analysis from its folder: the points'
// means, the event log, and the vulnerabilities' boxes.
func robustAnalysis(dir string, m *results.Manifest) (*Robust, *robustParts, error) {
	pts, err := ReadPoints(dir, m)
	if err != nil {
		return nil, nil, err
	}
	sw := m.Sweep
	r := &Robust{Out: dir, Futures: len(sw.Points), Runs: m.Runs, Uncertain: sw.Vary, Hurwicz: sw.Hurwicz, Reproduce: m.Reproduce,
		Triggers: []Trigger{}}
	r.Designs = make([]string, len(m.Scenarios))
	for s, sc := range m.Scenarios {
		r.Designs[s] = sc.Name
	}
	for _, g := range sw.Goals {
		r.Goals, r.GoalText = append(r.Goals, g.String()), append(r.GoalText, goalText(g))
	}
	outcomes := robustOutcomes(m, pts)
	ok := satisfied(sw.Goals, outcomes)
	var rks []robust.Ranking
	var regret [][][]float64
	if r.Criteria, rks, regret, err = criteria(m, outcomes); err != nil {
		return nil, nil, err
	}
	r.Disagreement = disagreement(m, rks)
	vs, err := vulnerabilities(m, ok)
	if err != nil {
		return nil, nil, err
	}
	for _, v := range vs {
		r.Vulnerabilities = append(r.Vulnerabilities, VulnerableCard{v.Design, v.Failures, v.Futures, v.Cards(sw.Goals)})
	}
	fs, err := firings(dir, m)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range fs {
		q := f.WeekQuantiles()
		r.Triggers = append(r.Triggers, Trigger{f.Design, f.Rule, f.Runs, f.Fired, results.Num(float64(f.Fired) / float64(f.Runs)),
			results.Num(q[0]), results.Num(q[1]), results.Num(q[2])})
	}
	return r, &robustParts{outcomes, regret, vs, fs}, nil
}

// Robust's files.
var (
	robustColumns  = []string{"metric", "criterion", "design", "value", "place", "futures"}
	triggerColumns = []string{"design", "rule", "runs", "fired", "share", "week_p10", "week_p50", "week_p90"}
)

// analyseRobust writes robust.csv (every criterion), vulnerabilities.csv
// (each design's boxes) and triggers.csv (its rules' firings), the
// trade-off plot, and the report's section.
func analyseRobust(dir string, m *results.Manifest) ([]string, []results.Section, error) {
	r, parts, err := robustAnalysis(dir, m)
	if err != nil {
		return nil, nil, err
	}
	if err = writeRobust(dir, m, r, parts); err != nil {
		return nil, nil, err
	}
	plots, svgs, err := robustPlots(dir, m, r, parts)
	if err != nil {
		return nil, nil, err
	}
	files := append([]string{"robust.csv", "regret.csv", "vulnerabilities.csv", "triggers.csv"}, plots...)
	return files, []results.Section{r.section(svgs)}, nil
}

// writeRobust writes robust.csv, triggers.csv and vulnerabilities.csv.
func writeRobust(dir string, m *results.Manifest, r *Robust, parts *robustParts) error {
	var rows [][]string
	for _, c := range r.Criteria {
		rows = append(rows, []string{c.Metric, c.Criterion, c.Design, results.FormatValue(float64(c.Value)), fmt.Sprint(c.Place), fmt.Sprint(c.Futures)})
	}
	if err := results.WriteTable(dir, "robust.csv", robustColumns, rows); err != nil {
		return err
	}
	rows = nil
	for _, t := range r.Triggers {
		rows = append(rows, append([]string{t.Design, t.Rule, fmt.Sprint(t.Runs), fmt.Sprint(t.Fired)},
			results.FormatValues(float64(t.Share), float64(t.WeekP10), float64(t.WeekP50), float64(t.WeekP90))...))
	}
	if err := results.WriteTable(dir, "triggers.csv", triggerColumns, rows); err != nil {
		return err
	}
	if err := writeRegret(dir, m, parts); err != nil {
		return err
	}
	return writeVulnerabilities(dir, m, parts.vulnerable)
}

// robustPlots draws the cost–outcome trade-off and, with rules, when they
// fired.
func robustPlots(dir string, m *results.Manifest, r *Robust, parts *robustParts) ([]string, []template.HTML, error) {
	var set results.PlotSet
	o := parts.outcomes
	f, err := results.TradeOff(m, r.Designs, o[results.ColTotalCost], o[results.ColOutcomeRate])
	if err != nil {
		return nil, nil, err
	}
	set.Add(f, "robust_tradeoff")
	if len(parts.firings) > 0 {
		var names []string
		var weeks [][]float64
		var runs []int
		for _, fi := range parts.firings {
			names, weeks, runs = append(names, fi.Design+": "+fi.Rule), append(weeks, fi.Weeks), append(runs, fi.Runs)
		}
		p, err := results.Pathways(m, names, weeks, runs, horizonWeeks(m))
		if err != nil {
			return nil, nil, err
		}
		set.Add(p, "robust_pathways")
	}
	return set.RenderInline(dir)
}

// regretColumns are regret.csv's: the regret table, a row per future,
// design and headline metric.
var regretColumns = []string{"future", "design", "metric", "value", "regret"}

// writeRegret writes regret.csv: each design's mean in each future and its
// regret there (NA where the future is left out of that metric).
func writeRegret(dir string, m *results.Manifest, parts *robustParts) error {
	var rows [][]string
	for f := range m.Sweep.Points {
		for s, sc := range m.Scenarios {
			for c := range results.Col(results.NumMetrics) {
				reg := math.NaN()
				if parts.regret[c] != nil {
					reg = parts.regret[c][s][f]
				}
				rows = append(rows, append([]string{fmt.Sprint(f), sc.Name, c.String()},
					results.FormatValues(parts.outcomes[c][s][f], reg)...))
			}
		}
	}
	return results.WriteTable(dir, "regret.csv", regretColumns, rows)
}

// writeVulnerabilities writes each design's boxes as discovery.csv's rows
// are, after the design.
func writeVulnerabilities(dir string, m *results.Manifest, vs []Vulnerability) error {
	head := append([]string{"design"}, boxesHeader(m.Sweep.Levers)...)
	var rows [][]string
	for _, v := range vs {
		for _, row := range boxRows(m.Sweep.Levers, v.Boxes) {
			rows = append(rows, append([]string{v.Design}, row...))
		}
	}
	return results.WriteTable(dir, "vulnerabilities.csv", head, rows)
}

// section is the report's account of the analysis, in words first.
func (r *Robust) section(svgs []template.HTML) results.Section {
	var b strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, "<p><b>The question.</b> Which of %s holds up across the futures a team cannot rule out, where does each fall short of its goals, and what do its rules do?</p>\n",
		esc(strings.Join(r.Designs, ", ")))
	fmt.Fprintf(&b, "<p><b>The futures.</b> %d futures, a Latin hypercube over %s. In each future every design runs %d replicates on the same random numbers (the same young people, partners and shocks), the model's other parameters drawn per replicate from their ranges.</p>\n",
		r.Futures, esc(uncertaintiesInWords(r.Uncertain)), r.Runs)
	fmt.Fprintf(&b, "<p><b>The goals.</b> %s, of a design's mean over a future's replicates.</p>\n", esc(strings.Join(r.GoalText, "; ")))
	fmt.Fprintf(&b, "<p><b>The answer.</b> %s</p>\n", esc(r.Disagreement))
	for _, metric := range []string{"outcome_rate", "goals", "participant_outcome_rate", "total_cost", "cost_per_outcome"} {
		b.WriteString(r.criteriaTable(metric))
	}
	for _, svg := range svgs {
		b.WriteString(string(svg))
	}
	b.WriteString("<h3>Where each design fails</h3>\n<ul>\n")
	for _, v := range r.Vulnerabilities {
		for _, c := range v.Cards {
			fmt.Fprintf(&b, "<li>%s</li>\n", esc(c))
		}
	}
	b.WriteString("</ul>\n")
	r.triggersTable(&b)
	b.WriteString(robustAssumptions)
	fmt.Fprintf(&b, "<p>Reproduce: <code>%s</code>. Every number is in robust.csv, regret.csv (each design's regret in each future), vulnerabilities.csv and triggers.csv.</p>\n", esc(r.Reproduce))
	return results.Section{Title: "Robustness across futures", Body: template.HTML(b.String())}
}

// robustAssumptions are what the criteria take for granted.
const robustAssumptions = `<h3>Assumptions</h3>
<ul>
<li>The futures are equally plausible: the mean and the percentiles weigh them alike. They are not forecasts; their ranges are the team's (or the model's assumed ranges, docs/MODEL.md §8).</li>
<li>The model's mechanisms and their parameters are assumptions, not estimates from data (docs/MODEL.md §8–9): the ranking is of designs in this model.</li>
<li>Regret is against the best of these designs in each future, not against every design possible.</li>
<li>Hurwicz's α, the weight on a design's best future, is a choice (0.5 unless given).</li>
</ul>
`

// triggersTable writes how often and when each rule fired, if any did.
func (r *Robust) triggersTable(b *strings.Builder) {
	if len(r.Triggers) == 0 {
		return
	}
	b.WriteString("<h3>Triggers</h3>\n<table><tr><th>design</th><th>rule</th><th>fired in</th><th>week (10th, 50th, 90th percentile)</th></tr>\n")
	for _, t := range r.Triggers {
		fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td><td>%d of %d runs (%s)</td><td>%s, %s, %s</td></tr>\n",
			template.HTMLEscapeString(t.Design), template.HTMLEscapeString(t.Rule), t.Fired, t.Runs, percent(float64(t.Share)),
			results.FormatNumber(float64(t.WeekP10)), results.FormatNumber(float64(t.WeekP50)), results.FormatNumber(float64(t.WeekP90)))
	}
	b.WriteString("</table>\n")
}

// uncertaintiesInWords is the deep uncertainties, KEY=LO:HI each, in words.
func uncertaintiesInWords(specs []string) string {
	var out []string
	for _, s := range specs {
		key, rng, _ := strings.Cut(s, "=")
		lo, hi, _ := strings.Cut(rng, ":")
		out = append(out, fmt.Sprintf("%s from %s to %s", UncertaintyTitle(key), lo, hi))
	}
	return strings.Join(out, ", ")
}

// criteriaTable is one metric's criteria as a table: a row a criterion, a
// column a design, each cell the value and the place.
func (r *Robust) criteriaTable(metric string) string {
	var b strings.Builder
	title := results.Title(metric)
	if metric == "goals" {
		title = "Share of futures meeting every goal"
	}
	fmt.Fprintf(&b, "<h3>%s</h3>\n<table><tr><th>criterion</th>", template.HTMLEscapeString(title))
	for _, d := range r.Designs {
		fmt.Fprintf(&b, "<th>%s</th>", template.HTMLEscapeString(d))
	}
	b.WriteString("</tr>\n")
	last := ""
	for _, c := range r.Criteria {
		if c.Metric != metric {
			continue
		}
		if c.Criterion != last {
			if last != "" {
				b.WriteString("</tr>\n")
			}
			fmt.Fprintf(&b, "<tr><td>%s</td>", c.Criterion)
			last = c.Criterion
		}
		v := results.FormatMetric(metric, float64(c.Value), strings.Contains(c.Criterion, "regret"))
		if metric == "goals" {
			v = percent(float64(c.Value))
		}
		fmt.Fprintf(&b, "<td>%s (%d)</td>", template.HTMLEscapeString(v), c.Place)
	}
	b.WriteString("</tr></table>\n")
	return b.String()
}

// WriteText prints the analysis for a terminal.
func (r *Robust) WriteText(w io.Writer, dir, designs string) error {
	fmt.Fprintf(w, "%s in %d futures × %d replicates; goals %s\n\n", designs, r.Futures, r.Runs, strings.Join(r.Goals, ", "))
	fmt.Fprintf(w, "%-16s", "criterion")
	for _, d := range r.Designs {
		fmt.Fprintf(w, "  %-22s", d)
	}
	fmt.Fprintln(w)
	last := ""
	for _, c := range r.Criteria {
		if c.Metric != "outcome_rate" && c.Metric != "goals" {
			continue
		}
		if key := c.Metric + c.Criterion; key != last {
			if last != "" {
				fmt.Fprintln(w)
			}
			name := c.Criterion
			if c.Metric == "goals" {
				name += " (goals)"
			}
			fmt.Fprintf(w, "%-16s", name)
			last = key
		}
		v := results.FormatMetric(c.Metric, float64(c.Value), strings.Contains(c.Criterion, "regret"))
		if c.Metric == "goals" {
			v = percent(float64(c.Value))
		}
		fmt.Fprintf(w, "  %-22s", fmt.Sprintf("%s (%d)", v, c.Place))
	}
	fmt.Fprintf(w, "\n\n%s\n", r.Disagreement)
	for _, v := range r.Vulnerabilities {
		for _, c := range v.Cards {
			fmt.Fprintf(w, "- %s\n", c)
		}
	}
	for _, t := range r.Triggers {
		fmt.Fprintf(w, "- %s %s fired in %d of %d runs, median week %s\n", t.Design, t.Rule, t.Fired, t.Runs, results.FormatNumber(float64(t.WeekP50)))
	}
	_, err := fmt.Fprintf(w, "\nevery criterion in %s/robust.csv, the report in %s/report.html\n", dir, dir)
	return err
}

// horizonWeeks is the longest horizon of the folder's designs, in weeks,
// read from their resolved files (0 if none reads).
func horizonWeeks(m *results.Manifest) int {
	weeks := 0
	for _, sc := range m.Scenarios {
		if l, err := scenarios.LoadBytes(sc.Name, []byte(sc.Resolved), nil); err == nil {
			weeks = max(weeks, l.Scenario.Ticks())
		}
	}
	return weeks
}
