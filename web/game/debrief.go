package game

import (
	"fmt"
	"math"
)

// Debrief is the game looked back on: each role's decisions against the
// rules', what they changed, and both partnerships at the end.
type Debrief struct {
	Roles  []RoleDebrief `json:"roles"`
	Totals Totals        `json:"totals"`
}

// Totals are both partnerships' numbers now.
type Totals struct {
	Played Numbers `json:"played"`
	Alone  Numbers `json:"alone"`
}

// RoleDebrief is one role's game: round by round its decision in force
// and the rule's, and its effect: the outcome share with its decisions
// minus that of the same game replayed with the rule deciding for it
// (every other role's decisions kept), in share points.
type RoleDebrief struct {
	ID     string        `json:"id"`
	Name   string        `json:"name"`
	Rounds []RoundChoice `json:"rounds"`
	Effect float64       `json:"effect"`
}

// RoundChoice is a role's decision in one round and the rule's.
type RoundChoice struct {
	Round    int           `json:"round"`
	Decision Decision      `json:"decision"`
	Rule     *RuleDecision `json:"rule,omitempty"`
	Differs  bool          `json:"differs"`
}

// Debrief looks back on the rounds played, for every role that decided
// something. It replays the game once for each such role, the first time
// it is asked for after a round is played.
func (g *Game) Debrief() (Debrief, error) {
	if g.debrief != nil && g.debriefAt == len(g.rounds) && g.status != Open {
		return *g.debrief, nil
	}
	d, err := g.lookBack()
	if err == nil {
		g.debrief, g.debriefAt = &d, len(g.rounds)
	}
	return d, err
}

func (g *Game) lookBack() (Debrief, error) {
	d := Debrief{Totals: Totals{numbersOf(g.played), numbersOf(g.alone)}, Roles: []RoleDebrief{}}
	rec := g.Record()
	rec.Status = g.status
	for _, r := range g.roles {
		rd := RoleDebrief{ID: r.ID, Name: r.Name}
		for k, lg := range g.rounds {
			if lg.inForce == nil {
				continue // the round still open
			}
			dec, ok := lg.inForce[r.ID]
			if !ok || dec.empty() {
				continue
			}
			rc := RoundChoice{Round: k + 1, Decision: dec}
			if rule, ok := lg.rule[r.ID]; ok {
				rc.Rule = &rule
			}
			rc.Differs = differs(dec, rc.Rule)
			rd.Rounds = append(rd.Rounds, rc)
		}
		if len(rd.Rounds) == 0 {
			continue
		}
		alt, err := replay(rec, r.ID)
		if err != nil {
			return Debrief{}, fmt.Errorf("game: debrief of %s: %v", r.ID, err)
		}
		rd.Effect = numbersOf(g.played).Outcomes - numbersOf(alt.played).Outcomes
		d.Roles = append(d.Roles, rd)
	}
	return d, nil
}

// differs reports whether a decision departs from the rule's: a share by
// more than 5 points, a yes or no other than the rule's, a delegate
// arguing for something else than its own priorities, a voice at all.
func differs(d Decision, rule *RuleDecision) bool {
	if d.Bring != nil && *d.Bring != "own" || d.Voice != nil || d.Share != nil && !*d.Share {
		return true
	}
	if rule == nil {
		return false
	}
	far := func(p *float64, r float64) bool { return p != nil && math.Abs(*p-r) > 0.05 }
	return far(d.Agenda, rule.Agenda) || rule.Pool != nil && far(d.Pool, *rule.Pool) ||
		d.Attend != nil && *d.Attend != rule.Attend || d.Stay != nil && *d.Stay != rule.Stay
}
