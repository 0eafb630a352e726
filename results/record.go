package results

import "github.com/cisim/cisim/sim"

// Metrics are the per-run metrics of summary.csv, in column order.
var Metrics = []string{
	"outcome_rate", "mean_trust", "agenda_alignment", "partners_remaining",
	"total_cost", "cost_per_outcome", "sroi",
}

// Record is one run: which scenario, replicate and seed, and its metrics in
// the order of Metrics.
type Record struct {
	Scenario  string
	Replicate int
	Seed      uint64
	Values    []float64
}

// FromSummary builds the record of one run.
func FromSummary(scenario string, replicate int, seed uint64, s sim.Summary) Record {
	return Record{
		Scenario:  scenario,
		Replicate: replicate,
		Seed:      seed,
		Values: []float64{
			s.OutcomeRate, s.MeanTrust, s.AgendaAlignment, float64(s.Partners),
			s.TotalCost, s.CostPerOutcome, s.SROI,
		},
	}
}
