package sim

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/cisim/cisim/agents"
)

// Rule is an adaptive design's trigger (docs/MODEL.md §3.2): a signpost
// watched in a window of weeks, and the settings of the design it makes
// when the signpost first holds there. A rule fires once at most. When it
// fires at the end of week t, the design in force with its settings is
// what Intervene takes: the governance and the channels change from week
// t+1, the funding and the backbone at the next funding round.
type Rule struct {
	When Signpost
	// From and Until are the window, in weeks, both included: the rule
	// fires at the first week of the window in which the signpost holds.
	// From = Until checks one week.
	From, Until int
	// Throughout makes the rule fire at Until only, and only if the
	// signpost held in every week of the window ("not yet by week Until").
	Throughout bool
	Set        []Setting
}

// Signpost is a shared indicator compared with a threshold: a per-tick
// metric as observe records it at the end of a week.
type Signpost struct {
	Metric    Metric
	Compare   Comparison
	Threshold float64
}

// Comparison is how a signpost compares its metric with its threshold.
type Comparison uint8

// The comparisons.
const (
	Below   Comparison = iota // x < threshold
	Above                     // x > threshold
	AtMost                    // x ≤ threshold
	AtLeast                   // x ≥ threshold
	numComparisons
)

var comparisonNames = [numComparisons]string{"below", "above", "at_most", "at_least"}

func (c Comparison) String() string {
	if c >= numComparisons {
		return fmt.Sprintf("comparison(%d)", int(c))
	}
	return comparisonNames[c]
}

// ParseComparison returns the comparison of a name (below, above,
// at_most, at_least).
func ParseComparison(name string) (Comparison, bool) {
	for c, n := range comparisonNames {
		if n == name {
			return Comparison(c), true
		}
	}
	return 0, false
}

// ComparisonNames lists the comparisons' names in order (a new slice each call).
func ComparisonNames() []string { return append([]string(nil), comparisonNames[:]...) }

// ParseMetric returns the per-tick metric of a name, as outputs write it.
func ParseMetric(name string) (Metric, bool) {
	for m, n := range metricNames {
		if n == name {
			return Metric(m), true
		}
	}
	return 0, false
}

// Holds reports whether the signpost holds for a value of its metric.
func (s Signpost) Holds(x float64) bool {
	switch s.Compare {
	case Below:
		return x < s.Threshold
	case Above:
		return x > s.Threshold
	case AtMost:
		return x <= s.Threshold
	case AtLeast:
		return x >= s.Threshold
	}
	return false
}

func (s Signpost) String() string {
	return fmt.Sprintf("%s %s %g", s.Metric, strings.ReplaceAll(s.Compare.String(), "_", " "), s.Threshold)
}

// String writes the rule's condition and window as an event's cause
// names it: "mean_trust below 0.4 at week 104", "… in weeks 52–156",
// "pooled_share at most 0 in every week 0–156".
func (r *Rule) String() string {
	switch {
	case r.From == r.Until:
		return fmt.Sprintf("%s at week %d", r.When, r.From)
	case r.Throughout:
		return fmt.Sprintf("%s in every week %d–%d", r.When, r.From, r.Until)
	}
	return fmt.Sprintf("%s in weeks %d–%d", r.When, r.From, r.Until)
}

// Setting is one design field a rule sets, by dotted key.
type Setting struct {
	Key   string  // governance.…, funding.… or channels.… (DesignKeys)
	Value float64 // a number; a switch 0 (false) or 1 (true); a name (agreement, host) its code
}

// DesignKeys lists the dotted keys a rule may set: every field of the
// governance, the funding and the channels, the parts of a scenario an
// intervention changes (a new slice each call).
func DesignKeys() []string {
	var keys []string
	for _, part := range designParts(&Scenario{}) {
		t := part.v.Type()
		for i := range t.NumField() {
			keys = append(keys, part.prefix+"."+yamlName(t.Field(i)))
		}
	}
	return keys
}

// designPart is one part of the design, addressable in a scenario.
type designPart struct {
	prefix string
	v      reflect.Value
}

func designParts(sc *Scenario) [3]designPart {
	return [3]designPart{
		{"governance", reflect.ValueOf(&sc.Governance).Elem()},
		{"funding", reflect.ValueOf(&sc.Funding).Elem()},
		{"channels", reflect.ValueOf(&sc.Channels).Elem()},
	}
}

// designField is the field of sc's design at a dotted key, or the zero
// Value when the key names none.
func designField(sc *Scenario, key string) reflect.Value {
	prefix, name, _ := strings.Cut(key, ".")
	for _, part := range designParts(sc) {
		if part.prefix == prefix && name != "" && !strings.Contains(name, ".") {
			return structField(part.v, name)
		}
	}
	return reflect.Value{}
}

// Apply writes the setting into sc's design. The error says what the
// field's kind allows: a switch takes 0 or 1, a whole number (a rung,
// weeks, a name's code) a whole value its type holds. Ranges are left to
// Validate.
func (s Setting) Apply(sc *Scenario) error {
	f := designField(sc, s.Key)
	if !f.IsValid() {
		return fmt.Errorf("sim: rule setting %s: not a design key (allowed: %s)", s.Key, strings.Join(DesignKeys(), ", "))
	}
	x := s.Value
	whole := !math.IsNaN(x) && x == math.Trunc(x)
	switch f.Kind() {
	case reflect.Bool:
		if x != 0 && x != 1 {
			return &InvalidError{Key: s.Key, Value: fmtValue(x), Allowed: "0 or 1 (false or true)"}
		}
		f.SetBool(x == 1)
	case reflect.Int, reflect.Int64, reflect.Int32:
		if !whole || math.Abs(x) > math.MaxInt32 || f.OverflowInt(int64(x)) {
			return &InvalidError{Key: s.Key, Value: fmtValue(x), Allowed: "a whole number"}
		}
		f.SetInt(int64(x))
	case reflect.Uint8, reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if !whole || x < 0 || x > math.MaxUint32 || f.OverflowUint(uint64(x)) {
			return &InvalidError{Key: s.Key, Value: fmtValue(x), Allowed: "a whole number code from 0"}
		}
		f.SetUint(uint64(x))
	case reflect.Float64:
		if math.IsNaN(x) {
			return &InvalidError{Key: s.Key, Value: fmtValue(x), Allowed: "a number"}
		}
		f.SetFloat(x)
	default:
		return fmt.Errorf("sim: rule setting %s: a field of kind %s cannot be set", s.Key, f.Kind())
	}
	return nil
}

func fmtValue(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// staticDesign is the design a run starts with, the scenario's: every
// replicate starts from it, whatever a rule changed in the last.
type staticDesign struct {
	governance Governance
	funding    Funding
	channels   agents.Channels
}

// restoreDesign takes the engine back to the scenario's design.
func (e *Engine) restoreDesign() {
	d := &e.start
	e.sc.Governance, e.sc.Funding, e.sc.Channels, e.ch = d.governance, d.funding, d.channels, d.channels
}

// MaxRules bounds a scenario's rules: each is checked every week of its
// window, and a rule past a hundred is no longer a design a team can
// discuss.
const MaxRules = 100

// adapt fires the rules whose signpost first holds at week t, in the
// scenario's order, each on the design the rules before it left. It runs
// after observe(t), so a signpost reads the week's metrics as outputs do.
func (e *Engine) adapt(t int) {
	for i := range e.sc.Rules {
		if r := &e.sc.Rules[i]; e.fires(r, t) {
			e.fire(i, r, e.metrics[t*NumMetrics+int(r.When.Metric)])
		}
	}
}

// fires reports whether rule r fires at week t. It keeps no state, so a
// run without rules is the same engine: a rule fired before if its
// signpost held at an earlier week of its window, which the recorded
// series says. The scan back stops at the latest week it held, so that
// in all a run costs a rule time in proportion to its window.
func (e *Engine) fires(r *Rule, t int) bool {
	switch {
	case t < r.From || t > r.Until:
		return false
	case r.Throughout:
		if t != r.Until {
			return false
		}
		for s := r.From; s <= t; s++ {
			if !e.holds(r, s) {
				return false
			}
		}
		return true
	case !e.holds(r, t):
		return false
	}
	for s := t - 1; s >= r.From; s-- {
		if e.holds(r, s) {
			return false
		}
	}
	return true
}

// holds reports whether r's signpost held at week s (s already observed).
func (e *Engine) holds(r *Rule, s int) bool {
	return r.When.Holds(e.metrics[s*NumMetrics+int(r.When.Metric)])
}

// fire makes rule i's settings on the design in force and intervenes
// with it. Two events are this week's: a trigger_fired event whose value
// is x, the signpost's metric this week, and whose cause names the rule
// ("rule 1 (mean_trust below 0.4 at week 104)"); then the intervention,
// its cause naming the rule first ("rule 1 (mean_trust below 0.4 at week
// 104): …"), which is what RuleFirings reads. A rule whose settings the
// design already has is logged too, changing nothing, so that every
// firing is counted.
func (e *Engine) fire(i int, r *Rule, x float64) {
	sc := *e.design()
	sc.Rules = nil // checked against the run's first design, once; Intervene checks the design
	rule := fmt.Sprintf("rule %d (%s)", i+1, r)
	e.event(agents.TriggerFired, -1, -1, x, rule)
	cause := rule + ": "
	for _, s := range r.Set {
		if err := s.Apply(&sc); err != nil {
			e.event(agents.Intervention, -1, -1, 0, cause+"refused: "+err.Error())
			return
		}
	}
	n := len(e.log)
	if err := e.Intervene(sc); err != nil {
		e.event(agents.Intervention, -1, -1, 0, cause+"refused: "+err.Error())
		return
	}
	for k := n; k < len(e.log); k++ {
		if e.log[k].Kind == agents.Intervention {
			e.log[k].Cause = cause + e.log[k].Cause
			return
		}
	}
	had := make([]string, len(r.Set))
	for k, s := range r.Set {
		had[k] = fmt.Sprintf("%s %v", s.Key, designField(&sc, s.Key).Interface())
	}
	e.event(agents.Intervention, -1, -1, 0, cause+"no change: the design in force has "+strings.Join(had, ", "))
}

// Firing is one rule's trigger in a run, as its event records it.
type Firing struct {
	Rule    int // the rule's number: 1 for the first of the scenario's list (rules[0])
	Week    int // the week its signpost held; the change applies from the next week
	Changes int // design fields it changed: 0 if the design in force had its settings
}

// RuleFirings lists the rules that fired in a run's event log, in the
// log's order: its intervention events whose cause starts "rule N (".
// A rule fires at most once a run, so a rule missing from the list did
// not fire.
func RuleFirings(events []agents.Event) []Firing {
	var out []Firing
	for _, ev := range events {
		if n, ok := ruleNumber(ev); ok {
			out = append(out, Firing{Rule: n, Week: ev.Tick, Changes: int(ev.Value)})
		}
	}
	return out
}

// ruleNumber is the number of the rule an event records the firing of.
func ruleNumber(ev agents.Event) (int, bool) {
	if ev.Kind != agents.Intervention {
		return 0, false
	}
	rest, ok := strings.CutPrefix(ev.Cause, "rule ")
	digits, _, paren := strings.Cut(rest, " (")
	n, err := strconv.Atoi(digits)
	if !ok || !paren || err != nil || n < 1 {
		return 0, false
	}
	return n, true
}

// rules checks each rule: a metric and a comparison, a threshold in the
// metric's range for this scenario, a window within the horizon, and
// settings of the design that are valid on the scenario's own design.
func (v *validator) rules(s *Scenario) {
	if len(s.Rules) > MaxRules {
		v.fail("rules", len(s.Rules), fmt.Sprintf("at most %d rules", MaxRules))
		return
	}
	ranges := MetricRanges(s)
	last := s.Ticks() - 1
	for i := range s.Rules {
		key, r := fmt.Sprintf("rules[%d]", i), &s.Rules[i]
		if m := r.When.Metric; m < 0 || int(m) >= NumMetrics {
			v.fail(key+".when.metric", int(m), strings.Join(MetricNames(), ", "))
		} else if x, lo, hi := r.When.Threshold, ranges[m][0], ranges[m][1]; math.IsNaN(x) || x < lo || x > hi {
			v.fail(key+".when.threshold", x, fmt.Sprintf("%s to %s, the range of %s", bound(lo), bound(hi), m))
		}
		if r.When.Compare >= numComparisons {
			v.fail(key+".when.compare", int(r.When.Compare), strings.Join(ComparisonNames(), ", "))
		}
		if r.From < 0 || r.From > last {
			v.fail(key+".when.from", r.From, fmt.Sprintf("a week from 0 to %d, within the horizon", last))
		} else if r.Until < r.From || r.Until > last {
			v.fail(key+".when.until", r.Until, fmt.Sprintf("a week from %d (the window's start) to %d, within the horizon", r.From, last))
		}
		v.settings(key+".set", r.Set, s)
	}
}

// settings checks a rule's settings on a copy of the scenario's design:
// keys, kinds, then the design's own checks (ranges, and the funder a
// pooled fund or a funder host needs) on what the settings make.
func (v *validator) settings(key string, set []Setting, s *Scenario) {
	if len(set) == 0 {
		v.fail(key, "none", "at least one setting of the design")
		return
	}
	c := *s // the design parts are values: the copy's are its own
	seen := map[string]bool{}
	for _, st := range set {
		switch err := st.Apply(&c); {
		case seen[st.Key]:
			v.fail(key+"."+st.Key, fmtValue(st.Value), "one setting per key")
		case err != nil:
			if inv, ok := err.(*InvalidError); ok {
				v.fail(key+"."+st.Key, inv.Value, inv.Allowed)
			} else {
				v.fail(key+"."+st.Key, fmtValue(st.Value), "a key of the design: "+strings.Join(DesignKeys(), ", "))
			}
		}
		seen[st.Key] = true
	}
	d := validator{}
	d.governance(&c.Governance)
	d.funding(&c.Funding)
	d.funder(&c)
	for _, err := range d.errs {
		if inv := err.(*InvalidError); seen[inv.Key] {
			v.fail(key+"."+inv.Key, inv.Value, inv.Allowed)
		}
	}
}
