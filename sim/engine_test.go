package sim_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	iofs "io/fs"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/uncertain"
)

// series copies every recorded metric of a run.
func series(e *sim.Engine) [][]float64 {
	out := make([][]float64, sim.NumMetrics)
	for m := range out {
		out[m] = e.Series(sim.Metric(m), nil)
	}
	return out
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

func TestSameSeedSameRunAndResetRunsAgain(t *testing.T) {
	sc := scenarios.CollectiveImpact()
	a, err := sim.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := sim.New(sc)
	a.Reset(7, 3)
	sa := a.Run()
	first, events := series(a), append([]agents.Event(nil), a.Events()...)
	b.Reset(7, 3)
	if sb := b.Run(); !reflect.DeepEqual(summaryBits(sa), summaryBits(sb)) || !reflect.DeepEqual(events, b.Events()) {
		t.Fatalf("two engines, same seed and replicate: summaries or event logs differ\n%+v\n%+v", sa, sb)
	}
	if !reflect.DeepEqual(first, series(b)) {
		t.Fatal("two engines, same seed and replicate: series differ")
	}
	// The same engine reset and run again, after a different replicate,
	// gives the same run: no state leaks between runs.
	a.Reset(7, 4)
	other := a.Run()
	a.Reset(7, 3)
	if again := a.Run(); !reflect.DeepEqual(summaryBits(sa), summaryBits(again)) || !reflect.DeepEqual(events, a.Events()) {
		t.Fatalf("reset and run again: summaries differ\n%+v\n%+v", sa, again)
	}
	if reflect.DeepEqual(summaryBits(sa), summaryBits(other)) {
		t.Fatal("replicates 3 and 4 gave identical runs: streams do not depend on the replicate")
	}
}

func TestWorkersDoNotChangeResults(t *testing.T) {
	sc := scenarios.CollectiveImpact()
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

// The world — the uncertain parameters, actors' starting state,
// beneficiaries, needs and their drift, the world's shocks — comes from
// world streams only, so replicate r draws the same world under every
// governance design: differences between designs pair.
func TestSameWorldUnderEveryDesign(t *testing.T) {
	iso, _ := sim.New(scenarios.Isolated())
	ci, _ := sim.New(scenarios.CollectiveImpact())
	iso.Reset(5, 9)
	ci.Reset(5, 9)
	pi, pc := iso.Population(), ci.Population()
	for name, pair := range map[string][2]any{
		"needs": {pi.Need, pc.Need}, "thresholds": {pi.Threshold, pc.Threshold}, "natural": {pi.Natural, pc.Natural},
		"entry": {pi.Entry, pc.Entry}, "age out": {pi.AgeOut, pc.AgeOut}, "voice": {pi.Voice, pc.Voice},
		"prior": {pi.Prior, pc.Prior}, "trust": {iso.TrustMatrix().T, ci.TrustMatrix().T},
		"parameters": {iso.Drawn(nil), ci.Drawn(nil)}, "params": {iso.Scenario().Params, ci.Scenario().Params},
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
	// The shocks of the world are drawn for both designs alike.
	if si, sc := iso.Shocks(), ci.Shocks(); len(si) == 0 || !reflect.DeepEqual(si, sc) {
		t.Errorf("world shocks differ between designs:\n%v\n%v", si, sc)
	}
}

// A parameter's draw depends on its name and the replicate only: making
// another parameter uncertain, or fixing it, leaves it alone, and each
// draw lies within its distribution's bounds.
func TestParameterDrawsAreKeyedByName(t *testing.T) {
	sc := scenarios.CollectiveImpact()
	e, _ := sim.New(sc)
	e.Reset(3, 1)
	gain := e.Scenario().Params.Trust.Gain
	fewer := sc
	fewer.Uncertain = nil
	for _, u := range sc.Uncertain {
		if u.Key == "params.trust.gain" {
			fewer.Uncertain = append(fewer.Uncertain, u)
		}
	}
	f, _ := sim.New(fewer)
	f.Reset(3, 1)
	if got := f.Scenario().Params.Trust.Gain; got != gain || len(f.Drawn(nil)) != 1 {
		t.Errorf("trust gain drawn %v alone, %v among all", got, gain)
	}
	for k, x := range e.Drawn(nil) {
		if d := sc.Uncertain[k].Dist; x < d.Low || x > d.High {
			t.Errorf("%s drawn %v outside [%v, %v]", sc.Uncertain[k].Key, x, d.Low, d.High)
		}
	}
	// Without uncertainty every replicate runs at the point values.
	fewer.Uncertain = nil
	g, _ := sim.New(fewer)
	g.Reset(3, 1)
	if g.Scenario().Params != scenarios.CollectiveImpact().Params {
		t.Error("without uncertainty the parameters are not the point values")
	}
}

// No rule may read the scenario's name or description: renaming a design
// changes nothing, and no code in sim or agents reads either field.
func TestNoRuleReadsTheScenarioName(t *testing.T) {
	a, b := scenarios.CollectiveImpact(), scenarios.CollectiveImpact()
	b.Name, b.Description = "isolated", "isolated impact"
	ea, _ := sim.New(a)
	eb, _ := sim.New(b)
	ea.Reset(2, 2)
	eb.Reset(2, 2)
	if sa, sb := ea.Run(), eb.Run(); !reflect.DeepEqual(summaryBits(sa), summaryBits(sb)) {
		t.Error("renaming a scenario changed its run")
	}
	for _, dir := range []string{".", filepath.Join("..", "agents")} {
		pkgs, err := parser.ParseDir(token.NewFileSet(), dir, func(fi iofs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pkgs {
			ast.Inspect(p, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Description" || sel.Sel.Name == "Name") {
					if x, ok := sel.X.(*ast.SelectorExpr); ok && x.Sel.Name == "sc" {
						t.Errorf("%s: code reads the scenario's %s", dir, sel.Sel.Name)
					}
				}
				return true
			})
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
		{"NaN trust gain", func(s *sim.Scenario) { s.Params.Trust.Gain = math.NaN() }, "params.trust.gain"},
		{"rung hours", func(s *sim.Scenario) { s.Params.Engagement.Rungs[2].Hours = -1 }, "params.engagement.rungs[2].hours"},
		{"contacts 0", func(s *sim.Scenario) { s.Params.Trust.Contacts = 0 }, "params.trust.contacts"},
		{"power sharing above 1", func(s *sim.Scenario) { s.Governance.PowerSharing = 1.5 }, "governance.power_sharing"},
		{"steering style", func(s *sim.Scenario) { s.Governance.SteeringStyle = 2 }, "governance.steering_style"},
		{"no beneficiaries", func(s *sim.Scenario) { s.Beneficiaries.Count = 0 }, "beneficiaries.count"},
		{"entry rate", func(s *sim.Scenario) { s.Beneficiaries.EntryRate = -0.1 }, "beneficiaries.entry_rate"},
		{"duplicate actor", func(s *sim.Scenario) { s.Actors[1].Name = s.Actors[0].Name }, "actors.list[1].name"},
		{"infinite staff", func(s *sim.Scenario) { s.Actors[2].Staff = math.Inf(1) }, "actors.list[2].staff"},
		{"zero horizon", func(s *sim.Scenario) { s.Horizon.Years = 0 }, "horizon.years"},
		{"unknown champion", func(s *sim.Scenario) { s.Preconditions.Champion = "Nobody" }, "preconditions.champion"},
		{"distribution beyond the range", func(s *sim.Scenario) {
			s.Uncertain = []sim.Uncertain{{Key: "params.trust.gain", Dist: uncertain.Uni(0.5, 2)}}
		}, "params.trust.gain"},
		{"distribution on a lever", func(s *sim.Scenario) {
			s.Uncertain = []sim.Uncertain{{Key: "governance.power_sharing", Dist: uncertain.Uni(0, 1)}}
		}, "governance.power_sharing"},
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
		for r := range 3 { // the event log grows to a run's size once
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
			t.Errorf("%s: one tick allocates %.1f times, want 0", sc.Name, allocs)
		}
	}
}

func TestRunAccountsForEveryBeneficiary(t *testing.T) {
	e, _ := sim.New(scenarios.CollectiveImpact())
	e.Reset(3, 0)
	s := e.Run()
	pop := e.Population()
	var outcomes, byProgram, present, participants, partOutcomes int
	for b := 0; b < pop.N; b++ {
		if pop.State[b] == agents.NotEntered {
			continue
		}
		present++
		if pop.Since[b] >= 0 {
			participants++
		}
		if pop.State[b] == agents.OutcomeReached {
			outcomes++
			if pop.ByProgram[b] {
				byProgram++
			}
			if pop.Since[b] >= 0 {
				partOutcomes++
			}
		}
	}
	if present != s.Population || participants != s.Participants || byProgram != s.ProgramOutcomes {
		t.Errorf("population %d/%d, participants %d/%d, programme outcomes %d/%d", present, s.Population,
			participants, s.Participants, byProgram, s.ProgramOutcomes)
	}
	if got := float64(outcomes) / float64(present); got != s.OutcomeRate {
		t.Errorf("outcome rate %v, but %d of %d reached the outcome", s.OutcomeRate, outcomes, present)
	}
	if got := float64(partOutcomes) / float64(participants); got != s.ParticipantOutcomeRate {
		t.Errorf("participant outcome rate %v, counted %v", s.ParticipantOutcomeRate, got)
	}
	ec := e.Scenario().Economics
	if s.AdditionalOutcomes <= 0 || s.AdditionalOutcomes > outcomes ||
		math.Abs(s.SROI-float64(s.AdditionalOutcomes)*ec.ValuePerOutcome*ec.AvertedShare/s.TotalCost) > 1e-9 ||
		math.Abs(s.CostPerOutcome-s.TotalCost/float64(s.AdditionalOutcomes)) > 1e-6 {
		t.Errorf("SROI %v and cost per outcome %v do not follow from %d additional outcomes and cost %v",
			s.SROI, s.CostPerOutcome, s.AdditionalOutcomes, s.TotalCost)
	}
}

// With no programme at all (nobody with reach, so nobody is enrolled),
// every outcome is one that would have happened anyway: no additional
// outcomes are claimed.
func TestNoProgrammeClaimsNoOutcomes(t *testing.T) {
	sc := scenarios.Isolated()
	for i := range sc.Actors {
		sc.Actors[i].Reach = 0
	}
	e, _ := sim.New(sc)
	e.Reset(4, 0)
	s := e.Run()
	if s.OutcomeRate <= 0 || s.ProgramOutcomes != 0 || s.AdditionalOutcomes != 0 || !math.IsNaN(s.CostPerOutcome) || s.SROI != 0 {
		t.Errorf("no programme: outcome rate %v, programme %d, additional %d, cost per outcome %v, SROI %v",
			s.OutcomeRate, s.ProgramOutcomes, s.AdditionalOutcomes, s.CostPerOutcome, s.SROI)
	}
}
