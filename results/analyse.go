package results

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"html/template"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/analysis/sensitivity"
)

// DesignRand is the random source of a sampled design or of a bootstrap
// over its results: a ChaCha8 stream keyed by the master seed and the
// purpose, apart from every stream the model uses. A run, its resumption
// and a merge of its shards draw the same numbers.
func DesignRand(seed uint64, purpose string) *rand.Rand {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], seed)
	key := sha256.Sum256(append(b[:], "cisim design "+purpose...))
	return rand.New(rand.NewChaCha8(key))
}

// MorrisDesign is the design of a Morris analysis of r trajectories over
// k levers on a grid of the given levels: the r most spread of 10·r random
// candidates (at most 1,000; Campolongo et al. 2007), drawn from the seed.
// A run and the analysis of its results build it alike.
func MorrisDesign(seed uint64, r, k, levels int) *sensitivity.Morris {
	candidates := max(r, min(10*r, 1000))
	return sensitivity.MorrisDesign(candidates, k, levels, DesignRand(seed, "morris")).Spread(r)
}

// Bootstrap resamples for the intervals of sensitivity indices.
const bootstrapResamples = 1000

// analyseSweep runs the analysis a sweep's method calls for on its points
// and returns the files it wrote and its report sections.
func analyseSweep(dir string, m *Manifest, pts []PointSummary, finals [][][][]float64) ([]string, []Section, error) {
	switch m.Sweep.Method {
	case "sobol", "morris":
		return analyseSensitivity(dir, m, pts)
	case "factorial":
		return analyseFactorial(dir, m, finals)
	case "hypothesis":
		return analyseHypothesis(dir, m, pts, finals)
	}
	return nil, nil, nil
}

// sensitivityOutputs are the values a sensitivity analysis explains, one
// per point in design order: the mean of the metric over the point's
// replicates, or of its paired difference between the second design and
// the first.
func sensitivityOutputs(m *Manifest, pts []PointSummary) ([]float64, error) {
	c := slices.Index(Metrics, m.Sweep.Metric)
	if c < 0 {
		return nil, fmt.Errorf("results: unknown metric %q to explain", m.Sweep.Metric)
	}
	y := make([]float64, len(pts))
	for i := range pts {
		y[i] = pts[i].headline(c).Mean
		if !finite(y[i]) {
			return nil, fmt.Errorf("results: %s is undefined at point %d; choose a metric defined in every run (e.g. outcome_rate)", m.Sweep.Metric, i)
		}
	}
	return y, nil
}

// SensitivityRow is one index of one lever: S1 or ST (Sobol), mu,
// mu_star or sigma (Morris), with its 95% CI where it has one.
type SensitivityRow struct {
	Lever string `json:"lever"`
	Index string `json:"index"`
	Value jnum   `json:"value"`
	Lo    jnum   `json:"ci95_lo"`
	Hi    jnum   `json:"ci95_hi"`
}

// Estimate is the row as an estimate with its interval.
func (r SensitivityRow) Estimate() analysis.Estimate {
	return analysis.Estimate{Mean: float64(r.Value), Lo: float64(r.Lo), Hi: float64(r.Hi)}
}

// ReadSensitivity reads the indices of a finished sensitivity analysis.
func ReadSensitivity(dir string) ([]SensitivityRow, error) {
	var rows []SensitivityRow
	err := readTable(dir, "sensitivity.csv", 7, 4, func(f []string, v []float64) {
		rows = append(rows, SensitivityRow{Lever: f[2], Index: f[3], Value: jnum(v[0]), Lo: jnum(v[1]), Hi: jnum(v[2])})
	})
	return rows, err
}

// writeTable writes a small CSV table atomically, quoting fields where
// needed.
func writeTable(dir, name string, header []string, rows [][]string) error {
	return writeAtomic(filepath.Join(dir, name), func(w io.Writer) error {
		for _, row := range append([][]string{header}, rows...) {
			fields := make([]string, len(row))
			for i, f := range row {
				fields[i] = csvField(f)
			}
			if _, err := io.WriteString(w, strings.Join(fields, ",")+"\n"); err != nil {
				return err
			}
		}
		return nil
	})
}

// values writes numbers as table fields (NA for undefined).
func values(xs ...float64) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = formatValue(x)
	}
	return out
}

// readTable reads a CSV table that cisim wrote (no quoted commas), giving
// each row's fields and its numbers from column num on.
func readTable(dir, name string, fields, num int, row func(f []string, v []float64)) error {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	v := make([]float64, fields-num)
	for i, line := range lines[1:] {
		f := strings.Split(line, ",")
		if len(f) != fields {
			return fmt.Errorf("results: %s line %d: %d fields, want %d", name, i+2, len(f), fields)
		}
		if err := parseValues(v, f[num:]); err != nil {
			return fmt.Errorf("results: %s line %d: %w", name, i+2, err)
		}
		row(f, v)
	}
	return nil
}

// analyseSensitivity computes Sobol or Morris indices of a sensitivity
// sweep, writes sensitivity.csv and its plots, and says what they show.
func analyseSensitivity(dir string, m *Manifest, pts []PointSummary) ([]string, []Section, error) {
	y, err := sensitivityOutputs(m, pts)
	if err != nil {
		return nil, nil, err
	}
	k := len(m.Sweep.Levers)
	boot := DesignRand(m.Seed, "bootstrap "+m.Sweep.Method)
	var rows []SensitivityRow
	row := func(lever, index string, x sensitivity.Index) SensitivityRow {
		return SensitivityRow{lever, index, jnum(x.Value), jnum(x.Lo), jnum(x.Hi)}
	}
	var set plotSet
	var text string
	switch m.Sweep.Method {
	case "sobol":
		n := m.Sweep.Base
		if len(y) != n*(k+2) {
			return nil, nil, fmt.Errorf("results: %d points for a Saltelli design of %d base samples and %d levers", len(y), n, k)
		}
		// Centred outputs: the estimators are unchanged in expectation, and
		// S1's products f(B)·(f(A_B) − f(A)) lose the variance a large mean
		// (an outcome rate near 0.7 that varies by a few points) gives them.
		mean := stat.Mean(y, nil)
		for i := range y {
			y[i] -= mean
		}
		idx := sensitivity.SobolIndices(y, n, k, bootstrapResamples, 0.95, boot)
		for i, l := range m.Sweep.Levers {
			rows = append(rows,
				row(l, "S1", idx[i].S1),
				row(l, "ST", idx[i].ST))
		}
		set.add(indexBars(m, rows, "ST", "Total Sobol index"), "sensitivity_sobol_total")
		set.add(indexBars(m, rows, "S1", "First-order Sobol index"), "sensitivity_sobol_first")
		text = sobolText(m, idx)
	case "morris":
		d := MorrisDesign(m.Seed, m.Sweep.Base, k, m.Sweep.Levels)
		if len(d.Rows) != len(y) {
			return nil, nil, fmt.Errorf("results: %d points for a Morris design of %d rows", len(y), len(d.Rows))
		}
		// Effects per full range of what the levers actually did: a switch
		// or a whole-number lever moves by its rounded step, not by Δ.
		unit, err := unitPoints(m.Sweep)
		if err != nil {
			return nil, nil, err
		}
		d.Rows = unit
		idx := sensitivity.MorrisIndices(y, d, bootstrapResamples, 0.95, boot)
		for i, l := range m.Sweep.Levers {
			rows = append(rows,
				row(l, "mu", sensitivity.Index{Value: idx[i].Mu, Lo: math.NaN(), Hi: math.NaN()}),
				row(l, "mu_star", idx[i].MuStar),
				row(l, "sigma", sensitivity.Index{Value: idx[i].Sigma, Lo: math.NaN(), Hi: math.NaN()}))
		}
		set.add(indexBars(m, rows, "mu_star", "Morris μ* (per full range)"), "sensitivity_morris")
		text = morrisText(m, idx)
	}
	var table [][]string
	for _, r := range rows {
		table = append(table, append([]string{m.Sweep.Method, m.Sweep.Metric, r.Lever, r.Index},
			values(float64(r.Value), float64(r.Lo), float64(r.Hi))...))
	}
	if err := writeTable(dir, "sensitivity.csv", []string{"method", "metric", "lever", "index", "value", "ci95_lo", "ci95_hi"}, table); err != nil {
		return nil, nil, err
	}
	plots, svgs, err := set.renderInline(dir)
	if err != nil {
		return nil, nil, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<p>%s</p>\n<table><tr><th>lever</th><th>index</th><th>value [95%% CI]</th></tr>\n", template.HTMLEscapeString(text))
	for _, r := range rows {
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", template.HTMLEscapeString(r.Lever), r.Index, template.HTMLEscapeString(withCI(float64(r.Value), float64(r.Lo), float64(r.Hi))))
	}
	b.WriteString("</table>\n")
	for _, s := range svgs {
		b.WriteString("<figure>" + string(s) + "</figure>\n")
	}
	title := "Sensitivity of " + inSentence(headlineLabel(m, m.Sweep.Metric))
	return append([]string{"sensitivity.csv"}, plots...), []Section{{Title: title, Body: template.HTML(b.String())}}, nil
}

// unitPoints maps each lever's values at the points onto [0, 1] by its
// range, as --vary KEY=LO:HI gave it.
func unitPoints(sw *Sweep) ([][]float64, error) {
	k := len(sw.Levers)
	if len(sw.Vary) != k {
		return nil, fmt.Errorf("results: %d ranges for %d levers", len(sw.Vary), k)
	}
	lo, hi := make([]float64, k), make([]float64, k)
	for j, spec := range sw.Vary {
		_, r, _ := strings.Cut(spec, "=")
		parts := strings.Split(r, ":")
		if len(parts) < 2 {
			return nil, fmt.Errorf("results: range %q has no LO:HI", spec)
		}
		var err1, err2 error
		lo[j], err1 = strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
		hi[j], err2 = strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("results: range %q is not LO:HI", spec)
		}
	}
	out := make([][]float64, len(sw.Points))
	for i, p := range sw.Points {
		out[i] = make([]float64, k)
		for j := range k {
			if hi[j] > lo[j] {
				out[i][j] = (p[j] - lo[j]) / (hi[j] - lo[j])
			}
		}
	}
	return out, nil
}

// withCI prints a value with its interval when it has one.
func withCI(v, lo, hi float64) string {
	if !finite(lo) {
		return FormatNumber(v)
	}
	return fmt.Sprintf("%s [%s, %s]", FormatNumber(v), FormatNumber(lo), FormatNumber(hi))
}

// indexBars draws one index of every lever as horizontal bars with their
// 95% CIs, levers ordered by it, largest on top.
func indexBars(m *Manifest, rows []SensitivityRow, index, heading string) *plot.Plot {
	var sel []SensitivityRow
	for _, r := range rows {
		if r.Index == index {
			sel = append(sel, r)
		}
	}
	sort.SliceStable(sel, func(i, j int) bool { return sel[i].Value < sel[j].Value })
	p := plot.New()
	p.Title.Text = heading + ": " + headlineLabel(m, m.Sweep.Metric)
	var vals plotter.Values
	var levers []string
	var bars struct {
		plotter.XYs
		plotter.XErrors
	}
	for i, r := range sel {
		v := float64(r.Value)
		if !finite(v) {
			v = 0
		}
		vals = append(vals, v)
		levers = append(levers, r.Lever)
		if lo, hi := float64(r.Lo), float64(r.Hi); finite(lo) {
			bars.XYs = append(bars.XYs, plotter.XY{X: v, Y: float64(i)})
			bars.XErrors = append(bars.XErrors, struct{ Low, High float64 }{v - lo, hi - v})
		}
	}
	chart, err := plotter.NewBarChart(vals, vg.Points(18))
	if err != nil {
		return p
	}
	chart.Horizontal = true
	chart.Color = colourOf(0)
	chart.LineStyle.Width = 0
	p.Add(chart)
	if len(bars.XYs) > 0 {
		if eb, err := plotter.NewXErrorBars(bars); err == nil {
			eb.LineStyle.Width = vg.Points(1)
			p.Add(eb)
		}
	}
	p.NominalY(levers...)
	p.X.Label.Text = "95% CI from the bootstrap"
	return p
}

// ranked lists levers by a value, largest first.
func ranked(levers []string, value func(i int) float64) []int {
	order := make([]int, len(levers))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return value(order[a]) > value(order[b]) })
	return order
}

// sobolText says in words what Sobol indices show.
func sobolText(m *Manifest, idx []sensitivity.SobolIndex) string {
	levers := m.Sweep.Levers
	order := ranked(levers, func(i int) float64 { return idx[i].ST.Value })
	var b strings.Builder
	what := inSentence(headlineLabel(m, m.Sweep.Metric))
	top := order[0]
	if !finite(idx[top].ST.Value) {
		return fmt.Sprintf("%s did not vary over these ranges (or was undefined at some point): there is no variance to apportion.", inSentence(headlineLabel(m, m.Sweep.Metric)))
	}
	fmt.Fprintf(&b, "Of the variance of %s over these ranges, %s accounts for the most: total index %s (first-order %s).",
		what, levers[top], withCI(idx[top].ST.Value, idx[top].ST.Lo, idx[top].ST.Hi), withCI(idx[top].S1.Value, idx[top].S1.Lo, idx[top].S1.Hi))
	if len(order) > 1 {
		next := order[1]
		fmt.Fprintf(&b, " Next is %s (total %s).", levers[next], withCI(idx[next].ST.Value, idx[next].ST.Lo, idx[next].ST.Hi))
	}
	var small []string
	sumS1 := 0.0
	for i := range levers {
		sumS1 += idx[i].S1.Value
		if finite(idx[i].ST.Lo) && idx[i].ST.Lo <= 0.01 {
			small = append(small, levers[i])
		}
	}
	if len(small) > 0 {
		fmt.Fprintf(&b, " %s matter%s little: a total index whose interval reaches down to 0.01 or below.",
			strings.Join(small, ", "), map[bool]string{true: "s", false: ""}[len(small) == 1])
	}
	if finite(sumS1) {
		fmt.Fprintf(&b, " The first-order indices sum to %s, so about %.0f%% of the variance comes from levers acting together.",
			FormatNumber(sumS1), math.Max(0, 100*(1-sumS1)))
	}
	fmt.Fprintf(&b, " (%d base samples, %d points, %d replicate(s) each; intervals from %d bootstrap resamples of the base samples, which treat the quasi-random points as independent and so err on the wide side.)",
		m.Sweep.Base, len(m.Sweep.Points), m.Runs, bootstrapResamples)
	return b.String()
}

// morrisText says in words what Morris indices show.
func morrisText(m *Manifest, idx []sensitivity.MorrisIndex) string {
	levers := m.Sweep.Levers
	order := ranked(levers, func(i int) float64 { return idx[i].MuStar.Value })
	var b strings.Builder
	what := inSentence(headlineLabel(m, m.Sweep.Metric))
	fmt.Fprintf(&b, "Ranked by μ*, the mean absolute change in %s when a lever moves across its range:", what)
	for n, i := range order {
		sep := ","
		if n == 0 {
			sep = ""
		}
		dir := "raises it"
		if idx[i].Mu < 0 {
			dir = "lowers it"
		}
		if math.Abs(idx[i].Mu) < 0.5*idx[i].MuStar.Value {
			dir = "acts in both directions"
		}
		fmt.Fprintf(&b, "%s %s (μ* %s, %s", sep, levers[i], withCI(idx[i].MuStar.Value, idx[i].MuStar.Lo, idx[i].MuStar.Hi), dir)
		if finite(idx[i].Sigma) && idx[i].Sigma > idx[i].MuStar.Value {
			b.WriteString("; σ above μ*: its effect depends on the other levers")
		}
		b.WriteString(")")
	}
	fmt.Fprintf(&b, ". (%d trajectories on a %d-level grid, the most spread of %d candidates; %d replicate(s) at each point.)",
		m.Sweep.Base, m.Sweep.Levels, max(m.Sweep.Base, min(10*m.Sweep.Base, 1000)), m.Runs)
	return b.String()
}
