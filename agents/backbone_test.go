package agents

import "testing"

func TestCoordinate(t *testing.T) {
	cases := []struct {
		name                 string
		need, supplied, q, η float64
		want                 Coordination
	}{
		// No joint work: C = Q = 1, no burden.
		{"no need", 0, 10, 0.3, 0.5, Coordination{Need: 0, Supplied: 10, Coverage: 1, Quality: 1}},
		{"negative need", -5, 0, 0.3, 0.5, Coordination{Need: -5, Supplied: 0, Coverage: 1, Quality: 1}},
		// C = 10/20 = ½: Q = ½ + ½·0.4 = 0.7; burden ½·20/0.5 = 20.
		{"half", 20, 10, 0.4, 0.5, Coordination{Need: 20, Supplied: 10, Coverage: 0.5, Quality: 0.7, Burden: 20}},
		// Oversupply: C = min(1, 30/20) = 1, Q = 1, no burden.
		{"oversupply", 20, 30, 0.4, 0.5, Coordination{Need: 20, Supplied: 30, Coverage: 1, Quality: 1}},
		// No backbone: C = 0, Q = q_p = 0.4, burden 20/0.5 = 40.
		{"no backbone", 20, 0, 0.4, 0.5, Coordination{Need: 20, Supplied: 0, Coverage: 0, Quality: 0.4, Burden: 40}},
		// C = 10/40 = ¼: Q = ¼ + ¾·0 = ¼; burden ¾·40/0.8 = 37.5.
		{"quarter", 40, 10, 0, 0.8, Coordination{Need: 40, Supplied: 10, Coverage: 0.25, Quality: 0.25, Burden: 37.5}},
	}
	for _, c := range cases {
		got := Coordinate(c.need, c.supplied, c.q, c.η)
		w := c.want
		if got.Need != w.Need || got.Supplied != w.Supplied ||
			!near(got.Coverage, w.Coverage, tol) || !near(got.Quality, w.Quality, tol) || !near(got.Burden, w.Burden, 1e-9) {
			t.Errorf("%s: %+v, want %+v", c.name, got, w)
		}
	}
}

// Half supply gives coverage ½, quality ½ + ½·q_p and burden ½·N/η for any
// need, partner quality and efficiency.
func TestCoordinateHalfSupply(t *testing.T) {
	for _, need := range []float64{8, 20, 100} {
		for _, q := range []float64{0, 0.3, 1} {
			for _, eta := range []float64{0.25, 0.5, 1} {
				c := Coordinate(need, need/2, q, eta)
				checkNear(t, "coverage", c.Coverage, 0.5, 0) // (N/2)/N is exact
				checkNear(t, "quality", c.Quality, 0.5+0.5*q, tol)
				checkNear(t, "burden", c.Burden, 0.5*need/eta, 1e-9)
			}
		}
	}
	// More backbone supply: more coverage and quality, less burden.
	prev := Coordinate(20, 0, 0.4, 0.5)
	for s := 2.0; s <= 24; s += 2 {
		c := Coordinate(20, s, 0.4, 0.5)
		if c.Coverage < prev.Coverage || c.Quality < prev.Quality || c.Burden > prev.Burden {
			t.Errorf("supply %v: %+v not better than %+v", s, c, prev)
		}
		if c.Coverage > 1 || c.Quality > 1 || c.Burden < 0 {
			t.Errorf("supply %v: %+v out of range", s, c)
		}
		prev = c
	}
}
