package agents

import "testing"

func TestTrustMatrix(t *testing.T) {
	tr := NewTrust(3)
	tr.Set(0, 2, 0.7)
	tr.Set(2, 0, 0.5)
	if tr.At(0, 2) != 0.7 || tr.At(2, 0) != 0.5 || tr.T[0*3+2] != 0.7 {
		t.Errorf("At(0,2), At(2,0) = %v, %v; want 0.7, 0.5 in row-major storage", tr.At(0, 2), tr.At(2, 0))
	}
	checkNear(t, "Mutual(0,2)", tr.Mutual(0, 2), 0.35, tol) // 0.7·0.5
}

func TestTrustSignal(t *testing.T) {
	r := TrustRule{Neutral: 0.5}
	cases := []struct {
		name string
		e    Evidence
		eps  float64
		want float64
	}{
		// (0.6 + 0.9 + 0.3)/3 − 0.5 = 0.1
		{"committed", Evidence{0.6, 0.9, 0.3, true}, 0, 0.1},
		// integrity is not seen without a commitment: (0.6 + 0.9)/2 − 0.5 = 0.25
		{"nothing committed", Evidence{0.6, 0.9, 0.3, false}, 0, 0.25},
		// (1 + 1)/2 − 0.5 − 0.2 = 0.3
		{"noise", Evidence{1, 1, 0, false}, -0.2, 0.3},
	}
	for _, c := range cases {
		checkNear(t, c.name, r.Signal(c.e, c.eps), c.want, tol)
	}
}

func TestTrustUpdateDecayBreakRevert(t *testing.T) {
	r := TrustRule{Gain: 0.05, Loss: 0.15, Decay: 0.0125, Floor: 0.1}
	checkNear(t, "gain", r.Update(0.3, 0.2), 0.307, tol)                // 0.3 + 0.05·0.2·0.7
	checkNear(t, "loss", r.Update(0.3, -0.2), 0.291, tol)               // 0.3 − 0.15·0.2·0.3
	checkNear(t, "full", r.Update(1, 0.4), 1, 0)                        // no room to grow
	checkNear(t, "capped", (&TrustRule{Loss: 3}).Update(0.8, -1), 0, 0) // min(1, 3·1) of 0.8 lost
	// 0.5 − 0.0125·(1 − 0.4)·(0.5 − 0.1) = 0.5 − 0.003 = 0.497
	checkNear(t, "decay with follow-up", r.DecayTrust(0.5, 0.4), 0.497, tol)
	checkNear(t, "decay at floor", r.DecayTrust(0.1, 0), 0.1, 0)
	checkNear(t, "break", Break(0.8, 0.25), 0.6, tol)        // 0.8·0.75
	checkNear(t, "revert", Revert(0.8, 0.3, 0.5), 0.55, tol) // 0.8 − 0.5·(0.8 − 0.3)
}

func TestTrustStaysInBounds(t *testing.T) {
	r := TrustRule{Gain: 1, Loss: 1}
	for _, tau := range []float64{0, 0.2, 0.9, 1} {
		for _, s := range []float64{-5, -1, -0.1, 0, 0.1, 1, 5} {
			if x := r.Update(tau, s); x < 0 || x > 1 {
				t.Errorf("Update(%g, %g) = %g outside [0,1]", tau, s, x)
			}
		}
	}
}
