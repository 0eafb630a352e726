package results

import (
	"testing"

	"github.com/cisim/cisim/sim"
)

func TestFromSummaryFollowsMetricOrder(t *testing.T) {
	s := sim.Summary{OutcomeRate: 0.1, MeanTrust: 0.2, AgendaAlignment: 0.3, Partners: 4,
		TotalCost: 5, CostPerOutcome: 6, SROI: 7}
	r := FromSummary("x", 3, 9, s)
	if r.Scenario != "x" || r.Replicate != 3 || r.Seed != 9 {
		t.Fatalf("identity fields: %+v", r)
	}
	if len(r.Values) != len(Metrics) {
		t.Fatalf("%d values for %d metrics", len(r.Values), len(Metrics))
	}
	for i, want := range []float64{0.1, 0.2, 0.3, 4, 5, 6, 7} {
		if r.Values[i] != want {
			t.Errorf("%s = %v, want %v", Metrics[i], r.Values[i], want)
		}
	}
}
