package results

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// WriteAtomic writes a file through a temporary file in the same folder,
// then renames it into place: a reader sees the old file or the whole new
// one, never half of it.
func WriteAtomic(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("results: cannot write in %s: %w", dir, err)
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("results: writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("results: writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("results: writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("results: writing %s: %w", path, err)
	}
	return nil
}

// CheckWritable makes sure dir exists (creating it) and can take new files,
// without touching anything already in it.
func CheckWritable(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("results: cannot create output folder %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, ".cisim-probe-*")
	if err != nil {
		return fmt.Errorf("results: output folder %s is not writable: %w", dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// ClearRun removes what an earlier run wrote into dir — its manifest
// first, so the folder never looks complete, then the files it listed —
// so that a new experiment's files do not sit beside another's. Files
// cisim did not list are left alone.
func ClearRun(dir string) error {
	old, err := ReadManifest(dir)
	if err != nil {
		return nil // no earlier run here
	}
	if err := os.Remove(filepath.Join(dir, ManifestFile)); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	for _, f := range old.Files {
		if f == ManifestFile || !filepath.IsLocal(f) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, f)); err != nil {
			return fmt.Errorf("results: %w", err)
		}
	}
	return nil
}

func stateFile(dir string, i int) string {
	return filepath.Join(dir, StateDir, fmt.Sprintf("scenario-%d.acc", i))
}

// SaveState writes each accumulator of an output folder atomically.
func SaveState(dir string, accs []*Accumulator) error {
	if err := os.MkdirAll(filepath.Join(dir, StateDir), 0o755); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	for i, a := range accs {
		if err := WriteAtomic(stateFile(dir, i), func(w io.Writer) error {
			_, err := a.WriteTo(w)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// ReadState reads the n accumulators an output folder saved (nil for
// none).
func ReadState(dir string, n int) ([]*Accumulator, error) {
	if n == 0 {
		return nil, nil
	}
	accs := make([]*Accumulator, n)
	for i := range accs {
		f, err := os.Open(stateFile(dir, i))
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
// needed.
func WriteTable(dir, name string, header []string, rows [][]string) error {
	return WriteAtomic(filepath.Join(dir, name), func(w io.Writer) error {
		for _, row := range append([][]string{header}, rows...) {
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

// ReadTable reads a CSV table that cisim wrote (no quoted commas), giving
// each row's fields and its numbers from column num on.
func ReadTable(dir, name string, fields, num int, row func(f []string, v []float64)) error {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	v := make([]float64, fields-num)
	for i, line := range lines[1:] {
		f := strings.Split(line, ",")
		if len(f) != fields {
			return fmt.Errorf("results: %s line %d: %d fields, want %d", name, i+2, len(f), fields)
		}
		if err := parseValues(v, f[num:]); err != nil {
			return fmt.Errorf("results: %s line %d: %w", name, i+2, err)
		}
		row(f, v)
	}
	return nil
}
