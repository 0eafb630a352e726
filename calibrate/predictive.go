package calibrate

import (
	"context"
	"math/rand/v2"

	"github.com/cisim/cisim/analysis"
	"github.com/cisim/cisim/analysis/abc"
	"github.com/cisim/cisim/results"
)

// MetWithin is how close a statistic must come to a target to count as
// meeting it in the predictive check: inside the figure, or within a
// quarter of the target's scale (the prior's spread of the statistic).
const MetWithin = 0.25

// Check is one target's posterior predictive check.
type Check struct {
	Target        int
	P05, P50, P95 float64 // of the statistic over the predictive draws
	Met           float64 // share of draws that meet the target
	Pass          bool    // the figure lies within, or overlaps, the predictive 90% interval
}

// predictive draws the predictive check's particles from the posterior
// (systematic resampling from one uniform of the seed's own stream) and
// simulates each with new random numbers, resuming from its log. It
// returns each draw's statistics, stats[draw][target].
func (s *Setup) predictive(ctx context.Context, o Options, pop abc.Population) ([][]float64, error) {
	p := *s
	p.Datasets = 1
	w := make([]float64, len(pop.Particles))
	for i, pt := range pop.Particles {
		w[i] = pt.Weight
	}
	picks := systematic(w, s.Predictive, rand.New(rand.NewChaCha8(s.simKey(-1, -1))).Float64())
	points := make([][]float64, s.Predictive)
	for k, i := range picks {
		points[k] = pop.Particles[i].Z
	}
	done, err := readLogs(o.Out, -1, s.Predictive, len(s.Targets), 1)
	if err != nil {
		return nil, err
	}
	var todo []int
	for k := range points {
		if _, ok := done[k]; !ok {
			todo = append(todo, k)
		}
	}
	o.Shards = 0
	if len(todo) > 0 {
		if err := p.simulateAll(ctx, o, -1, pop.Tolerance, points, todo, done); err != nil {
			return nil, err
		}
	}
	out := make([][]float64, s.Predictive)
	for k := range out {
		out[k] = done[k][0]
	}
	return out, nil
}

// systematic picks n indices with probability proportional to w from one
// uniform u in [0, 1).
func systematic(w []float64, n int, u float64) []int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	out := make([]int, 0, n)
	cum, i := w[0]/total, 0
	for k := range n {
		at := (float64(k) + u) / float64(n)
		for cum < at && i < len(w)-1 {
			i++
			cum += w[i] / total
		}
		out = append(out, i)
	}
	return out
}

// checks judges each target against the predictive draws.
func (s *Setup) checks(stats [][]float64, scales []float64) []Check {
	out := make([]Check, len(s.Targets))
	col := make([]float64, len(stats))
	for k := range s.Targets {
		met := 0
		for d, st := range stats {
			col[d] = st[k]
			if s.met(k, st[k], scales) {
				met++
			}
		}
		q := analysis.QuantilesType7(col, []float64{0.05, 0.5, 0.95}, nil)
		t := &s.Targets[k]
		out[k] = Check{Target: k, P05: q[0], P50: q[1], P95: q[2], Met: float64(met) / float64(len(stats)),
			Pass: t.Lo <= q[2] && t.Hi >= q[0]}
	}
	return out
}

func (s *Setup) met(k int, x float64, scales []float64) bool {
	return s.Targets[k].Miss(x) <= MetWithin*scales[k]
}

var predictiveColumns = results.Header(PredictiveFile)

func (s *Setup) writePredictive(dir string, cs []Check) error {
	var rows [][]string
	for _, c := range cs {
		t := &s.Targets[c.Target]
		row := []string{t.Name, t.Kind.String(), results.FormatBoolean(b2f(s.Fitted[c.Target])), t.Statistic.String(), t.Design, t.Versus}
		row = append(row, results.FormatValues(t.Lo, t.Hi, c.P05, c.P50, c.P95, c.Met)...)
		rows = append(rows, append(row, results.FormatBoolean(b2f(c.Pass))))
	}
	return results.WriteTable(dir, PredictiveFile, predictiveColumns, rows)
}

// Joint is how often the predictive draws meet two targets together.
type Joint struct {
	A, B             int
	MetA, MetB, Both float64
}

// Apart says the model meets each target in some draws but never both.
func (j Joint) Apart() bool { return j.MetA > 0 && j.MetB > 0 && j.Both == 0 }

func (s *Setup) joints(stats [][]float64, scales []float64) []Joint {
	var out []Joint
	n := float64(len(stats))
	for a := range s.Targets {
		for b := a + 1; b < len(s.Targets); b++ {
			var j Joint
			j.A, j.B = a, b
			for _, st := range stats {
				ma, mb := s.met(a, st[a], scales), s.met(b, st[b], scales)
				j.MetA += b2f(ma) / n
				j.MetB += b2f(mb) / n
				j.Both += b2f(ma && mb) / n
			}
			out = append(out, j)
		}
	}
	return out
}

var jointColumns = results.Header(JointFile)

func (s *Setup) writeJoint(dir string, js []Joint) error {
	var rows [][]string
	for _, j := range js {
		row := []string{s.Targets[j.A].Name, s.Targets[j.B].Name}
		row = append(row, results.FormatValues(j.MetA, j.MetB, j.Both)...)
		rows = append(rows, append(row, results.FormatBoolean(b2f(j.Apart()))))
	}
	return results.WriteTable(dir, JointFile, jointColumns, rows)
}
