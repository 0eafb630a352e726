package agents

import "testing"

func TestInnovationRule(t *testing.T) {
	r := InnovationRule{Alone: 0.001, Together: 0.1, NoiseOwn: 0.1, NoiseShared: 0.02, Floor: 0.7, Cap: 1.5}
	actors := []Actor{
		{Member: true, Capability: Vec{1, 0, 0, 0, 0}},
		{Member: true, Capability: Vec{0, 1, 0, 0, 0}},
		{Member: false, Capability: Vec{0, 0, 1, 0, 0}},
	}
	tr := NewTrust(3)
	tr.Set(0, 1, 0.5)
	tr.Set(1, 0, 0.8)
	// D_0 = τ01·τ10·d01 / 1 = 0.4·(2/5) = 0.16: 0.001 + 0.1·0.16 = 0.017
	dist := make([]float64, 9)
	CapabilityDistances(dist, actors)
	checkNear(t, "hazard together", r.Hazard(0, actors, tr, dist, true), 0.017, tol)
	checkNear(t, "hazard alone", r.Hazard(0, actors, tr, dist, false), 0.001, 0)
	checkNear(t, "outsider", r.Hazard(2, actors, tr, dist, true), 0, 0)
	checkNear(t, "judgement noise", r.JudgementNoise(0.5), 0.06, tol) // ½·0.1 + ½·0.02
	checkNear(t, "adopt", r.Adopt(1.2, 0.1), 1.32, tol)
	checkNear(t, "adopt capped", r.Adopt(1.4, 0.2), 1.5, 0)
	checkNear(t, "a harmful practice", r.Adopt(0.75, -0.2), 0.7, 0) // floored
}

func TestPhaseRule(t *testing.T) {
	r := PhaseRule{RedesignShift: 0.1, Growth: 1.1, ExpInnovations: 2}
	steps := []struct {
		from Phase
		s    Signals
		want Phase
	}{
		{Initiation, Signals{}, Initiation},
		{Initiation, Signals{Agreed: true}, Run},
		{Run, Signals{}, Run},
		{Run, Signals{Review: true}, Redesign},
		{Redesign, Signals{Agreed: true, Growing: true, Innovations: 1}, Run},
		{Redesign, Signals{Agreed: true, Growing: false, Innovations: 5}, Run},
		{Redesign, Signals{Agreed: true, Growing: true, Innovations: 2}, Exponential},
		{Exponential, Signals{Review: true}, Redesign},
	}
	for _, c := range steps {
		if got := r.Next(c.from, c.s); got != c.want {
			t.Errorf("Next(%v, %+v) = %v, want %v", c.from, c.s, got, c.want)
		}
	}
	if !Initiation.Open() || Run.Open() || !Redesign.Open() || Exponential.Open() {
		t.Error("the agenda is open in initiation and re-design only")
	}
	// 1 − A: ½‖(1,0,…) − (0.8,0.2,…)‖₁ = 0.2 ≥ 0.1
	if !r.NeedsReview(Vec{1, 0, 0, 0, 0}, Vec{0.8, 0.2, 0, 0, 0}) || r.NeedsReview(Vec{1, 0, 0, 0, 0}, Vec{0.95, 0.05, 0, 0, 0}) {
		t.Error("NeedsReview at a shift of 0.2 and 0.05 with δ_R = 0.1")
	}
	if !r.Sustained(100, 111, 123) || r.Sustained(100, 110, 115) || r.Sustained(0, 10, 20) {
		t.Error("Sustained: growth of 1.1 two years running, from a start above 0")
	}
}

func TestLedgerAndEvents(t *testing.T) {
	l := Ledger{Budgeted: 100, Staff: 60, Backbone: 10}
	l.Returned[ReturnUnspent] = 25
	l.Returned[ReturnNoPlan] = 5
	checkNear(t, "closes", l.Imbalance(), 0, 0)
	checkNear(t, "spent", l.Spent(), 70, 0)
	if len(EventNames()) != NumEventKinds || Stalled.String() != "stalled" || !StaffTurnover.World() || PlanAgreed.World() {
		t.Error("event kinds and names")
	}
	if len(ReturnNames()) != NumReturns || len(ChannelNames()) != 13 {
		t.Error("names")
	}
	c := AllChannels()
	if p := c.Switch("data_learning"); p == nil || !*p {
		t.Fatal("Switch(data_learning)")
	}
	*c.Switch("data_learning") = false
	if c.DataLearning || c.Switch("nonsense") != nil {
		t.Error("Switch sets the named channel and only names it knows")
	}
}

func TestCohort(t *testing.T) {
	total := 0
	for y := range 10 {
		total += Cohort(1000, 0.15, y)
	}
	if total != 1500 || Cohort(1000, 0.15, 0) != 150 {
		t.Errorf("Cohort: 10 years of 15%% of 1000 = %d, want 1500", total)
	}
	if Cohort(7, 0.1, 0)+Cohort(7, 0.1, 1) != 1 { // 0.7 then 1.4: fractions accumulate
		t.Error("Cohort accumulates fractions")
	}
}
