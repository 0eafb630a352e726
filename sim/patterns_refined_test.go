package sim_test

import (
	"math"
	"testing"

	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// Patterns 5–7 of the model brief: the refined model's levers (power
// sharing, beneficiary engagement) and H2 (complementary capabilities).
// Same conventions as patterns_test.go: 200 replicates, seed 20261123,
// common random numbers (replicate r of every variant shares its world, so
// differences are paired by replicate), and every claim "X > 0" asserted
// as mean − 3·SE > 0 on the paired differences.
//
// Where the pattern is already clear at a shorter horizon the runs are
// shortened to keep `go test -race ./sim/` fast: the agenda, shared
// measurement (maturity ≈ 0.9 after three years) and learning have all
// taken hold within three years.

// loadDesign loads a built-in scenario with --set style overrides.
func loadDesign(t *testing.T, name string, sets ...string) sim.Scenario {
	t.Helper()
	l, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	return l.Scenario
}

// Pattern 5: power concentrated in funders pulls the agenda away from
// beneficiaries' true needs, more so when beneficiaries are not engaged.
// Measured on agenda_alignment (alignment of where the work goes with the
// true profile of remaining need, mean over the last year) in
// collective-impact after three years, at power_sharing 0 (agenda weight
// follows money; the funder, whose KPIs favour skills and education, holds
// 38% of the table) and 1 (equal voice), at rungs 0 and 4. Nothing in the
// rules names either lever's value: money weights members' own priorities
// in the agenda target, and engaged beneficiaries take a seat beside them
// and correct what the shared indicators miss, so a larger seat for them
// leaves less for money to pull.
func TestPatternFunderPowerPullsAgendaFromNeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("pattern test: 800 runs")
	}
	align := func(sharing, rung string) ([]float64, []float64) {
		sums, _ := runDesign(t, loadDesign(t, "collective-impact", "horizon.years=3",
			"governance.power_sharing="+sharing, "governance.beneficiary_engagement="+rung))
		return alignments(sums), outcomeRates(sums)
	}
	money0, out0 := align("0", "0")
	equal0, outEq0 := align("1", "0")
	money4, _ := align("0", "4")
	equal4, _ := align("1", "4")

	// Alignment lost to concentrated power, paired by replicate.
	loss0, loss4 := paired(equal0, money0), paired(equal4, money4)
	m0, se0 := meanSE(loss0)
	m4, se4 := meanSE(loss4)
	dOut, seOut := meanSE(paired(outEq0, out0))
	t.Logf("rung 0: alignment lost to funder power %.4f (SE %.4f); outcome rate lost %.4f (SE %.4f)", m0, se0, dOut, seOut)
	t.Logf("rung 4: alignment lost to funder power %.4f (SE %.4f)", m4, se4)
	if m0-3*se0 <= 0 {
		t.Errorf("pattern 5: power following money should pull work away from needs without engagement: loss %.4f, SE %.4f", m0, se0)
	}
	// The interaction: the paired difference of differences.
	dd, seDD := meanSE(paired(loss0, loss4))
	t.Logf("interaction: loss at rung 0 − loss at rung 4 = %.4f (SE %.4f)", dd, seDD)
	if dd-3*seDD <= 0 {
		t.Errorf("pattern 5: the pull of funder power should be larger without engagement (rung 0) than with it (rung 4): difference %.4f, SE %.4f", dd, seDD)
	}
}

// Pattern 6 (H1): raising beneficiary engagement raises agenda–need
// alignment and outcomes. collective-impact over three years at rungs 0
// (none), 2 (consulted) and 4 (shared decisions): alignment rises at each
// step, and the outcome rate at rungs 2 and 4 is above that at rung 0.
// Rung 4 is not required to beat rung 2 on outcomes: its staff time
// (0.8 h a week per enrolled, from the actors who enrol) takes places away,
// and over ten years that cost eats its gain over rung 2 (the engagement
// cost is a finding, not a defect; docs/MODEL.md §1.3 gives the ten-year
// effects, where rungs 2 and 4 are still above rung 0 by 20 SE or more).
func TestPatternEngagementRaisesAlignmentAndOutcomes(t *testing.T) {
	if testing.Short() {
		t.Skip("pattern test: 600 runs")
	}
	rungs := []string{"0", "2", "4"}
	var align, out [3][]float64
	for k, rung := range rungs {
		sums, _ := runDesign(t, loadDesign(t, "collective-impact", "horizon.years=3", "governance.beneficiary_engagement="+rung))
		align[k], out[k] = alignments(sums), outcomeRates(sums)
	}
	for k := 1; k < len(rungs); k++ {
		m, se := meanSE(paired(align[k], align[k-1]))
		t.Logf("alignment, rung %s → %s: %+.4f (SE %.4f)", rungs[k-1], rungs[k], m, se)
		if m-3*se <= 0 {
			t.Errorf("pattern 6: alignment should rise from rung %s to %s: %+.4f, SE %.4f", rungs[k-1], rungs[k], m, se)
		}
	}
	for k := 1; k < len(rungs); k++ {
		m, se := meanSE(paired(out[k], out[0]))
		t.Logf("outcome rate, rung 0 → %s: %+.4f (SE %.4f)", rungs[k], m, se)
		if m-3*se <= 0 {
			t.Errorf("pattern 6: the outcome rate should rise from rung 0 to %s: %+.4f, SE %.4f", rungs[k], m, se)
		}
	}
}

// Pattern 7 (H2): a partnership of complementary capabilities beats one of
// similar capabilities with the same resources. collective-impact after
// three years with actors.capability_overlap 0 (each delivering actor
// concentrated where it is relatively strongest) against 1 (every actor the
// same profile, scaled to its size). The generator keeps each actor's total
// capability and each domain's total, and changes no budget or staff; the
// test checks that before comparing.
func TestPatternComplementaryCapabilitiesBeatSimilar(t *testing.T) {
	if testing.Short() {
		t.Skip("pattern test: 400 runs")
	}
	comp := loadDesign(t, "collective-impact", "horizon.years=3", "actors.capability_overlap=0")
	alike := loadDesign(t, "collective-impact", "horizon.years=3", "actors.capability_overlap=1")
	for i := range comp.Actors {
		a, b := comp.Actors[i], alike.Actors[i]
		if a.Budget != b.Budget || a.Staff != b.Staff || math.Abs(a.Capability.Sum()-b.Capability.Sum()) > 1e-9 {
			t.Fatalf("%s: resources differ between the two partnerships: budget %v/%v, staff %v/%v, capability %v/%v",
				a.Name, a.Budget, b.Budget, a.Staff, b.Staff, a.Capability.Sum(), b.Capability.Sum())
		}
	}
	for d := range comp.Actors[0].Capability {
		sa, sb := 0.0, 0.0
		for i := range comp.Actors {
			sa += comp.Actors[i].Capability[d]
			sb += alike.Actors[i].Capability[d]
		}
		if math.Abs(sa-sb) > 1e-9 {
			t.Fatalf("domain %d: total capability differs: %v against %v", d, sa, sb)
		}
	}
	c, _ := runDesign(t, comp)
	s, _ := runDesign(t, alike)
	m, se := meanSE(paired(outcomeRates(c), outcomeRates(s)))
	t.Logf("outcome rate after 3 years, complementary − similar: %+.4f (SE %.4f)", m, se)
	if m-3*se <= 0 {
		t.Errorf("pattern 7: complementary capabilities should beat similar ones: %+.4f, SE %.4f", m, se)
	}
}
