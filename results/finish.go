package results

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

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
	if err := os.MkdirAll(filepath.Join(dir, "plots"), 0o755); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	// The final box plots render while the next metric is read; the time
	// series plots after.
	finalPlots := newRenderer(filepath.Join(dir, "plots"))
	summaries, comps, err := finalStatistics(dir, m, func(c int, vals [][]float64) {
		if p := finalPlot(m, c, vals); p != nil {
			finalPlots.start(p, "final_"+Metrics[c])
		}
	})
	if err != nil {
		finalPlots.wait()
		return nil, err
	}
	if err := writeComparison(dir, comps); err != nil {
		finalPlots.wait()
		return nil, err
	}
	var set plotSet
	if err := timeseriesPlots(&set, m, scs, accs); err != nil {
		finalPlots.wait()
		return nil, err
	}
	plots, err := set.render(filepath.Join(dir, "plots"))
	finals, ferr := finalPlots.wait()
	if err = errors.Join(err, ferr); err != nil {
		return nil, err
	}
	plots = append(plots, finals...)
	if err := writeReport(dir, m, summaries, comps, plots); err != nil {
		return nil, err
	}
	files := []string{"timeseries.csv", "comparison.csv", "comparison.json"}
	files = append(files, plots...)
	return append(files, "report.html"), nil
}

// finalStatistics reads summary.csv one headline metric at a time and
// returns each scenario's estimates and the comparisons of every pair
// (pair by pair, metric by metric). The rank statistics of a comparison
// (A12, Wilcoxon) need every replicate's value, so one metric's values
// are held at a time — 8 bytes per scenario and replicate — and handed
// to visit before the next metric is read.
func finalStatistics(dir string, m *Manifest, visit func(c int, vals [][]float64)) ([]ScenarioSummary, []Comparison, error) {
	// Reading and ranking allocate briefly and often: collect garbage
	// sooner here, so that the peak does not grow with the replicates.
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	S := len(m.Scenarios)
	sums := make([]ScenarioSummary, S)
	for s := range sums {
		sums[s].Name = m.Scenarios[s].Name
	}
	pairs := S * (S - 1) / 2
	comps := make([]Comparison, pairs*len(Metrics))
	for c, metric := range Metrics {
		vals, err := readMetric(dir, m, c)
		if err != nil {
			return nil, nil, err
		}
		for s := range sums {
			sums[s].Estimates = append(sums[s].Estimates, analysis.MeanCI(vals[s], 0.95))
		}
		k := 0
		for i := 0; i < S; i++ {
			for j := i + 1; j < S; j++ {
				comps[k*len(Metrics)+c] = pairStats(metric, m.Scenarios[i].Name, m.Scenarios[j].Name, vals[i], vals[j])
				k++
			}
		}
		if visit != nil {
			visit(c, vals)
		}
	}
	return sums, comps, nil
}

// readMetric reads one headline metric of summary.csv into
// vals[scenario][replicate], rows in replicate order (scenarios in the
// manifest's order), in slices sized once from the manifest.
func readMetric(dir string, m *Manifest, c int) ([][]float64, error) {
	f, err := os.Open(filepath.Join(dir, summaryFile))
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	defer f.Close()
	n := len(m.Scenarios)
	vals := make([][]float64, n)
	for s := range vals {
		vals[s] = make([]float64, 0, m.Done)
	}
	row := 0
	err = ReadSummary(f, func(r Record) error {
		vals[row%n] = append(vals[row%n], r.Values[c])
		row++
		return nil
	})
	return vals, err
}

// ScenarioSummary is the mean and 95% CI of each headline metric of one
// scenario.
type ScenarioSummary struct {
	Name      string
	Estimates []analysis.Estimate // one per Metrics
}

// ReadResults reads the headline estimates and comparisons of a finished
// output folder.
func ReadResults(dir string, m *Manifest) ([]ScenarioSummary, []Comparison, error) {
	return finalStatistics(dir, m, nil)
}
