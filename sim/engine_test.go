package sim_test

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// series copies every recorded metric of a run.
func series(e *sim.Engine) [][]float64 {
	out := make([][]float64, sim.NumMetrics)
	for m := range out {
		out[m] = e.Series(sim.Metric(m), nil)
	}
	return out
}

func TestSameSeedSameRunAndResetRunsAgain(t *testing.T) {
	sc := scenarios.CollectiveImpact()
	a, err := sim.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := sim.New(sc)
	a.Reset(7, 3)
	sa := a.Run()
	first := series(a)
	b.Reset(7, 3)
	if sb := b.Run(); !reflect.DeepEqual(summaryBits(sa), summaryBits(sb)) {
		t.Fatalf("two engines, same seed and replicate: summaries differ\n%+v\n%+v", sa, sb)
	}
	if !reflect.DeepEqual(first, series(b)) {
		t.Fatal("two engines, same seed and replicate: series differ")
	}
	// The same engine reset and run again, after a different replicate,
	// gives the same run: no state leaks between runs.
	a.Reset(7, 4)
	other := a.Run()
	a.Reset(7, 3)
	if again := a.Run(); !reflect.DeepEqual(summaryBits(sa), summaryBits(again)) {
		t.Fatalf("reset and run again: summaries differ\n%+v\n%+v", sa, again)
	}
	if reflect.DeepEqual(summaryBits(sa), summaryBits(other)) {
		t.Fatal("replicates 3 and 4 gave identical runs: streams do not depend on the replicate")
	}
}

// summaryBits makes NaN fields comparable with reflect.DeepEqual.
func summaryBits(s sim.Summary) sim.Summary {
	for _, f := range []*float64{&s.CostPerOutcome, &s.WeeksToOutcome} {
		if math.IsNaN(*f) {
			*f = -1
		}
	}
	return s
}

func TestWorkersDoNotChangeResults(t *testing.T) {
	sc := scenarios.Isolated()
	sc.Horizon.Years = 3
	var want []sim.Summary
	for _, workers := range []int{1, 2, 4, 7} {
		got, _, err := sim.Replicates(context.Background(), sc, 11, 0, 24, workers, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			got[i] = summaryBits(got[i])
		}
		if want == nil {
			want = got
			continue
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("%d workers give different results from 1 worker", workers)
		}
	}
}

// The world (actors' starting state, beneficiaries, needs and their drift)
// comes from its own streams, so replicate r draws the same world under
// every governance design: differences between designs pair.
func TestSameWorldUnderEveryDesign(t *testing.T) {
	iso, _ := sim.New(scenarios.Isolated())
	ci, _ := sim.New(scenarios.CollectiveImpact())
	iso.Reset(5, 9)
	ci.Reset(5, 9)
	pi, pc := iso.Population(), ci.Population()
	for name, pair := range map[string][2]any{
		"needs":      {pi.Need, pc.Need},
		"thresholds": {pi.Threshold, pc.Threshold},
		"natural":    {pi.Natural, pc.Natural},
		"voice":      {pi.Voice, pc.Voice},
		"prior":      {pi.Prior, pc.Prior},
		"trust":      {iso.TrustMatrix().T, ci.TrustMatrix().T},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s differ between designs for the same replicate", name)
		}
	}
	for i, a := range iso.Actors() {
		if b := ci.Actors()[i]; a.Commitment != b.Commitment || a.OutsideOption != b.OutsideOption {
			t.Errorf("actor %s starts differently under the two designs", a.Name)
		}
	}
}

func TestInvalidParametersAreErrorsNamingTheParameter(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*sim.Scenario)
		key    string
	}{
		{"negative budget", func(s *sim.Scenario) { s.Actors[0].Budget = -1 }, "actors.list[0].budget"},
		{"rung 7", func(s *sim.Scenario) { s.Governance.BeneficiaryEngagement = 7 }, "governance.beneficiary_engagement"},
		{"NaN complementarity", func(s *sim.Scenario) { s.Problem.Complementarity = math.NaN() }, "problem.complementarity"},
		{"NaN trust gain", func(s *sim.Scenario) { s.Params.TrustGain = math.NaN() }, "params.trust_gain"},
		{"negative meeting interval", func(s *sim.Scenario) { s.Governance.MeetingIntervalWeeks = -2 }, "governance.meeting_interval_weeks"},
		{"power sharing above 1", func(s *sim.Scenario) { s.Governance.PowerSharing = 1.5 }, "governance.power_sharing"},
		{"no beneficiaries", func(s *sim.Scenario) { s.Beneficiaries.Count = 0 }, "beneficiaries.count"},
		{"duplicate actor", func(s *sim.Scenario) { s.Actors[1].Name = s.Actors[0].Name }, "actors.list[1].name"},
		{"infinite staff", func(s *sim.Scenario) { s.Actors[2].Staff = math.Inf(1) }, "actors.list[2].staff"},
		{"zero horizon", func(s *sim.Scenario) { s.Horizon.Years = 0 }, "horizon.years"},
		{"mean need 1", func(s *sim.Scenario) { s.Beneficiaries.MeanNeed[1] = 1 }, "beneficiaries.mean_need.self_esteem"},
		{"no funding horizon", func(s *sim.Scenario) { s.Funding.HorizonYears = 0 }, "funding.horizon_years"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sc := scenarios.CollectiveImpact()
			tc.mutate(&sc)
			e, err := sim.New(sc)
			if err == nil || e != nil {
				t.Fatalf("New accepted an invalid scenario (%s)", tc.name)
			}
			if msg := err.Error(); !strings.Contains(msg, " "+tc.key+":") || !strings.Contains(msg, "allowed") {
				t.Errorf("error %q should name %s and say what is allowed", msg, tc.key)
			}
		})
	}
}

func TestBuiltInDesignsDifferOnlyInInstitutions(t *testing.T) {
	iso, ci := scenarios.Isolated(), scenarios.CollectiveImpact()
	iso.Name, iso.Description = ci.Name, ci.Description
	iso.Governance, iso.Funding = ci.Governance, ci.Funding
	if !reflect.DeepEqual(iso, ci) {
		t.Fatal("isolated and collective-impact differ in more than governance and funding")
	}
}

func TestStepAllocatesNothing(t *testing.T) {
	for _, sc := range []sim.Scenario{scenarios.Isolated(), scenarios.CollectiveImpact()} {
		e, _ := sim.New(sc)
		e.Reset(1, 0)
		allocs := testing.AllocsPerRun(100, func() {
			if e.Tick() == e.Ticks() {
				e.Reset(1, 1)
			}
			e.Step()
		})
		if allocs != 0 {
			t.Errorf("%s: one tick allocates %.1f times, want 0", sc.Name, allocs)
		}
	}
}

func TestRunAccountsForEveryBeneficiary(t *testing.T) {
	e, _ := sim.New(scenarios.CollectiveImpact())
	e.Reset(3, 0)
	s := e.Run()
	pop := e.Population()
	var outcomes, byProgram int
	for b := 0; b < pop.N; b++ {
		if pop.State[b].String() == "outcome_reached" {
			outcomes++
			if pop.ByProgram[b] {
				byProgram++
			}
		}
	}
	if got := float64(outcomes) / float64(pop.N); got != s.OutcomeRate {
		t.Errorf("outcome rate %v, but %d of %d beneficiaries reached the outcome", s.OutcomeRate, outcomes, pop.N)
	}
	if byProgram != s.ProgramOutcomes {
		t.Errorf("programme outcomes %d, counted %d", s.ProgramOutcomes, byProgram)
	}
	if s.TotalCost <= 0 || math.Abs(s.SROI-float64(byProgram)*15e6*0.2/s.TotalCost) > 1e-9 {
		t.Errorf("SROI %v does not follow from %d programme outcomes and cost %v", s.SROI, byProgram, s.TotalCost)
	}
}
