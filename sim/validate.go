package sim

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cisim/cisim/agents"
)

// Validate reports the first invalid field as an error naming it by its
// dotted key, with the value and what is allowed. A scenario that passes
// cannot make the engine panic or silently clamp.
func (s *Scenario) Validate() error {
	if errs := s.problems(); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// Problems reports every invalid field, in the order Validate checks
// them, joined (nil for none): what a file's validation lists.
func (s *Scenario) Problems() error { return errors.Join(s.problems()...) }

func (s *Scenario) problems() []error {
	v := validator{}
	v.text("name", s.Name)
	v.uncertain(s)
	v.posterior(s)
	v.intRange("beneficiaries.count", s.Beneficiaries.Count, 1, 10_000_000)
	for d, x := range s.Beneficiaries.MeanNeed {
		v.open01("beneficiaries.mean_need."+agents.Domain(d).String(), x)
	}
	v.num("beneficiaries.entry_rate", s.Beneficiaries.EntryRate, 0, 1)
	v.governance(&s.Governance)
	v.funding(&s.Funding)
	v.num("problem.complementarity", s.Problem.Complementarity, 0, 1)
	v.num("problem.need_drift", s.Problem.NeedDrift, 0, 0.2)
	for d, x := range s.Problem.Measurability {
		v.num("problem.measurability."+agents.Domain(d).String(), x, 0, 1)
	}
	v.num("preconditions.urgency", s.Preconditions.Urgency, 0, 1)
	v.num("horizon.years", s.Horizon.Years, 1.0/WeeksPerYear, 200)
	v.num("economics.value_per_outcome", s.Economics.ValuePerOutcome, 0, 1e12)
	v.num("economics.averted_share", s.Economics.AvertedShare, 0, 1)
	v.num("economics.hourly_cost", s.Economics.HourlyCost, 1e-6, 1e7)
	v.actors(s.Actors)
	v.funder(s)
	v.champion(s)
	v.params(&s.Params)
	v.rules(s)
	if len(v.errs) == 0 { // draws and the population are checked on valid ranges only
		v.linkedDraws(s)
	}
	if len(v.errs) == 0 && s.Beneficiaries.Count+s.Entrants() > math.MaxInt32/2 {
		v.fail("beneficiaries.entry_rate", s.Beneficiaries.EntryRate, "a population (first cohort and entrants) below 1e9")
	}
	return v.errs
}

func (v *validator) governance(g *Governance) {
	v.num("governance.backbone_staff", g.BackboneStaff, 0, 1000)
	v.intRange("governance.meeting_interval_weeks", g.MeetingIntervalWeeks, 0, 520)
	v.num("governance.steering_style", g.SteeringStyle, 0, 1)
	v.intRange("governance.beneficiary_engagement", g.BeneficiaryEngagement, 0, 4)
	v.num("governance.power_sharing", g.PowerSharing, 0, 1)
	if g.Agreement > agents.Contract {
		v.fail("governance.agreement", g.Agreement, "none, letter, contract")
	}
	if g.BackboneHost > agents.FunderHost {
		v.fail("governance.backbone_host", g.BackboneHost, "neutral, funder")
	}
}

func (v *validator) funding(f *Funding) {
	v.num("funding.horizon_years", f.HorizonYears, 1.0/WeeksPerYear, 100)
}

// validator keeps every failure, in order.
type validator struct{ errs []error }

func (v *validator) fail(key string, value any, allowed string) {
	v.errs = append(v.errs, &InvalidError{Key: key, Value: fmt.Sprint(value), Allowed: allowed})
}

// text refuses a name that results files and the terminal could not carry
// whole, or that would look like another: one with a control character (a
// newline splits a row of summary.csv, an escape sequence reaches the
// terminal), an invisible one (a zero-width space, a right-to-left
// override, a line separator), space at either end, or that is not UTF-8
// or longer than 200 bytes.
func (v *validator) text(key, s string) {
	const allowed = "a name of at most 200 bytes of UTF-8 text, with no control or invisible characters and no space at either end"
	if k, r, ok := hidden(s); ok {
		v.fail(key, fmt.Sprintf("%s (character %d is U+%04X)", strconv.Quote(s), k+1, r), allowed)
	} else if !utf8.ValidString(s) || len(s) > 200 || strings.TrimSpace(s) != s {
		v.fail(key, strconv.Quote(s), allowed)
	}
}

func (v *validator) num(key string, x, lo, hi float64) {
	if math.IsNaN(x) || x < lo || x > hi {
		v.fail(key, x, bound(lo)+" to "+bound(hi))
	}
}

// bound prints a range end as a person would: one week as 1/52.
func bound(x float64) string {
	if x == 1.0/WeeksPerYear {
		return "1/52 (a week)"
	}
	return fmt.Sprintf("%g", x)
}

func (v *validator) open01(key string, x float64) {
	if math.IsNaN(x) || x <= 0 || x >= 1 {
		v.fail(key, x, "above 0 and below 1")
	}
}

func (v *validator) intRange(key string, x, lo, hi int) {
	if x < lo || x > hi {
		v.fail(key, x, fmt.Sprintf("%d to %d", lo, hi))
	}
}

func (v *validator) actors(as []ActorSpec) {
	if len(as) == 0 {
		v.fail("actors.list", 0, "at least one actor")
		return
	}
	if len(as) > 32000 {
		v.fail("actors.list", len(as), "at most 32000 actors")
		return
	}
	seen := map[string]bool{}
	members := 0
	for i := range as {
		v.actor(fmt.Sprintf("actors.list[%d]", i), &as[i], seen)
		if as[i].Member {
			members++
		}
	}
	if members == 0 {
		v.fail("actors.list", "no member", "at least one actor who is a member at the start")
	}
}

func (v *validator) actor(key string, a *ActorSpec, seen map[string]bool) {
	if a.Name == "" {
		v.fail(key+".name", `""`, "a non-empty name")
	}
	v.text(key+".name", a.Name)
	if seen[a.Name] {
		v.fail(key+".name", a.Name, "a name no other actor has")
	}
	seen[a.Name] = true
	if a.Sector > agents.BackboneOrg {
		v.fail(key+".sector", a.Sector, "nonprofit, public, private, academia, funder, backbone")
	}
	for d := range a.Capability {
		v.num(key+".capability."+agents.Domain(d).String(), a.Capability[d], 0, 1)
		v.num(key+".kpi."+agents.Domain(d).String(), a.KPI[d], 0, 1)
	}
	if a.KPI.Sum() <= 0 {
		v.fail(key+".kpi", a.KPI, "weights with a positive sum")
	}
	for k, name := range agents.ValueNames() {
		v.num(key+".values."+name, a.Values[k], 0, 1)
	}
	v.num(key+".budget", a.Budget, 0, 1e12)
	v.num(key+".staff", a.Staff, 0, 1e6)
	v.num(key+".mandate", a.Mandate, 0, 1)
	v.num(key+".reach", a.Reach, 0, 1)
	v.num(key+".bureaucracy", a.Bureaucracy, 0, 1)
}

// champion checks that a champion is one of the actors.
func (v *validator) champion(s *Scenario) {
	if s.Preconditions.Champion == "" {
		return
	}
	for _, a := range s.Actors {
		if a.Name == s.Preconditions.Champion && a.Member {
			return
		}
	}
	// A champion works from inside: one who leaves is no longer one (§7.10).
	v.fail("preconditions.champion", s.Preconditions.Champion, `the name of a member, or "" for none`)
}

// funder checks that a pooled fund, or a backbone hosted by a funder, has
// a member funder with a budget.
func (v *validator) funder(s *Scenario) {
	for _, a := range s.Actors {
		if a.Member && a.Sector == agents.Funder && a.Budget > 0 {
			return
		}
	}
	if s.Funding.Pooled {
		v.fail("funding.pooled", true, "a pooled fund only with a member funder that has a budget")
	}
	if s.Governance.BackboneHost == agents.FunderHost {
		v.fail("governance.backbone_host", "funder", "a funder host only with a member funder that has a budget")
	}
}

// posterior checks a posterior's shape and that each particle's values lie
// in the ranges their keys allow and keep the linked rules.
func (v *validator) posterior(s *Scenario) {
	p := s.Posterior
	if p == nil {
		return
	}
	if err := p.Check(); err != nil {
		v.fail("posterior", p.Source, err.Error())
		return
	}
	lo, hi := make([]float64, len(p.Keys)), make([]float64, len(p.Keys))
	for j, key := range p.Keys {
		var ok bool
		if lo[j], hi[j], ok = UncertainRange(key); !ok || s.field(key) == nil {
			v.fail(key, p.Source, "a posterior only of numbers that may be uncertain")
			return
		}
	}
	c := *s
	for i, x := range p.Particles {
		for j, key := range p.Keys {
			if x[j] < lo[j] || x[j] > hi[j] {
				v.fail(key, x[j], fmt.Sprintf("%s to %s (posterior particle %d)", bound(lo[j]), bound(hi[j]), i+1))
				return
			}
			*c.field(key) = x[j]
		}
		var w validator
		if w.linked(&c.Params); len(w.errs) > 0 {
			v.fail("posterior", fmt.Sprintf("particle %d", i+1), w.errs[0].Error())
			return
		}
	}
}

// uncertain checks each distribution and that its support lies in the
// range its key allows; keys must be sorted and appear once. It runs
// before the values are checked: a value out of range may be the point
// of a distribution whose bounds are what is wrong.
func (v *validator) uncertain(s *Scenario) {
	for i, u := range s.Uncertain {
		lo, hi, ok := UncertainRange(u.Key)
		switch {
		case !ok || s.field(u.Key) == nil:
			v.fail(u.Key, u.Dist, "a distribution only for a mechanism parameter under params (not an engagement rung's), a number under economics, or problem.complementarity, problem.need_drift")
		case i > 0 && s.Uncertain[i-1].Key >= u.Key:
			v.fail(u.Key, u.Dist, "one distribution per key, sorted by key")
		default:
			if err := u.Dist.Check(); err != nil {
				v.fail(u.Key, u.Dist, err.Error())
			} else if err := u.Dist.Within(lo, hi); err != nil {
				v.fail(u.Key, u.Dist, fmt.Sprintf("bounds within %s to %s", bound(lo), bound(hi)))
			}
		}
	}
}
