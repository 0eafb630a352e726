package agents_test

import (
	"fmt"

	"github.com/cisim/cisim/agents"
)

// Trust is slow to build and fast to break: with λ⁻ = 3λ⁺, a bad meeting
// costs three times what an equally good one earns.
func ExampleTrustRule_Update() {
	r := agents.TrustRule{Gain: 0.05, Loss: 0.15}
	fmt.Printf("after a good meeting: %.3f\n", r.Update(0.5, 0.2))  // 0.5 + 0.05·0.2·0.5
	fmt.Printf("after a bad meeting:  %.3f\n", r.Update(0.5, -0.2)) // 0.5 − 0.15·0.2·0.5
	// Output:
	// after a good meeting: 0.505
	// after a bad meeting:  0.485
}

// A beneficiary who is fully ready in four domains but has covered only a
// fifth of the need in the fifth: with more complementarity the weak domain
// holds readiness back.
func ExampleReadiness() {
	c := [agents.NumDomains]float64{1, 1, 1, 1, 0.2}
	for _, kappa := range []float64{0, 0.5, 1} {
		r := agents.NewReadiness(kappa)
		ready := r.Score(&c) >= r.Threshold(0.5)
		fmt.Printf("κ=%.1f readiness %.3f ready at θ=0.5: %v\n", kappa, r.Value(&c), ready)
	}
	// Output:
	// κ=0.0 readiness 0.840 ready at θ=0.5: true
	// κ=0.5 readiness 0.725 ready at θ=0.5: true
	// κ=1.0 readiness 0.200 ready at θ=0.5: false
}

// A backbone that supplies half the coordination the joint work needs.
func ExampleCoordinationRule_Coordinate() {
	r := agents.CoordinationRule{PartnerQuality: 0.4, PartnerEfficiency: 0.5}
	c := r.Coordinate(20, 10)
	fmt.Printf("coverage %.2f, quality %.2f, partners' burden %.1f h/week\n", c.Coverage, c.Quality, c.Burden)
	// Output:
	// coverage 0.50, quality 0.70, partners' burden 20.0 h/week
}

// Competition for grants with sharpness β = 2 rewards the best reporter
// more than in proportion, but nobody gets more than it can absorb: the
// best reporter's cap of 300 sends the rest to the others.
func ExampleAllocate() {
	grants, weights := make([]float64, 4), make([]float64, 4)
	caps := []float64{1000, 1000, 300, 1000}
	left := agents.Allocate(grants, []float64{1, 2, 3, -1}, caps, 600, 2, weights) // −1: did not apply
	fmt.Printf("%.2f left %.0f\n", grants, left)
	// Output:
	// [60.00 240.00 300.00 0.00] left 0
}
