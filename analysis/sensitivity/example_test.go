package sensitivity_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/cisim/cisim/analysis/sensitivity"
)

// ishigami is the usual test function: sin x1 + 7 sin² x2 + 0.1 x3⁴ sin x1.
func ishigami(x []float64) float64 {
	return math.Sin(x[0]) + 7*math.Pow(math.Sin(x[1]), 2) + 0.1*math.Pow(x[2], 4)*math.Sin(x[0])
}

func Example() {
	// A full variance-based analysis of the Ishigami function. Analytic
	// indices: S1 = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244.
	factors := []sensitivity.Factor{
		{Name: "x1", Lo: -math.Pi, Hi: math.Pi},
		{Name: "x2", Lo: -math.Pi, Hi: math.Pi},
		{Name: "x3", Lo: -math.Pi, Hi: math.Pi},
	}
	const n = 1024 // base rows: 1024·(3+2) model runs
	rows := sensitivity.SaltelliDesign(n, factors, 0)
	y := make([]float64, len(rows))
	for i, x := range rows {
		y[i] = ishigami(x) // the model run; the CLI does these in parallel
	}
	rng := rand.New(rand.NewPCG(1, 0))
	for i, s := range sensitivity.SobolIndices(y, n, len(factors), 1000, 0.95, rng) {
		fmt.Printf("%s  S1 %5.2f [%5.2f, %5.2f]  ST %4.2f [%4.2f, %4.2f]\n", factors[i].Name,
			s.S1.Value, s.S1.Lo, s.S1.Hi, s.ST.Value, s.ST.Lo, s.ST.Hi)
	}
	// Output:
	// x1  S1  0.33 [ 0.24,  0.41]  ST 0.56 [0.47, 0.65]
	// x2  S1  0.44 [ 0.37,  0.52]  ST 0.44 [0.41, 0.49]
	// x3  S1  0.02 [-0.05,  0.09]  ST 0.24 [0.22, 0.27]
}

func ExampleMorrisDesign() {
	// Screening the Ishigami function with 20 trajectories on 4 levels:
	// 20·(3+1) runs. μ* ranks the factors; a σ as large as μ* marks effects
	// that change with the other factors (x1, x3) or change sign (x2, whose
	// μ is 0: on this grid every step of x2 changes 7 sin² x2 by ±5.25).
	factors := []sensitivity.Factor{
		{Name: "x1", Lo: -math.Pi, Hi: math.Pi},
		{Name: "x2", Lo: -math.Pi, Hi: math.Pi},
		{Name: "x3", Lo: -math.Pi, Hi: math.Pi},
	}
	rng := rand.New(rand.NewPCG(1, 0))
	m := sensitivity.MorrisDesign(20, len(factors), 4, rng)
	rows := sensitivity.Scale(m.Rows, factors)
	y := make([]float64, len(rows))
	for i, x := range rows {
		y[i] = ishigami(x)
	}
	for i, e := range sensitivity.MorrisIndices(y, m, 1000, 0.95, rng) {
		fmt.Printf("%s  μ* %5.2f [%5.2f, %5.2f]  μ %6.2f  σ %5.2f\n", factors[i].Name,
			e.MuStar.Value, e.MuStar.Lo, e.MuStar.Hi, e.Mu, e.Sigma)
	}
	// Output:
	// x1  μ*  7.08 [ 4.58,  9.58]  μ   7.08  σ  6.38
	// x2  μ*  7.87 [ 7.87,  7.88]  μ  -0.00  σ  8.08
	// x3  μ*  5.00 [ 2.50,  7.50]  μ   3.75  σ  7.14
}

func ExampleFactor_Scale() {
	// An engagement rung 0–4: each rung gets a fifth of the unit interval.
	rung := sensitivity.Factor{Name: "rung", Lo: 0, Hi: 4, Integer: true}
	for _, u := range []float64{0, 0.19, 0.2, 0.5, 0.99, 1} {
		fmt.Print(rung.Scale(u), " ")
	}
	fmt.Println()
	// Output:
	// 0 0 1 2 4 4
}

func ExampleGrid() {
	// A sweep of a budget from 10 to 20 in 3 steps against a bool lever.
	for _, row := range sensitivity.Grid(sensitivity.Levels(10, 20, 3), []float64{0, 1}) {
		fmt.Println(row)
	}
	// Output:
	// [10 0]
	// [10 1]
	// [15 0]
	// [15 1]
	// [20 0]
	// [20 1]
}

func ExampleSobolPoints() {
	for _, p := range sensitivity.SobolPoints(4, 2, 0) {
		fmt.Println(p)
	}
	// Output:
	// [0 0]
	// [0.5 0.5]
	// [0.75 0.25]
	// [0.25 0.75]
}
