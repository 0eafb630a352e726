package classroom

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/cisim/cisim/scenarios"
)

// builtins is scenarios.List and the page's adaptive designs, read once:
// it loads every one, which the page cannot afford at every step.
var builtins = sync.OnceValue(func() []scenarios.Entry {
	out := scenarios.List()
	for _, name := range adaptive {
		l, err := loadDesign(name, nil)
		if err != nil {
			panic(fmt.Sprintf("classroom: the page's design %s does not load: %v", name, err))
		}
		out = append(out, scenarios.Entry{Name: name, Purpose: l.Scenario.Description})
	}
	return out
})

// Builtins returns the scenarios the page offers, their names and
// descriptions: the built-in library, then the page's adaptive designs.
func Builtins() []scenarios.Entry { return append([]scenarios.Entry(nil), builtins()...) }

// The page's adaptive designs: examples/NAME.yaml of the repository,
// embedded (a test keeps the copies equal), so that a class can watch a
// rule's trigger fire. The command line runs them from the file.
var (
	//go:embed designs/*.yaml
	designs  embed.FS
	adaptive = []string{"adaptive-backbone"}
)

// isDesign reports whether name is one of the page's adaptive designs.
func isDesign(name string) bool { return slices.Contains(adaptive, name) }

// Ref is how the command line names a scenario of the page: a built-in
// by its name, an adaptive design by its file in the repository.
func Ref(name string) string {
	if isDesign(name) {
		return "examples/" + name + ".yaml"
	}
	return name
}

// loadDesign loads one of the page's adaptive designs with --set
// arguments, as the command line loads its file.
func loadDesign(name string, sets []string) (*scenarios.Loaded, error) {
	src, err := designs.ReadFile("designs/" + name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("classroom: unknown scenario %q", name)
	}
	return scenarios.LoadBytes(Ref(name), src, sets)
}

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

// designTitles name the page's adaptive designs, short enough to head a
// side beside a lesson.
var designTitles = map[string]string{"adaptive-backbone": "Adaptive backbone"}

// Title is a built-in scenario's name in words, as the page heads a side
// with it: the words before the colon of its description, without a
// citation ("Collective impact", "Ungas Vägar (Malmö)"); the file name if
// the description has no such words. The page's adaptive designs have
// short names of their own (designTitles).
func Title(name string) string {
	if t, ok := designTitles[name]; ok {
		return t
	}
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
