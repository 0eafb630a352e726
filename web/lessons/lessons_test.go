package lessons

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/web/classroom"
	"github.com/cisim/cisim/web/internal/native"
)

// The lessons the issue names, each of which must be built in.
var named = []string{"Why a backbone?", "Trust takes time", "Who sets the agenda?", "Young people's voice",
	"Partners who complement each other", "Short-term money", "When collective impact fails"}

// TestEveryLessonLoads loads every built-in lesson, checks it has the
// issue's shape and plays every step natively: each explanation fills in
// without an error or a blank left, and every prediction is decided.
func TestEveryLessonLoads(t *testing.T) {
	all := All()
	titles := map[string]bool{}
	for _, l := range all {
		titles[l.Title] = true
		if len(l.Steps) < MinSteps || len(l.Steps) > MaxSteps || l.Goal == "" {
			t.Errorf("%s: %d steps, goal %q", l.ID, len(l.Steps), l.Goal)
		}
		s := classroom.New()
		for i, st := range l.Steps {
			if err := l.Begin(i, s); err != nil {
				t.Fatalf("%s step %d: %v", l.ID, i+1, err)
			}
			if s.Week() != st.From {
				t.Errorf("%s step %d begins at week %d, want %d", l.ID, i+1, s.Week(), st.From)
			}
			if err := l.RunStep(i, s); err != nil {
				t.Fatalf("%s step %d: %v", l.ID, i+1, err)
			}
			var b *classroom.Bands
			if st.Run.Runs > 0 {
				mc, _ := s.MonteCarlo(st.Run.Runs)
				for mc.Step(10) < st.Run.Runs {
				}
				bands := mc.Bands()
				b = &bands
			}
			f := FromSession(s, b)
			ex, err := l.Explain(i, &f)
			if err != nil {
				t.Fatalf("%s step %d: %v", l.ID, i+1, err)
			}
			if strings.ContainsAny(ex.Text, "{}") || len(ex.Holds) != len(st.Predict.Choices) {
				t.Errorf("%s step %d: %q, holds %v", l.ID, i+1, ex.Text, ex.Holds)
			}
		}
	}
	for _, n := range named {
		if !titles[n] {
			t.Errorf("no built-in lesson %q", n)
		}
	}
}

// TestFactsAreTheEngines fills a template with facts of a run and checks
// each against the engine run directly: the numbers as the page prints
// them, the difference from the printed numbers, the weeks of events.
func TestFactsAreTheEngines(t *testing.T) {
	s := classroom.New()
	if err := s.Configure(0, classroom.Config{Scenario: "collective-impact", Levers: map[string]any{"governance.backbone_staff": 0.0}}); err != nil {
		t.Fatal(err)
	}
	for s.Week() < 156 {
		s.Step(52)
	}
	l := native.MustRun(t, "collective-impact", []string{"governance.backbone_staff=0"}, 1, 156)
	r := native.MustRun(t, "collective-impact", nil, 1, 156)
	f := FromSession(s, nil)
	pct := func(v float64, d int) string { return fmt.Sprintf("%.*f%%", d, 100*v) }
	lo, ro := pct(l.Value(155, sim.OutcomeRate), 1), pct(r.Value(155, sim.OutcomeRate), 1)
	var lv, rv float64
	fmt.Sscanf(lo, "%f", &lv)
	fmt.Sscanf(ro, "%f", &rv)
	diff := fmt.Sprintf("%+.1f percentage points", rv-lv)
	firstExit := ""
	for _, ev := range l.Events() {
		if ev.Kind.String() == "exit" {
			firstExit = fmt.Sprintf("week %d", ev.Tick+1)
			break
		}
	}
	for path, want := range map[string]string{
		"left.outcome_rate":                     lo,
		"right.outcome_rate":                    ro,
		"right.mean_trust@52":                   pct(r.Value(51, sim.MeanTrust), 0),
		"left.partners_remaining":               fmt.Sprintf("%.0f", l.Value(155, sim.PartnersRemaining)),
		"diff.outcome_rate":                     strings.Replace(diff, "-", "−", 1),
		"left.when.exit":                        firstExit,
		"right.agree_trust":                     pct(r.Scenario().Params.Decisions.AgreeTrust, 0),
		"right.lever.governance.backbone_staff": "2 full-time staff",
		"left.lever.governance.backbone_staff":  "no backbone",
		"week":                                  "156", "year": "3",
	} {
		got, err := f.Look(path)
		if err != nil || got.text != want {
			t.Errorf("%s = %q (%v), want %q", path, got.text, err, want)
		}
	}
	if got, _ := f.Look("right.reached.run"); got.num != float64(firstWeek(r, "phase")) {
		t.Errorf("right.reached.run = %v, the engine's first phase change is in week %d", got, firstWeek(r, "phase"))
	}
}

func firstWeek(e *sim.Engine, kind string) int {
	for _, ev := range e.Events() {
		if ev.Kind.String() == kind {
			return ev.Tick + 1
		}
	}
	return -1
}

// TestTemplate checks the blanks, the choices and their conditions, which
// compare numbers as printed.
func TestTemplate(t *testing.T) {
	facts := map[string]fact{
		"a": {"30.2%", 0.302}, "b": {"30.2%", 0.302}, "c": {"45%", 0.45}, "name": {"IKEA", math.NaN()},
	}
	look := func(p string) (fact, error) { return facts[p], nil }
	check := func(p string) error {
		if _, ok := facts[p]; !ok {
			return fmt.Errorf("unknown fact %q", p)
		}
		return nil
	}
	for src, want := range map[string]string{
		"{a} and {c}":                                "30.2% and 45%",
		"{if a == b}same{else}differ{end}":           "same",
		"{if a < c and c > 0.4}yes{end}":             "yes",
		"{if a > c or name != 0}either{end}":         "either",
		"{if a > c}x{else}{if c >= 0.45}y{end}{end}": "y",
		"braces {{like}} these":                      "braces {like} these",
	} {
		tp, err := parseTemplate(src, check)
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if got, _ := tp.render(look); got != want {
			t.Errorf("%q renders %q, want %q", src, got, want)
		}
	}
	for src, want := range map[string]string{
		"{nope}":             `at character 1: unknown fact "nope"`,
		"{if a}x{end}":       "want A op B",
		"{if a > b}x":        "without its {end}",
		"x{end}":             "{end} without {if",
		"{a":                 "a { without its }",
		"a}":                 "a } without its {",
		"{if a >= zz}x{end}": `unknown fact "zz"`,
	} {
		if _, err := parseTemplate(src, check); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error with %q", src, err, want)
		}
	}
}

// TestBadLessons checks that a lesson with a mistake is refused with the
// file, line and column of the mistake and what is wrong.
func TestBadLessons(t *testing.T) {
	good := `title: T
summary: S
goal: G
start:
  left: {scenario: isolated}
  right: {scenario: collective-impact}
steps:
STEPS`
	step := func(extra string) string {
		return `  - title: A
    levers: [governance.backbone_staff]
    predict:
      question: Q?
      choices:
        - {text: yes, when: right.outcome_rate > left.outcome_rate}
        - {text: no, when: right.outcome_rate <= left.outcome_rate}
    run: {years: YEAR}
    explain: "{right.outcome_rate}"
` + extra
	}
	steps := func(n int, extra string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Replace(step(""), "YEAR", fmt.Sprint(i+1), 1))
		}
		b.WriteString(extra)
		return b.String()
	}
	for _, c := range []struct{ name, file, want string }{
		{"ok", strings.Replace(good, "STEPS", steps(4, ""), 1), ""},
		{"few", strings.Replace(good, "STEPS", steps(3, ""), 1), "x.yaml:8:3: $.steps: 3 steps; a lesson has 4 to 8"},
		{"unknown field", strings.Replace(good, "goal: G", "goal: G\ncolour: red", 1), "x.yaml:4:1"},
		{"lever", strings.Replace(good, "STEPS", strings.Replace(steps(4, ""), "[governance.backbone_staff]", "[governance.backbone]", 1), 1),
			`x.yaml:9:14: $.steps[0].levers[0]: no lever "governance.backbone"`},
		{"fact", strings.Replace(good, "STEPS", strings.Replace(steps(4, ""), `"{right.outcome_rate}"`, `"{right.outcome}"`, 1), 1),
			`$.steps[0].explain: at character 1: unknown fact "right.outcome"`},
		{"back in time", strings.Replace(good, "STEPS", strings.Replace(steps(4, ""), "years: 2", "years: 1", 1), 1),
			"$.steps[1].run.years: the step runs to week 52, but the run is at week 52 already"},
		{"scenario", strings.Replace(good, "{scenario: isolated}", "{scenario: nowhere}", 1) + "\n", "$.start.left.scenario"},
		{"mc", strings.Replace(good, "STEPS", strings.Replace(steps(4, ""), `"{right.outcome_rate}"`, `"{mc.runs}"`, 1), 1),
			"the step runs no Monte Carlo"},
		{"world change", strings.Replace(good, "STEPS", steps(3, "")+strings.Replace(step("    change: {year: 4.5, right: {levers: {beneficiaries.count: 300}}}\n"), "YEAR", "5", 1), 1),
			"cannot change during a run"},
		{"syntax", "title: [", "x.yaml:1:"},
	} {
		c.file = strings.Replace(c.file, "STEPS", steps(4, ""), 1)
		_, err := Parse("x.yaml", []byte(c.file))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want an error with %q", c.name, err, c.want)
		case err != nil && strings.Contains(err.Error(), "\n"):
			t.Errorf("%s: an error of more than one line: %q", c.name, err)
		}
	}
}

// The page and the explanations print a charted metric alike.
func TestPrintedAsThePage(t *testing.T) {
	for _, m := range classroom.Charted() {
		for _, v := range []float64{0, 0.12345, 0.5, 0.99951, 7} {
			if got := printed(m, v).text; got != classroom.Format(m, v) {
				t.Errorf("%s %v: %q, the page %q", m, v, got, classroom.Format(m, v))
			}
		}
	}
	if got, _ := classroom.Difference(sim.OutcomeRate, 0.30249, 0.30251, true); got != "+0.1 percentage points" {
		t.Errorf("30.2%% to 30.3%% reads %q: a difference of the printed numbers", got)
	}
	if got, _ := classroom.Difference(sim.MeanTrust, 0.5, 0.49, true); got != "−1 percentage point" {
		t.Errorf("50%% to 49%% reads %q", got)
	}
}
