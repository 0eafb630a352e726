package classroom

import (
	"strings"
	"sync"

	"github.com/cisim/cisim/scenarios"
)

// builtins is scenarios.List, read once: it loads every built-in, which
// the page cannot afford at every step.
var builtins = sync.OnceValue(scenarios.List)

// Builtins returns the built-in scenarios, their names and descriptions.
func Builtins() []scenarios.Entry { return append([]scenarios.Entry(nil), builtins()...) }

// titles are the built-ins' titles.
var titles = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	for _, e := range builtins() {
		head, _, ok := strings.Cut(e.Purpose, ":")
		if title := strings.TrimSpace(dropCitations(head)); ok && len(title) <= 40 {
			out[e.Name] = title
		}
	}
	return out
})

// Title is a built-in scenario's name in words, as the page heads a side
// with it: the words before the colon of its description, without a
// citation ("Collective impact", "Ungas Vägar (Malmö)"); the file name if
// the description has no such words.
func Title(name string) string {
	if t, ok := titles()[name]; ok {
		return t
	}
	return name
}

// dropCitations removes each parenthesis that cites a source, "(Kania &
// Kramer 2011)", one that ends in a year, which a title on a projector can
// do without; "(Malmö)" stays.
func dropCitations(s string) string {
	for {
		open := strings.Index(s, "(")
		end := strings.Index(s, ")")
		if open < 0 || end < open || end-open < 6 {
			return s
		}
		year := s[end-4 : end]
		if strings.Trim(year, "0123456789") != "" {
			return s[:end+1] + dropCitations(s[end+1:])
		}
		s = strings.TrimRight(s[:open], " ") + s[end+1:]
	}
}
