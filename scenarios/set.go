package scenarios

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/cisim/cisim/agents"
)

// segment is one step of a dotted key: a field name and an optional index.
type segment struct {
	name  string
	index int // −1 without [i]
}

func splitKey(key string) ([]segment, error) {
	var segs []segment
	for _, part := range strings.Split(strings.TrimSpace(key), ".") {
		s := segment{name: part, index: -1}
		if i := strings.IndexByte(part, '['); i >= 0 {
			if !strings.HasSuffix(part, "]") {
				return nil, fmt.Errorf("malformed key %q", key)
			}
			n, err := strconv.Atoi(part[i+1 : len(part)-1])
			if err != nil || n < 0 {
				return nil, fmt.Errorf("malformed index in key %q", key)
			}
			s.name, s.index = part[:i], n
		}
		if s.name == "" {
			return nil, fmt.Errorf("malformed key %q", key)
		}
		segs = append(segs, s)
	}
	return segs, nil
}

// field finds the struct field with yaml name seg.name in v (a struct).
func field(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if yamlName(t.Field(i)) == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// Fields lists the fields an override (key=value) sets: its key, or, for
// a mapping set into a structure, each field the mapping names, for a
// mapping merges (governance={backbone_staff: 3} leaves
// governance.power_sharing as it was). A list, a distribution or an
// optional part is set whole.
func Fields(override string) []string {
	key, value, _ := strings.Cut(override, "=")
	key = canonicalKey(key)
	var v any
	if yaml.Unmarshal([]byte(value), &v) != nil {
		return []string{key}
	}
	return fieldsIn(key, v)
}

// canonicalKey writes a dotted key as Set reads it: actors.list[01] is
// actors.list[1].
func canonicalKey(key string) string {
	segs, err := splitKey(key)
	if err != nil {
		return normKey(key)
	}
	var b strings.Builder
	for k, s := range segs {
		if k > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.name)
		if s.index >= 0 {
			fmt.Fprintf(&b, "[%d]", s.index)
		}
	}
	return b.String()
}

func fieldsIn(key string, v any) []string {
	m, ok := v.(map[string]any)
	if t, err := rawTypeAt(reflect.TypeOf(File{}), key); !ok || err != nil || t.Kind() != reflect.Struct {
		return []string{key}
	}
	var fields []string
	for k, x := range m {
		fields = append(fields, fieldsIn(key+"."+k, x)...)
	}
	slices.Sort(fields)
	return fields
}

// covers reports whether setting the field at key sets the field at the
// dotted key field: key is field, or a list or part that holds it.
func covers(key, field string) bool {
	rest, ok := strings.CutPrefix(field, key)
	return ok && (rest == "" || rest[0] == '.' || rest[0] == '[')
}

// Overlap reports whether the overrides a and b (key=value, or a key
// alone) set one field, or one sets a list or part that holds a field the
// other sets.
func Overlap(a, b string) bool {
	fbs := Fields(b)
	for _, fa := range Fields(a) {
		for _, fb := range fbs {
			if covers(fa, fb) || covers(fb, fa) {
				return true
			}
		}
	}
	return false
}

// Set sets one field of a scenario file by dotted key (any field:
// governance.backbone_staff, actors.list[2].budget, params.engagement.rungs[3].voice,
// actors.value_spread) from a YAML value, strictly: an unknown key, an
// index past the end or a value of the wrong type is an error.
func Set(f *File, key, value string) error {
	if err := checkValue(value); err != nil {
		return fmt.Errorf("%s: %w", strings.TrimSpace(key), err)
	}
	if ok, err := setDistribution(f, key, value); ok {
		return err
	}
	segs, err := splitKey(key)
	if err != nil {
		return err
	}
	if strings.TrimSpace(key) == "extends" {
		return fmt.Errorf("extends can only be given in a file (every other key but rules can be set)")
	}
	if segs[0].name == "rules" {
		return errors.New(rulesOnlyInFile)
	}
	v, path, err := settable(f, key, segs)
	if err != nil {
		return err
	}
	target := v
	if strings.TrimSpace(value) == "" {
		return fmt.Errorf("%s: no value after '='", strings.TrimPrefix(path, "."))
	}
	if v.Kind() == reflect.Pointer {
		// An optional field (a generator lever): null clears it.
		if s := strings.TrimSpace(value); s == "null" || s == "~" {
			v.Set(reflect.Zero(v.Type()))
			return nil
		}
		target = reflect.New(v.Type().Elem()).Elem()
	}
	switch target.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint64:
		if x, err := strconv.ParseFloat(strings.TrimSpace(value), 64); err == nil && x != math.Trunc(x) {
			return fmt.Errorf("%s: want a whole number, got %s", strings.TrimPrefix(path, "."), value)
		}
	}
	ptr := reflect.New(target.Type())
	ptr.Elem().Set(target)
	if err := unmarshalValue(value, ptr.Interface()); err != nil {
		return valueError(strings.TrimPrefix(path, "."), value, err)
	}
	if v.Kind() == reflect.Pointer {
		v.Set(ptr)
		return nil
	}
	v.Set(ptr.Elem())
	dropUncertain(f, key+"="+value)
	return nil
}

// dropUncertain forgets the distributions of the fields an override
// fixes: a number set in a mapping (params.trust={gain: 0.05}) or in a
// list is no longer drawn.
func dropUncertain(f *File, override string) {
	fields := Fields(override)
	for k := range f.Uncertain {
		for _, field := range fields {
			if covers(field, k) {
				delete(f.Uncertain, k)
			}
		}
	}
}

// settable walks the segments of key into f, making optional parts on
// the way, and returns the field it names and its path (".a.b[2]").
func settable(f *File, key string, segs []segment) (v reflect.Value, path string, err error) {
	v = reflect.ValueOf(f).Elem()
	for _, s := range segs {
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return v, path, fmt.Errorf("%s has no field %q", strings.TrimPrefix(path, "."), s.name)
		}
		next, ok := field(v, s.name)
		if !ok {
			return v, path, fmt.Errorf("unknown key %q (allowed after %q: %s)", key, strings.TrimPrefix(path, "."), strings.Join(tags(v.Type()), ", "))
		}
		v = next
		path += "." + s.name
		if s.index >= 0 {
			if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
				return v, path, fmt.Errorf("%s is not a list", strings.TrimPrefix(path, "."))
			}
			if s.index >= v.Len() {
				return v, path, fmt.Errorf("index %d is past the end of %s (%d entries)", s.index, strings.TrimPrefix(path, "."), v.Len())
			}
			v = v.Index(s.index)
			path += fmt.Sprintf("[%d]", s.index)
		}
	}
	return v, path, nil
}

// unmarshalValue decodes one value strictly; a panic inside the YAML
// library (seen with a tagged scalar where a list is wanted) becomes an
// error.
func unmarshalValue(value string, dst any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the value does not fit the field (%v)", r)
		}
	}()
	return yaml.UnmarshalWithOptions([]byte(value), dst, yaml.Strict())
}

// valueError says in one line why go-yaml refused value for the field at
// key: a value of the wrong type, or the library's message without its
// position (the value is one line of its own).
func valueError(key, value string, err error) error {
	if want, got, ok := typeMismatch(err); ok {
		return fmt.Errorf("%s: want %s, got %s %q", key, want, got, value)
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	if _, _, m, ok := yamlPosition(err); ok {
		msg = m
	}
	var ne *agents.UnknownNameError
	if errors.As(err, &ne) {
		msg = ne.Msg()
	}
	return fmt.Errorf("%s: %s", key, msg)
}

// typeAt is the type of the field at a dotted key, an optional part's
// type for an optional part.
func typeAt(t reflect.Type, key string) (reflect.Type, error) {
	t, err := rawTypeAt(t, key)
	for err == nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t, err
}

// rawTypeAt is the declared type of the field at a dotted key.
func rawTypeAt(t reflect.Type, key string) (reflect.Type, error) {
	if key == "" {
		return t, nil
	}
	segs, err := splitKey(key)
	if err != nil {
		return nil, err
	}
	for _, s := range segs {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil, fmt.Errorf("no field %q", s.name)
		}
		found := false
		for i := 0; i < t.NumField(); i++ {
			if yamlName(t.Field(i)) == s.name {
				t, found = t.Field(i).Type, true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("no field %q", s.name)
		}
		if s.index >= 0 && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			t = t.Elem()
		}
	}
	return t, nil
}
