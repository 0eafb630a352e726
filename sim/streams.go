package sim

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
)

// stream names one random process. World streams (actors, population,
// needs, shocks, perception) draw the initial world, the need drift, the
// world's shocks and first impressions, so they are the same under every
// governance design; process streams serve one submodel each, so a design
// that skips a process does not shift the draws of another.
type stream int

const (
	streamActors stream = iota
	streamPopulation
	streamNeeds
	streamShocks
	streamPerception
	streamMeetings
	streamTrust
	streamConflict
	streamDecisions
	streamEngagement
	streamMeasurement
	streamFunding
	streamEnrolment
	streamProgress
	streamMembership
	streamInnovation
	numStreams
	streamParams = numStreams // keys the uncertain parameters' draws; not a generator
)

// streams holds one ChaCha8 generator per process. Reseeding reuses them.
type streams struct {
	src    [numStreams]rand.ChaCha8
	rng    [numStreams]*rand.Rand
	params [32]byte // key of this replicate's parameter draws
}

func newStreams() *streams {
	s := &streams{}
	for i := range s.src {
		s.rng[i] = rand.New(&s.src[i])
	}
	return s
}

// seed keys every stream by SHA-256 of (master seed, replicate, process),
// so streams are independent across replicates and processes and do not
// depend on which worker runs the replicate.
func (s *streams) seed(master uint64, replicate int) {
	for i := range s.src {
		s.src[i].Seed(StreamKey(master, replicate, i))
	}
	s.params = StreamKey(master, replicate, int(streamParams))
}

// StreamKey is the 32-byte ChaCha8 key of one process stream of one replicate.
func StreamKey(master uint64, replicate, process int) [32]byte {
	var b [24]byte
	binary.LittleEndian.PutUint64(b[0:], master)
	binary.LittleEndian.PutUint64(b[8:], uint64(replicate))
	binary.LittleEndian.PutUint64(b[16:], uint64(process))
	return sha256.Sum256(b[:])
}

// uniform is this replicate's uniform draw in (0, 1) for an uncertain
// number, keyed by the hash of its name (nameHash):
// SHA-256(params key ‖ hash), so a number's draw does not depend on which
// other numbers are uncertain.
func (s *streams) uniform(name uint64) float64 {
	var b [40]byte
	copy(b[:32], s.params[:])
	binary.LittleEndian.PutUint64(b[32:], name)
	sum := sha256.Sum256(b[:])
	x := binary.LittleEndian.Uint64(sum[:8])
	return (float64(x>>11) + 0.5) / (1 << 53)
}

// nameHash is the 64-bit FNV-1a hash of a dotted key.
func nameHash(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}

func (s *streams) get(id stream) *rand.Rand { return s.rng[id] }
