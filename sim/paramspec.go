package sim

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cisim/cisim/uncertain"
)

// paramSpec is one mechanism parameter: its dotted key under params., the
// range a scenario may give it, the range of its uncertainty (a triangular
// distribution from low to high with its point value as mode; none when
// both are 0), and where its value comes from.
type paramSpec struct {
	key         string
	sym         string // its symbol in docs/MODEL.md
	lo, hi      float64
	pLow, pHigh float64
	source      string
}

const assumed = "assumption"

// paramTable is the one list of every mechanism parameter. Validation,
// the default uncertainty, docs/MODEL.md §8 (checked by a test) and the
// scenario file's keys all follow it. Integer parameters and structural
// constants carry no uncertainty.
var paramTable = []paramSpec{
	{"trust.init_mean", "τ̄₀", 0, 1, 0.2, 0.4, assumed},
	{"trust.init_spread", "Δτ₀", 0, 0.5, 0, 0, assumed},
	{"trust.gain", "λ⁺", 0, 1, 0.02, 0.1, assumed + "; slow to build, fast to break: Vangen & Huxham 2003"},
	{"trust.loss", "λ⁻", 0, 1, 0.06, 0.3, assumed + "; λ⁻ ≈ 3λ⁺ (model brief)"},
	{"trust.neutral", "θ_τ", 0, 1, 0.4, 0.6, assumed},
	{"trust.noise", "σ_τ", 0, 1, 0.05, 0.3, assumed},
	{"trust.decay", "δ_τ", 0, 1, 0.005, 0.025, assumed},
	{"trust.floor", "τ_min", 0, 1, 0.05, 0.2, assumed},
	{"trust.exit_breach", "b_x", 0, 1, 0.1, 0.5, assumed},
	{"trust.contacts", "K", 1, 1000, 0, 0, assumed},
	{"meetings.attend_base", "a₀", 0, 1, 0.4, 0.8, assumed},
	{"meetings.hours", "h_mtg", 0, 40, 2, 5, assumed},
	{"meetings.prep_hours", "h_prep", 0, 40, 4, 12, assumed},
	{"conflict.rate", "κ₀", 0, 1, 0.01, 0.08, assumed + "; seed 004 (ego and power dynamics)"},
	{"conflict.power_weight", "κ_P", 0, 10, 0.25, 2, assumed + "; seed 000 (\"the ones with money\")"},
	{"conflict.shock", "b_c", 0, 1, 0.05, 0.3, assumed},
	{"conflict.resolve", "r₀", 0, 1, 0.005, 0.05, assumed},
	{"conflict.resolve_broker", "r_B", 0, 1, 0.01, 0.1, assumed + "; seed 002 (the backbone as neutral convener)"},
	{"conflict.resolve_trust", "r_τ", 0, 1, 0.01, 0.1, assumed},
	{"conflict.repair", "ρ_c", 0, 1, 0, 0.15, assumed + "; seed 004 (embrace conflict and contestation)"},
	{"conflict.hours", "h_cf", 0, 40, 1, 4, assumed},
	{"decisions.agree_trust", "τ_A", 0, 1, 0.35, 0.55, assumed},
	{"decisions.fit_exponent", "γ_A", 0, 10, 0.5, 2, assumed},
	{"decisions.approval_weeks", "W_A", 0, 104, 2, 16, assumed + "; seed 000 (limited mandate, bureaucracy)"},
	{"decisions.pending_hours", "h_dec", 0, 40, 1, 4, assumed},
	{"decisions.no_champion", "g_C", 0, 1, 0.05, 0.5, assumed + "; seed 001 (preconditions)"},
	{"decisions.unfunded", "g_F", 0, 1, 0.1, 0.6, assumed + "; seed 001 (preconditions)"},
	{"decisions.no_urgency", "g_U", 0, 1, 0.1, 0.6, assumed + "; seed 001 (preconditions)"},
	{"agenda.rate", "ρ₀", 0, 1, 0.2, 0.8, assumed + "; form: Friedkin & Johnsen 1990"},
	{"agenda.data_weight", "ω_M", 0, 0.5, 0.1, 0.4, assumed},
	{"values.confidence", "ε_v", 0, 1, 0.2, 0.5, assumed + "; form: Deffuant et al. 2000"},
	{"values.rate", "μ_v", 0, 1, 0.02, 0.1, assumed},
	{"commitment.init_mean", "c̄₀", 0, 1, 0.35, 0.65, assumed},
	{"commitment.init_spread", "Δc₀", 0, 0.5, 0, 0, assumed},
	{"commitment.rate", "κ_c", 0, 1, 0.02, 0.1, assumed},
	{"commitment.pressure", "π_K", 0, 1, 0.2, 0.8, assumed + "; seed 000 (restricted by own KPIs)"},
	{"steering.operational_hours", "h_op", 0, 10, 0.5, 2, assumed + "; seed 000 (operational steering)"},
	{"steering.hold", "η_op", 0, 1, 0.1, 0.7, assumed + "; seed 000 (operational steering)"},
	{"steering.senior_mandate", "m_S", 0, 1, 0.1, 0.5, assumed + "; seed 000 (strategic steering)"},
	{"agreements.letter.setup_hours", "h_A(L)", 0, 1000, 5, 20, assumed + "; seed 000 (letter of intent)"},
	{"agreements.letter.bond", "β_A(L)", 0, 1, 0, 0.1, assumed},
	{"agreements.letter.exit_cost", "e_A(L)", 0, 1, 0, 0.1, assumed},
	{"agreements.letter.flexibility", "φ_A(L)", 0, 1, 0, 0, assumed},
	{"agreements.contract.setup_hours", "h_A(C)", 0, 1000, 30, 120, assumed + "; seed 000 (formal agreements)"},
	{"agreements.contract.bond", "β_A(C)", 0, 1, 0.05, 0.25, assumed},
	{"agreements.contract.exit_cost", "e_A(C)", 0, 1, 0.1, 0.3, assumed},
	{"agreements.contract.flexibility", "φ_A(C)", 0, 1, 0.25, 0.75, assumed + "; seed 000 (\"formal agreements are sometimes a limitation\")"},
	{"agreements.clause", "ξ", 0, 1, 0.25, 0.75, assumed + "; seed 000 (exit clause)"},
	{"host.pull", "ω_H", 0, 0.5, 0.05, 0.35, assumed + "; seed 004 (neutral backbone)"},
	{"host.convening", "χ_H", 0, 1, 0.1, 0.5, assumed + "; seed 004"},
	{"host.suspicion", "s_H", 0, 1, 0, 0.2, assumed + "; seed 004"},
	{"engagement.effect", "s_E", 0, 3, 0.5, 1.5, assumed + "; ladder: Hart 1992, Arnstein 1969"},
	{"engagement.cost", "c_E", 0, 3, 0.5, 1.5, assumed},
	{"engagement.sample_half", "m₀", 1e-9, 1e6, 10, 40, assumed},
	{"engagement.review_boost", "b_R", 0, 100, 1, 4, assumed + "; seed 000 (re-design revisits needs)"},
	{"targeting.base", "ζ₀", 0, 1, 0.1, 0.5, assumed},
	{"targeting.voice", "ζ_L", 0, 1, 0.1, 0.5, assumed},
	{"targeting.data", "ζ_M", 0, 1, 0.1, 0.5, assumed},
	{"population.prior_trust_mean", "μ_T", 1e-6, 1 - 1e-6, 0.33, 0.53, assumed},
	{"population.prior_trust_conc", "c_T", 1e-6, 1e6, 0, 0, assumed},
	{"population.voice_mean", "μ_V", 1e-6, 1 - 1e-6, 0.25, 0.55, assumed},
	{"population.voice_conc", "c_V", 1e-6, 1e6, 0, 0, assumed},
	{"population.threshold_mean", "μ_θ", 1e-6, 1 - 1e-6, 0.6, 0.8, assumed},
	{"population.threshold_conc", "c_θ", 1e-6, 1e6, 0, 0, assumed},
	{"population.need_conc", "c_N", 1e-6, 1e6, 3, 12, assumed},
	{"population.natural_rate", "r_nat", 0, 10, 0.01, 0.06, assumed},
	{"population.at_risk_need", "n_risk", 0, 1, 0, 0, "West London Zone's \"at risk\" (seed 004, as the model brief cites it)"},
	{"population.age_low", "A_lo", 0, 100, 0, 0, "seed 000 (young people aged 15-29)"},
	{"population.age_out", "A_out", 0, 100, 0, 0, "seed 000 (young people aged 15-29)"},
	{"population.entry_age_high", "A_in", 0, 100, 0, 0, assumed},
	{"beneficiary.trust_gain", "λ⁺_b", 0, 1, 0.02, 0.1, assumed},
	{"beneficiary.trust_loss", "λ⁻_b", 0, 1, 0.06, 0.3, assumed},
	{"beneficiary.expected_fit", "θ_f", 0, 1, 0.25, 0.45, assumed},
	{"beneficiary.dropout_max", "q_max", 0, 1, 0.015, 0.05, assumed},
	{"beneficiary.take_up_base", "u₀", 0, 1, 0.4, 0.8, assumed},
	{"beneficiary.max_weeks", "W_max", 1, 10000, 0, 0, assumed},
	{"beneficiary.reentry_weeks", "W_re", 0, 10000, 0, 0, assumed},
	{"beneficiary.progressing_at", "p_prog", 0, 1, 0, 0, assumed},
	{"funding.coop_base", "α_F", -1, 1, 0, 0.2, assumed + "; form: Fischbacher & Gächter 2010"},
	{"funding.coop_slope", "β_F", 0, 2, 0.6, 0.95, assumed + "; Fischbacher & Gächter 2010 (slope below one)"},
	{"funding.coop_trust", "γ_F", 0, 2, 0.3, 0.9, assumed},
	{"funding.opening_share", "s̄₀", 0, 1, 0.3, 0.7, assumed},
	{"funding.plan_credibility", "δ_P", 0, 1, 0, 0.2, assumed},
	{"funding.results_weight", "ω_R", 0, 2, 0, 0.6, assumed},
	{"funding.expected_cost", "E₀", 1, 1e9, 200000, 600000, assumed},
	{"funding.expectation_rate", "η_E", 0, 1, 0.2, 0.8, assumed},
	{"funding.sharpness", "β_G", 0, 10, 1, 4, assumed},
	{"funding.goal_drift", "χ", 0, 1, 0.1, 0.5, assumed + "; seeds 002, 004 (competition pulls grantees' goals)"},
	{"funding.report_noise", "σ_R", 0, 5, 0.1, 0.4, assumed},
	{"funding.application_hours", "h_app", 0, 10000, 40, 160, assumed},
	{"funding.application_weeks", "W_app", 1, 52, 0, 0, assumed},
	{"funding.ramp_weeks", "T_ramp", 1, 520, 6, 26, assumed},
	{"funding.specialisation", "q", 0, 10, 1, 3, assumed},
	{"funding.pool_admin_hours", "h_pool", 0, 1000, 4, 16, assumed},
	{"perception.noise", "σ_c", 0, 5, 0.1, 0.5, assumed},
	{"perception.trust", "ω_cτ", 0, 1, 0.2, 0.8, assumed},
	{"perception.data", "ω_cM", 0, 1, 0.2, 0.8, assumed},
	{"delivery.referral_base", "ρ_s", 0, 1, 0.05, 0.25, assumed},
	{"delivery.referral_strength", "ρ_a", 0, 1, 0.2, 0.8, assumed},
	{"delivery.referral_hours", "h_ref", 0, 40, 0.1, 0.6, assumed},
	{"delivery.handoff_loss", "λ_H", 0, 1, 0.005, 0.04, assumed},
	{"delivery.progress_max", "π", 0, 1, 0.012, 0.03, assumed},
	{"delivery.progress_half", "K_p", 1e-9, 1e6, 0.5, 2, assumed},
	{"delivery.hours_per_place", "h_pl", 1e-9, 1e6, 3, 8, assumed},
	{"delivery.new_efficiency", "η_new", 0, 1, 0.3, 0.8, assumed + "; seed 004 (established services resist change)"},
	{"delivery.routine_weeks", "T_R", 1, 10000, 13, 52, assumed},
	{"measurement.maturity_rate", "μ_M", 0, 1, 0.01, 0.04, assumed},
	{"measurement.hours", "h_meas", 0, 40, 0.1, 0.6, assumed},
	{"measurement.cycle_weeks", "W_M", 1, 520, 0, 0, assumed},
	{"measurement.sample_max", "n_max", 0, 1e7, 50, 200, assumed},
	{"measurement.item_noise", "σ_M", 0, 5, 0.1, 0.5, assumed},
	{"measurement.indicator_bias", "β_M", 0, 1, 0.2, 0.8, assumed + "; seed 000 (\"looking at the wrong data\")"},
	{"measurement.learning_rate", "λ_L", 0, 1, 0.02, 0.1, assumed + "; form: Bush & Mosteller 1955"},
	{"coordination.partner_quality", "q_p", 0, 1, 0.2, 0.6, assumed + "; Bitterman & Koliba 2020 (bottlenecks)"},
	{"coordination.partner_efficiency", "η_p", 1e-3, 1, 0.3, 0.8, assumed},
	{"coordination.follow_up", "F", 0, 1, 0.2, 0.8, assumed + "; seed 000 (\"in-between the meetings\")"},
	{"coordination.follow_up_hours", "h_fu", 0, 40, 0.5, 2, assumed},
	{"membership.review_weeks", "W_rev", 1, 520, 0, 0, assumed},
	{"membership.ref_trust", "τ_ref", 0, 1, 0.3, 0.5, assumed},
	{"membership.exit_hazard", "h_x", 0, 1, 0.1, 0.5, assumed},
	{"membership.join_base", "p_J", 0, 1, 0.1, 0.5, assumed + "; seed 002 (centre of gravity)"},
	{"membership.outside_option_high", "O_max", 0, 2, 0.05, 0.3, assumed},
	{"membership.conflict_weight", "κ_u", 0, 1, 0.02, 0.1, assumed},
	{"membership.voice_weight", "κ_v", 0, 1, 0, 0.4, assumed + "; seed 000 (power structures)"},
	{"innovation.alone", "ι₀", 0, 1, 0.0002, 0.001, assumed},
	{"innovation.together", "ι", 0, 1, 0.004, 0.02, assumed + "; seed 000 (factors for innovation)"},
	{"innovation.trial_hours", "h_T", 0, 40, 2, 8, assumed},
	{"innovation.trial_weeks", "W_T", 1, 520, 0, 0, assumed},
	{"innovation.effect_mean", "μ_g", -1, 1, -0.01, 0.04, assumed},
	{"innovation.effect_sd", "σ_g", 0, 1, 0.02, 0.08, assumed},
	{"innovation.noise_own", "σ_own", 0, 1, 0.02, 0.1, assumed},
	{"innovation.noise_shared", "σ_sh", 0, 1, 0.01, 0.06, assumed + "; seed 000 (data-driven management)"},
	{"innovation.floor", "P_min", 0, 1, 0, 0, assumed},
	{"innovation.cap", "P_max", 1, 10, 0, 0, assumed},
	{"phases.redesign_shift", "δ_R", 0, 1, 0.05, 0.2, assumed + "; seed 000 (re-design revisits needs)"},
	{"phases.growth", "g_X", 1, 100, 1.05, 1.2, assumed},
	{"phases.exp_innovations", "n_X", 0, 1000, 0, 0, assumed},
	{"phases.spread", "s_X", 0, 1, 0.2, 0.8, assumed + "; seed 000 (exponential value)"},
	{"events.champion_leaves", "h_C", 0, 52, 0.03, 0.2, assumed + "; seed 001 (an influential champion)"},
	{"events.champion_emerges", "h_E", 0, 52, 0.1, 0.5, assumed},
	{"events.funder_cut", "h_F", 0, 52, 0.02, 0.1, assumed},
	{"events.cut_low", "c_lo", 0, 1, 0, 0, assumed},
	{"events.cut_high", "c_hi", 0, 1, 0, 0, assumed},
	{"events.funder_withdraws", "h_W", 0, 52, 0.005, 0.05, assumed},
	{"events.policy_change", "h_P", 0, 52, 0.05, 0.2, assumed},
	{"events.policy_shift", "s_P", 0, 1, 0.1, 0.5, assumed},
	{"events.staff_turnover", "h_S", 0, 52, 0.08, 0.25, assumed},
	{"events.turnover_loss", "ℓ_S", 0, 1, 0.3, 0.8, assumed},
}

// rungFields are the columns of the participation ladder, each checked for
// every rung (params.engagement.rungs[L].<field>).
var rungFields = []struct {
	name   string
	lo, hi float64
}{{"voice", 0, 0.5}, {"sample", 0, 1e6}, {"trust_boost", 0, 1}, {"empowerment", 0, 1}, {"hours", 0, 40}, {"indicators", 0, 1}}

// ParamKeys lists the dotted keys (params.…) of every mechanism parameter
// in table order, the ladder's cells last.
func ParamKeys() []string {
	var out []string
	for _, s := range paramTable {
		out = append(out, "params."+s.key)
	}
	for l := range 5 {
		for _, f := range rungFields {
			out = append(out, fmt.Sprintf("params.engagement.rungs[%d].%s", l, f.name))
		}
	}
	return out
}

// ParamSource returns where a mechanism parameter's value comes from, and
// its allowed range, by key (with or without the params. prefix).
func ParamSource(key string) (source string, lo, hi float64, ok bool) {
	k := strings.TrimPrefix(key, "params.")
	for _, s := range paramTable {
		if s.key == k {
			return s.source, s.lo, s.hi, true
		}
	}
	return "", 0, 0, false
}

// DefaultUncertainty is the library's uncertainty about the mechanism
// parameters: for each assumption with a range, a triangular distribution
// over it with the point value as its mode. Sorted by key.
func DefaultUncertainty() []Uncertain {
	p := DefaultParams()
	var out []Uncertain
	for _, s := range paramTable {
		if s.pLow == 0 && s.pHigh == 0 {
			continue
		}
		x := *floatField(&p, s.key)
		out = append(out, Uncertain{Key: "params." + s.key, Dist: uncertain.Tri(s.pLow, x, s.pHigh)})
	}
	slices.SortFunc(out, func(a, b Uncertain) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// validateParams checks every parameter against its range.
func (v *validator) params(p *Params) {
	pv := reflect.ValueOf(p).Elem()
	for _, s := range paramTable {
		f := fieldByKey(pv, s.key)
		key := "params." + s.key
		if f.Kind() == reflect.Int {
			v.intRange(key, int(f.Int()), int(s.lo), int(s.hi))
			continue
		}
		v.num(key, f.Float(), s.lo, s.hi)
	}
	for l := range p.Engagement.Rungs {
		rv := reflect.ValueOf(&p.Engagement.Rungs[l]).Elem()
		for _, f := range rungFields {
			v.num(fmt.Sprintf("params.engagement.rungs[%d].%s", l, f.name), fieldByKey(rv, f.name).Float(), f.lo, f.hi)
		}
	}
	v.linked(p)
	v.num("params.innovation.floor", p.Innovation.Floor, 0, 1)
}

// linkedKeys are the parameters whose allowed range depends on another's.
var linkedKeys = []string{"params.trust.init_spread", "params.trust.init_mean", "params.commitment.init_spread",
	"params.commitment.init_mean", "params.events.cut_high", "params.events.cut_low",
	"params.population.entry_age_high", "params.population.age_low", "params.population.age_out"}

// linked checks the rules that tie one parameter's range to another's.
func (v *validator) linked(p *Params) {
	v.num("params.trust.init_spread", p.Trust.InitSpread, 0, min(p.Trust.InitMean, 1-p.Trust.InitMean))
	v.num("params.commitment.init_spread", p.Commitment.InitSpread, 0, min(p.Commitment.InitMean, 1-p.Commitment.InitMean))
	v.num("params.events.cut_high", p.Events.CutHigh, p.Events.CutLow, 1)
	v.num("params.population.entry_age_high", p.Population.EntryAgeHigh, p.Population.AgeLow, p.Population.AgeOut)
	v.num("params.population.age_out", p.Population.AgeOut, p.Population.AgeLow+1.0/WeeksPerYear, 100)
}

// linkedDraws checks the linked rules for every draw the distributions
// allow, not only at point values: each rule is monotone in each of its
// parameters, so it holds for every draw if it holds at every corner of
// the supports of the uncertain ones among them. The error names the
// distribution that makes a corner fail.
func (v *validator) linkedDraws(s *Scenario) {
	var us []Uncertain
	for _, u := range s.Uncertain {
		if slices.Contains(linkedKeys, u.Key) {
			us = append(us, u)
		}
	}
	at := func(corner, skip int) (*Params, error) {
		p := s.Params
		pv := reflect.ValueOf(&p).Elem()
		for k, u := range us {
			x := u.Dist.Low
			if corner&(1<<k) != 0 {
				x = u.Dist.High
			}
			if k != skip {
				fieldByKey(pv, strings.TrimPrefix(u.Key, "params.")).SetFloat(x)
			}
		}
		var c validator
		c.linked(&p)
		if len(c.errs) > 0 {
			return &p, c.errs[0]
		}
		return &p, nil
	}
	for corner := range 1 << len(us) {
		_, err := at(corner, -1)
		if err == nil {
			continue
		}
		var e *InvalidError
		errors.As(err, &e)
		for k, u := range us {
			if _, still := at(corner, k); still == nil {
				x := u.Dist.Low
				if corner&(1<<k) != 0 {
					x = u.Dist.High
				}
				v.fail(u.Key, u.Dist, fmt.Sprintf("a distribution every draw of which allows %s = %s (a draw of %g allows only %s); narrow it",
					e.Key, e.Value, x, e.Allowed))
				return
			}
		}
		v.fail(e.Key, e.Value, e.Allowed+" for every draw of "+us[0].Key+"; narrow the distributions")
		return
	}
}

// fieldPaths maps a dotted key below a struct type to its field index path,
// built once per type.
var fieldPaths sync.Map // reflect.Type → map[string][]int

func fieldByKey(v reflect.Value, key string) reflect.Value {
	for _, seg := range strings.Split(key, ".") {
		name, idx := seg, -1
		if i := strings.IndexByte(seg, '['); i > 0 && strings.HasSuffix(seg, "]") {
			n, err := strconv.Atoi(seg[i+1 : len(seg)-1])
			if err != nil {
				return reflect.Value{}
			}
			name, idx = seg[:i], n
		}
		if v.Kind() != reflect.Struct {
			return reflect.Value{}
		}
		v = structField(v, name)
		if !v.IsValid() {
			return v
		}
		if idx >= 0 {
			if v.Kind() != reflect.Array && v.Kind() != reflect.Slice || idx >= v.Len() {
				return reflect.Value{}
			}
			v = v.Index(idx)
		}
	}
	return v
}

func structField(v reflect.Value, name string) reflect.Value {
	t := v.Type()
	m, ok := fieldPaths.Load(t)
	if !ok {
		names := map[string][]int{}
		for i := 0; i < t.NumField(); i++ {
			tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if tag != "" && tag != "-" {
				names[tag] = []int{i}
			}
		}
		m, _ = fieldPaths.LoadOrStore(t, names)
	}
	idx, ok := m.(map[string][]int)[name]
	if !ok {
		return reflect.Value{}
	}
	return v.FieldByIndex(idx)
}

// floatField returns the address of the float parameter at key (without
// the params. prefix), or nil.
func floatField(p *Params, key string) *float64 {
	f := fieldByKey(reflect.ValueOf(p).Elem(), key)
	if !f.IsValid() || f.Kind() != reflect.Float64 {
		return nil
	}
	return f.Addr().Interface().(*float64)
}

// notFinite reports NaN or ±Inf.
func notFinite(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) }
