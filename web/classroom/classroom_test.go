package classroom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
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
	snap := s.Snapshot(100, [2]int{0, 5})
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
	if ss.Logged != len(log) || ss.EventsFrom != 5 || len(ss.Events) != len(log)-5 || len(log) < 6 {
		t.Fatalf("%d events sent from entry %d of %d logged, the engine logged %d", len(ss.Events), ss.EventsFrom, ss.Logged, len(log))
	}
	for k, ev := range ss.Events {
		if want := InfoAt(log, 5+k, rn.Actors()); ev != want {
			t.Errorf("event %d sent %+v, want the engine's %+v", 5+k, ev, want)
		}
	}
}

// Before the first event the page gets an empty list, not null (which
// once stopped the page from starting).
func TestSnapshotBeforeAnyEvent(t *testing.T) {
	b, err := json.Marshal(New().Snapshot(0, [2]int{}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"events":[]`) || strings.Contains(string(b), `"events":null`) {
		t.Errorf("snapshot at week 0: %.300s…", b)
	}
}

// An event reads as a sentence: the week as the page counts it (the
// first week is week 1), who, what and why in plain words.
func TestNarrate(t *testing.T) {
	actors := []agents.Actor{{Name: "Foundation"}, {Name: "Malmö City"}}
	for _, c := range []struct {
		ev    agents.Event
		want  string
		group string
	}{
		{agents.Event{Tick: 139, Kind: agents.Exit, Actor: 0, Other: -1, Cause: "distrust"},
			"Week 140: Foundation left: its trust in the others fell below what staying was worth", "partners"},
		{agents.Event{Tick: 6, Kind: agents.Conflict, Actor: 0, Other: 1, Cause: "values apart"},
			"Week 7: Foundation and Malmö City fell out: values apart", "conflict"},
		{agents.Event{Tick: 64, Kind: agents.PhaseChanged, Actor: -1, Other: -1, Value: 1, Cause: "run"},
			"Week 65: The partnership entered the run phase: a plan is agreed and in force", "plan"},
		{agents.Event{Tick: 10, Kind: agents.FunderCut, Actor: 0, Other: -1, Value: 0.25},
			"Week 11: Foundation's own budget was cut by 25%: it gives less from its next funding round", "money"},
		{agents.Event{Tick: 155, Kind: agents.Intervention, Actor: -1, Other: -1, Value: 1, Cause: "governance.backbone_staff 0 → 2"},
			"Week 156: The design was changed: Backbone staff: no backbone → 2 full-time staff (money and the backbone follow at the next funding round)", "intervention"},
		{agents.Event{Tick: 3, Kind: agents.Intervention, Actor: -1, Other: -1, Value: 1, Cause: "governance.common_agenda false → true"},
			"Week 4: The design was changed: Common agenda: off → on", "intervention"},
		{agents.Event{Tick: 0, Kind: agents.FundingRound, Actor: -1, Other: -1, Value: 14.04e6, Cause: "the first commitment"},
			"Week 1: The first funding round: the funders put in SEK 14.0 million a year", "money"},
		{agents.Event{Tick: 156, Kind: agents.FundingRound, Actor: -1, Other: -1, Value: 13.26e6, Cause: "a commitment ended and the next began"},
			"Week 157: A new funding round (the last commitment ended): the funders put in SEK 13.3 million a year", "money"},
		{agents.Event{Tick: 93, Kind: agents.PooledFundStarted, Actor: -1, Other: -1, Value: 2.1e6, Cause: "a plan is agreed to spend it on"},
			"Week 94: The pooled fund began to pay the partners, SEK 2.1 million a year: a plan is agreed to spend it on", "money"},
		{agents.Event{Tick: 65, Kind: agents.PooledFundStarted, Actor: -1, Other: -1, Value: 38_412, Cause: "a plan is agreed to spend it on"},
			"Week 66: The pooled fund began to pay the partners, SEK 38,000 a year: a plan is agreed to spend it on", "money"},
		{agents.Event{Tick: 104, Kind: agents.TriggerFired, Actor: -1, Other: -1, Value: 0.3249, Cause: "rule 1 (mean_trust below 0.4 at week 104)"},
			"Week 105: Rule 1 fired: mean trust was 32%, below 40%", "rule"},
		{agents.Event{Tick: 156, Kind: agents.TriggerFired, Actor: -1, Other: -1, Value: 0, Cause: "rule 2 (pooled_share at most 0 in every week 0–156)"},
			"Week 157: Rule 2 fired: the share of the money pooled was 0%, at most 0%", "rule"},
	} {
		if got := Info(c.ev, actors); got.Text != c.want || got.Group != c.group || got.Week != c.ev.Tick+1 {
			t.Errorf("%+v: %+v, want %q in group %s", c.ev, got, c.want, c.group)
		}
	}
}

// A rule's trigger tells what its intervention, the next entry of the
// log, changed, and that intervention is marked told, so that the feed
// says it once: "rule 1 fired: mean trust was 32%, below 40% → backbone staff
// set to 3 full-time staff".
func TestTriggerTellsItsChange(t *testing.T) {
	log := []agents.Event{
		{Tick: 104, Kind: agents.TriggerFired, Actor: -1, Other: -1, Value: 0.3249, Cause: "rule 1 (mean_trust below 0.4 at week 104)"},
		{Tick: 104, Kind: agents.Intervention, Actor: -1, Other: -1, Value: 1, Cause: "rule 1 (mean_trust below 0.4 at week 104): governance.backbone_staff 2 → 3"},
		{Tick: 156, Kind: agents.TriggerFired, Actor: -1, Other: -1, Value: 0, Cause: "rule 2 (pooled_share at most 0 in every week 0–156)"},
		{Tick: 156, Kind: agents.Intervention, Actor: -1, Other: -1, Value: 2, Cause: "rule 2 (pooled_share at most 0 in every week 0–156): funding.pooled true → false; governance.meeting_interval_weeks 2 → 4"},
		{Tick: 200, Kind: agents.Intervention, Actor: -1, Other: -1, Value: 1, Cause: "governance.common_agenda true → false"},
	}
	want := []struct {
		text string
		told bool
	}{
		{"Week 105: Rule 1 fired: mean trust was 32%, below 40% → backbone staff set to 3 full-time staff (from the next funding round)", false},
		{"", true},
		{"Week 157: Rule 2 fired: the share of the money pooled was 0%, at most 0% → pooled fund turned off; leaders meet every 4 weeks (from the next funding round)", false},
		{"", true},
		{"Week 201: The design was changed: Common agenda: on → off", false},
	}
	for k, w := range want {
		got := InfoAt(log, k, nil)
		if got.Told != w.told || w.text != "" && got.Text != w.text {
			t.Errorf("entry %d: %q told %v, want %q told %v", k, got.Text, got.Told, w.text, w.told)
		}
	}
}

// Every kind of event reads as a sentence of its own, not the engine's name.
func TestEveryKindNarrated(t *testing.T) {
	for k := range agents.NumEventKinds {
		ev := agents.Event{Kind: agents.EventKind(k), Actor: 0, Other: 1, Cause: "x"}
		got := Narrate(ev, []agents.Actor{{Name: "A"}, {Name: "B"}})
		if generic := "Week 1: " + strings.ReplaceAll(agents.EventKind(k).String(), "_", " ") + ": x"; got == generic {
			t.Errorf("%s reads only %q", agents.EventKind(k), got)
		}
	}
}

func TestTitle(t *testing.T) {
	for name, want := range map[string]string{
		"isolated": "Isolated impact", "collective-impact": "Collective impact",
		"refined-collective-impact": "Refined collective impact", "ungas-vagar": "Ungas Vägar (Malmö)",
		"pa-lika-villkor": "På Lika Villkor", "no-such": "no-such",
	} {
		if got := Title(name); got != want {
			t.Errorf("Title(%s) = %q, want %q", name, got, want)
		}
	}
}

func TestLeverText(t *testing.T) {
	for _, c := range []struct {
		key  string
		v    any
		want string
	}{
		{"governance.backbone_staff", 0.0, "no backbone"}, {"governance.backbone_staff", 2.0, "2 full-time staff"},
		{"governance.meeting_interval_weeks", 0.0, "never"}, {"governance.meeting_interval_weeks", 4.0, "4 weeks"},
		{"governance.beneficiary_engagement", 3.0, "co-design"}, {"governance.power_sharing", 0.0, "money decides"},
		{"governance.power_sharing", 0.35, "35%"}, {"governance.power_sharing", 1.0, "all equal"},
		{"funding.pooled", true, "on"}, {"actors.value_spread", nil, "the partners' own"},
	} {
		lv, _ := LeverOf(c.key)
		if got := lv.Text(c.v); got != c.want {
			t.Errorf("%s = %v reads %q, want %q", c.key, c.v, got, c.want)
		}
	}
	for _, lv := range Levers() {
		if lv.Kind == "slider" && lv.Texts[len(lv.Texts)-1] != lv.Text(lv.Max) {
			t.Errorf("%s: positions %v end with %q, not Max's %q", lv.Key, lv.Texts, lv.Texts[len(lv.Texts)-1], lv.Text(lv.Max))
		}
	}
}

func TestPresetsLoad(t *testing.T) {
	for _, p := range Presets() {
		s := New()
		for i, c := range p.Sides {
			if err := s.Configure(i, c); err != nil {
				t.Errorf("preset %s side %d: %v", p.ID, i, err)
			}
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
	if s.Week() != 0 || s.Snapshot(0, [2]int{}).Sides[0].Shown[0].Text != "–" {
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
	if s.Snapshot(0, [2]int{}).Sides[1].Scenario != "collective-impact" || s.Week() != 10 {
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

// TestInterventionIsTheEngine changes a design in the middle of a run, on
// both sides at different weeks, and checks every metric of every week
// against the engine run directly with sim.Engine.Intervene at the same
// ticks; then that a Monte Carlo replays the changes in each replicate,
// and that Reset starts again under the last design.
func TestInterventionIsTheEngine(t *testing.T) {
	s := New()
	s.SetSeed(3)
	s.Step(40)
	right := Config{Scenario: "collective-impact", Levers: map[string]any{"governance.backbone_staff": 0.0}}
	if err := s.Intervene(1, right); err != nil {
		t.Fatal(err)
	}
	s.Step(52)
	s.Step(8) // week 100
	left := Config{Scenario: "isolated", Levers: map[string]any{"governance.common_agenda": true, "governance.meeting_interval_weeks": 4.0}}
	if err := s.Intervene(0, left); err != nil {
		t.Fatal(err)
	}
	for s.Week() < 300 {
		s.Step(50)
	}
	rn := native.MustRun(t, "collective-impact", nil, 3, 40)
	native.MustIntervene(t, rn, "collective-impact", []string{"governance.backbone_staff=0"})
	native.StepTo(rn, 300)
	ln := native.MustRun(t, "isolated", nil, 3, 100)
	native.MustIntervene(t, ln, "isolated", []string{"governance.common_agenda=true", "governance.meeting_interval_weeks=4"})
	native.StepTo(ln, 300)
	for i, e := range []*sim.Engine{ln, rn} {
		if got, want := s.Engine(i).Metrics(), e.Metrics(); !slices.Equal(got, want) {
			t.Errorf("side %d: the session's metrics after a change differ from the engine's", i)
		}
	}
	snap := s.Snapshot(0, [2]int{})
	if ch := snap.Sides[1].Changes; len(ch) != 1 || ch[0].Week != 40 || ch[0].Sets[0] != "governance.backbone_staff=0" {
		t.Errorf("right side's changes: %+v", ch)
	}
	if !slices.ContainsFunc(snap.Sides[0].Events, func(e EventInfo) bool { return e.Kind == "intervention" && e.Week == 101 }) {
		t.Errorf("no intervention event in week 101 on the left")
	}
	if want := "cisim run isolated --runs 1 --seed 3   # then from week 101: governance.common_agenda=true governance.meeting_interval_weeks=4"; snap.Sides[0].Command != want {
		t.Errorf("command %q, want %q", snap.Sides[0].Command, want)
	}
	if err := s.Intervene(0, Config{Scenario: "isolated", Levers: map[string]any{"beneficiaries.count": 500.0}}); err == nil {
		t.Error("a change of the young people during a run was accepted")
	}

	mc, err := s.MonteCarlo(2)
	if err != nil {
		t.Fatal(err)
	}
	mc.Step(2)
	b := mc.Bands()
	r1 := native.MustRun(t, "collective-impact", nil, 3, 0)
	r1.Reset(3, 1)
	native.StepTo(r1, 40)
	native.MustIntervene(t, r1, "collective-impact", []string{"governance.backbone_staff=0"})
	native.StepTo(r1, r1.Ticks())
	x := []float64{rn2final(t), r1.Value(r1.Ticks()-1, sim.OutcomeRate)}
	slices.Sort(x)
	if got, want := b.Sides[1].Final["outcome_rate"], Quantile(x, 0.95); math.Abs(got[4]-want) > 1e-15 {
		t.Errorf("the Monte Carlo's 95%% outcome rate on the right is %v, the two replicates with the change give %v", got[4], want)
	}

	s.Reset()
	if s.Week() != 0 || len(s.Changes(0)) != 0 || s.Config(0).Levers["governance.meeting_interval_weeks"] != 4.0 {
		t.Errorf("after Reset: week %d, changes %v, config %v", s.Week(), s.Changes(0), s.Config(0))
	}
	s.Step(30)
	if want := native.MustRun(t, "isolated", []string{"governance.common_agenda=true", "governance.meeting_interval_weeks=4"}, 3, 30); !slices.Equal(s.Engine(0).Metrics(), want.Metrics()) {
		t.Error("after Reset the left side does not run its last design from week 0")
	}
}

// rn2final is the right side's final outcome rate in replicate 0 of seed 3
// with the backbone removed at week 40.
func rn2final(t *testing.T) float64 {
	e := native.MustRun(t, "collective-impact", nil, 3, 40)
	native.MustIntervene(t, e, "collective-impact", []string{"governance.backbone_staff=0"})
	native.StepTo(e, e.Ticks())
	return e.Value(e.Ticks()-1, sim.OutcomeRate)
}

// TestAdaptiveDesign runs the page's adaptive design, the repository's
// examples/adaptive-backbone.yaml (the embedded copy must be that file),
// without a backbone, as the command line runs the file: its first rule
// fires at week 104 (trust below 40%), the feed tells the change with the
// trigger, and the levers follow the rule, so that a lever moved later
// changes only itself. A design with other rules cannot come in during a
// run, and Reset takes the levers back to the start's, the rule to fire
// again.
func TestAdaptiveDesign(t *testing.T) {
	embedded, err := designs.ReadFile("designs/adaptive-backbone.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if file, err := os.ReadFile("../../examples/adaptive-backbone.yaml"); err != nil || !bytes.Equal(file, embedded) {
		t.Fatalf("web/classroom/designs/adaptive-backbone.yaml is not examples/adaptive-backbone.yaml (%v): copy it again", err)
	}
	if got := Title("adaptive-backbone"); got != "Adaptive backbone" {
		t.Errorf("title %q", got)
	}
	s := New()
	c := Config{Scenario: "adaptive-backbone", Levers: map[string]any{"governance.backbone_staff": 0.0}}
	if err := s.Configure(1, c); err != nil {
		t.Fatal(err)
	}
	for s.Week() < 120 {
		s.Step(40)
	}
	e := native.MustRun(t, "../../examples/adaptive-backbone.yaml", []string{"governance.backbone_staff=0"}, 1, 120)
	if !slices.Equal(s.Engine(1).Metrics(), e.Metrics()) {
		t.Fatal("the page's adaptive design runs otherwise than the command line's file")
	}
	firings := sim.RuleFirings(e.Events())
	if len(firings) != 1 || firings[0].Rule != 1 || firings[0].Week != 104 {
		t.Fatalf("firings %+v, want rule 1 at week 104 (pick another world)", firings)
	}
	snap := s.Snapshot(0, [2]int{})
	ss := snap.Sides[1]
	var told []EventInfo
	for _, ev := range ss.Events {
		if ev.Kind == "trigger_fired" || ev.Told {
			told = append(told, ev)
		}
	}
	trust := Format(sim.MeanTrust, e.Value(104, sim.MeanTrust))
	if want := "Week 105: Rule 1 fired: mean trust was " + trust + ", below 40% → backbone staff set to 3 full-time staff (from the next funding round)"; len(told) != 2 ||
		told[0].Text != want || told[0].Group != "rule" || !told[1].Told || told[1].Kind != "intervention" {
		t.Errorf("the trigger and its change: %+v, want %q then the intervention told", told, want)
	}
	if v := ss.Config.Levers["governance.backbone_staff"]; v != 3.0 || ss.Backbone != 0 {
		t.Errorf("after the rule the levers read backbone %v (want 3) and the backbone at work %v (want 0 until the round)", v, ss.Backbone)
	}
	if !strings.HasPrefix(ss.Command, "cisim run examples/adaptive-backbone.yaml --runs 1 --seed 1 --set governance.backbone_staff=0") {
		t.Errorf("command %q", ss.Command)
	}
	// A lever moved now changes only itself: the rule's backbone stays.
	moved := Config{Scenario: "adaptive-backbone", Levers: map[string]any{"governance.backbone_staff": 3.0, "governance.meeting_interval_weeks": 4.0}}
	if err := s.Intervene(1, moved); err != nil {
		t.Fatal(err)
	}
	if log := s.Engine(1).Events(); log[len(log)-1].Cause != "governance.meeting_interval_weeks 2 → 4" {
		t.Errorf("the lever moved after the rule logged %q", log[len(log)-1].Cause)
	}
	if err := s.Intervene(1, Config{Scenario: "collective-impact", Levers: moved.Levers}); err == nil || !strings.Contains(err.Error(), "rules") {
		t.Errorf("dropping the rules during a run: %v", err)
	}
	s.Reset()
	if got := s.Config(1).Levers["governance.backbone_staff"]; got != 3.0 {
		t.Errorf("after Reset the backbone reads %v, want 3, the last change's", got)
	}
	s2 := New()
	if err := s2.Configure(1, c); err != nil {
		t.Fatal(err)
	}
	for s2.Week() < 120 {
		s2.Step(40)
	}
	s2.Reset()
	if got := s2.Config(1).Levers["governance.backbone_staff"]; got != 0.0 {
		t.Errorf("after Reset with no change of the teacher's the backbone reads %v, want 0, the start's", got)
	}
}
