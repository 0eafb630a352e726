package results

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/cisim/cisim/analysis"
)

// Comparison is one metric compared between two scenarios over paired
// replicates (replicate r of both shares its random streams): the
// difference is B − A. Its fields, in order, are the columns of
// comparison.csv under their JSON names.
type Comparison struct {
	Point     *int   `json:"point,omitempty"` // the design point, in a sweep
	Metric    string `json:"metric"`
	A         string `json:"a"`
	B         string `json:"b"`
	N         int    `json:"pairs"`
	MeanA     Num    `json:"mean_a"`
	MeanB     Num    `json:"mean_b"`
	Diff      Num    `json:"difference"`
	DiffLo    Num    `json:"difference_ci95_lo"`
	DiffHi    Num    `json:"difference_ci95_hi"`
	A12       Num    `json:"a12"`
	A12Size   Label  `json:"a12_magnitude"`
	CohenD    Num    `json:"cohens_d"`
	P         Num    `json:"p_paired_t"`
	PWilcoxon Num    `json:"p_wilcoxon"`
	// The spread of the paired differences across replicates, 5th, 50th
	// and 95th percentiles (type 7): what one partnership may see, where
	// the interval above is the precision of the mean.
	DiffP05 Num `json:"difference_p05"`
	DiffP50 Num `json:"difference_p50"`
	DiffP95 Num `json:"difference_p95"`
}

// Num is a number of an output table: written as its shortest exact
// decimal, NA in CSV and null in JSON when undefined.
type Num float64

// MarshalJSON writes the number, or null when it is NaN or infinite.
func (x Num) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, float64(x), 'g', -1, 64), nil
}

// Label is a category of an output table (an effect size's magnitude):
// NA in CSV and null in JSON when undefined.
type Label string

// MarshalJSON writes the label, or null when it is undefined.
func (l Label) MarshalJSON() ([]byte, error) {
	if l == "NA" || l == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(l))
}

// magnitude is A12's magnitude as a label: NA when A12 is undefined.
func magnitude(a12 float64) Label {
	if math.IsNaN(a12) {
		return "NA"
	}
	return Label(analysis.A12Magnitude(a12))
}

// csvFields are comparison.csv's fields of c, or its header when c is
// nil, from the fields of Comparison and their JSON names; the point
// comes first in a sweep and is left out otherwise.
func csvFields(c *Comparison, sweep bool) []string {
	t := reflect.TypeFor[Comparison]()
	var out []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "point" && !sweep {
			continue
		}
		if c == nil {
			out = append(out, name)
			continue
		}
		switch v := reflect.ValueOf(c).Elem().Field(i).Interface().(type) {
		case *int:
			out = append(out, strconv.Itoa(*v))
		case int:
			out = append(out, strconv.Itoa(v))
		case string:
			out = append(out, csvField(v))
		case Label:
			out = append(out, csvField(string(v)))
		case Num:
			out = append(out, FormatValue(float64(v)))
		default:
			panic(fmt.Sprintf("results: comparison field %s of type %T", name, v))
		}
	}
	return out
}

// WriteComparison writes comparison.csv and comparison.json into dir.
func WriteComparison(dir string, comps []Comparison) error {
	sweep := len(comps) > 0 && comps[0].Point != nil
	err := WriteAtomic(filepath.Join(dir, "comparison.csv"), func(w io.Writer) error {
		if _, err := io.WriteString(w, strings.Join(csvFields(nil, sweep), ",")+"\n"); err != nil {
			return err
		}
		for i := range comps {
			if _, err := io.WriteString(w, strings.Join(csvFields(&comps[i], sweep), ",")+"\n"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return WriteAtomic(filepath.Join(dir, "comparison.json"), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			SchemaVersion int          `json:"schema_version"`
			Comparisons   []Comparison `json:"comparisons"`
		}{SchemaVersion, comps})
	})
}

// SchemaVersion is the version of the shapes of cisim's JSON, on stdout
// and in files (docs/OUTPUTS.md): it changes when a key is renamed or
// removed, not when one is added.
const SchemaVersion = 1

// Compare compares one metric of scenario b with scenario a, replicate by
// replicate (difference B − A; A12 is the chance a run of B beats a run of
// A; Cohen's d uses the SD pooled over the two scenarios).
func Compare(metric, a, b string, va, vb []float64) Comparison {
	p := analysis.Paired(vb, va, 0.95)
	ma, mb := analysis.MeanCI(va, 0.95), analysis.MeanCI(vb, 0.95)
	d := make([]float64, min(len(va), len(vb)))
	for i := range d {
		d[i] = vb[i] - va[i] // NaN where either is undefined: left out
	}
	q := analysis.QuantilesType7(d, []float64{0.05, 0.5, 0.95}, nil)
	return Comparison{
		Metric: metric, A: a, B: b, N: p.N,
		MeanA: Num(ma.Mean), MeanB: Num(mb.Mean),
		Diff: Num(p.Diff.Mean), DiffLo: Num(p.Diff.Lo), DiffHi: Num(p.Diff.Hi),
		A12: Num(p.A12), A12Size: magnitude(p.A12), CohenD: Num(p.D),
		P: Num(p.PT), PWilcoxon: Num(p.PWilcoxon),
		DiffP05: Num(q[0]), DiffP50: Num(q[1]), DiffP95: Num(q[2]),
	}
}

// ratioResamples is the number of bootstrap resamples of a ratio of totals;
// its seed is fixed, so a folder's files do not depend on when they are
// written.
const ratioResamples = 2000

// RatioCI is a ratio of totals over replicates, Σ num / Σ den (cost per
// additional outcome: the programme's total cost over its total additional
// outcomes), with a 95% percentile bootstrap interval over replicates;
// NaN when the total denominator is 0.
func RatioCI(num, den []float64) analysis.Estimate {
	ratio := func(idx []int) float64 { return totalRatio(num, den, idx) }
	all := make([]int, len(num))
	for i := range all {
		all[i] = i
	}
	lo, hi := analysis.BootstrapIndexCI(len(num), ratio, 0.95, ratioResamples, rand.New(rand.NewPCG(1, 2)))
	return analysis.Estimate{Mean: ratio(all), Lo: lo, Hi: hi, N: len(num)}
}

// CompareRatio compares a ratio of totals of scenario b with scenario a
// over paired replicates: the difference of the two ratios, with a paired
// percentile bootstrap interval (replicates resampled together). A12,
// Cohen's d and the tests are undefined for a ratio of totals (NA).
func CompareRatio(metric, a, b string, numA, denA, numB, denB []float64) Comparison {
	ea, eb := RatioCI(numA, denA), RatioCI(numB, denB)
	diff := func(idx []int) float64 { return totalRatio(numB, denB, idx) - totalRatio(numA, denA, idx) }
	lo, hi := analysis.BootstrapIndexCI(len(numA), diff, 0.95, ratioResamples, rand.New(rand.NewPCG(1, 2)))
	nan := Num(math.NaN())
	return Comparison{
		Metric: metric, A: a, B: b, N: len(numA), MeanA: Num(ea.Mean), MeanB: Num(eb.Mean),
		Diff: Num(eb.Mean - ea.Mean), DiffLo: Num(lo), DiffHi: Num(hi),
		A12: nan, A12Size: "NA", CohenD: nan, P: nan, PWilcoxon: nan,
		DiffP05: nan, DiffP50: nan, DiffP95: nan, // a ratio of totals has no per-replicate value
	}
}

// totalRatio is Σ num[i] / Σ den[i] over the indices, NaN when Σ den is 0.
func totalRatio(num, den []float64, idx []int) float64 {
	n, d := 0.0, 0.0
	for _, i := range idx {
		n += num[i]
		d += den[i]
	}
	if d == 0 {
		return math.NaN()
	}
	return n / d
}
