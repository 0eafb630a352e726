package experiments

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/results"
)

// PointSummary is one design point of a finished sweep: its lever values,
// the mean and 95% CI of each headline metric per design, and with two or
// more designs the paired difference of each later design from the first.
type PointSummary struct {
	Point     int
	Levers    []float64
	Runs      int
	Estimates [][]analysis.Estimate // [design][metric], by results.Col
	Diffs     [][]analysis.Estimate // [design−1][metric]: design minus the first
}

// finalValues are the headline metrics of a sweep's runs:
// [point][design][metric][replicate], metrics by results.Col.
type finalValues [][][][]float64

// sweepFinals reads the headline metrics of a sweep's summary.
func sweepFinals(dir string, m *results.Manifest) (finalValues, error) {
	f, err := os.Open(filepath.Join(dir, results.SummaryFile))
	if err != nil {
		return nil, fmt.Errorf("experiments: %w", err)
	}
	defer f.Close()
	P, S := len(m.Sweep.Points), len(m.Scenarios)
	finals := make(finalValues, P)
	for p := range finals {
		finals[p] = make([][][]float64, S)
		for s := range finals[p] {
			finals[p][s] = make([][]float64, results.NumMetrics)
			for c := range results.NumMetrics {
				finals[p][s][c] = make([]float64, 0, m.Runs)
			}
		}
	}
	row := 0
	err = results.ReadSummary(f, func(r results.Record) error {
		if r.Point < 0 || r.Point >= P {
			return fmt.Errorf("experiments: summary row %d: point %d of %d", row+2, r.Point, P)
		}
		s := row % S
		for c := range results.NumMetrics {
			finals[r.Point][s][c] = append(finals[r.Point][s][c], r.Values[c])
		}
		row++
		return nil
	})
	return finals, err
}

// ReadPoints reads the per-point estimates of a finished sweep.
func ReadPoints(dir string, m *results.Manifest) ([]PointSummary, error) {
	if m.Sweep == nil {
		return nil, fmt.Errorf("experiments: %s holds no sweep", dir)
	}
	finals, err := sweepFinals(dir, m)
	if err != nil {
		return nil, err
	}
	return summarizePoints(m, finals), nil
}

// summarizePoints gives each point's estimates and differences.
func summarizePoints(m *results.Manifest, finals finalValues) []PointSummary {
	out := make([]PointSummary, len(finals))
	for p, fp := range finals {
		ps := PointSummary{Point: p, Levers: m.Sweep.Points[p], Runs: len(fp[0][0])}
		for s := range fp {
			var est []analysis.Estimate
			for c := range results.NumMetrics {
				lo, hi := results.Col(c).Bounds()
				est = append(est, analysis.MeanCI(fp[s][c], 0.95).Clip(lo, hi))
			}
			ps.Estimates = append(ps.Estimates, est)
			if s > 0 {
				var diffs []analysis.Estimate
				for c := range results.NumMetrics {
					lo, hi := results.Col(c).Bounds()
					diffs = append(diffs, analysis.Paired(fp[s][c], fp[0][c], 0.95).Diff.Clip(lo-hi, hi-lo))
				}
				ps.Diffs = append(ps.Diffs, diffs)
			}
		}
		out[p] = ps
	}
	return out
}

// pointsHeader names the columns of points.csv: the point, its levers and
// runs, then mean, lo and hi of each headline metric — prefixed a_, b_, …
// per design when there are several, followed by the differences from the
// first design (b_minus_a_…).
func pointsHeader(m *results.Manifest) []string {
	h := append([]string{"point"}, m.Sweep.Levers...)
	h = append(h, "runs")
	S := len(m.Scenarios)
	add := func(prefix string) {
		for _, metric := range results.Metrics() {
			h = append(h, prefix+metric+"_mean", prefix+metric+"_lo", prefix+metric+"_hi")
		}
	}
	if S == 1 {
		add("")
		return h
	}
	for s := 0; s < S; s++ {
		add(designLetter(s) + "_")
	}
	for s := 1; s < S; s++ {
		add(designLetter(s) + "_minus_a_")
	}
	return h
}

// designLetter names design s in column names: a, b, c, …
func designLetter(s int) string { return string(rune('a' + s%26)) }

// writePoints writes points.csv: one row a design point.
func writePoints(dir string, m *results.Manifest, pts []PointSummary) error {
	return results.WriteAtomic(filepath.Join(dir, "points.csv"), func(w io.Writer) error {
		if _, err := io.WriteString(w, results.CSVLine(pointsHeader(m)...)); err != nil {
			return err
		}
		b := make([]byte, 0, 1024)
		kinds := results.LeverKinds(m.Sweep.Levers)
		for _, ps := range pts {
			b = fmt.Appendf(b[:0], "%d", ps.Point)
			for i, x := range ps.Levers {
				b = append(append(b, ','), results.Format(kinds[i], nil, x)...)
			}
			b = fmt.Appendf(b, ",%d", ps.Runs)
			for _, ests := range append(slices.Clone(ps.Estimates), ps.Diffs...) {
				for _, e := range ests {
					for _, x := range []float64{e.Mean, e.Lo, e.Hi} {
						b = append(append(b, ','), results.FormatValue(x)...)
					}
				}
			}
			b = append(b, '\n')
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
		return nil
	})
}

// sweepComparisons compares every later design with the first at each
// point, for every headline metric.
func sweepComparisons(m *results.Manifest, finals finalValues) []results.Comparison {
	var out []results.Comparison
	for p, fp := range finals {
		for s := 1; s < len(fp); s++ {
			for c := range results.Col(results.NumMetrics) {
				cmp := results.Compare(c.String(), m.Scenarios[0].Name, m.Scenarios[s].Name, fp[0][c], fp[s][c])
				cmp.Point = &p
				out = append(out, cmp)
			}
		}
	}
	return out
}

// finishSweep writes the files of a complete sweep: timeseries.csv (when
// the sweep kept series), points.csv, comparison.csv and .json (with two
// or more designs), the analysis its method asks for, plots/ and
// report.html. It returns the files written.
func finishSweep(dir string, m *results.Manifest, accs []*results.Accumulator) ([]string, error) {
	files, err := writeSweepTimeseries(dir, m, accs)
	if err != nil {
		return nil, err
	}
	finals, err := sweepFinals(dir, m)
	if err != nil {
		return nil, err
	}
	pts := summarizePoints(m, finals)
	if err = writePoints(dir, m, pts); err != nil {
		return nil, err
	}
	files = append(files, "points.csv")
	if len(m.Scenarios) > 1 {
		if err = results.WriteComparison(dir, sweepComparisons(m, finals)); err != nil {
			return nil, err
		}
		files = append(files, "comparison.csv", "comparison.json")
	}
	analysisFiles, sections, err := analyseSweep(dir, m, pts, finals)
	if err != nil {
		return nil, err
	}
	files = append(files, analysisFiles...)
	if err = results.EnsurePlots(dir); err != nil {
		return nil, err
	}
	plots, err := writeSweepPlots(dir, m, pts)
	if err != nil {
		return nil, err
	}
	files = append(files, plots...)
	if err = writeSweepReport(dir, m, pts, sections, plots); err != nil {
		return nil, err
	}
	return append(files, "report.html"), nil
}

// writeSweepTimeseries writes timeseries.csv when the sweep kept series
// (accs not nil), one accumulator per point and design.
func writeSweepTimeseries(dir string, m *results.Manifest, accs []*results.Accumulator) ([]string, error) {
	if accs == nil {
		return nil, nil
	}
	names := make([]string, len(accs))
	points := make([]int, len(accs))
	for i := range accs {
		names[i] = m.Scenarios[i%len(m.Scenarios)].Name
		points[i] = i / len(m.Scenarios)
	}
	if err := results.WriteTimeseries(dir, names, points, accs); err != nil {
		return nil, err
	}
	return []string{"timeseries.csv"}, nil
}

// headline is the value a sweep's plots and discovery look at first: the
// outcome rate of the only design, or its difference between the second
// design and the first.
func (ps *PointSummary) headline(metric results.Col) analysis.Estimate {
	if len(ps.Diffs) > 0 {
		return ps.Diffs[0][metric]
	}
	return ps.Estimates[0][metric]
}

// inSentence is a title as it reads inside a sentence: its first letter
// lowered ("Outcome rate" → "outcome rate"; "MSEK" and "kSEK" kept).
func inSentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// headlineLabel says what headline measures.
func headlineLabel(m *results.Manifest, metric string) string {
	if len(m.Scenarios) > 1 {
		return fmt.Sprintf("%s: %s − %s", results.Title(metric), m.Scenarios[1].Name, m.Scenarios[0].Name)
	}
	return results.Title(metric)
}

// finite reports whether x is a number (not NaN or infinite).
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// metricCol is the column of a headline metric the code names; an unknown
// one is a programmer error.
func metricCol(name string) results.Col {
	c, ok := results.Metric(name)
	if !ok {
		panic("experiments: unknown metric " + name)
	}
	return c
}

// analyseSweep runs the analysis a sweep's method calls for on its points
// and returns the files it wrote and its report sections.
func analyseSweep(dir string, m *results.Manifest, pts []PointSummary, finals finalValues) ([]string, []results.Section, error) {
	switch m.Sweep.Method {
	case "sobol", "morris":
		return analyseSensitivity(dir, m, pts)
	case "factorial":
		return analyseFactorial(dir, m, finals)
	case "hypothesis":
		return analyseHypothesis(dir, m, pts, finals)
	case "explain":
		return analyseExplain(dir, m, finals)
	case "robust":
		return analyseRobust(dir, m)
	}
	return nil, nil, nil
}
