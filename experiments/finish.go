package experiments

import (
	"cmp"
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
// byte for byte. It returns the files written; with the manifest's
// Parquet, these include a Parquet file beside each CSV file.
func Finish(dir string, m *results.Manifest, scs []Scenario, accs []*results.Accumulator) ([]string, error) {
	files, err := finishFiles(dir, m, scs, accs)
	if err != nil || !m.Parquet {
		return files, err
	}
	csvs := []string{results.SummaryFile}
	if m.Events {
		csvs = append(csvs, results.EventsFile)
	}
	pq, err := results.WriteParquets(dir, m, append(csvs, files...))
	return append(files, pq...), err
}

func finishFiles(dir string, m *results.Manifest, scs []Scenario, accs []*results.Accumulator) ([]string, error) {
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
	// The time series plots need only the accumulators: they render from
	// the start, beside the final statistics, whose box plots render while
	// the next metric is read.
	pdir := filepath.Join(dir, "plots")
	var set results.PlotSet
	tsErr := timeseriesPlots(&set, m, scs, accs)
	tsPlots := results.NewRenderer(pdir)
	started := make(chan struct{})
	go func() { // Start waits for a free renderer: not on this goroutine
		defer close(started)
		if tsErr == nil {
			set.Start(tsPlots)
		}
	}()
	finalPlots := results.NewRenderer(pdir)
	wait := func() ([]string, []string, error) {
		<-started
		plots, err := tsPlots.Wait()
		finals, ferr := finalPlots.Wait()
		return plots, finals, cmp.Or(err, ferr)
	}
	summaries, comps, err := finalStatistics(dir, m, func(c results.Col, vals [][]float64) {
		if p := finalPlot(m, c, vals); p != nil {
			finalPlots.Start(p, "final_"+c.String())
		}
	})
	var fails []results.Failure
	var failComps []results.Comparison
	if err == nil {
		if fails, failComps, err = failures(dir, m, scs); err == nil {
			err = results.WriteFailures(dir, fails)
		}
	}
	if err == nil {
		err = results.WriteComparison(dir, append(comps[:len(comps):len(comps)], failComps...))
	}
	plots, finals, rerr := wait()
	if err = cmp.Or(err, tsErr, rerr); err != nil {
		return nil, err
	}
	plots = append(plots, finals...)
	if err := writeReport(dir, m, summaries, append(comps, failComps...), fails, plots); err != nil {
		return nil, err
	}
	files := []string{"timeseries.csv", "comparison.csv", "comparison.json", results.FailuresFile}
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
		est, pairComps, err := metricStatistics(dir, m, c, vals)
		if err != nil {
			return nil, nil, err
		}
		for s := range sums {
			sums[s].Estimates = append(sums[s].Estimates, est[s])
			sums[s].Spread = append(sums[s].Spread, spreadOf(vals[s]))
		}
		for k, comp := range pairComps {
			comps[k*results.NumMetrics+int(c)] = comp
		}
		if visit != nil {
			visit(c, vals)
		}
	}
	return sums, comps, nil
}

// metricStatistics are one headline metric's estimate per scenario and
// comparison per pair: means and paired differences, or for the cost per
// outcome ratios of totals (total cost over total additional outcomes).
func metricStatistics(dir string, m *results.Manifest, c results.Col, vals [][]float64) ([]analysis.Estimate, []results.Comparison, error) {
	var cost, outcomes [][]float64
	if c == results.ColCostPerOutcome {
		var err error
		if cost, err = readMetric(dir, m, results.ColTotalCost); err == nil {
			outcomes, err = readMetric(dir, m, results.ColAdditionalOutcomes)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	lo, hi := c.Bounds()
	est := make([]analysis.Estimate, len(vals))
	for s := range vals {
		est[s] = analysis.MeanCI(vals[s], 0.95).Clip(lo, hi)
		if cost != nil {
			est[s] = results.RatioCI(cost[s], outcomes[s])
		}
	}
	var comps []results.Comparison
	for i := range vals {
		for j := i + 1; j < len(vals); j++ {
			a, b := m.Scenarios[i].Name, m.Scenarios[j].Name
			comp := results.Compare(c.String(), a, b, vals[i], vals[j])
			if cost != nil {
				comp = results.CompareRatio(c.String(), a, b, cost[i], outcomes[i], cost[j], outcomes[j])
			}
			// A difference of two values in [lo, hi] lies in [lo−hi, hi−lo].
			comp.DiffLo, comp.DiffHi = results.Num(max(float64(comp.DiffLo), lo-hi)), results.Num(min(float64(comp.DiffHi), hi-lo))
			comps = append(comps, comp)
		}
	}
	return est, comps, nil
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
	err = results.ReadColumn(f, c, func(x float64) error {
		vals[row%n] = append(vals[row%n], x)
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
	Spread    []Spread            // the same metrics' spread across replicates
}

// Spread is where a metric's runs lie: their 5th, 50th and 95th
// percentiles (type 7, R's and numpy's default).
type Spread struct{ P05, P50, P95 float64 }

func spreadOf(xs []float64) Spread {
	q := analysis.QuantilesType7(xs, []float64{0.05, 0.5, 0.95}, nil)
	return Spread{q[0], q[1], q[2]}
}

// ReadResults reads the headline estimates and comparisons of a finished
// output folder.
func ReadResults(dir string, m *results.Manifest) ([]ScenarioSummary, []results.Comparison, error) {
	return finalStatistics(dir, m, nil)
}

// failures are the shares of each design's runs that stalled or broke up
// and, for every other design, that lost to their paired twin, and that
// failed any of these ways; and, for every pair of designs, the paired
// comparison of each way of failing (comparison.csv's rows after the
// headline metrics). Stalling applies to designs with a common agenda
// only; in a comparison a design without one counts as never stalling.
func failures(dir string, m *results.Manifest, scs []Scenario) ([]results.Failure, []results.Comparison, error) {
	var cols [3][][]float64
	for k, c := range []results.Col{results.ColStalled, results.ColBrokeUp, results.ColOutcomeRate} {
		var err error
		if cols[k], err = readMetric(dir, m, c); err != nil {
			return nil, nil, err
		}
	}
	stalled, broke, outcome := cols[0], cols[1], cols[2]
	// failed[s][o][r] is 1 where run r of design s lost to its twin of
	// design o (kind 0) or failed any way (kind 1).
	failed := func(s, o int) (lost, any []float64) {
		for r := range outcome[s] {
			l := results.LostToTwin(outcome[s][r], outcome[o][r])
			lost = append(lost, float64(b2i(l)))
			any = append(any, float64(b2i(results.RunFailed(stalled[s][r] == 1, broke[s][r] == 1, outcome[s][r], outcome[o][r]))))
		}
		return lost, any
	}
	var out []results.Failure
	for s, sc := range m.Scenarios {
		n := len(stalled[s])
		out = append(out, results.NewFailure(sc.Name, "", results.FailStalled, count(stalled[s]), n, scs[s].Scenario.Governance.CommonAgenda),
			results.NewFailure(sc.Name, "", results.FailBrokeUp, count(broke[s]), n, true))
		for o, other := range m.Scenarios {
			if o != s {
				lost, any := failed(s, o)
				out = append(out, results.NewFailure(sc.Name, other.Name, results.FailLostTwin, count(lost), n, true),
					results.NewFailure(sc.Name, other.Name, results.FailAny, count(any), n, true))
			}
		}
	}
	var comps []results.Comparison
	for i := range m.Scenarios {
		for j := i + 1; j < len(m.Scenarios); j++ {
			a, b := m.Scenarios[i].Name, m.Scenarios[j].Name
			lostA, anyA := failed(i, j)
			lostB, anyB := failed(j, i)
			comps = append(comps, results.Compare(results.FailStalled, a, b, stalled[i], stalled[j]),
				results.Compare(results.FailBrokeUp, a, b, broke[i], broke[j]),
				results.Compare(results.FailLostTwin, a, b, lostA, lostB),
				results.Compare(results.FailAny, a, b, anyA, anyB))
		}
	}
	return out, comps, nil
}

// count is the number of runs marked 1.
func count(xs []float64) int {
	n := 0
	for _, x := range xs {
		n += int(x)
	}
	return n
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
