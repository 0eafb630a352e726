package sensitivity

import (
	"math"
	"testing"
)

// BenchmarkSaltelliDesign generates the 1024·(8+2) rows of an 8-lever
// Saltelli design.
func BenchmarkSaltelliDesign(b *testing.B) {
	factors := make([]Factor, 8)
	for i := range factors {
		factors[i] = Factor{Lo: 0, Hi: 10}
	}
	for b.Loop() {
		SaltelliDesign(1024, factors, 0)
	}
}

// BenchmarkSobolIndices analyses those 10240 outputs with 1000 bootstrap
// resamples.
func BenchmarkSobolIndices(b *testing.B) {
	const n, k = 1024, 8
	y := make([]float64, n*(k+2))
	for i := range y {
		y[i] = math.Sin(float64(i))
	}
	for b.Loop() {
		SobolIndices(y, n, k, 1000, 0.95, seeded(1))
	}
}
