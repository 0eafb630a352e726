package sensitivity

import "math"

// ishigami is the Ishigami–Homma function with a = 7, b = 0.1 on
// [−π, π]³. Its indices (Saltelli et al. 2008, §4.2; SALib's test values):
// V = a²/8 + bπ⁴/5 + b²π⁸/18 + ½, V_1 = ½(1 + bπ⁴/5)², V_2 = a²/8,
// V_13 = b²π⁸(1/18 − 1/50), V_3 = 0.
func ishigami(x []float64) float64 {
	const a, b = 7, 0.1
	return math.Sin(x[0]) + a*math.Pow(math.Sin(x[1]), 2) + b*math.Pow(x[2], 4)*math.Sin(x[0])
}

func ishigamiIndices() (s1, st []float64) {
	const a, b = 7.0, 0.1
	pi4 := math.Pow(math.Pi, 4)
	v1 := 0.5 * math.Pow(1+b*pi4/5, 2)
	v2 := a * a / 8
	v13 := b * b * pi4 * pi4 * (1.0/18 - 1.0/50)
	v := v1 + v2 + v13
	return []float64{v1 / v, v2 / v, 0}, []float64{(v1 + v13) / v, v2 / v, v13 / v}
}

var ishigamiFactors = []Factor{
	{Name: "x1", Lo: -math.Pi, Hi: math.Pi},
	{Name: "x2", Lo: -math.Pi, Hi: math.Pi},
	{Name: "x3", Lo: -math.Pi, Hi: math.Pi},
}

// gFunction is Sobol's g-function ∏ (|4x_i − 2| + a_i)/(1 + a_i) on the
// unit cube: a small a_i makes x_i important.
func gFunction(a []float64) func([]float64) float64 {
	return func(x []float64) float64 {
		y := 1.0
		for i, ai := range a {
			y *= (math.Abs(4*x[i]-2) + ai) / (1 + ai)
		}
		return y
	}
}

// gIndices returns the g-function's analytic indices: with partial
// variances V_i = 1/(3(1+a_i)²), V = ∏(1+V_i) − 1, S1_i = V_i/V and
// ST_i = V_i ∏_{j≠i}(1+V_j)/V.
func gIndices(a []float64) (s1, st []float64) {
	vi := make([]float64, len(a))
	prod := 1.0
	for i, ai := range a {
		vi[i] = 1 / (3 * (1 + ai) * (1 + ai))
		prod *= 1 + vi[i]
	}
	v := prod - 1
	for i := range a {
		s1 = append(s1, vi[i]/v)
		st = append(st, vi[i]*prod/(1+vi[i])/v)
	}
	return s1, st
}

func evaluate(f func([]float64) float64, rows [][]float64) []float64 {
	y := make([]float64, len(rows))
	for i, r := range rows {
		y[i] = f(r)
	}
	return y
}
