package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

// A scenario file may make its design adaptive with rules
// (docs/SCENARIOS.md §8), each a signpost on a shared indicator, a window
// of years or weeks, and the settings of the design it makes once:
//
//	rules:
//	  - when: {metric: mean_trust, below: 0.4, at_year: 2}
//	    set: {governance.backbone_staff: 3}
//	  - when: {metric: pooled_share, at_most: 0, by_year: 3}
//	    set: {funding.pooled: false}
//
// The loader takes the list out of the syntax tree before the rest of the
// file is decoded, as it does distributions, so that each rule's problems
// are found with their place and the engine's checks (thresholds, the
// horizon, ranges) can be placed too.

// FileRule is one adaptive rule as a file writes it.
type FileRule struct {
	When FileSignpost  `yaml:"when,flow"`
	Set  yaml.MapSlice `yaml:"set,flow"` // dotted key of the design → value, in the file's order
	// at is where each part of the rule is in its file ("" the rule,
	// "when", "when.below", "set", "set.funding.pooled", …): line, column.
	at map[string][2]int
}

// FileSignpost is a rule's condition: a metric, one comparison with a
// threshold, and a window. Years are weeks/52, rounded to a week.
type FileSignpost struct {
	Metric    string   `yaml:"metric"`
	Below     *float64 `yaml:"below,omitempty"`
	Above     *float64 `yaml:"above,omitempty"`
	AtMost    *float64 `yaml:"at_most,omitempty"`
	AtLeast   *float64 `yaml:"at_least,omitempty"`
	AtYear    *float64 `yaml:"at_year,omitempty"`    // checked at this one week
	AtWeek    *float64 `yaml:"at_week,omitempty"`    //
	FromYear  *float64 `yaml:"from_year,omitempty"`  // the window's first week (default 0)
	FromWeek  *float64 `yaml:"from_week,omitempty"`  //
	UntilYear *float64 `yaml:"until_year,omitempty"` // its last week (default the run's last)
	UntilWeek *float64 `yaml:"until_week,omitempty"` //
	ByYear    *float64 `yaml:"by_year,omitempty"`    // fires here if it held in every week of the window to here
	ByWeek    *float64 `yaml:"by_week,omitempty"`    //
}

// signpostKeys are FileSignpost's keys, and which kind of key each is.
var (
	signpostKeys    = tags(reflect.TypeOf(FileSignpost{}))
	comparisonKeys  = sim.ComparisonNames()
	windowKeys      = []string{"at_year", "at_week", "from_year", "from_week", "until_year", "until_week", "by_year", "by_week"}
	ruleKeys        = []string{"when", "set"}
	ruleExample     = "{when: {metric: mean_trust, below: 0.4, at_year: 2}, set: {governance.backbone_staff: 3}}"
	rulesOnlyInFile = "rules can only be given in a file (docs/SCENARIOS.md §8), not with --set"
)

// field is the signpost's field of a key.
func (w *FileSignpost) field(key string) **float64 {
	v := reflect.ValueOf(w).Elem()
	f, ok := field(v, key)
	if !ok || f.Type() != reflect.TypeOf((*float64)(nil)) {
		return nil
	}
	return f.Addr().Interface().(**float64)
}

// takeRules takes the file's rules out of its syntax tree into f: a list
// given replaces the base's (null keeps it), and each rule is checked on
// its own, so that every problem is listed with its place.
func takeRules(label string, doc *ast.File, f *File) []*Error {
	root, _ := rootNode(doc).(*ast.MappingNode)
	var pair *ast.MappingValueNode
	if root != nil {
		for _, mv := range root.Values {
			if mv.Key != nil && keyName(mv.Key, mv.Key.GetToken()) == "rules" {
				pair = mv
			}
		}
	}
	if pair != nil {
		root.Values = slices.DeleteFunc(root.Values, func(mv *ast.MappingValueNode) bool { return mv == pair })
	}
	if pair == nil || pair.Value == nil || pair.Value.Type() == ast.NullType {
		for i := range f.Rules { // the base's: their places are in another file
			f.Rules[i].at = nil
		}
		return nil
	}
	seq, ok := pair.Value.(*ast.SequenceNode)
	if !ok {
		return []*Error{at(label, pair.Value, "rules", "want a list of rules such as "+ruleExample)}
	}
	if len(seq.Values) > sim.MaxRules {
		return []*Error{at(label, pair.Key, "rules", fmt.Sprintf("%d rules; at most %d", len(seq.Values), sim.MaxRules))}
	}
	f.Rules = nil
	var problems []*Error
	for i, n := range seq.Values {
		r, errs := parseRule(label, fmt.Sprintf("rules[%d]", i), n)
		if problems = append(problems, errs...); len(errs) == 0 {
			f.Rules = append(f.Rules, r)
		}
	}
	return problems
}

// at is a problem placed at a node of the file.
func at(label string, n ast.Node, key, msg string) *Error {
	line, col := nodePosition(n)
	return &Error{File: label, Line: line, Column: col, Key: key, Msg: msg}
}

func nodePosition(n ast.Node) (line, col int) {
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
		return position(m)
	}
	if n == nil || n.GetToken() == nil || n.GetToken().Position == nil {
		return 0, 0
	}
	return n.GetToken().Position.Line, n.GetToken().Position.Column
}

// parseRule reads one rule: a mapping with when and set.
func parseRule(label, key string, n ast.Node) (FileRule, []*Error) {
	r := FileRule{at: map[string][2]int{}}
	m, ok := n.(*ast.MappingNode)
	if !ok {
		return r, []*Error{at(label, n, key, "want a rule such as "+ruleExample)}
	}
	r.place("", m)
	var problems []*Error
	var when, set bool
	for _, mv := range m.Values {
		name := keyName(mv.Key, mv.Key.GetToken())
		switch name {
		case "when":
			when = true
			problems = append(problems, r.parseWhen(label, key+".when", mv.Value)...)
		case "set":
			set = true
			problems = append(problems, r.parseSet(label, key+".set", mv.Value)...)
		default:
			problems = append(problems, at(label, mv.Key, key+"."+name, "unknown field (allowed here: "+strings.Join(ruleKeys, ", ")+")"))
		}
	}
	if !when {
		problems = append(problems, at(label, m, key+".when", "a rule needs when: {metric: …, below, above, at_most or at_least: …, and a window}"))
	}
	if !set {
		problems = append(problems, at(label, m, key+".set", "a rule needs set: {KEY: VALUE, …}, at least one setting of the design"))
	}
	return r, problems
}

func (r *FileRule) place(part string, n ast.Node) {
	line, col := nodePosition(n)
	r.at[part] = [2]int{line, col}
}

// parseWhen reads a rule's signpost and window.
func (r *FileRule) parseWhen(label, key string, n ast.Node) []*Error {
	m, ok := n.(*ast.MappingNode)
	if !ok {
		return []*Error{at(label, n, key, "want a mapping such as {metric: mean_trust, below: 0.4, at_year: 2}")}
	}
	r.place("when", m)
	var problems []*Error
	for _, mv := range m.Values {
		name := keyName(mv.Key, mv.Key.GetToken())
		k := key + "." + name
		r.place("when."+name, mv.Value)
		if name == "metric" {
			if err := nodeValue(mv.Value, &r.When.Metric); err != nil {
				problems = append(problems, at(label, mv.Value, k, "want a metric's name, got "+yamlKind(mv.Value)))
			} else if _, ok := sim.ParseMetric(r.When.Metric); !ok {
				problems = append(problems, at(label, mv.Value, k, fmt.Sprintf("unknown metric %q (allowed: %s)", r.When.Metric, strings.Join(sim.MetricNames(), ", "))))
			}
			continue
		}
		p := r.When.field(name)
		if p == nil {
			problems = append(problems, at(label, mv.Key, k, "unknown field (allowed here: "+strings.Join(signpostKeys, ", ")+")"))
			continue
		}
		var x float64
		if err := nodeValue(mv.Value, &x); err != nil || math.IsNaN(x) {
			problems = append(problems, at(label, mv.Value, k, "want a number, got "+yamlKind(mv.Value)))
			continue
		}
		if msg := windowValue(name, x); msg != "" {
			problems = append(problems, at(label, mv.Value, k, msg))
			continue
		}
		*p = &x
	}
	if r.When.Metric == "" && !slices.ContainsFunc(problems, func(e *Error) bool { return e.Key == key+".metric" }) {
		problems = append(problems, at(label, m, key+".metric", "a signpost needs a metric (allowed: "+strings.Join(sim.MetricNames(), ", ")+")"))
	}
	return append(problems, r.checkWhen(label, key, m)...)
}

// windowValue says what is wrong with a year or a week, if anything.
func windowValue(name string, x float64) string {
	switch {
	case !slices.Contains(windowKeys, name):
		return ""
	case x < 0:
		return fmt.Sprintf("want 0 or more, got %v", x)
	case strings.HasSuffix(name, "_week") && x != math.Trunc(x):
		return fmt.Sprintf("want a whole number, got %v", x)
	}
	return ""
}

// checkWhen checks that a signpost has one comparison and a window that
// says one thing: one week (at), or a first and a last (from, until or
// by), each in years or in weeks.
func (r *FileRule) checkWhen(label, key string, m *ast.MappingNode) []*Error {
	var given []string // in the file's order, a value refused included
	for _, mv := range m.Values {
		given = append(given, keyName(mv.Key, mv.Key.GetToken()))
	}
	var problems []*Error
	cmp := slices.DeleteFunc(slices.Clone(given), func(k string) bool { return !slices.Contains(comparisonKeys, k) })
	switch {
	case len(cmp) == 0:
		problems = append(problems, at(label, m, key, "want one comparison: "+strings.Join(comparisonKeys, ", ")))
	case len(cmp) > 1:
		problems = append(problems, r.atKey(label, key, cmp[1], fmt.Sprintf("one comparison per rule, got %s and %s", cmp[0], cmp[1])))
	}
	bounds := map[string][]string{}
	for _, k := range given {
		if b, _, ok := strings.Cut(k, "_"); ok && slices.Contains(windowKeys, k) {
			bounds[b] = append(bounds[b], k)
		}
	}
	for _, b := range []string{"at", "from", "until", "by"} {
		if len(bounds[b]) > 1 {
			problems = append(problems, r.atKey(label, key, bounds[b][1], fmt.Sprintf("give %s in years or in weeks, not both", b)))
		}
	}
	conflict := func(a, b string) {
		if len(bounds[a]) > 0 && len(bounds[b]) > 0 {
			problems = append(problems, r.atKey(label, key, bounds[b][0], fmt.Sprintf("%s and %s together: %s", bounds[a][0], bounds[b][0], windowHelp)))
		}
	}
	conflict("at", "from")
	conflict("at", "until")
	conflict("at", "by")
	conflict("until", "by")
	return problems
}

const windowHelp = "a rule is checked at one week (at_year), in a window (from_year, until_year) or held to a week (by_year, after an optional from_year)"

func (r *FileRule) atKey(label, key, name, msg string) *Error {
	p := r.at["when."+name]
	return &Error{File: label, Line: p[0], Column: p[1], Key: key + "." + name, Msg: msg}
}

// parseSet reads a rule's settings: keys of the design, each with a value
// of its field's kind.
func (r *FileRule) parseSet(label, key string, n ast.Node) []*Error {
	m, ok := n.(*ast.MappingNode)
	if !ok || len(m.Values) == 0 {
		return []*Error{at(label, n, key, "want at least one setting of the design, such as {governance.backbone_staff: 3}")}
	}
	r.place("set", m)
	var problems []*Error
	for _, mv := range m.Values {
		name := keyName(mv.Key, mv.Key.GetToken())
		r.place("set."+name, mv.Value)
		var v any
		if err := nodeValue(mv.Value, &v); err != nil {
			problems = append(problems, at(label, mv.Value, key+"."+name, "want a value, got "+yamlKind(mv.Value)))
			continue
		}
		if _, err := settingValue(name, v); err != nil {
			n := ast.Node(mv.Value)
			if _, design := designKind(name); !design {
				n = mv.Key
			}
			problems = append(problems, at(label, n, key+"."+name, err.Error()))
			continue
		}
		r.Set = append(r.Set, yaml.MapItem{Key: name, Value: v})
	}
	return problems
}

// designKind is the type of a design field a rule may set.
func designKind(key string) (reflect.Type, bool) {
	if !slices.Contains(sim.DesignKeys(), key) {
		return nil, false
	}
	t, err := typeAt(reflect.TypeOf(File{}), key)
	return t, err == nil
}

// settingValue is the engine's number for a value a file gives a design
// field: a switch true/false (or 1/0), a name (agreement, host) its code,
// a whole number whole.
func settingValue(key string, v any) (float64, error) {
	t, ok := designKind(key)
	if !ok {
		prefix, _, _ := strings.Cut(key, ".")
		if allowed := keysAt(prefix); prefix == "governance" || prefix == "funding" || prefix == "channels" {
			return 0, fmt.Errorf("unknown key of the design (allowed after %q: %s)", prefix, strings.Join(allowed, ", "))
		}
		return 0, fmt.Errorf("not a lever of the design: a rule sets governance.*, funding.* or channels.*, not the partnership, the world or the mechanism")
	}
	x, isNumber := number(v)
	switch {
	case decodesItself(t):
		s, isText := v.(string)
		p := reflect.New(t)
		if !isText {
			return 0, fmt.Errorf("want a name, got %v", v)
		}
		if err := unmarshalValue(strconv.Quote(s), p.Interface()); err != nil {
			if ne := (*agents.UnknownNameError)(nil); errors.As(err, &ne) {
				return 0, errors.New(ne.Msg())
			}
			return 0, fmt.Errorf("want a name, got %q", s)
		}
		return float64(p.Elem().Uint()), nil
	case t.Kind() == reflect.Bool:
		if b, ok := v.(bool); ok {
			return map[bool]float64{false: 0, true: 1}[b], nil
		}
		if isNumber && (x == 0 || x == 1) {
			return x, nil
		}
		return 0, fmt.Errorf("want true or false (or 1 or 0), got %v", v)
	case !isNumber:
		return 0, fmt.Errorf("want a number, got %v", v)
	case t.Kind() != reflect.Float64 && x != math.Trunc(x):
		return 0, fmt.Errorf("want a whole number, got %v", v)
	}
	return x, nil
}

// nodeValue decodes one value of the file; a panic inside the YAML
// library becomes an error.
func nodeValue(n ast.Node, dst any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the value does not fit (%v)", r)
		}
	}()
	if n == nil {
		return fmt.Errorf("no value")
	}
	return yaml.NodeToValue(n, dst, yaml.Strict())
}

// yamlKind names what a node holds, for messages.
func yamlKind(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode:
		return "text"
	case *ast.BoolNode:
		return "true or false"
	case *ast.IntegerNode, *ast.FloatNode:
		return "a number"
	case nil, *ast.NullNode:
		return "nothing"
	}
	return "a " + strings.ToLower(n.Type().String())
}

// engineRules are the file's rules in the engine's form, for a run of
// ticks weeks (a window without an end runs to the last week).
func (f *File) engineRules(ticks int) ([]sim.Rule, []error) {
	var out []sim.Rule
	var bad []error
	for i := range f.Rules {
		r, err := f.Rules[i].rule(ticks)
		if err != nil {
			err.Key = fmt.Sprintf("rules[%d].%s", i, err.Key)
			bad = append(bad, err)
			continue
		}
		out = append(out, r)
	}
	return out, bad
}

// rule is the engine's form of a rule. The loader has checked the rules
// of a file; the errors are for a File built otherwise, keyed below the
// rule.
func (r *FileRule) rule(ticks int) (sim.Rule, *FieldError) {
	w := &r.When
	m, ok := sim.ParseMetric(w.Metric)
	if !ok {
		return sim.Rule{}, &FieldError{Key: "when.metric", Msg: fmt.Sprintf("unknown metric %q", w.Metric)}
	}
	var out sim.Rule
	n := 0
	for c, name := range comparisonKeys {
		if p := *w.field(name); p != nil {
			out.When, n = sim.Signpost{Metric: m, Compare: sim.Comparison(c), Threshold: *p}, n+1
		}
	}
	if n != 1 {
		return sim.Rule{}, &FieldError{Key: "when", Msg: "want one comparison: " + strings.Join(comparisonKeys, ", ")}
	}
	switch at := r.week("at", -1); {
	case at >= 0:
		out.From, out.Until = at, at
	case r.week("by", -1) >= 0:
		out.From, out.Until, out.Throughout = r.week("from", 0), r.week("by", -1), true
	default:
		out.From, out.Until = r.week("from", 0), r.week("until", ticks-1)
	}
	for _, item := range r.Set {
		key, _ := item.Key.(string)
		x, err := settingValue(key, item.Value)
		if err != nil {
			return sim.Rule{}, &FieldError{Key: "set." + key, Msg: err.Error()}
		}
		out.Set = append(out.Set, sim.Setting{Key: key, Value: x})
	}
	return out, nil
}

// week is the week a bound of the window names (at, from, until or by),
// in years or in weeks, or def when the rule gives neither.
func (r *FileRule) week(bound string, def int) int {
	if p := *r.When.field(bound + "_week"); p != nil {
		return int(math.Min(*p, 1e9))
	}
	if p := *r.When.field(bound + "_year"); p != nil {
		return int(math.Min(math.Round(*p*sim.WeeksPerYear), 1e9))
	}
	return def
}

// given is the key of the file that gives a bound, or "".
func (r *FileRule) given(bounds ...string) string {
	for _, b := range bounds {
		for _, unit := range []string{"_year", "_week"} {
			if p := *r.When.field(b + unit); p != nil {
				return b + unit
			}
		}
	}
	return ""
}

// placeRules puts the engine's problems with rules (thresholds, the
// window against the horizon, the settings' ranges) at the key of the
// file that gave the value, in the file's words.
func placeRules(ps []*Error, f *File, ticks int) []*Error {
	for _, e := range ps {
		var i int
		if n, _ := fmt.Sscanf(e.Key, "rules[%d]", &i); n != 1 || i < 0 || i >= len(f.Rules) {
			continue
		}
		_, rest, _ := strings.Cut(e.Key, "].")
		r := &f.Rules[i]
		name := rest
		switch rest {
		case "when.threshold", "when.compare":
			name = "when." + firstGiven(r, comparisonKeys)
		case "when.from":
			name = "when." + r.given("at", "from")
			e.Msg = r.windowMessage(name, r.week("at", r.week("from", 0)), ticks)
		case "when.until":
			name = "when." + r.given("at", "until", "by")
			e.Msg = r.windowMessage(name, r.week("at", r.week("by", r.week("until", ticks-1))), ticks)
		}
		name = strings.TrimSuffix(name, ".")
		e.Key = fmt.Sprintf("rules[%d].%s", i, name)
		if p, ok := r.at[name]; ok && e.Line == 0 {
			e.Line, e.Column = p[0], p[1]
		}
	}
	return ps
}

func firstGiven(r *FileRule, keys []string) string {
	for _, k := range keys {
		if *r.When.field(k) != nil {
			return k
		}
	}
	return ""
}

// windowMessage says why a bound of the window is refused: beyond the
// horizon, or before the window's start.
func (r *FileRule) windowMessage(name string, week, ticks int) string {
	last := ticks - 1
	_, key, _ := strings.Cut(name, ".")
	if week > last || week < 0 {
		what := fmt.Sprintf("week %d", week)
		if p := r.When.field(key); p != nil && *p != nil && strings.HasSuffix(key, "_year") {
			what = fmt.Sprintf("year %g (week %d)", **p, week)
		}
		return fmt.Sprintf("%s is beyond the horizon: a rule acts in weeks 0 to %d (to year %.3g) of this %g-year run",
			what, last, float64(last)/sim.WeeksPerYear, float64(ticks)/sim.WeeksPerYear)
	}
	return fmt.Sprintf("the window ends at week %d, before it starts at week %d", week, r.week("from", 0))
}

// putRules writes the rules after the rest of a marshalled file.
func putRules(out []byte, rules []FileRule) ([]byte, error) {
	if len(rules) == 0 {
		return out, nil
	}
	list, err := yaml.MarshalWithOptions(struct {
		Rules []FileRule `yaml:"rules"`
	}{rules}, yaml.IndentSequence(true), plainNumbers)
	if err != nil {
		return nil, fmt.Errorf("scenarios: writing the rules: %w", err)
	}
	out = append(bytes.TrimRight(out, "\n"), "\n\n"...) // a blank line before the list, as between sections
	return append(out, list...), nil
}
