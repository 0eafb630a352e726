package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/cisim/cisim/sim"
)

// readScenario reads a scenario file: a regular file of at most
// maxFileSize bytes. Anything else is refused before it is read: reading a
// named pipe would wait for a writer for ever, and a device or a huge file
// would be read whole.
func readScenario(path string) ([]byte, *Error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{File: path, Msg: "not a regular file (" + fileKind(fi.Mode()) + ")"}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	return readLimited(path, f, fi.Size())
}

// StdinName is the scenario reference that reads standard input.
const StdinName = "-"

// Stdin is where the scenario named "-" is read from.
var Stdin io.Reader = os.Stdin

// readLimited reads a scenario of at most maxFileSize bytes from r (size
// is the file's, if known, for the message), reading no more than one
// byte past the limit.
func readLimited(label string, r io.Reader, size int64) ([]byte, *Error) {
	src, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, fileError(label, err)
	}
	if len(src) > maxFileSize {
		return nil, tooLarge(label, max(size, int64(len(src))))
	}
	return src, nil
}

func fileError(path string, err error) *Error {
	if errors.Is(err, fs.ErrNotExist) {
		return &Error{File: path, Msg: fmt.Sprintf("no such file, and no built-in scenario of that name (built-in: %s)", strings.Join(Names(), ", "))}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is already the error's first word
	}
	return &Error{File: path, Msg: err.Error()}
}

func tooLarge(label string, size int64) *Error {
	return &Error{File: label, Msg: fmt.Sprintf("file of %d bytes is too large for a scenario (at most %d)", size, maxFileSize)}
}

// fileKind names what a file that is not a regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}

// parseScenario checks a file's text and builds its syntax tree: a UTF-8
// byte-order mark (as Notepad writes) is dropped, binary data and the
// control characters YAML forbids are refused, and the limits of
// checkBounds and checkAliases hold before anything is decoded. It
// returns the tree and the number of tokens read.
func parseScenario(label string, src []byte) (*ast.File, int, *Error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if e := checkText(src); e != nil {
		e.File = label
		return nil, 0, e
	}
	tokens, e := checkBounds(src)
	if e != nil {
		e.File = label
		return nil, 0, e
	}
	doc, err := parser.ParseBytes(src, parser.ParseComments)
	if err != nil {
		return nil, 0, syntaxError(label, src, err)
	}
	DropDirectives(doc)
	if e := checkAliases(doc); e != nil {
		e.File = label
		return nil, 0, e
	}
	if empty(doc) {
		return nil, 0, &Error{File: label, Msg: "empty file: a scenario needs at least extends: NAME (a built-in), or some of its fields (cisim scenarios show isolated lists them)"}
	}
	if e := secondDocument(doc); e != nil {
		e.File = label
		return nil, 0, e
	}
	return doc, tokens, nil
}

// secondDocument refuses a file of more than one YAML document with a
// value (after ---): only the first was read, and the others went
// unchecked.
func secondDocument(doc *ast.File) *Error {
	seen := false
	for _, d := range doc.Docs {
		if d.Body == nil || d.Body.Type() == ast.CommentType || d.Body.Type() == ast.NullType {
			continue
		}
		if seen {
			pos := d.Body.GetToken().Position
			if d.Start != nil { // at its ---
				pos = d.Start.Position
			}
			return &Error{Line: pos.Line, Column: pos.Column, Msg: "a second YAML document (after ---): a scenario file holds one; put each scenario in a file of its own"}
		}
		seen = true
	}
	return nil
}

// checkText refuses what is not YAML text, at the first offending
// character: UTF-16 (a text editor's "Unicode"), a NUL byte or bytes that
// are not UTF-8 (a binary file), or a control character YAML does not
// allow in a file (only tab, line feed and carriage return are).
func checkText(src []byte) *Error {
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		return &Error{Msg: "UTF-16 text, not UTF-8: save the file as UTF-8"}
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == 0 || r == utf8.RuneError && size == 1:
			return &Error{Line: line, Column: col, Msg: fmt.Sprintf("binary file, not a scenario (byte %#02x)", src[i])}
		case r == '\n':
			line, col = line+1, 0
		case r != '\t' && r != '\r' && r != '\u0085' && unicode.IsControl(r):
			return &Error{Line: line, Column: col, Msg: fmt.Sprintf("control character %s, which YAML does not allow in a file", quoteRune(r))}
		}
		i += size
		col++
	}
	return nil
}

// DropDirectives removes from doc the documents that hold only a
// directive (%YAML 1.2 before ---): go-yaml reads one as a document of its
// own, which would then stand for the file's first.
func DropDirectives(doc *ast.File) {
	doc.Docs = slices.DeleteFunc(doc.Docs, func(d *ast.DocumentNode) bool {
		return d.Body != nil && d.Body.Type() == ast.DirectiveType
	})
}

// empty reports whether a file holds no value: nothing, comments, or null.
func empty(doc *ast.File) bool {
	for _, d := range doc.Docs {
		if d.Body != nil && d.Body.Type() != ast.CommentType && d.Body.Type() != ast.NullType {
			return false
		}
	}
	return true
}

// syntaxError is a parse error as an *Error; one at a tab in a line's
// indentation says so (go-yaml says it cannot start a token).
// SyntaxError is a YAML parser's error as one line with file:line:column,
// for the other files cisim reads in YAML (targets files).
func SyntaxError(label string, src []byte, err error) *Error { return syntaxError(label, src, err) }

func syntaxError(label string, src []byte, err error) *Error {
	e := yamlError(label, err, nil)
	if col, ok := tabIndent(src, e.Line, e.Column); ok {
		e.Column, e.Msg = col, "tab character used for indentation (YAML indents with spaces)"
	}
	return e
}

// tabIndent finds a tab in the indentation of a line, at or before col,
// and returns its column.
func tabIndent(src []byte, line, col int) (int, bool) {
	if line < 1 {
		return 0, false
	}
	lines := bytes.SplitN(src, []byte("\n"), line+1)
	if len(lines) < line {
		return 0, false
	}
	text := lines[line-1]
	indent := text[:len(text)-len(bytes.TrimLeft(text, " \t"))]
	tab := bytes.IndexByte(indent, '\t')
	if tab < 0 || col > len(indent)+1 {
		return 0, false
	}
	return tab + 1, true
}

// printable writes the control and invisible characters and the invalid
// bytes of s as Go escapes (\t, \x1b, \u200d, \xff), so that a message
// never moves the cursor or changes the colours of the terminal it is
// printed to, nor hides what it quotes; and it shortens a
// very long text (a key of a hostile file) to maxShown characters.
func printable(s string) string {
	const maxShown = 300
	var b strings.Builder
	n := 0
	for i, r := range s {
		if n++; n > maxShown {
			fmt.Fprintf(&b, "… (%d bytes more)", len(s)-i)
			break
		}
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"): // a byte that is not UTF-8
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !unicode.IsPrint(r) && r != '\u00a0' || sim.Invisible(r):
			b.WriteString(quoteRune(r)) // a control or an invisible character
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// quoteRune is a character as a Go escape, without quotes: \t, \x1b, \u0085.
func quoteRune(r rune) string {
	switch {
	case !strconv.IsPrint(r):
		q := strconv.QuoteRune(r)
		return q[1 : len(q)-1]
	case r > 0xffff: // printable to Go, but shows nothing
		return fmt.Sprintf(`\U%08x`, r)
	default:
		return fmt.Sprintf(`\u%04x`, r)
	}
}
