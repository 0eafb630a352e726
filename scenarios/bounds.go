package scenarios

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/scanner"
	"github.com/goccy/go-yaml/token"
)

// Limits on the YAML of a scenario file or an override's value, checked
// before the syntax tree is built or a value decoded. go-yaml's parser
// takes memory that grows with the square of the nesting depth (30,000
// nested "[" in 60 kB took 1.4 GB and 5 s) and with the square of the
// keys of one block mapping (8,000 keys took 290 MB), and its decoder
// expands aliases; the size cap alone bounds none of these. Each limit is
// well above what a scenario needs, and a file within them all loads in
// under half a second and 50 MB.
const (
	// maxDepth: the fields of a scenario nest five deep
	// (actors.list[i].capability.skills); the library stays under eight.
	maxDepth = 64
	// maxTokens: a file of 200 actors as `scenarios show` writes them has
	// 19,400 tokens in 103 kB (tokenBound counts 21,300), the largest
	// built-in 1,000. Loading costs up to 1.1 kB a token (scanning 250
	// bytes, parsing 600), so this limit, not the size cap, is what bounds
	// the memory a file within the limits takes: at most some 45 MB.
	maxTokens = 40_000
	// maxKeys: the widest mapping of a scenario (params) has 23 keys, and
	// a key may be given once. go-yaml parses a block mapping of k keys in
	// time and memory that grow as k² (8,000 keys took 290 MB); mappings of
	// 64 keys cost no more a token than any other YAML.
	maxKeys = 64
	// maxNodes: aliases may not make a file larger than it may be written
	// out in full.
	maxNodes = maxTokens
)

// block is an open block collection while scanning: the column of its
// entries ("-" or keys) and, for a mapping, how many keys it has had.
type block struct {
	col  int
	key  bool
	keys int
}

// depthScan counts what checkBounds limits, token by token.
type depthScan struct {
	flow   int     // open "[" and "{"
	blocks []block // open block collections, innermost last
	tokens int
	prev   *token.Token // the last token that is not a comment: a key before its ":"
}

// checkBounds refuses YAML that nests deeper than maxDepth, has a block
// mapping of more than maxKeys keys or more than maxTokens tokens, at the
// token that passes the limit. go-yaml's scanner returns all the tokens
// it is given at once (some 250 bytes each), so it is given at most the
// part of the file that tokenBound finds room for; its tokens are then
// counted, and the depth found, with a stack of at most maxDepth columns.
// It returns the tokens counted; scanning errors are left to the parser,
// which reports them with their position.
func checkBounds(src []byte) (int, *Error) {
	end, line, col := tokenBound(src)
	var s scanner.Scanner
	s.Init(string(src[:end]))
	var d depthScan
	for {
		toks, err := s.Scan()
		if err == io.EOF {
			break
		}
		for _, tk := range toks {
			if msg, at := d.add(tk); msg != "" {
				return d.tokens, &Error{Line: at.Position.Line, Column: at.Position.Column, Msg: msg}
			}
		}
	}
	if end < len(src) {
		return d.tokens, &Error{Line: line, Column: col, Msg: tooManyTokens}
	}
	return d.tokens, nil
}

var tooManyTokens = fmt.Sprintf("more than %d YAML tokens (words and symbols; a scenario of 200 actors has 21,000)", maxTokens)

// indicators are the characters that start a YAML token of their own.
const indicators = "[]{},:-?&*!|>'\"#%@`"

// tokenBound counts the places where a YAML token can start: each
// indicator and each start of a run of other characters. go-yaml makes at
// most one token at each (and at most one empty value after an
// indicator), whatever the context, so the count bounds its tokens from
// above without a parse; it counts the words of comments and of text
// too, which a scenario has few enough of. It returns the length of the
// part of src with room for maxTokens, and where the next token starts.
func tokenBound(src []byte) (end, line, col int) {
	n, line := 0, 1
	inRun := false
	for i, c := range src {
		if c&0xc0 != 0x80 { // a character's first byte: columns count characters
			col++
		}
		starts := false
		switch {
		case c == '\n':
			line, col, inRun = line+1, 0, false
		case c == ' ' || c == '\t' || c == '\r':
			inRun = false
		case strings.IndexByte(indicators, c) >= 0:
			starts, inRun = true, false
		case !inRun:
			starts, inRun = true, true
		}
		if starts {
			if n++; n > maxTokens {
				return i, line, col
			}
		}
	}
	return len(src), line, col
}

// add takes one token and says which limit it passes, if one, and at
// which token: a key's, for the ":" after it.
func (d *depthScan) add(tk *token.Token) (string, *token.Token) {
	d.tokens++
	if d.tokens > maxTokens {
		return tooManyTokens, tk
	}
	at, prev := tk, d.prev
	if tk.Type != token.CommentType {
		d.prev = tk
	}
	switch tk.Type {
	case token.SequenceStartType, token.MappingStartType:
		d.flow++
	case token.SequenceEndType, token.MappingEndType:
		d.flow = max(d.flow-1, 0)
	case token.DocumentHeaderType, token.DocumentEndType:
		d.flow, d.blocks = 0, d.blocks[:0]
	case token.SequenceEntryType:
		if d.flow == 0 {
			d.open(tk.Position.Column, false)
		}
	case token.MappingKeyType:
		if d.flow == 0 {
			d.open(tk.Position.Column, true)
		}
	case token.MappingValueType:
		if d.flow == 0 && (prev == nil || prev.Type != token.MappingKeyType) {
			if prev != nil && prev.Position.Line == tk.Position.Line {
				at = prev
			}
			d.open(at.Position.Column, true)
		}
	}
	switch {
	case len(d.blocks) > 0 && d.blocks[len(d.blocks)-1].keys > maxKeys:
		return fmt.Sprintf("mapping of more than %d keys (the widest of a scenario, params, has 23)", maxKeys), at
	case d.flow+len(d.blocks) > maxDepth:
		return fmt.Sprintf("nesting deeper than %d levels", maxDepth), at
	}
	return "", nil
}

// open records a block entry at col: a sequence's "-" or a mapping's key.
// Collections deeper than col have ended; an entry at the column of the
// open collection of its kind continues it. A sequence may stand at the
// column of the key that holds it, and a key at that column ends it.
func (d *depthScan) open(col int, key bool) {
	for len(d.blocks) > 0 {
		top := &d.blocks[len(d.blocks)-1]
		if top.col > col || top.col == col && !top.key && key {
			d.blocks = d.blocks[:len(d.blocks)-1]
			continue
		}
		if top.col == col && top.key == key {
			if key {
				top.keys++
			}
			return
		}
		break
	}
	d.blocks = append(d.blocks, block{col: col, key: key, keys: 1})
}

// aliasCount counts a document's nodes with every alias expanded: an
// anchor's size is counted once, where it is written, and added for each
// alias of it, so the count costs one walk of the tree however large the
// expansion (the billion laughs: ten aliases of ten aliases of … a list).
type aliasCount struct {
	anchors map[string]int
	total   int
	over    *token.Token // the alias that took the total past maxNodes
}

func (c *aliasCount) Visit(n ast.Node) ast.Visitor {
	if c.over != nil {
		return nil
	}
	switch n := n.(type) {
	case *ast.AnchorNode:
		name := n.Name.GetToken().Value
		c.anchors[name] = 0 // an alias of the anchor inside it refers to nothing (go-yaml decodes it as null)
		before := c.total
		ast.Walk(c, n.Value)
		c.anchors[name] = c.total - before
		return nil
	case *ast.AliasNode:
		c.total += c.anchors[n.Value.GetToken().Value]
		if c.total > maxNodes {
			c.over = n.GetToken()
		}
		return nil
	}
	c.total++
	return c
}

// checkAliases refuses a file whose aliases expand it past maxNodes nodes,
// at the alias that does, before any value is decoded.
func checkAliases(doc *ast.File) *Error {
	c := &aliasCount{anchors: map[string]int{}}
	for _, d := range doc.Docs {
		ast.Walk(c, d)
	}
	if c.over == nil {
		return nil
	}
	return &Error{Line: c.over.Position.Line, Column: c.over.Position.Column,
		Msg: fmt.Sprintf("aliases expand the file past %d values", maxNodes)}
}

// checkValue holds an override's value (YAML from the command line) to
// the limits of a file, before the value is parsed.
func checkValue(value string) error {
	src := []byte(value)
	e := checkText(src)
	if e == nil {
		_, e = checkBounds(src)
	}
	if e == nil && strings.Contains(value, "*") {
		if doc, err := parser.ParseBytes(src, 0); err == nil {
			e = checkAliases(doc)
		}
	}
	if e == nil {
		return nil
	}
	if e.Line > 0 {
		return fmt.Errorf("%s (at %d:%d of the value)", e.Msg, e.Line, e.Column)
	}
	return errors.New(e.Msg)
}
