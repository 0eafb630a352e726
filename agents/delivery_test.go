package agents

import "testing"

func TestDeliveryRule(t *testing.T) {
	r := DeliveryRule{ReferralBase: 0.15, ReferralStrength: 0.5, HandoffLoss: 0.02, ProgressMax: 0.02, ProgressHalf: 1,
		NewEfficiency: 0.5, RoutineWeeks: 26}
	checkNear(t, "referral", r.Referral(0.36, 0.5), 0.24, tol) // 0.15 + 0.5·0.36·0.5
	// a = 0.3 of the service actively referred, mutual trust 0.25: 0.3·0.75 = 0.225
	checkNear(t, "hand-off term", HandoffTerm(0.3, 0.25), 0.225, tol)
	checkNear(t, "hand-off hazard", r.HandoffHazard(0.225, 0.2), 0.0036, tol) // 0.02·0.225·0.8
	// 0.8·1.1·(10 + 0.5·4) = 10.56
	checkNear(t, "output beyond routine", r.Output(14, 10, 0.8, 1.1), 10.56, tol)
	checkNear(t, "output within routine", r.Output(6, 10, 0.5, 1), 3, tol)
	checkNear(t, "routine", r.AdaptRoutine(10, 36), 11, tol) // 10 + 26/26
	checkNear(t, "progress", r.Progress(3), 0.015, tol)      // 0.02·3/4
	checkNear(t, "no progress without service", r.Progress(0), 0, 0)
}

func TestEffortShares(t *testing.T) {
	prio, agenda := Vec{1, 0, 0, 0, 0}, Vec{0, 0.5, 0.5, 0, 0}
	rel := Vec{1, 3, 1, 1, 1}
	// z ∝ a·(Q·rel + 1 − Q) = (0, 0.5·2, 0.5·1, 0, 0) → (0, ⅔, ⅓, 0, 0) at Q = ½;
	// x = 0.6·k + 0.4·z
	got := EffortShares(prio, agenda, rel, 0.4, 0.5)
	want := Vec{0.6, 0.4 * 2 / 3, 0.4 / 3, 0, 0}
	if !vecNear(got, want, tol) {
		t.Errorf("EffortShares = %v, want %v", got, want)
	}
	if got := EffortShares(prio, agenda, rel, 0, 1); got != prio {
		t.Errorf("without commitment the actor follows its priorities: %v", got)
	}
}

func TestEngagementAndTargeting(t *testing.T) {
	r := EngagementRule{Rungs: [5]Rung{{}, {}, {}, {Voice: 0.3, TrustBoost: 0.1, Empowerment: 0.5, Hours: 2, Indicators: 0.8}},
		Effect: 2, Cost: 0.5, SampleHalf: 20}
	g := r.At(3)
	if g.Voice != 0.5 || !near(g.TrustBoost, 0.2, tol) || g.Empowerment != 1 || g.Indicators != 1 || g.Hours != 1 {
		t.Errorf("At(3) = %+v: effect scaled and capped, cost scaled", g)
	}
	// φ = 20/(20 + 20) = ½
	got := r.RevealNeeds(Vec{1, 0, 0, 0, 0}, Vec{0, 1, 0, 0, 0}, 20)
	if !vecNear(got, Vec{0.5, 0.5, 0, 0, 0}, tol) {
		t.Errorf("RevealNeeds = %v", got)
	}
	tr := TargetingRule{Base: 0.3, Voice: 0.2, Data: 0.4}
	// ζ = 0.3 + 0.2·2/4 + 0.4·0.5 = 0.6; φ = 0.2/0.6
	zeta, data := tr.Targeting(2, 0.5)
	checkNear(t, "zeta", zeta, 0.6, tol)
	checkNear(t, "data share", data, 1.0/3, tol)
	checkNear(t, "seen", Seen(0.4, 0.5, 0.2, -1), 0.36, tol) // 0.4·(1 − 0.1)
	checkNear(t, "seen never below 0", Seen(0.4, 1, 2, -1), 0, 0)
}

func TestBeneficiaryRule(t *testing.T) {
	r := BeneficiaryRule{TrustGain: 0.1, TrustLoss: 0.3, ExpectedFit: 0.35, DropoutMax: 0.04, TakeUpBase: 0.6}
	checkNear(t, "trust up", r.Trust(0.5, 0.8, 0.05), 0.525, tol) // s = 0.5: 0.5 + 0.1·0.5·0.5
	checkNear(t, "trust down", r.Trust(0.5, 0.15, 0), 0.47, tol)  // s = −0.2: 0.5 − 0.3·0.2·0.5
	checkNear(t, "dropout", r.Dropout(0.5), 0.01, tol)            // 0.04·0.25
	checkNear(t, "take-up", r.TakeUp(0.4, 0.05, 0.6), 0.432, tol) // 0.6·0.45·2·0.8
	checkNear(t, "take-up capped", r.TakeUp(1, 0, 1), 1, 0)
}
