package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cisim/cisim/results"
)

// sample is go test -bench output as the scaling benchmarks print it,
// with -count 2 on one point and lines that are not results.
const sample = `goos: linux
goarch: amd64
pkg: github.com/cisim/cisim/sim
cpu: Intel(R) Xeon(R) Processor
BenchmarkRun/isolated         	     100	   4700000 ns/op	 6.0 ns/beneficiary-tick	 0 B/op	 0 allocs/op
BenchmarkScaleBeneficiaries/beneficiaries=1000   	 2	 5300000 ns/op	 5.3 cpu-ms/run	 0.8 MB/engine
BenchmarkScaleBeneficiaries/beneficiaries=10000  	 2	 14000000 ns/op	 14.0 cpu-ms/run
BenchmarkScaleBeneficiaries/beneficiaries=1000   	 2	 5500000 ns/op	 5.9 cpu-ms/run
BenchmarkScaleBeneficiaries/beneficiaries=1000000	 2	 1140000000 ns/op	 1140 cpu-ms/run
BenchmarkCompareWorkers/workers=1-2	1	15200000000 ns/op	15.2 s/compare
BenchmarkCompareWorkers/workers=2-2	1	7600000000 ns/op	7.6 s/compare
BenchmarkCompareDefault	1	7600000000 ns/op	7.6 s/compare
BenchmarkCompareCores	1	16000000000 ns/op	16 s/compare
BenchmarkCompareCores-2	1	8000000000 ns/op	8 s/compare
BenchmarkScaleReplicates/replicates=100-2	1	800000000 ns/op	0.8 s/compare	31.5 peak-MB
BenchmarkScaleReplicates/replicates=1000-2	1	7600000000 ns/op	7.6 s/compare	33.0 peak-MB
PASS
ok  	github.com/cisim/cisim/sim	12.3s
`

func TestParseKeepsEachPointsRuns(t *testing.T) {
	rep, err := readAll(nil, strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if rep.cpu != "Intel(R) Xeon(R) Processor" || len(rep.families) != 4 {
		t.Fatalf("cpu %q, %d families; want the Xeon and 4 (BenchmarkRun has no key=number, CompareDefault one point)", rep.cpu, len(rep.families))
	}
	if c := rep.families[2]; c.name != "BenchmarkCompareCores" || c.key != "cores" || c.points[0].x != 1 || c.points[1].x != 2 {
		t.Errorf("cores family %s along %q: %v, %v", c.name, c.key, c.points[0].x, c.points[1].x)
	}
	b := rep.families[0]
	if b.name != "BenchmarkScaleBeneficiaries" || b.key != "beneficiaries" || len(b.points) != 3 {
		t.Fatalf("first family %s along %s with %d points", b.name, b.key, len(b.points))
	}
	if got := b.points[0].metrics["cpu-ms/run"]; len(got) != 2 || got[0] != 5.3 || got[1] != 5.9 {
		t.Errorf("beneficiaries=1000 runs %v, want [5.3 5.9]", got)
	}
	if u := b.metric(timeUnits); u != "cpu-ms/run" {
		t.Errorf("metric %q, want cpu-ms/run", u)
	}
	if w := rep.families[1]; w.key != "workers" || w.points[1].x != 2 || w.metric(timeUnits) != "s/compare" {
		t.Errorf("workers family: key %q, x %v, metric %q (the -2 after the number is GOMAXPROCS)", w.key, w.points[1].x, w.metric(timeUnits))
	}
}

// The median of two runs is their mean, and the workers' figure is the
// speed-up over one worker.
func TestFigureMediansAndSpeedUp(t *testing.T) {
	rep, _ := readAll(nil, strings.NewReader(sample))
	fig, _, err := figure(rep.families[0], "cpu-ms/run", rep.cpu, -1)
	if err != nil {
		t.Fatal(err)
	}
	if !fig.FreeY {
		t.Error("1.8 to 1140 ms (three decades) should be on a log scale, y left free")
	}
	if !strings.Contains(fig.Footer, "one run a point") || !strings.Contains(fig.Footer, "Xeon") {
		t.Errorf("footer %q does not say how many runs a point and on what", fig.Footer)
	}
	if m := median([]float64{5.3, 5.9}); math.Abs(m-5.6) > 1e-15 {
		t.Errorf("median of 5.3 and 5.9 = %v, want 5.6", m)
	}
	if m := median([]float64{1, 2, 10}); m != 2 {
		t.Errorf("median of 1, 2, 10 = %v, want 2", m)
	}
	w, _, err := figure(rep.families[1], "s/compare", rep.cpu, -1)
	if err != nil {
		t.Fatal(err)
	}
	if w.Plot.Title.Text != "speed-up by workers" {
		t.Errorf("title %q", w.Plot.Title.Text)
	}
	if c, _, err := figure(rep.families[2], "s/compare", rep.cpu, -1); err != nil || c.Plot.Y.Label.Text != "speed-up over one core" {
		t.Errorf("cores figure: %v, %q", err, c.Plot.Y.Label.Text)
	}
}

// A family gets a memory figure only where every point reports memory,
// and memory is drawn as measured, not as a speed-up.
func TestMemoryFigureWhereEveryPointReportsIt(t *testing.T) {
	rep, _ := readAll(nil, strings.NewReader(sample))
	if figs, err := figures(rep.families[0]); err != nil || len(figs) != 1 {
		t.Errorf("beneficiaries (MB/engine at one point of three): %v, %v; want its time alone", figs, err)
	}
	figs, err := figures(rep.families[3])
	if err != nil || len(figs) != 2 || figs[1] != (wanted{"peak-MB", "scale_replicates_memory"}) {
		t.Fatalf("replicates: %v, %v; want time and peak-MB", figs, err)
	}
	fig, _, err := figure(rep.families[3], "peak-MB", rep.cpu, -1)
	if err != nil || fig.Plot.Y.Label.Text != "peak live heap (MB)" {
		t.Errorf("memory figure: %v, %q", err, fig.Plot.Y.Label.Text)
	}
	if _, _, err := figure(rep.families[1], "peak-MB", rep.cpu, -1); err == nil {
		t.Error("a figure of peak-MB for workers, whose points do not report it")
	}
}

func TestBadInputNamesItsPlaceAndExitsTwo(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ text, want string }{
		{"BenchmarkScaleYears/years=5\t2\t12x ns/op\n", `bad.txt:1:31: value "12x" of ns/op: not a finite number`},
		{"\nBenchmarkScaleYears/years=5\ttwo\t12 ns/op\n", `bad.txt:2:29: iterations "two": not a whole number`},
		{"BenchmarkA/x=5\t5\t5 ns/op\t5x B/op\n", `bad.txt:1:26: value "5x" of B/op: not a finite number`},
		{"BenchmarkA/x=5\t5\tNaN ns/op\n", `bad.txt:1:18: value "NaN" of ns/op: not a finite number`},
		{"BenchmarkScaleYears/years=5\t2\t12 ns/op\t3\n", `bad.txt:1:40: value "3" has no unit`},
		{"BenchmarkA/x=1\t1\t2 ns/op\nBenchmarkA/y=2\t1\t2 ns/op\n", `bad.txt:2:1: BenchmarkA has points along "x" and "y"`},
		{"PASS\n", "no benchmark with two or more key=number sub-benchmarks to draw"},
	} {
		p := filepath.Join(dir, "bad.txt")
		if err := os.WriteFile(p, []byte(c.text), 0o666); err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		code := run([]string{"-o", filepath.Join(dir, "out"), p}, nil, &stderr)
		msg := strings.ReplaceAll(stderr.String(), dir+string(filepath.Separator), "")
		if code != 2 || !strings.Contains(msg, c.want) || strings.Count(msg, "\n") != 1 {
			t.Errorf("%q: exit %d, %q; want one line with %q", c.text, code, msg, c.want)
		}
	}
}

func TestWritesEachFamilyAsPNGAndSVG(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	if code := run([]string{"-o", dir, "-"}, strings.NewReader(sample), &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, name := range []string{"scale_beneficiaries.png", "scale_beneficiaries.svg", "compare_workers.png", "compare_workers.svg", "scale_replicates_memory.svg"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() < 1000 {
			t.Errorf("%s: %v", name, err)
		}
	}
	if !strings.Contains(stderr.String(), filepath.Join(dir, "compare_workers.svg")) {
		t.Errorf("does not say where it wrote: %s", stderr.String())
	}
}

// The relative least-squares fit recovers a polynomial the points lie
// on exactly (to rounding: 1e-9 of each coefficient), and writes it in
// the key's letter.
func TestFitRecoversAKnownCostModel(t *testing.T) {
	xs := []float64{5, 9, 20, 50, 100, 200}
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = 1.9 + 0.34*x + 0.0044*x*x
	}
	c, err := fitPoly(xs, ys, 2)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range []float64{1.9, 0.34, 0.0044} {
		if math.Abs(c[k]-want) > 1e-9*want {
			t.Errorf("c[%d] = %v, want %v", k, c[k], want)
		}
	}
	if got := formula(c, "actors"); got != "1.9 + 0.34·a + 0.0044·a²" {
		t.Errorf("formula %q", got)
	}
	if got := formula([]float64{2, -0.5}, "years"); got != "2 − 0.5·y" {
		t.Errorf("formula %q", got)
	}
	if got := formula([]float64{-2, 0.5}, "years"); got != "−2 + 0.5·y" {
		t.Errorf("formula %q", got)
	}
	// A cubic over a million, whose x³ column is 10¹⁸ times its first:
	// found to 1e-6 of each coefficient all the same.
	big := []float64{1e3, 1e4, 1e5, 3e5, 1e6}
	cube := make([]float64, len(big))
	for i, x := range big {
		cube[i] = 5 + 2e-3*x + 1e-9*x*x + 1e-15*x*x*x
	}
	c3, err := fitPoly(big, cube, 3)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range []float64{5, 2e-3, 1e-9, 1e-15} {
		if math.Abs(c3[k]-want) > 1e-6*want {
			t.Errorf("cubic c[%d] = %v, want %v", k, c3[k], want)
		}
	}
	if _, err := fitPoly(xs[:2], ys[:2], 2); err == nil {
		t.Error("two points fitted a quadratic")
	}
	if _, err := fitPoly(xs, make([]float64, len(xs)), 1); err == nil {
		t.Error("zeros fitted in relative terms")
	}
}

func TestFitFlagDrawsTheModelAndRefusesBadDegrees(t *testing.T) {
	rep, _ := readAll(nil, strings.NewReader(sample))
	fig, model, err := figure(rep.families[0], "cpu-ms/run", rep.cpu, 1)
	if err != nil || !strings.HasSuffix(model, "·b ms") {
		t.Fatalf("model %q, %v", model, err)
	}
	dir := t.TempDir()
	r := results.NewRenderer(dir)
	r.Start(fig, "fit")
	if _, err = r.Wait(); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "fit.svg"))
	if err != nil || !regexp.MustCompile(`model: [0-9.e+-]+ \+ [0-9.e+-]+·b ms`).Match(svg) {
		t.Errorf("the figure does not name its model in ms (%v)", err)
	}
	for _, bad := range []string{"actors", "actors=x", "actors=4", "=1"} {
		var stderr bytes.Buffer
		if code := run([]string{"--fit", bad, "-o", t.TempDir(), "-"}, strings.NewReader(sample), &stderr); code != 2 || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("--fit %s: exit %d, %q", bad, code, stderr.String())
		}
	}
}

// Speed-ups pair the j-th runs of each point (one round of measure.sh),
// so a slow round slows one worker and two alike and cancels; with
// unequal runs each is divided into the first point's median.
func TestSpeedUpsPairRunsOfARound(t *testing.T) {
	pts := []*point{{x: 1}, {x: 2}}
	got := speedUps(pts, [][]float64{{10, 20}, {5, 10}})
	if !slices.Equal(got[0], []float64{1, 1}) || !slices.Equal(got[1], []float64{2, 2}) {
		t.Errorf("paired: %v, want [[1 1] [2 2]]", got)
	}
	got = speedUps(pts, [][]float64{{10, 20}, {5}})
	if !slices.Equal(got[0], []float64{1.5, 0.75}) || !slices.Equal(got[1], []float64{3}) {
		t.Errorf("unpaired: %v, want [[1.5 0.75] [3]]", got)
	}
}

// A benchmark met in two files is one family with the runs of both (the
// points of one file alone would be one-point families, left out).
func TestFamiliesMergeAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("BenchmarkA/n=1\t1\t2 ns/op\nBenchmarkB/n=1\t1\t5 ns/op\n"), 0o666)
	os.WriteFile(b, []byte("BenchmarkA/n=1\t1\t4 ns/op\nBenchmarkA/n=10\t1\t20 ns/op\nBenchmarkB/k=2\t1\t5 ns/op\n"), 0o666)
	if _, err := readAll([]string{a, b}, nil); err == nil || !strings.Contains(err.Error(), `b.txt: BenchmarkB has points along "n" and "k"`) {
		t.Errorf("BenchmarkB along n in one file and k in the other: %v", err)
	}
	os.WriteFile(b, []byte("BenchmarkA/n=1\t1\t4 ns/op\nBenchmarkA/n=10\t1\t20 ns/op\n"), 0o666)
	rep, err := readAll([]string{a, b}, nil)
	if err != nil || len(rep.families) != 1 {
		t.Fatalf("%v; %d families, want BenchmarkA alone (BenchmarkB has one point)", err, len(rep.families))
	}
	if got := rep.families[0].points[0].metrics["ns/op"]; !slices.Equal(got, []float64{2, 4}) {
		t.Errorf("n=1 runs %v, want [2 4] from both files", got)
	}
}
