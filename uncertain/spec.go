package uncertain

import "fmt"

// FromSpec builds a distribution from the form a scenario file gives it:
// the family's name with its numbers, and the optional bounds low and high.
//
//	uniform:    [low, high]
//	triangular: [low, mode, high]
//	beta:       [alpha, beta], low and high (default 0 and 1)
//	lognormal:  [median, sigma], low and high (both required)
//
// The result is checked (Check).
func FromSpec(family string, numbers []float64, low, high *float64) (Dist, error) {
	k, err := ParseKind(family)
	if err != nil {
		return Dist{}, err
	}
	want := map[Kind]int{Uniform: 2, Triangular: 3, Beta: 2, LogNormal: 2}[k]
	if len(numbers) != want {
		return Dist{}, fmt.Errorf("uncertain: %w: %s takes %d numbers %s, got %d", ErrInvalid, family, want, numberNames[k], len(numbers))
	}
	var d Dist
	switch k {
	case Uniform, Triangular:
		if low != nil || high != nil {
			return Dist{}, fmt.Errorf("uncertain: %w: %s gives its bounds in its list; low and high are for beta and lognormal", ErrInvalid, family)
		}
		if k == Uniform {
			d = Uni(numbers[0], numbers[1])
		} else {
			d = Tri(numbers[0], numbers[1], numbers[2])
		}
	case Beta:
		d = ScaledBeta(numbers[0], numbers[1], or(low, 0), or(high, 1))
	case LogNormal:
		if low == nil || high == nil {
			return Dist{}, fmt.Errorf("uncertain: %w: a lognormal needs bounds low and high", ErrInvalid)
		}
		d = LogNorm(numbers[0], numbers[1], *low, *high)
	}
	return d, d.Check()
}

var numberNames = map[Kind]string{
	Uniform: "[low, high]", Triangular: "[low, mode, high]", Beta: "[alpha, beta]", LogNormal: "[median, sigma]",
}

func or(p *float64, x float64) float64 {
	if p == nil {
		return x
	}
	return *p
}
