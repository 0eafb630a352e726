package results

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/cisim/cisim/analysis"
)

// Comparison is one metric compared between two scenarios over paired
// replicates (replicate r of both shares its random streams): the
// difference is B − A.
type Comparison struct {
	Point     *int   `json:"point,omitempty"` // the design point, in a sweep
	Metric    string `json:"metric"`
	A         string `json:"a"`
	B         string `json:"b"`
	N         int    `json:"pairs"`
	MeanA     jnum   `json:"mean_a"`
	MeanB     jnum   `json:"mean_b"`
	Diff      jnum   `json:"difference"`
	DiffLo    jnum   `json:"difference_ci95_lo"`
	DiffHi    jnum   `json:"difference_ci95_hi"`
	A12       jnum   `json:"a12"`
	A12Size   string `json:"a12_magnitude"`
	CohenD    jnum   `json:"cohens_d"`
	P         jnum   `json:"p_paired_t"`
	PWilcoxon jnum   `json:"p_wilcoxon"`
}

// jnum is a float64 that is written as null in JSON when it is NaN.
type jnum float64

func (x jnum) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
		return []byte("null"), nil
	}
	return []byte(formatValue(float64(x))), nil
}

var comparisonColumns = []string{"metric", "a", "b", "pairs", "mean_a", "mean_b", "difference",
	"difference_ci95_lo", "difference_ci95_hi", "a12", "a12_magnitude", "cohens_d", "p_paired_t", "p_wilcoxon"}

func writeComparison(dir string, comps []Comparison) error {
	sweep := len(comps) > 0 && comps[0].Point != nil
	err := writeAtomic(filepath.Join(dir, "comparison.csv"), func(w io.Writer) error {
		head := strings.Join(comparisonColumns, ",")
		if sweep {
			head = "point," + head
		}
		if _, err := io.WriteString(w, head+"\n"); err != nil {
			return err
		}
		for _, c := range comps {
			f := []string{c.Metric, csvField(c.A), csvField(c.B), fmt.Sprint(c.N)}
			if sweep {
				f = append([]string{fmt.Sprint(*c.Point)}, f...)
			}
			for _, x := range []jnum{c.MeanA, c.MeanB, c.Diff, c.DiffLo, c.DiffHi, c.A12} {
				f = append(f, formatValue(float64(x)))
			}
			f = append(f, c.A12Size)
			for _, x := range []jnum{c.CohenD, c.P, c.PWilcoxon} {
				f = append(f, formatValue(float64(x)))
			}
			if _, err := io.WriteString(w, strings.Join(f, ",")+"\n"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, "comparison.json"), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Comparisons []Comparison `json:"comparisons"`
		}{comps})
	})
}

// pairStats compares one metric of scenario B with scenario A, replicate by
// replicate (difference B − A; A12 is the chance a run of B beats a run of
// A; Cohen's d uses the SD pooled over the two scenarios).
func pairStats(metric, a, b string, va, vb []float64) Comparison {
	p := analysis.Paired(vb, va, 0.95)
	ma, mb := analysis.MeanCI(va, 0.95), analysis.MeanCI(vb, 0.95)
	return Comparison{
		Metric: metric, A: a, B: b, N: p.N,
		MeanA: jnum(ma.Mean), MeanB: jnum(mb.Mean),
		Diff: jnum(p.Diff.Mean), DiffLo: jnum(p.Diff.Lo), DiffHi: jnum(p.Diff.Hi),
		A12: jnum(p.A12), A12Size: analysis.A12Magnitude(p.A12), CohenD: jnum(p.D),
		P: jnum(p.PT), PWilcoxon: jnum(p.PWilcoxon),
	}
}
