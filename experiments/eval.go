package experiments

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cisim/cisim/results"
	"github.com/cisim/cisim/scenarios"
)

// EvalMethod is the method of a sweep whose points come from a file
// (cisim eval): a design matrix made elsewhere (by SALib, the EMA
// Workbench or in a spreadsheet), run as any sweep is, with its
// replicates, common random numbers, shards and resume.
const EvalMethod = "eval"

// Limits of a design file, checked as it is read, so that a file of any
// size or shape costs little memory: encoding/csv holds a line at a time,
// and the points are kept. 100,000 points of 32 levers as SALib's
// np.savetxt writes them (25 bytes a value) take 80 MB.
const (
	maxDesignLine = 1 << 20
	maxDesignFile = 256 << 20
)

// DesignFile is a design matrix read from a CSV file: a header row naming
// levers by their dotted keys (those --set and --vary take), then one row
// a point.
type DesignFile struct {
	Path   string
	Levers []string
	Kinds  []scenarios.LeverKind
	Points [][]float64
	// Ignored says which columns of the file were left out, and why.
	Ignored []string
	fields  []int // each lever's field in a row
	lines   []int // each point's line in the file
}

// FileError is a problem at a place in a file: FILE:LINE:COLUMN: what.
// Columns count bytes from 1, as encoding/csv does; Line 0 is the file as
// a whole, Column 0 a whole line.
type FileError struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *FileError) Error() string {
	switch {
	case e.Line == 0:
		return e.File + ": " + e.Msg
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// ReadDesignFile reads a design matrix of at most maxPoints points from
// path. Besides the levers, the header may hold columns that are not
// points' settings, which are left out (and listed in Ignored): an
// unnamed first column (the index pandas writes, or "Unnamed: 0"), the
// EMA Workbench's scenario, policy and model, and the point, runs and
// output columns of a points.csv of cisim's; a first header field may
// start with "# " (np.savetxt's header). Any other column must be a lever.
// Values are read by the lever's kind: numbers, whole numbers, or true,
// false, 0 and 1 for a switch. The error is a *FileError.
func ReadDesignFile(path string, maxPoints int) (*DesignFile, error) {
	f, err := openDesign(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	df := &DesignFile{Path: path}
	r, err := designReader(path, f)
	if err != nil {
		return nil, err
	}
	header, err := r.Read()
	if err == io.EOF {
		return nil, &FileError{File: path, Msg: "empty file: want a header row naming the levers (e.g. governance.backbone_staff), then one row a point"}
	}
	if err != nil {
		return nil, csvError(path, err)
	}
	header = slices.Clone(header) // the reader reuses its records
	if err = df.columns(r, header); err != nil {
		return nil, err
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		line, _ := r.FieldPos(0)
		if len(df.Points) == maxPoints {
			return nil, &FileError{File: path, Line: line, Msg: fmt.Sprintf("more than %d points (a sweep's most)", maxPoints)}
		}
		if err = df.addPoint(r, rec, len(header)); err != nil {
			return nil, err
		}
	}
	if len(df.Points) == 0 {
		return nil, &FileError{File: path, Msg: "no points: the file has a header row but no row of values under it"}
	}
	return df, nil
}

// openDesign opens a regular file; anything else is refused unread, since
// reading a named pipe would wait for a writer for ever and a device
// would be read without end.
func openDesign(path string) (*os.File, error) {
	fi, err := os.Stat(path)
	if err == nil && !fi.Mode().IsRegular() {
		return nil, &FileError{File: path, Msg: "not a regular file (" + fileKind(fi.Mode()) + ")"}
	}
	var f *os.File
	if err == nil {
		f, err = os.Open(path)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is already the message's first word
	}
	if err != nil {
		return nil, &FileError{File: path, Msg: err.Error()}
	}
	return f, nil
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

// designReader reads CSV from f through the limits, without the UTF-8
// byte-order mark a spreadsheet writes; UTF-16 is refused in words.
func designReader(path string, f io.Reader) (*csv.Reader, error) {
	br := bufio.NewReader(&lineLimit{path: path, r: io.LimitReader(f, maxDesignFile+1), line: 1})
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return nil, &FileError{File: path, Msg: "UTF-16 text, not UTF-8: save the file as CSV in UTF-8"}
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1 // rows are checked against the header, with their line
	r.ReuseRecord = true
	return r, nil
}

// lineLimit passes on what r reads until a line of the file at path is
// longer than maxDesignLine or the file longer than maxDesignFile (r is
// limited to a byte more), then fails with the line it is at.
type lineLimit struct {
	path       string
	r          io.Reader
	total, cur int
	line       int // lines begun
	failed     error
}

func (l *lineLimit) Read(p []byte) (int, error) {
	if l.failed != nil {
		return 0, l.failed
	}
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		l.total++
		if l.cur++; c == '\n' {
			l.line, l.cur = l.line+1, 0
		}
		switch {
		case l.cur > maxDesignLine:
			l.failed = &FileError{File: l.path, Line: l.line, Msg: fmt.Sprintf("line longer than %d MiB: not a design matrix", maxDesignLine>>20)}
		case l.total > maxDesignFile:
			l.failed = &FileError{File: l.path, Msg: fmt.Sprintf("file larger than %d MiB: not a design matrix cisim reads", maxDesignFile>>20)}
		default:
			continue
		}
		return i, nil
	}
	return n, err
}

// csvError places an error of the CSV reader in the file.
func csvError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FileError{File: path, Line: pe.Line, Column: pe.Column, Msg: "malformed CSV: " + pe.Err.Error()}
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return fe
	}
	return &FileError{File: path, Msg: err.Error()}
}

// outputColumn matches the columns a points.csv of cisim's writes after
// the levers: a metric's mean and interval, per design (a_, b_) or for a
// difference (b_minus_a_).
var outputColumn = regexp.MustCompile(`^(?:[a-z]_(?:minus_a_)?)?([a-z_]+)_(?:mean|lo|hi)$`)

// columns reads the header: the levers and their fields, and what is
// ignored.
func (df *DesignFile) columns(r *csv.Reader, header []string) error {
	var index, ema, own []string
	for i, raw := range header {
		name := strings.TrimSpace(raw)
		if i == 0 && strings.HasPrefix(name, "#") {
			name = strings.TrimSpace(strings.TrimPrefix(name, "#"))
		}
		line, col := r.FieldPos(i)
		at := func(format string, a ...any) error {
			return &FileError{File: df.Path, Line: line, Column: col, Msg: fmt.Sprintf(format, a...)}
		}
		switch {
		case i == 0 && (name == "" || strings.HasPrefix(name, "Unnamed: ")):
			index = append(index, "the unnamed first column (an index, as pandas writes)")
		case name == "scenario" || name == "policy" || name == "model":
			ema = append(ema, name)
		case name == "point" || name == "runs" || isOutputColumn(name):
			own = append(own, name)
		case name == "":
			return at("column %d has no name: every column but an index must name a lever", i+1)
		case slices.Contains(df.Levers, name):
			return at("lever %s given twice", name)
		default:
			kind, err := scenarios.Lever(name)
			if err != nil {
				return at("%s", semicolonHint(name, err))
			}
			df.Levers, df.Kinds, df.fields = append(df.Levers, name), append(df.Kinds, kind), append(df.fields, i)
		}
	}
	if len(df.Levers) == 0 {
		line, _ := r.FieldPos(0)
		return &FileError{File: df.Path, Line: line, Msg: "no lever in the header: name each column by a lever's dotted key (e.g. governance.backbone_staff)"}
	}
	if len(ema) > 0 {
		index = append(index, strings.Join(ema, ", ")+" (the EMA Workbench's)")
	}
	if len(own) > 0 {
		index = append(index, ownColumns(own))
	}
	df.Ignored = index
	return nil
}

// ownColumns says which columns of a points.csv of cisim's were left out.
func ownColumns(own []string) string {
	var named []string
	for _, n := range []string{"point", "runs"} {
		if slices.Contains(own, n) {
			named = append(named, n)
		}
	}
	outputs := len(own) - len(named)
	if outputs > 0 {
		named = append(named, fmt.Sprintf("%d of results", outputs))
	}
	what := named[0]
	if len(named) > 1 {
		what = strings.Join(named[:len(named)-1], ", ") + " and " + named[len(named)-1]
	}
	return fmt.Sprintf("%d columns of a points.csv of cisim's (%s)", len(own), what)
}

// isOutputColumn reports whether name is a column of results that a
// points.csv of cisim's writes.
func isOutputColumn(name string) bool {
	m := outputColumn.FindStringSubmatch(name)
	if m == nil {
		return false
	}
	_, ok := results.Metric(m[1])
	return ok
}

// semicolonHint adds to an unknown lever's error that a header of
// semicolons or tabs is not comma-separated, as a spreadsheet set to a
// decimal comma writes it.
func semicolonHint(name string, err error) string {
	if strings.ContainsAny(name, ";\t") {
		return fmt.Sprintf("%q is not a lever: the header seems separated by semicolons or tabs; cisim reads comma-separated values with a decimal point", name)
	}
	if !utf8.ValidString(name) || strings.ContainsRune(name, 0) {
		return "binary data, not CSV text"
	}
	return err.Error()
}

// addPoint reads one row's lever values.
func (df *DesignFile) addPoint(r *csv.Reader, rec []string, width int) error {
	line, _ := r.FieldPos(0)
	if len(rec) != width {
		return &FileError{File: df.Path, Line: line, Msg: fmt.Sprintf("a row of %d fields under a header of %d", len(rec), width)}
	}
	point := make([]float64, len(df.Levers))
	for j, f := range df.fields {
		x, err := leverNumber(df.Kinds[j], rec[f])
		if err != nil {
			l, c := r.FieldPos(f)
			return &FileError{File: df.Path, Line: l, Column: c, Msg: df.Levers[j] + ": " + err.Error()}
		}
		point[j] = x
	}
	df.Points, df.lines = append(df.Points, point), append(df.lines, line)
	return nil
}

// leverNumber reads one value of a lever of the given kind, as --set
// reads it: a number, a whole number, or a switch's true, false, 1 or 0
// (pandas writes True and False).
func leverNumber(kind scenarios.LeverKind, field string) (float64, error) {
	s := strings.TrimSpace(field)
	if kind == scenarios.Boolean {
		switch strings.ToLower(s) {
		case "true", "1", "1.0":
			return 1, nil
		case "false", "0", "0.0":
			return 0, nil
		}
	}
	x, err := strconv.ParseFloat(s, 64)
	switch {
	case s == "":
		return 0, errors.New("no value")
	case !utf8.ValidString(s) || strings.ContainsRune(s, 0):
		return 0, errors.New("binary data, not CSV text")
	case kind == scenarios.Boolean:
		return 0, fmt.Errorf("a switch takes true, false, 1 or 0, not %q", s)
	case err != nil || math.IsNaN(x) || math.IsInf(x, 0):
		return 0, fmt.Errorf("%q is not a number", s)
	case kind == scenarios.Whole && x != math.Trunc(x):
		return 0, fmt.Errorf("want a whole number, got %s (SALib and the EMA Workbench's RealParameter sample any number in the range: round the column, or use an IntegerParameter)", s)
	}
	return x, nil
}

// Sweep is the sweep of the file's points.
func (df *DesignFile) Sweep() *results.Sweep {
	return &results.Sweep{Method: EvalMethod, Levers: df.Levers, Points: df.Points}
}

// Check builds every design scs at every point of sw (the file's Sweep,
// with its PointValues set), as CheckSweep does, and places a value the
// model refuses at its line and column in the file: the first lever of
// the point that the design refuses on its own, else the point's line.
func (df *DesignFile) Check(sw *results.Sweep, scs []Scenario) error {
	err := CheckSweep(sw, scs)
	var pe *PointError
	if !errors.As(err, &pe) {
		return err
	}
	ds, derr := newDesigns(sw, scs)
	d := slices.IndexFunc(scs, func(s Scenario) bool { return s.Name == pe.Design })
	if derr != nil || d < 0 {
		return err
	}
	for j := range df.Levers {
		if _, e := ds.loaded[d].With(pe.Sets[j : j+1]); e != nil {
			line, col := df.position(pe.Point, j)
			return &FileError{File: df.Path, Line: line, Column: col, Msg: fmt.Sprintf("%v (in %s)", e, pe.Design)}
		}
	}
	return &FileError{File: df.Path, Line: df.lines[pe.Point], Msg: fmt.Sprintf("%s together: %v (in %s)",
		strings.Join(pe.Sets, " "), pe.Err, pe.Design)}
}

// position finds the line and column of lever j's value at point p by
// reading the file again (a failure leaves the point's line alone): the
// columns of every value are not worth keeping for the one that is bad.
func (df *DesignFile) position(p, j int) (line, col int) {
	f, err := openDesign(df.Path)
	if err != nil {
		return df.lines[p], 0
	}
	defer f.Close()
	r, err := designReader(df.Path, f)
	for rec := 0; err == nil && rec <= p+1; rec++ {
		if _, err = r.Read(); err == nil && rec == p+1 {
			if line, col = r.FieldPos(df.fields[j]); line == df.lines[p] {
				return line, col
			}
		}
	}
	return df.lines[p], 0
}

// writeProblem writes problem.json, SALib's problem dict for the
// sensitivity analysis sw: the levers in the column order of points.csv,
// their ranges as --vary gave them, and "unif" for each, since cisim
// samples every lever uniformly over its range. SALib's sobol.analyze and
// morris.analyze take it beside the points and the outputs
// (docs/EXPERIMENTS.md, "Analysing with SALib"); with it SALib's
// sobol.sample(problem, N, calc_second_order=False, scramble=False) gives
// the points of a Sobol analysis of real-valued levers.
func writeProblem(dir string, sw *results.Sweep) error {
	lo, hi, err := sweepRanges(sw)
	if err != nil {
		return err
	}
	bounds, dists := make([][2]float64, len(lo)), make([]string, len(lo))
	for j := range lo {
		bounds[j], dists[j] = [2]float64{lo[j], hi[j]}, "unif"
	}
	// One key a line, as people read it; each value as JSON writes it.
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, kv := range []struct {
		key   string
		value any
	}{{"num_vars", len(sw.Levers)}, {"names", sw.Levers}, {"bounds", bounds}, {"dists", dists}} {
		v, err := json.Marshal(kv.value)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "  %q: %s", kv.key, v)
		if i < 3 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	return results.WriteAtomic(filepath.Join(dir, "problem.json"), func(w io.Writer) error {
		_, err := w.Write(b.Bytes())
		return err
	})
}
