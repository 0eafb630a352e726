package sim_test

import (
	"testing"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// Most young people are at risk in several domains at once: the model
// brief cites West London Zone, 8 in 10 at risk in three or more. The
// default population is drawn so that this holds with "at risk" meaning a
// need above params.at_risk_need. Over 20 replicates of 1,000 the share has
// SE ≈ √(0.8·0.2/20000) ≈ 0.003; the tolerance ±0.05 allows for the
// calibration being to a round figure, not for sampling noise.
func TestDefaultPopulationMostlyAtRiskInSeveralDomains(t *testing.T) {
	sc := scenarios.Isolated()
	e, err := sim.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	atRisk, n := 0, 0
	for r := 0; r < 20; r++ {
		e.Reset(99, r)
		pop := e.Population()
		for b := 0; b < pop.N; b++ {
			k := 0
			for d := 0; d < agents.NumDomains; d++ {
				if pop.Need[b*agents.NumDomains+d] > sc.Params.Population.AtRiskNeed {
					k++
				}
			}
			if k >= 3 {
				atRisk++
			}
			n++
		}
	}
	share := float64(atRisk) / float64(n)
	t.Logf("at risk in three or more domains: %.3f", share)
	if share < 0.75 || share > 0.85 {
		t.Errorf("share at risk in three or more domains %.3f, want 0.8 ± 0.05", share)
	}
}
