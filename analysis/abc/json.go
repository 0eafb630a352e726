package abc

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// number is a float64 whose JSON form also holds ±Inf and NaN (as the
// strings "+Inf", "-Inf" and "NaN"), which encoding/json refuses: a failed
// simulation's distance and ε_0 are +Inf. Finite numbers are written in
// the shortest form that parses back to the same bits.
type number float64

func (x number) MarshalJSON() ([]byte, error) {
	f := float64(x)
	switch {
	case math.IsInf(f, 1):
		return []byte(`"+Inf"`), nil
	case math.IsInf(f, -1):
		return []byte(`"-Inf"`), nil
	case math.IsNaN(f):
		return []byte(`"NaN"`), nil
	}
	format := byte('f') // encoding/json's choice of format, for the same text
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	return strconv.AppendFloat(nil, f, format, -1, 64), nil
}

func (x *number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil // as encoding/json leaves a float64
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		switch s {
		case "+Inf":
			*x = number(math.Inf(1))
		case "-Inf":
			*x = number(math.Inf(-1))
		case "NaN":
			*x = number(math.NaN())
		default:
			return fmt.Errorf("abc: number %q, want a JSON number, \"+Inf\", \"-Inf\" or \"NaN\"", s)
		}
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("abc: number %s: %w", b, err)
	}
	*x = number(f)
	return nil
}

// particleJSON is a Particle's JSON form.
type particleJSON struct {
	Z         []float64 `json:"z"`
	Distances []number  `json:"distances"`
	Weight    float64   `json:"weight"`
}

func (p Particle) MarshalJSON() ([]byte, error) {
	d := make([]number, len(p.Distances))
	for m, x := range p.Distances {
		d[m] = number(x)
	}
	return json.Marshal(particleJSON{Z: p.Z, Distances: d, Weight: p.Weight})
}

func (p *Particle) UnmarshalJSON(b []byte) error {
	var w particleJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	p.Z, p.Weight = w.Z, w.Weight
	p.Distances = make([]float64, len(w.Distances))
	for m, x := range w.Distances {
		p.Distances[m] = float64(x)
	}
	return nil
}

// populationJSON is a Population's JSON form.
type populationJSON struct {
	Generation int        `json:"generation"`
	Tolerance  number     `json:"tolerance"`
	ESS        float64    `json:"ess"`
	Resampled  bool       `json:"resampled"`
	Proposals  int        `json:"proposals"`
	Acceptance float64    `json:"acceptance"`
	Particles  []Particle `json:"particles"`
}

func (p Population) MarshalJSON() ([]byte, error) {
	return json.Marshal(populationJSON{
		Generation: p.Generation, Tolerance: number(p.Tolerance), ESS: p.ESS, Resampled: p.Resampled,
		Proposals: p.Proposals, Acceptance: p.Acceptance, Particles: p.Particles,
	})
}

func (p *Population) UnmarshalJSON(b []byte) error {
	var w populationJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*p = Population{
		Generation: w.Generation, Tolerance: float64(w.Tolerance), ESS: w.ESS, Resampled: w.Resampled,
		Proposals: w.Proposals, Acceptance: w.Acceptance, Particles: w.Particles,
	}
	return nil
}
