package sim_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// TestLedgerCloses checks the accounting: every SEK budgeted is spent on
// staff or the backbone, or returned with a named reason, to 1 SEK, for
// every built-in scenario and for 100 random settings of the levers (two
// replicates each, with parameter uncertainty).
func TestLedgerCloses(t *testing.T) {
	check := func(name string, sc sim.Scenario) {
		t.Helper()
		e, err := sim.New(sc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for r := range 2 {
			e.Reset(7, r)
			s := e.Run()
			if d := s.Ledger.Imbalance(); math.Abs(d) > 1 {
				t.Errorf("%s replicate %d: budgeted %.0f, spent %.0f + %.0f, returned %v: off by %.3f SEK",
					name, r, s.Ledger.Budgeted, s.Ledger.Staff, s.Ledger.Backbone, s.Ledger.Returned, d)
			}
			if s.TotalCost != s.Ledger.Spent() {
				t.Errorf("%s: total cost %.0f is not what the ledger spent (%.0f)", name, s.TotalCost, s.Ledger.Spent())
			}
		}
	}
	for _, name := range scenarios.Names() {
		check(name, must(t, name, nil))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for k := range 100 {
		sets := randomLevers(rng)
		sets = append(sets, "horizon.years=3")
		name := scenarios.Names()[k%len(scenarios.Names())]
		if _, err := scenarios.Load(name, sets); err != nil {
			sets[9] = "governance.backbone_host=neutral" // a scenario without a funder
		}
		check(fmt.Sprint(name, sets), must(t, name, sets))
	}
}

// randomLevers draws a setting of the levers every scenario exposes.
func randomLevers(rng *rand.Rand) []string {
	b := func() bool { return rng.IntN(2) == 1 }
	return []string{
		fmt.Sprintf("governance.common_agenda=%v", b()),
		fmt.Sprintf("governance.shared_measurement=%v", b()),
		fmt.Sprintf("governance.backbone_staff=%g", 4*rng.Float64()),
		fmt.Sprintf("governance.meeting_interval_weeks=%d", rng.IntN(13)),
		fmt.Sprintf("governance.beneficiary_engagement=%d", rng.IntN(5)),
		fmt.Sprintf("governance.power_sharing=%g", rng.Float64()),
		fmt.Sprintf("governance.steering_style=%g", rng.Float64()),
		fmt.Sprintf("governance.agreement=%s", []string{"none", "letter", "contract"}[rng.IntN(3)]),
		fmt.Sprintf("governance.exit_clause=%v", b()),
		fmt.Sprintf("governance.backbone_host=%s", []string{"neutral", "funder"}[rng.IntN(2)]),
		fmt.Sprintf("funding.horizon_years=%g", 0.25+5*rng.Float64()),
		fmt.Sprintf("problem.complementarity=%g", rng.Float64()),
		fmt.Sprintf("beneficiaries.count=%d", 100+rng.IntN(900)),
		fmt.Sprintf("actors.value_spread=%g", 0.5*rng.Float64()),
		fmt.Sprintf("actors.capability_overlap=%g", rng.Float64()),
	}
}

func must(t *testing.T, name string, sets []string) sim.Scenario {
	t.Helper()
	l, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatalf("%s %v: %v", name, sets, err)
	}
	return l.Scenario
}
