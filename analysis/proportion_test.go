package analysis

import (
	"math"
	"testing"
)

func TestProportionCI(t *testing.T) {
	// 10 of 40 at 95%: z = 1.959964; p̂ = 0.25; centre = (0.25 + z²/80)/(1 + z²/40) = 0.29601/1.09604;
	// half = z·√(0.25·0.75/40 + z²/6400)/1.09604. R: prop.test(10, 40, correct = FALSE)$conf.int
	// gives 0.1418712 0.4019396.
	e := ProportionCI(10, 40, 0.95)
	if e.Mean != 0.25 || math.Abs(e.Lo-0.1418712) > 5e-8 || math.Abs(e.Hi-0.4019396) > 5e-8 {
		t.Errorf("ProportionCI(10, 40) = %+v, want 0.25 [0.1418712, 0.4019396]", e)
	}
	// None of 20: the interval starts at 0 and is not empty (R: 0, 0.1611252).
	if e := ProportionCI(0, 20, 0.95); e.Lo != 0 || math.Abs(e.Hi-0.1611252) > 5e-8 {
		t.Errorf("ProportionCI(0, 20) = %+v", e)
	}
	if e := ProportionCI(0, 0, 0.95); !math.IsNaN(e.Mean) {
		t.Errorf("no runs: %+v", e)
	}
}
