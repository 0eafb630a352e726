package scenarios

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// The tests in this file keep docs/SCENARIOS.md true to the code. They read
// the field tables of its sections 2 (the levers) and 3 (the field
// reference): every row whose first cell is one backquoted dotted key. A
// list index in a documented key is a letter ([i] for actors, [L] for
// rungs) and stands for any entry.

const scenariosDoc = "../docs/SCENARIOS.md"

// docRow is one row of a field table.
type docRow struct {
	key   string            // the first cell, without its backquotes
	cells map[string]string // every cell by its column's header
	line  int
}

var (
	docKeyCell = regexp.MustCompile("^`([a-z_]+(?:\\[[0-9A-Za-z]+\\])?(?:\\.[a-z_]+(?:\\[[0-9A-Za-z]+\\])?)*)`$")
	letterIdx  = regexp.MustCompile(`\[[A-Za-z]+\]`)
	anyIdx     = regexp.MustCompile(`\[[^\]]*\]`)
	codeSpan   = regexp.MustCompile("`([^`]+)`")
)

// docRows parses the field tables of sections 2 and 3.
func docRows(t *testing.T) []docRow {
	t.Helper()
	src, err := os.ReadFile(filepath.FromSlash(scenariosDoc))
	if err != nil {
		t.Fatal(err)
	}
	var rows []docRow
	var header []string
	inScope, inTable := false, false
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "## ") {
			inScope = strings.HasPrefix(line, "## 2.") || strings.HasPrefix(line, "## 3.")
		}
		if !strings.HasPrefix(line, "|") {
			inTable = false
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		switch {
		case !inTable:
			inTable, header = true, cells
			continue
		case strings.HasPrefix(cells[0], "---"):
			continue
		}
		if !inScope {
			continue
		}
		m := docKeyCell.FindStringSubmatch(cells[0])
		if m == nil {
			continue
		}
		if len(cells) != len(header) {
			t.Errorf("%s:%d: %d cells in a table of %d columns", scenariosDoc, n, len(cells), len(header))
			continue
		}
		row := docRow{key: m[1], cells: map[string]string{}, line: n}
		for i, h := range header {
			row.cells[h] = cells[i]
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) < 60 {
		t.Fatalf("%s: only %d documented keys found in sections 2 and 3; has the format of its tables changed?", scenariosDoc, len(rows))
	}
	return rows
}

// concrete is a documented key with its letter indices made the first entry.
func concrete(key string) string { return letterIdx.ReplaceAllString(key, "[0]") }

// pattern is a key with every index dropped, for matching entries to rows.
func pattern(key string) string { return anyIdx.ReplaceAllString(key, "[]") }

func loadFile(t *testing.T, name string) File {
	t.Helper()
	l, err := Load(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return l.File
}

// fieldAt is the field of f at a dotted key.
func fieldAt(f *File, key string) (reflect.Value, error) {
	segs, err := splitKey(key)
	if err != nil {
		return reflect.Value{}, err
	}
	v, _, err := settable(f, key, segs)
	return v, err
}

// yamlText writes a field's value as a --set value.
func yamlText(v reflect.Value) (string, error) {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return "null", nil
	}
	out, err := yaml.MarshalWithOptions(v.Interface(), plainNumbers)
	return strings.TrimSpace(string(out)), err
}

// valid reports whether f, after setting key to value, is a valid scenario.
func valid(f File, key, value string) error {
	f = f.clone()
	if err := Set(&f, key, value); err != nil {
		return err
	}
	s, err := f.scenario()
	if err != nil {
		return err
	}
	return s.Validate()
}

// Every documented key is one the scenario code accepts: --set takes it
// (with the value it has in collective-impact) and the result validates.
func TestDocumentedKeysAreAccepted(t *testing.T) {
	base := loadFile(t, "collective-impact")
	for _, r := range docRows(t) {
		if r.key == "extends" { // a file's key only, refused by --set
			if _, err := LoadBytes("doc.yaml", []byte("extends: collective-impact\n"), nil); err != nil {
				t.Errorf("%s:%d: extends: %v", scenariosDoc, r.line, err)
			}
			continue
		}
		key := concrete(r.key)
		f := base.clone()
		v, err := fieldAt(&f, key)
		if err != nil {
			t.Errorf("%s:%d: documented key %s is not a scenario field: %v", scenariosDoc, r.line, r.key, err)
			continue
		}
		value, err := yamlText(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := valid(base, key, value); err != nil {
			t.Errorf("%s:%d: --set %s=%s is refused: %v", scenariosDoc, r.line, key, value, err)
		}
	}
}

// docLeaf is a field of a resolved file that the documentation must
// cover: a scalar, or a per-domain or per-value mapping, which a row may
// document as a whole.
type docLeaf struct {
	key      string
	children []string // a mapping's own keys
}

// leaves walks a resolved file's value below prefix.
func leaves(v reflect.Value, prefix string) []docLeaf {
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		var out []docLeaf
		for i := 0; i < v.Len(); i++ {
			out = append(out, leaves(v.Index(i), fmt.Sprintf("%s[%d]", prefix, i))...)
		}
		return out
	case reflect.Struct:
	default:
		return []docLeaf{{key: prefix}}
	}
	var out []docLeaf
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		name := yamlName(t.Field(i))
		if name == "" || prefix == "" && name == "params" {
			continue
		}
		out = append(out, leaves(v.Field(i), strings.TrimPrefix(prefix+"."+name, "."))...)
	}
	if t == reflect.TypeOf(DomainValues{}) || t == reflect.TypeOf(ValueDims{}) {
		leaf := docLeaf{key: prefix}
		for _, c := range out {
			leaf.children = append(leaf.children, c.key)
		}
		return []docLeaf{leaf}
	}
	return out
}

// Every field of collective-impact's resolved file that a team can set is
// documented: each top-level key, each scalar outside params (an actor's
// fields once, as actors.list[i].…), each per-domain mapping as a whole or
// key by key, and the participation ladder's columns.
func TestScenarioFieldsAreDocumented(t *testing.T) {
	documented := map[string]bool{}
	for _, r := range docRows(t) {
		documented[pattern(r.key)] = true
	}
	f := loadFile(t, "collective-impact")
	var want []docLeaf
	for _, name := range tags(reflect.TypeOf(File{})) {
		want = append(want, docLeaf{key: name})
	}
	want = append(want, leaves(reflect.ValueOf(f), "")...)
	want = append(want, leaves(reflect.ValueOf(f.Params.Engagement.Rungs), "params.engagement.rungs")...)
	seen := map[string]bool{}
	for _, l := range want {
		p := pattern(l.key)
		if seen[p] || documented[p] {
			seen[p] = true
			continue
		}
		seen[p] = true
		all := len(l.children) > 0
		for _, c := range l.children {
			all = all && documented[pattern(c)]
		}
		if !all {
			t.Errorf("%s is a field of the resolved collective-impact scenario but no table of %s documents it", l.key, scenariosDoc)
		}
	}
}

var (
	rangeTo   = regexp.MustCompile(`^(?:each )?(-?[0-9][0-9.,e+-]*|1/52) to (-?[0-9][0-9.,e+-]*)`)
	rangeOpen = regexp.MustCompile(`^(?:each )?above (-?[0-9][0-9.,e+-]*) and below (-?[0-9][0-9.,e+-]*)`)
	domainSeq = regexp.MustCompile(`^(?:[a-z_]+ -?[0-9.]+(?:, |$))+$`)
	rungCol   = regexp.MustCompile(`^([0-4]) `)
)

func docNumber(s string) (float64, bool) {
	s = strings.TrimRight(strings.ReplaceAll(s, ",", ""), ".")
	if s == "1/52" {
		return 1.0 / 52, true
	}
	x, err := strconv.ParseFloat(s, 64)
	return x, err == nil
}

// numericKeys are the numbers a documented key names: itself, or each
// entry of a per-domain or per-value mapping.
func numericKeys(f *File, key string) (keys []string, whole bool) {
	v, err := fieldAt(f, key)
	if err != nil {
		return nil, false
	}
	if v.Kind() == reflect.Pointer {
		v = reflect.New(v.Type().Elem()).Elem()
	}
	switch v.Kind() {
	case reflect.Float64:
		return []string{key}, false
	case reflect.Int:
		return []string{key}, true
	case reflect.Struct:
		if v.Type() != reflect.TypeOf(DomainValues{}) && v.Type() != reflect.TypeOf(ValueDims{}) {
			return nil, false
		}
		for _, name := range tags(v.Type()) {
			keys = append(keys, key+"."+name)
		}
	}
	return keys, false
}

func num(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// The allowed range of every documented number is the one validation
// enforces: its ends are accepted and just beyond them is refused.
func TestDocumentedRangesAreEnforced(t *testing.T) {
	base := loadFile(t, "collective-impact")
	checked := 0
	for _, r := range docRows(t) {
		cell, ok := r.cells["allowed"]
		if !ok {
			cell, ok = r.cells["range"]
		}
		if !ok {
			continue
		}
		if v, err := fieldAt(&base, concrete(r.key)); err == nil && v.Kind() == reflect.Slice {
			continue // a list's range counts entries (actors.list)
		}
		keys, whole := numericKeys(&base, concrete(r.key))
		step := func(b float64) float64 {
			if whole {
				return 1
			}
			return 1e-9 * math.Max(1, math.Abs(b))
		}
		var in, out []float64
		if m := rangeTo.FindStringSubmatch(cell); m != nil {
			lo, ok1 := docNumber(m[1])
			hi, ok2 := docNumber(m[2])
			if !ok1 || !ok2 {
				t.Errorf("%s:%d: %s: cannot read the range %q", scenariosDoc, r.line, r.key, cell)
				continue
			}
			in, out = []float64{lo, hi}, []float64{lo - step(lo), hi + step(hi)}
		} else if m := rangeOpen.FindStringSubmatch(cell); m != nil {
			lo, _ := docNumber(m[1])
			hi, _ := docNumber(m[2])
			in, out = []float64{lo + step(lo), hi - step(hi)}, []float64{lo, hi}
		} else {
			continue
		}
		if len(keys) == 0 {
			t.Errorf("%s:%d: %s has a numeric range %q but is not a number", scenariosDoc, r.line, r.key, cell)
			continue
		}
		for _, k := range keys {
			checked++
			for _, x := range in {
				if err := valid(base, k, num(x)); err != nil {
					t.Errorf("%s:%d: %s = %s is inside the documented range %q but refused: %v", scenariosDoc, r.line, k, num(x), cell, err)
				}
			}
			for _, x := range out {
				if valid(base, k, num(x)) == nil {
					t.Errorf("%s:%d: %s = %s is outside the documented range %q but accepted", scenariosDoc, r.line, k, num(x), cell)
				}
			}
		}
	}
	t.Logf("%d documented ranges checked", checked)
	if checked < 40 {
		t.Errorf("only %d documented ranges checked", checked)
	}
}

// A documented default is the value of the built-in its column names:
// "default" is isolated, a backquoted built-in name that built-in, and the
// rung columns (0 none … 4 shared decisions) the ladder's rows. Cells in
// words ("the file's base name") are not checked.
func TestDocumentedDefaultsAreTheLibrarys(t *testing.T) {
	files := map[string]File{}
	file := func(name string) File {
		if f, ok := files[name]; ok {
			return f
		}
		files[name] = loadFile(t, name)
		return files[name]
	}
	checked := 0
	for _, r := range docRows(t) {
		if r.key == "extends" {
			continue
		}
		for h, cell := range r.cells {
			var design, key string
			switch m := rungCol.FindStringSubmatch(h); {
			case h == "default" || strings.HasPrefix(h, "default "):
				design, key = root, concrete(r.key)
			case strings.HasPrefix(h, "`") && IsBuiltin(strings.Trim(h, "`")):
				design, key = strings.Trim(h, "`"), concrete(r.key)
			case m != nil && strings.Contains(r.key, "[L]"):
				design, key = root, strings.Replace(r.key, "[L]", "["+m[1]+"]", 1)
			default:
				continue
			}
			f := file(design)
			v, err := fieldAt(&f, key)
			if err != nil {
				continue // reported by TestDocumentedKeysAreAccepted
			}
			got, err := yamlText(v)
			if err != nil {
				t.Fatal(err)
			}
			if ok, isValue := sameValue(v, got, cell); isValue {
				checked++
				if !ok {
					t.Errorf("%s:%d: %s: the %q column says %s, %s has %s", scenariosDoc, r.line, key, h, cell, design, strings.ReplaceAll(got, "\n", ", "))
				}
			}
		}
	}
	t.Logf("%d documented values checked", checked)
	if checked < 60 {
		t.Errorf("only %d documented defaults checked", checked)
	}
}

// sameValue compares a documented cell with a field's value; isValue is
// false when the cell is words rather than a value.
func sameValue(v reflect.Value, got, cell string) (ok, isValue bool) {
	quoted := strings.Count(cell, "`") == 2 && strings.HasPrefix(cell, "`") && strings.HasSuffix(cell, "`")
	plain := strings.Trim(cell, "`")
	if v.Kind() == reflect.Pointer {
		if plain == "null" {
			return v.IsNil(), true
		}
		if v.IsNil() {
			return false, false
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Bool:
		if plain != "true" && plain != "false" {
			return false, false
		}
		return plain == strconv.FormatBool(v.Bool()), true
	case reflect.Float64, reflect.Int:
		x, isNum := docNumber(plain)
		if !isNum {
			return false, false
		}
		var y float64
		if v.Kind() == reflect.Int {
			y = float64(v.Int())
		} else {
			y = v.Float()
		}
		return math.Abs(x-y) <= 1e-12*math.Max(1, math.Abs(y)), true
	case reflect.Struct:
		if !domainSeq.MatchString(plain) {
			return false, false
		}
		for _, pair := range strings.Split(plain, ", ") {
			name, val, _ := strings.Cut(pair, " ")
			x, _ := strconv.ParseFloat(val, 64)
			f, found := field(v, name)
			if !found || f.Kind() != reflect.Float64 || f.Float() != x {
				return false, true
			}
		}
		return len(strings.Split(plain, ", ")) == v.NumField(), true
	case reflect.String, reflect.Uint8:
		if !quoted {
			return false, false
		}
		return plain == got, true
	}
	return false, false
}

// Every dotted key the text mentions in backquotes (`params.decisions.no_champion`,
// `governance.agreement`) names a field, so prose cannot keep a removed key.
func TestKeysInTheTextExist(t *testing.T) {
	src, err := os.ReadFile(filepath.FromSlash(scenariosDoc))
	if err != nil {
		t.Fatal(err)
	}
	top := map[string]bool{}
	for _, name := range tags(reflect.TypeOf(File{})) {
		top[name] = true
	}
	base := loadFile(t, "collective-impact")
	checked := 0
	for n, line := range strings.Split(string(src), "\n") {
		for _, m := range codeSpan.FindAllStringSubmatch(line, -1) {
			key := m[1]
			first, _, dotted := strings.Cut(key, ".")
			if !dotted || !top[anyIdx.ReplaceAllString(first, "")] || docKeyCell.FindString("`"+key+"`") == "" {
				continue
			}
			checked++
			f := base.clone()
			if _, err := fieldAt(&f, anyIdx.ReplaceAllString(key, "[0]")); err != nil {
				t.Errorf("%s:%d: `%s` is not a scenario field: %v", scenariosDoc, n+1, key, err)
			}
		}
	}
	t.Logf("%d keys in the text checked", checked)
}
