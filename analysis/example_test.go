package analysis_test

import (
	"fmt"
	"math"

	"github.com/cisim/cisim/analysis"
)

func ExamplePaired() {
	// Extra hours of sleep of 10 patients under two drugs (R's sleep data).
	drug1 := []float64{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0}
	drug2 := []float64{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4}
	r := analysis.Paired(drug1, drug2, 0.95)
	fmt.Printf("difference %.2f, 95%% CI [%.2f, %.2f], n=%d\n", r.Diff.Mean, r.Diff.Lo, r.Diff.Hi, r.N)
	fmt.Printf("paired t %.3f, p=%.4f; Wilcoxon W+=%.0f, p=%.4f\n", r.T, r.PT, r.W, r.PWilcoxon)
	fmt.Printf("d_z %.2f, d %.2f, A12 %.3f (%s)\n", r.DZ, r.D, r.A12, analysis.A12Magnitude(r.A12))
	// Output:
	// difference -1.58, 95% CI [-2.46, -0.70], n=10
	// paired t -4.062, p=0.0028; Wilcoxon W+=0, p=0.0091
	// d_z -1.28, d -0.83, A12 0.255 (large)
}

func ExampleVarghaDelaney() {
	a := []float64{1, 2, 3}
	b := []float64{2, 2, 4}
	// a beats b in 2 of the 9 pairs and ties in 2: (2 + ½·2)/9.
	a12 := analysis.VarghaDelaney(a, b)
	fmt.Printf("A12 = %.3f, %s\n", a12, analysis.A12Magnitude(a12))
	// Output:
	// A12 = 0.333, medium
}

func ExampleQuantiles() {
	series := []float64{3, 9, 1, 7, 5, 2, 8, 4, 10, 6}
	q := analysis.Quantiles(series, []float64{0.05, 0.5, 0.95}, nil)
	fmt.Println(q)
	// Output:
	// [1 5 9.5]
}

func ExampleQuantilesType7() {
	// The same series as R's quantile(series, c(0.05, 0.5, 0.95)) and
	// numpy's np.quantile: type 7, where Quantiles is type 4.
	series := []float64{3, 9, 1, 7, 5, 2, 8, 4, 10, 6}
	q := analysis.QuantilesType7(series, []float64{0.05, 0.5, 0.95}, nil)
	fmt.Printf("%.4g\n", q)
	// Output:
	// [1.45 5.5 9.55]
}

func ExamplePIsBound() {
	// 2000 paired runs, every one better under a, by a skewed amount: the
	// t test's p-value is tiny but a float64, the Wilcoxon test's is too
	// small for one and is reported as the bound PMin. (R prints 3.923265e-252
	// and 0.)
	a, b := make([]float64, 2000), make([]float64, 2000)
	for i := range a {
		a[i] = math.Pow(float64(i+1), 3)
	}
	r := analysis.Paired(a, b, 0.95)
	for _, p := range []float64{r.PT, r.PWilcoxon} {
		if analysis.PIsBound(p) {
			fmt.Println("p < 1e-300")
		} else {
			fmt.Printf("p = %.3g\n", p)
		}
	}
	// Output:
	// p = 3.92e-252
	// p < 1e-300
}
