package targets

import (
	"math"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/sim"
)

// field reads one key of a target.
func (p *fileParser) field(t *Target, k string, v ast.Node, key string) {
	switch k {
	case "name":
		if t.Name = p.text(v, key); p.err == nil && !namePattern.MatchString(t.Name) {
			p.fail(v, key, "%q: lowercase letters, digits and hyphens, at most 64", t.Name)
		}
	case "statistic":
		s := p.text(v, key)
		if i := slices.Index(statisticNames, s); i >= 0 {
			t.Statistic = Statistic(i)
		} else if p.err == nil {
			p.fail(v, key, "unknown statistic %q (allowed: %s)", s, strings.Join(statisticNames, ", "))
		}
	case "design":
		t.Design = p.text(v, key)
	case "versus":
		t.Versus = p.text(v, key)
	case "metric":
		t.Metric = p.text(v, key)
	case "year":
		y := p.number(v, key)
		if p.err == nil && (y != math.Trunc(y) || y < 1 || y > 200) {
			p.fail(v, key, "%v: a whole number of years, 1 to 200", y)
		}
		t.Year = int(y)
	case "property":
		t.Property = p.text(v, key)
		if p.err == nil && !slices.Contains(properties, t.Property) {
			p.fail(v, key, "unknown property %q (allowed: %s; or a metric with above or below)", t.Property, strings.Join(properties, ", "))
		}
	case "above", "below":
		t.Threshold, t.AtLeast = p.number(v, key), k == "above"
	case "phase":
		s := p.text(v, key)
		if ph, ok := phaseNamed(s); ok && ph != agents.Initiation {
			t.Phase = ph
		} else if p.err == nil {
			p.fail(v, key, "unknown phase %q (allowed: run, redesign, exponential)", s)
		}
	default:
		p.figure(t, k, v, key)
	}
}

// figure reads the keys of a target's figure, kind, weight and source.
func (p *fileParser) figure(t *Target, k string, v ast.Node, key string) {
	switch k {
	case "value":
		t.Lo = p.number(v, key)
		t.Hi = t.Lo
	case "interval":
		seq, ok := v.(*ast.SequenceNode)
		if !ok || len(seq.Values) != 2 {
			p.fail(v, key, "want [lower, upper]")
			return
		}
		t.Lo, t.Hi = p.number(seq.Values[0], key), p.number(seq.Values[1], key)
		if p.err == nil && t.Lo > t.Hi {
			p.fail(v, key, "[%g, %g]: the lower end above the upper", t.Lo, t.Hi)
		}
	case "kind":
		s := p.text(v, key)
		if i := slices.Index(kindNames, s); i >= 0 {
			t.Kind = Kind(i)
		} else if p.err == nil {
			p.fail(v, key, "unknown kind %q (allowed: observed — measured; goal — a programme's aim; assumed — an estimate without a measurement)", s)
		}
	case "weight":
		if t.Weight = p.number(v, key); p.err == nil && (t.Weight < 0 || t.Weight > 1e6) {
			p.fail(v, key, "%g: a weight from 0 to 1e6", t.Weight)
		}
	case "source":
		t.Source = strings.TrimSpace(p.text(v, key))
	case "mapping":
		t.Mapping = strings.TrimSpace(p.text(v, key))
	}
}

func phaseNamed(s string) (agents.Phase, bool) {
	for ph := range agents.Phase(agents.NumPhases) {
		if ph.String() == s {
			return ph, true
		}
	}
	return 0, false
}

// check verifies that a target's keys make one statistic; at holds where
// each key's value is ("" the target itself).
func (p *fileParser) check(t *Target, at map[string]ast.Node, prefix string) {
	if p.err != nil {
		return
	}
	need := func(k, why string) {
		if at[k] == nil {
			p.fail(at[""], prefix+k, "missing: %s", why)
		}
	}
	refuse := func(ks ...string) {
		for _, k := range ks {
			if at[k] != nil {
				p.fail(at[k], prefix+k, "not used by statistic %s", t.Statistic)
			}
		}
	}
	need("name", "every target has a name")
	need("statistic", "one of "+strings.Join(statisticNames, ", "))
	need("kind", "observed, goal or assumed: what the figure is")
	need("source", "the full citation of the figure (or, for your own data, where it comes from)")
	if at["value"] == nil && at["interval"] == nil {
		p.fail(at[""], prefix+"value", "missing: the figure, as value: X or interval: [lower, upper]")
	}
	if at["value"] != nil && at["interval"] != nil {
		p.fail(at["interval"], prefix+"interval", "give value or interval, not both")
	}
	if at["above"] != nil && at["below"] != nil {
		p.fail(at["below"], prefix+"below", "give above or below, not both")
	}
	if p.err == nil && t.Source == "" {
		p.fail(at["source"], prefix+"source", "empty: the full citation of the figure")
	}
	p.shape(t, at, prefix, need, refuse)
}

// shape checks the keys each statistic takes and the metric's name.
func (p *fileParser) shape(t *Target, at map[string]ast.Node, prefix string, need func(k, why string), refuse func(...string)) {
	switch t.Statistic {
	case Mean:
		need("metric", "the metric whose mean is the target")
		refuse("versus", "property", "above", "below", "phase")
	case Share:
		refuse("phase")
		switch {
		case at["versus"] != nil && !slices.Contains(twinProperties, t.Property):
			p.fail(at["versus"], prefix+"versus", "a share against versus only of failed or lost_to_twin runs")
		case t.Property == "lost_to_twin" && at["versus"] == nil:
			need("versus", "lost_to_twin is against the paired run of another design")
		}
		if at["property"] == nil {
			need("metric", "a property (stalled, broke_up, …) or a metric with above or below")
			if at["metric"] != nil && at["above"] == nil && at["below"] == nil {
				p.fail(at["metric"], prefix+"above", "missing: a share of runs whose metric is above (≥) or below (≤) a value")
			}
		} else {
			refuse("metric", "year", "above", "below")
		}
	case Difference, EffectSize:
		need("metric", "the metric compared")
		need("versus", "the design the difference is against")
		refuse("property", "above", "below", "phase")
	case YearsToPhase:
		need("phase", "run, redesign or exponential")
		refuse("metric", "year", "versus", "property", "above", "below")
	case YearlyExit:
		need("year", "the year whose exits are counted (1: the first)")
		refuse("metric", "versus", "property", "above", "below", "phase")
	case ParticipantEffect:
		refuse("metric", "year", "versus", "property", "above", "below", "phase")
	}
	if p.err == nil && t.Metric != "" {
		p.metric(t, at["metric"], prefix+"metric")
	}
	if p.err == nil && t.Versus != "" && t.Versus == t.Design {
		p.fail(at["versus"], prefix+"versus", "%q against itself", t.Versus)
	}
	if p.err == nil && (t.Statistic == Share || t.Statistic == YearlyExit) && (t.Lo < 0 || t.Hi > 1) {
		k := "value"
		if at[k] == nil {
			k = "interval"
		}
		p.fail(at[k], prefix+k, "a share from 0 to 1, not %s", t.Figure())
	}
}

// metric checks a metric's name: a per-tick metric with a year, a per-run
// column or a per-tick metric at the horizon without one.
func (p *fileParser) metric(t *Target, n ast.Node, key string) {
	ticked := slices.Contains(sim.MetricNames(), t.Metric)
	if _, ok := results.RunColumn(t.Metric); !ok && !ticked {
		p.fail(n, key, "unknown metric %q (a column of summary.csv, docs/OUTPUTS.md, or a per-tick metric: %s)",
			t.Metric, strings.Join(sim.MetricNames(), ", "))
	} else if t.Year > 0 && !ticked {
		p.fail(n, key, "%q at a year: a per-tick metric (%s)", t.Metric, strings.Join(sim.MetricNames(), ", "))
	}
}
