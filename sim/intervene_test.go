package sim_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// stepTo runs a fresh engine of sc, seed 5 replicate 2, to week t.
func stepTo(t *testing.T, sc sim.Scenario, week int) *sim.Engine {
	t.Helper()
	e, err := sim.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	e.Reset(5, 2)
	for e.Tick() < week {
		e.Step()
	}
	return e
}

func eventsOf(e *sim.Engine, kind agents.EventKind) []agents.Event {
	var out []agents.Event
	for _, ev := range e.Events() {
		if ev.Kind == kind {
			out = append(out, ev)
		}
	}
	return out
}

// An intervention that changes nothing leaves the run as it was, and logs
// nothing.
func TestInterveningWithTheSameDesignChangesNothing(t *testing.T) {
	sc := scenarios.CollectiveImpact()
	plain := stepTo(t, sc, 0)
	want := plain.Run()
	e := stepTo(t, sc, 100)
	if err := e.Intervene(sc); err != nil {
		t.Fatal(err)
	}
	if got := e.Run(); !reflect.DeepEqual(summaryBits(got), summaryBits(want)) || !reflect.DeepEqual(series(e), series(plain)) {
		t.Fatal("intervening with the design in force changed the run")
	}
	if ev := eventsOf(e, agents.Intervention); len(ev) != 0 {
		t.Fatalf("logged %v", ev)
	}
}

// Dropping the common agenda at week 150 of a partnership whose plan was
// agreed ends the plan: the phase goes back to initiation and stays there,
// no plan is agreed afterwards, and the change is logged at week 150 with
// the field named. Until week 150 the run is the one without the
// intervention.
func TestDroppingTheCommonAgendaEndsThePlan(t *testing.T) {
	sc := scenarios.CollectiveImpact()
	plain := stepTo(t, sc, 0)
	plain.Run()
	e := stepTo(t, sc, 150)
	if !e.Summary().Agreed {
		t.Skip("this replicate agreed no plan by week 150; pick another")
	}
	off := sc
	off.Governance.CommonAgenda = false
	if err := e.Intervene(off); err != nil {
		t.Fatal(err)
	}
	e.Run()
	ev := eventsOf(e, agents.Intervention)
	if len(ev) != 1 || ev[0].Tick != 150 || !strings.Contains(ev[0].Cause, "governance.common_agenda true → false") {
		t.Fatalf("intervention events %+v", ev)
	}
	for _, a := range eventsOf(e, agents.PlanAgreed) {
		if a.Tick >= 150 {
			t.Errorf("a plan was agreed at week %d, after the agenda was dropped", a.Tick)
		}
	}
	phase := e.Series(sim.PhaseReached, nil)
	for w := 150; w < len(phase); w++ {
		if phase[w] != float64(agents.Initiation) {
			t.Fatalf("week %d: phase %v, want initiation", w, phase[w])
		}
	}
	before, after := plain.Series(sim.MeanTrust, nil)[:150], e.Series(sim.MeanTrust, nil)[:150]
	if !reflect.DeepEqual(before, after) {
		t.Error("the weeks before the intervention differ from the run without it")
	}
}

// The funding and the backbone change at the next funding round: removing
// the backbone at week 60 of a three-year commitment keeps the backbone's
// coverage until week 156 and ends it there.
func TestTheBackboneChangesAtTheNextFundingRound(t *testing.T) {
	sc := scenarios.CollectiveImpact()
	if sc.Governance.BackboneStaff == 0 || sc.Funding.HorizonYears != 3 {
		t.Fatalf("the test needs a backbone and three-year funding: %v FTE, %v years", sc.Governance.BackboneStaff, sc.Funding.HorizonYears)
	}
	e := stepTo(t, sc, 60)
	none := sc
	none.Governance.BackboneStaff = 0
	none.Funding.Pooled = !sc.Funding.Pooled
	if err := e.Intervene(none); err != nil {
		t.Fatal(err)
	}
	for e.Tick() < 156 {
		if e.Step(); e.Scenario().Governance.BackboneStaff != sc.Governance.BackboneStaff || e.Scenario().Funding != sc.Funding {
			t.Fatalf("week %d: the backbone or funding changed before the round", e.Tick())
		}
	}
	e.Step()
	if e.Scenario().Governance.BackboneStaff != 0 || e.Scenario().Funding.Pooled == sc.Funding.Pooled {
		t.Fatal("the round at week 156 did not bring the new design")
	}
	cov := e.Series(sim.BackboneCoverage, nil)
	if !(cov[155] > 0) || cov[156] != 0 {
		t.Errorf("backbone coverage %v at week 155, %v at 156: want some, then none", cov[155], cov[156])
	}
}

// An intervention cannot change the world: other beneficiaries, actors or
// horizon are a new run.
func TestAnInterventionCannotChangeTheWorld(t *testing.T) {
	sc := scenarios.CollectiveImpact()
	e := stepTo(t, sc, 10)
	more := sc
	more.Beneficiaries.Count++
	fewer := sc
	fewer.Actors = fewer.Actors[:len(fewer.Actors)-1]
	longer := sc
	longer.Horizon.Years++
	for _, bad := range []sim.Scenario{more, fewer, longer} {
		if err := e.Intervene(bad); err == nil || !strings.Contains(err.Error(), "cannot change") {
			t.Errorf("got %v, want a refusal", err)
		}
	}
}
