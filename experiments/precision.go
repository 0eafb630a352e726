package experiments

import (
	"bytes"
	"math"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/results"
)

// halfWidth is the half-width of the 95% CI of the paired difference in
// outcome rate between the second scenario and the first.
func halfWidth(rates [][]float64) float64 {
	if len(rates) < 2 || len(rates[0]) < 2 {
		return math.Inf(1)
	}
	d := analysis.Paired(rates[1], rates[0], 0.95).Diff
	return (d.Hi - d.Lo) / 2
}

// outcomeRates reads the outcome rates of earlier rows (a resumed run).
func outcomeRates(prev []byte, S int) ([][]float64, error) {
	rates := make([][]float64, S)
	if prev == nil {
		return rates, nil
	}
	row := 0
	err := results.ReadSummary(bytes.NewReader(prev), func(r results.Record) error {
		rates[row%S] = append(rates[row%S], r.Values[results.ColOutcomeRate])
		row++
		return nil
	})
	return rates, err
}
