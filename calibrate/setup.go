package calibrate

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cisim/cisim/analysis/abc"
	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/targets"
	"github.com/cisim/cisim/uncertain"
)

// Param is one calibrated number and its prior.
type Param struct {
	Key   string
	Prior uncertain.Dist
}

// Value maps a latent coordinate to the parameter: F⁻¹(Φ(z)).
func (p Param) Value(z float64) float64 {
	u := distuv.UnitNormal.CDF(z)
	const edge = 1.0 / (1 << 53) // keep u inside (0, 1), where Quantile is defined
	return p.Prior.Quantile(min(max(u, edge), 1-edge))
}

// Setup is a calibration: the designs, the targets fitted and checked,
// the parameters and the sampler's sizes.
type Setup struct {
	Designs       []experiments.Scenario
	Targets       []targets.Target // every target: the predictive check shows them all
	Fitted        []bool           // whether each target is in the distance (goals are not, unless asked)
	Origin        string           // the targets file's origin
	TargetsSHA256 string           // of the targets file's bytes
	Params        []Param          // sorted by key
	Particles     int              // N
	Datasets      int              // M: pseudo-datasets per particle
	Replicates    int              // R: runs of each design per pseudo-dataset
	Tolerance     float64          // stop once ε reaches it
	MaxGens       int
	MinAccept     float64
	Alpha         float64 // share of the ESS a generation keeps; 0: abc's default
	Seed          uint64
	Predictive    int // posterior draws in the predictive check
}

// Config is the sampler's configuration.
func (s *Setup) Config() abc.Config {
	return abc.Config{Seed: s.Seed, Parameters: len(s.Params), Particles: s.Particles, Datasets: s.Datasets,
		Target: s.Tolerance, MaxGenerations: s.MaxGens, MinAcceptance: s.MinAccept, Alpha: s.Alpha}
}

// ChooseParams returns the parameters to calibrate: the keys given, or
// with none every number the first design draws; each must have the same
// distribution in every design.
func ChooseParams(designs []experiments.Scenario, keys []string) ([]Param, error) {
	first := designs[0].Scenario.Uncertain
	if len(keys) == 0 {
		for _, u := range first {
			keys = append(keys, u.Key)
		}
	}
	var out []Param
	for _, key := range keys {
		i := slices.IndexFunc(first, func(u sim.Uncertain) bool { return u.Key == key })
		if _, _, ok := sim.UncertainRange(key); !ok {
			return nil, fmt.Errorf("--params %s: not a number that may be uncertain (the mechanism parameters are listed in docs/MODEL.md §8)", key)
		}
		if i < 0 {
			return nil, fmt.Errorf("--params %s: %s gives it no distribution, so it has no prior to calibrate (give it one in the scenario file, docs/SCENARIOS.md)", key, designs[0].Name)
		}
		for _, d := range designs[1:] {
			j := slices.IndexFunc(d.Scenario.Uncertain, func(u sim.Uncertain) bool { return u.Key == key })
			if j < 0 || d.Scenario.Uncertain[j].Dist != first[i].Dist {
				return nil, fmt.Errorf("--params %s: %s and %s give it different priors; a calibrated number must have one", key, designs[0].Name, d.Name)
			}
		}
		if slices.ContainsFunc(out, func(p Param) bool { return p.Key == key }) {
			return nil, fmt.Errorf("--params %s: given twice", key)
		}
		out = append(out, Param{Key: key, Prior: first[i].Dist})
	}
	if len(out) == 0 {
		return nil, errors.New("nothing to calibrate: the scenarios draw no number (run without --point, or give distributions)")
	}
	slices.SortFunc(out, func(a, b Param) int { return cmp.Compare(a.Key, b.Key) })
	return out, nil
}

// Values maps a particle's latent z to its parameter values.
func (s *Setup) Values(z []float64) []float64 {
	x := make([]float64, len(z))
	for k, p := range s.Params {
		x[k] = p.Value(z[k])
	}
	return x
}

// posterior is the one-particle posterior that fixes a particle's values.
func (s *Setup) posterior(x []float64) *uncertain.Posterior {
	keys := make([]string, len(s.Params))
	for k, p := range s.Params {
		keys[k] = p.Key
	}
	return &uncertain.Posterior{Source: "calibration particle", Keys: keys, Particles: [][]float64{x}, Weights: []float64{1}}
}

// datasetSeed is the master seed of one pseudo-dataset of a simulation:
// the first 8 bytes of SHA-256(simulation key ‖ dataset).
func datasetSeed(key [32]byte, m int) uint64 {
	var b [40]byte
	copy(b[:], key[:])
	binary.LittleEndian.PutUint64(b[32:], uint64(m))
	sum := sha256.Sum256(b[:])
	return binary.LittleEndian.Uint64(sum[:8]) >> 11 // below 2⁵³, as every seed cisim writes
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func formatStat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func parseStat(s string) (float64, error) { return strconv.ParseFloat(s, 64) }
