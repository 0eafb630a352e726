package sim

import "unicode"

// hidden finds in a name the first character that shows nothing, or
// nothing of its own, and so makes one name look like another or hides a
// name's end: a control character, a line or paragraph separator, a
// formatting character (Unicode Cf), a default-ignorable one (the
// combining grapheme joiner, the Hangul fillers) or a blank symbol. It
// returns its index in characters. The joiners, the variation selectors
// and the tag characters are allowed where a script or an emoji needs
// them (after a virama, between Arabic letters, in an emoji sequence or
// an emoji flag of a region, after an ideograph or symbol they vary); in
// the contexts RFC 5892 allows in domain names and a little more, for
// names are not domain names.
func hidden(s string) (int, rune, bool) {
	rs := []rune(s)
	for k := 0; k < len(rs); k++ {
		r := rs[k]
		switch {
		case r == blackFlag:
			k = skipTags(rs, k)
			if k < 0 {
				return -k - 1, rs[-k-1], true
			}
		case r == zwnj || r == zwj || isVariation(r) || r == mongolianVowelSeparator:
			if !joins(rs, k) {
				return k, r, true
			}
		case Invisible(r):
			return k, r, true
		}
	}
	return 0, 0, false
}

// Invisible reports whether r shows nothing of its own: a control
// character, a line or paragraph separator, a formatting character, a
// default-ignorable one, a variation selector or a blank symbol (some of
// which Go counts as printable).
func Invisible(r rune) bool {
	return unicode.IsControl(r) || r == brailleBlank ||
		unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

const (
	zwnj         = '\u200c'
	zwj          = '\u200d'
	vs15, vs16   = '\ufe0e', '\ufe0f'
	keycap       = '\u20e3'
	blackFlag    = '\U0001F3F4'
	tagFirst     = '\U000E0020'
	tagLast      = '\U000E007E'
	cancelTag    = '\U000E007F'
	brailleBlank = '\u2800'

	mongolianVowelSeparator = '\u180e'
)

// skipTags passes over the tag characters of an emoji flag of a region
// (U+1F3F4, tags, U+E007F) starting at the flag k, returning the index of
// its last character; −(i+1) for a malformed sequence's character i.
func skipTags(rs []rune, k int) int {
	n := 0
	for k+1 < len(rs) && rs[k+1] >= tagFirst && rs[k+1] <= tagLast {
		k, n = k+1, n+1
	}
	switch {
	case n == 0:
		return k // a black flag alone
	case k+1 < len(rs) && rs[k+1] == cancelTag:
		return k + 1
	default:
		return -(k + 1) // tags without their end
	}
}

// joins reports whether the joiner or variation selector at k sits where
// writing needs it.
func joins(rs []rune, k int) bool {
	if k == 0 {
		return false
	}
	prev, next := rs[k-1], rune(0)
	if k+1 < len(rs) {
		next = rs[k+1]
	}
	switch r := rs[k]; {
	case r == zwj || r == zwnj:
		// After a virama (a Malayalam chillu ends a word so), before one
		// (Bengali ra-phala), between Arabic letters (their vowel marks
		// between), or inside an emoji sequence.
		return isVirama(prev) || next != 0 && isVirama(next) ||
			unicode.Is(unicode.Arabic, base(rs, k)) && unicode.Is(unicode.Arabic, next) ||
			r == zwj && isEmoji(prev) && isEmoji(next)
	case r == vs15 || r == vs16:
		// After an emoji's base, which need not be a symbol (‼ ℹ ↔ 〰);
		// not after another selector.
		return prev >= 0x80 && !isVariation(prev) && !unicode.Is(unicode.Cf, prev) || isKeycapBase(prev) && next == keycap
	case r >= '\U000E0100':
		return unicode.Is(unicode.Han, prev)
	case r >= '\u180b' && r <= '\u180f': // and the vowel separator U+180E
		return unicode.Is(unicode.Mongolian, prev)
	default: // U+FE00–FE0D: standardised variants of symbols and ideographs
		return unicode.In(prev, unicode.Han, unicode.Sm, unicode.So)
	}
}

// base is the letter the marks before k sit on.
func base(rs []rune, k int) rune {
	for k--; k > 0 && unicode.Is(unicode.Mn, rs[k]); k-- {
	}
	return rs[k]
}

func isVariation(r rune) bool {
	return unicode.Is(unicode.Variation_Selector, r)
}

// isVirama approximates Unicode's virama class (combining class 9), which
// Go's tables do not carry: a non-spacing mark of a Brahmic script.
func isVirama(r rune) bool {
	return unicode.Is(unicode.Mn, r) && r >= '\u0900' && r <= '\u1fff'
}

// isEmoji approximates Extended_Pictographic (not in Go's tables): a
// symbol that is not ASCII, or an emoji modifier (a skin tone) or the
// variation selector that makes the one before an emoji.
func isEmoji(r rune) bool {
	return r >= 0x80 && unicode.Is(unicode.So, r) || r >= '\U0001F3FB' && r <= '\U0001F3FF' || r == vs16
}

func isKeycapBase(r rune) bool { return r >= '0' && r <= '9' || r == '#' || r == '*' }
