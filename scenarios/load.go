package scenarios

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

//go:embed library/*.yaml
var library embed.FS

// maxFileSize bounds a scenario file: the largest built-in is about 8 kB,
// a file of 200 actors 103 kB and one at maxTokens some 250 kB. go-yaml
// takes some 80 bytes a byte to scan and parse one long text, so a file
// of one text of this size costs 40 MB.
const maxFileSize = 512 << 10

// root is the built-in every other scenario extends, directly or not. It
// extends nothing: what it leaves out is the engine's defaults.
const root = "isolated"

// Loaded is a resolved scenario: the engine scenario, and the resolved file
// that reproduces it (every field, no extends), which is what
// `scenarios show` prints and a run records.
type Loaded struct {
	Scenario sim.Scenario
	File     File
	Origin   string // "built-in NAME" or the file path
	comments yaml.CommentMap
	point    bool // at point values: With drops the distributions its settings give too
}

// YAML writes the resolved file, with the comments of the library kept.
func (l *Loaded) YAML() ([]byte, error) { return marshal(l.File, l.comments) }

// Error is an invalid scenario: where (file, line, column; line 0 when the
// value did not come from a line of the file), or which override gave the
// value, and what.
type Error struct {
	File         string
	Line, Column int
	Override     string // the key=value override that gave the value, if one did (then File is empty)
	Key          string // dotted key, when known
	Msg          string
}

// Error writes the problem on one line, with any control character of the
// file (in a key, a value or the YAML library's message) escaped.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Override != "" {
		b.WriteString("override " + printable(e.Override))
	}
	b.WriteString(printable(e.File))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(printable(e.Key) + ": ")
	}
	b.WriteString(printable(e.Msg))
	return b.String()
}

// FieldError is an invalid value of one key, before its place in a file is
// known.
type FieldError struct{ Key, Msg string }

func (e *FieldError) Error() string { return e.Key + ": " + e.Msg }

// IsBuiltin reports whether name is a built-in scenario.
func IsBuiltin(name string) bool {
	_, err := library.ReadFile("library/" + name + ".yaml")
	return err == nil && !strings.ContainsAny(name, `/\`)
}

// Load resolves a scenario given by built-in name or file path, applies
// the overrides sets (key=value, dotted keys, as Set takes them) in order,
// validates it and returns it. The error is an *Error: one line, with
// file:line:column where the problem is in a file, or the override that
// caused it; of several problems, the first in the file (Problems lists
// them all).
func Load(ref string, sets []string) (*Loaded, error) {
	l, problems := load(ref, sets)
	if len(problems) > 0 {
		return nil, problems[0]
	}
	return l, nil
}

func load(ref string, sets []string) (*Loaded, []*Error) {
	var src []byte
	origin, label := ref, ref
	switch {
	case IsBuiltin(ref):
		src, _ = library.ReadFile("library/" + ref + ".yaml")
		origin, label = "built-in "+ref, "built-in:"+ref
	case ref == StdinName:
		origin, label = "standard input", "stdin"
		var e *Error
		if src, e = readLimited(label, Stdin, -1); e != nil {
			return nil, []*Error{e}
		}
	default:
		var e *Error
		if src, e = readScenario(ref); e != nil {
			return nil, []*Error{e}
		}
	}
	l, problems := loadBytes(label, src, sets)
	if l != nil {
		l.Origin = origin
	}
	return l, problems
}

// LoadBytes is Load for a scenario file's contents; label names it in
// errors (a file path, or built-in:NAME for the library).
func LoadBytes(label string, src []byte, sets []string) (*Loaded, error) {
	l, problems := loadBytes(label, src, sets)
	if len(problems) > 0 {
		return nil, problems[0]
	}
	return l, nil
}

func loadBytes(label string, src []byte, sets []string) (*Loaded, []*Error) {
	ref := strings.TrimPrefix(label, "built-in:")
	if len(src) > maxFileSize {
		return nil, []*Error{tooLarge(label, int64(len(src)))}
	}
	defaultName := strings.TrimSuffix(filepath.Base(ref), filepath.Ext(ref))
	r := resolve(label, defaultName, src, 0)
	if !r.decoded {
		return nil, r.problems
	}
	f := r.file
	setKeys := map[string]string{}
	for i, s := range sets {
		key, value, ok := strings.Cut(s, "=")
		if !ok || key == "" {
			return nil, append(r.problems, &Error{Override: s, Msg: "want key=value, e.g. governance.backbone_staff=2"})
		}
		if prev, ok := overlapping(sets[:i], s); ok {
			return nil, append(r.problems, &Error{Override: s, Msg: fmt.Sprintf("sets what %s sets too; give one", prev)})
		}
		if err := Set(&f, key, value); err != nil {
			return nil, append(r.problems, &Error{Override: s, Msg: err.Error()})
		}
		for _, field := range Fields(s) { // a mapping gives only the fields it names
			setKeys[field] = s
		}
	}
	sc, err := f.scenario()
	if err == nil && r.validatable {
		err = sc.Problems()
	}
	problems := r.problems
	if err != nil {
		problems = append(problems, unreported(placeRules(locateAll(err, label, r.doc, setKeys), &f, sc.Ticks()), r.problems)...)
	}
	if len(problems) > 0 {
		return nil, sortProblems(problems)
	}
	return &Loaded{Scenario: sc, File: f, Origin: label, comments: r.comments}, nil
}

// marshal writes the resolved file with the comments of the library whose
// place still exists in it (a list replaced by a shorter one drops the
// comments of the entries it no longer has).
func marshal(f File, cm yaml.CommentMap) ([]byte, error) {
	plain, err := yaml.MarshalWithOptions(f, yaml.IndentSequence(true), plainNumbers)
	if err != nil {
		return nil, err
	}
	doc, err := parser.ParseBytes(plain, 0)
	if err != nil {
		return nil, err
	}
	kept := yaml.CommentMap{"$.params": {yaml.HeadComment(
		" Mechanism parameters, the same for every design: meaning, range and",
		" source of each in docs/MODEL.md (parameter table).")}}
	for path, c := range cm {
		if path == "$" {
			kept[path] = c
			continue
		}
		if p, perr := yaml.PathString(path); perr == nil {
			if _, ferr := p.FilterFile(doc); ferr == nil {
				kept[path] = c
			}
		}
	}
	out, err := yaml.MarshalWithOptions(f, yaml.WithComment(kept), yaml.IndentSequence(true), plainNumbers)
	if err != nil {
		return nil, err
	}
	if out, err = putDistributions(out, f.Uncertain); err != nil {
		return nil, err
	}
	return putRules(out, f.Rules)
}

// plainNumbers writes numbers as a person would (2000000, 0.05), not in
// exponent form; the shortest form that reads back to the same float64.
var plainNumbers = yaml.CustomMarshaler(func(x float64) ([]byte, error) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return []byte(fmt.Sprint(x)), nil
	}
	return strconv.AppendFloat(nil, x, 'f', -1, 64), nil
})

// resolution is a file resolved over the scenario it extends: the
// resolved file, the comments of the chain (the file's over its base's),
// the file's syntax tree for locating errors, and the problems of the
// file's structure in file order.
type resolution struct {
	file     File
	comments yaml.CommentMap
	doc      *ast.File
	problems []*Error
	// decoded: file holds the file's values but those of the problems,
	// which kept the base's. validatable: those are valid values, so that
	// validating the file finds only further problems; not so when a
	// problem lay in an entry of a list, which the file gives whole.
	decoded, validatable bool
}

// resolve decodes src over the scenario it extends.
func resolve(label, defaultName string, src []byte, depth int) resolution {
	doc, tokens, e := parseScenario(label, src)
	if e != nil {
		return resolution{problems: []*Error{e}}
	}
	base, cm, e := extendsBase(label, doc, depth)
	if e != nil {
		return resolution{problems: []*Error{e}}
	}
	// A list given in the file replaces the base's list, and the comments
	// on the base's entries go with it.
	if node(doc, "actors.list") != nil {
		base.Actors.List = nil
		for k := range cm {
			if strings.HasPrefix(k, "$.actors.list[") {
				delete(cm, k)
			}
		}
	}
	base.Name, base.Description = defaultName, ""
	problems := structure(label, doc, &base)
	dropReplacedComments(doc, cm)
	own := yaml.CommentMap{}
	f, decoding, decoded := decodeAll(label, doc, base, tokens, own)
	problems = sortProblems(append(problems, decoding...))
	maps.Copy(cm, own)
	f.Extends = ""
	inList := slices.ContainsFunc(problems, func(p *Error) bool { return strings.Contains(p.Key, "[") })
	return resolution{file: f, comments: cm, doc: doc, problems: problems, decoded: decoded, validatable: !inList}
}

// extendsBase is the resolved scenario a file extends: the built-in its
// extends names, or the root.
func extendsBase(label string, doc *ast.File, depth int) (File, yaml.CommentMap, *Error) {
	var head struct {
		Extends string `yaml:"extends"`
	}
	_ = yaml.NodeToValue(rootNode(doc), &head)
	switch {
	case head.Extends == "" && label == "built-in:"+root:
		base := fileOf(sim.Scenario{Params: sim.DefaultParams(), Uncertain: sim.DefaultUncertainty(), Channels: agents.AllChannels()})
		return base, yaml.CommentMap{}, nil
	case depth > 8:
		return File{}, nil, &Error{File: label, Key: "extends", Msg: "scenarios extend each other in a loop"}
	}
	parent := cmp.Or(head.Extends, root)
	if !IsBuiltin(parent) {
		return File{}, nil, located(label, doc, "extends", fmt.Sprintf("unknown built-in scenario %q (built-in: %s)", parent, strings.Join(Names(), ", ")))
	}
	return builtinBase(parent, depth+1)
}

// structure lists the problems of a file's form that decoding would not
// find, or would find one at a time: a list of rungs of the wrong length,
// fractions where whole numbers are wanted, bad distributions and rules,
// and unknown keys. It takes the file's distributions and rules into
// base, and removes the keys of the problems from the tree so that the
// rest of the file decodes.
func structure(label string, doc *ast.File, base *File) []*Error {
	problems := takeRules(label, doc, base)
	if n := node(doc, "params.engagement.rungs"); n != nil {
		if seq, ok := n.(*ast.SequenceNode); !ok || len(seq.Values) != len(base.Params.Engagement.Rungs) {
			e := located(label, doc, "params.engagement.rungs", fmt.Sprintf("want a list of exactly %d rungs (0 none … 4 shared decisions)", len(base.Params.Engagement.Rungs)))
			dropPair(doc, e.Line, e.Column, false)
			problems = append(problems, e)
		}
	}
	problems = append(problems, wholeNumbers(label, doc)...)
	problems = append(problems, takeDistributions(label, doc, base)...)
	return append(problems, unknownKeys(label, doc)...)
}

// resolvedBase is a built-in resolved once: the library is embedded and
// never changes, so the result is a constant; callers get copies.
type resolvedBase struct {
	file File
	cm   yaml.CommentMap
	err  *Error // the first problem (the library is tested to have none)
}

var (
	basesMu sync.Mutex
	bases   = map[string]*resolvedBase{}
)

func builtinBase(name string, depth int) (File, yaml.CommentMap, *Error) {
	basesMu.Lock()
	b, ok := bases[name]
	basesMu.Unlock()
	if !ok {
		src, _ := library.ReadFile("library/" + name + ".yaml")
		r := resolve("built-in:"+name, name, src, depth)
		b = &resolvedBase{file: r.file, cm: r.comments}
		if len(r.problems) > 0 {
			b.err = r.problems[0]
		}
		basesMu.Lock()
		bases[name] = b
		basesMu.Unlock()
	}
	return b.file.clone(), maps.Clone(b.cm), b.err
}

// decodeStrict decodes a file's syntax tree over f, refusing unknown
// fields. A panic inside the YAML library (seen with over-long fixed-size
// lists) becomes an error.
func decodeStrict(doc *ast.File, f *File, cm yaml.CommentMap) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = structureError{r}
		}
	}()
	if doc == nil || len(doc.Docs) == 0 || doc.Docs[0].Body == nil {
		return nil
	}
	return yaml.NodeToValue(doc.Docs[0].Body, f, yaml.Strict(), yaml.CommentToMap(cm))
}

// wholeNumbers refuses each fraction where a whole number is wanted (the
// YAML library would cut 2.5 to 2 without a word).
func wholeNumbers(label string, doc *ast.File) []*Error {
	var bad []*Error
	ast.Walk(visitor(func(n ast.Node) {
		f, ok := n.(*ast.FloatNode)
		if !ok {
			return
		}
		key := strings.TrimPrefix(strings.TrimPrefix(n.GetPath(), "$"), ".")
		t, err := typeAt(reflect.TypeOf(File{}), key)
		if err != nil {
			return
		}
		switch t.Kind() {
		case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint64:
			if f.Value != math.Trunc(f.Value) {
				tk := n.GetToken()
				bad = append(bad, &Error{File: label, Line: tk.Position.Line, Column: tk.Position.Column, Key: key,
					Msg: fmt.Sprintf("want a whole number, got %v", f.Value)})
			}
		}
	}), rootNode(doc))
	return bad
}

func rootNode(doc *ast.File) ast.Node {
	if doc == nil || len(doc.Docs) == 0 || doc.Docs[0].Body == nil {
		return &ast.NullNode{}
	}
	return doc.Docs[0].Body
}

// node returns the node of a dotted key in the file, or nil.
func node(doc *ast.File, key string) ast.Node {
	if doc == nil {
		return nil
	}
	p, err := yaml.PathString("$." + key)
	if err != nil {
		return nil
	}
	n, err := p.FilterFile(doc)
	if err != nil {
		return nil
	}
	return n
}

func located(label string, doc *ast.File, key, msg string) *Error {
	e := &Error{File: label, Key: key, Msg: msg}
	if n := node(doc, key); n != nil && n.GetToken() != nil {
		e.Line, e.Column = n.GetToken().Position.Line, n.GetToken().Position.Column
	}
	return e
}

// locate turns a validation error into one naming the file position of its
// key, or the override that gave the value.
func locate(err error, label string, doc *ast.File, sets map[string]string) *Error {
	var key, msg string
	var inv *sim.InvalidError
	var fe *FieldError
	switch {
	case errors.As(err, &inv):
		key, msg = inv.Key, fmt.Sprintf("invalid value %s (allowed: %s)", inv.Value, inv.Allowed)
	case errors.As(err, &fe):
		key, msg = fe.Key, fe.Msg
	default:
		return &Error{File: label, Msg: err.Error()}
	}
	if s, ok := overrideOf(sets, key); ok {
		return &Error{Override: s, Key: key, Msg: msg}
	}
	// Generator levers are checked per actor but set once.
	return located(label, doc, key, msg)
}

// overlapping finds among the overrides sets one that sets what set sets,
// or a part of it: the later would win, without a word.
func overlapping(sets []string, set string) (string, bool) {
	for _, s := range sets {
		if Overlap(s, set) {
			return s, true
		}
	}
	return "", false
}

// overrideOf is the override that gave key its value: one of the key
// itself or of a mapping or list that holds it (--set 'governance={…}'
// gives governance.power_sharing), the innermost first.
func overrideOf(sets map[string]string, key string) (string, bool) {
	for k := key; k != ""; {
		if s, ok := sets[k]; ok {
			return s, true
		}
		i := strings.LastIndexAny(k, ".[")
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return "", false
}

// yamlError rewrites a go-yaml error as one line: file:line:column, the
// key, and what is wrong in words a scenario author uses. The position
// and the kind of problem come from go-yaml's typed errors, not its text.
func yamlError(label string, err error, doc *ast.File) *Error {
	line, col, msg, ok := yamlPosition(err)
	var ne *agents.UnknownNameError
	if errors.As(err, &ne) && namedKeys[ne.Kind] != "" {
		// A name none of a kind's values has, refused by the field's own
		// decoder: the library gives no position, the key's node has it.
		return located(label, doc, namedKeys[ne.Kind], ne.Msg())
	}
	if !ok {
		first, _, _ := strings.Cut(err.Error(), "\n")
		return &Error{File: label, Msg: strings.TrimSpace(first)}
	}
	e := &Error{File: label, Line: line, Column: col, Msg: msg}
	n := nodeAt(doc, line, col)
	var ue *yaml.UnknownFieldError
	if pair, _, exact := pairAt(doc, line, col, false); exact && !errors.As(err, &ue) {
		// A mapping where a value is wanted: go-yaml places it at its
		// first ":", the file's reader at its first key.
		n = pair.Value
		if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
			e.Line, e.Column = position(m)
		}
	}
	if n != nil {
		e.Key = strings.TrimPrefix(strings.TrimPrefix(n.GetPath(), "$"), ".")
	}
	if errors.As(err, &ue) {
		// The error is at the unknown key: its name, under its parent.
		parent := e.Key
		if i := strings.LastIndex(parent, "."); i >= 0 {
			parent = parent[:i]
		} else {
			parent = ""
		}
		e.Key = strings.TrimPrefix(parent+"."+keyName(n, ue.GetToken()), ".")
		e.Msg = "unknown field"
		if allowed := keysAt(parent); len(allowed) > 0 {
			e.Msg += " (allowed here: " + strings.Join(allowed, ", ") + ")"
		}
	} else if want, got, ok := typeMismatch(err); ok {
		e.Msg = fmt.Sprintf("want %s, got %s", want, got)
	}
	return e
}

// namedKeys are the fields that decode a name into one of a kind's values
// (sectors are checked after decoding, with their list index).
var namedKeys = map[string]string{"agreement": "governance.agreement", "backbone host": "governance.backbone_host"}

// keyName is the name of the mapping key n of the file (a key after "?"
// too), or the token's text when n is not a key with a name.
func keyName(n ast.Node, tk *token.Token) string {
	if k, ok := n.(*ast.MappingKeyNode); ok {
		n = k.Value
	}
	if s, ok := n.(ast.ScalarNode); ok {
		if name, ok := s.GetValue().(string); ok {
			return name
		}
	}
	return tk.Value
}

// yamlPosition is where a go-yaml error (or a panic of the library, as
// decodeStrict reports it) places the problem, and its message.
func yamlPosition(err error) (line, col int, msg string, ok bool) {
	var se structureError
	if errors.As(err, &se) {
		return 1, 1, se.Error(), true
	}
	var ye yaml.Error
	if !errors.As(err, &ye) || ye.GetToken() == nil || ye.GetToken().Position == nil {
		return 0, 0, "", false
	}
	msg, _, _ = strings.Cut(ye.GetMessage(), "\n")
	pos := ye.GetToken().Position
	return pos.Line, pos.Column, plainMessage(msg), true
}

// wasUsed is go-yaml's message for a value of the wrong kind:
// "int was used where mapping is expected".
var wasUsed = regexp.MustCompile(`^(\w+) was used where (\w+) is expected$`)

// plainMessage puts go-yaml's message for a value of the wrong kind in a
// scenario author's words: "want a mapping of keys, got a whole number".
func plainMessage(msg string) string {
	m := wasUsed.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	words := map[string]string{"mapping": "a mapping of keys", "sequence": "a list", "tag": "a YAML tag (!!…)",
		"anchor": "an anchor (&…)", "alias": "an alias (*…)", "string": "text", "bool": "true or false", "null": "nothing"}
	say := func(k string) string {
		if w, ok := words[k]; ok {
			return w
		}
		return kindOfYAML(k)
	}
	return "want " + say(m[2]) + ", got " + say(m[1])
}

// typeMismatch says, for a go-yaml error that a value is of the wrong type
// (or too large for it), what was wanted and what was given.
func typeMismatch(err error) (want, got string, ok bool) {
	var te *yaml.TypeError
	var oe *yaml.OverflowError
	// %s, as go-yaml's own message has it: a type can be nil there.
	switch {
	case errors.As(err, &te):
		return kind(fmt.Sprintf("%s", te.DstType)), kindOfYAML(fmt.Sprintf("%s", te.SrcType)), true
	case errors.As(err, &oe):
		return kind(fmt.Sprintf("%s", oe.DstType)), kindOfYAML(oe.SrcNum), true
	}
	return "", "", false
}

// structureError is a panic inside the YAML library turned into an error:
// the file's structure does not fit a scenario.
type structureError struct{ panic any }

func (e structureError) Error() string {
	return fmt.Sprintf("the file's structure does not fit a scenario (%v)", e.panic)
}

func kind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "float"):
		return "a number"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"):
		return "a whole number"
	case goType == "bool":
		return "true or false"
	case goType == "string":
		return "text"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	default:
		return "a mapping of keys"
	}
}

func kindOfYAML(t string) string {
	switch {
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "string":
		return "text"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map"):
		return "a mapping"
	case t == "bool":
		return "true or false"
	default:
		return t
	}
}

// nodeAt finds the innermost mapping value whose key or value starts at
// line:column, for naming the key of a decoding error.
func nodeAt(doc *ast.File, line, col int) ast.Node {
	if doc == nil {
		return nil
	}
	var found ast.Node
	ast.Walk(visitor(func(n ast.Node) {
		if tk := n.GetToken(); tk != nil && tk.Position.Line == line && tk.Position.Column == col {
			found = n
		}
	}), rootNode(doc))
	return found
}

type visitor func(ast.Node)

// dropReplacedComments removes the base's comments on the values the file
// gives itself: a comment on a value the file replaces describes the old
// one. The file's own comments then take their place.
func dropReplacedComments(doc *ast.File, cm yaml.CommentMap) {
	ast.Walk(visitor(func(n ast.Node) {
		if mv, ok := n.(*ast.MappingValueNode); ok && mv.Value != nil {
			if m, nested := mv.Value.(*ast.MappingNode); !nested || m.IsFlowStyle {
				delete(cm, mv.Value.GetPath())
			}
		}
	}), rootNode(doc))
}

func (v visitor) Visit(n ast.Node) ast.Visitor {
	v(n)
	return v
}

// keysAt lists the keys allowed under a dotted key of the file.
func keysAt(key string) []string {
	t, err := typeAt(reflect.TypeOf(File{}), key)
	if err != nil || t.Kind() != reflect.Struct {
		return nil
	}
	return tags(t)
}

func tags(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if name := yamlName(t.Field(i)); name != "" {
			out = append(out, name)
		}
	}
	return out
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return ""
	}
	return name
}

// normKey drops spaces around an override's key.
func normKey(k string) string { return strings.TrimSpace(k) }

// Names lists the built-in scenarios in the library's order.
func Names() []string {
	names := make([]string, len(order))
	copy(names, order)
	return slices.Clip(names)
}
