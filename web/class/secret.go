package class

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"strings"
)

// codeAlphabet has no letters or digits that read alike on a projector or
// a phone (0/O, 1/I/L, 2/Z, 5/S, 8/B): a class copies the code by eye.
const codeAlphabet = "ACDEFGHJKMNPQRTUVWXY34679"

// CodeLength is the join code's length: 25^6 ≈ 2.4e8 codes, so a guess
// from outside the class is hopeless while the game lasts.
const CodeLength = 6

// NewCode returns a fresh join code from crypto/rand. The code keeps
// strangers on the network out; it is not the game's seed, which is
// deterministic so that a record replays.
func NewCode() string {
	b := make([]byte, CodeLength)
	// The rejection keeps the letters uniform: 250 is the largest
	// multiple of 25 that fits a byte.
	for i := 0; i < len(b); {
		var r [1]byte
		rand.Read(r[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
		if r[0] < 250 {
			b[i] = codeAlphabet[int(r[0])%len(codeAlphabet)]
			i++
		}
	}
	return string(b)
}

// NormalizeCode makes what a student typed comparable with the code:
// case and spaces do not matter.
func NormalizeCode(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// newSecret returns 128 random bits in hex: the teacher's key and the
// students' tokens.
func newSecret() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// sameSecret compares in constant time, so the time an answer takes says
// nothing about how much of a guessed key was right.
func sameSecret(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
