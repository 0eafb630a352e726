package uncertain

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// Kind is the family of a distribution.
type Kind uint8

// The families. Each has bounds: a value drawn is never outside [Low, High].
const (
	Fixed      Kind = iota // no uncertainty: the point value
	Uniform                // U(Low, High)
	Triangular             // Tri(Low, Mode, High)
	Beta                   // Low + (High − Low)·Beta(Alpha, Beta)
	LogNormal              // Median·exp(Sigma·Z), truncated to [Low, High]
	numKinds
)

var kindNames = [numKinds]string{"fixed", "uniform", "triangular", "beta", "lognormal"}

func (k Kind) String() string {
	if k >= numKinds {
		return fmt.Sprintf("kind(%d)", int(k))
	}
	return kindNames[k]
}

// ParseKind returns the family of a name (uniform, triangular, beta,
// lognormal).
func ParseKind(name string) (Kind, error) {
	for k := Uniform; k < numKinds; k++ {
		if kindNames[k] == name {
			return k, nil
		}
	}
	return 0, fmt.Errorf("uncertain: unknown distribution %q (allowed: uniform, triangular, beta, lognormal)", name)
}

// Dist is a distribution with bounds. Fields not used by its Kind are 0.
type Dist struct {
	Kind      Kind
	Low, High float64 // bounds of the support
	Mode      float64 // Triangular
	Alpha     float64 // Beta: shape α
	Beta      float64 // Beta: shape β
	Median    float64 // LogNormal: median before truncation
	Sigma     float64 // LogNormal: standard deviation of the log
}

// Uni is U(low, high).
func Uni(low, high float64) Dist { return Dist{Kind: Uniform, Low: low, High: high} }

// Tri is the triangular distribution on [low, high] with the given mode.
func Tri(low, mode, high float64) Dist {
	return Dist{Kind: Triangular, Low: low, Mode: mode, High: high}
}

// ScaledBeta is low + (high − low)·Beta(α, β).
func ScaledBeta(alpha, beta, low, high float64) Dist {
	return Dist{Kind: Beta, Alpha: alpha, Beta: beta, Low: low, High: high}
}

// LogNorm is median·exp(σ·Z) truncated to [low, high].
func LogNorm(median, sigma, low, high float64) Dist {
	return Dist{Kind: LogNormal, Median: median, Sigma: sigma, Low: low, High: high}
}

// ErrInvalid marks an inconsistent distribution.
var ErrInvalid = errors.New("invalid distribution")

// Check reports whether the distribution is consistent: finite bounds with
// Low < High, a mode inside them, positive shapes and spread, a median
// inside the bounds.
func (d Dist) Check() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("uncertain: %w: %s", ErrInvalid, fmt.Sprintf(format, a...))
	}
	for _, x := range []float64{d.Low, d.High, d.Mode, d.Alpha, d.Beta, d.Median, d.Sigma} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return bad("every number must be finite")
		}
	}
	if d.Kind == Fixed || d.Kind >= numKinds {
		return bad("unknown kind %v", d.Kind)
	}
	if !(d.Low < d.High) {
		return bad("lower bound %g is not below upper bound %g", d.Low, d.High)
	}
	switch d.Kind {
	case Triangular:
		if d.Mode < d.Low || d.Mode > d.High {
			return bad("mode %g is outside [%g, %g]", d.Mode, d.Low, d.High)
		}
	case Beta:
		if d.Alpha <= 0 || d.Beta <= 0 {
			return bad("beta shapes must be above 0, got %g and %g", d.Alpha, d.Beta)
		}
	case LogNormal:
		if d.Sigma <= 0 {
			return bad("spread sigma must be above 0, got %g", d.Sigma)
		}
		if d.Median <= 0 || d.Low < 0 {
			return bad("a log-normal needs a median above 0 and a lower bound of at least 0")
		}
		if d.Median < d.Low || d.Median > d.High {
			return bad("median %g is outside [%g, %g]", d.Median, d.Low, d.High)
		}
	}
	return nil
}

// Within reports an error when the support reaches outside [lo, hi].
func (d Dist) Within(lo, hi float64) error {
	if d.Low < lo || d.High > hi {
		return fmt.Errorf("uncertain: %w: bounds [%g, %g] reach outside the allowed %g to %g", ErrInvalid, d.Low, d.High, lo, hi)
	}
	return nil
}

// Point is the value a run uses without uncertainty: the midpoint of a
// uniform, the mode of a triangular, the mean of a beta, the median of a
// log-normal.
func (d Dist) Point() float64 {
	switch d.Kind {
	case Uniform:
		return (d.Low + d.High) / 2
	case Triangular:
		return d.Mode
	case Beta:
		return d.Low + (d.High-d.Low)*d.Alpha/(d.Alpha+d.Beta)
	case LogNormal:
		return d.Median
	}
	return math.NaN()
}

// Quantile is F⁻¹(u) for u in (0, 1).
//
//	uniform:    Low + u·(High − Low)
//	triangular: Low + √(u·(High−Low)·(Mode−Low))          for u < c = (Mode−Low)/(High−Low),
//	            High − √((1−u)·(High−Low)·(High−Mode))    otherwise
//	beta:       Low + (High − Low)·B⁻¹(u; α, β)
//	lognormal:  Median·exp(σ·Φ⁻¹(Φ(zL) + u·(Φ(zH) − Φ(zL)))),  z = ln(bound/Median)/σ
func (d Dist) Quantile(u float64) float64 {
	w := d.High - d.Low
	switch d.Kind {
	case Uniform:
		return d.Low + u*w
	case Triangular:
		if c := (d.Mode - d.Low) / w; u < c {
			return d.Low + math.Sqrt(u*w*(d.Mode-d.Low))
		}
		return d.High - math.Sqrt((1-u)*w*(d.High-d.Mode))
	case Beta:
		return d.Low + w*distuv.Beta{Alpha: d.Alpha, Beta: d.Beta}.Quantile(u)
	case LogNormal:
		return d.logNormalQuantile(u)
	}
	return math.NaN()
}

func (d Dist) logNormalQuantile(u float64) float64 {
	z := func(x float64) float64 {
		if x <= 0 {
			return math.Inf(-1)
		}
		return math.Log(x/d.Median) / d.Sigma
	}
	n := distuv.UnitNormal
	lo, hi := n.CDF(z(d.Low)), n.CDF(z(d.High))
	x := d.Median * math.Exp(d.Sigma*n.Quantile(lo+u*(hi-lo)))
	return math.Min(d.High, math.Max(d.Low, x))
}

// String writes the distribution as a scenario file does, e.g.
// {triangular: [0.02, 0.05, 0.1]} or {beta: [2, 5], low: 0, high: 1}.
func (d Dist) String() string {
	f := func(xs ...float64) string {
		s := make([]string, len(xs))
		for i, x := range xs {
			s[i] = strconv.FormatFloat(x, 'f', -1, 64)
		}
		return strings.Join(s, ", ")
	}
	switch d.Kind {
	case Uniform:
		return "{uniform: [" + f(d.Low, d.High) + "]}"
	case Triangular:
		return "{triangular: [" + f(d.Low, d.Mode, d.High) + "]}"
	case Beta:
		return "{beta: [" + f(d.Alpha, d.Beta) + "], low: " + f(d.Low) + ", high: " + f(d.High) + "}"
	case LogNormal:
		return "{lognormal: [" + f(d.Median, d.Sigma) + "], low: " + f(d.Low) + ", high: " + f(d.High) + "}"
	}
	return "{fixed}"
}
