package calibrate

import (
	"math"
	"slices"
	"strconv"

	"github.com/cisim/cisim/analysis/abc"
	"github.com/cisim/cisim/results"
)

// The files a calibration writes beside calibration.json (their columns:
// results' codebook, docs/OUTPUTS.md).
const (
	PosteriorFile  = results.PosteriorCSV
	TolerancesFile = results.TolerancesCSV
	ParametersFile = results.ParametersCSV
	PredictiveFile = results.PredictiveCSV
	JointFile      = results.JointCSV
)

// posteriorColumns precede one column per calibrated number.
var posteriorColumns = results.Header(PosteriorFile)

// writePosterior writes every generation's particles in the parameters'
// own units: the last generation is the posterior (--posterior reads it).
func (s *Setup) writePosterior(dir string, st *State) error {
	header := slices.Clone(posteriorColumns)
	for _, p := range s.Params {
		header = append(header, p.Key)
	}
	var rows [][]string
	for _, pop := range st.Generations {
		for i, pt := range pop.Particles {
			row := []string{strconv.Itoa(pop.Generation), strconv.Itoa(i + 1)}
			row = append(row, results.FormatValues(pt.Weight, slices.Min(pt.Distances))...)
			row = append(row, strconv.Itoa(withinOf(pt.Distances, pop.Tolerance)))
			row = append(row, results.FormatValues(s.Values(pt.Z)...)...)
			rows = append(rows, row)
		}
	}
	return results.WriteTable(dir, PosteriorFile, header, rows)
}

func withinOf(d []float64, eps float64) int {
	n := 0
	for _, x := range d {
		if x < eps || math.IsInf(eps, 1) {
			n++
		}
	}
	return n
}

var toleranceColumns = results.Header(TolerancesFile)

// writeTolerances writes the tolerance schedule and how each generation went.
func writeTolerances(dir string, st *State) error {
	var rows [][]string
	for _, pop := range st.Generations {
		rows = append(rows, []string{strconv.Itoa(pop.Generation), results.FormatValue(pop.Tolerance),
			results.FormatValue(pop.ESS), results.FormatBoolean(b2f(pop.Resampled)), strconv.Itoa(pop.Proposals),
			results.FormatValue(pop.Acceptance)})
	}
	return results.WriteTable(dir, TolerancesFile, toleranceColumns, rows)
}

// Learned is one parameter's prior against its posterior.
type Learned struct {
	Param
	PriorQ, PostQ [3]float64 // 5%, 50%, 95%
	PostMean      float64
	PostSD        float64
	PriorSD       float64
	Shrinkage     float64 // 1 − posterior SD / prior SD: how much the evidence narrowed it
}

// learned summarises each parameter: the prior's quantiles are exact
// (F⁻¹ at 5, 50, 95%), its SD from the same points the latent prior
// implies, estimated on a fixed grid; the posterior's are the last
// generation's weighted ones.
func (s *Setup) learned(pop abc.Population) []Learned {
	ps := []float64{0.05, 0.5, 0.95}
	x := make([][]float64, len(pop.Particles))
	w := make([]float64, len(pop.Particles))
	for i, pt := range pop.Particles {
		x[i], w[i] = s.Values(pt.Z), pt.Weight
	}
	sum := abc.Summarize(x, w, ps)
	out := make([]Learned, len(s.Params))
	for k, p := range s.Params {
		l := Learned{Param: p, PostMean: sum.Mean[k], PostSD: sum.SD[k], PriorSD: priorSD(p)}
		for j, q := range ps {
			l.PriorQ[j] = p.Prior.Quantile(q)
			l.PostQ[j] = sum.Quantiles[k][j]
		}
		l.Shrinkage = 1 - l.PostSD/l.PriorSD
		out[k] = l
	}
	return out
}

// priorSD is a prior's standard deviation by the midpoint rule on 4,096
// quantiles (exact enough for a report: the error is below 0.1%).
func priorSD(p Param) float64 {
	const n = 4096
	var sum, sq float64
	for i := range n {
		x := p.Prior.Quantile((float64(i) + 0.5) / n)
		sum += x
		sq += x * x
	}
	m := sum / n
	return math.Sqrt(max(0, sq/n-m*m))
}

var parameterColumns = results.Header(ParametersFile)

func writeParameters(dir string, ls []Learned) error {
	var rows [][]string
	for _, l := range ls {
		row := []string{l.Key, l.Prior.String()}
		row = append(row, results.FormatValues(l.PriorQ[0], l.PriorQ[1], l.PriorQ[2], l.PriorSD, l.PostMean, l.PostSD,
			l.PostQ[0], l.PostQ[1], l.PostQ[2], l.Shrinkage)...)
		rows = append(rows, row)
	}
	return results.WriteTable(dir, ParametersFile, parameterColumns, rows)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
