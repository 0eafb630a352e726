package analysis

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The test vectors in testdata/*.tsv were written by testdata/rvectors.R
// (R 4.2.2); see that script for the R calls, and testdata/README.md for
// the cross-check with SciPy. R's outputs are printed with 15 significant
// digits. The tolerances below are relative to R's value:
//
//   - printedDigits: R's 15 printed digits are a rounding by at most half a
//     unit in the 15th digit, 5e-15 relative. Exact results (counts of sign
//     patterns, type 7 quantiles) carry only that and a few units of R's
//     own rounding (psignrank multiplies each count by exp(−n·ln 2)); the
//     largest seen is 6.3e-15.
//   - statDigits: t statistics and Welch's df, the same 15 digits plus a few
//     float64 units, since gonum sums in float64 where R's mean and var
//     accumulate in long double; the largest seen is 3.7e-15.
//   - tailDigits: p-values from Φ and from Student's t. For the same
//     statistic the implementations agree to about 1e-14 (math.Erfc and
//     tTwoSided against R's pnorm and TOMS 708 pbeta, both checked against
//     mpmath), but a p-value in the tail amplifies a relative difference δ
//     in its statistic: by about z²·δ for the normal (δ = 2⁻⁵³ gives 2e-13
//     at z = 37, the largest z whose p is above PMin), and by about
//     df·t²/(df + t²)·δ for Student's t (900·δ at t = 37, df = 1999). The
//     largest seen is 3.9e-13, at that t.
const (
	printedDigits = 1e-14
	statDigits    = 1e-14
	tailDigits    = 1e-12
)

// readVectors reads testdata/name as written by rvectors.R: lines starting
// with # are comments, the first other line names the tab-separated
// fields, and each later line is one case, returned as field → text.
func readVectors(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var head []string
	var rows []map[string]string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if head == nil {
			head = fields
			continue
		}
		if len(fields) != len(head) {
			t.Fatalf("%s:%d: %d fields, want %d", name, line, len(fields), len(head))
		}
		row := make(map[string]string, len(head))
		for i, h := range head {
			row[h] = fields[i]
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no cases", name)
	}
	return rows
}

// numbers parses a space-separated list of numbers; "NA" reads as NaN.
func numbers(t *testing.T, s string) []float64 {
	t.Helper()
	var xs []float64
	for _, f := range strings.Fields(s) {
		if f == "NA" {
			xs = append(xs, math.NaN())
			continue
		}
		x, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatal(err)
		}
		xs = append(xs, x)
	}
	return xs
}

// number parses one number (see numbers).
func number(t *testing.T, s string) float64 {
	t.Helper()
	xs := numbers(t, s)
	if len(xs) != 1 {
		t.Fatalf("%q: want one number", s)
	}
	return xs[0]
}

// relErr is |got − want| / |want|, 0 when both are equal (0 or ±Inf) and
// +Inf when want is 0 and got is not.
func relErr(got, want float64) float64 {
	if got == want {
		return 0
	}
	return math.Abs(got-want) / math.Abs(want)
}

// checkP checks a p-value against R's: an R value below PMin (R prints 0
// or a subnormal there) must come back as the bound PMin, any other to
// within tol relative.
func checkP(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	switch {
	case want < PMin:
		if got != PMin || !PIsBound(got) {
			t.Errorf("%s: p = %.15g, want the bound PMin (R: %.15g)", what, got, want)
		}
	case PIsBound(got) || relErr(got, want) > tol:
		t.Errorf("%s: p = %.15g, want %.15g ± %g relative (off by %.2g)", what, got, want, tol, relErr(got, want))
	}
}

func TestPairedMatchesR(t *testing.T) {
	for _, row := range readVectors(t, "paired.tsv") {
		name := row["name"]
		x, y := numbers(t, row["x"]), numbers(t, row["y"])
		r := Paired(x, y, 0.95)
		if df := number(t, row["df"]); float64(r.N-1) != df {
			t.Errorf("%s: df = %d, want %v", name, r.N-1, df)
		}
		if want := number(t, row["t"]); relErr(r.T, want) > statDigits {
			t.Errorf("%s: t = %.15g, want %.15g", name, r.T, want)
		}
		checkP(t, name+": paired t", r.PT, number(t, row["p_t"]), tailDigits)
		if want := number(t, row["v"]); r.W != want {
			t.Errorf("%s: W+ = %v, want %v", name, r.W, want)
		}
		exact := row["wilcoxon_method"] == "exact"
		if r.WilcoxonExact != exact {
			t.Errorf("%s: WilcoxonExact = %v, R's method %s", name, r.WilcoxonExact, row["wilcoxon_method"])
		}
		tol := tailDigits
		if exact {
			tol = printedDigits
		}
		checkP(t, name+": Wilcoxon", r.PWilcoxon, number(t, row["p_wilcoxon"]), tol)
	}
}

func TestWelchMatchesR(t *testing.T) {
	for _, row := range readVectors(t, "welch.tsv") {
		name := row["name"]
		gt, gdf, gp := Welch(numbers(t, row["x"]), numbers(t, row["y"]))
		if want := number(t, row["t"]); relErr(gt, want) > statDigits {
			t.Errorf("%s: t = %.15g, want %.15g", name, gt, want)
		}
		if want := number(t, row["df"]); relErr(gdf, want) > statDigits {
			t.Errorf("%s: df = %.15g, want %.15g", name, gdf, want)
		}
		checkP(t, name+": Welch", gp, number(t, row["p"]), tailDigits)
	}
}

// TestTailsMatchR checks the two-sided p-values of given statistics, so
// the only differences are the algorithms': the tolerance is tailDigits,
// of which most is the z²·2⁻⁵³ of rounding z/√2 once.
func TestTailsMatchR(t *testing.T) {
	for _, row := range readVectors(t, "tails.tsv") {
		stat, df, want := number(t, row["stat"]), number(t, row["df"]), number(t, row["p"])
		var got float64
		switch row["dist"] {
		case "normal":
			got = normalTwoSided(stat)
		case "t":
			got = tTwoSided(stat, df)
		default:
			t.Fatalf("unknown distribution %q", row["dist"])
		}
		checkP(t, row["dist"]+" "+row["stat"]+" "+row["df"], got, want, tailDigits)
	}
}

func TestQuantilesMatchR(t *testing.T) {
	for _, row := range readVectors(t, "quantile.tsv") {
		xs, ps, want := numbers(t, row["x"]), numbers(t, row["probs"]), numbers(t, row["q"])
		var got []float64
		switch row["type"] {
		case "7":
			got = QuantilesType7(xs, ps, nil)
		case "4":
			got = Quantiles(xs, ps, nil)
		default:
			t.Fatalf("unknown quantile type %q", row["type"])
		}
		for i := range ps {
			if relErr(got[i], want[i]) > printedDigits {
				t.Errorf("%s type %s p=%v: %.17g, want %.15g", row["name"], row["type"], ps[i], got[i], want[i])
			}
		}
	}
}
