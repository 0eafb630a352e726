package sim_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/uncertain"
)

// twoParticles is a posterior over the trust gain (a number the library
// draws) and the hourly cost (one it fixes): two particles, the second
// three times as likely.
func twoParticles() *uncertain.Posterior {
	return &uncertain.Posterior{
		Source:    "test",
		Keys:      []string{"economics.hourly_cost", "params.trust.gain"},
		Particles: [][]float64{{400, 0.03}, {500, 0.09}},
		Weights:   []float64{1, 3},
	}
}

// Each replicate takes one particle, the same under every design, in
// proportion to the weights, for the numbers the scenario draws; a number
// the scenario fixes (here the hourly cost) stays fixed.
func TestAPosteriorGivesEachReplicateOneParticle(t *testing.T) {
	post := twoParticles()
	designs := []sim.Scenario{scenarios.Isolated(), scenarios.CollectiveImpact()}
	engines := make([]*sim.Engine, len(designs))
	for i := range designs {
		designs[i].Beneficiaries.Count = 50
		designs[i].Horizon.Years = 0.1
		designs[i].Posterior = post
		var err error
		if engines[i], err = sim.New(designs[i]); err != nil {
			t.Fatal(err)
		}
	}
	keys := engines[0].DrawnKeys()
	gain := slices.Index(keys, "params.trust.gain")
	if gain < 0 || slices.Contains(keys, "economics.hourly_cost") || len(keys) != len(designs[0].Uncertain) {
		t.Fatalf("drawn keys %v: want the scenario's distributions only", keys)
	}
	second := 0
	const runs = 400
	for r := range runs {
		var rows [][]float64
		for _, e := range engines {
			e.Reset(11, r)
			rows = append(rows, e.Drawn(nil))
			if cost := e.Scenario().Economics.HourlyCost; cost != designs[0].Economics.HourlyCost {
				t.Fatalf("replicate %d: hourly cost %v, want the scenario's fixed %v", r, cost, designs[0].Economics.HourlyCost)
			}
		}
		if !slices.Equal(rows[0], rows[1]) {
			t.Fatalf("replicate %d: designs drew %v and %v", r, rows[0], rows[1])
		}
		switch rows[0][gain] {
		case 0.09:
			second++
		case 0.03:
		default:
			t.Fatalf("replicate %d drew trust gain %v: not a particle's", r, rows[0][gain])
		}
	}
	// Binomial(400, 3/4): sd 8.7, so ±35 is four sd; fixed seed, so it
	// either always passes or always fails.
	if second < 300-35 || second > 300+35 {
		t.Errorf("the particle of weight 3/4 drawn %d times in %d", second, runs)
	}
}

// A posterior's values are checked like any other number's, naming the
// particle.
func TestAPosteriorOutOfRangeIsInvalid(t *testing.T) {
	post := twoParticles()
	post.Particles[1][1] = 1.5
	sc := scenarios.CollectiveImpact()
	sc.Posterior = post
	err := sc.Validate()
	if err == nil || !strings.Contains(err.Error(), "params.trust.gain") || !strings.Contains(err.Error(), "particle 2") {
		t.Fatalf("got %v, want an error naming params.trust.gain and particle 2", err)
	}
	post = twoParticles()
	post.Weights = []float64{0, 0}
	sc.Posterior = post
	if err := sc.Validate(); err == nil || !strings.Contains(err.Error(), "weights are all 0") {
		t.Fatalf("got %v, want the zero weights named", err)
	}
}
