package sim

import (
	"math/rand/v2"

	"github.com/cisim/cisim/agents"
)

// serve is the hot loop over enrolled beneficiaries (docs/MODEL.md §7.7):
// progress in each domain from the home's service intensity with
// diminishing returns, empowerment from taking part, readiness against the
// beneficiary's threshold (outcome reached), trust in the partnership from
// the week's fit, and leaving: losing faith, a failed hand-off (one draw
// decides both) or the longest stay. It allocates nothing and visits only
// enrolled beneficiaries.
func (e *Engine) serve(t int) {
	b := &e.bens
	w := e.week(t)
	for h := range b.groupRes {
		b.groupRes[h] = agents.Vec{}
	}
	b.activeRes, b.coverage, b.nCovered = agents.Vec{}, agents.Vec{}, 0
	for k := 0; k < len(b.active); {
		if e.serveOne(int(b.active[k]), t, &w) {
			k++
		}
	}
}

// week is what every enrolled beneficiary's service this week shares.
type week struct {
	rung     agents.Rung
	noise    float64 // φ_M·σ_M: how far records' errors steer targeting
	drift    agents.Vec
	pi, half float64
	rng      *rand.Rand
}

func (e *Engine) week(t int) week {
	_, data := e.targeting()
	return week{
		rung: e.p.Engagement.At(e.sc.Governance.BeneficiaryEngagement), noise: data * e.p.Measurement.ItemNoise,
		drift: e.bens.drift[t], pi: e.p.Delivery.ProgressMax, half: e.p.Delivery.ProgressHalf,
		rng: e.rs.get(streamProgress),
	}
}

// serveOne serves beneficiary i for a week; it reports whether i is still
// enrolled.
//
// Written for speed, with the same arithmetic in the same order as the
// rules it applies: the week's numbers are held in locals (the stores to
// progress would otherwise make the compiler reload them), a cap that is
// rarely reached is a predictable branch (lesser) rather than the branch-free
// min, which costs five instructions and a long dependency, without
// records' errors (φ_M·σ_M = 0) the tilt is exactly 1 and is not computed,
// and readiness is summed from its domains' terms as coverage is found
// (Readiness.Score's number, which it falls back on where a term is not
// in the table).
func (e *Engine) serveOne(i, t int, w *week) bool {
	pop, b := e.pop, &e.bens
	h := pop.Home[i]
	ia, ib := &b.intA[h], &b.intB[h]
	k := i * agents.NumDomains
	need := (*[agents.NumDomains]float64)(pop.Need[k:])
	prog := (*[agents.NumDomains]float64)(pop.Progress[k:])
	zerr := (*[agents.NumDomains]float32)(pop.RecordErr[k:])
	drift, noise, pi, half, emp := &w.drift, w.noise, w.pi, w.half, w.rung.Empowerment
	var cov, res, seen [agents.NumDomains]float64
	made, possible := 0.0, 0.0
	score, scored := 0.0, true // Σ_d Readiness.Term(c_d), if every domain has one
	const se = int(agents.SelfEsteem)
	for d := range agents.NumDomains {
		nd, pr := need[d]*drift[d], prog[d]
		r := nd - pr
		tilt := 1.0 // max(0, 1 + φ_M·σ_M·z), exactly 1 when φ_M·σ_M = 0
		if noise != 0 {
			if tilt = 1 + noise*float64(zerr[d]); tilt < 0 {
				tilt = 0
			}
		}
		if r > 0 {
			dp := 0.0
			if x := ia[d] + ib[d]*r*tilt; x > 0 {
				dp = pi * x / (x + half)
			}
			if d == se {
				dp += emp * nd
			}
			possible += lesser(r, pi)
			dp = lesser(dp, r)
			made += dp
			pr += dp
			prog[d] = pr
			r -= dp
		} else {
			r = 0
		}
		res[d], seen[d], cov[d] = r, r*tilt, 1
		if nd > 0 {
			cov[d] = lesser(pr/nd, 1)
		}
		x, ok := e.ready.Term(cov[d])
		score += x
		scored = scored && ok
	}
	if scored {
		score /= float64(agents.NumDomains)
	} else {
		score = e.ready.Score(&cov)
	}
	if score >= e.thr[i] {
		e.reachOutcome(i, t)
		return false
	}
	fit := 1.0
	if possible > 0 {
		fit = lesser(made/possible, 1)
	}
	tr := e.p.Beneficiary.Trust(pop.Trust[i], fit, w.rung.TrustBoost)
	pop.Trust[i] = tr
	if e.leaves(i, t, tr, b.handoff[h], w.rng.Float64()) {
		return false
	}
	if pop.State[i] == agents.Enrolled && agents.Vec(cov).Sum() >= e.p.Beneficiary.ProgressingAt*float64(agents.NumDomains) {
		pop.State[i] = agents.Progressing
	}
	g := &b.groupRes[h]
	for d := range res {
		g[d] += seen[d]
		b.activeRes[d] += res[d]
		b.coverage[d] += cov[d]
	}
	b.nCovered++
	return true
}

// lesser is min(x, cap) for a cap that is not NaN and a pair that is not
// two zeros (then min's sign rule would apply): a NaN x stays NaN, as
// with min. Where x is usually below the cap the branch is predicted and
// costs less than min's branch-free sequence.
func lesser(x, cap float64) float64 {
	if cap < x {
		return cap
	}
	return x
}

// reachOutcome records a programme outcome for beneficiary i.
func (e *Engine) reachOutcome(i, t int) {
	pop, b := e.pop, &e.bens
	e.deactivate(i)
	pop.State[i] = agents.OutcomeReached
	pop.ByProgram[i] = true
	pop.Done[i] = int32(t)
	b.count.outcomes++
	b.count.byProgram++
	b.count.partOutcomes++
	b.perTick[t]++
	e.fund.results++
	b.weeksToOut += float64(t - int(pop.Since[i]))
}

// leaves decides with one uniform draw u whether beneficiary i leaves the
// programme this week: u < q_drop (lost faith), else u < q_drop + q_h (lost
// in a hand-off); or after the longest stay. One who leaves keeps their
// progress and goes to the back of the outreach queue.
func (e *Engine) leaves(i, t int, trust, handoff, u float64) bool {
	p, pop, b := e.p, e.pop, &e.bens
	q := p.Beneficiary.Dropout(trust)
	switch {
	case u < q:
		b.count.lostTrust++
	case u < q+handoff:
		b.count.lostHandoff++
	case t-int(pop.Since[i]) >= p.Beneficiary.MaxWeeks:
		b.count.lostLong++
	default:
		return false
	}
	e.deactivate(i)
	pop.State[i] = agents.DroppedOut
	pop.Done[i] = int32(t)
	if !pop.Dropped[i] {
		pop.Dropped[i] = true
		b.count.dropped++
	}
	e.joinOut(i)
	e.pushQueue(i)
	return true
}
