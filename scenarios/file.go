package scenarios

import (
	"errors"
	"fmt"
	"slices"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/uncertain"
)

// File is a scenario as written in YAML. Its keys are the dotted keys of
// errors and of overrides (governance.backbone_staff, actors.list[0].budget,
// params.trust.gain, …). Governance, funding, horizon, economics and the
// mechanism parameters use the engine's own types; actors, beneficiaries
// and the problem spell per-domain numbers out by name.
type File struct {
	Name          string            `yaml:"name"`
	Description   string            `yaml:"description"`
	Extends       string            `yaml:"extends,omitempty"`
	Horizon       sim.Horizon       `yaml:"horizon"`
	Beneficiaries FileBeneficiaries `yaml:"beneficiaries"`
	Problem       FileProblem       `yaml:"problem"`
	Preconditions sim.Preconditions `yaml:"preconditions"`
	Governance    sim.Governance    `yaml:"governance"`
	Funding       sim.Funding       `yaml:"funding"`
	Economics     sim.Economics     `yaml:"economics"`
	Actors        FileActors        `yaml:"actors"`
	Params        sim.Params        `yaml:"params"`
	Channels      agents.Channels   `yaml:"channels"`
	// Uncertain holds the numbers given a distribution instead of a value,
	// by dotted key; the number's field holds the distribution's point value.
	Uncertain map[string]uncertain.Dist `yaml:"-"`
	// Rules make the design adaptive (docs/SCENARIOS.md §8); a file's
	// list replaces its base's. Written after the rest of the file.
	Rules []FileRule `yaml:"-"`
}

// FileBeneficiaries describes the population.
type FileBeneficiaries struct {
	Count     int          `yaml:"count"`
	MeanNeed  DomainValues `yaml:"mean_need,flow"`
	EntryRate float64      `yaml:"entry_rate"`
}

// FileProblem describes the social problem.
type FileProblem struct {
	Complementarity float64      `yaml:"complementarity"`
	NeedDrift       float64      `yaml:"need_drift"`
	Measurability   DomainValues `yaml:"measurability,flow"`
}

// FileActors holds the actors and the two generator levers. A lever left
// out (null) keeps the actors as listed.
type FileActors struct {
	ValueSpread       *float64    `yaml:"value_spread"`
	CapabilityOverlap *float64    `yaml:"capability_overlap"`
	List              []FileActor `yaml:"list"`
}

// FileActor is one organisation.
type FileActor struct {
	Name        string       `yaml:"name"`
	Sector      string       `yaml:"sector"`
	Member      bool         `yaml:"member"`
	Budget      float64      `yaml:"budget"`
	Staff       float64      `yaml:"staff"`
	Mandate     float64      `yaml:"mandate"`
	Reach       float64      `yaml:"reach"`
	Bureaucracy float64      `yaml:"bureaucracy"`
	Capability  DomainValues `yaml:"capability,flow"`
	KPI         DomainValues `yaml:"kpi,flow"`
	Values      ValueDims    `yaml:"values,flow"`
}

// DomainValues is one number per need domain.
type DomainValues struct {
	Skills     float64 `yaml:"skills"`
	SelfEsteem float64 `yaml:"self_esteem"`
	Network    float64 `yaml:"network"`
	Education  float64 `yaml:"education"`
	Wellbeing  float64 `yaml:"wellbeing"`
}

func (d DomainValues) vec() agents.Vec {
	return agents.Vec{d.Skills, d.SelfEsteem, d.Network, d.Education, d.Wellbeing}
}

func domainValues(v agents.Vec) DomainValues {
	return DomainValues{v[agents.Skills], v[agents.SelfEsteem], v[agents.Network], v[agents.Education], v[agents.Wellbeing]}
}

// ValueDims is an actor's position on each value dimension.
type ValueDims struct {
	BeneficiaryCentred float64 `yaml:"beneficiary_centred"`
	LongTerm           float64 `yaml:"long_term"`
	PublicLogic        float64 `yaml:"public_logic"`
}

func (v ValueDims) values() agents.Values {
	return agents.Values{v.BeneficiaryCentred, v.LongTerm, v.PublicLogic}
}

func valueDims(v agents.Values) ValueDims { return ValueDims{v[0], v[1], v[2]} }

// scenario converts the file to the engine's scenario, applying the
// generators. Errors name the offending key.
func (f *File) scenario() (sim.Scenario, error) {
	s := sim.Scenario{
		Name:        f.Name,
		Description: f.Description,
		Beneficiaries: sim.Beneficiaries{Count: f.Beneficiaries.Count, MeanNeed: f.Beneficiaries.MeanNeed.vec(),
			EntryRate: f.Beneficiaries.EntryRate},
		Preconditions: f.Preconditions,
		Governance:    f.Governance,
		Funding:       f.Funding,
		Problem: sim.Problem{
			Complementarity: f.Problem.Complementarity,
			NeedDrift:       f.Problem.NeedDrift,
			Measurability:   f.Problem.Measurability.vec(),
		},
		Horizon:   f.Horizon,
		Economics: f.Economics,
		Params:    f.Params,
		Channels:  f.Channels,
		Uncertain: f.uncertainList(),
	}
	var unknown []error // every unknown sector, not only the first
	for i, a := range f.Actors.List {
		sector, err := agents.ParseSector(a.Sector)
		if err != nil {
			unknown = append(unknown, &FieldError{Key: fmt.Sprintf("actors.list[%d].sector", i), Msg: fmt.Sprintf("unknown sector %q (allowed: nonprofit, public, private, academia, funder, backbone)", a.Sector)})
		}
		s.Actors = append(s.Actors, sim.ActorSpec{
			Name: a.Name, Sector: sector, Capability: a.Capability.vec(), Values: a.Values.values(),
			KPI: a.KPI.vec(), Budget: a.Budget, Staff: a.Staff, Mandate: a.Mandate, Reach: a.Reach,
			Bureaucracy: a.Bureaucracy, Member: a.Member,
		})
	}
	rules, bad := f.engineRules(s.Ticks())
	s.Rules, unknown = rules, append(unknown, bad...)
	if len(unknown) > 0 {
		return s, errors.Join(unknown...)
	}
	if err := generate(&s, f.Actors.ValueSpread, f.Actors.CapabilityOverlap); err != nil {
		return s, err
	}
	return s, nil
}

// fileOf is the file form of an engine scenario (used for the root of the
// library: the default parameters), without its rules.
func fileOf(s sim.Scenario) File {
	f := File{
		Name: s.Name, Description: s.Description, Horizon: s.Horizon,
		Beneficiaries: FileBeneficiaries{Count: s.Beneficiaries.Count, MeanNeed: domainValues(s.Beneficiaries.MeanNeed),
			EntryRate: s.Beneficiaries.EntryRate},
		Problem: FileProblem{Complementarity: s.Problem.Complementarity, NeedDrift: s.Problem.NeedDrift,
			Measurability: domainValues(s.Problem.Measurability)},
		Preconditions: s.Preconditions, Governance: s.Governance, Funding: s.Funding, Economics: s.Economics,
		Params: s.Params, Channels: s.Channels, Uncertain: map[string]uncertain.Dist{},
	}
	for _, u := range s.Uncertain {
		f.Uncertain[u.Key] = u.Dist
	}
	for _, a := range s.Actors {
		f.Actors.List = append(f.Actors.List, FileActor{
			Name: a.Name, Sector: a.Sector.String(), Member: a.Member, Budget: a.Budget, Staff: a.Staff,
			Mandate: a.Mandate, Reach: a.Reach, Bureaucracy: a.Bureaucracy, Capability: domainValues(a.Capability),
			KPI: domainValues(a.KPI), Values: valueDims(a.Values),
		})
	}
	return f
}

// uncertainList is the file's distributions in the engine's form, sorted
// by key.
func (f *File) uncertainList() []sim.Uncertain {
	keys := make([]string, 0, len(f.Uncertain))
	for k := range f.Uncertain {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]sim.Uncertain, len(keys))
	for i, k := range keys {
		out[i] = sim.Uncertain{Key: k, Dist: f.Uncertain[k]}
	}
	return out
}

// clone returns a copy of the file that shares no mutable state with it.
func (f File) clone() File {
	f.Actors.List = slices.Clone(f.Actors.List)
	f.Rules = slices.Clone(f.Rules) // a rule is not changed once read
	if p := f.Actors.ValueSpread; p != nil {
		v := *p
		f.Actors.ValueSpread = &v
	}
	if p := f.Actors.CapabilityOverlap; p != nil {
		v := *p
		f.Actors.CapabilityOverlap = &v
	}
	u := make(map[string]uncertain.Dist, len(f.Uncertain))
	for k, d := range f.Uncertain {
		u[k] = d
	}
	f.Uncertain = u
	return f
}

// PointValues drops every distribution: each uncertain number keeps its
// point value (runs without parameter uncertainty).
func (f *File) PointValues() { f.Uncertain = map[string]uncertain.Dist{} }
