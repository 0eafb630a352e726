package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/cisim/cisim/results"
)

// parseFits reads --fit's key=degree pairs (beneficiaries=1, actors=2):
// the degree of the polynomial cost model drawn for the family along
// that key.
func parseFits(pairs []string) (map[string]int, error) {
	fits := map[string]int{}
	for _, p := range pairs {
		key, deg, ok := strings.Cut(p, "=")
		d, err := strconv.Atoi(deg)
		if !ok || key == "" || err != nil || d < 0 || d > 3 {
			return nil, fmt.Errorf("--fit %q: want key=degree, a degree from 0 to 3 (beneficiaries=1)", p)
		}
		fits[key] = d
	}
	return fits, nil
}

// fitPoly is the polynomial c₀ + c₁x + … + c_deg x^deg closest to the
// points in relative terms (each residual divided by its y), so a model
// over decades fits its small points as closely as its large ones and
// its constant, the fixed cost, is not lost in the largest runs' noise.
func fitPoly(xs, ys []float64, deg int) ([]float64, error) {
	if len(xs) <= deg {
		return nil, fmt.Errorf("%d points cannot fit a polynomial of degree %d", len(xs), deg)
	}
	// x is scaled to at most 1 in size, so that the columns 1, x, x², …
	// stay comparable (x³ of a million is 10¹⁸) and the coefficients are
	// unscaled after.
	sx := 0.0
	for _, x := range xs {
		sx = max(sx, math.Abs(x))
	}
	if sx == 0 {
		sx = 1
	}
	a := mat.NewDense(len(xs), deg+1, nil)
	b := mat.NewVecDense(len(xs), nil)
	for i, x := range xs {
		if ys[i] <= 0 {
			return nil, fmt.Errorf("a relative fit needs positive values, not %v", ys[i])
		}
		for k := 0; k <= deg; k++ {
			a.Set(i, k, math.Pow(x/sx, float64(k))/ys[i])
		}
		b.SetVec(i, 1)
	}
	var qr mat.QR
	qr.Factorize(a)
	var v mat.VecDense
	if err := qr.SolveVecTo(&v, false, b); err != nil {
		return nil, err
	}
	c := v.RawVector().Data
	for k := range c {
		c[k] /= math.Pow(sx, float64(k))
	}
	return c, nil
}

// evalPoly is the polynomial c at x.
func evalPoly(c []float64, x float64) float64 {
	y := 0.0
	for k := len(c) - 1; k >= 0; k-- {
		y = y*x + c[k]
	}
	return y
}

// formula writes c as "4.2 + 0.00104·n + 4.4e-06·n²" in key's first
// letter.
func formula(c []float64, key string) string {
	v := key[:1]
	var terms []string
	for k, ck := range c {
		t := strconv.FormatFloat(ck, 'g', 3, 64)
		switch k {
		case 0:
		case 1:
			t += "·" + v
		default:
			t += "·" + v + []string{"", "", "²", "³"}[k]
		}
		terms = append(terms, t)
	}
	s := strings.ReplaceAll(strings.Join(terms, " + "), "+ -", "− ")
	if t, ok := strings.CutPrefix(s, "-"); ok {
		s = "−" + t
	}
	return s
}

// addFit draws the model of degree deg fitted to the medians as a dashed
// curve across the measured range, named by its formula in the legend;
// it returns the formula with its unit.
func addFit(fig *results.Figure, f *family, unit string, xs, mid []float64, deg int, logY bool) (string, error) {
	c, err := fitPoly(xs, mid, deg)
	if err != nil {
		return "", fmt.Errorf("%s: %v", f.name, err)
	}
	const n = 64
	grid := make([]float64, n)
	lo, hi := xs[0], xs[len(xs)-1]
	if decades([]float64{lo}, []float64{hi}) {
		floats.LogSpan(grid, lo, hi)
	} else {
		floats.Span(grid, lo, hi)
	}
	var xy plotter.XYs
	for _, x := range grid {
		if y := evalPoly(c, x); y > 0 || !logY { // a log axis cannot show the rest
			xy = append(xy, plotter.XY{X: x, Y: y})
		}
	}
	if len(xy) < 2 {
		return "", fmt.Errorf("%s: the fitted model %s is not positive over the points", f.name, formula(c, f.key))
	}
	curve, err := plotter.NewLine(xy)
	if err != nil {
		return "", err
	}
	curve.Color, curve.Dashes = results.ColourOf(1), []vg.Length{vg.Points(4), vg.Points(3)}
	fig.Plot.Add(curve)
	model := formula(c, f.key) + " " + unitOf(unit)
	fig.AddLegend("model: "+model, curve)
	return model, nil
}

// unitOf is the unit a model's value is in: "ms" of cpu-ms/run.
func unitOf(unit string) string {
	u, _, _ := strings.Cut(unit, "/")
	return strings.TrimPrefix(strings.TrimPrefix(u, "cpu-"), "peak-")
}
