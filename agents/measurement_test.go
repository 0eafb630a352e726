package agents

import "testing"

func TestMeasurementRule(t *testing.T) {
	r := MeasurementRule{MaturityRate: 0.1, SampleMax: 100, ItemNoise: 0.5, IndicatorBias: 0.5, LearningRate: 0.25}
	checkNear(t, "maturing", r.Mature(0.2, 0.5, true), 0.24, tol) // 0.2 + 0.1·0.5·0.8
	checkNear(t, "fading", r.Mature(0.2, 1, false), 0.18, tol)
	if n := r.SampleSize(0.456, 1000); n != 46 {
		t.Errorf("SampleSize = %d, want 46", n)
	}
	if n := r.SampleSize(1, 30); n != 30 {
		t.Errorf("SampleSize capped by the enrolled = %d, want 30", n)
	}
	checkNear(t, "record", r.Record(0.4, 0.8, 0.5), 0.4, tol) // 0.8·0.4·1.25
	checkNear(t, "record never below 0", r.Record(0.4, 1, -3), 0, 0)
	// v = 1 − 0.5·(1 − μ)·(1 − ι): μ 0.3, ι 0.5 → 1 − 0.5·0.7·0.5 = 0.825
	v := r.IndicatorView(Vec{0.3, 1, 0, 0, 0}, 0.5)
	if !near(v[0], 0.825, tol) || v[1] != 1 || !near(v[2], 0.75, tol) {
		t.Errorf("IndicatorView = %v", v)
	}
	got := r.Learn(Vec{1, 0, 0, 0, 0}, Vec{0, 1, 0, 0, 0})
	if !vecNear(got, Vec{0.75, 0.25, 0, 0, 0}, tol) {
		t.Errorf("Learn = %v", got)
	}
	// g ∝ gap·cap = (0.25, 0.25, 0, 0, 0) → (½, ½, 0, 0, 0)
	if got := GapReinforcement(Vec{0.5, 0.25, 0.25, 0, 0}, Vec{0.5, 1, 0, 0, 0}); !vecNear(got, Vec{0.5, 0.5, 0, 0, 0}, tol) {
		t.Errorf("GapReinforcement = %v", got)
	}
}

func TestCoordinate(t *testing.T) {
	r := CoordinationRule{PartnerQuality: 0.4, PartnerEfficiency: 0.5, FollowUp: 0.6}
	c := r.Coordinate(40, 10)
	// C = ¼, Q = ¼ + ¾·0.4 = 0.55, burden = ¾·40/0.5 = 60
	if !near(c.Coverage, 0.25, tol) || !near(c.Quality, 0.55, tol) || !near(c.Burden, 60, tol) {
		t.Errorf("Coordinate(40, 10) = %+v", c)
	}
	checkNear(t, "follow-up", r.FollowUpShare(c), 0.33, tol) // 0.6·0.55
	if c := r.Coordinate(0, 10); c.Coverage != 1 || c.Quality != 1 || c.Burden != 0 {
		t.Errorf("nothing to coordinate: %+v", c)
	}
	// Without a backbone the partners follow up themselves, at q_p, and
	// carry the whole need at their efficiency: 10/0.5 = 20 hours.
	nb := r.Coordinate(10, 0)
	checkNear(t, "partners' follow-up", r.FollowUpShare(nb), 0.24, tol) // 0.6·0.4
	checkNear(t, "partners' burden", nb.Burden, 20, tol)
}
