package agents

import "math"

// pow is x^y for x in [0,1] with the common exponents done without math.Pow.
func pow(x, y float64) float64 {
	switch y {
	case 1:
		return x
	case 2:
		return x * x
	case 0:
		return 1
	}
	return math.Pow(x, y)
}

func clamp01(x float64) float64 { return min(1, max(0, x)) }
