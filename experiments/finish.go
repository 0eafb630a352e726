package experiments

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/results"
)

// Finish writes the files of a complete run from its summary rows and
// accumulators: timeseries.csv, comparison.csv and .json, plots/ and
// report.html, and for a sweep what its method calls for. A run, a resumed
// run and a merge of shards all end here, so their files are the same
// byte for byte. It returns the files written.
func Finish(dir string, m *results.Manifest, scs []Scenario, accs []*results.Accumulator) ([]string, error) {
	if m.Sweep != nil {
		return finishSweep(dir, m, accs)
	}
	names := make([]string, len(m.Scenarios))
	for s, sc := range m.Scenarios {
		names[s] = sc.Name
	}
	if err := results.WriteTimeseries(dir, names, nil, accs); err != nil {
		return nil, err
	}
	if err := results.EnsurePlots(dir); err != nil {
		return nil, err
	}
	// The final box plots render while the next metric is read; the time
	// series plots after.
	finalPlots := results.NewRenderer(filepath.Join(dir, "plots"))
	summaries, comps, err := finalStatistics(dir, m, func(c results.Col, vals [][]float64) {
		if p := finalPlot(m, c, vals); p != nil {
			finalPlots.Start(p, "final_"+c.String())
		}
	})
	if err == nil {
		err = results.WriteComparison(dir, comps)
	}
	var set results.PlotSet
	if err == nil {
		err = timeseriesPlots(&set, m, scs, accs)
	}
	if err != nil {
		finalPlots.Wait()
		return nil, err
	}
	plots, err := set.Render(filepath.Join(dir, "plots"))
	finals, ferr := finalPlots.Wait()
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
func finalStatistics(dir string, m *results.Manifest, visit func(c results.Col, vals [][]float64)) ([]ScenarioSummary, []results.Comparison, error) {
	// Reading and ranking allocate briefly and often: collect garbage
	// sooner here, so that the peak does not grow with the replicates.
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	S := len(m.Scenarios)
	sums := make([]ScenarioSummary, S)
	for s := range sums {
		sums[s].Name = m.Scenarios[s].Name
	}
	pairs := S * (S - 1) / 2
	comps := make([]results.Comparison, pairs*results.NumMetrics)
	for c := range results.Col(results.NumMetrics) {
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
				comps[k*results.NumMetrics+int(c)] = results.Compare(c.String(), m.Scenarios[i].Name, m.Scenarios[j].Name, vals[i], vals[j])
				k++
			}
		}
		if visit != nil {
			visit(c, vals)
		}
	}
	return sums, comps, nil
}

// readMetric reads one column of summary.csv into vals[scenario][replicate],
// rows in replicate order (scenarios in the manifest's order), in slices
// sized once from the manifest.
func readMetric(dir string, m *results.Manifest, c results.Col) ([][]float64, error) {
	f, err := os.Open(filepath.Join(dir, results.SummaryFile))
	if err != nil {
		return nil, fmt.Errorf("experiments: %w", err)
	}
	defer f.Close()
	n := len(m.Scenarios)
	vals := make([][]float64, n)
	for s := range vals {
		vals[s] = make([]float64, 0, m.Done)
	}
	row := 0
	err = results.ReadSummary(f, func(r results.Record) error {
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
	Estimates []analysis.Estimate // indexed by results.Col, one per headline metric
}

// ReadResults reads the headline estimates and comparisons of a finished
// output folder.
func ReadResults(dir string, m *results.Manifest) ([]ScenarioSummary, []results.Comparison, error) {
	return finalStatistics(dir, m, nil)
}
