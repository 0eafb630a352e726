package sim

import "testing"

// Names that would look like another's are hidden; the joiners that
// Persian, the Indic scripts and emoji are written with are not.
func TestHiddenCharactersInNames(t *testing.T) {
	for _, c := range []struct {
		name string
		at   int // the hidden character's index, −1 for none
	}{
		{"Malmö stad", -1},
		{"می\u200cخواهم", -1},            // Persian: a non-joiner between Arabic letters
		{"क्\u200dष", -1},                // Devanagari: a joiner after a virama
		{"👩\u200d👩\u200d👧 families", -1}, // an emoji sequence
		{"👩🏽\u200d💻", -1},                // with a skin tone
		{"❤\ufe0f\u200d🔥", -1},           // with the emoji variation selector
		{"1\ufe0f\u20e3 team", -1},       // a keycap
		{"\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F Scotland", -1}, // a region's flag
		{"\U0001F3F4 black flag", -1},
		{"葛\U000E0100城", -1},    // an ideographic variation
		{"മലയാളികള്\u200d", -1}, // a Malayalam chillu at the end
		{"র\u200d্যাব", -1},     // Bengali ra-phala
		{"بِ\u200cها", -1},      // a non-joiner after a vowel mark
		{"ᠨᠣᠮ\u180eᠠ", -1},      // the Mongolian vowel separator
		{"‼\ufe0f ℹ\ufe0f", -1}, // emoji whose base is no symbol
		{"🙂\ufe0f\ufe0f", 2},    // a chain of selectors
		{"iso\u200dlated", 3},   // a joiner between ASCII letters does nothing
		{"Мос\u200dква", 3},     // nor between Cyrillic ones
		{"\u200dx", 0},
		{"x\u200c", 1},
		{"iso\u200blated", 3},
		{"\u202edetalosi", 0},
		{"a\u2028b", 1},
		{"a\u00adb", 1},                       // a soft hyphen
		{"a\u034fb", 1},                       // the combining grapheme joiner
		{"ab\ufe0f", 2},                       // an emoji variation selector after a letter
		{"\u3164", 0},                         // a Hangul filler
		{"a\u2800b", 1},                       // a blank Braille pattern
		{"x\U000E0067\U000E007F", 1},          // tags outside a flag
		{"\U0001F3F4\U000E0067\U000E0062", 2}, // a flag's tags without their end
		{"a\tb", 1},
	} {
		k, _, ok := hidden(c.name)
		if !ok {
			k = -1
		}
		if k != c.at {
			t.Errorf("hidden(%+q) at %d, want %d", c.name, k, c.at)
		}
	}
}
