package sim_test

import (
	"math"
	"testing"

	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// FuzzLevers sets the levers to arbitrary values. A scenario that passes
// Validate must run to the horizon without panicking and with every
// recorded metric finite and in range; one that fails must fail with an
// error, not a panic. go test runs the seed corpus; go test -fuzz explores.
func FuzzLevers(f *testing.F) {
	f.Add(true, true, 2.0, 2, 0, 0.5, true, 3.0, 0.7, 200, uint64(1))
	f.Add(false, false, 0.0, 0, 0, 0.0, false, 1.0, 0.7, 200, uint64(2))
	f.Add(true, false, 0.0, 1, 4, 1.0, true, 0.02, 1.0, 1, uint64(3))
	f.Add(false, true, 50.0, 520, 3, 0.0, true, 100.0, 0.0, 50, uint64(4))
	f.Add(true, true, math.NaN(), 2, 7, -1.0, true, 0.0, 2.0, 0, uint64(5))
	f.Fuzz(func(t *testing.T, agenda, measurement bool, backbone float64, interval, rung int,
		sharing float64, pooled bool, horizon, kappa float64, count int, seed uint64) {
		sc := scenarios.CollectiveImpact()
		sc.Horizon.Years = 2
		g := &sc.Governance
		g.CommonAgenda, g.SharedMeasurement, g.BackboneStaff = agenda, measurement, backbone
		g.MeetingIntervalWeeks, g.BeneficiaryEngagement, g.PowerSharing = interval, rung, sharing
		sc.Funding.Pooled, sc.Funding.HorizonYears = pooled, horizon
		sc.Problem.Complementarity = kappa
		sc.Beneficiaries.Count = count
		if count > 2000 {
			t.Skip("population too large for a fuzz iteration")
		}
		e, err := sim.New(sc)
		if err != nil {
			return
		}
		e.Reset(seed, 0)
		s := e.Run()
		for k := 0; k < e.Ticks(); k++ {
			for m := 0; m < sim.NumMetrics; m++ {
				if v := e.Value(k, sim.Metric(m)); math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Fatalf("tick %d: %s = %v", k, sim.Metric(m), v)
				}
			}
		}
		if s.OutcomeRate < 0 || s.OutcomeRate > 1 || s.MeanTrust < 0 || s.MeanTrust > 1 ||
			s.AgendaAlignment < 0 || s.AgendaAlignment > 1+1e-12 || math.Abs(s.Ledger.Imbalance()) > 1 {
			t.Fatalf("summary out of range or books that do not close: %+v", s)
		}
	})
}
