package scenarios

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/cisim/cisim/uncertain"
)

// A number in a scenario file may be given a distribution instead of a
// value, as a mapping with one family and its numbers:
//
//	gain: {triangular: [0.02, 0.05, 0.1]}   # low, mode, high
//	gain: {uniform: [0.02, 0.1]}            # low, high
//	gain: {beta: [2, 5], low: 0, high: 0.2} # shapes, scaled to [low, high]
//	gain: {lognormal: [0.05, 0.4], low: 0.01, high: 0.2} # median, σ of the log, bounds
//
// Each replicate then draws its own value (the same under every design);
// runs with --point use the distribution's point value.

// takeDistributions finds every mapping the file gives where a number is
// wanted, records it as a distribution in f.Uncertain, and replaces it in
// the syntax tree with its point value so that the file decodes. A number
// given as a plain value drops any distribution the base had for it. It
// lists each mapping that is not a distribution, and removes its key.
func takeDistributions(label string, doc *ast.File, f *File) []*Error {
	type found struct {
		key  string
		dist uncertain.Dist
	}
	var dists []found
	var bad []*Error
	ast.Walk(visitor(func(n ast.Node) {
		key := strings.TrimPrefix(strings.TrimPrefix(n.GetPath(), "$"), ".")
		if !wantsNumber(key) {
			return
		}
		switch m := n.(type) {
		case *ast.MappingNode:
			d, err := parseDist(m)
			if err != nil {
				line, col := position(m)
				bad = append(bad, &Error{File: label, Line: line, Column: col, Key: key, Msg: err.Error()})
				return
			}
			dists = append(dists, found{key, d})
		case *ast.FloatNode, *ast.IntegerNode:
			delete(f.Uncertain, key)
		}
	}), rootNode(doc))
	for _, e := range bad {
		dropPair(doc, e.Line, e.Column, false)
	}
	for _, x := range dists {
		if err := replaceValue(doc, x.key, strconv.FormatFloat(x.dist.Point(), 'g', -1, 64)); err != nil {
			bad = append(bad, &Error{File: label, Key: x.key, Msg: err.Error()})
			continue
		}
		if f.Uncertain == nil {
			f.Uncertain = map[string]uncertain.Dist{}
		}
		f.Uncertain[x.key] = x.dist
	}
	return bad
}

// wantsNumber reports whether a dotted key of the file is a float field.
func wantsNumber(key string) bool {
	t, err := typeAt(reflect.TypeOf(File{}), key)
	return err == nil && t.Kind() == reflect.Float64
}

// parseDist reads one distribution mapping.
func parseDist(n ast.Node) (uncertain.Dist, error) {
	var m yaml.MapSlice
	if err := yaml.NodeToValue(n, &m); err != nil {
		return uncertain.Dist{}, fmt.Errorf("want a number or a distribution such as {triangular: [low, mode, high]}")
	}
	return distFromMap(m)
}

// distFromMap reads a distribution from its mapping, in the mapping's
// order, so that of two faults the first written is the one reported.
func distFromMap(m yaml.MapSlice) (uncertain.Dist, error) {
	var family string
	var nums []float64
	var low, high *float64
	for _, item := range m {
		k, _ := item.Key.(string)
		v := item.Value
		switch k {
		case "low", "high":
			x, ok := number(v)
			if !ok {
				return uncertain.Dist{}, fmt.Errorf("%s: want a number", k)
			}
			if k == "low" {
				low = &x
			} else {
				high = &x
			}
		case "uniform", "triangular", "beta", "lognormal":
			if family != "" {
				return uncertain.Dist{}, fmt.Errorf("one distribution at a time, got %s and %s", family, k)
			}
			family = k
			list, ok := v.([]any)
			if !ok {
				return uncertain.Dist{}, fmt.Errorf("%s: want a list of numbers", k)
			}
			for _, e := range list {
				x, ok := number(e)
				if !ok {
					return uncertain.Dist{}, fmt.Errorf("%s: want a list of numbers", k)
				}
				nums = append(nums, x)
			}
		default:
			return uncertain.Dist{}, fmt.Errorf("unknown distribution %q (allowed: uniform, triangular, beta, lognormal, with low and high for beta and lognormal)", fmt.Sprint(item.Key))
		}
	}
	if family == "" {
		return uncertain.Dist{}, fmt.Errorf("no distribution given (allowed: uniform, triangular, beta, lognormal)")
	}
	d, err := uncertain.FromSpec(family, nums, low, high)
	if err != nil {
		return d, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "uncertain: "))
	}
	return d, nil
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case uint64:
		return float64(x), true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// position is where a mapping starts: its brace, or its first key.
func position(m *ast.MappingNode) (line, col int) {
	tk := m.GetToken()
	if !m.IsFlowStyle && len(m.Values) > 0 {
		tk = m.Values[0].Key.GetToken()
	}
	return tk.Position.Line, tk.Position.Column
}

// replaceValue puts YAML text in place of the value at a dotted key; the
// new value keeps the old one's position, for errors that name it.
func replaceValue(doc *ast.File, key, text string) error {
	p, err := yaml.PathString("$." + key)
	if err != nil {
		return err
	}
	v, err := parser.ParseBytes([]byte(text), 0)
	if err != nil || len(v.Docs) == 0 {
		return fmt.Errorf("cannot write %q", text)
	}
	if old, err := p.FilterFile(doc); err == nil && old.GetToken() != nil {
		line, col := old.GetToken().Position.Line, old.GetToken().Position.Column
		if m, ok := old.(*ast.MappingNode); ok {
			line, col = position(m)
		}
		pos := v.Docs[0].Body.GetToken().Position
		pos.Line, pos.Column = line, col
	}
	return p.ReplaceWithNode(doc, v.Docs[0].Body)
}

// putDistributions writes each distribution in place of its point value in
// a marshalled file.
func putDistributions(out []byte, dists map[string]uncertain.Dist) ([]byte, error) {
	if len(dists) == 0 {
		return out, nil
	}
	doc, err := parser.ParseBytes(out, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(dists))
	for k := range dists {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := replaceValue(doc, k, dists[k].String()); err != nil {
			return nil, fmt.Errorf("scenarios: writing %s: %w", k, err)
		}
	}
	return []byte(doc.String() + "\n"), nil
}

// setDistribution is Set for a value that is a distribution mapping;
// ok is false when value is not a mapping.
func setDistribution(f *File, key, value string) (ok bool, err error) {
	s := strings.TrimSpace(value)
	if !strings.HasPrefix(s, "{") || !wantsNumber(strings.TrimSpace(key)) {
		return false, nil
	}
	var m yaml.MapSlice
	if yaml.Unmarshal([]byte(s), &m) != nil {
		return true, fmt.Errorf("%s: want a number or a distribution such as {triangular: [low, mode, high]}", key)
	}
	d, err := distFromMap(m)
	if err != nil {
		return true, fmt.Errorf("%s: %w", key, err)
	}
	if err := Set(f, key, strconv.FormatFloat(d.Point(), 'g', -1, 64)); err != nil {
		return true, err
	}
	if f.Uncertain == nil {
		f.Uncertain = map[string]uncertain.Dist{}
	}
	f.Uncertain[strings.TrimSpace(key)] = d
	return true, nil
}
