package sim_test

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// runOf runs sc to its horizon, seed 5 replicate 2 (as stepTo).
func runOf(t *testing.T, sc sim.Scenario) (*sim.Engine, sim.Summary) {
	t.Helper()
	e := stepTo(t, sc, 0)
	return e, e.Run()
}

// firstHold is where a rule fires on a run's recorded series, found
// independently of the engine: the first week of the window in which
// the signpost holds, or for a rule held throughout its window, the
// window's end if it held in every week of it.
func firstHold(series []float64, r sim.Rule) (int, bool) {
	if r.Throughout {
		for s := r.From; s <= r.Until; s++ {
			if !r.When.Holds(series[s]) {
				return 0, false
			}
		}
		return r.Until, true
	}
	for s := r.From; s <= r.Until; s++ {
		if r.When.Holds(series[s]) {
			return s, true
		}
	}
	return 0, false
}

// design is the part of a scenario an intervention changes.
type design struct {
	g sim.Governance
	f sim.Funding
	c agents.Channels
}

func designOf(sc *sim.Scenario) design { return design{sc.Governance, sc.Funding, sc.Channels} }

// A rule fires at exactly the first week of its window in which its
// signpost holds on the static run (the adaptive run is that run until
// then), logs the intervention at that week naming the rule and the
// lever, and changes exactly its lever: at the horizon the adaptive
// run's design is the static run's with the one field set. Each
// threshold is read off the static run's series, so that the signpost
// first holds inside the window and not at its first week.
func TestARuleFiresAtTheFirstWeekItsSignpostHolds(t *testing.T) {
	base := scenarios.CollectiveImpact()
	static, _ := runOf(t, base)
	trust := static.Series(sim.MeanTrust, nil)
	outcome := static.Series(sim.OutcomeRate, nil)
	pooled := static.Series(sim.PooledShare, nil)
	started := 0 // the first week money from the pool was paid out
	for started < len(pooled)-1 && pooled[started] <= 0 {
		started++
	}
	set := func(key string, x float64) []sim.Setting { return []sim.Setting{{Key: key, Value: x}} }
	cases := []struct {
		name   string
		rule   sim.Rule
		lever  func(*sim.Scenario)
		change string
	}{
		{"trust reaches its week-60 level, weeks 20–300", sim.Rule{
			When: sim.Signpost{Metric: sim.MeanTrust, Compare: sim.AtLeast, Threshold: trust[60]}, From: 20, Until: 300,
			Set: set("governance.meeting_interval_weeks", 4)},
			func(s *sim.Scenario) { s.Governance.MeetingIntervalWeeks = 4 }, "governance.meeting_interval_weeks 2 → 4"},
		{"outcomes above their week-200 level, from week 100", sim.Rule{
			When: sim.Signpost{Metric: sim.OutcomeRate, Compare: sim.Above, Threshold: outcome[200]}, From: 100, Until: 519,
			Set: set("governance.backbone_staff", 3)},
			func(s *sim.Scenario) { s.Governance.BackboneStaff = 3 }, "governance.backbone_staff 2 → 3"},
		{"trust below its week-104 level plus 0.01, at week 104 only", sim.Rule{
			When: sim.Signpost{Metric: sim.MeanTrust, Compare: sim.Below, Threshold: trust[104] + 0.01}, From: 104, Until: 104,
			Set: set("channels.follow_up", 0)},
			func(s *sim.Scenario) { s.Channels.FollowUp = false }, "channels.follow_up true → false"},
		{"no pooled money in every week to the one before the pool started", sim.Rule{
			When: sim.Signpost{Metric: sim.PooledShare, Compare: sim.AtMost, Threshold: 0}, From: 0, Until: started - 1, Throughout: true,
			Set: set("funding.pooled", 0)},
			func(s *sim.Scenario) { s.Funding.Pooled = false }, "funding.pooled true → false"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			series := static.Series(c.rule.When.Metric, nil)
			want, ok := firstHold(series, c.rule)
			if !ok || want == c.rule.From && c.rule.From != c.rule.Until {
				t.Fatalf("the static run gives no first week inside the window (%d, %v): pick another threshold", want, ok)
			}
			sc := base
			sc.Rules = []sim.Rule{c.rule}
			e, _ := runOf(t, sc)
			if got := sim.RuleFirings(e.Events()); !reflect.DeepEqual(got, []sim.Firing{{Rule: 1, Week: want, Changes: 1}}) {
				t.Fatalf("firings %+v, want rule 1 at week %d", got, want)
			}
			ev := eventsOf(e, agents.Intervention)
			if len(ev) != 1 || ev[0].Tick != want || !strings.HasPrefix(ev[0].Cause, "rule 1 ("+c.rule.String()+"): ") ||
				!strings.HasSuffix(ev[0].Cause, "): "+c.change) {
				t.Fatalf("intervention events %+v, want one at week %d ending %q", ev, want, c.change)
			}
			// The trigger comes just before its intervention, with the
			// signpost's value that week.
			trig := eventsOf(e, agents.TriggerFired)
			if len(trig) != 1 || trig[0].Tick != want || trig[0].Cause != "rule 1 ("+c.rule.String()+")" ||
				math.Float64bits(trig[0].Value) != math.Float64bits(series[want]) {
				t.Fatalf("trigger_fired events %+v, want one at week %d with value %v", trig, want, series[want])
			}
			for k, x := range e.Events() {
				if x.Kind == agents.TriggerFired && (k+1 >= len(e.Events()) || e.Events()[k+1].Kind != agents.Intervention) {
					t.Errorf("the trigger is not followed by its intervention: %+v", e.Events()[k:])
				}
			}
			n := (want + 1) * sim.NumMetrics // the weeks up to the firing are the static run's
			if !sameBits(e.Metrics()[:n], static.Metrics()[:n]) {
				t.Error("the weeks up to the firing differ from the static run")
			}
			wantDesign := *static.Scenario()
			c.lever(&wantDesign)
			if got := designOf(e.Scenario()); got != designOf(&wantDesign) {
				t.Errorf("design at the horizon %+v, want %+v", got, designOf(&wantDesign))
			}
		})
	}
}

func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// A run whose rules never fire (signposts no value in the metric's range
// can pass: trust below 0, partners above their number, phase above 3) is
// the static run byte for byte: summary, every series and the event log,
// under both designs and three replicates.
func TestARuleThatNeverFiresLeavesTheRunAsItWas(t *testing.T) {
	for _, base := range []sim.Scenario{scenarios.Isolated(), scenarios.CollectiveImpact()} {
		last := base.Ticks() - 1
		never := base
		never.Rules = []sim.Rule{
			{When: sim.Signpost{Metric: sim.MeanTrust, Compare: sim.Below, Threshold: 0}, From: 0, Until: last,
				Set: []sim.Setting{{Key: "governance.backbone_staff", Value: 5}}},
			{When: sim.Signpost{Metric: sim.PartnersRemaining, Compare: sim.Above, Threshold: float64(len(base.Actors))}, From: 52, Until: 52,
				Set: []sim.Setting{{Key: "funding.pooled", Value: 0}}},
			{When: sim.Signpost{Metric: sim.PhaseReached, Compare: sim.Above, Threshold: 3}, From: 0, Until: last, Throughout: true,
				Set: []sim.Setting{{Key: "channels.shocks", Value: 0}}},
		}
		a, _ := sim.New(base)
		b, err := sim.New(never)
		if err != nil {
			t.Fatal(err)
		}
		for r := range 3 {
			a.Reset(11, r)
			b.Reset(11, r)
			sa, sb := a.Run(), b.Run()
			if !reflect.DeepEqual(summaryBits(sa), summaryBits(sb)) {
				t.Errorf("%s replicate %d: summaries differ", base.Name, r)
			}
			if !sameBits(a.Metrics(), b.Metrics()) {
				t.Errorf("%s replicate %d: series differ", base.Name, r)
			}
			if !reflect.DeepEqual(a.Events(), b.Events()) {
				t.Errorf("%s replicate %d: event logs differ", base.Name, r)
			}
		}
	}
}

// A week with rules to check allocates nothing, as a week without.
func TestStepWithRulesAllocatesNothing(t *testing.T) {
	sc := scenarios.CollectiveImpact()
	sc.Rules = []sim.Rule{{When: sim.Signpost{Metric: sim.MeanTrust, Compare: sim.Below, Threshold: 0}, From: 0, Until: sc.Ticks() - 1,
		Set: []sim.Setting{{Key: "governance.backbone_staff", Value: 5}}}}
	e, _ := sim.New(sc)
	for r := range 3 {
		e.Reset(1, r)
		e.Run()
	}
	e.Reset(1, 0)
	allocs := testing.AllocsPerRun(100, func() {
		if e.Tick() == e.Ticks() {
			e.Reset(1, 0)
		}
		e.Step()
	})
	if allocs != 0 {
		t.Errorf("one tick allocates %.1f times, want 0", allocs)
	}
}

// A rule whose settings the design in force already has fires all the
// same, and is logged as a change of nothing: the run is the static one
// but for its events (the trigger, the intervention).
func TestARuleThatChangesNothingIsLoggedAndChangesNothing(t *testing.T) {
	base := scenarios.CollectiveImpact()
	static, want := runOf(t, base)
	sc := base
	sc.Rules = []sim.Rule{{When: sim.Signpost{Metric: sim.PartnersRemaining, Compare: sim.AtLeast, Threshold: 0}, From: 30, Until: 30,
		Set: []sim.Setting{{Key: "governance.backbone_staff", Value: 2}}}}
	e, got := runOf(t, sc)
	if !reflect.DeepEqual(summaryBits(got), summaryBits(want)) || !sameBits(e.Metrics(), static.Metrics()) {
		t.Error("a rule that changes nothing changed the run")
	}
	if f := sim.RuleFirings(e.Events()); !reflect.DeepEqual(f, []sim.Firing{{Rule: 1, Week: 30, Changes: 0}}) {
		t.Fatalf("firings %+v", f)
	}
	ev := eventsOf(e, agents.Intervention)
	if len(ev) != 1 || ev[0].Cause != "rule 1 (partners_remaining at least 0 at week 30): no change: the design in force has governance.backbone_staff 2" {
		t.Fatalf("events %+v", ev)
	}
}

// Two rules firing in one week apply in the list's order, the second on
// the design the first left; both are numbered in their causes.
func TestRulesFireInOrder(t *testing.T) {
	sc := scenarios.CollectiveImpact()
	always := sim.Signpost{Metric: sim.PartnersRemaining, Compare: sim.AtLeast, Threshold: 0}
	sc.Rules = []sim.Rule{
		{When: always, From: 10, Until: 10, Set: []sim.Setting{{Key: "governance.meeting_interval_weeks", Value: 4}}},
		{When: always, From: 10, Until: 10, Set: []sim.Setting{{Key: "governance.meeting_interval_weeks", Value: 8}, {Key: "governance.agreement", Value: float64(agents.Contract)}}},
	}
	e := stepTo(t, sc, 11)
	ev := eventsOf(e, agents.Intervention)
	if len(ev) != 2 || ev[0].Cause != "rule 1 (partners_remaining at least 0 at week 10): governance.meeting_interval_weeks 2 → 4" ||
		ev[1].Cause != "rule 2 (partners_remaining at least 0 at week 10): governance.meeting_interval_weeks 4 → 8; governance.agreement letter → contract" {
		t.Fatalf("events %+v", ev)
	}
	if g := e.Scenario().Governance; g.MeetingIntervalWeeks != 8 || g.Agreement != agents.Contract {
		t.Errorf("governance %+v", g)
	}
}

// RuleFirings reads the rule's number and week from the causes, and
// leaves other interventions and other events (a trigger among them: its
// intervention is what counts) alone.
func TestRuleFirings(t *testing.T) {
	events := []agents.Event{
		{Tick: 3, Kind: agents.Intervention, Value: 1, Cause: "governance.backbone_staff 2 → 0"},
		{Tick: 104, Kind: agents.TriggerFired, Value: 0.32, Cause: "rule 12 (mean_trust below 0.4 at week 104)"},
		{Tick: 104, Kind: agents.Intervention, Value: 2, Cause: "rule 12 (mean_trust below 0.4 at week 104): a; b"},
		{Tick: 105, Kind: agents.PhaseChanged, Cause: "rule 3 (not an intervention)"},
		{Tick: 156, Kind: agents.Intervention, Cause: "rule 1 (pooled_share at most 0 in every week 0–156): no change: …"},
		{Tick: 200, Kind: agents.Intervention, Cause: "rule x (…)"},
	}
	want := []sim.Firing{{Rule: 12, Week: 104, Changes: 2}, {Rule: 1, Week: 156}}
	if got := sim.RuleFirings(events); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// Validate names each bad part of a rule by its dotted key.
func TestBadRulesAreRefused(t *testing.T) {
	sc := scenarios.CollectiveImpact()
	ok := sim.Rule{When: sim.Signpost{Metric: sim.MeanTrust, Compare: sim.Below, Threshold: 0.4}, From: 104, Until: 104,
		Set: []sim.Setting{{Key: "governance.backbone_staff", Value: 3}}}
	with := func(f func(*sim.Rule)) []sim.Rule {
		r := ok
		r.Set = append([]sim.Setting(nil), ok.Set...)
		f(&r)
		return []sim.Rule{ok, r}
	}
	noFunder := scenarios.Isolated()
	cases := []struct {
		name  string
		sc    sim.Scenario
		rules []sim.Rule
		key   string
	}{
		{"unknown metric", sc, with(func(r *sim.Rule) { r.When.Metric = sim.Metric(sim.NumMetrics) }), "rules[1].when.metric"},
		{"threshold above the range", sc, with(func(r *sim.Rule) { r.When.Threshold = 1.5 }), "rules[1].when.threshold"},
		{"partners above their number", sc, with(func(r *sim.Rule) { r.When = sim.Signpost{Metric: sim.PartnersRemaining, Threshold: 10} }), "rules[1].when.threshold"},
		{"NaN threshold", sc, with(func(r *sim.Rule) { r.When.Threshold = math.NaN() }), "rules[1].when.threshold"},
		{"unknown comparison", sc, with(func(r *sim.Rule) { r.When.Compare = 9 }), "rules[1].when.compare"},
		{"a week beyond the horizon", sc, with(func(r *sim.Rule) { r.From, r.Until = 520, 520 }), "rules[1].when.from"},
		{"a window that ends before it starts", sc, with(func(r *sim.Rule) { r.From, r.Until = 100, 50 }), "rules[1].when.until"},
		{"no settings", sc, with(func(r *sim.Rule) { r.Set = nil }), "rules[1].set"},
		{"a key outside the design", sc, with(func(r *sim.Rule) { r.Set[0].Key = "params.trust.gain" }), "rules[1].set.params.trust.gain"},
		{"an unknown design key", sc, with(func(r *sim.Rule) { r.Set[0].Key = "governance.backbone" }), "rules[1].set.governance.backbone"},
		{"a switch set to 2", sc, with(func(r *sim.Rule) { r.Set[0] = sim.Setting{Key: "funding.pooled", Value: 2} }), "rules[1].set.funding.pooled"},
		{"a fraction of weeks", sc, with(func(r *sim.Rule) { r.Set[0] = sim.Setting{Key: "governance.meeting_interval_weeks", Value: 2.5} }), "rules[1].set.governance.meeting_interval_weeks"},
		{"a staff out of range", sc, with(func(r *sim.Rule) { r.Set[0].Value = 2000 }), "rules[1].set.governance.backbone_staff"},
		{"an agreement code out of range", sc, with(func(r *sim.Rule) { r.Set[0] = sim.Setting{Key: "governance.agreement", Value: 7} }), "rules[1].set.governance.agreement"},
		{"a key set twice", sc, with(func(r *sim.Rule) { r.Set = append(r.Set, r.Set[0]) }), "rules[1].set.governance.backbone_staff"},
		{"a pooled fund without a funder", noFunder, []sim.Rule{{When: ok.When, From: 10, Until: 10,
			Set: []sim.Setting{{Key: "funding.pooled", Value: 1}}}}, "rules[0].set.funding.pooled"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.sc
			if c.name == "a pooled fund without a funder" {
				s.Actors = s.Actors[:1] // Save the Children alone: no funder
			}
			s.Rules = c.rules
			var inv *sim.InvalidError
			err := s.Validate()
			if !errors.As(err, &inv) || inv.Key != c.key {
				t.Errorf("got %v, want an error on %s", err, c.key)
			}
			t.Log(err)
		})
	}
	sc.Rules = []sim.Rule{ok}
	if err := sc.Validate(); err != nil {
		t.Errorf("a good rule: %v", err)
	}
}

// Every replicate starts from the scenario's design, whatever a rule
// changed in the replicate before on the same engine: replicates run in
// turn on one engine equal those run each on a new one.
func TestEveryReplicateStartsFromTheScenariosDesign(t *testing.T) {
	sc := scenarios.CollectiveImpact()
	sc.Rules = []sim.Rule{{When: sim.Signpost{Metric: sim.PartnersRemaining, Compare: sim.AtLeast, Threshold: 0}, From: 10, Until: 10,
		Set: []sim.Setting{{Key: "channels.follow_up", Value: 0}, {Key: "governance.backbone_staff", Value: 0}, {Key: "funding.pooled", Value: 0}}}}
	reused, _ := sim.New(sc)
	for r := range 3 {
		reused.Reset(7, r)
		reused.Run()
		fresh, _ := sim.New(sc)
		fresh.Reset(7, r)
		fresh.Run()
		if !sameBits(reused.Metrics(), fresh.Metrics()) || !reflect.DeepEqual(reused.Events(), fresh.Events()) {
			t.Errorf("replicate %d on a reused engine differs from a new engine's", r)
		}
		if f := sim.RuleFirings(reused.Events()); len(f) != 1 || f[0].Changes != 3 {
			t.Errorf("replicate %d: firings %+v, want the rule to change 3 fields", r, f)
		}
	}
}
