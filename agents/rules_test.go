package agents

import "testing"

func TestConflictRule(t *testing.T) {
	r := ConflictRule{Rate: 0.1, PowerWeight: 2, Resolve: 0.02, ResolveBroker: 0.1, ResolveTrust: 0.2, Repair: 0.1}
	// 0.1·((1 − 0.8) + 2·|0.5 − 0.2|) = 0.1·(0.2 + 0.6) = 0.08
	checkNear(t, "chance", r.Chance(0.8, 0.5, 0.2), 0.08, tol)
	checkNear(t, "chance symmetric", r.Chance(0.8, 0.2, 0.5), 0.08, tol)
	checkNear(t, "chance capped", (&ConflictRule{Rate: 5, PowerWeight: 1}).Chance(0, 1, 0), 1, 0)
	// 0.02 + 0.1·0.5 + 0.2·0.25 = 0.12
	checkNear(t, "resolve", r.ResolveChance(0.5, 0.25), 0.12, tol)
	checkNear(t, "repair", r.Repaired(0.6), 0.64, tol) // 0.6 + 0.1·0.4
}

func TestDecisionRule(t *testing.T) {
	r := DecisionRule{FitExponent: 2, ApprovalWeeks: 8, NoChampion: 0.25, Unfunded: 0.3, NoUrgency: 0.5}
	p := Vec{0.5, 0.5, 0, 0, 0}
	plan := Vec{0.5, 0, 0.5, 0, 0}                             // A = 1 − ½·(0 + 0.5 + 0.5) = 0.5
	checkNear(t, "consent", r.Consent(0.8, p, plan), 0.2, tol) // 0.8·0.5²
	checkNear(t, "consent to a perfect fit", r.Consent(0.8, p, p), 0.8, tol)
	checkNear(t, "approval at bureaucracy 0.5", r.ApprovalMean(0.5), 5, 0) // 1 + 8·0.5
	// champion, F = 0.5, U = 0.4: 1·(0.3 + 0.7·0.5)·(0.5 + 0.5·0.4) = 0.65·0.7 = 0.455
	checkNear(t, "gate", r.Gate(true, 0.5, 0.4), 0.455, tol)
	// no champion, nothing funded, no urgency: 0.25·0.3·0.5 = 0.0375
	checkNear(t, "gate closed", r.Gate(false, 0, 0), 0.0375, tol)
	checkNear(t, "gate open", r.Gate(true, 1, 1), 1, 0)
}

func TestAgendaRule(t *testing.T) {
	actors := []Actor{
		{Member: true, Attended: true, Budget: 3, Priority: Vec{1, 0, 0, 0, 0}},
		{Member: true, Attended: true, Budget: 1, Priority: Vec{0, 1, 0, 0, 0}},
		{Member: true, Attended: false, Budget: 4, Priority: Vec{0, 0, 1, 0, 0}},
	}
	w := make([]float64, 3)
	InfluenceWeights(w, actors, 0.5)
	// attending money 4: (1 − ½)·3/4 + ½/2 = 0.625; (1 − ½)·1/4 + ¼ = 0.375; absent 0
	if !near(w[0], 0.625, tol) || !near(w[1], 0.375, tol) || w[2] != 0 {
		t.Fatalf("InfluenceWeights = %v, want [0.625 0.375 0]", w)
	}
	s := Seats{Voice: 0.2, Believed: Vec{0, 0, 0, 1, 0}, Host: 0.1, HostKPI: Vec{0, 0, 0, 0, 1}}
	// own seat 0.7: 0.7·(0.625, 0.375, 0, 0, 0) + 0.2·e₄ + 0.1·e₅
	want := Vec{0.4375, 0.2625, 0, 0.2, 0.1}
	if got := Target(actors, w, s); !vecNear(got, want, tol) {
		t.Errorf("Target = %v, want %v", got, want)
	}
	// Seats of 0.5 + 0.5·1 + 0.5 = 1.5 take the whole table, each scaled by
	// 1/1.5: (0, 0, 0, ⅓, ⅓) from voice and host, ⅓ to data's e₃.
	big := Seats{Voice: 0.5, Believed: Vec{0, 0, 0, 1, 0}, Data: 0.5, Measured: Vec{0, 0, 1, 0, 0}, Host: 0.5, HostKPI: Vec{0, 0, 0, 0, 1}}
	if got, want := Target(actors, w, big), (Vec{0, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3}); !vecNear(got, want, tol) {
		t.Errorf("Target with seats over 1 = %v, want %v", got, want)
	}
	r := AgendaRule{Rate: 0.5}
	// ρ = 0.5·0.8·0.5·0.5 = 0.1: 0.9·a + 0.1·a*
	got := r.Move(Vec{1, 0, 0, 0, 0}, Vec{0, 1, 0, 0, 0}, 0.8, 0.5, 0.5)
	if !vecNear(got, Vec{0.9, 0.1, 0, 0, 0}, tol) {
		t.Errorf("Move = %v, want [0.9 0.1 0 0 0]", got)
	}
}

func TestCoherence(t *testing.T) {
	same := []Actor{{Member: true, Hours: 1, Effort: Vec{1, 0, 0, 0, 0}}, {Member: true, Hours: 2, Effort: Vec{2, 0, 0, 0, 0}}}
	checkNear(t, "same work", Coherence(same), 1, tol)
	// opposite work, equal hours: mean (½, ½); each is ½ from it: 1 − ½ = ½
	apart := []Actor{{Member: true, Hours: 1, Effort: Vec{1, 0, 0, 0, 0}}, {Member: true, Hours: 1, Effort: Vec{0, 1, 0, 0, 0}}}
	checkNear(t, "opposite work", Coherence(apart), 0.5, tol)
	checkNear(t, "nobody works", Coherence([]Actor{{Member: true}}), 0, 0)
}

func TestValuesAndCommitment(t *testing.T) {
	v := ValueRule{Confidence: 0.3, Rate: 0.5}
	// within 0.3 on every dimension: each moves μ·τ of the gap
	vi, vj := v.Encounter(Values{0.5, 0.5, 0.5}, Values{0.7, 0.5, 0.3}, 0.8, 0.4)
	if !valuesNear(vi, Values{0.58, 0.5, 0.42}, tol) || !valuesNear(vj, Values{0.66, 0.5, 0.34}, tol) {
		t.Errorf("Encounter = %v, %v", vi, vj)
	}
	// 0.35 apart on one dimension: nobody moves
	vi, _ = v.Encounter(Values{0.5, 0.5, 0.5}, Values{0.85, 0.5, 0.5}, 1, 1)
	if vi != (Values{0.5, 0.5, 0.5}) {
		t.Errorf("values beyond confidence moved: %v", vi)
	}
	c := CommitmentRule{Rate: 0.1, Pressure: 0.5}
	// 0.5 + 0.1·(min(1, (0.6 + 0.8)/2 + 0.1) − 0.5) = 0.5 + 0.1·0.3 = 0.53
	checkNear(t, "commitment", c.Update(0.5, 0.6, 0.8, 0.1), 0.53, tol)
	checkNear(t, "commitment capped", c.Update(0.5, 1, 1, 0.5), 0.55, tol) // target min(1, 1.5) = 1
	kpi, agenda := Vec{1, 0, 0, 0, 0}, Vec{0.5, 0.5, 0, 0, 0}              // A = 0.5
	// 0.5·(1 − 0.5)·(1 − 0.4)·(1 − 0.25) = 0.1125
	checkNear(t, "defection", c.Defection(kpi, agenda, 0.4, 0.25), 0.1125, tol)
	checkNear(t, "no defection at full mandate", c.Defection(kpi, agenda, 1, 0), 0, 0)
}

func TestDispersion(t *testing.T) {
	actors := []Actor{{Member: true, Values: Values{0, 0, 0}}, {Member: true, Values: Values{0.3, 0.3, 0.3}}, {Values: Values{1, 1, 1}}}
	checkNear(t, "two members", Dispersion(actors), 0.3, tol) // the outsider does not count
	checkNear(t, "one member", Dispersion(actors[:1]), 0, 0)
}

func TestInstitutions(t *testing.T) {
	r := AgreementRules{Letter: Terms{SetupHours: 10, ExitCost: 0.1, Flexibility: 1}, Contract: Terms{ExitCost: 0.2, Flexibility: 0.5}, Clause: 0.5}
	if got := r.Of(NoAgreement, true); got != (Terms{Flexibility: 1}) {
		t.Errorf("no agreement: %+v", got)
	}
	checkNear(t, "letter with clause", r.Of(LetterOfIntent, true).ExitCost, 0.05, tol)
	checkNear(t, "contract", r.Of(Contract, false).ExitCost, 0.2, 0)
	s := SteeringRule{SeniorMandate: 0.5}
	checkNear(t, "strategic mandate", s.Mandate(0.4, 0), 0.7, tol) // 0.4 + 0.6·0.5
	checkNear(t, "operational mandate", s.Mandate(0.4, 1), 0.4, 0)
	for _, name := range []string{"none", "letter", "contract"} {
		a, err := ParseAgreement(name)
		if err != nil || a.String() != name {
			t.Errorf("ParseAgreement(%q) = %v, %v", name, a, err)
		}
	}
	if _, err := ParseAgreement("treaty"); err == nil {
		t.Error("an unknown agreement parsed")
	}
	if h, err := ParseHost("funder"); err != nil || h != FunderHost {
		t.Errorf("ParseHost(funder) = %v, %v", h, err)
	}
}
