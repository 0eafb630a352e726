package classroom

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/web/internal/native"
)

// The levers of docs/SCENARIOS.md §2, each of which the page must offer.
var productLevers = []string{
	"governance.common_agenda", "governance.shared_measurement", "governance.backbone_staff",
	"governance.meeting_interval_weeks", "governance.beneficiary_engagement", "governance.power_sharing",
	"funding.pooled", "funding.horizon_years", "problem.complementarity", "beneficiaries.count",
	"actors.value_spread", "actors.capability_overlap",
}

func TestLeversCoverProduct(t *testing.T) {
	var keys []string
	for _, lv := range Levers() {
		keys = append(keys, lv.Key)
		if lv.Label == "" || len(lv.Explain) < 80 {
			t.Errorf("%s: want a label and a plain-language explanation", lv.Key)
		}
		if lv.Kind == "slider" {
			steps := (lv.Max - lv.Min) / lv.Step
			if lv.Step <= 0 || lv.Max <= lv.Min || math.Abs(steps-math.Round(steps)) > 1e-9 {
				t.Errorf("%s: range %g to %g by %g", lv.Key, lv.Min, lv.Max, lv.Step)
			}
			if lv.Names != nil && len(lv.Names) != int(steps)+1 {
				t.Errorf("%s: %d names for %d positions", lv.Key, len(lv.Names), int(steps)+1)
			}
		}
	}
	if !slices.Equal(keys, productLevers) {
		t.Errorf("levers %v, want those of docs/SCENARIOS.md §2 %v", keys, productLevers)
	}
}

// TestBuiltinValuesOnTheSliders checks that every built-in scenario's lever
// values sit on a position of the page's controls, so that the page shows
// each scenario as it is.
func TestBuiltinValuesOnTheSliders(t *testing.T) {
	for _, name := range scenarios.Names() {
		v, err := Values(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, lv := range levers {
			x := v[lv.Key]
			switch f := x.(type) {
			case bool:
				if lv.Kind != "switch" {
					t.Errorf("%s %s: a bool on a slider", name, lv.Key)
				}
			case float64:
				k := (f - lv.Min) / lv.Step
				if lv.Kind != "slider" || f < lv.Min || f > lv.Max || math.Abs(k-math.Round(k)) > 1e-9 {
					t.Errorf("%s %s = %v: not a position of the slider (%g to %g by %g)", name, lv.Key, f, lv.Min, lv.Max, lv.Step)
				}
			case nil:
				if lv.Listed == "" {
					t.Errorf("%s %s: null on a lever that cannot be left as listed", name, lv.Key)
				}
			default:
				t.Errorf("%s %s: value %v of type %T", name, lv.Key, x, x)
			}
		}
	}
}

func TestConfigSets(t *testing.T) {
	c := Config{Scenario: "isolated", Levers: map[string]any{
		"actors.value_spread": nil, "funding.pooled": true, "governance.power_sharing": 0.25,
		"beneficiaries.count": 300.0,
	}}
	sets, err := c.Sets()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"governance.power_sharing=0.25", "funding.pooled=true", "beneficiaries.count=300", "actors.value_spread=null"}
	if !slices.Equal(sets, want) {
		t.Errorf("Sets = %q, want %q (page order)", sets, want)
	}
	bad := []struct {
		key  string
		v    any
		want string
	}{
		{"params.trust_gain", 0.5, `unknown lever "params.trust_gain"`},
		{"horizon.years", 200.0, `unknown lever`},
		{"funding.pooled", 1.0, "want true or false"},
		{"governance.backbone_staff", true, "want a number"},
		{"governance.backbone_staff", nil, "want a number"},
		{"governance.backbone_staff", 11.0, "outside 0 to 10"},
		{"beneficiaries.count", 1e6, "outside 100 to 5000"},
		{"governance.power_sharing", math.NaN(), "outside"},
		{"governance.meeting_interval_weeks", "2", "want a number"},
	}
	for _, b := range bad {
		_, err := Config{Scenario: "isolated", Levers: map[string]any{b.key: b.v}}.Sets()
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s=%v: %v, want an error with %q", b.key, b.v, err, b.want)
		}
	}
}

// direct runs a built-in scenario with the engine directly, as the
// command line does, to week w of replicate 0 of seed.
var direct = native.MustRun

// TestSessionIsTheEngine steps a session in uneven chunks and checks that
// every metric of every week is bit for bit the engine's run directly with
// the same --set arguments.
func TestSessionIsTheEngine(t *testing.T) {
	s := New()
	left := Config{Scenario: "ungas-vagar", Levers: map[string]any{"governance.beneficiary_engagement": 4.0, "problem.complementarity": 0.2}}
	right := Config{Scenario: "refined-collective-impact", Levers: map[string]any{"actors.capability_overlap": 0.9}}
	if err := s.Configure(0, left); err != nil {
		t.Fatal(err)
	}
	if err := s.Configure(1, right); err != nil {
		t.Fatal(err)
	}
	s.SetSeed(42)
	for _, n := range []int{1, 7, 52, 3, 40} {
		s.Step(n)
	}
	if s.Week() != 103 {
		t.Fatalf("week %d after steps of 1+7+52+3+40", s.Week())
	}
	ln := direct(t, "ungas-vagar", []string{"governance.beneficiary_engagement=4", "problem.complementarity=0.2"}, 42, 103)
	rn := direct(t, "refined-collective-impact", []string{"actors.capability_overlap=0.9"}, 42, 103)
	for i, e := range []*sim.Engine{ln, rn} {
		if got, want := s.sides[i].eng.Metrics(), e.Metrics(); !slices.Equal(got, want) {
			t.Errorf("side %d: the session's metrics differ from the engine's", i)
		}
	}
	snap := s.Snapshot(100)
	if snap.Seed != "42" || snap.Week != 103 || snap.Weeks != 520 {
		t.Errorf("snapshot seed %s week %d of %d", snap.Seed, snap.Week, snap.Weeks)
	}
	ss := snap.Sides[1]
	if ss.From != 100 || len(ss.Series["mean_trust"]) != 3 || ss.Series["mean_trust"][2] != rn.Value(102, sim.MeanTrust) {
		t.Errorf("series from week 100: from %d, %v", ss.From, ss.Series["mean_trust"])
	}
	if want := "cisim run refined-collective-impact --runs 1 --seed 42 --set actors.capability_overlap=0.9"; ss.Command != want {
		t.Errorf("command %q, want %q", ss.Command, want)
	}
	if want := fmt.Sprintf("%.1f%%", 100*rn.Value(102, sim.OutcomeRate)); ss.Shown[0].Text != want {
		t.Errorf("outcome rate shown as %q, want %q", ss.Shown[0].Text, want)
	}
	pop := rn.Population()
	total := 0
	for k, n := range ss.Counts {
		total += n
		if got := strings.Count(ss.States, strconv.Itoa(k)); got != n {
			t.Errorf("state %d: %d digits, count %d", k, got, n)
		}
	}
	if total != pop.N || len(ss.States) != pop.N {
		t.Errorf("counts sum to %d and %d states, want %d", total, len(ss.States), pop.N)
	}
	if n := len(ss.Actors); len(ss.Trust) != n*n || n != len(rn.Actors()) {
		t.Errorf("%d actors, trust of %d entries", n, len(ss.Trust))
	}
	voice := 0.0
	for _, a := range ss.Actors {
		voice += a.Voice
	}
	if math.Abs(voice-1) > 1e-9 {
		t.Errorf("the members' say in the agenda sums to %v, want 1", voice)
	}
	if ss.Phase != rn.Phase().String() || ss.PhaseAt[agents.Initiation] != 0 {
		t.Errorf("phase %s (engine %s), reached at %v", ss.Phase, rn.Phase(), ss.PhaseAt)
	}
	for p, at := range ss.PhaseAt {
		if (at >= 0) != (p <= int(rn.Phase())) {
			t.Errorf("phase %d reached at week %d, but the run is in %s", p, at, rn.Phase())
		}
	}
	log := rn.Events()
	if ss.Logged != len(log) || len(ss.Events) != min(len(log), RecentEvents) || len(log) == 0 {
		t.Fatalf("%d events shown of %d logged, the engine logged %d", len(ss.Events), ss.Logged, len(log))
	}
	if got, want := ss.Events[len(ss.Events)-1], EventText(log[len(log)-1], rn.Actors()); got != want {
		t.Errorf("newest event shown %q, want the engine's last %q", got, want)
	}
}

// Before the first event the page gets an empty list, not null (which
// once stopped the page from starting).
func TestSnapshotBeforeAnyEvent(t *testing.T) {
	b, err := json.Marshal(New().Snapshot(0))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"events":[]`) || strings.Contains(string(b), `"events":null`) {
		t.Errorf("snapshot at week 0: %.300s…", b)
	}
}

// An event prints when, who, what and why.
func TestEventText(t *testing.T) {
	actors := []agents.Actor{{Name: "Foundation"}, {Name: "Malmö City"}}
	for _, c := range []struct {
		ev   agents.Event
		want string
	}{
		{agents.Event{Tick: 40, Kind: agents.Exit, Actor: 0, Other: -1, Cause: "overheads"}, "week 40 · Foundation: exit (overheads)"},
		{agents.Event{Tick: 7, Kind: agents.Conflict, Actor: 0, Other: 1}, "week 7 · Foundation and Malmö City: conflict"},
		{agents.Event{Tick: 0, Kind: agents.PhaseChanged, Actor: -1, Other: -1, Cause: "run"}, "week 0 · the partnership: phase (run)"},
	} {
		if got := EventText(c.ev, actors); got != c.want {
			t.Errorf("%q, want %q", got, c.want)
		}
	}
}

func TestStepIsBounded(t *testing.T) {
	s := New()
	if s.Step(-5); s.Week() != 0 {
		t.Errorf("Step(-5) ran to week %d", s.Week())
	}
	if s.Step(10_000); s.Week() != MaxStep {
		t.Errorf("Step(10000) ran to week %d, want at most %d", s.Week(), MaxStep)
	}
	for range 20 {
		s.Step(MaxStep)
	}
	if s.Week() != s.Weeks() {
		t.Errorf("week %d, want the horizon %d and no further", s.Week(), s.Weeks())
	}
	s.Reset()
	if s.Week() != 0 || s.Snapshot(0).Sides[0].Shown[0].Text != "–" {
		t.Errorf("after Reset: week %d", s.Week())
	}
}

func TestConfigureRefusesAndKeeps(t *testing.T) {
	s := New()
	s.Step(10)
	for _, c := range []Config{
		{Scenario: "no-such-scenario"},
		{Scenario: "../scenarios/library/isolated"},
		{Scenario: "pa-lika-villkor", Levers: map[string]any{"funding.pooled": true}},
		{Scenario: "isolated", Levers: map[string]any{"params.trust_gain": 1.0}},
	} {
		if err := s.Configure(1, c); err == nil {
			t.Errorf("%+v was accepted", c)
		} else if strings.Contains(err.Error(), "\n") {
			t.Errorf("%+v: error of more than one line: %q", c, err)
		}
	}
	if err := s.Configure(2, Config{Scenario: "isolated"}); err == nil {
		t.Error("side 2 was accepted")
	}
	if s.Snapshot(0).Sides[1].Scenario != "collective-impact" || s.Week() != 10 {
		t.Errorf("a refused configuration changed the session")
	}
}

func TestQuantile(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5}
	for _, c := range []struct{ p, want float64 }{
		{0, 1}, {0.1, 1.4}, {0.25, 2}, {0.5, 3}, {0.95, 4.8}, {1, 5},
	} {
		if got := Quantile(x, c.p); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Quantile(1..5, %g) = %g, want %g", c.p, got, c.want)
		}
	}
	if got := Quantile([]float64{7}, 0.05); got != 7 {
		t.Errorf("one value: %g", got)
	}
	if !math.IsNaN(Quantile(nil, 0.5)) {
		t.Error("no values: want NaN")
	}
}

// TestMonteCarlo checks the bands against the replicates run directly:
// replicate r of the seed, as sim.Replicates runs it.
func TestMonteCarlo(t *testing.T) {
	s := New()
	if err := s.Configure(0, Config{Scenario: "isolated", Levers: map[string]any{"beneficiaries.count": 200.0}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Configure(1, Config{Scenario: "collective-impact", Levers: map[string]any{"beneficiaries.count": 200.0}}); err != nil {
		t.Fatal(err)
	}
	s.SetSeed(9)
	for _, runs := range []int{0, MaxRuns + 1} {
		if _, err := s.MonteCarlo(runs); err == nil {
			t.Errorf("a Monte Carlo of %d runs was accepted", runs)
		}
	}
	const runs = 5
	mc, err := s.MonteCarlo(runs)
	if err != nil {
		t.Fatal(err)
	}
	if b := mc.Bands(); b.Runs != 0 || len(b.Sides[0].Bands) != 0 {
		t.Errorf("bands before any run: %+v", b)
	}
	if mc.Step(100) != runs || mc.Step(1) != runs {
		t.Fatalf("Step ran past the runs asked for: %d", mc.Done())
	}
	b := mc.Bands()
	ahead := 0
	finals := [2][]float64{}
	for i, name := range []string{"isolated", "collective-impact"} {
		l, _ := scenarios.Load(name, []string{"beneficiaries.count=200"})
		sums, _, err := sim.Replicates(t.Context(), l.Scenario, 9, 0, runs, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, sm := range sums {
			finals[i] = append(finals[i], sm.OutcomeRate)
		}
	}
	for r := range runs {
		if finals[1][r] > finals[0][r] {
			ahead++
		}
	}
	if b.RightAhead != ahead {
		t.Errorf("right ahead in %d runs, directly %d", b.RightAhead, ahead)
	}
	for i := range 2 {
		x := slices.Sorted(slices.Values(finals[i]))
		want := []float64{x[0] + 0.2*(x[1]-x[0]), x[1], x[2], x[3], x[3] + 0.8*(x[4]-x[3])}
		got := b.Sides[i].Final["outcome_rate"]
		for q := range want {
			if math.Abs(got[q]-want[q]) > 1e-12 {
				t.Errorf("side %d final outcome rate quantile %g: %v, want %v", i, Quantiles()[q], got[q], want[q])
			}
		}
		bands := b.Sides[i].Bands["outcome_rate"]
		if len(bands) != len(Quantiles()) || len(bands[2]) != 520 || bands[2][519] != got[2] {
			t.Errorf("side %d: bands of the wrong shape", i)
		}
		for tk := range 520 {
			if !(bands[0][tk] <= bands[1][tk] && bands[1][tk] <= bands[2][tk] && bands[2][tk] <= bands[3][tk] && bands[3][tk] <= bands[4][tk]) {
				t.Fatalf("side %d week %d: quantiles out of order", i, tk)
			}
		}
	}
}

func TestCSV(t *testing.T) {
	s := New()
	if err := s.Configure(0, Config{Scenario: "isolated", Levers: map[string]any{"governance.backbone_staff": 1.5, "funding.horizon_years": 2.0}}); err != nil {
		t.Fatal(err)
	}
	s.Step(3)
	rows := strings.Split(strings.TrimSuffix(s.CSV(), "\n"), "\n")
	if len(rows) != 1+2*3*sim.NumMetrics {
		t.Fatalf("%d lines, want %d", len(rows), 1+2*3*sim.NumMetrics)
	}
	e := direct(t, "isolated", []string{"governance.backbone_staff=1.5", "funding.horizon_years=2"}, 1, 3)
	want := fmt.Sprintf("left,isolated,governance.backbone_staff=1.5 funding.horizon_years=2,1,0,2,mean_trust,%s",
		strconv.FormatFloat(e.Value(2, sim.MeanTrust), 'g', -1, 64))
	if !slices.Contains(rows, want) {
		t.Errorf("no row %q", want)
	}
	if !slices.Contains(rows, "right,collective-impact,,1,0,0,phase,0") {
		t.Errorf("no row for the right side's phase at tick 0")
	}
}
