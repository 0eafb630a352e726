package scenarios

import (
	"fmt"
	"reflect"
	"sync"
)

// Condition is one of the five conditions of collective impact (Kania &
// Kramer 2011) or one of the two components the refined model adds
// (Save the Children & Accenture 2021): the scenario fields that switch it
// on. Off, they take the values of the built-in isolated scenario; on,
// those of refined-collective-impact — so the factorial of the seven spans
// exactly the two designs and everything between.
type Condition struct {
	Name   string   // as in outputs
	Title  string   // as in the sources
	Keys   []string // the fields it sets
	Source string
}

// Conditions returns the seven, in the order of the sources.
func Conditions() []Condition {
	const refined = "Save the Children & Accenture 2021 (seed 000 of the project: docs/MODEL.md §10)"
	return []Condition{
		// A common agenda is agreed (a letter of intent binds, with an exit
		// clause) and gives partners a voice in it beyond their money.
		{"common_agenda", "Common agenda", []string{"governance.common_agenda", "governance.power_sharing", "governance.agreement", "governance.exit_clause"}, "Kania & Kramer 2011"},
		{"shared_measurement", "Shared measurement", []string{"governance.shared_measurement"}, "Kania & Kramer 2011"},
		{"mutually_reinforcing_activities", "Mutually reinforcing activities", []string{"funding.pooled"}, "Kania & Kramer 2011 (the pooled fund buys each domain's work from the partners best at it)"},
		{"continuous_communication", "Continuous communication", []string{"governance.meeting_interval_weeks", "governance.steering_style"}, "Kania & Kramer 2011"},
		{"backbone_support", "Backbone support", []string{"governance.backbone_staff"}, "Kania & Kramer 2011"},
		{"beneficiary_engagement", "Beneficiary engagement", []string{"governance.beneficiary_engagement"}, refined},
		{"investment", "Early, long-term investment", []string{"funding.horizon_years", "params.funding.opening_share"}, refined},
	}
}

// ConditionNames lists the conditions' names.
func ConditionNames() []string {
	cs := Conditions()
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

// ConditionSets returns the key=value settings that switch each condition
// on (on[i] true) or off, with the values of the built-in designs.
func ConditionSets(on []bool) ([]string, error) {
	levels, err := conditionLevels()
	if err != nil {
		return nil, err
	}
	if len(on) != len(levels) {
		return nil, fmt.Errorf("scenarios: %d switches for %d conditions", len(on), len(levels))
	}
	var sets []string
	for i := range levels {
		k := 0
		if on[i] {
			k = 1
		}
		sets = append(sets, levels[i][k]...)
	}
	return sets, nil
}

// conditionLevels are each condition's settings off ([0]) and on ([1]),
// read once from the built-in designs.
var conditionLevels = sync.OnceValues(func() ([][2][]string, error) {
	var designs [2]*Loaded
	for k, name := range []string{"isolated", "refined-collective-impact"} {
		l, err := Load(name, nil)
		if err != nil {
			return nil, err
		}
		designs[k] = l
	}
	cs := Conditions()
	levels := make([][2][]string, len(cs))
	for i, c := range cs {
		for k, l := range designs {
			for _, key := range c.Keys {
				v, err := Value(&l.File, key)
				if err != nil {
					return nil, err
				}
				levels[i][k] = append(levels[i][k], key+"="+v)
			}
		}
	}
	return levels, nil
})

// Value returns the value of a field of a scenario file by dotted key, in
// the form Set takes (a distribution where the file gives one).
func Value(f *File, key string) (string, error) {
	if d, ok := f.Uncertain[key]; ok {
		return d.String(), nil
	}
	segs, err := splitKey(key)
	if err != nil {
		return "", err
	}
	v := reflect.ValueOf(f).Elem()
	for _, s := range segs {
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return "null", nil
			}
			v = v.Elem()
		}
		next, ok := field(v, s.name)
		if !ok || v.Kind() != reflect.Struct {
			return "", fmt.Errorf("unknown key %q", key)
		}
		v = next
		if s.index >= 0 {
			if (v.Kind() != reflect.Slice && v.Kind() != reflect.Array) || s.index >= v.Len() {
				return "", fmt.Errorf("no entry %d at %q", s.index, key)
			}
			v = v.Index(s.index)
		}
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "null", nil
		}
		v = v.Elem()
	}
	return fmt.Sprint(v.Interface()), nil
}
