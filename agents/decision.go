package agents

// DecisionRule holds the parameters of how partners agree a plan: every
// member must consent; a delegate consents at the table only as far as its
// mandate reaches and the plan fits what it stands for, otherwise it
// refers the plan upward and its organisation answers after a delay that
// grows with bureaucracy (seed 000: "individuals with a limited mandate
// and/or organizations suffering from highly bureaucratic processes
// struggle"). Preconditions gate the decision (seed 001).
type DecisionRule struct {
	AgreeTrust    float64 `yaml:"agree_trust"`    // τ_A: mean trust among members below which no plan is agreed
	FitExponent   float64 `yaml:"fit_exponent"`   // γ: how much a poor fit of the plan deters consent
	ApprovalWeeks float64 `yaml:"approval_weeks"` // W_A: mean weeks an upward referral takes at bureaucracy 1
	PendingHours  float64 `yaml:"pending_hours"`  // hours each attendee spends on a pending decision per meeting
	NoChampion    float64 `yaml:"no_champion"`    // g_C: the gate's factor without an influential champion
	Unfunded      float64 `yaml:"unfunded"`       // g_F: the gate's factor with no funded infrastructure
	NoUrgency     float64 `yaml:"no_urgency"`     // g_U: the gate's factor at no urgency for change
}

// Consent is the chance that a delegate consents to the plan at the table:
//
//	p = μ·A(k, a)^γ
//
// with μ its effective mandate, k its organisation's priorities and a the
// plan (agenda) on the table.
func (r *DecisionRule) Consent(mandate float64, priority, plan Vec) float64 {
	fit := Alignment(priority, plan)
	return mandate * pow(fit, r.FitExponent)
}

// ApprovalMean is the mean number of weeks its organisation takes to
// approve a plan its delegate referred upward: 1 + W_A·bureaucracy.
func (r *DecisionRule) ApprovalMean(bureaucracy float64) float64 {
	return 1 + r.ApprovalWeeks*bureaucracy
}

// Gate is the chance that a plan every member consented to is agreed at a
// meeting, from the preconditions of collective impact (seed 001: an
// influential champion, adequate financial resources, urgency for change):
//
//	G = (champion ? 1 : g_C)·(g_F + (1 − g_F)·F)·(g_U + (1 − g_U)·U)
//
// with F in [0,1] the share of the joint infrastructure that is funded
// (the backbone's coverage of the coordination need) and U in [0,1] the
// urgency for change.
func (r *DecisionRule) Gate(champion bool, funded, urgency float64) float64 {
	g := r.NoChampion
	if champion {
		g = 1
	}
	return g * (r.Unfunded + (1-r.Unfunded)*funded) * (r.NoUrgency + (1-r.NoUrgency)*urgency)
}
