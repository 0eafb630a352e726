package results

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// Every kind of figure is drawn from fixed data at the fixed size and
// fonts and compared with testdata/NAME_golden.png, in gonum/plot's manner
// (its cmpimg package, which this module does not require); after a
// deliberate change, look at the new images and rewrite them with
//
//	go test ./results -run TestFigureGolden -regen
//
// The goldens are drawn at 96 dpi, half the resolution of the figures
// cisim writes, to keep them small; the drawing does not depend on it.
// Floating point in the rasteriser may differ by architecture (fused
// multiply–add), which moves the antialiasing of an edge by a few levels:
// each channel of each pixel may differ by goldenTolerance of 255, far
// below what a moved line, a changed colour or a missing label makes.
const (
	goldenDPI       = 96
	goldenTolerance = 16
)

var regen = flag.Bool("regen", false, "rewrite testdata/*_golden.png from the figures as drawn now")

// goldenRun is the run a golden figure's footer names.
var goldenRun = &Manifest{Version: "v1.2.3", Seed: 7, Runs: 50}

func TestFigureGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		draw func() (Drawer, error)
	}{
		{"overtime_bands", func() (Drawer, error) { return OverTime(goldenRun, "outcome_rate", goldenBands()) }},
		{"overtime_whole", func() (Drawer, error) { return OverTime(goldenRun, "partners_remaining", goldenPartners()) }},
		{"overtime_phase", func() (Drawer, error) { return OverTime(goldenRun, "phase", goldenPhases()) }},
		{"finals_box", func() (Drawer, error) {
			return Finals(goldenRun, "total_cost", []string{"isolated", "collective-impact"}, goldenCosts())
		}},
		{"finals_whole", func() (Drawer, error) {
			return Finals(goldenRun, "partners_remaining", []string{"isolated", "collective-impact"}, goldenCounts())
		}},
		{"lever_difference", goldenDifference},
		{"heatmap", goldenHeatMap},
		{"index_bars", func() (Drawer, error) {
			return IndexBars(goldenRun, "Main effects for outcome rate", "effect of switching the condition on (pp)", goldenBars(), "over replicates")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := c.draw()
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := writePNG(&b, d, goldenDPI); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, c.name, b.Bytes())
		})
	}
}

// checkGolden compares a PNG with testdata/name_golden.png, or with
// -regen rewrites the golden. A mismatch leaves the new image in a
// temporary folder to look at.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", name+"_golden.png")
	if *regen {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (rewrite the goldens with -regen)", err)
	}
	if off, why := pixelsDiffer(got, want); off {
		path := filepath.Join(t.TempDir(), name+".png")
		os.WriteFile(path, got, 0o644)
		t.Errorf("%s differs from %s: %s; the new image is %s (keep it with -regen if the change is meant)", name, golden, why, path)
	}
}

// pixelsDiffer decodes two PNGs and says whether, and where, they differ
// by more than goldenTolerance in a channel of a pixel.
func pixelsDiffer(a, b []byte) (bool, string) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return true, err.Error()
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return true, "golden: " + err.Error()
	}
	if ia.Bounds() != ib.Bounds() {
		return true, "size " + ia.Bounds().String() + ", golden " + ib.Bounds().String()
	}
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !closeColour(ia, ib, x, y) {
				return true, "first at pixel " + image.Pt(x, y).String()
			}
		}
	}
	return false, ""
}

// closeColour reports whether pixel (x, y) of a and b is the same within
// goldenTolerance in every channel.
func closeColour(a, b image.Image, x, y int) bool {
	r1, g1, b1, a1 := a.At(x, y).RGBA()
	r2, g2, b2, a2 := b.At(x, y).RGBA()
	for _, d := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}, {a1, a2}} {
		if diff := int(d[0]>>8) - int(d[1]>>8); diff > goldenTolerance || diff < -goldenTolerance {
			return false
		}
	}
	return true
}

// weeks is ten years of weekly times, in years.
func weeks() []float64 {
	x := make([]float64, 520)
	for t := range x {
		x[t] = float64(t+1) / 52
	}
	return x
}

// goldenBands are two designs whose bands overlap: shares that rise to
// about 0.35 and 0.4, quantiles spread around the median.
func goldenBands() []Quantiles {
	x := weeks()
	var qs []Quantiles
	for s, top := range []float64{0.35, 0.4} {
		q := Quantiles{Name: []string{"isolated", "collective-impact"}[s], X: x}
		for _, t := range x {
			m := top * (1 - math.Exp(-t/4))
			q.P05, q.P25 = append(q.P05, m*0.55), append(q.P25, m*0.85)
			q.P50, q.P75, q.P95 = append(q.P50, m), append(q.P75, m*1.12), append(q.P95, m*1.4)
		}
		qs = append(qs, q)
	}
	return qs
}

// goldenPartners are two designs' partners, 7 at first, one losing a
// partner after 3 years and one gaining one after 6, their quartiles a
// partner either side (the histograms' interpolated quantiles, as the
// accumulator gives them, a little off the whole numbers).
func goldenPartners() []Quantiles {
	x := weeks()
	var qs []Quantiles
	for s, step := range []struct{ at, by float64 }{{3, -1}, {6, 1}} {
		q := Quantiles{Name: []string{"isolated", "collective-impact"}[s], X: x}
		for _, t := range x {
			m := 7.0
			if t >= step.at {
				m += step.by
			}
			q.P05, q.P25 = append(q.P05, m-2), append(q.P25, m-1+0.004)
			q.P50, q.P75, q.P95 = append(q.P50, m+0.003), append(q.P75, m+1-0.002), append(q.P95, m+2)
		}
		qs = append(qs, q)
	}
	return qs
}

// goldenPhases are one design that stays in initiation and one that
// reaches run after 2 years and redesign from 5 to 6.
func goldenPhases() []Quantiles {
	x := weeks()
	var qs []Quantiles
	for s, name := range []string{"isolated", "collective-impact"} {
		q := Quantiles{Name: name, X: x}
		for _, t := range x {
			m := 0.0
			if s == 1 && t >= 2 {
				m = 1
			}
			if s == 1 && t >= 5 && t < 6 {
				m = 2
			}
			q.P05, q.P25, q.P50 = append(q.P05, 0), append(q.P25, max(m-1, 0)), append(q.P50, m)
			q.P75, q.P95 = append(q.P75, m), append(q.P95, min(m+1, 3))
		}
		qs = append(qs, q)
	}
	return qs
}

// goldenCosts are two designs' total costs in SEK, 40 runs each, spread
// evenly with an outlier.
func goldenCosts() [][]float64 {
	out := make([][]float64, 2)
	for s := range out {
		for r := range 40 {
			out[s] = append(out[s], 120e6+float64(s)*8e6+float64(r)*1e6)
		}
		out[s] = append(out[s], 10e6, math.NaN())
	}
	return out
}

// goldenCounts are two designs' partners at the horizon.
func goldenCounts() [][]float64 {
	return [][]float64{{6, 6, 7, 7, 7, 7, 8, 8, 0, 5}, {7, 7, 8, 8, 8, 9, 9, 9, 9, 4}}
}

// goldenDifference is a difference along a lever with its CI and the
// zero line, as a sweep of two designs draws it.
func goldenDifference() (Drawer, error) {
	f := NewFigure(goldenRun, "Outcome rate: collective-impact − isolated", "problem.complementarity", DisplayOf("outcome_rate").DiffAxis)
	AddZeroLine(f)
	ms := Means{Name: "collective-impact − isolated", X: []float64{0, 0.25, 0.5, 0.75, 1},
		Mean: []float64{-0.015, -0.012, -0.001, 0.012, 0.017},
		Lo:   []float64{-0.027, -0.024, -0.017, -0.007, 0.003},
		Hi:   []float64{-0.001, 0.0, 0.015, 0.03, 0.031}}
	if err := AddMeans(f, ms, Scale("outcome_rate"), ColourOf(2), 1); err != nil {
		return nil, err
	}
	NoteMeans(f)
	return f, nil
}

// goldenHeatMap is a difference over a 3 × 3 grid of two levers.
func goldenHeatMap() (Drawer, error) {
	xs, ys := []float64{0, 0.5, 1}, []float64{0, 2, 4}
	z := [][]float64{{-0.106, 0.0101, 0.0003}, {-0.0759, 0.0175, 0.0049}, {-0.0281, 0.0257, math.NaN()}}
	return HeatMap(goldenRun, "Outcome rate: collective-impact − isolated", "problem.complementarity",
		"governance.backbone_staff", "outcome_rate", xs, ys, z, true)
}

// goldenBars are effects either side of zero, one without an interval.
func goldenBars() []Bar {
	return []Bar{{"continuous_communication", -0.9, -7, 5.1}, {"common_agenda", -0.6, -3.6, 2.3},
		{"shared_measurement", 0.1, math.NaN(), math.NaN()}, {"backbone_support", 1.7, -16.9, 20.2}}
}
