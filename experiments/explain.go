package experiments

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/results"
)

// ExplainSweep is the design of cisim explain: two designs run with the
// model's channels (agents.Channels) switched on and off together, at every
// coalition of channels that the attribution needs — all channels on, all
// off, each one off alone and, for Shapley values, every coalition
// (exact, orders < 1) or those along orders random orderings of the
// channels (antithetic pairs drawn from seed).
func ExplainSweep(channels []string, orders int, seed uint64, metric string) (*results.Sweep, error) {
	n := len(channels)
	switch {
	case n == 0:
		return nil, fmt.Errorf("experiments: no channel to explain")
	case orders < 1 && n > 12:
		return nil, fmt.Errorf("experiments: exact Shapley values of %d channels need 2^%d coalitions; sample orderings instead", n, n)
	}
	for i, c := range channels {
		switch {
		case (&agents.Channels{}).Switch(c) == nil:
			return nil, fmt.Errorf("experiments: unknown channel %q (channels: %s)", c, strings.Join(agents.ChannelNames(), ", "))
		case slices.Contains(channels[:i], c):
			return nil, fmt.Errorf("experiments: channel %q named twice", c)
		}
	}
	sw := &results.Sweep{Method: "explain", Metric: metric}
	for _, c := range channels {
		sw.Levers = append(sw.Levers, "channels."+c)
	}
	if orders >= 1 {
		sw.Orders = analysis.ShapleyOrders(n, orders, DesignRand(seed, "shapley"))
	}
	masks := analysis.ShapleyCoalitions(n, sw.Orders)
	full := uint64(1)<<n - 1
	for k := range n {
		if m := full &^ (1 << k); !slices.Contains(masks, m) {
			masks = append(masks, m)
		}
	}
	if !slices.Contains(masks, full) {
		masks = append(masks, full)
	}
	for _, m := range masks {
		pt := make([]float64, n)
		for k := range pt {
			pt[k] = float64(m >> k & 1)
		}
		sw.Points = append(sw.Points, pt)
	}
	return sw, nil
}

// Contribution is what one channel carries of the difference between two
// designs (B − A), by one method, over replicates: the mean with its 95%
// CI and the p-value of a paired t test against zero.
type Contribution struct {
	Method  string      `json:"method"` // total, residual, one_off, shapley
	Channel string      `json:"channel"`
	N       int         `json:"replicates"`
	Mean    results.Num `json:"estimate"`
	Lo      results.Num `json:"ci95_lo"`
	Hi      results.Num `json:"ci95_hi"`
	P       results.Num `json:"p"`
}

var contributionColumns = []string{"method", "channel", "metric", "replicates", "estimate", "ci95_lo", "ci95_hi", "p"}

// ExplainFile holds an explain sweep's contributions.
const ExplainFile = "explain.csv"

// contributions attributes the difference of the sweep's two designs on
// metric c to its channels, replicate by replicate: the total (every
// channel on), the residual (every channel off: what the designs differ by
// when no channel of collaboration works), each channel's one-off effect
// (total minus the difference with it alone off), and Shapley values,
// which add up to total − residual in every replicate.
func contributions(m *results.Manifest, finals finalValues, c results.Col) []Contribution {
	sw, n := m.Sweep, len(m.Sweep.Levers)
	at := map[uint64]int{}
	for p, pt := range sw.Points {
		mask := uint64(0)
		for k, x := range pt {
			if x >= 0.5 {
				mask |= 1 << k
			}
		}
		at[mask] = p
	}
	R := len(finals[0][0][c])
	delta := func(mask uint64, r int) float64 { p := at[mask]; return finals[p][1][c][r] - finals[p][0][c][r] }
	full := uint64(1)<<n - 1
	total, residual := make([]float64, R), make([]float64, R)
	oneOff, shapley := make([][]float64, n), make([][]float64, n)
	for r := range R {
		total[r], residual[r] = delta(full, r), delta(0, r)
		v := func(mask uint64) float64 { return delta(mask, r) }
		phi := analysis.ShapleySampled(sw.Orders, v)
		if sw.Orders == nil {
			phi = analysis.ShapleyExact(n, v)
		}
		for k := range n {
			oneOff[k] = append(oneOff[k], total[r]-delta(full&^(1<<k), r))
			shapley[k] = append(shapley[k], phi[k])
		}
	}
	out := []Contribution{contribution("total", "", total), contribution("residual", "", residual)}
	for k := range n {
		out = append(out, contribution("one_off", channelName(sw.Levers[k]), oneOff[k]))
	}
	for k := range n {
		out = append(out, contribution("shapley", channelName(sw.Levers[k]), shapley[k]))
	}
	return out
}

func contribution(method, channel string, xs []float64) Contribution {
	p := analysis.Paired(xs, make([]float64, len(xs)), 0.95)
	return Contribution{method, channel, p.N, results.Num(p.Diff.Mean), results.Num(p.Diff.Lo), results.Num(p.Diff.Hi), results.Num(p.PT)}
}

func channelName(lever string) string { return strings.TrimPrefix(lever, "channels.") }

// analyseExplain writes explain.csv and the contributions plots, and says
// which channels carry the difference.
func analyseExplain(dir string, m *results.Manifest, finals finalValues) ([]string, []results.Section, error) {
	c, ok := results.Metric(m.Sweep.Metric)
	if !ok {
		return nil, nil, fmt.Errorf("experiments: unknown metric %q", m.Sweep.Metric)
	}
	cs := contributions(m, finals, c)
	var table [][]string
	var rows []SensitivityRow
	for _, x := range cs {
		table = append(table, append([]string{x.Method, x.Channel, m.Sweep.Metric, fmt.Sprint(x.N)},
			results.FormatValues(float64(x.Mean), float64(x.Lo), float64(x.Hi), float64(x.P))...))
		if x.Channel != "" {
			rows = append(rows, SensitivityRow{Lever: x.Channel, Index: x.Method, Value: x.Mean, Lo: x.Lo, Hi: x.Hi})
		}
	}
	if err := results.WriteTable(dir, ExplainFile, contributionColumns, table); err != nil {
		return nil, nil, err
	}
	var set results.PlotSet
	for _, k := range []struct{ index, heading, file string }{{"shapley", "Shapley values", "explain_shapley"}, {"one_off", "One channel off", "explain_one_off"}} {
		set.Add(indexBars(m, rows, k.index, k.heading, effectAxis(m, "part of the difference it carries", "over replicates")), k.file)
	}
	plots, svgs, err := set.RenderInline(dir)
	if err != nil {
		return nil, nil, err
	}
	var b strings.Builder
	b.WriteString(string(explainBody(m, cs)))
	writeFigures(&b, svgs)
	title := "What carries the difference: " + inSentence(headlineLabel(m, m.Sweep.Metric))
	return append([]string{ExplainFile}, plots...), []results.Section{{Title: title, Body: template.HTML(b.String())}}, nil
}

// ReadContributions reads the contributions of a finished explain sweep.
func ReadContributions(dir string) ([]Contribution, error) {
	var out []Contribution
	err := results.ReadTable(dir, ExplainFile, contributionColumns, func(r *results.Row) {
		out = append(out, Contribution{Method: r.Field("method"), Channel: r.Field("channel"), N: int(r.Num("replicates")),
			Mean: r.Num("estimate"), Lo: r.Num("ci95_lo"), Hi: r.Num("ci95_hi"), P: r.Num("p")})
	})
	return out, err
}

func explainBody(m *results.Manifest, cs []Contribution) template.HTML {
	var b strings.Builder
	a, bb := m.Scenarios[0].Name, m.Scenarios[1].Name
	fmt.Fprintf(&b, "<p>%s</p>\n", template.HTMLEscapeString(ExplainText(m, cs)))
	fmt.Fprintf(&b, "<p>The difference %s − %s, %d replicates, attributed to the model's channels by switching them off in both designs on the same replicates (docs/MODEL.md §7.14). ",
		template.HTMLEscapeString(bb), template.HTMLEscapeString(a), m.Runs)
	kind := "exact Shapley values (every coalition of channels)"
	if m.Sweep.Orders != nil {
		kind = fmt.Sprintf("Shapley values estimated from %d orderings of the channels (the same for every replicate: the interval is over replicates and leaves out the sampling of orderings)", len(m.Sweep.Orders))
	}
	fmt.Fprintf(&b, "The Shapley values are %s; they add up to the total minus the residual (the difference left with %s off). A one-off effect is the total minus the difference with that channel alone off.</p>\n", kind, ChannelsOff(m))
	metric := m.Sweep.Metric // every row is a part of a difference of it: in pp for a share
	fmt.Fprintf(&b, "<table><tr><th>method</th><th>channel</th><th>estimate%s [95%% CI]</th><th>p</th></tr>\n", results.UnitSuffix(metric, true))
	for _, x := range cs {
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", x.Method, x.Channel,
			withCIIn(metric, float64(x.Mean), float64(x.Lo), float64(x.Hi)), pText(float64(x.P)))
	}
	b.WriteString("</table>\n")
	return template.HTML(b.String())
}

// ExplainText says in words which channels carry the difference, largest
// Shapley values first.
func ExplainText(m *results.Manifest, cs []Contribution) string {
	var total, residual Contribution
	var shap []Contribution
	for _, x := range cs {
		switch x.Method {
		case "total":
			total = x
		case "residual":
			residual = x
		case "shapley":
			shap = append(shap, x)
		}
	}
	slices.SortStableFunc(shap, func(a, b Contribution) int {
		return cmp.Compare(math.Abs(float64(b.Mean)), math.Abs(float64(a.Mean)))
	})
	metric := m.Sweep.Metric
	var parts []string
	for _, x := range shap[:min(3, len(shap))] {
		parts = append(parts, fmt.Sprintf("%s %s", x.Channel, signed(metric, x)))
	}
	return fmt.Sprintf("%s − %s: %s in all. With %s off the designs differ by %s: what the channels do not explain. "+
		"The channels that carry most of it: %s.", m.Scenarios[1].Name, m.Scenarios[0].Name, signed(metric, total), ChannelsOff(m), signed(metric, residual),
		strings.Join(parts, ", "))
}

// ChannelsOff names the channels an explain sweep switches off: every
// one, or those it was asked to attribute to.
func ChannelsOff(m *results.Manifest) string {
	if len(m.Sweep.Levers) == len(agents.ChannelNames()) {
		return "every channel"
	}
	var names []string
	for _, l := range m.Sweep.Levers {
		names = append(names, channelName(l))
	}
	return "the channels " + strings.Join(names, ", ")
}

func signed(metric string, x Contribution) string {
	s := inWords(metric, float64(x.Mean), float64(x.Lo), float64(x.Hi))
	if x.Mean > 0 {
		s = "+" + s
	}
	return s
}
