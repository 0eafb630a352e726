package calibrate

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/uncertain"
)

// maxPosteriorSize bounds the posterior.csv a run reads.
const maxPosteriorSize = 256 << 20

// ReadPosterior reads a calibration's posterior.csv: the particles of its
// last generation with weight above 0. Every problem is one line naming
// the file, line and column.
func ReadPosterior(path string) (*uncertain.Posterior, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &scenarios.Error{File: path, Msg: errors.Unwrap(err).Error()}
	}
	defer f.Close()
	if fi, serr := f.Stat(); serr != nil || !fi.Mode().IsRegular() || fi.Size() > maxPosteriorSize {
		return nil, &scenarios.Error{File: path, Msg: fmt.Sprintf("not a posterior.csv cisim can read (a regular file of at most %d MB)", maxPosteriorSize>>20)}
	}
	h := sha256.New()
	r := csv.NewReader(io.TeeReader(f, h))
	p, bounds, err := posteriorHeader(path, r)
	if err != nil {
		return nil, err
	}
	last := -1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvProblem(path, err)
		}
		gen, x, w, col, err := posteriorRow(rec, bounds)
		if err != nil {
			line, column := r.FieldPos(min(col, len(rec)-1))
			return nil, &scenarios.Error{File: path, Line: line, Column: column, Msg: err.Error()}
		}
		if gen > last { // a later generation replaces the earlier
			last, p.Particles, p.Weights = gen, nil, nil
		}
		if gen == last && w > 0 {
			p.Particles, p.Weights = append(p.Particles, x), append(p.Weights, w)
		}
	}
	p.Source = fmt.Sprintf("%s (generation %d, sha256 %s)", path, last, hex.EncodeToString(h.Sum(nil))[:12])
	if m, err := results.ReadManifest(filepath.Dir(path)); err == nil && m.Subcommand == "calibrate" && m.Targets != "" {
		p.Source += ", calibrated to " + m.Targets
	}
	if err := p.Check(); err != nil {
		return nil, &scenarios.Error{File: path, Msg: err.Error()}
	}
	return p, nil
}

// posteriorHeader reads the header: the fixed columns, then the numbers'
// keys, each one that may be uncertain, sorted, once; it returns their
// allowed ranges.
func posteriorHeader(path string, r *csv.Reader) (*uncertain.Posterior, [][2]float64, error) {
	header, err := r.Read()
	if err == io.EOF {
		return nil, nil, &scenarios.Error{File: path, Msg: "an empty file, not a calibration's posterior.csv"}
	}
	if err != nil {
		return nil, nil, csvProblem(path, err)
	}
	if len(header) <= len(posteriorColumns) || !slices.Equal(header[:len(posteriorColumns)], posteriorColumns) {
		return nil, nil, &scenarios.Error{File: path, Line: 1, Column: 1, Msg: "not a posterior.csv of cisim calibrate (its header starts generation,particle,weight,distance,within)"}
	}
	p := &uncertain.Posterior{Keys: header[len(posteriorColumns):]}
	bounds := make([][2]float64, len(p.Keys))
	for j, key := range p.Keys {
		lo, hi, ok := sim.UncertainRange(key)
		_, col := r.FieldPos(len(posteriorColumns) + j)
		switch {
		case !ok:
			return nil, nil, &scenarios.Error{File: path, Line: 1, Column: col, Key: key, Msg: "not a number that may be uncertain (docs/MODEL.md §8)"}
		case j > 0 && p.Keys[j-1] >= key:
			return nil, nil, &scenarios.Error{File: path, Line: 1, Column: col, Key: key, Msg: "the numbers' columns sorted by key, each once"}
		}
		bounds[j] = [2]float64{lo, hi}
	}
	return p, bounds, nil
}

// posteriorRow reads one particle; on an error col is the field's.
func posteriorRow(rec []string, bounds [][2]float64) (gen int, x []float64, w float64, col int, err error) {
	if len(rec) != len(posteriorColumns)+len(bounds) {
		return 0, nil, 0, 0, fmt.Errorf("%d fields, want %d", len(rec), len(posteriorColumns)+len(bounds))
	}
	if gen, err = strconv.Atoi(rec[0]); err != nil || gen < 0 {
		return 0, nil, 0, 0, fmt.Errorf("generation %q is not a whole number ≥ 0", rec[0])
	}
	if w, err = strconv.ParseFloat(rec[2], 64); err != nil || !finite(w) || w < 0 {
		return 0, nil, 0, 2, fmt.Errorf("weight %q is not a finite number ≥ 0", rec[2])
	}
	for j, f := range rec[len(posteriorColumns):] {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil || !finite(v) || v < bounds[j][0] || v > bounds[j][1] {
			return 0, nil, 0, len(posteriorColumns) + j, fmt.Errorf("value %q is not a number from %g to %g", f, bounds[j][0], bounds[j][1])
		}
		x = append(x, v)
	}
	return gen, x, w, 0, nil
}

func csvProblem(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &scenarios.Error{File: path, Line: pe.Line, Column: pe.Column, Msg: pe.Err.Error()}
	}
	return &scenarios.Error{File: path, Msg: err.Error()}
}
