package results

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Goal is a threshold a design must meet in a future (a satisficing
// criterion, Simon 1956): a headline metric at least or at most a value.
type Goal struct {
	Metric  string  `json:"metric"`
	AtLeast bool    `json:"at_least"` // the metric must be ≥ Value; else ≤ Value
	Value   float64 `json:"value"`
}

// String is the goal as --satisfice takes it: outcome_rate>=0.35.
func (g Goal) String() string {
	op := "<="
	if g.AtLeast {
		op = ">="
	}
	return g.Metric + op + strconv.FormatFloat(g.Value, 'g', -1, 64)
}

// ParseGoal reads METRIC>=X or METRIC<=X, with METRIC a headline metric
// and X within the values the metric can take.
func ParseGoal(s string) (Goal, error) {
	for _, op := range []string{">=", "<="} {
		name, value, ok := strings.Cut(s, op)
		if !ok {
			continue
		}
		g := Goal{Metric: strings.TrimSpace(name), AtLeast: op == ">="}
		c, known := Metric(g.Metric)
		if !known {
			return g, fmt.Errorf("unknown metric %q (allowed: %s)", g.Metric, strings.Join(Metrics(), ", "))
		}
		x, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		lo, hi := c.Bounds()
		if err != nil || math.IsNaN(x) || x < lo || x > hi {
			return g, fmt.Errorf("%s: %q is not a value %s can take (%v to %v)", s, strings.TrimSpace(value), g.Metric, lo, hi)
		}
		g.Value = x
		return g, nil
	}
	return Goal{}, fmt.Errorf("%q: want METRIC>=X or METRIC<=X, e.g. outcome_rate>=0.35", s)
}

// LowerIsBetter says whether less of a headline metric is better: costs.
// Every other headline metric is better higher.
func (c Col) LowerIsBetter() bool { return c == ColTotalCost || c == ColCostPerOutcome }
