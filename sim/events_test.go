package sim_test

import (
	"math"
	"testing"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// recordKinds are the kinds that record what the schedule and the rules
// do (a funding round, the pool's first payout, a rule's trigger) rather
// than a change of state of their own; TestRegress leaves them out of its
// count of events, which predates them.
var recordKinds = map[agents.EventKind]bool{agents.FundingRound: true, agents.PooledFundStarted: true, agents.TriggerFired: true}

// Each funding round is logged at its week — 0, then one commitment after
// the last (round(52·h) weeks) — with the money the member funders put in
// for it, a year: the sum of their budgets as the round opens. The
// pooled fund's first payout is logged once, with what it pays a year: on
// a common agenda the week after the plan is agreed (pooled_share, which
// counts the pool once a plan is agreed, first rises above 0 in the week
// of the agreement; the money is paid from the next); a design without a
// pool logs none.
func TestFundingRoundsAndThePoolsStartAreLogged(t *testing.T) {
	for _, c := range []struct {
		sc   sim.Scenario
		pool bool
	}{{scenarios.Isolated(), false}, {scenarios.CollectiveImpact(), true}, {scenarios.RefinedCollectiveImpact(), true}} {
		t.Run(c.sc.Name, func(t *testing.T) {
			e, err := sim.New(c.sc)
			if err != nil {
				t.Fatal(err)
			}
			e.Reset(5, 2)
			every := int(math.Round(c.sc.Funding.HorizonYears * sim.WeeksPerYear))
			var want []int
			money := map[int]float64{} // the member funders' budgets as each round opens
			for e.Tick() < e.Ticks() {
				if t0 := e.Tick(); t0%every == 0 {
					want = append(want, t0)
					for _, a := range e.Actors() {
						if a.Member && a.IsFunder() && a.Budget > 0 {
							money[t0] += a.Budget
						}
					}
				}
				e.Step()
			}
			rounds := eventsOf(e, agents.FundingRound)
			if len(rounds) != len(want) {
				t.Fatalf("%d funding_round events, want %d (every %d weeks)", len(rounds), len(want), every)
			}
			for k, ev := range rounds {
				shock := false
				for _, s := range e.Events() {
					shock = shock || s.Tick == ev.Tick && (s.Kind == agents.FunderCut || s.Kind == agents.FunderWithdrew)
				}
				if ev.Tick != want[k] || ev.Actor != -1 || (!shock && ev.Value != money[ev.Tick]) || ev.Value <= 0 {
					t.Errorf("round %d: %+v, want week %d with SEK %.0f a year", k, ev, want[k], money[want[k]])
				}
				if first := ev.Cause == "the first commitment"; first != (k == 0) {
					t.Errorf("round %d's cause %q", k, ev.Cause)
				}
			}
			started := eventsOf(e, agents.PooledFundStarted)
			if !c.pool {
				if len(started) != 0 {
					t.Errorf("a design without a pooled fund logs its start: %+v", started)
				}
				return
			}
			pooled := e.Series(sim.PooledShare, nil)
			first := 0
			for first < len(pooled) && pooled[first] <= 0 {
				first++
			}
			agreed := eventsOf(e, agents.PlanAgreed)
			if len(agreed) == 0 || agreed[0].Tick != first {
				t.Fatalf("plan_agreed %+v, want the first at week %d, where pooled_share first rises above 0", agreed, first)
			}
			if len(started) != 1 || started[0].Tick != first+1 || started[0].Value <= 0 {
				t.Errorf("pooled_fund_started events %+v, want one at week %d, the week after the plan was agreed", started, first+1)
			}
		})
	}
}
