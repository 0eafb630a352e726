package agents

import "testing"

func TestStayValue(t *testing.T) {
	r := MembershipRule{RefTrust: 0.4, ConflictWeight: 0.1, VoiceWeight: 0.2, JoinBase: 0.3}
	s := Stay{Satisfaction: 0.5, Jointness: 0.4, MeanTrust: 0.6, MeanSimilarity: 0.7, Burden: 0.1, ExitCost: 0.05,
		Conflicts: 1, Misfit: 0.5, Voice: 0.5}
	// 0.5 + 0.4·0.2 + 0.4·0.2 − 0.1 + 0.05 − 0.1 − 0.2·0.5·0.5 = 0.46
	v, cause := r.StayValue(s)
	checkNear(t, "stay value", v, 0.46, tol)
	if cause != CauseBurden && cause != CauseConflict {
		t.Errorf("cause = %v, want the largest term below −0.05 (overheads and conflict tie at −0.1)", cause)
	}
	s.Burden, s.Conflicts = 0.02, 0
	if _, cause := r.StayValue(s); cause != CausePoorResults {
		t.Errorf("no term below −0.05 besides results: cause %v", cause)
	}
	s.MeanTrust = 0.1 // 0.4·(0.1 − 0.4) = −0.12
	if _, cause := r.StayValue(s); cause != CauseDistrust {
		t.Errorf("cause = %v, want distrust", cause)
	}
	checkNear(t, "join", r.JoinProbability(0.5, 0.8), 0.12, tol)
}
