package targets

import (
	"math"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

// yearlyExit is, in one finished run, the share of those in need at the
// start of year y (in the population, without the outcome, not aged out)
// who reach a job or studies during it, by any route. Those who age out
// during the year leave the denominator, as they leave a register of an
// age group. NaN with no one in need.
func yearlyExit(pop *agents.Population, year int) float64 {
	start, end := int32((year-1)*sim.WeeksPerYear), int32(year*sim.WeeksPerYear)
	in, out := 0, 0
	for k := range pop.N {
		reached := pop.State[k] == agents.OutcomeReached
		switch {
		case pop.Entry[k] > start || pop.AgeOut[k] < end:
			continue // not there at the start, or leaving the group within the year
		case reached && pop.Done[k] < start:
			continue // reached it before
		}
		in++
		if reached && pop.Done[k] < end {
			out++
		}
	}
	if in == 0 {
		return math.NaN()
	}
	return float64(out) / float64(in)
}

// participantEffect is, in one finished run of ticks weeks, the
// participants' outcome against their own counterfactual, as a
// standardised mean difference: p₁ the share of those ever enrolled with
// the outcome, p₀ the share of them whose outcome would have come on its
// own before the horizon and before they aged out (the counterfactual of
// additional_outcomes), d = (logit p₁ − logit p₀)·√3/π, the usual
// conversion of a log odds ratio to Cohen's d (Chinn 2000). NaN when p₀ or
// p₁ is 0 or 1.
func participantEffect(pop *agents.Population, ticks int) float64 {
	n, p1, p0 := 0, 0, 0
	for k := range pop.N {
		if pop.Since[k] < 0 {
			continue
		}
		n++
		if pop.State[k] == agents.OutcomeReached {
			p1++
		}
		if int(pop.Natural[k]) < ticks && pop.Natural[k] <= pop.AgeOut[k] {
			p0++
		}
	}
	if p1 == 0 || p1 == n || p0 == 0 || p0 == n {
		return math.NaN()
	}
	logit := func(k int) float64 { p := float64(k) / float64(n); return math.Log(p / (1 - p)) }
	return (logit(p1) - logit(p0)) * math.Sqrt(3) / math.Pi
}
