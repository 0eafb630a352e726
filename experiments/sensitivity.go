package experiments

import (
	"fmt"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/analysis/sensitivity"
	"github.com/cisim/cisim/results"
)

// bootstrapResamples is the number of resamples behind the intervals of
// sensitivity indices.
const bootstrapResamples = 1000

// sensitivityOutputs are the values a sensitivity analysis explains, one
// per point in design order: the mean of the metric over the point's
// replicates, or of its paired difference between the second design and
// the first.
func sensitivityOutputs(m *results.Manifest, pts []PointSummary) ([]float64, error) {
	c, ok := results.Metric(m.Sweep.Metric)
	if !ok {
		return nil, fmt.Errorf("experiments: unknown metric %q to explain", m.Sweep.Metric)
	}
	y := make([]float64, len(pts))
	for i := range pts {
		y[i] = pts[i].headline(c).Mean
		if !finite(y[i]) {
			return nil, fmt.Errorf("experiments: %s is undefined at point %d; choose a metric defined in every run (e.g. outcome_rate)", m.Sweep.Metric, i)
		}
	}
	return y, nil
}

// SensitivityRow is one index of one lever: S1 or ST (Sobol), mu,
// mu_star or sigma (Morris), with its 95% CI where it has one.
type SensitivityRow struct {
	Lever string      `json:"lever"`
	Index string      `json:"index"`
	Value results.Num `json:"value"`
	Lo    results.Num `json:"ci95_lo"`
	Hi    results.Num `json:"ci95_hi"`
}

// Estimate is the row as an estimate with its interval.
func (r SensitivityRow) Estimate() analysis.Estimate {
	return analysis.Estimate{Mean: float64(r.Value), Lo: float64(r.Lo), Hi: float64(r.Hi)}
}

func indexRow(lever, index string, x sensitivity.Index) SensitivityRow {
	return SensitivityRow{lever, index, results.Num(x.Value), results.Num(x.Lo), results.Num(x.Hi)}
}

// sensitivityColumns are the columns of sensitivity.csv.
var sensitivityColumns = []string{"method", "metric", "lever", "index", "value", "ci95_lo", "ci95_hi"}

// ReadSensitivity reads the indices of a finished sensitivity analysis.
func ReadSensitivity(dir string) ([]SensitivityRow, error) {
	var rows []SensitivityRow
	err := results.ReadTable(dir, "sensitivity.csv", sensitivityColumns, func(r *results.Row) {
		rows = append(rows, SensitivityRow{Lever: r.Field("lever"), Index: r.Field("index"),
			Value: r.Num("value"), Lo: r.Num("ci95_lo"), Hi: r.Num("ci95_hi")})
	})
	return rows, err
}

// analyseSensitivity computes Sobol or Morris indices of a sensitivity
// sweep, writes sensitivity.csv and its plots, and says what they show.
func analyseSensitivity(dir string, m *results.Manifest, pts []PointSummary) ([]string, []results.Section, error) {
	y, err := sensitivityOutputs(m, pts)
	if err != nil {
		return nil, nil, err
	}
	var rows []SensitivityRow
	var set results.PlotSet
	var text string
	switch m.Sweep.Method {
	case "sobol":
		rows, text, err = sobolAnalysis(m, y, &set)
	case "morris":
		rows, text, err = morrisAnalysis(m, y, &set)
	}
	if err != nil {
		return nil, nil, err
	}
	var table [][]string
	for _, r := range rows {
		table = append(table, append([]string{m.Sweep.Method, m.Sweep.Metric, r.Lever, r.Index},
			results.FormatValues(float64(r.Value), float64(r.Lo), float64(r.Hi))...))
	}
	if err = results.WriteTable(dir, "sensitivity.csv", sensitivityColumns, table); err != nil {
		return nil, nil, err
	}
	if err = writeProblem(dir, m.Sweep); err != nil {
		return nil, nil, err
	}
	plots, svgs, err := set.RenderInline(dir)
	if err != nil {
		return nil, nil, err
	}
	var b strings.Builder
	unit, metric := IndexUnit(m)
	fmt.Fprintf(&b, "<p>%s</p>\n<table><tr><th>lever</th><th>index</th><th>value%s [95%% CI]</th></tr>\n", template.HTMLEscapeString(text), unit)
	for _, r := range rows {
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", template.HTMLEscapeString(r.Lever), r.Index,
			template.HTMLEscapeString(withCIIn(metric, float64(r.Value), float64(r.Lo), float64(r.Hi))))
	}
	b.WriteString("</table>\n")
	writeFigures(&b, svgs)
	title := "Sensitivity of " + inSentence(headlineLabel(m, m.Sweep.Metric))
	return append([]string{"sensitivity.csv", "problem.json"}, plots...), []results.Section{{Title: title, Body: template.HTML(b.String())}}, nil
}

// writeFigures adds the inlined plots of a report section.
func writeFigures(b *strings.Builder, svgs []template.HTML) {
	for _, s := range svgs {
		b.WriteString("<figure>" + string(s) + "</figure>\n")
	}
}

// sobolAnalysis computes the Sobol indices of the outputs y of a Saltelli
// design, adds their plots to set, and says in words what they show.
func sobolAnalysis(m *results.Manifest, y []float64, set *results.PlotSet) ([]SensitivityRow, string, error) {
	n, k := m.Sweep.Base, len(m.Sweep.Levers)
	if len(y) != n*(k+2) {
		return nil, "", fmt.Errorf("experiments: %d points for a Saltelli design of %d base samples and %d levers", len(y), n, k)
	}
	// Centred outputs: the estimators are unchanged in expectation, and
	// S1's products f(B)·(f(A_B) − f(A)) lose the variance a large mean
	// (an outcome rate near 0.7 that varies by a few points) gives them.
	mean := stat.Mean(y, nil)
	for i := range y {
		y[i] -= mean
	}
	idx := sensitivity.SobolIndices(y, n, k, bootstrapResamples, 0.95, DesignRand(m.Seed, "bootstrap sobol"))
	var rows []SensitivityRow
	for i, l := range m.Sweep.Levers {
		rows = append(rows, indexRow(l, "S1", idx[i].S1), indexRow(l, "ST", idx[i].ST))
	}
	variance := barAxis{"share of the variance it accounts for (0–1)", 1, "bootstrap"}
	set.Add(indexBars(m, rows, "ST", "Total Sobol index", variance), "sensitivity_sobol_total")
	set.Add(indexBars(m, rows, "S1", "First-order Sobol index", variance), "sensitivity_sobol_first")
	return rows, sobolText(m, idx), nil
}

// morrisAnalysis computes the Morris indices of the outputs y of a Morris
// design, adds their plot to set, and says in words what they show.
func morrisAnalysis(m *results.Manifest, y []float64, set *results.PlotSet) ([]SensitivityRow, string, error) {
	d := MorrisDesign(m.Seed, m.Sweep.Base, len(m.Sweep.Levers), m.Sweep.Levels)
	if len(d.Rows) != len(y) {
		return nil, "", fmt.Errorf("experiments: %d points for a Morris design of %d rows", len(y), len(d.Rows))
	}
	// Effects per full range of what the levers actually did: a switch
	// or a whole-number lever moves by its rounded step, not by Δ.
	unit, err := unitPoints(m.Sweep)
	if err != nil {
		return nil, "", err
	}
	d.Rows = unit
	idx := sensitivity.MorrisIndices(y, d, bootstrapResamples, 0.95, DesignRand(m.Seed, "bootstrap morris"))
	noCI := func(x float64) sensitivity.Index { return sensitivity.Index{Value: x, Lo: math.NaN(), Hi: math.NaN()} }
	var rows []SensitivityRow
	for i, l := range m.Sweep.Levers {
		rows = append(rows, indexRow(l, "mu", noCI(idx[i].Mu)), indexRow(l, "mu_star", idx[i].MuStar), indexRow(l, "sigma", noCI(idx[i].Sigma)))
	}
	set.Add(indexBars(m, rows, "mu_star", "Morris μ*",
		effectAxis(m, "mean absolute effect of the lever's full range", "bootstrap")), "sensitivity_morris")
	return rows, morrisText(m, idx), nil
}

// unitPoints maps each lever's values at the points onto [0, 1] by its
// range, as the sweep recorded it (KEY=LO:HI).
func unitPoints(sw *results.Sweep) ([][]float64, error) {
	lo, hi, err := sweepRanges(sw)
	if err != nil {
		return nil, err
	}
	out := make([][]float64, len(sw.Points))
	for i, p := range sw.Points {
		out[i] = make([]float64, len(lo))
		for j := range lo {
			if hi[j] > lo[j] {
				out[i][j] = (p[j] - lo[j]) / (hi[j] - lo[j])
			}
		}
	}
	return out, nil
}

// sweepRanges reads each lever's range as the sweep recorded it
// (KEY=LO:HI).
func sweepRanges(sw *results.Sweep) (lo, hi []float64, err error) {
	k := len(sw.Levers)
	if len(sw.Vary) != k {
		return nil, nil, fmt.Errorf("experiments: %d ranges for %d levers", len(sw.Vary), k)
	}
	lo, hi = make([]float64, k), make([]float64, k)
	for j, spec := range sw.Vary {
		_, r, _ := strings.Cut(spec, "=")
		parts := strings.Split(r, ":")
		if len(parts) < 2 {
			return nil, nil, fmt.Errorf("experiments: range %q has no LO:HI", spec)
		}
		var err1, err2 error
		lo[j], err1 = strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
		hi[j], err2 = strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
		if err1 != nil || err2 != nil {
			return nil, nil, fmt.Errorf("experiments: range %q is not LO:HI", spec)
		}
	}
	return lo, hi, nil
}

// withCI prints a value with its interval when it has one.
func withCI(v, lo, hi float64) string { return withCIIn("", v, lo, hi) }

// withCIIn prints a value of a metric (or of a difference of it) with its
// interval when it has one, in the metric's display unit (0.0063 of an
// outcome rate reads 0.63), which the table's label names.
func withCIIn(metric string, v, lo, hi float64) string {
	in := func(x float64) string { return results.FormatIn(metric, x) }
	if !finite(lo) {
		return in(v)
	}
	return fmt.Sprintf("%s [%s, %s]", in(v), in(lo), in(hi))
}

// IndexUnit is the unit of a sensitivity analysis's values, for a table's
// label, and the metric whose display unit they take: Sobol indices are
// shares of the variance, on 0–1 (metric ""); Morris's μ, μ* and σ are
// changes of the metric, in the unit of its differences (" (pp)" for a
// share, as the plots show them).
func IndexUnit(m *results.Manifest) (label, metric string) {
	if m.Sweep.Method == "sobol" {
		return " (0–1)", ""
	}
	return results.UnitSuffix(m.Sweep.Metric, true), m.Sweep.Metric
}

// barAxis is what an index plot's bars measure: the axis label, the
// scale from stored to displayed values, and where the CIs come from.
type barAxis struct {
	label string
	k     float64
	ci    string
}

// effectAxis is the axis of an effect on the sweep's metric (or on the
// difference of its designs), what it is, in the metric's display unit.
func effectAxis(m *results.Manifest, what, ci string) barAxis {
	return barAxis{what + results.UnitSuffix(m.Sweep.Metric, true), results.Scale(m.Sweep.Metric), ci}
}

// indexBars draws one index of every lever as horizontal bars with their
// 95% CIs, levers ordered by it, largest on top.
func indexBars(m *results.Manifest, rows []SensitivityRow, index, heading string, axis barAxis) results.Drawer {
	var bars []results.Bar
	for _, r := range rows {
		if r.Index == index {
			bars = append(bars, results.Bar{Label: r.Lever, Value: float64(r.Value) * axis.k,
				Lo: float64(r.Lo) * axis.k, Hi: float64(r.Hi) * axis.k})
		}
	}
	sort.SliceStable(bars, func(i, j int) bool { return bars[i].Value < bars[j].Value })
	f, err := results.IndexBars(m, heading+" for "+inSentence(headlineLabel(m, m.Sweep.Metric)), axis.label, bars, axis.ci)
	if err != nil {
		return results.NewFigure(m, heading, axis.label, "") // an empty plot, as before
	}
	return f
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
func sobolText(m *results.Manifest, idx []sensitivity.SobolIndex) string {
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
			results.FormatNumber(sumS1), math.Max(0, 100*(1-sumS1)))
	}
	fmt.Fprintf(&b, " (%d base samples, %d points, %d replicate(s) each; intervals from %d bootstrap resamples of the base samples, which treat the quasi-random points as independent and so err on the wide side.)",
		m.Sweep.Base, len(m.Sweep.Points), m.Runs, bootstrapResamples)
	return b.String()
}

// morrisText says in words what Morris indices show.
func morrisText(m *results.Manifest, idx []sensitivity.MorrisIndex) string {
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
		m.Sweep.Base, m.Sweep.Levels, morrisCandidates(m.Sweep.Base), m.Runs)
	return b.String()
}
