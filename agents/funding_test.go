package agents

import (
	"math"
	"testing"
)

func TestPledge(t *testing.T) {
	r := FundingRule{CoopBase: 0.1, CoopSlope: 0.8, CoopTrust: 0.6, PlanCredibility: 0.1, ResultsWeight: 0.3}
	// 0.1 + 0.8·0.5 + 0.6·(0.3 − 0.5) = 0.38
	checkNear(t, "first round", r.Pledge(0.5, 0.3, false, 1), 0.38, tol)
	// 0.38 + 0.1 (plan) + 0.3·(0.5 − 1) = 0.33: a disappointed funder gives less
	checkNear(t, "disappointed", r.Pledge(0.5, 0.3, true, 0.5), 0.33, tol)
	// satisfaction counts up to 2: 0.38 + 0.3·1 = 0.68
	checkNear(t, "satisfied", r.Pledge(0.5, 0.3, false, 5), 0.68, tol)
	checkNear(t, "clamped", r.Pledge(2, 1, true, 2), 1, 0)
	checkNear(t, "satisfaction", Satisfaction(300, 1000, 5), 1.5, tol) // 300/(1000/5)
	checkNear(t, "nothing spent", Satisfaction(300, 0, 0), 1, 0)
	checkNear(t, "spent for nothing", Satisfaction(300, 10, 0), 0, 0)
	e := FundingRule{ExpectationRate: 0.5}
	checkNear(t, "expectation", e.Expect(300, 1000, 2), 400, tol) // 300 + 0.5·(500 − 300)
}

func TestAllocateAndWaterFill(t *testing.T) {
	dst, w := make([]float64, 3), make([]float64, 3)
	caps := []float64{100, 100, 100}
	// scores 2, 1, non-applicant; β = 2: weights 1, ¼ → 80 and 20 of 100
	left := Allocate(dst, []float64{2, 1, -1}, caps, 100, 2, w)
	if left != 0 || !near(dst[0], 80, 1e-9) || !near(dst[1], 20, 1e-9) || dst[2] != 0 {
		t.Fatalf("Allocate = %v, left %g; want [80 20 0], 0", dst, left)
	}
	if !near(caps[0], 20, 1e-9) || !near(caps[1], 80, 1e-9) {
		t.Errorf("caps after = %v, want [20 80 100]", caps)
	}
	// water-filling: equal weights, caps 10 and 100: 10 and 90 of 100
	dst, caps = make([]float64, 2), []float64{10, 100}
	if left := WaterFill(dst, []float64{1, 1}, caps, 100); left != 0 || !near(dst[0], 10, 1e-9) || !near(dst[1], 90, 1e-9) {
		t.Errorf("WaterFill = %v, left %g; want [10 90], 0", dst, left)
	}
	// everyone at the cap: what is left is returned
	dst, caps = make([]float64, 2), []float64{10, 20}
	if left := WaterFill(dst, []float64{1, 3}, caps, 100); !near(left, 70, 1e-9) {
		t.Errorf("left = %g, want 70", left)
	}
	// first round: nobody scores above 0, split evenly among applicants
	dst, caps = make([]float64, 3), []float64{100, 100, 100}
	Allocate(dst, []float64{0, 0, -1}, caps, 60, 2, w)
	if !near(dst[0], 30, 1e-9) || !near(dst[1], 30, 1e-9) || dst[2] != 0 {
		t.Errorf("even split = %v, want [30 30 0]", dst)
	}
}

func TestReportedScoreAndDrift(t *testing.T) {
	// (0.5·0.9·10 + 0.5·0.3·10)/4 = (4.5 + 1.5)/4 = 1.5
	got := ReportedScore(Vec{0.5, 0.5, 0, 0, 0}, Vec{0.9, 0.3, 1, 1, 1}, Vec{10, 10, 0, 0, 0}, 4)
	checkNear(t, "score", got, 1.5, tol)
	checkNear(t, "score without cost", ReportedScore(Vec{1}, Vec{1}, Vec{1}, 0), 0, 0)
	r := FundingRule{GoalDrift: 0.5}
	// k + 0.5·0.4·(f − k)
	got2 := r.Drift(Vec{1, 0, 0, 0, 0}, Vec{0, 1, 0, 0, 0}, 0.4)
	if !vecNear(got2, Vec{0.8, 0.2, 0, 0, 0}, tol) {
		t.Errorf("Drift = %v", got2)
	}
}

func TestPerception(t *testing.T) {
	r := PerceptionRule{Noise: 0.4, Trust: 0.5, Data: 0.5}
	// 0.5·exp(0.4·(1 − 0.5·0.6)·(1 − 0.5·0.2)·1) = 0.5·exp(0.252)
	checkNear(t, "perceived", r.Perceived(0.5, 1, 0.6, 0.2), 0.5*math.Exp(0.252), tol)
	checkNear(t, "known", (&PerceptionRule{Noise: 0.4, Trust: 1}).Perceived(0.5, 2, 1, 0), 0.5, tol)
	checkNear(t, "pooled share", PooledShare(1, 4), 0.25, 0)
	checkNear(t, "no capability anywhere", PooledShare(0, 0), 0, 0)
}
