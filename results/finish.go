package results

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/cisim/cisim/analysis"
)

// Finish writes the files of a complete run from its summary rows and
// accumulators: timeseries.csv, comparison.csv and .json, plots/ and
// report.html. A run, a resumed run and a merge of shards all end here, so
// their files are the same byte for byte. It returns the files written.
func Finish(dir string, m *Manifest, scs []Scenario, accs []*Accumulator) ([]string, error) {
	if m.Sweep != nil {
		return finishSweep(dir, m, accs)
	}
	names := make([]string, len(m.Scenarios))
	for s, sc := range m.Scenarios {
		names[s] = sc.Name
	}
	if err := writeTimeseries(dir, names, nil, accs); err != nil {
		return nil, err
	}
	finals, err := readFinals(dir, m)
	if err != nil {
		return nil, err
	}
	summaries := summarize(m, finals)
	comps := compare(m, finals)
	if err := writeComparison(dir, comps); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, "plots"), 0o755); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	plots, err := writePlots(dir, m, scs, accs, finals)
	if err != nil {
		return nil, err
	}
	if err := writeReport(dir, m, summaries, comps, plots); err != nil {
		return nil, err
	}
	files := []string{"timeseries.csv", "comparison.csv", "comparison.json"}
	files = append(files, plots...)
	return append(files, "report.html"), nil
}

// readFinals reads the headline metrics of summary.csv into
// finals[scenario][metric][replicate], rows in replicate order (scenarios
// in the manifest's order). The rank statistics of the comparison (A12,
// Wilcoxon) need every replicate's value, so this is the one part of a run
// whose memory grows with replicates: 8 bytes per metric and replicate,
// in slices sized once from the manifest.
func readFinals(dir string, m *Manifest) ([][][]float64, error) {
	f, err := os.Open(filepath.Join(dir, summaryFile))
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	defer f.Close()
	n := len(m.Scenarios)
	finals := make([][][]float64, n)
	for s := range finals {
		finals[s] = make([][]float64, len(Metrics))
		for c := range finals[s] {
			finals[s][c] = make([]float64, 0, m.Done)
		}
	}
	row := 0
	err = ReadSummary(f, func(r Record) error {
		s := row % n
		for c := range Metrics {
			finals[s][c] = append(finals[s][c], r.Values[c])
		}
		row++
		return nil
	})
	return finals, err
}

// ScenarioSummary is the mean and 95% CI of each headline metric of one
// scenario.
type ScenarioSummary struct {
	Name      string
	Estimates []analysis.Estimate // one per Metrics
}

func summarize(m *Manifest, finals [][][]float64) []ScenarioSummary {
	out := make([]ScenarioSummary, len(finals))
	for s := range finals {
		out[s].Name = m.Scenarios[s].Name
		for c := range Metrics {
			out[s].Estimates = append(out[s].Estimates, analysis.MeanCI(finals[s][c], 0.95))
		}
	}
	return out
}

// ReadResults reads the headline estimates and comparisons of a finished
// output folder.
func ReadResults(dir string, m *Manifest) ([]ScenarioSummary, []Comparison, error) {
	finals, err := readFinals(dir, m)
	if err != nil {
		return nil, nil, err
	}
	return summarize(m, finals), compare(m, finals), nil
}
