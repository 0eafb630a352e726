package calibrate

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"

	"github.com/cisim/cisim/scenarios"
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
	header, err := r.Read()
	if err != nil {
		return nil, csvProblem(path, err)
	}
	if len(header) <= len(posteriorColumns) || !slices.Equal(header[:len(posteriorColumns)], posteriorColumns) {
		return nil, &scenarios.Error{File: path, Line: 1, Column: 1, Msg: "not a posterior.csv of cisim calibrate (its header starts generation,particle,weight,distance,within)"}
	}
	p := &uncertain.Posterior{Keys: header[len(posteriorColumns):]}
	last := -1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvProblem(path, err)
		}
		gen, x, w, err := posteriorRow(rec, len(p.Keys))
		if err != nil {
			line, _ := r.FieldPos(0)
			return nil, &scenarios.Error{File: path, Line: line, Column: 1, Msg: err.Error()}
		}
		if gen > last { // a later generation replaces the earlier
			last, p.Particles, p.Weights = gen, nil, nil
		}
		if gen == last && w > 0 {
			p.Particles, p.Weights = append(p.Particles, x), append(p.Weights, w)
		}
	}
	p.Source = fmt.Sprintf("%s (generation %d, sha256 %s)", path, last, hex.EncodeToString(h.Sum(nil))[:12])
	if err := p.Check(); err != nil {
		return nil, &scenarios.Error{File: path, Msg: err.Error()}
	}
	return p, nil
}

func posteriorRow(rec []string, keys int) (gen int, x []float64, w float64, err error) {
	if len(rec) != len(posteriorColumns)+keys {
		return 0, nil, 0, fmt.Errorf("%d fields, want %d", len(rec), len(posteriorColumns)+keys)
	}
	if gen, err = strconv.Atoi(rec[0]); err != nil || gen < 0 {
		return 0, nil, 0, fmt.Errorf("generation %q is not a whole number ≥ 0", rec[0])
	}
	if w, err = strconv.ParseFloat(rec[2], 64); err != nil {
		return 0, nil, 0, fmt.Errorf("weight %q is not a number", rec[2])
	}
	for _, f := range rec[len(posteriorColumns):] {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil || !finite(v) {
			return 0, nil, 0, fmt.Errorf("value %q is not a finite number", f)
		}
		x = append(x, v)
	}
	return gen, x, w, nil
}

func csvProblem(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &scenarios.Error{File: path, Line: pe.Line, Column: pe.Column, Msg: pe.Err.Error()}
	}
	return &scenarios.Error{File: path, Msg: err.Error()}
}
