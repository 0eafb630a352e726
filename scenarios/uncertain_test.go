package scenarios

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/uncertain"
)

// Bad distributions: one error naming file:line:column, the key and what is wrong.
func TestBadDistributionsNameLineAndColumn(t *testing.T) {
	cases := []struct {
		name, src string
		line, col int
		key, msg  string
	}{
		{"lower above upper", "params:\n  trust:\n    gain: {uniform: [0.1, 0.02]}\n", 3, 11, "params.trust.gain", "lower bound 0.1 is not below upper bound 0.02"},
		{"negative spread", "params:\n  trust:\n    gain: {lognormal: [0.05, -1], low: 0, high: 0.2}\n", 3, 11, "params.trust.gain", "sigma must be above 0"},
		{"unknown kind", "params:\n  trust:\n    gain: {gamma: [2, 3]}\n", 3, 11, "params.trust.gain", `unknown distribution "gamma"`},
		{"mode outside", "params:\n  trust:\n    gain:\n      triangular: [0.02, 0.3, 0.1]\n", 4, 7, "params.trust.gain", "mode 0.3 is outside"},
		{"numbers missing", "params:\n  trust:\n    gain: {triangular: [0.02, 0.1]}\n", 3, 11, "params.trust.gain", "triangular takes 3 numbers"},
		{"beyond the range", "params:\n  trust:\n    gain: {uniform: [0.5, 1.5]}\n", 3, 11, "params.trust.gain", "bounds within 0 to 1"},
		// The point (1.5) is out of range too: the bounds are what is wrong.
		{"wholly beyond the range", "params:\n  trust:\n    gain: {uniform: [1, 2]}\n", 3, 11, "params.trust.gain", "bounds within 0 to 1"},
		{"not a number", "params:\n  trust:\n    gain: {uniform: [low, 0.1]}\n", 3, 11, "params.trust.gain", "want a list of numbers"},
		{"not an uncertain field", "preconditions: {champion: A}\nactors:\n  list:\n    - {name: A, sector: nonprofit, member: true, budget: {uniform: [1, 2]}, kpi: {skills: 1}}\n", 4, 58, "actors.list[0].budget", "only for a mechanism parameter under params"},
		// Every draw must satisfy the rules that tie one parameter to another:
		// a mean trust as low as 0.01 leaves no room for the spread of 0.1.
		{"linked draws", "params:\n  trust:\n    init_mean: {uniform: [0.01, 0.5]}\n", 3, 16, "params.trust.init_mean", "allows params.trust.init_spread = 0.1 (a draw of 0.01 allows only 0 to 0.01)"},
		{"linked pair", "params:\n  events:\n    cut_low: {uniform: [0.1, 0.5]}\n    cut_high: {uniform: [0.3, 0.6]}\n", 3, 14, "params.events.cut_low", "allows params.events.cut_high = 0.3 (a draw of 0.5 allows only 0.5 to 1)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "bad.yaml", tc.src)
			_, err := Load(path, nil)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want *Error, got %v", err)
			}
			if e.File != path || e.Line != tc.line || e.Column != tc.col || e.Key != tc.key || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got  %s\nwant %s:%d:%d: %s: …%s…", e, path, tc.line, tc.col, tc.key, tc.msg)
			}
		})
	}
}

func TestDistributionsInFilesAndSets(t *testing.T) {
	path := writeFile(t, "mine.yaml", "extends: collective-impact\nparams:\n  trust:\n    gain: {beta: [2, 6], low: 0, high: 0.2}\n    loss: 0.2\n")
	l, err := Load(path, []string{"params.conflict.rate={uniform: [0.01, 0.05]}", "params.membership.exit_hazard=0.3"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]uncertain.Dist{}
	for _, u := range l.Scenario.Uncertain {
		got[u.Key] = u.Dist
	}
	if got["params.trust.gain"] != uncertain.ScaledBeta(2, 6, 0, 0.2) || got["params.conflict.rate"] != uncertain.Uni(0.01, 0.05) {
		t.Errorf("distributions from the file and --set: %v %v", got["params.trust.gain"], got["params.conflict.rate"])
	}
	if _, ok := got["params.trust.loss"]; ok {
		t.Error("a value given in the file replaces the base's distribution")
	}
	if _, ok := got["params.membership.exit_hazard"]; ok {
		t.Error("a value given with --set replaces the base's distribution")
	}
	if _, ok := got["params.trust.decay"]; !ok {
		t.Error("distributions the file does not touch come from its base")
	}
	// Point values: the beta's mean, the uniform's midpoint.
	if p := l.Scenario.Params; p.Trust.Gain != 0.05 || math.Abs(p.Conflict.Rate-0.03) > 1e-15 || p.Trust.Loss != 0.2 {
		t.Errorf("point values %v %v %v, want 0.05 0.03 0.2", p.Trust.Gain, p.Conflict.Rate, p.Trust.Loss)
	}
	// Shown and loaded again, the file gives the same scenario.
	out, err := l.YAML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "gain: {beta: [2, 6], low: 0, high: 0.2}") {
		t.Errorf("show does not write the distribution:\n%s", grep(string(out), "gain:"))
	}
	again, err := LoadBytes("again.yaml", out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !sameScenario(l.Scenario, again.Scenario) {
		t.Error("the shown file does not load to the same scenario")
	}
}

func TestPointValuesDropTheDistributions(t *testing.T) {
	l, err := Load("collective-impact", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Scenario.Uncertain) == 0 {
		t.Fatal("the library carries no uncertainty")
	}
	f := l.File.clone()
	f.PointValues()
	s, err := f.scenario()
	if err != nil || len(s.Uncertain) != 0 || s.Params != l.Scenario.Params {
		t.Errorf("PointValues: %d distributions left, params equal %v (err %v)", len(s.Uncertain), s.Params == l.Scenario.Params, err)
	}
}

func grep(s, sub string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, sub) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

func sameScenario(a, b sim.Scenario) bool {
	if len(a.Uncertain) != len(b.Uncertain) || a.Params != b.Params || len(a.Actors) != len(b.Actors) {
		return false
	}
	for i := range a.Uncertain {
		if a.Uncertain[i] != b.Uncertain[i] {
			return false
		}
	}
	a.Name, b.Name, a.Description, b.Description = "", "", "", ""
	a.Uncertain, b.Uncertain, a.Actors, b.Actors = nil, nil, nil, nil
	return a.Governance == b.Governance && a.Funding == b.Funding && a.Problem == b.Problem && a.Economics == b.Economics
}

// A number set inside a mapping is fixed like one set by its own key: it
// was once left drawn from the base's distribution.
func TestAMappingSetFixesTheNumbersItNames(t *testing.T) {
	l, err := Load("collective-impact", []string{"params.trust={gain: 0.05}"})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, u := range l.Scenario.Uncertain {
		keys[u.Key] = true
	}
	if keys["params.trust.gain"] || !keys["params.trust.decay"] {
		t.Errorf("drawn after params.trust={gain: 0.05}: gain %v (want false), decay %v (want true)", keys["params.trust.gain"], keys["params.trust.decay"])
	}
	if l.Scenario.Params.Trust.Gain != 0.05 {
		t.Errorf("gain %v", l.Scenario.Params.Trust.Gain)
	}
}
