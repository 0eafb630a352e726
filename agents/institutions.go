package agents

import "fmt"

// Agreement is the kind of agreement that binds the partners (seed 000:
// "Formal agreements are sometimes a limitation. A Letter of Intent might
// be more effective"; "I recommend an exit clause").
type Agreement uint8

// The agreements.
const (
	NoAgreement Agreement = iota
	LetterOfIntent
	Contract
	numAgreements
)

var agreementNames = [numAgreements]string{"none", "letter", "contract"}

func (a Agreement) String() string {
	if a >= numAgreements {
		return fmt.Sprintf("agreement(%d)", int(a))
	}
	return agreementNames[a]
}

// ParseAgreement returns the agreement of a name (none, letter, contract).
func ParseAgreement(name string) (Agreement, error) {
	return parseName[Agreement]("agreement", agreementNames[:], name)
}

// MarshalYAML writes the agreement's name (the types name the scenario
// file's fields).
func (a Agreement) MarshalYAML() (any, error) { return a.String(), nil }

// UnmarshalYAML reads an agreement's name.
func (a *Agreement) UnmarshalYAML(unmarshal func(any) error) error {
	return unmarshalName(unmarshal, a, ParseAgreement)
}

// Terms are what an agreement does once a plan is agreed under it.
type Terms struct {
	SetupHours  float64 `yaml:"setup_hours"` // hours each member spends drawing it up
	Bond        float64 `yaml:"bond"`        // β_A: commitment it adds to what trust and values warrant
	ExitCost    float64 `yaml:"exit_cost"`   // e: cost of leaving, in the stay value
	Flexibility float64 `yaml:"flexibility"` // φ_A: how freely the plan can be revised (agenda step factor)
}

// AgreementRules hold the terms of each agreement and what an exit clause
// changes.
type AgreementRules struct {
	Letter   Terms   `yaml:"letter"`
	Contract Terms   `yaml:"contract"`
	Clause   float64 `yaml:"clause"` // share of the exit cost and of the trust an exit breaks that an exit clause removes
}

// Of returns the terms of an agreement, with an exit clause or not. No
// agreement has no setup, bond or cost, and full flexibility.
func (r *AgreementRules) Of(a Agreement, clause bool) Terms {
	t := Terms{Flexibility: 1}
	switch a {
	case LetterOfIntent:
		t = r.Letter
	case Contract:
		t = r.Contract
	}
	if clause {
		t.ExitCost *= 1 - r.Clause
	}
	return t
}

// SteeringRule holds what the steering committee's style does. A strategic
// committee of senior delegates decides more at the table; an operational
// one meets longer and holds partners to the plan day to day (seed 000:
// "The steering group should provide more strategic support"; "The
// steering group has been very operational, which has resulted in great
// success").
type SteeringRule struct {
	OperationalHours float64 `yaml:"operational_hours"` // h_op: extra meeting time of a fully operational committee, as a share
	Hold             float64 `yaml:"hold"`              // share of defection and of failed hand-offs a fully operational committee prevents
	SeniorMandate    float64 `yaml:"senior_mandate"`    // share of the missing mandate a fully strategic committee's delegates have
}

// Mandate is a delegate's effective mandate under steering style s
// (0 strategic … 1 operational): μ' = μ + (1 − μ)·σ_M·(1 − s).
func (r *SteeringRule) Mandate(mandate, style float64) float64 {
	return mandate + (1-mandate)*r.SeniorMandate*(1-style)
}

// HostRule holds what it means for the backbone to be hosted by a funder
// rather than by a neutral third-sector organisation (seed 004: "the
// backbone organisation should be neutral and independent").
type HostRule struct {
	Pull      float64 `yaml:"pull"`      // ω_H: seat of the host's KPIs in the agenda
	Convening float64 `yaml:"convening"` // share of the gap to full attendance the host's convening power closes
	Suspicion float64 `yaml:"suspicion"` // benevolence the others no longer see in the host
}

// Host is where the backbone organisation sits.
type Host uint8

// The hosts.
const (
	NeutralHost Host = iota // a neutral, third-sector backbone
	FunderHost              // hosted by the partnership's largest funder
	numHosts
)

var hostNames = [numHosts]string{"neutral", "funder"}

func (h Host) String() string {
	if h >= numHosts {
		return fmt.Sprintf("host(%d)", int(h))
	}
	return hostNames[h]
}

// ParseHost returns the host of a name (neutral, funder).
func ParseHost(name string) (Host, error) {
	return parseName[Host]("backbone host", hostNames[:], name)
}

// MarshalYAML writes the host's name.
func (h Host) MarshalYAML() (any, error) { return h.String(), nil }

// UnmarshalYAML reads a host's name.
func (h *Host) UnmarshalYAML(unmarshal func(any) error) error {
	return unmarshalName(unmarshal, h, ParseHost)
}
