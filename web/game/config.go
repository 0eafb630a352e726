package game

import (
	"fmt"
	"slices"

	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
)

// Config is what a game is played on: a design, its world and its rounds.
type Config struct {
	Design string   `json:"design"`        // a built-in scenario's name or a scenario file
	Set    []string `json:"set,omitempty"` // --set overrides, KEY=VALUE
	Seed   uint64   `json:"seed"`          // the world (replicate 0 of this seed)
	Round  string   `json:"round"`         // "month" or "quarter"
	Rounds int      `json:"rounds"`        // the game's length in rounds
}

// Defaults: three years of quarters on the refined collective impact
// model, on which every decision a role has takes effect (a pooled fund,
// shared measurement, a common agenda, young people co-designing), with
// yearly funding rounds (DefaultSet) so that the funders' pledges count
// within the game: a commitment runs its term, and the design's own five
// years would outlast a three-year game.
const (
	DefaultDesign = "refined-collective-impact"
	DefaultRound  = "quarter"
	DefaultRounds = 12
	QuarterWeeks  = 13
	MaxRounds     = 520 // a week each over ten years
)

// DefaultSet is the default design's overrides for the game.
var DefaultSet = []string{"funding.horizon_years=1"}

// Filled is c as New plays it: what c leaves out filled in. The default
// design comes with those of DefaultSet that c's own overrides leave
// alone, before them (two overrides of one field are refused: c's own
// takes its place). A record saved before that rule, which holds both,
// plays as it did then, c's own winning.
func (c Config) Filled() Config {
	if c.Design == "" {
		c.Design = DefaultDesign
		c.Set = append(slices.Clone(DefaultSet), c.Set...)
	}
	if c.Design == DefaultDesign && len(c.Set) >= len(DefaultSet) && slices.Equal(c.Set[:len(DefaultSet)], DefaultSet) {
		own := c.Set[len(DefaultSet):]
		var sets []string
		for _, d := range DefaultSet {
			if !slices.ContainsFunc(own, func(s string) bool { return scenarios.Overlap(s, d) }) {
				sets = append(sets, d)
			}
		}
		c.Set = append(sets, own...)
	}
	if c.Round == "" {
		c.Round = DefaultRound
	}
	if c.Rounds == 0 {
		c.Rounds = DefaultRounds
	}
	return c
}

// load resolves the design as the command line does and checks the game
// fits in its horizon. It returns the scenario and the week each round
// ends (exclusive).
func (c Config) load() (sim.Scenario, []int, error) {
	if c.Round != "month" && c.Round != "quarter" {
		return sim.Scenario{}, nil, fmt.Errorf("game: round %q: want month or quarter", c.Round)
	}
	if c.Rounds < 1 || c.Rounds > MaxRounds {
		return sim.Scenario{}, nil, fmt.Errorf("game: rounds %d: want 1 to %d", c.Rounds, MaxRounds)
	}
	l, err := scenarios.Load(c.Design, c.Set)
	if err != nil {
		return sim.Scenario{}, nil, err
	}
	sc := l.Scenario
	ends := roundEnds(c.Round, c.Rounds)
	if last := ends[len(ends)-1]; last > sc.Ticks() {
		return sim.Scenario{}, nil, fmt.Errorf("game: %d %ss need %d weeks; %s runs %d (set horizon.years, or fewer rounds)",
			c.Rounds, c.Round, last, c.Design, sc.Ticks())
	}
	return sc, ends, nil
}

// roundEnds is the week each of n rounds ends at (exclusive): quarters of
// 13 weeks, or months on the model's calendar, where a month starts at
// week t when ⌊12t/52⌋ > ⌊12(t−1)/52⌋.
func roundEnds(round string, n int) []int {
	ends := make([]int, n)
	t := 0
	for r := range ends {
		if round == "quarter" {
			t += QuarterWeeks
		} else {
			t++
			for 12*t/sim.WeeksPerYear == 12*(t-1)/sim.WeeksPerYear {
				t++
			}
		}
		ends[r] = t
	}
	return ends
}
