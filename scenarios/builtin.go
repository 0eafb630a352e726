package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

// Entry is one built-in scenario with a one-line purpose.
type Entry struct {
	Name    string
	Purpose string
	build   func() sim.Scenario
}

const (
	isolatedPurpose   = "Isolated impact: each organisation funded and judged alone on its own KPIs, short competitive grants"
	collectivePurpose = "Collective impact (Kania & Kramer 2011): common agenda, shared measurement, mutually reinforcing activities, continuous communication, backbone, pooled multi-year fund"
)

var library = []Entry{
	{"isolated", isolatedPurpose, Isolated},
	{"collective-impact", collectivePurpose, CollectiveImpact},
}

// List returns the built-in scenarios in order.
func List() []Entry { return slices.Clone(library) }

// Get returns the built-in scenario with the given name.
func Get(name string) (sim.Scenario, error) {
	for _, e := range library {
		if e.Name == name {
			return e.build(), nil
		}
	}
	names := make([]string, len(library))
	for i, e := range library {
		names[i] = e.Name
	}
	return sim.Scenario{}, fmt.Errorf("scenarios: unknown scenario %q (built-in: %s)", name, strings.Join(names, ", "))
}

// Isolated is the default partnership under isolated impact: no meetings,
// no common agenda or shared measurement, no backbone, no beneficiary
// engagement, and each funder giving one-year competitive grants on
// reported own-KPI results.
func Isolated() sim.Scenario {
	s := ungasVagar()
	s.Name = "isolated"
	s.Description = isolatedPurpose
	s.Governance = sim.Governance{}
	s.Funding = sim.Funding{Pooled: false, HorizonYears: 1}
	return s
}

// CollectiveImpact is the default partnership under Kania & Kramer's five
// conditions: a common agenda, shared measurement, mutually reinforcing
// activities (a pooled fund that buys each domain's work from those best
// at it), steering meetings every two weeks (Strive's networks met every two
// weeks), and a backbone of two full-time staff, with a three-year pooled
// fund and a letter of intent. Beneficiaries are not engaged: that is the
// refined model's addition.
func CollectiveImpact() sim.Scenario {
	s := ungasVagar()
	s.Name = "collective-impact"
	s.Description = collectivePurpose
	s.Governance = sim.Governance{
		CommonAgenda:          true,
		SharedMeasurement:     true,
		BackboneStaff:         2,
		MeetingIntervalWeeks:  2,
		BeneficiaryEngagement: 0,
		PowerSharing:          0.5,
		ExitCost:              0.05,
	}
	s.Funding = sim.Funding{Pooled: true, HorizonYears: 3}
	return s
}

// v builds a domain vector in the order skills, self-esteem, network,
// education, wellbeing.
func v(skills, selfEsteem, network, education, wellbeing float64) agents.Vec {
	return agents.Vec{skills, selfEsteem, network, education, wellbeing}
}

// ungasVagar is the default partnership, modelled on the Ungas Vägar job
// market programme in Malmö (seed 000): Save the Children with Malmö City,
// the public employment service, IKEA, Ikano Bank and Skånetrafiken, and a
// funder; 1,000 young people neither working nor studying; ten years.
// The seed gives the partners, the needs (skills, belief in own ability,
// network) and the 70% goal; budgets, staff, capabilities, values and KPI
// weights are assumptions, documented in docs/MODEL.md.
func ungasVagar() sim.Scenario {
	// Values: beneficiary-centred, long-term, public logic (each 0–1).
	return sim.Scenario{
		Actors: []sim.ActorSpec{
			{Name: "Save the Children", Sector: agents.Nonprofit,
				Capability: v(0.4, 0.9, 0.5, 0.3, 0.8), KPI: v(0.1, 0.4, 0.1, 0.1, 0.3),
				Values: agents.Values{0.9, 0.8, 0.7}, Budget: 2.0e6, Staff: 5, Mandate: 0.8, Reach: 0.9, Member: true},
			{Name: "Malmö City", Sector: agents.Public,
				Capability: v(0.5, 0.3, 0.3, 0.9, 0.6), KPI: v(0.2, 0.1, 0.05, 0.45, 0.2),
				Values: agents.Values{0.6, 0.6, 0.9}, Budget: 3.0e6, Staff: 6, Mandate: 0.4, Reach: 0.6, Member: true},
			{Name: "Arbetsförmedlingen", Sector: agents.Public,
				Capability: v(0.8, 0.2, 0.5, 0.4, 0.2), KPI: v(0.6, 0.05, 0.2, 0.1, 0.05),
				Values: agents.Values{0.5, 0.4, 0.8}, Budget: 2.5e6, Staff: 5, Mandate: 0.3, Reach: 0.7, Member: true},
			{Name: "IKEA", Sector: agents.Private,
				Capability: v(0.7, 0.3, 0.9, 0.2, 0.2), KPI: v(0.4, 0.1, 0.4, 0.05, 0.05),
				Values: agents.Values{0.6, 0.6, 0.3}, Budget: 1.0e6, Staff: 2, Mandate: 0.6, Reach: 0.2, Member: true},
			{Name: "Ikano Bank", Sector: agents.Private,
				Capability: v(0.6, 0.3, 0.7, 0.3, 0.2), KPI: v(0.5, 0.1, 0.3, 0.05, 0.05),
				Values: agents.Values{0.5, 0.5, 0.2}, Budget: 0.6e6, Staff: 1.5, Mandate: 0.6, Reach: 0.1, Member: true},
			{Name: "Skånetrafiken", Sector: agents.Public,
				Capability: v(0.5, 0.2, 0.6, 0.2, 0.2), KPI: v(0.4, 0.1, 0.4, 0.05, 0.05),
				Values: agents.Values{0.5, 0.5, 0.5}, Budget: 0.4e6, Staff: 1, Mandate: 0.5, Reach: 0.1, Member: true},
			{Name: "Foundation", Sector: agents.Funder,
				KPI:    v(0.45, 0.05, 0.2, 0.25, 0.05),
				Values: agents.Values{0.5, 0.3, 0.4}, Budget: 6.0e6, Staff: 0.3, Mandate: 0.7, Member: true},
			{Name: "Malmö University", Sector: agents.Academia,
				Capability: v(0.2, 0.2, 0.2, 0.6, 0.3), KPI: v(0.1, 0.1, 0.1, 0.5, 0.2),
				Values: agents.Values{0.7, 0.8, 0.7}, Budget: 0.3e6, Staff: 1, Mandate: 0.5, Reach: 0.1},
			{Name: "Housing company", Sector: agents.Public,
				Capability: v(0.2, 0.3, 0.4, 0.1, 0.6), KPI: v(0.1, 0.2, 0.2, 0.1, 0.4),
				Values: agents.Values{0.6, 0.7, 0.6}, Budget: 0.5e6, Staff: 1, Mandate: 0.6, Reach: 0.3},
		},
		Beneficiaries: sim.Beneficiaries{Count: 1000, MeanNeed: v(0.5, 0.6, 0.55, 0.4, 0.45)},
		Problem: sim.Problem{
			Complementarity: 0.7,
			NeedDrift:       0.005,
			Measurability:   v(0.9, 0.3, 0.6, 0.9, 0.3),
		},
		Horizon: sim.Horizon{Years: 10},
		Economics: sim.Economics{
			ValuePerOutcome: 15e6,
			ValueSource:     "15 MSEK societal cost of one young person in lifelong social exclusion (seed 000; Nilsson & Wadeskog 2008)",
			AvertedShare:    0.2,
			HourlyCost:      600,
		},
		Params: sim.DefaultParams(),
	}
}
