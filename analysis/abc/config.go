package abc

import (
	"fmt"
	"math"
)

// Defaults of the optional fields of a Config.
const (
	DefaultAlpha          = 0.9   // Del Moral et al.'s choice
	DefaultMinAcceptance  = 0.015 // Del Moral et al.'s stopping rule
	DefaultMaxGenerations = 100
)

// Config is one calibration's algorithm settings. The zero value of each
// optional field means its default; WithDefaults fills them in.
type Config struct {
	Seed       uint64 // keys every random stream of the run
	Parameters int    // d: the number of latent coordinates z_k
	Particles  int    // N
	Datasets   int    // M: pseudo-datasets per particle; 0 means 1

	// Target is the tolerance at which the run stops. Distances count
	// when d < ε, so a target of 0 is never reached and the run then stops
	// by acceptance rate or generations.
	Target float64

	Alpha          float64 // in (0, 1): ESS kept from one generation to the next; 0 means DefaultAlpha
	MinAcceptance  float64 // stop when a move accepts less; 0 means DefaultMinAcceptance, negative never stops
	MaxGenerations int     // stop after generation MaxGenerations; 0 means DefaultMaxGenerations
}

// WithDefaults returns c with every optional field that is zero set to its
// default: the settings a run actually uses, for a record of it.
func (c Config) WithDefaults() Config {
	if c.Datasets == 0 {
		c.Datasets = 1
	}
	if c.Alpha == 0 {
		c.Alpha = DefaultAlpha
	}
	if c.MinAcceptance == 0 {
		c.MinAcceptance = DefaultMinAcceptance
	}
	if c.MaxGenerations == 0 {
		c.MaxGenerations = DefaultMaxGenerations
	}
	return c
}

// Validate reports the first setting of c (after defaults) that the
// algorithm cannot run with.
func (c Config) Validate() error {
	c = c.WithDefaults()
	var err error
	switch {
	case c.Parameters < 1:
		err = fmt.Errorf("%d parameters, want at least 1", c.Parameters)
	case c.Particles < 1:
		err = fmt.Errorf("%d particles, want at least 1", c.Particles)
	case c.Datasets < 1:
		err = fmt.Errorf("%d pseudo-datasets per particle, want at least 1", c.Datasets)
	case !(c.Target >= 0) || math.IsInf(c.Target, 1):
		err = fmt.Errorf("target tolerance %v, want a finite number ≥ 0", c.Target)
	case !(c.Alpha > 0 && c.Alpha < 1):
		err = fmt.Errorf("alpha %v, want a number in (0, 1)", c.Alpha)
	case !(c.MinAcceptance < 1):
		err = fmt.Errorf("minimum acceptance rate %v, want below 1", c.MinAcceptance)
	case c.MaxGenerations < 1:
		err = fmt.Errorf("%d generations at most, want at least 1", c.MaxGenerations)
	}
	if err != nil {
		return fmt.Errorf("abc: invalid configuration: %w", err)
	}
	return nil
}
