package class

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// capRunes cuts s to at most n characters, on a character boundary.
func capRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// quoteCapped is s, cut to n characters, as a Go string literal: whatever
// a client sent, it stays on one line of the log.
func quoteCapped(s string, n int) string {
	return strconv.Quote(capRunes(s, n))
}

// cleanLine is s cut to n characters with every control or invisible
// character replaced by a space (invalid UTF-8 by U+FFFD): text that may
// echo a client's bytes, made fit for one line.
func cleanLine(s string, n int) string {
	s = strings.ToValidUTF8(capRunes(s, n), "\uFFFD")
	return strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) {
			return ' '
		}
		return r
	}, s)
}

// cleanName is a student's name as the teacher will see it: printable,
// single spaces, at most maxName characters.
func cleanName(s string) string {
	return capRunes(strings.Join(strings.Fields(cleanLine(s, 4*maxName)), " "), maxName)
}
