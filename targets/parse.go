package targets

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/cisim/cisim/scenarios"
)

//go:embed packs/*.yaml
var packs embed.FS

// maxFileSize and maxTargets bound what a hostile file can make the
// parser hold.
const (
	maxFileSize = 1 << 20
	maxTargets  = 1000
)

// Names lists the built-in packs.
func Names() []string {
	entries, _ := packs.ReadDir("packs")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return out
}

// Builtin returns a built-in pack's file as written.
func Builtin(name string) ([]byte, bool) {
	if strings.ContainsAny(name, `/\.`) {
		return nil, false
	}
	b, err := packs.ReadFile("packs/" + name + ".yaml")
	return b, err == nil
}

// Load reads a targets file by path, or a built-in pack by name. Its error
// is one line: the file, and where the problem is in it.
func Load(ref string) (*File, error) {
	if src, ok := Builtin(ref); ok {
		return Parse("built-in:"+ref, src)
	}
	fi, err := os.Stat(ref)
	switch {
	case err != nil && !strings.ContainsAny(ref, `/\`) && filepath.Ext(ref) == "":
		return nil, &scenarios.Error{File: ref, Msg: "no such targets file or built-in pack (built-in: " + strings.Join(Names(), ", ") + ")"}
	case err != nil:
		return nil, &scenarios.Error{File: ref, Msg: err.Error()}
	case !fi.Mode().IsRegular():
		return nil, &scenarios.Error{File: ref, Msg: "not a regular file"}
	case fi.Size() > maxFileSize:
		return nil, &scenarios.Error{File: ref, Msg: fmt.Sprintf("%d bytes: a targets file of at most %d", fi.Size(), maxFileSize)}
	}
	src, err := os.ReadFile(ref)
	if err != nil {
		return nil, &scenarios.Error{File: ref, Msg: err.Error()}
	}
	return Parse(ref, src)
}

// Parse reads a targets file's text; label names it in errors.
func Parse(label string, src []byte) (*File, error) {
	if len(src) > maxFileSize {
		return nil, &scenarios.Error{File: label, Msg: fmt.Sprintf("%d bytes: a targets file of at most %d", len(src), maxFileSize)}
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF")) // a byte-order mark some editors write
	doc, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, scenarios.SyntaxError(label, src, err)
	}
	scenarios.DropDirectives(doc)
	p := &fileParser{label: label}
	sum := sha256.Sum256(src)
	f := &File{Origin: label, SHA256: hex.EncodeToString(sum[:])}
	if len(doc.Docs) != 1 || doc.Docs[0].Body == nil {
		return nil, &scenarios.Error{File: label, Line: 1, Column: 1, Msg: "want one YAML document with targets: (docs/CALIBRATION.md)"}
	}
	p.file(doc.Docs[0].Body, f)
	if p.err != nil {
		return nil, p.err
	}
	return f, nil
}

// fileParser walks the syntax tree, keeping the first problem.
type fileParser struct {
	label string
	err   error
}

func (p *fileParser) fail(n ast.Node, key, format string, args ...any) {
	if p.err != nil {
		return
	}
	e := &scenarios.Error{File: p.label, Key: key, Msg: fmt.Sprintf(format, args...)}
	if n != nil && n.GetToken() != nil {
		e.Line, e.Column = n.GetToken().Position.Line, n.GetToken().Position.Column
	}
	p.err = e
}

// pairs returns a mapping's key–value pairs, failing on anything else.
func (p *fileParser) pairs(n ast.Node, key, want string) []*ast.MappingValueNode {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}
	case *ast.AnchorNode, *ast.AliasNode, *ast.TagNode:
		p.fail(n, key, "anchors, aliases and tags are not used in targets files")
	default:
		p.fail(n, key, "want %s", want)
	}
	return nil
}

var topKeys = []string{"name", "description", "targets"}

func (p *fileParser) file(body ast.Node, f *File) {
	seen := map[string]bool{}
	for _, kv := range p.pairs(body, "", "a mapping with name, description and targets") {
		k := p.key(kv, topKeys, seen, "")
		switch k {
		case "name":
			f.Name = p.text(kv.Value, k)
		case "description":
			f.Description = p.text(kv.Value, k)
		case "targets":
			f.Targets = p.targets(kv.Value)
		}
	}
	if p.err == nil && len(f.Targets) == 0 {
		p.fail(body, "targets", "at least one target (docs/CALIBRATION.md)")
	}
}

// key reads a pair's key, which must be one of allowed and new.
func (p *fileParser) key(kv *ast.MappingValueNode, allowed []string, seen map[string]bool, prefix string) string {
	k := strings.TrimSpace(kv.Key.String())
	switch {
	case !slices.Contains(allowed, k):
		p.fail(kv.Key, prefix+k, "unknown key (allowed: %s)", strings.Join(allowed, ", "))
		return ""
	case seen[k]:
		p.fail(kv.Key, prefix+k, "given twice")
		return ""
	}
	seen[k] = true
	return k
}

func (p *fileParser) text(n ast.Node, key string) string {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value
	case *ast.LiteralNode:
		return v.Value.Value
	}
	p.fail(n, key, "want text")
	return ""
}

func (p *fileParser) number(n ast.Node, key string) float64 {
	var x float64
	var err error
	switch v := n.(type) {
	case *ast.IntegerNode:
		x, err = strconv.ParseFloat(strings.ReplaceAll(v.GetToken().Value, "_", ""), 64)
	case *ast.FloatNode:
		x = v.Value
	case *ast.StringNode: // 5e-3: YAML 1.2 reads it as a number, the parser as text
		if v.GetToken().Type == token.StringType {
			if x, err = strconv.ParseFloat(v.Value, 64); err != nil {
				p.fail(n, key, "want a number")
				return math.NaN()
			}
			break
		}
		p.fail(n, key, "want a number, not quoted text")
		return math.NaN()
	default:
		p.fail(n, key, "want a number")
		return math.NaN()
	}
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		p.fail(n, key, "want a finite number")
		return math.NaN()
	}
	return x
}

func (p *fileParser) targets(n ast.Node) []Target {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		p.fail(n, "targets", "want a list of targets, each a mapping starting `- name:`")
		return nil
	}
	if len(seq.Values) > maxTargets {
		p.fail(n, "targets", "%d targets: at most %d", len(seq.Values), maxTargets)
		return nil
	}
	var out []Target
	names := map[string]bool{}
	for i, v := range seq.Values {
		t := p.target(v, fmt.Sprintf("targets[%d].", i))
		if p.err != nil {
			return nil
		}
		if names[t.Name] {
			p.fail(nameNode(v), fmt.Sprintf("targets[%d].name", i), "%q names two targets", t.Name)
			return nil
		}
		names[t.Name] = true
		out = append(out, t)
	}
	return out
}

var targetKeys = []string{"name", "statistic", "design", "versus", "metric", "year", "property", "above", "below",
	"phase", "value", "interval", "kind", "weight", "source", "mapping"}

var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// target reads one target's fields, then checks they make one statistic.
func (p *fileParser) target(n ast.Node, prefix string) Target {
	t := Target{Weight: 1, Lo: math.NaN(), Hi: math.NaN()}
	seen := map[string]bool{}
	at := map[string]ast.Node{}
	for _, kv := range p.pairs(n, strings.TrimSuffix(prefix, "."), "a target: a mapping of name, statistic, …") {
		k := p.key(kv, targetKeys, seen, prefix)
		if k == "" {
			return t
		}
		at[k] = kv.Value
		p.field(&t, k, kv.Value, prefix+k)
	}
	at[""] = n
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
		at[""] = m.Values[0].Key // the target's first key, where a reader looks
	} else if kv, ok := n.(*ast.MappingValueNode); ok {
		at[""] = kv.Key
	}
	if at[""].GetToken() != nil {
		t.Line, t.Column = at[""].GetToken().Position.Line, at[""].GetToken().Position.Column
	}
	p.check(&t, at, prefix)
	return t
}

// nameNode is the value of a target's name key.
func nameNode(n ast.Node) ast.Node {
	if m, ok := n.(*ast.MappingNode); ok {
		for _, kv := range m.Values {
			if kv.Key.String() == "name" {
				return kv.Value
			}
		}
	}
	return n
}
