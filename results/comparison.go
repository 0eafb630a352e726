package results

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
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
	A12Size   string `json:"a12_magnitude"`
	CohenD    Num    `json:"cohens_d"`
	P         Num    `json:"p_paired_t"`
	PWilcoxon Num    `json:"p_wilcoxon"`
}

// Num is a number of an output table: written as its shortest exact
// decimal, NA in CSV and null in JSON when undefined.
type Num float64

// MarshalJSON writes the number, or null when it is NaN or infinite.
func (x Num) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
		return []byte("null"), nil
	}
	return []byte(FormatValue(float64(x))), nil
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
			Comparisons []Comparison `json:"comparisons"`
		}{comps})
	})
}

// Compare compares one metric of scenario b with scenario a, replicate by
// replicate (difference B − A; A12 is the chance a run of B beats a run of
// A; Cohen's d uses the SD pooled over the two scenarios).
func Compare(metric, a, b string, va, vb []float64) Comparison {
	p := analysis.Paired(vb, va, 0.95)
	ma, mb := analysis.MeanCI(va, 0.95), analysis.MeanCI(vb, 0.95)
	return Comparison{
		Metric: metric, A: a, B: b, N: p.N,
		MeanA: Num(ma.Mean), MeanB: Num(mb.Mean),
		Diff: Num(p.Diff.Mean), DiffLo: Num(p.Diff.Lo), DiffHi: Num(p.Diff.Hi),
		A12: Num(p.A12), A12Size: analysis.A12Magnitude(p.A12), CohenD: Num(p.D),
		P: Num(p.PT), PWilcoxon: Num(p.PWilcoxon),
	}
}
