package experiments

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/analysis/prim"
	"github.com/cisim/cisim/analysis/robust"
	"github.com/cisim/cisim/analysis/sensitivity"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
)

// DefaultUncertainties are the deep uncertainties of a robust analysis
// when none are given: the model's own assumed ranges (docs/MODEL.md §8)
// of the hazards a partnership cannot control — funders cutting their
// budgets or withdrawing, partners leaving — and a need drift from none to
// four times the built-in scenarios' 0.005 a week (an assumption).
var DefaultUncertainties = []Range{
	{Key: "params.events.funder_cut", Kind: scenarios.Real, Lo: 0.02, Hi: 0.1},
	{Key: "params.events.funder_withdraws", Kind: scenarios.Real, Lo: 0.005, Hi: 0.05},
	{Key: "params.membership.exit_hazard", Kind: scenarios.Real, Lo: 0.1, Hi: 0.5},
	{Key: "problem.need_drift", Kind: scenarios.Real, Lo: 0, Hi: 0.02},
}

// uncertaintyTitle names the default uncertainties in words; any other key
// is shown as it is.
var uncertaintyTitle = map[string]string{
	"params.events.funder_cut":       "funders' budget cuts (a year)",
	"params.events.funder_withdraws": "funders withdrawing (a year)",
	"params.membership.exit_hazard":  "partners' exit hazard",
	"problem.need_drift":             "the drift of needs (a week)",
	"params.events.policy_change":    "policy changes (a year)",
	"params.events.staff_turnover":   "key staff leaving (a year)",
}

// UncertaintyTitle is a deep uncertainty's key in words.
func UncertaintyTitle(key string) string {
	if t, ok := uncertaintyTitle[key]; ok {
		return t
	}
	return key
}

// RobustSweep is a robust analysis's design: every design in each of the
// futures, a Latin hypercube over the deep uncertainties rs (its own
// stream of the seed, so the futures do not depend on the designs), with
// the goals a design must meet and Hurwicz's α.
func RobustSweep(rs []Range, futures int, seed uint64, goals []results.Goal, hurwicz float64) *results.Sweep {
	sw := &results.Sweep{Method: "robust", Goals: goals, Hurwicz: hurwicz}
	factors := make([]sensitivity.Factor, len(rs))
	for i, r := range rs {
		sw.Vary = append(sw.Vary, r.String())
		sw.Levers = append(sw.Levers, r.Key)
		factors[i] = r.Factor()
	}
	sw.Points = sensitivity.Scale(sensitivity.LHS(futures, len(rs), DesignRand(seed, "robust futures")), factors)
	return sw
}

// robustOutcomes are each design's mean of each headline metric in each
// future: [metric][design][future].
func robustOutcomes(m *results.Manifest, pts []PointSummary) [][][]float64 {
	out := make([][][]float64, results.NumMetrics)
	for c := range out {
		out[c] = make([][]float64, len(m.Scenarios))
		for s := range out[c] {
			for _, ps := range pts {
				out[c][s] = append(out[c][s], ps.Estimates[s][c].Mean)
			}
		}
	}
	return out
}

// threshold is a goal as package robust takes it.
func threshold(g results.Goal) robust.Threshold {
	if g.AtLeast {
		return robust.Threshold{Value: g.Value, Direction: robust.HigherIsBetter}
	}
	return robust.Threshold{Value: g.Value, Direction: robust.LowerIsBetter}
}

// satisfied says, per design and future, whether the design meets every
// goal there (an undefined metric meets none).
func satisfied(goals []results.Goal, outcomes [][][]float64) [][]bool {
	S, F := len(outcomes[0]), len(outcomes[0][0])
	ok := make([][]bool, S)
	for s := range ok {
		ok[s] = make([]bool, F)
		for f := range ok[s] {
			ok[s][f] = true
			for _, g := range goals {
				c, _ := results.Metric(g.Metric)
				ok[s][f] = ok[s][f] && threshold(g).Meets(outcomes[c][s][f])
			}
		}
	}
	return ok
}

// domain ranks the designs by the share of futures in which they meet
// every goal (Starr's domain criterion).
func domain(goals []results.Goal, outcomes [][][]float64) (robust.Ranking, error) {
	var table [][][]float64
	var ts []robust.Threshold
	for _, g := range goals {
		c, _ := results.Metric(g.Metric)
		table, ts = append(table, outcomes[c]), append(ts, threshold(g))
	}
	d, err := robust.Domain(table, ts)
	if err != nil {
		return robust.Ranking{}, fmt.Errorf("experiments: domain criterion: %w", err)
	}
	return d.Ranking(), nil
}

// Vulnerability is where one design fails its goals: the futures it fails
// in, and PRIM's boxes of them over the deep uncertainties.
type Vulnerability struct {
	Design   string
	Failures int // futures in which the design misses a goal
	Futures  int
	Boxes    []prim.Step
}

// vulnerabilities finds, for each design, the regions of the futures in
// which it misses its goals (scenario discovery, Bryant & Lempert 2010),
// with discover's defaults.
func vulnerabilities(m *results.Manifest, ok [][]bool) ([]Vulnerability, error) {
	titles := make([]string, len(m.Sweep.Levers))
	for i, k := range m.Sweep.Levers {
		titles[i] = UncertaintyTitle(k)
	}
	var out []Vulnerability
	for s, sat := range ok {
		cases := make([]bool, len(sat))
		v := Vulnerability{Design: m.Scenarios[s].Name, Futures: len(sat)}
		for f, met := range sat {
			cases[f] = !met
			if !met {
				v.Failures++
			}
		}
		q := Question{MinDensity: 0.8, MaxP: 0.05, Boxes: 3}
		d := &Discovery{Question: q, Unit: "points", Levers: titles}
		if v.Failures > 0 && v.Failures < len(sat) {
			if err := d.find(m.Sweep.Points, cases); err != nil {
				return nil, fmt.Errorf("experiments: vulnerabilities of %s: %w", v.Design, err)
			}
		}
		v.Boxes = d.Boxes
		out = append(out, v)
	}
	return out, nil
}

// Cards are a design's vulnerabilities in words, one a box: "misses …
// when …: 70% of its failures, 80% of the futures there".
func (v Vulnerability) Cards(goals []results.Goal) []string {
	var gs []string
	for _, g := range goals {
		gs = append(gs, goalText(g))
	}
	miss := strings.Join(gs, " or ")
	switch {
	case v.Failures == 0:
		return []string{fmt.Sprintf("%s meets %s in every one of the %d futures.", v.Design, strings.Join(gs, " and "), v.Futures)}
	case v.Failures == v.Futures:
		return []string{fmt.Sprintf("%s misses %s in every one of the %d futures: no region to single out.", v.Design, miss, v.Futures)}
	case !anyRestricted(v.Boxes):
		return []string{fmt.Sprintf("%s misses %s in %d of the %d futures, with no region of the uncertainties dense enough in failures to name.", v.Design, miss, v.Failures, v.Futures)}
	}
	var out []string
	for _, b := range v.Boxes {
		if len(b.Box.Restricted()) == 0 {
			continue // the whole space: no region to name
		}
		out = append(out, fmt.Sprintf("%s misses %s when %s: %s of its failures, %s of the futures there.",
			v.Design, miss, b.Box.String(), percent(b.Stats.Coverage), percent(b.Stats.Density)))
	}
	return out
}

// goalText is a goal in words, in the report's units.
func goalText(g results.Goal) string {
	op := "at most"
	if g.AtLeast {
		op = "at least"
	}
	return fmt.Sprintf("%s %s %s", strings.ToLower(results.Title(g.Metric)), op, results.FormatMetric(g.Metric, g.Value, false))
}

func percent(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

// Firing is how often and when one rule of one design fired over a
// robust analysis's runs.
type Firing struct {
	Design string
	Rule   string    // the rule as the event log names it ("rule 1 (…)")
	Runs   int       // the design's runs
	Fired  int       // runs in which it fired
	Weeks  []float64 // the week it fired in each run it fired in
}

// WeekQuantiles are the 10th, 50th and 90th percentiles of the weeks the
// rule fired in (type 7; NaN if it never fired).
func (f Firing) WeekQuantiles() []float64 {
	return analysis.QuantilesType7(f.Weeks, []float64{0.1, 0.5, 0.9}, nil)
}

// ruleOf is the rule an intervention's cause names ("rule 2 (…)"), or "".
func ruleOf(cause string) string {
	if !strings.HasPrefix(cause, "rule ") {
		return ""
	}
	if i := strings.Index(cause, "):"); i >= 0 {
		return cause[:i+1]
	}
	name, _, _ := strings.Cut(cause, ":")
	return name
}

// firings counts each design's rules' firings in a robust analysis's event
// log, with the runs per design (futures × replicates).
func firings(dir string, m *results.Manifest) ([]Firing, error) {
	runs := len(m.Sweep.Points) * m.Runs
	var out []Firing
	at := map[[2]string]int{}
	err := results.ReadEvents(dir, func(e results.EventRow) error {
		rule := ruleOf(e.Cause)
		if e.Kind != "intervention" || rule == "" {
			return nil
		}
		k := [2]string{e.Scenario, rule}
		i, ok := at[k]
		if !ok {
			i, at[k] = len(out), len(out)
			out = append(out, Firing{Design: e.Scenario, Rule: rule, Runs: runs})
		}
		out[i].Fired++
		out[i].Weeks = append(out[i].Weeks, float64(e.Tick))
		return nil
	})
	slices.SortStableFunc(out, func(a, b Firing) int { return strings.Compare(a.Design+a.Rule, b.Design+b.Rule) })
	return out, err
}

// Criterion is one design's value and place under one robustness
// criterion on one metric (Metric "goals" for the domain criterion).
type Criterion struct {
	Metric    string      `json:"metric"`
	Criterion string      `json:"criterion"`
	Design    string      `json:"design"`
	Value     results.Num `json:"value"`
	Place     int         `json:"place"`   // 1 for the best; tied designs share a place
	Futures   int         `json:"futures"` // futures the value is over (those where every design is defined)
}

// criterionKeys name robust's metrics in files.
var criterionKeys = map[robust.Metric]string{
	robust.Laplace: "mean", robust.WorstDecile: "worst_decile", robust.Maximin: "maximin",
	robust.MinimaxRegret: "minimax_regret", robust.Regret90: "regret_p90", robust.Hurwicz: "hurwicz",
	robust.DomainCriterion: "domain",
}

// criteria are every design's robustness on every headline metric, and
// under the domain criterion of the goals: the rows of robust.csv; the
// rankings the disagreement is read from (the outcome rate's and the
// domain's); and each metric's regret table, [metric][design][future]
// (nil for a metric no future defines for every design).
func criteria(m *results.Manifest, outcomes [][][]float64) ([]Criterion, []robust.Ranking, [][][]float64, error) {
	var rows []Criterion
	var first []robust.Ranking
	regret := make([][][]float64, results.NumMetrics)
	for c := range results.Col(results.NumMetrics) {
		dir := robust.HigherIsBetter
		if c.LowerIsBetter() {
			dir = robust.LowerIsBetter
		}
		r, err := robust.Evaluate(outcomes[c], dir, m.Sweep.Hurwicz)
		if errors.Is(err, robust.ErrNoFuture) {
			continue // no future defines the metric for every design (a cost per outcome with none)
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("experiments: robustness of %s: %w", c, err)
		}
		regret[c] = r.Regret
		for _, rk := range r.Rankings() {
			rows = append(rows, rankRows(m, c.String(), rk, len(r.Used))...)
			if c == results.ColOutcomeRate {
				first = append(first, rk)
			}
		}
	}
	dom, err := domain(m.Sweep.Goals, outcomes)
	if err != nil {
		return nil, nil, nil, err
	}
	rows = append(rows, rankRows(m, "goals", dom, len(m.Sweep.Points))...)
	return rows, append(first, dom), regret, nil
}

func rankRows(m *results.Manifest, metric string, rk robust.Ranking, futures int) []Criterion {
	out := make([]Criterion, len(rk.Values))
	for s, v := range rk.Values {
		out[s] = Criterion{metric, criterionKeys[rk.Metric], m.Scenarios[s].Name, results.Num(v), rk.Place[s], futures}
	}
	return out
}

// disagreement says, criterion by criterion, which design comes first on
// the outcome rate and on the goals, and whether the criteria agree: where
// they do not is what a team must discuss. Criteria agree when one design
// is first (alone or tied) under every one of them.
func disagreement(m *results.Manifest, rks []robust.Ranking) string {
	firsts := map[string][]string{}
	var order []string
	common := map[int]int{}
	for _, rk := range rks {
		var names []string
		for _, s := range rk.First() {
			names = append(names, m.Scenarios[s].Name)
			common[s]++
		}
		key := strings.Join(names, " and ")
		if _, seen := firsts[key]; !seen {
			order = append(order, key)
		}
		firsts[key] = append(firsts[key], rk.Metric.String())
	}
	for s := range m.Scenarios {
		if common[s] == len(rks) {
			msg := fmt.Sprintf("Every criterion puts %s first on the outcome rate and on the goals", m.Scenarios[s].Name)
			if len(order) > 1 {
				msg += " (some tie it with another design)"
			}
			return msg + "."
		}
	}
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%s put %s first", strings.Join(firsts[k], ", "), k))
	}
	return "The criteria disagree: " + strings.Join(parts, "; ") + "."
}

// anyRestricted says whether a box restricts some uncertainty.
func anyRestricted(boxes []prim.Step) bool {
	for _, b := range boxes {
		if len(b.Box.Restricted()) > 0 {
			return true
		}
	}
	return false
}
