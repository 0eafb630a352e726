package sim

import "testing"

// Names that would look like another's are hidden; the joiners that
// Persian, the Indic scripts and emoji are written with are not.
func TestHiddenCharactersInNames(t *testing.T) {
	for _, c := range []struct {
		name   string
		hidden bool
	}{
		{"Malmö stad", false},
		{"می\u200cخواهم", false},            // Persian: a zero-width non-joiner between letters
		{"क्\u200dष", false},                // Devanagari: a joiner between letters
		{"👩\u200d👩\u200d👧 families", false}, // an emoji sequence
		{"iso\u200dlated", true},            // a joiner between ASCII letters does nothing
		{"\u200dx", true},
		{"iso\u200blated", true},
		{"\u202edetalosi", true},
		{"a\u2028b", true},
		{"a\u00adb", true}, // a soft hyphen
		{"a\tb", true},
	} {
		if got := hasHidden(c.name); got != c.hidden {
			t.Errorf("hasHidden(%+q) = %v, want %v", c.name, got, c.hidden)
		}
	}
}
