package lessons

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A template is an explanation with blanks the run fills in:
//
//	After {year} years {right.title} has {right.outcome_rate} in a job or
//	studies, {if diff.outcome_rate > 0}{gap.outcome_rate} more{else}no more{end}
//	than {left.title}.
//
// {path} is a fact of the run (facts.go lists them); {if A op B}…{else}…{end}
// shows one text or the other, A and B being facts or numbers, op one of
// < <= > >= == !=, and several comparisons joined by "and" or "or" ("and"
// first). Facts compare as they are printed, so a text never calls two
// numbers that read alike different. {{ and }} are literal braces.
type template struct {
	src   string
	nodes []node
}

type node interface{}

// literal is text shown as it is; blank a fact printed; choice a
// conditional text.
type (
	literal string
	blank   struct {
		path string
		at   int // byte offset in the template, for errors
	}
	choice struct {
		either [][]comparison // or of ands
		then   []node
		els    []node
	}
	comparison struct {
		a, b operand
		op   string
	}
	operand struct {
		path string
		num  float64
		at   int
	}
)

// TemplateError is a template that does not parse, or names an unknown
// fact, at byte At of its text.
type TemplateError struct {
	At  int
	Msg string
}

func (e *TemplateError) Error() string { return fmt.Sprintf("at character %d: %s", e.At+1, e.Msg) }

// parseTemplate parses src; check says whether a fact's path is known.
func parseTemplate(src string, check func(path string) error) (*template, error) {
	p := &tparser{src: src, check: check}
	nodes, end, err := p.nodes(0)
	if err != nil {
		return nil, err
	}
	if end != "" {
		return nil, &TemplateError{p.pos, "{" + end + "} without {if …}"}
	}
	return &template{src: src, nodes: nodes}, nil
}

type tparser struct {
	src   string
	pos   int
	check func(string) error
}

// nodes reads up to the end, an {else} or an {end}, which it returns.
func (p *tparser) nodes(depth int) ([]node, string, error) {
	var out []node
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, literal(lit.String()))
			lit.Reset()
		}
	}
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case strings.HasPrefix(p.src[p.pos:], "{{"), strings.HasPrefix(p.src[p.pos:], "}}"):
			lit.WriteByte(c)
			p.pos += 2
		case c == '}':
			return nil, "", &TemplateError{p.pos, "a } without its {; write }} for a brace"}
		case c == '{':
			flush()
			at := p.pos
			end := strings.IndexByte(p.src[at:], '}')
			if end < 0 {
				return nil, "", &TemplateError{at, "a { without its }"}
			}
			inner := strings.TrimSpace(p.src[at+1 : at+end])
			p.pos = at + end + 1
			switch {
			case inner == "else" || inner == "end":
				if depth == 0 {
					return nil, "", &TemplateError{at, "{" + inner + "} without {if …}"}
				}
				return out, inner, nil
			case strings.HasPrefix(inner, "if "):
				ch, err := p.choice(inner[3:], at, depth)
				if err != nil {
					return nil, "", err
				}
				out = append(out, ch)
			default:
				if err := p.check(inner); err != nil {
					return nil, "", &TemplateError{at, err.Error()}
				}
				out = append(out, blank{inner, at})
			}
		default:
			lit.WriteByte(c)
			p.pos++
		}
	}
	flush()
	return out, "", nil
}

func (p *tparser) choice(cond string, at, depth int) (node, error) {
	ch := choice{}
	for _, alt := range strings.Split(cond, " or ") {
		var all []comparison
		for _, part := range strings.Split(alt, " and ") {
			cmp, err := p.comparison(strings.TrimSpace(part), at)
			if err != nil {
				return nil, err
			}
			all = append(all, cmp)
		}
		ch.either = append(ch.either, all)
	}
	var end string
	var err error
	if ch.then, end, err = p.nodes(depth + 1); err != nil {
		return nil, err
	}
	if end == "else" {
		if ch.els, end, err = p.nodes(depth + 1); err != nil {
			return nil, err
		}
	}
	if end != "end" {
		return nil, &TemplateError{at, "{if …} without its {end}"}
	}
	return ch, nil
}

var operators = []string{"<=", ">=", "==", "!=", "<", ">"}

func (p *tparser) comparison(s string, at int) (comparison, error) {
	for _, op := range operators {
		a, b, ok := strings.Cut(s, " "+op+" ")
		if !ok {
			continue
		}
		x, err := p.operand(strings.TrimSpace(a), at)
		if err != nil {
			return comparison{}, err
		}
		y, err := p.operand(strings.TrimSpace(b), at)
		if err != nil {
			return comparison{}, err
		}
		return comparison{x, y, op}, nil
	}
	return comparison{}, &TemplateError{at, fmt.Sprintf("%q: want A op B, op one of < <= > >= == != with spaces around it", s)}
}

func (p *tparser) operand(s string, at int) (operand, error) {
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		return operand{num: x, at: at}, nil
	}
	if err := p.check(s); err != nil {
		return operand{}, &TemplateError{at, err.Error()}
	}
	return operand{path: s, num: math.NaN(), at: at}, nil
}

// A fact is a value of the run: its text as printed and, for a number,
// the number that text shows (NaN otherwise).
type fact struct {
	text string
	num  float64
}

// render fills the template with the facts look returns.
func (t *template) render(look func(path string) (fact, error)) (string, error) {
	var b strings.Builder
	err := renderNodes(&b, t.nodes, look)
	return b.String(), err
}

func renderNodes(b *strings.Builder, nodes []node, look func(string) (fact, error)) error {
	for _, n := range nodes {
		switch n := n.(type) {
		case literal:
			b.WriteString(string(n))
		case blank:
			f, err := look(n.path)
			if err != nil {
				return &TemplateError{n.at, err.Error()}
			}
			b.WriteString(f.text)
		case choice:
			ok, err := n.holds(look)
			if err != nil {
				return err
			}
			branch := n.els
			if ok {
				branch = n.then
			}
			if err := renderNodes(b, branch, look); err != nil {
				return err
			}
		}
	}
	return nil
}

// holds evaluates a condition: an "or" of "and"s.
func (c choice) holds(look func(string) (fact, error)) (bool, error) {
	for _, all := range c.either {
		ok := true
		for _, cmp := range all {
			v, err := cmp.holds(look)
			if err != nil {
				return false, err
			}
			ok = ok && v
		}
		if ok {
			return true, nil
		}
	}
	return false, nil
}

func (c comparison) holds(look func(string) (fact, error)) (bool, error) {
	x, err := c.a.value(look)
	if err != nil {
		return false, err
	}
	y, err := c.b.value(look)
	if err != nil {
		return false, err
	}
	switch c.op { // NaN (a fact that is no number) compares false, != true
	case "<":
		return x < y, nil
	case "<=":
		return x <= y, nil
	case ">":
		return x > y, nil
	case ">=":
		return x >= y, nil
	case "==":
		return x == y, nil
	}
	return x != y, nil
}

func (o operand) value(look func(string) (fact, error)) (float64, error) {
	if o.path == "" {
		return o.num, nil
	}
	f, err := look(o.path)
	if err != nil {
		return 0, &TemplateError{o.at, err.Error()}
	}
	return f.num, nil
}
