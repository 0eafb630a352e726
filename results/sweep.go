package results

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/sim"
)

// Sweep makes an experiment a sweep: every scenario of the plan (a design)
// runs at each design point, with the point's lever values set, for Runs
// replicates. Replicate r shares its random streams at every point and in
// every design, so differences between points and designs pair.
type Sweep struct {
	Method string      `json:"method"`           // how the points were chosen: grid, lhs, sobol, morris, factorial, hypothesis
	Vary   []string    `json:"vary"`             // the ranges as given (KEY=LO:HI[:STEPS])
	Levers []string    `json:"levers"`           // the varied keys, in column order
	Points [][]float64 `json:"points"`           // lever values of each point
	Metric string      `json:"metric,omitempty"` // the metric a sensitivity analysis explains
	Base   int         `json:"base,omitempty"`   // Saltelli base samples, or Morris trajectories
	Levels int         `json:"levels,omitempty"` // Morris grid levels
	// Hypothesis names the hypothesis (H1, H2, H3) a sweep tests; its
	// first lever is the focal one.
	Hypothesis string `json:"hypothesis,omitempty"`
	// At returns design d at point p: the plan's scenario d with the point's
	// lever values set. It must be safe for concurrent use.
	At func(p, d int) (sim.Scenario, error) `json:"-"`
}

// maxSeriesPairs bounds the points × designs whose per-tick statistics a
// sweep keeps (about 1 MB each over ten weekly years): a larger sweep
// writes no timeseries.csv.
const maxSeriesPairs = 64

// Series reports whether a sweep of this many designs keeps per-tick
// statistics for each point.
func (s *Sweep) Series(designs int) bool { return len(s.Points)*designs <= maxSeriesPairs }

// identity is what must match for two folders to hold one sweep.
func (s *Sweep) identity() string {
	b, _ := json.Marshal(s)
	h := sha256.Sum256(b)
	return " sweep=" + hex.EncodeToString(h[:8])
}

// PointSummary is one design point of a finished sweep: its lever values,
// the mean and 95% CI of each headline metric per design, and with two or
// more designs the paired difference of each later design from the first.
type PointSummary struct {
	Point     int
	Levers    []float64
	Runs      int
	Estimates [][]analysis.Estimate // [design][metric]
	Diffs     [][]analysis.Estimate // [design−1][metric]: design minus the first
}

// sweepFinals reads a sweep's summary into finals[point][design][metric]
// [replicate] for the headline metrics.
func sweepFinals(dir string, m *Manifest) ([][][][]float64, error) {
	f, err := os.Open(filepath.Join(dir, summaryFile))
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	defer f.Close()
	P, S := len(m.Sweep.Points), len(m.Scenarios)
	finals := make([][][][]float64, P)
	for p := range finals {
		finals[p] = make([][][]float64, S)
		for s := range finals[p] {
			finals[p][s] = make([][]float64, len(Metrics))
			for c := range Metrics {
				finals[p][s][c] = make([]float64, 0, m.Runs)
			}
		}
	}
	row := 0
	err = ReadSummary(f, func(r Record) error {
		if r.Point < 0 || r.Point >= P {
			return fmt.Errorf("results: summary row %d: point %d of %d", row+2, r.Point, P)
		}
		s := row % S
		for c := range Metrics {
			finals[r.Point][s][c] = append(finals[r.Point][s][c], r.Values[c])
		}
		row++
		return nil
	})
	return finals, err
}

// ReadPoints reads the per-point estimates of a finished sweep.
func ReadPoints(dir string, m *Manifest) ([]PointSummary, error) {
	if m.Sweep == nil {
		return nil, fmt.Errorf("results: %s holds no sweep", dir)
	}
	finals, err := sweepFinals(dir, m)
	if err != nil {
		return nil, err
	}
	return summarizePoints(m, finals), nil
}

// summarizePoints gives each point's estimates and differences.
func summarizePoints(m *Manifest, finals [][][][]float64) []PointSummary {
	out := make([]PointSummary, len(finals))
	for p, fp := range finals {
		ps := PointSummary{Point: p, Levers: m.Sweep.Points[p], Runs: len(fp[0][0])}
		for s := range fp {
			var est []analysis.Estimate
			for c := range Metrics {
				est = append(est, analysis.MeanCI(fp[s][c], 0.95))
			}
			ps.Estimates = append(ps.Estimates, est)
			if s > 0 {
				var diffs []analysis.Estimate
				for c := range Metrics {
					diffs = append(diffs, analysis.Paired(fp[s][c], fp[0][c], 0.95).Diff)
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
func pointsHeader(m *Manifest) []string {
	h := append([]string{"point"}, m.Sweep.Levers...)
	h = append(h, "runs")
	S := len(m.Scenarios)
	add := func(prefix string) {
		for _, metric := range Metrics {
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
func writePoints(dir string, m *Manifest, pts []PointSummary) error {
	return writeAtomic(filepath.Join(dir, "points.csv"), func(w io.Writer) error {
		head := pointsHeader(m)
		for i := range head {
			head[i] = csvField(head[i])
		}
		if _, err := io.WriteString(w, strings.Join(head, ",")+"\n"); err != nil {
			return err
		}
		b := make([]byte, 0, 1024)
		for _, ps := range pts {
			b = fmt.Appendf(b[:0], "%d", ps.Point)
			for _, x := range ps.Levers {
				b = append(append(b, ','), formatValue(x)...)
			}
			b = fmt.Appendf(b, ",%d", ps.Runs)
			for _, ests := range append(append([][]analysis.Estimate(nil), ps.Estimates...), ps.Diffs...) {
				for _, e := range ests {
					for _, x := range []float64{e.Mean, e.Lo, e.Hi} {
						b = append(append(b, ','), formatValue(x)...)
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
func sweepComparisons(m *Manifest, finals [][][][]float64) []Comparison {
	var out []Comparison
	for p, fp := range finals {
		for s := 1; s < len(fp); s++ {
			for c, metric := range Metrics {
				cmp := pairStats(metric, m.Scenarios[0].Name, m.Scenarios[s].Name, fp[0][c], fp[s][c])
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
func finishSweep(dir string, m *Manifest, accs []*Accumulator) ([]string, error) {
	var files []string
	if accs != nil {
		names := make([]string, len(accs))
		points := make([]int, len(accs))
		for i := range accs {
			names[i] = m.Scenarios[i%len(m.Scenarios)].Name
			points[i] = i / len(m.Scenarios)
		}
		if err := writeTimeseries(dir, names, points, accs); err != nil {
			return nil, err
		}
		files = append(files, "timeseries.csv")
	}
	finals, err := sweepFinals(dir, m)
	if err != nil {
		return nil, err
	}
	pts := summarizePoints(m, finals)
	if err := writePoints(dir, m, pts); err != nil {
		return nil, err
	}
	files = append(files, "points.csv")
	var comps []Comparison
	if len(m.Scenarios) > 1 {
		comps = sweepComparisons(m, finals)
		if err := writeComparison(dir, comps); err != nil {
			return nil, err
		}
		files = append(files, "comparison.csv", "comparison.json")
	}
	analysisFiles, sections, err := analyseSweep(dir, m, pts, finals)
	if err != nil {
		return nil, err
	}
	files = append(files, analysisFiles...)
	if err := ensurePlots(dir); err != nil {
		return nil, err
	}
	plots, err := writeSweepPlots(dir, m, pts, accs)
	if err != nil {
		return nil, err
	}
	files = append(files, plots...)
	if err := writeSweepReport(dir, m, pts, sections, plots); err != nil {
		return nil, err
	}
	return append(files, "report.html"), nil
}

// headline is the value a sweep's plots and discovery look at first: the
// outcome rate of the only design, or its difference between the second
// design and the first.
func (ps *PointSummary) headline(metric int) analysis.Estimate {
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
func headlineLabel(m *Manifest, metric string) string {
	if len(m.Scenarios) > 1 {
		return fmt.Sprintf("%s: %s − %s", title(metric), m.Scenarios[1].Name, m.Scenarios[0].Name)
	}
	return title(metric)
}

// ensurePlots makes the plots folder.
func ensurePlots(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "plots"), 0o755); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return nil
}

// finite reports whether x is a number (not NaN or infinite).
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
