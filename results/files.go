package results

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// WriteAtomic writes a file through a temporary file in the same folder,
// then renames it into place: a reader sees the old file or the whole new
// one, never half of it.
func WriteAtomic(path string, write func(w io.Writer) error) error {
	return writeThrough(path, write, os.Rename)
}

// WriteNew writes a file as WriteAtomic does, unless one is there: then it
// leaves it alone and returns an error that is fs.ErrExist (a link, unlike
// a rename, does not replace a file, so of two processes one wins).
func WriteNew(path string, write func(w io.Writer) error) error {
	return writeThrough(path, write, os.Link)
}

func writeThrough(path string, write func(w io.Writer) error, place func(tmp, path string) error) error {
	dir := filepath.Dir(path)
	tmp, err := CreateTemp(dir, "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return fmt.Errorf("results: cannot write in %s: %w", dir, err)
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = place(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("results: writing %s: %w", path, withoutPath(err))
	}
	return nil
}

// withoutPath is an error of the file system without the temporary file's
// name it carries ("no space left on device"): the caller names the file
// being written.
func withoutPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// CheckWritable makes sure dir exists (creating it) and can take new files,
// without touching anything already in it.
func CheckWritable(dir string) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return fmt.Errorf("results: cannot create output folder %s: %w", dir, err)
	}
	f, err := CreateTemp(dir, ".cisim-probe-")
	if err != nil {
		return fmt.Errorf("results: output folder %s is not writable: %w", dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// ClearRun makes dir the folder of the run next describes (nil: of none):
// it writes next's manifest (status running, nothing done) in place of an
// earlier run's, listing that run's files as well, and only then removes
// those files and the temporary files a killed run left. A kill at any
// point leaves a manifest that lists everything in the folder, so the
// folder never looks complete and never holds files that no manifest
// names. Files cisim did not list are left alone.
func ClearRun(dir string, next *Manifest) error {
	old, rerr := ReadManifest(dir)
	if rerr != nil {
		old = &Manifest{}
	}
	if next != nil {
		m := *next
		m.Files = append(slices.Clone(next.Files), old.Files...)
		if err := WriteManifest(dir, &m); err != nil {
			return err
		}
	} else if rerr == nil {
		if err := os.Remove(filepath.Join(dir, ManifestFile)); err != nil {
			return fmt.Errorf("results: %w", err)
		}
	}
	for _, f := range old.Files {
		if f == ManifestFile || !filepath.IsLocal(f) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, f)); err != nil {
			return fmt.Errorf("results: %w", err)
		}
	}
	return RemoveStale(dir, "")
}

func stateFile(dir, sub string, i int) string {
	return filepath.Join(dir, sub, stateName(i))
}

// stateName is the file of the i-th accumulator in a state folder.
func stateName(i int) string { return fmt.Sprintf("scenario-%d.acc", i) }

// SaveState writes each accumulator of an output folder atomically into
// its folder sub (StateDir, or a checkpoint's).
func SaveState(dir, sub string, accs []*Accumulator) error {
	if err := os.MkdirAll(filepath.Join(dir, sub), 0o777); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	for i, a := range accs {
		if err := WriteAtomic(stateFile(dir, sub, i), func(w io.Writer) error {
			_, err := a.WriteTo(w)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// ReadState reads the n accumulators an output folder saved in its folder
// sub (nil for none).
func ReadState(dir, sub string, n int) ([]*Accumulator, error) {
	if n == 0 {
		return nil, nil
	}
	accs := make([]*Accumulator, n)
	for i := range accs {
		f, err := os.Open(stateFile(dir, sub, i))
		if err != nil {
			return nil, fmt.Errorf("results: %w", err)
		}
		accs[i], err = ReadAccumulator(f)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return accs, nil
}

// WriteTable writes a small CSV table atomically, quoting fields where
// needed and writing an empty field as NA.
func WriteTable(dir, name string, header []string, rows [][]string) error {
	return WriteAtomic(filepath.Join(dir, name), func(w io.Writer) error {
		if _, err := io.WriteString(w, CSVLine(header...)); err != nil {
			return err
		}
		for _, row := range rows {
			row = slices.Clone(row)
			for i, f := range row {
				if f == "" {
					row[i] = "NA"
				}
			}
			if _, err := io.WriteString(w, CSVLine(row...)); err != nil {
				return err
			}
		}
		return nil
	})
}

// CSVLine is one line of a CSV file: the fields, quoted where needed,
// separated by commas.
func CSVLine(fields ...string) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(csvField(f))
	}
	b.WriteByte('\n')
	return b.String()
}

// FormatValues writes numbers as table fields (NA for undefined).
func FormatValues(xs ...float64) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = FormatValue(x)
	}
	return out
}

// Row is one row of a table that ReadTable reads: its fields by the
// name of their column.
type Row struct {
	cols   map[string]int
	fields []string
	err    error
}

// Field is the row's text in column col: empty where WriteTable wrote NA.
func (r *Row) Field(col string) string {
	if f := r.field(col); f != "NA" {
		return f
	}
	return ""
}

func (r *Row) field(col string) string {
	i, ok := r.cols[col]
	if !ok {
		panic("results: no column " + col)
	}
	return r.fields[i]
}

// Num is the row's number in column col: NA is NaN; what is not a number
// makes ReadTable fail.
func (r *Row) Num(col string) Num {
	var x [1]float64
	if err := parseValues(x[:], []string{r.field(col)}); err != nil && r.err == nil {
		r.err = fmt.Errorf("%s: %w", col, err)
	}
	return Num(x[0])
}

// ReadTable reads a CSV table that cisim wrote with WriteTable (no quoted
// commas) under the given header, handing each row to row.
func ReadTable(dir, name string, header []string, row func(r *Row)) error {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if got := lines[0]; got != strings.Join(header, ",") {
		return fmt.Errorf("results: %s: header %q is not this version's", name, got)
	}
	r := &Row{cols: map[string]int{}}
	for i, col := range header {
		r.cols[col] = i
	}
	for i, line := range lines[1:] {
		r.fields = strings.Split(line, ",")
		if len(r.fields) != len(header) {
			return fmt.Errorf("results: %s line %d: %d fields, want %d", name, i+2, len(r.fields), len(header))
		}
		if row(r); r.err != nil {
			return fmt.Errorf("results: %s line %d: %w", name, i+2, r.err)
		}
	}
	return nil
}
