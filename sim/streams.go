package sim

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
)

// stream names one random process. World streams (actors, population,
// needs) draw the initial world and the need drift, so they are the same
// under every governance design; process streams serve one submodel each,
// so a design that skips a process does not shift the draws of another.
type stream int

const (
	streamActors stream = iota
	streamPopulation
	streamNeeds
	streamMeetings
	streamTrust
	streamEngagement
	streamFunding
	streamEnrolment
	streamProgress
	streamMembership
	streamInnovation
	numStreams
)

// streams holds one ChaCha8 generator per process. Reseeding reuses them.
type streams struct {
	src [numStreams]rand.ChaCha8
	rng [numStreams]*rand.Rand
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
}

// StreamKey is the 32-byte ChaCha8 key of one process stream of one replicate.
func StreamKey(master uint64, replicate, process int) [32]byte {
	var b [24]byte
	binary.LittleEndian.PutUint64(b[0:], master)
	binary.LittleEndian.PutUint64(b[8:], uint64(replicate))
	binary.LittleEndian.PutUint64(b[16:], uint64(process))
	return sha256.Sum256(b[:])
}

func (s *streams) get(id stream) *rand.Rand { return s.rng[id] }
