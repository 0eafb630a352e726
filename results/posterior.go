package results

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/cisim/cisim/uncertain"
)

// ManifestPosterior is the posterior a run's replicates drew their
// parameters from (--posterior): where it came from, its hash, and the
// particles themselves, so the folder can be resumed, merged and read
// without the file.
type ManifestPosterior struct {
	Source    string      `json:"source"` // the posterior.csv given, and the targets it was calibrated to
	SHA256    string      `json:"sha256"`
	Keys      []string    `json:"keys"`
	Weights   []float64   `json:"weights"`
	Particles [][]float64 `json:"particles"`
}

// NewManifestPosterior records p; nil gives nil.
func NewManifestPosterior(p *uncertain.Posterior) *ManifestPosterior {
	if p == nil {
		return nil
	}
	return &ManifestPosterior{Source: p.Source, SHA256: PosteriorHash(p), Keys: p.Keys, Weights: p.Weights, Particles: p.Particles}
}

// Posterior is the recorded posterior, checked.
func (m *ManifestPosterior) Posterior() (*uncertain.Posterior, error) {
	p := &uncertain.Posterior{Source: m.Source, Keys: m.Keys, Weights: m.Weights, Particles: m.Particles}
	if err := p.Check(); err != nil {
		return nil, fmt.Errorf("results: the manifest's posterior: %w", err)
	}
	if PosteriorHash(p) != m.SHA256 {
		return nil, fmt.Errorf("results: the manifest's posterior does not match its hash")
	}
	return p, nil
}

// PosteriorHash is the SHA-256 of a posterior's keys, weights and values
// in their shortest round-tripping form.
func PosteriorHash(p *uncertain.Posterior) string {
	h := sha256.New()
	h.Write([]byte(strings.Join(p.Keys, ",") + "\n"))
	for i, x := range p.Particles {
		h.Write([]byte(strconv.FormatFloat(p.Weights[i], 'g', -1, 64)))
		for _, v := range x {
			h.Write([]byte("," + strconv.FormatFloat(v, 'g', -1, 64)))
		}
		h.Write([]byte("\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}
