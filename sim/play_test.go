package sim_test

import (
	"testing"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// playEngine is refined collective impact (pooled fund, shared
// measurement), 300 young people, two years, reset at seed 3.
func playEngine(t *testing.T) *sim.Engine {
	t.Helper()
	l, err := scenarios.Load("refined-collective-impact", []string{"beneficiaries.count=300", "horizon.years=2", "funding.horizon_years=1"})
	if err != nil {
		t.Fatal(err)
	}
	e, err := sim.New(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	e.Reset(3, 0)
	return e
}

func actorNamed(t *testing.T, e *sim.Engine, name string) int {
	for i, a := range e.Actors() {
		if a.Name == name {
			return i
		}
	}
	t.Fatalf("no actor %s", name)
	return -1
}

func yes(b bool) *bool         { return &b }
func share(x float64) *float64 { return &x }

// Each choice does what it says, where the rule would have done otherwise.
func TestChoicesTakeEffect(t *testing.T) {
	e := playEngine(t)
	city, fund := actorNamed(t, e, "Malmö City"), actorNamed(t, e, "Foundation")
	if err := e.Play(city, sim.Choice{Attend: yes(false), ShareData: yes(false)}); err != nil {
		t.Fatal(err)
	}
	if err := e.Play(fund, sim.Choice{Pledge: share(0)}); err != nil {
		t.Fatal(err)
	}
	for e.Tick() < 60 {
		e.Step()
		if e.Actors()[city].Attended {
			t.Fatalf("week %d: Malmö City attended; its players said no", e.Tick())
		}
	}
	enrolled := 0
	for _, a := range e.Actors() {
		enrolled += a.Enrolled
	}
	if s := e.Sharing(); e.Actors()[city].Enrolled > 0 && s.Records != enrolled-e.Actors()[city].Enrolled {
		t.Errorf("Malmö City keeps its %d records back, and %d of %d are shared", e.Actors()[city].Enrolled, s.Records, enrolled)
	}
	if p := e.PoolShare(fund); p != 0 {
		t.Errorf("the Foundation pledged 0 from the second round, and its pool share is %v", p)
	}
	if err := e.Play(city, sim.Choice{Stay: yes(false)}); err != nil {
		t.Fatal(err)
	}
	e.Step()
	if e.Actors()[city].Member {
		t.Fatal("Malmö City's players chose to leave; it is still a member")
	}
	if !hasExit(e.Events(), city, "its players chose to leave") {
		t.Error("no exit event for the players' choice")
	}
}

func hasExit(log []agents.Event, i int, cause string) bool {
	for _, ev := range log {
		if ev.Kind == agents.Exit && ev.Actor == i && ev.Cause == cause {
			return true
		}
	}
	return false
}

// A choice is refused out of range, and Choice{} hands the decisions
// back: the engine then runs as one that was never played.
func TestPlayRefusesAndHandsBack(t *testing.T) {
	e := playEngine(t)
	city := actorNamed(t, e, "Malmö City")
	for _, c := range []sim.Choice{{Commitment: share(1.5)}, {Pledge: share(0.5)}, {Bring: sim.Bring(7)}} {
		if err := e.Play(city, c); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	if err := e.PlayVoice(&agents.Vec{}); err == nil {
		t.Error("an empty voice accepted")
	}
	if err := e.Play(city, sim.Choice{Attend: yes(true)}); err != nil {
		t.Fatal(err)
	}
	if err := e.Play(city, sim.Choice{}); err != nil {
		t.Fatal(err)
	}
	played := e.Run()
	plain := playEngine(t)
	if plain.Run() != played {
		t.Error("a choice handed back left the run changed")
	}
}
