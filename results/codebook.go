package results

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// Column is one column of an output file in the codebook: its header, how
// to read it, its unit and what it means. A Name with a * stands for a
// family of columns (params.*: every uncertain number drawn); the Name
// Lever stands for any lever's key or condition's name, its Kind then the
// lever's own.
type Column struct {
	Name    string
	Kind    Kind
	Unit    string   // empty when the column has none
	Levels  []string // a category's values
	Meaning string
}

// Lever is the codebook's name for a column named by a lever's key.
const Lever = "LEVER"

// Table is the codebook of one CSV file: every column it can have.
type Table struct {
	File    string
	Meaning string
	Columns []Column
}

// Lookup finds the column called name: an exact name first, then a
// family (prefix*suffix), then a lever.
func (t Table) Lookup(name string) (Column, bool) {
	for _, c := range t.Columns {
		if c.Name == name {
			return c, true
		}
	}
	for _, c := range t.Columns {
		pre, suf, ok := strings.Cut(c.Name, "*")
		if ok && len(name) > len(pre)+len(suf) && strings.HasPrefix(name, pre) && strings.HasSuffix(name, suf) {
			c.Name = name
			return c, true
		}
	}
	_, err := scenarios.Lever(name)
	isLever := err == nil || slices.Contains(scenarios.ConditionNames(), name)
	for _, c := range t.Columns {
		if c.Name == Lever && isLever {
			c.Name, c.Kind = name, LeverKind(name)
			return c, true
		}
	}
	return Column{}, false
}

// Codebook is every CSV file cisim writes, with its columns: the source of
// docs/OUTPUTS.md's tables, and of the Parquet files' types.
func Codebook() []Table {
	return append([]Table{
		{SummaryFile, "One row per scenario and replicate", summaryColumns()},
		{"timeseries.csv", "Per scenario (and point), tick and metric: statistics over runs", timeseriesColumns()},
		{EventsFile, "Every run's event log", eventColumns()},
		{FailuresFile, "Per scenario, the share of runs failing each way", failureCodebook()},
		{"comparison.csv", "Per metric and pair of scenarios (and point): the paired comparison", comparisonColumns()},
		{"points.csv", "Sweeps: one row per design point", pointColumns()},
		{"sensitivity.csv", "Sensitivity: the indices per lever", indexColumns("method", "sobol or morris", "lever", "index", "S1, ST (Sobol); mu, mu_star, sigma (Morris)", "value")},
		{"effects.csv", "Conditions: main effects and two-way interactions", effectCodebook("kind", "main or interaction", "factors", "the lever, or the two levers joined by +")},
		{"explain.csv", "Explain: each channel's contribution to the difference", effectCodebook("method", "total, residual, one_off or shapley", "channel", "the channel; NA for total and residual")},
		{"hypothesis.csv", "Hypotheses: the focal effect overall and in each setting of the moderators", hypothesisColumns()},
		{"discovery.csv", "Discover: the boxes found", boxColumns(true)},
		{"robust.csv", "Robust: every design under every robustness criterion, per headline metric and for the goals", robustCodebook()},
		{"regret.csv", "Robust: the regret table, each design's mean and regret in each future, per headline metric", []Column{
			{"future", Integer, "", nil, "the future (a point of points.csv)"},
			{"design", Text, "", nil, "the design"},
			{"metric", Text, "", nil, "the headline metric"},
			{"value", Number, "the metric's", nil, "the design's mean over the future's replicates"},
			{"regret", Number, "the metric's", nil, "how far it falls short of the best design in that future (0 for the best); NA where some design's metric is undefined"},
		}},
		{"vulnerabilities.csv", "Robust: each design's boxes of the futures in which it misses a goal", append([]Column{{"design", Text, "", nil, "the design"}}, boxColumns(true)...)},
		{"triggers.csv", "Robust: how often and when each adaptive design's rules fired", triggerCodebook()},
		{"discovery_trajectory.csv", "Discover: the peeling trajectory, one row a step", boxColumns(false)},
	}, append(calibrationCodebook(), classCodebook()...)...)
}

func summaryColumns() []Column {
	cols := []Column{
		{"scenario", Text, "", nil, "the design's name"},
		{"replicate", Integer, "", nil, "the replicate, 0 … runs−1: with seed, it reproduces the run"},
		{"seed", Integer, "", nil, "the master seed, 0 … 2⁵³−1"},
	}
	for c := range Col(NumColumns) {
		cols = append(cols, Column{c.String(), columns[c].kind, columns[c].unit, c.levels(), columns[c].meaning})
	}
	return append(cols,
		Column{"params.*", Number, "", nil, "the replicate's draw of an uncertain parameter (manifest.json's drawn)"},
		Column{"point", Integer, "", nil, "a sweep's design point"},
		Column{Lever, Number, "", nil, "a sweep's lever (or a condition of conditions, off or on) at the point; its kind is the lever's: boolean, integer or number"},
	)
}

func timeseriesColumns() []Column {
	cols := []Column{
		{"scenario", Text, "", nil, "the design's name"},
		{"tick", Integer, "weeks", nil, "the week, from 0"},
		{"metric", Category, "", sim.MetricNames(), "the per-tick metric (phase as its code: 0 initiation, 1 run, 2 redesign, 3 exponential)"},
		{"mean", Number, "", nil, "mean over runs, exact"},
		{"sd", Number, "", nil, "standard deviation over runs (n − 1), exact; NA with one run"},
	}
	for _, p := range []string{"05", "25", "50", "75", "95"} {
		cols = append(cols, Column{"p" + p, Number, "", nil, "the " + strings.TrimPrefix(p, "0") + "th percentile over runs, from the histogram: within half a bin, a whole number for whole-number metrics"})
	}
	return append(cols, Column{"point", Integer, "", nil, "a sweep's design point"})
}

func eventColumns() []Column {
	return []Column{
		{"scenario", Text, "", nil, "the design's name"},
		{"replicate", Integer, "", nil, "the replicate"},
		{"tick", Integer, "weeks", nil, "the week it happened"},
		{"kind", Category, "", agents.EventNames(), "what happened"},
		{"actor", Text, "", nil, "the organisation it happened to; NA for the partnership as a whole"},
		{"other", Text, "", nil, "the other organisation involved; NA if none"},
		{"value", Number, "", nil, "the event's size (a cut's share, a phase's code, …)"},
		{"cause", Text, "", nil, "why, in words; NA if not recorded"},
		{"point", Integer, "", nil, "a robust analysis's future (its design point)"},
	}
}

func failureCodebook() []Column {
	return []Column{
		{"scenario", Text, "", nil, "the design's name"},
		{"versus", Text, "", nil, "the twin design for lost_to_twin; NA otherwise"},
		{"failure", Category, "", []string{"stalled", "broke_up", "lost_to_twin", "failed"}, "the way of failing (failed: any of them)"},
		{"runs", Integer, "", nil, "runs"},
		{"share", Number, "share", nil, "share of runs failing so; NA where it cannot apply"},
		{"share_ci95_lo", Number, "share", nil, "Wilson 95% interval, lower end"},
		{"share_ci95_hi", Number, "share", nil, "Wilson 95% interval, upper end"},
	}
}

func comparisonColumns() []Column {
	return []Column{
		{"point", Integer, "", nil, "a sweep's design point"},
		{"metric", Text, "", nil, "the metric, or a way of failing (stalled, broke_up, lost_to_twin, failed: 1 if a run did)"},
		{"a", Text, "", nil, "the first design"},
		{"b", Text, "", nil, "the second design"},
		{"pairs", Integer, "", nil, "paired replicates"},
		{"mean_a", Number, "the metric's", nil, "mean of a"},
		{"mean_b", Number, "the metric's", nil, "mean of b"},
		{"difference", Number, "the metric's", nil, "mean paired difference b − a"},
		{"difference_ci95_lo", Number, "the metric's", nil, "its 95% t interval, lower end (clipped to the metric's values)"},
		{"difference_ci95_hi", Number, "the metric's", nil, "its 95% t interval, upper end"},
		{"a12", Number, "probability", nil, "Vargha–Delaney A12: the chance a run of b beats a run of a; NA for ratios of totals"},
		{"a12_magnitude", Category, "", []string{"negligible", "small", "medium", "large"}, "A12's magnitude; NA when A12 is"},
		{"cohens_d", Number, "SD", nil, "Cohen's d, pooled SD"},
		{"p_paired_t", Number, "probability", nil, "paired t test, two-sided"},
		{"p_wilcoxon", Number, "probability", nil, "Wilcoxon signed-rank test, two-sided (exact where R uses it)"},
		{"difference_p05", Number, "the metric's", nil, "5th percentile of the paired differences (type 7)"},
		{"difference_p50", Number, "the metric's", nil, "their median"},
		{"difference_p95", Number, "the metric's", nil, "their 95th percentile"},
	}
}

func pointColumns() []Column {
	return []Column{
		{"point", Integer, "", nil, "the design point"},
		{Lever, Number, "", nil, "the lever at the point (its kind is the lever's)"},
		{"runs", Integer, "", nil, "replicates at the point"},
		{"*_mean", Number, "the metric's", nil, "a headline metric's mean (a_, b_ … per design; b_minus_a_ … the paired difference)"},
		{"*_lo", Number, "the metric's", nil, "its 95% interval, lower end"},
		{"*_hi", Number, "the metric's", nil, "its 95% interval, upper end"},
	}
}

func indexColumns(method, methods, lever, index, indices, value string) []Column {
	return []Column{
		{method, Text, "", nil, methods},
		{"metric", Text, "", nil, "the metric analysed"},
		{lever, Text, "", nil, "the lever"},
		{index, Text, "", nil, indices},
		{value, Number, "", nil, "the index"},
		{"ci95_lo", Number, "", nil, "95% bootstrap interval, lower end; NA where there is none"},
		{"ci95_hi", Number, "", nil, "95% bootstrap interval, upper end"},
	}
}

func effectCodebook(kind, kinds, factors, factorsMeaning string) []Column {
	return []Column{
		{kind, Text, "", nil, kinds},
		{factors, Text, "", nil, factorsMeaning},
		{"metric", Text, "", nil, "the metric"},
		{"replicates", Integer, "", nil, "replicates"},
		{"estimate", Number, "the metric's", nil, "the effect, mean over replicates"},
		{"ci95_lo", Number, "the metric's", nil, "95% interval, lower end"},
		{"ci95_hi", Number, "the metric's", nil, "95% interval, upper end"},
		{"p", Number, "probability", nil, "two-sided p-value"},
	}
}

func hypothesisColumns() []Column {
	return []Column{
		{"hypothesis", Text, "", nil, "the hypothesis's id"},
		{"metric", Text, "", nil, "the metric"},
		{"where", Text, "", nil, "all, or the setting of the moderators"},
		{"replicates", Integer, "", nil, "replicates"},
		{"effect", Number, "the metric's", nil, "the focal effect"},
		{"ci95_lo", Number, "the metric's", nil, "95% interval, lower end"},
		{"ci95_hi", Number, "the metric's", nil, "95% interval, upper end"},
	}
}

// boxColumns are discovery.csv's columns (boxes) or
// discovery_trajectory.csv's: a box's statistics and its limits.
func boxColumns(boxes bool) []Column {
	first := Column{"step", Integer, "", nil, "the peeling step, from 0"}
	if boxes {
		first = Column{"box", Integer, "", nil, "the box, from 1"}
	}
	cols := []Column{first,
		{"coverage", Number, "share", nil, "share of the cases of interest inside the box"},
		{"density", Number, "share", nil, "share of the points inside the box that are cases"},
		{"mass", Number, "share", nil, "share of all points inside the box"},
		{"points", Integer, "", nil, "points inside the box"},
		{"cases", Integer, "", nil, "cases inside the box"},
		{"*.lo", Number, "the lever's", nil, "the box's lower limit on a lever; NA where that side is free"},
		{"*.hi", Number, "the lever's", nil, "its upper limit; NA where free"},
	}
	if boxes {
		return append(cols, Column{"description", Text, "", nil, "the box in words"},
			Column{"*.p", Number, "probability", nil, "the limit's quasi-p-value (the EMA Workbench's); NA where free"})
	}
	return append(cols, Column{"restricted", Integer, "", nil, "levers the box restricts"},
		Column{"box", Text, "", nil, "the box as limits"})
}

var (
	integerField = regexp.MustCompile(`^-?[0-9]+$`)
	numberField  = regexp.MustCompile(`^(-?[0-9]+\.[0-9]+(e[+-][0-9]+)?|-?[0-9](\.[0-9]+)?e[+-][0-9]+|Inf|-Inf)$`)
)

// Check says what is wrong with a field of the column, or nil: the field
// must be NA or a value of the column's kind, written as Format writes it.
func (c Column) Check(f string) error {
	ok := f == "NA"
	switch c.Kind {
	case Integer:
		ok = ok || integerField.MatchString(f)
	case Number:
		ok = ok || numberField.MatchString(f)
	case Boolean:
		ok = ok || f == "TRUE" || f == "FALSE"
	case Category:
		ok = ok || strings.Contains(","+strings.Join(c.Levels, ",")+",", ","+f+",")
	case Text:
		ok = f != ""
	}
	if !ok {
		return fmt.Errorf("%s: %q is not a %s", c.Name, f, c.Kind)
	}
	return nil
}

func robustCodebook() []Column {
	return []Column{
		{"metric", Text, "", nil, "a headline metric, or goals for the share of futures meeting every goal"},
		{"criterion", Category, "", []string{"mean", "worst_decile", "maximin", "minimax_regret", "regret_p90", "hurwicz", "domain"},
			"the robustness criterion (docs/STRATEGY.md): mean over futures (Laplace), 10th percentile, worst future (Wald), largest and 90th-percentile regret (Savage), Hurwicz, share of futures meeting every goal (Starr)"},
		{"design", Text, "", nil, "the design"},
		{"value", Number, "the metric's", nil, "the design's value under the criterion (a regret in the metric's unit; a share for domain)"},
		{"place", Integer, "", nil, "its place among the designs, 1 the best; tied designs share a place"},
		{"futures", Integer, "", nil, "futures the value is over (those where every design's metric is defined)"},
	}
}

func triggerCodebook() []Column {
	return []Column{
		{"design", Text, "", nil, "the adaptive design"},
		{"rule", Text, "", nil, "the rule, as the event log names it"},
		{"runs", Integer, "", nil, "the design's runs (futures × replicates)"},
		{"fired", Integer, "", nil, "runs in which the rule fired"},
		{"share", Number, "share", nil, "fired / runs"},
		{"week_p10", Number, "weeks", nil, "10th percentile of the week it fired in (type 7); NA if never"},
		{"week_p50", Number, "weeks", nil, "its median"},
		{"week_p90", Number, "weeks", nil, "its 90th percentile"},
	}
}
