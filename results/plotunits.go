package results

import "strings"

// Display is how a metric reads to people, in plots and in the report's
// tables alike: in the unit they think in (%, MSEK, kSEK), with labels
// that name it. The files (summary.csv, timeseries.csv, the JSON) keep
// the stored unit (shares, SEK), for programs.
type Display struct {
	Axis     string   // the label of an axis of its values, unit in brackets
	DiffAxis string   // the label of an axis of a difference of two designs
	Unit     string   // the unit of displayed values ("%", "MSEK", "partners"); "" for a 0–1 index
	DiffUnit string   // the unit of a displayed difference ("pp" for percentages)
	Scale    float64  // stored value × Scale = displayed value
	Whole    bool     // whole numbers (counts, phases): drawn as steps and bars, ticked at whole numbers
	Levels   []string // names of the values 0, 1, …, when they are categories (phases)
}

// share is the Display of a share shown in percent of a population.
func share(what, of string) Display {
	return Display{Axis: what + " (% of " + of + ")", DiffAxis: "difference (percentage points)",
		Unit: "%", DiffUnit: "pp", Scale: 100}
}

// index is the Display of a score on a 0–1 scale, which has no unit.
func index(what string) Display {
	return Display{Axis: what + " (0–1)", DiffAxis: "difference (on the 0–1 scale)", Unit: "0–1", DiffUnit: "0–1", Scale: 1}
}

// money is the Display of an amount of SEK in MSEK (k = 1e-6) or kSEK (1e-3).
func money(what, unit string, k float64) Display {
	return Display{Axis: what + " (" + unit + ")", DiffAxis: "difference (" + unit + ")", Unit: unit, DiffUnit: unit, Scale: k}
}

// displays are the metrics plots and reports show, per-tick and headline;
// docs/OUTPUTS.md defines each.
var displays = map[string]Display{
	"outcome_rate":             share("in a job or studies", "young people"),
	"participant_outcome_rate": share("in a job or studies", "those enrolled"),
	"enrolled":                 share("enrolled now", "young people"),
	"reached":                  share("ever enrolled", "young people"),
	"mean_trust":               index("mean trust between partners"),
	"agenda_alignment":         index("agenda–need alignment"),
	"measurement_maturity":     index("shared-measurement maturity"),
	"partners_remaining": {Axis: "partners (count)", DiffAxis: "difference (partners)", Unit: "partners",
		DiffUnit: "partners", Scale: 1, Whole: true},
	"phase":            {Axis: "phase of the partnership", Scale: 1, Whole: true, Levels: phaseLevels},
	"total_cost":       money("total cost", "MSEK", 1e-6),
	"cost_per_outcome": money("cost per additional outcome", "kSEK", 1e-3),
	"sroi": {Axis: "social return (SEK of value per SEK spent)", DiffAxis: "difference (SEK per SEK)",
		Unit: "SEK/SEK", DiffUnit: "SEK/SEK", Scale: 1},
	// The failure rows of the comparisons: shares of runs.
	FailStalled:  share("stalled", "runs"),
	FailBrokeUp:  share("broke up", "runs"),
	FailLostTwin: share("lost to its twin", "runs"),
	FailAny:      share("failed", "runs"),
}

// DisplayOf is how the metric name reads; a metric without one shows its
// stored value under its own name.
func DisplayOf(name string) Display {
	if d, ok := displays[name]; ok {
		return d
	}
	return Display{Axis: name, DiffAxis: "difference in " + name, Scale: 1}
}

// Scale is what a metric is multiplied by for display (DisplayOf's Scale).
func Scale(name string) float64 { return DisplayOf(name).Scale }

// UnitSuffix is the unit of a metric's displayed values for a table's
// row or column label, " (MSEK)", or "" when it has none; diff asks for
// the unit of a difference (" (pp)" for percentages).
func UnitSuffix(name string, diff bool) string {
	d := DisplayOf(name)
	u := d.Unit
	if diff {
		u = d.DiffUnit
	}
	if u == "" {
		return ""
	}
	return " (" + u + ")"
}

// FormatIn prints a metric's stored value x in its display unit, to
// FormatNumber's four significant digits and without the unit (the
// table's label carries it): 155331514 SEK of total_cost reads 155.3, an
// outcome rate of 0.3403 reads 34.03.
func FormatIn(name string, x float64) string {
	return FormatNumber(x * DisplayOf(name).Scale)
}

// FormatMetric prints a metric's stored value x with its unit, for a
// number that stands alone (a heat map's cell): "155.3 MSEK", "34.03%";
// diff marks a difference ("+2.57 pp"). Its minus sign is a true one.
func FormatMetric(name string, x float64, diff bool) string {
	d := DisplayOf(name)
	s, u := FormatIn(name, x), d.Unit
	if diff {
		u = d.DiffUnit
		if x > 0 {
			s = "+" + s
		}
	}
	s = strings.Replace(s, "-", "−", 1)
	switch u {
	case "", "0–1":
		return s
	case "%":
		return s + "%"
	}
	return s + " " + u
}
