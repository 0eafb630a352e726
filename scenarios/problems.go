package scenarios

import (
	"cmp"
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// maxProblems bounds the problems listed for one file, and maxDecodeWork
// the tokens decoded while finding them: each problem of a value's type
// costs one more decoding of the file (go-yaml stops at the first), so a
// file at maxTokens is decoded at most five times (some 30 ms and 6 MB
// each), one of 200 actors ten times, a file of the library's size a
// hundred times.
const (
	maxProblems   = 100
	maxDecodeWork = 5 * maxTokens
)

// Problems lists every problem of a scenario given by built-in name or
// file path, in file order (line, then column; problems without a place
// in the file last), one *Error each; nil when it loads. Problems of the
// file's structure (unknown keys, values of the wrong type or form) are
// listed first on their own: the engine's checks of the values, which
// would see the structure's faults again, follow once those are fixed.
func Problems(ref string) []*Error {
	_, problems := load(ref, nil)
	return problems
}

// sortProblems puts problems in file order, those without a line last,
// drops repeats and keeps the first maxProblems.
func sortProblems(ps []*Error) []*Error {
	slices.SortStableFunc(ps, func(a, b *Error) int {
		if (a.Line == 0) != (b.Line == 0) {
			return cmp.Compare(b.Line, a.Line) // the one with a line first
		}
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	ps = slices.CompactFunc(ps, func(a, b *Error) bool { return *a == *b })
	if len(ps) > maxProblems {
		ps = append(ps[:maxProblems], tooMany(ps[0].File))
	}
	return ps
}

// tooMany ends a list of problems cut short.
func tooMany(label string) *Error {
	return &Error{File: label, Msg: "more problems than are listed at once: fix these and validate again"}
}

// unknownKeys lists every key of the file that names no field, walking
// the syntax tree beside the File type, and removes each from the tree so
// that the file decodes without them. (go-yaml reports one unknown field
// of a mapping, a different one from run to run.)
func unknownKeys(label string, doc *ast.File) []*Error {
	var out []*Error
	walkKeys(label, rootNode(doc), reflect.TypeOf(File{}), "", &out)
	return out
}

func walkKeys(label string, n ast.Node, t reflect.Type, path string, out *[]*Error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if decodesItself(t) {
		return
	}
	switch n := n.(type) {
	case *ast.AnchorNode:
		walkKeys(label, n.Value, t, path, out)
	case *ast.TagNode:
		walkKeys(label, n.Value, t, path, out)
	case *ast.SequenceNode:
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			for i, v := range n.Values {
				walkKeys(label, v, t.Elem(), fmt.Sprintf("%s[%d]", path, i), out)
			}
		}
	case *ast.MappingNode:
		if t.Kind() == reflect.Struct {
			n.Values = slices.DeleteFunc(n.Values, func(mv *ast.MappingValueNode) bool {
				return !knownKey(label, mv, t, path, out)
			})
		}
	}
}

// knownKey walks one key and its value under a struct type, and reports
// whether the key names a field; if not, it lists the key as a problem.
func knownKey(label string, mv *ast.MappingValueNode, t reflect.Type, path string, out *[]*Error) bool {
	if mv.Key == nil || mv.Key.IsMergeKey() {
		return true
	}
	tk := mv.Key.GetToken()
	name := keyName(mv.Key, tk)
	key := strings.TrimPrefix(path+"."+name, ".")
	for i := 0; i < t.NumField(); i++ {
		if yamlName(t.Field(i)) == name {
			walkKeys(label, mv.Value, t.Field(i).Type, key, out)
			return true
		}
	}
	*out = append(*out, &Error{File: label, Line: tk.Position.Line, Column: tk.Position.Column, Key: key,
		Msg: "unknown field (allowed here: " + strings.Join(tags(t), ", ") + ")"})
	return false
}

var (
	interfaceUnmarshaler = reflect.TypeFor[yaml.InterfaceUnmarshaler]()
	bytesUnmarshaler     = reflect.TypeFor[yaml.BytesUnmarshaler]()
	textUnmarshaler      = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// decodesItself reports whether a type reads its own YAML (a name such as
// an agreement's), so that its fields are not keys of the file.
func decodesItself(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return p.Implements(interfaceUnmarshaler) || p.Implements(bytesUnmarshaler) || p.Implements(textUnmarshaler)
}

// decodeAll decodes the file over a copy of base. go-yaml stops at the
// first value it cannot decode; decodeAll lists it, removes its key from
// the tree and decodes again, until the file decodes or the limits of
// problems and work are reached. It returns the file decoded without the
// keys of the problems, and whether it got so far.
func decodeAll(label string, doc *ast.File, base File, tokens int, own yaml.CommentMap) (File, []*Error, bool) {
	var problems []*Error
	for work := tokens; ; work += tokens {
		f := base.clone()
		clear(own)
		err := decodeStrict(doc, &f, own)
		if err == nil {
			return f, problems, true
		}
		e := yamlError(label, err, doc)
		problems = append(problems, e)
		var ue *yaml.UnknownFieldError
		if !dropPair(doc, e.Line, e.Column, errors.As(err, &ue)) {
			return File{}, problems, false
		}
		if len(problems) == maxProblems || work+tokens > maxDecodeWork {
			return File{}, append(problems, tooMany(label)), false
		}
	}
}

// unreported drops the problems of checking a file whose key already has
// a problem of the file's structure: a value that did not decode keeps
// the base's, and a fraction was cut to a whole number, and neither is
// what the file says.
func unreported(checks, structural []*Error) []*Error {
	return slices.DeleteFunc(checks, func(c *Error) bool {
		return slices.ContainsFunc(structural, func(s *Error) bool {
			return s.Key != "" && (c.Key == s.Key || strings.HasPrefix(c.Key, s.Key+".") || strings.HasPrefix(c.Key, s.Key+"["))
		})
	})
}

// pairAt is the key-value pair an error at line:column is about: the pair
// of the key there (atKey, for an unknown field), or else the outermost
// pair whose value starts there (exact), or else the innermost pair around
// a node that starts there. It returns the pair and the mapping that
// holds it.
func pairAt(doc *ast.File, line, col int, atKey bool) (pair *ast.MappingValueNode, owner *ast.MappingNode, exact bool) {
	if doc == nil || line == 0 {
		return nil, nil, false
	}
	at := func(n ast.Node) bool { return startsAt(n, line, col) }
	var around *ast.MappingValueNode
	var aroundOwner *ast.MappingNode
	ast.Walk(visitor(func(n ast.Node) {
		m, ok := n.(*ast.MappingNode)
		if !ok || pair != nil {
			return
		}
		for _, mv := range m.Values {
			if atKey && mv.Key != nil && at(mv.Key) || !atKey && mv.Value != nil && at(mv.Value) {
				pair, owner = mv, m
				return
			}
			if !atKey && mv.Value != nil && contains(mv.Value, at) {
				around, aroundOwner = mv, m
			}
		}
	}), rootNode(doc))
	if pair == nil {
		return around, aroundOwner, false
	}
	return pair, owner, true
}

// startsAt reports whether a node's token is at line:column, or, for a
// block mapping, its first key (where go-yaml places its errors).
func startsAt(n ast.Node, line, col int) bool {
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 && m.Values[0].Key != nil {
		if l, c := position(m); l == line && c == col {
			return true
		}
	}
	tk := n.GetToken()
	return tk != nil && tk.Position != nil && tk.Position.Line == line && tk.Position.Column == col
}

// contains reports whether a node or one inside it satisfies at.
func contains(n ast.Node, at func(ast.Node) bool) bool {
	found := false
	ast.Walk(visitor(func(x ast.Node) { found = found || at(x) }), n)
	return found
}

// dropPair removes from the tree the pair an error at line:column is
// about (pairAt), and reports whether there was one.
func dropPair(doc *ast.File, line, col int, atKey bool) bool {
	pair, owner, _ := pairAt(doc, line, col, atKey)
	if pair == nil {
		return false
	}
	owner.Values = slices.DeleteFunc(owner.Values, func(mv *ast.MappingValueNode) bool { return mv == pair })
	return true
}

// locateAll turns the errors of converting and validating a scenario (one,
// or several joined) into problems naming their place in the file or the
// override that gave the value.
func locateAll(err error, label string, doc *ast.File, sets map[string]string) []*Error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*Error
		for _, e := range j.Unwrap() {
			out = append(out, locateAll(e, label, doc, sets)...)
		}
		return out
	}
	return []*Error{locate(err, label, doc, sets)}
}
