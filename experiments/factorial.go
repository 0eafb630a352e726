package experiments

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/results"
)

// Effect is a main effect or a two-way interaction of a two-level
// factorial: for a main effect, the mean change in the metric when the
// factor is switched on, averaged over every setting of the others; for
// an interaction of A and B, how much larger A's effect is with B on than
// with B off. The CI and p-value (paired t test against zero) are over
// replicates: replicate r shares its random streams at every design, so
// each replicate gives one paired contrast.
type Effect struct {
	Kind    string      `json:"kind"` // main or interaction
	Factors []string    `json:"factors"`
	N       int         `json:"replicates"`
	Mean    results.Num `json:"estimate"`
	Lo      results.Num `json:"ci95_lo"`
	Hi      results.Num `json:"ci95_hi"`
	P       results.Num `json:"p"`
}

// effectColumns are the columns of effects.csv.
var effectColumns = []string{"kind", "factors", "metric", "replicates", "estimate", "ci95_lo", "ci95_hi", "p"}

// factorialEffects computes every main effect and two-way interaction of
// a two-level factorial sweep (levers 0/1) on metric c.
func factorialEffects(m *results.Manifest, finals finalValues, c results.Col) []Effect {
	k := len(m.Sweep.Levers)
	R := len(finals[0][0][c])
	y := func(p, r int) float64 {
		if len(finals[p]) > 1 {
			return finals[p][1][c][r] - finals[p][0][c][r]
		}
		return finals[p][0][c][r]
	}
	on := func(p, i int) bool { return m.Sweep.Points[p][i] >= 0.5 }
	// contrast returns, per replicate, the mean of y over points in group
	// +1 minus the mean over group −1 (group 0: left out).
	contrast := func(group func(p int) int) []float64 {
		out := make([]float64, R)
		for r := range R {
			var sum [2]float64
			var n [2]int
			for p := range finals {
				switch group(p) {
				case 1:
					sum[0] += y(p, r)
					n[0]++
				case -1:
					sum[1] += y(p, r)
					n[1]++
				}
			}
			out[r] = sum[0]/float64(n[0]) - sum[1]/float64(n[1])
		}
		return out
	}
	effect := func(kind string, factors []string, e []float64) Effect {
		pr := analysis.Paired(e, make([]float64, len(e)), 0.95)
		return Effect{kind, factors, pr.N, results.Num(pr.Diff.Mean), results.Num(pr.Diff.Lo), results.Num(pr.Diff.Hi), results.Num(pr.PT)}
	}
	var out []Effect
	for i := range k {
		out = append(out, effect("main", []string{m.Sweep.Levers[i]}, contrast(func(p int) int {
			if on(p, i) {
				return 1
			}
			return -1
		})))
	}
	for i := range k {
		for j := i + 1; j < k; j++ {
			// (A on − A off | B on) − (A on − A off | B off), each a mean over
			// the other factors: the contrast with signs +,−,−,+ and each
			// cell's mean weighted equally, twice the usual half-effect.
			e := contrast(func(p int) int {
				if on(p, i) == on(p, j) {
					return 1
				}
				return -1
			})
			for r := range e {
				e[r] *= 2
			}
			out = append(out, effect("interaction", []string{m.Sweep.Levers[i], m.Sweep.Levers[j]}, e))
		}
	}
	return out
}

// analyseFactorial writes effects.csv and the effects plot, and says
// which conditions matter.
func analyseFactorial(dir string, m *results.Manifest, finals finalValues) ([]string, []results.Section, error) {
	c, ok := results.Metric(m.Sweep.Metric)
	if !ok {
		return nil, nil, fmt.Errorf("experiments: unknown metric %q", m.Sweep.Metric)
	}
	effects := factorialEffects(m, finals, c)
	var table [][]string
	for _, e := range effects {
		table = append(table, append([]string{e.Kind, strings.Join(e.Factors, "×"), m.Sweep.Metric, fmt.Sprint(e.N)},
			results.FormatValues(float64(e.Mean), float64(e.Lo), float64(e.Hi), float64(e.P))...))
	}
	if err := results.WriteTable(dir, "effects.csv", effectColumns, table); err != nil {
		return nil, nil, err
	}
	main, inter := strongest(effects, "main", len(effects)), strongest(effects, "interaction", 6)
	var rows []SensitivityRow
	for _, e := range append(slices.Clone(main), inter...) {
		rows = append(rows, SensitivityRow{Lever: strings.Join(e.Factors, " × "), Index: e.Kind, Value: e.Mean, Lo: e.Lo, Hi: e.Hi})
	}
	var set results.PlotSet
	set.Add(indexBars(m, rows, "main", "Main effects", effectAxis(m, "effect of switching the condition on", "over replicates")), "effects_main")
	set.Add(indexBars(m, rows, "interaction", "Strongest interactions", effectAxis(m, "interaction effect", "over replicates")), "effects_interactions")
	plots, svgs, err := set.RenderInline(dir)
	if err != nil {
		return nil, nil, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<p>%s</p>\n", template.HTMLEscapeString(factorialText(m, main, inter)))
	metric := m.Sweep.Metric // an effect is a difference of it: in pp for a share
	fmt.Fprintf(&b, "<table><tr><th>effect</th><th>conditions</th><th>estimate%s [95%% CI]</th><th>p</th></tr>\n", results.UnitSuffix(metric, true))
	for _, e := range append(slices.Clone(main), inter...) {
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", e.Kind, template.HTMLEscapeString(strings.Join(e.Factors, " × ")),
			withCIIn(metric, float64(e.Mean), float64(e.Lo), float64(e.Hi)), pText(float64(e.P)))
	}
	b.WriteString("</table>\n<p class=\"small\">Every interaction is in effects.csv.</p>\n")
	writeFigures(&b, svgs)
	title := "Which conditions matter: " + inSentence(headlineLabel(m, m.Sweep.Metric))
	return append([]string{"effects.csv"}, plots...), []results.Section{{Title: title, Body: template.HTML(b.String())}}, nil
}

// strongest returns up to n effects of a kind, largest in size first.
func strongest(effects []Effect, kind string, n int) []Effect {
	var out []Effect
	for _, e := range effects {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return math.Abs(float64(out[i].Mean)) > math.Abs(float64(out[j].Mean)) })
	return out[:min(n, len(out))]
}

// pText prints a p-value.
func pText(p float64) string {
	switch {
	case math.IsNaN(p):
		return "–"
	case p < 0.0001:
		return "< 0.0001"
	}
	return fmt.Sprintf("%.4f", p)
}

// factorialText says which conditions matter and how they interact.
func factorialText(m *results.Manifest, main, inter []Effect) string {
	var b strings.Builder
	what := inSentence(headlineLabel(m, m.Sweep.Metric))
	show := func(e Effect) string {
		s := inWords(m.Sweep.Metric, float64(e.Mean), float64(e.Lo), float64(e.Hi))
		if e.Mean > 0 {
			s = "+" + s
		}
		return s
	}
	var none []string
	for _, e := range main {
		if !(float64(e.Lo) > 0 || float64(e.Hi) < 0) {
			none = append(none, e.Factors[0])
		}
	}
	top := main[0]
	fmt.Fprintf(&b, "Averaged over every setting of the other conditions, switching on %s changes %s the most: %s.", top.Factors[0], what, show(top))
	if len(main) > 1 {
		fmt.Fprintf(&b, " Next come %s: %s", main[1].Factors[0], show(main[1]))
		if len(main) > 2 {
			fmt.Fprintf(&b, ", and %s: %s", main[2].Factors[0], show(main[2]))
		}
		b.WriteString(".")
	}
	if len(none) > 0 {
		fmt.Fprintf(&b, " The effect of %s is not distinguishable from zero at this number of replicates.", strings.Join(none, ", "))
	}
	if len(inter) > 0 {
		e := inter[0]
		if float64(e.Lo) > 0 || float64(e.Hi) < 0 {
			dir := "larger"
			if e.Mean < 0 {
				dir = "smaller"
			}
			fmt.Fprintf(&b, " The strongest interaction: the effect of %s is %s %s with %s on than off, so these conditions work %s.",
				e.Factors[0], inWords(m.Sweep.Metric, math.Abs(float64(e.Mean)), float64(e.Lo), float64(e.Hi)), dir, e.Factors[1],
				map[bool]string{true: "together, each helping the other", false: "against each other, or one stands in for the other"}[e.Mean > 0])
		} else {
			b.WriteString(" No two-way interaction is distinguishable from zero: the conditions add up.")
		}
	}
	fmt.Fprintf(&b, " (%d designs, %d replicates each; effects are differences of means over designs, paired by replicate.)", len(m.Sweep.Points), m.Runs)
	return b.String()
}

// Estimate is the effect as an estimate with its interval.
func (e Effect) Estimate() analysis.Estimate {
	return analysis.Estimate{Mean: float64(e.Mean), Lo: float64(e.Lo), Hi: float64(e.Hi), N: e.N}
}

// ReadEffects reads the effects of a finished factorial, main effects
// first, then interactions from the strongest.
func ReadEffects(dir string) ([]Effect, error) {
	var out []Effect
	err := results.ReadTable(dir, "effects.csv", effectColumns, func(r *results.Row) {
		out = append(out, Effect{Kind: r.Field("kind"), Factors: strings.Split(r.Field("factors"), "×"), N: int(r.Num("replicates")),
			Mean: r.Num("estimate"), Lo: r.Num("ci95_lo"), Hi: r.Num("ci95_hi"), P: r.Num("p")})
	})
	return append(strongest(out, "main", len(out)), strongest(out, "interaction", len(out))...), err
}
