package sim

import (
	"fmt"
	"math"
	"reflect"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/uncertain"
)

// Scenario is everything a run needs: the partnership, the beneficiaries,
// the institutions (governance and funding), the problem and its
// preconditions, the horizon, the economics, the mechanism parameters and
// what is uncertain about them, and the channel switches. Two designs
// compared on one partnership differ only in Governance and Funding.
type Scenario struct {
	Name          string
	Description   string
	Actors        []ActorSpec
	Beneficiaries Beneficiaries
	Governance    Governance
	Funding       Funding
	Problem       Problem       `yaml:"problem"`
	Preconditions Preconditions `yaml:"preconditions"`
	Horizon       Horizon
	Economics     Economics `yaml:"economics"`
	Params        Params    `yaml:"params"`
	Channels      agents.Channels
	// Uncertain lists the numbers drawn anew for each replicate, by dotted
	// key, sorted by key; every other number is fixed at its value above.
	Uncertain []Uncertain
	// Rules make the design adaptive: each changes the governance, the
	// funding or the channels once, in the week its signpost first holds
	// (docs/MODEL.md §3.2). Without rules the design is static.
	Rules []Rule
	// Posterior, if set, replaces the draws of the numbers it names: each
	// replicate takes one of its particles (the same under every design),
	// so a run carries what a calibration learned (docs/CALIBRATION.md).
	// It is given on the command line, never in a scenario file.
	Posterior *uncertain.Posterior `yaml:"-"`
}

// Uncertain is one number drawn for each replicate from a distribution.
type Uncertain struct {
	Key  string // dotted key: params.…, economics.… or problem.complementarity / need_drift
	Dist uncertain.Dist
}

// ActorSpec is an organisation as the scenario gives it. Actors with
// Member false are outsiders who may join later.
type ActorSpec struct {
	Name        string
	Sector      agents.Sector
	Capability  agents.Vec
	Values      agents.Values
	KPI         agents.Vec
	Budget      float64 // SEK a year
	Staff       float64 // FTE
	Mandate     float64
	Reach       float64
	Bureaucracy float64
	Member      bool
}

// Beneficiaries describes the population.
type Beneficiaries struct {
	Count     int        // young people in the population at the start
	MeanNeed  agents.Vec // mean need per domain, in (0,1)
	EntryRate float64    // new entrants a year, as a share of Count
}

// Governance holds the institutions of the partnership (the levers of
// docs/SCENARIOS.md §2 under governance.*).
type Governance struct {
	CommonAgenda          bool             `yaml:"common_agenda"`
	SharedMeasurement     bool             `yaml:"shared_measurement"`
	BackboneStaff         float64          `yaml:"backbone_staff"`         // FTE; 0 = none
	BackboneHost          agents.Host      `yaml:"backbone_host"`          // neutral or funder
	MeetingIntervalWeeks  int              `yaml:"meeting_interval_weeks"` // 0 = no meetings
	SteeringStyle         float64          `yaml:"steering_style"`         // 0 strategic … 1 operational
	BeneficiaryEngagement int              `yaml:"beneficiary_engagement"` // rung 0–4
	PowerSharing          float64          `yaml:"power_sharing"`          // 0 = voice follows money … 1 = equal voice
	Agreement             agents.Agreement `yaml:"agreement"`              // none, letter (of intent) or contract
	ExitClause            bool             `yaml:"exit_clause"`            // the agreement says how a partner may leave
}

// Funding holds how money flows.
type Funding struct {
	Pooled       bool    `yaml:"pooled"`        // a pooled fund allocated on the agenda, versus separate grants
	HorizonYears float64 `yaml:"horizon_years"` // length of a funding commitment
}

// Problem describes the social problem.
type Problem struct {
	Complementarity float64    `yaml:"complementarity"` // κ: 0 needs are substitutes … 1 strict complements
	NeedDrift       float64    `yaml:"need_drift"`      // σ_N per week of the drift of the need profile
	Measurability   agents.Vec // how visible progress in each domain is in reports, in [0,1]
}

// Preconditions are what decides whether initiation succeeds at all
// (seed 001): an influential champion and urgency for change. (Adequate
// financial resources follow from the funding.)
type Preconditions struct {
	Champion string  `yaml:"champion"` // the actor whose leader champions the partnership; "" none
	Urgency  float64 `yaml:"urgency"`  // U: how widely a new approach is felt to be needed, in [0,1]
}

// Horizon is how long a run lasts.
type Horizon struct {
	Years float64 `yaml:"years"`
}

// Economics values outcomes and prices hours.
type Economics struct {
	ValuePerOutcome float64 `yaml:"value_per_outcome"` // SEK: societal cost of one young person in lasting exclusion
	ValueSource     string  `yaml:"value_source"`
	AvertedShare    float64 `yaml:"averted_share"` // share of additional outcomes that avert lasting exclusion
	HourlyCost      float64 `yaml:"hourly_cost"`   // SEK per staff hour
}

// Ticks returns the number of weeks of the horizon.
func (s *Scenario) Ticks() int { return int(math.Round(s.Horizon.Years * WeeksPerYear)) }

// Entrants is the number who enter the population after the start.
func (s *Scenario) Entrants() int {
	n := 0
	for y := 0; y*WeeksPerYear < s.Ticks(); y++ {
		n += agents.Cohort(s.Beneficiaries.Count, s.Beneficiaries.EntryRate, y)
	}
	return n
}

// uncertainRanges are the allowed ranges of the numbers outside params
// that may be uncertain.
var uncertainRanges = map[string][2]float64{
	"economics.value_per_outcome": {0, 1e12},
	"economics.averted_share":     {0, 1},
	"economics.hourly_cost":       {1e-6, 1e7},
	"problem.complementarity":     {0, 1},
	"problem.need_drift":          {0, 0.2},
}

// UncertainRange returns the allowed range of a number that may be given a
// distribution, by dotted key; ok is false for a key that may not.
func UncertainRange(key string) (lo, hi float64, ok bool) {
	if r, ok := uncertainRanges[key]; ok {
		return r[0], r[1], true
	}
	if _, lo, hi, ok := ParamSource(key); ok && len(key) > 7 && key[:7] == "params." {
		p := DefaultParams()
		if floatField(&p, key[7:]) != nil {
			return lo, hi, true
		}
	}
	return 0, 0, false
}

// field returns the address of the number at an uncertain key in s.
func (s *Scenario) field(key string) *float64 {
	f := fieldByKey(reflect.ValueOf(s).Elem(), key)
	if !f.IsValid() || f.Kind() != reflect.Float64 {
		return nil
	}
	return f.Addr().Interface().(*float64)
}

// InvalidError is an invalid scenario field, named by its dotted key.
type InvalidError struct {
	Key     string // dotted key, as in scenario files and --set
	Value   string
	Allowed string
}

func (e *InvalidError) Error() string {
	return fmt.Sprintf("sim: invalid %s: %s (allowed: %s)", e.Key, e.Value, e.Allowed)
}
