package abc

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
)

// purpose names what a random stream is for, so that the draws of one
// step never shift those of another.
type purpose uint64

const (
	purposePrior            purpose = iota + 1 // a particle's prior draw
	purposeResample                            // a generation's one systematic-resampling uniform
	purposePropose                             // a particle's random-walk step ξ
	purposeAccept                              // a particle's Metropolis–Hastings uniform
	purposeSimulatePrior                       // the caller's simulations of a prior draw (SimKey.Key)
	purposeSimulateProposal                    // the caller's simulations of a proposal (SimKey.Key)
)

// streamDomain keeps these keys apart from every other cisim stream.
const streamDomain = "cisim abc"

// streamKey is SHA-256 of (domain, seed, generation, particle, purpose):
// one key per draw site, so no stream is shared between particles.
func streamKey(seed uint64, generation, particle int, p purpose) [32]byte {
	var b [len(streamDomain) + 32]byte
	n := copy(b[:], streamDomain)
	binary.LittleEndian.PutUint64(b[n:], seed)
	binary.LittleEndian.PutUint64(b[n+8:], uint64(generation))
	binary.LittleEndian.PutUint64(b[n+16:], uint64(particle))
	binary.LittleEndian.PutUint64(b[n+24:], uint64(p))
	return sha256.Sum256(b[:])
}

// stream is the ChaCha8 generator of one draw site.
func stream(seed uint64, generation, particle int, p purpose) *rand.Rand {
	return rand.New(rand.NewChaCha8(streamKey(seed, generation, particle, p)))
}

// SimKey names one simulation of the run: the particle's M pseudo-datasets
// at generation 0 (Proposal false: its prior draw) or at a later
// generation's proposal.
type SimKey struct {
	Generation int
	Particle   int
	Proposal   bool
}

// Key is a 32-byte ChaCha8 key for the simulations of k, apart from every
// stream the algorithm draws from: the same for a seed whichever worker or
// shard runs it. A caller that needs one stream per pseudo-dataset can
// hash this key with the dataset's index.
func (k SimKey) Key(seed uint64) [32]byte {
	p := purposeSimulatePrior
	if k.Proposal {
		p = purposeSimulateProposal
	}
	return streamKey(seed, k.Generation, k.Particle, p)
}
