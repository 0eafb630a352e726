package scenarios

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cisim/cisim/sim"
)

// ruleFile is a file extending collective-impact (ten years: weeks 0–519,
// nine actors) with the given rules.
func ruleFile(rules string) string { return "extends: collective-impact\nrules:\n" + rules }

// Bad rules: one error naming file:line:column, the rule's key and what is
// wrong, for each of the cases (an unknown metric or lever, a
// threshold outside the metric's range, a year beyond the horizon, no
// settings) and the other ways a rule can be malformed.
func TestBadRulesNameLineAndColumn(t *testing.T) {
	const good = "    set: {governance.backbone_staff: 3}\n"
	cases := []struct {
		name, rules string
		line, col   int
		key, msg    string
	}{
		{"unknown metric", "  - when: {metric: trust, below: 0.4, at_year: 2}\n" + good, 3, 20,
			"rules[0].when.metric", `unknown metric "trust" (allowed: outcome_rate, participant_outcome_rate, mean_trust,`},
		{"unknown lever", "  - when: {metric: mean_trust, below: 0.4, at_year: 2}\n    set: {governance.backbone: 3}\n", 4, 11,
			"rules[0].set.governance.backbone", `unknown key of the design (allowed after "governance": common_agenda,`},
		{"a lever outside the design", "  - when: {metric: mean_trust, below: 0.4, at_year: 2}\n    set: {params.trust.gain: 0.1}\n", 4, 11,
			"rules[0].set.params.trust.gain", "not a lever of the design: a rule sets governance.*, funding.* or channels.*"},
		{"a threshold above the range", "  - when: {metric: mean_trust, below: 1.5, at_year: 2}\n" + good, 3, 39,
			"rules[0].when.below", "invalid value 1.5 (allowed: 0 to 1, the range of mean_trust)"},
		{"more partners than actors", "  - when: {metric: partners_remaining, at_least: 12}\n" + good, 3, 50,
			"rules[0].when.at_least", "invalid value 12 (allowed: 0 to 9, the range of partners_remaining)"},
		{"a year beyond the horizon", "  - when: {metric: mean_trust, below: 0.4, at_year: 12}\n" + good, 3, 53,
			"rules[0].when.at_year", "year 12 (week 624) is beyond the horizon: a rule acts in weeks 0 to 519 (to year 9.98) of this 10-year run"},
		{"a week beyond the horizon", "  - when: {metric: mean_trust, below: 0.4, from_week: 520}\n" + good, 3, 55,
			"rules[0].when.from_week", "week 520 is beyond the horizon"},
		{"no settings", "  - when: {metric: mean_trust, below: 0.4, at_year: 2}\n    set: {}\n", 4, 10,
			"rules[0].set", "want at least one setting of the design"},
		{"no set at all", "  - when: {metric: mean_trust, below: 0.4, at_year: 2}\n", 3, 5,
			"rules[0].set", "a rule needs set:"},
		{"no comparison", "  - when: {metric: mean_trust, at_year: 2}\n" + good, 3, 11,
			"rules[0].when", "want one comparison: below, above, at_most, at_least"},
		{"two comparisons", "  - when: {metric: mean_trust, below: 0.4, above: 0.1}\n" + good, 3, 51,
			"rules[0].when.above", "one comparison per rule, got below and above"},
		{"at and a window", "  - when: {metric: mean_trust, below: 0.4, at_year: 2, until_year: 3}\n" + good, 3, 68,
			"rules[0].when.until_year", "at_year and until_year together"},
		{"years and weeks", "  - when: {metric: mean_trust, below: 0.4, from_year: 2, from_week: 3}\n" + good, 3, 69,
			"rules[0].when.from_week", "give from in years or in weeks, not both"},
		{"a window that ends before it starts", "  - when: {metric: mean_trust, below: 0.4, from_year: 3, until_year: 2}\n" + good, 3, 70,
			"rules[0].when.until_year", "the window ends at week 104, before it starts at week 156"},
		{"a fraction of a week", "  - when: {metric: mean_trust, below: 0.4, at_week: 2.5}\n" + good, 3, 53,
			"rules[0].when.at_week", "want a whole number, got 2.5"},
		{"a negative year", "  - when: {metric: mean_trust, below: 0.4, at_year: -1}\n" + good, 3, 53,
			"rules[0].when.at_year", "want 0 or more, got -1"},
		{"text for a threshold", "  - when: {metric: mean_trust, below: low}\n" + good, 3, 39,
			"rules[0].when.below", "want a number, got text"},
		{"unknown signpost key", "  - when: {metric: mean_trust, below: 0.4, at_yaer: 2}\n" + good, 3, 44,
			"rules[0].when.at_yaer", "unknown field (allowed here: metric, below, above, at_most, at_least, at_year,"},
		{"unknown rule key", "  - when: {metric: mean_trust, below: 0.4}\n" + good + "    then: {}\n", 5, 5,
			"rules[0].then", "unknown field (allowed here: when, set)"},
		{"a switch set to 2", "  - when: {metric: mean_trust, below: 0.4}\n    set: {funding.pooled: 2}\n", 4, 27,
			"rules[0].set.funding.pooled", "want true or false (or 1 or 0), got 2"},
		{"a fraction of meeting weeks", "  - when: {metric: mean_trust, below: 0.4}\n    set: {governance.meeting_interval_weeks: 2.5}\n", 4, 46,
			"rules[0].set.governance.meeting_interval_weeks", "want a whole number, got 2.5"},
		{"an unknown agreement", "  - when: {metric: mean_trust, below: 0.4}\n    set: {governance.agreement: treaty}\n", 4, 33,
			"rules[0].set.governance.agreement", `unknown agreement "treaty" (allowed: none, letter, contract)`},
		{"a staff out of range", "  - when: {metric: mean_trust, below: 0.4}\n    set: {governance.backbone_staff: 3000}\n", 4, 38,
			"rules[0].set.governance.backbone_staff", "invalid value 3000 (allowed: 0 to 1000)"},
		{"the second rule", "  - when: {metric: mean_trust, below: 0.4}\n" + good + "  - when: {metric: phase, at_least: 4}\n" + good, 5, 37,
			"rules[1].when.at_least", "invalid value 4 (allowed: 0 to 3, the range of phase)"},
		{"not a rule", "  - 3\n", 3, 5, "rules[0]", "want a rule such as {when:"},
		{"not a list", " 3\n", 3, 2, "rules", "want a list of rules such as"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "bad.yaml", ruleFile(tc.rules))
			_, err := Load(path, nil)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want *Error, got %v", err)
			}
			if e.File != path || e.Line != tc.line || e.Column != tc.col || e.Key != tc.key || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got  %s\nwant %s:%d:%d: %s: …%s…", e, path, tc.line, tc.col, tc.key, tc.msg)
			}
			if strings.Contains(e.Error(), "\n") {
				t.Errorf("error spans several lines: %q", e.Error())
			}
		})
	}
}

// A --set that shortens the horizon under a rule's year names the rule
// where the file wrote it.
func TestARuleBeyondAShortenedHorizonNamesTheRule(t *testing.T) {
	path := writeFile(t, "r.yaml", ruleFile("  - when: {metric: mean_trust, below: 0.4, at_year: 2}\n    set: {governance.backbone_staff: 3}\n"))
	_, err := Load(path, []string{"horizon.years=1"})
	want := path + ":3:53: rules[0].when.at_year: year 2 (week 104) is beyond the horizon: a rule acts in weeks 0 to 51 (to year 0.981) of this 1-year run"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// --set cannot give rules: a rule is a list entry of a file.
func TestSetCannotSetRules(t *testing.T) {
	for _, set := range []string{"rules=[]", "rules[0].when.metric=mean_trust", "rules.set=1"} {
		_, err := Load("collective-impact", []string{set})
		if err == nil || !strings.Contains(err.Error(), "rules can only be given in a file") {
			t.Errorf("--set %s: got %v", set, err)
		}
	}
}

// Years are weeks/52 rounded; a window without an end runs to the run's
// last week; by_* holds from the window's start (0 by default) to its
// week.
func TestRulesInTheEnginesForm(t *testing.T) {
	set := "    set: {governance.agreement: contract, funding.pooled: false, channels.voice: 1, governance.meeting_interval_weeks: 4}\n"
	cases := []struct {
		when string
		want sim.Rule
	}{
		{"{metric: mean_trust, below: 0.4, at_year: 2}", sim.Rule{When: sim.Signpost{Metric: sim.MeanTrust, Compare: sim.Below, Threshold: 0.4}, From: 104, Until: 104}},
		{"{metric: outcome_rate, above: 0.1, from_year: 1.5}", sim.Rule{When: sim.Signpost{Metric: sim.OutcomeRate, Compare: sim.Above, Threshold: 0.1}, From: 78, Until: 519}},
		{"{metric: phase, at_least: 1, until_week: 300}", sim.Rule{When: sim.Signpost{Metric: sim.PhaseReached, Compare: sim.AtLeast, Threshold: 1}, From: 0, Until: 300}},
		{"{metric: pooled_share, at_most: 0, by_year: 3}", sim.Rule{When: sim.Signpost{Metric: sim.PooledShare, Compare: sim.AtMost, Threshold: 0}, From: 0, Until: 156, Throughout: true}},
		{"{metric: open_conflicts, at_least: 2, from_week: 10, by_week: 20}", sim.Rule{When: sim.Signpost{Metric: sim.OpenConflicts, Compare: sim.AtLeast, Threshold: 2}, From: 10, Until: 20, Throughout: true}},
		{"{metric: mean_trust, below: 0.3}", sim.Rule{When: sim.Signpost{Metric: sim.MeanTrust, Compare: sim.Below, Threshold: 0.3}, From: 0, Until: 519}},
	}
	settings := []sim.Setting{{Key: "governance.agreement", Value: 2}, {Key: "funding.pooled", Value: 0}, {Key: "channels.voice", Value: 1},
		{Key: "governance.meeting_interval_weeks", Value: 4}}
	for _, tc := range cases {
		l, err := LoadBytes("r.yaml", []byte(ruleFile("  - when: "+tc.when+"\n"+set)), nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.when, err)
		}
		tc.want.Set = settings
		if got := l.Scenario.Rules; !reflect.DeepEqual(got, []sim.Rule{tc.want}) {
			t.Errorf("%s: got %+v, want %+v", tc.when, got, tc.want)
		}
	}
}

// The resolved file (what `scenarios show` prints and a run records)
// carries the rules and loads back to the same scenario; a file extending
// it without rules of its own keeps them, `rules: []` drops them.
func TestRulesSurviveTheResolvedFile(t *testing.T) {
	l, err := Load("../examples/adaptive-backbone.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Scenario.Rules) != 2 {
		t.Fatalf("rules %+v", l.Scenario.Rules)
	}
	out, err := l.YAML()
	if err != nil {
		t.Fatal(err)
	}
	want := "\n\nrules:\n  - when: {metric: mean_trust, below: 0.4, at_year: 2}\n    set: {governance.backbone_staff: 3}\n" +
		"  - when: {metric: pooled_share, at_most: 0, by_year: 3}\n    set: {funding.pooled: false}\n"
	if !strings.HasSuffix(string(out), want) {
		t.Errorf("shown file ends\n%s\nwant\n%s", out[max(0, len(out)-300):], want)
	}
	back, err := LoadBytes("shown.yaml", out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !sameScenario(back.Scenario, l.Scenario) || !reflect.DeepEqual(back.Scenario.Rules, l.Scenario.Rules) {
		t.Error("the shown file loads to another scenario")
	}
	with, err := l.With([]string{"governance.backbone_staff=1"})
	if err != nil || !reflect.DeepEqual(with.Rules, l.Scenario.Rules) {
		t.Errorf("With: %v, rules %+v", err, with.Rules)
	}
	none, err := LoadBytes("none.yaml", append(out, "rules: []\n"...), nil)
	if err == nil {
		t.Errorf("a second rules key loaded: %+v", none.Scenario.Rules)
	}
	for src, n := range map[string]int{"rules:\n": 0, "rules: []\n": 0, "name: x\n": 0} {
		l, err := LoadBytes("x.yaml", []byte(src), nil)
		if err != nil || len(l.Scenario.Rules) != n {
			t.Errorf("%q: %v, %d rules", src, err, len(l.Scenario.Rules))
		}
	}
}

// An adaptive scenario runs: the example's rules fire in some replicates
// and not in others, each at its one week.
func TestTheExampleRunsAndItsRulesFire(t *testing.T) {
	l, err := Load("../examples/adaptive-backbone.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	e, err := sim.New(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	fired := map[sim.Firing]int{}
	const runs = 40
	for r := range runs {
		e.Reset(1, r)
		e.Run()
		for _, f := range sim.RuleFirings(e.Events()) {
			fired[sim.Firing{Rule: f.Rule, Week: f.Week}]++
		}
	}
	for f, n := range fired {
		if want := map[int]int{1: 104, 2: 156}[f.Rule]; f.Week != want || n == runs {
			t.Errorf("rule %d fired %d times at week %d: want some replicates, at week %d", f.Rule, n, f.Week, want)
		}
	}
	if len(fired) != 2 {
		t.Errorf("firings %v: want both rules to fire in some of %d replicates", fired, runs)
	}
}
