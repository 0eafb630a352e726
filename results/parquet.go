package results

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
)

// ManifestKey is the key of the Parquet files' metadata that holds the
// run's manifest (without what changes between machines and runs of the
// same experiment: times, workers, folders, shards), so a file read alone
// still says what made it.
const ManifestKey = "cisim.manifest"

// ParquetName is the Parquet file written beside a CSV file.
func ParquetName(csvName string) string { return strings.TrimSuffix(csvName, ".csv") + ".parquet" }

// WriteParquets writes a Parquet file beside each CSV file among files and
// returns their names.
func WriteParquets(dir string, m *Manifest, files []string) ([]string, error) {
	var out []string
	for _, f := range files {
		if filepath.Ext(f) != ".csv" {
			continue
		}
		if err := WriteParquet(dir, f, m); err != nil {
			return nil, err
		}
		out = append(out, ParquetName(f))
	}
	return out, nil
}

// WriteParquet writes dir/NAME.parquet beside dir/NAME.csv: the same rows
// and columns, each typed as the codebook says (int64, double, boolean,
// string; a category dictionary-encoded; all nullable, NA as null), with
// the manifest m in its metadata. It reads the CSV file a batch of rows at
// a time, so events.csv of any size fits.
func WriteParquet(dir, name string, m *Manifest) error {
	tb, ok := tableNamed(name)
	if !ok {
		return fmt.Errorf("results: %s is not in the codebook", name)
	}
	in, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	defer in.Close()
	cr := csv.NewReader(in)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("results: %s: %w", name, err)
	}
	cols := make([]Column, len(header))
	for i, h := range header {
		if cols[i], ok = tb.Lookup(h); !ok {
			return fmt.Errorf("results: %s: column %s is not in the codebook", name, h)
		}
	}
	meta, err := json.Marshal(reproducible(m))
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return WriteAtomic(filepath.Join(dir, ParquetName(name)), func(w io.Writer) error {
		pw := parquet.NewWriter(w, parquet.NewSchema(strings.TrimSuffix(name, ".csv"), parquetSchema(cols)),
			parquet.KeyValueMetadata(ManifestKey, string(meta)), parquet.CreatedBy("cisim", m.Version, m.Commit),
			parquet.Compression(&parquet.Snappy))
		if err := copyRows(pw, cr, cols, name); err != nil {
			return err
		}
		return pw.Close()
	})
}

// copyRows writes the CSV rows into the Parquet writer, 4096 at a time.
func copyRows(pw *parquet.Writer, cr *csv.Reader, cols []Column, name string) error {
	const batch = 4096
	rows := make([]parquet.Row, 0, batch)
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == nil {
			var row parquet.Row
			if row, err = parquetRow(cols, rec); err == nil {
				rows = append(rows, row)
			}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("results: %s line %d: %w", name, line, err)
		}
		if len(rows) == batch || errors.Is(err, io.EOF) && len(rows) > 0 {
			if _, werr := pw.WriteRows(rows); werr != nil {
				return werr
			}
			rows = rows[:0]
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
	}
}

// parquetRow is one CSV row as Parquet values of the columns' kinds.
func parquetRow(cols []Column, rec []string) (parquet.Row, error) {
	row := make(parquet.Row, len(cols))
	for i, c := range cols {
		v, err := parquetValue(c, rec[i])
		if err != nil {
			return nil, err
		}
		row[i] = v.Level(0, 1, i)
		if v.IsNull() {
			row[i] = v.Level(0, 0, i)
		}
	}
	return row, nil
}

func parquetValue(c Column, f string) (parquet.Value, error) {
	if err := c.Check(f); err != nil {
		return parquet.Value{}, err
	}
	if f == "NA" {
		return parquet.NullValue(), nil
	}
	switch c.Kind {
	case Integer:
		n, err := strconv.ParseInt(f, 10, 64)
		return parquet.Int64Value(n), err
	case Number:
		x, err := Parse(nil, f)
		return parquet.DoubleValue(x), err
	case Boolean:
		x, err := Parse(nil, f)
		return parquet.BooleanValue(x == 1), err
	}
	return parquet.ByteArrayValue([]byte(f)), nil
}

// parquetSchema has the columns in the CSV file's order (parquet.Group
// would sort them by name).
func parquetSchema(cols []Column) parquet.Node {
	g := orderedGroup{}
	for _, c := range cols {
		var n parquet.Node
		switch c.Kind {
		case Integer:
			n = parquet.Int(64)
		case Number:
			n = parquet.Leaf(parquet.DoubleType)
		case Boolean:
			n = parquet.Leaf(parquet.BooleanType)
		case Category:
			n = parquet.Encoded(parquet.String(), &parquet.RLEDictionary)
		default:
			n = parquet.String()
		}
		g = append(g, field{Node: parquet.Optional(n), name: c.Name})
	}
	return g
}

// orderedGroup is a Parquet group whose fields keep their order.
type orderedGroup []parquet.Field

func (g orderedGroup) ID() int                     { return 0 }
func (g orderedGroup) String() string              { return fmt.Sprintf("group of %d columns", len(g)) }
func (g orderedGroup) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g orderedGroup) Optional() bool              { return false }
func (g orderedGroup) Repeated() bool              { return false }
func (g orderedGroup) Required() bool              { return true }
func (g orderedGroup) Leaf() bool                  { return false }
func (g orderedGroup) Fields() []parquet.Field     { return g }
func (g orderedGroup) Encoding() encoding.Encoding { return nil }
func (g orderedGroup) Compression() compress.Codec { return nil }
func (g orderedGroup) GoType() reflect.Type        { return reflect.TypeFor[map[string]any]() }

// field is a named column of an orderedGroup; rows are written as
// parquet.Row values, never from Go values, so Value is not used.
type field struct {
	parquet.Node
	name string
}

func (f field) Name() string                           { return f.name }
func (f field) Value(base reflect.Value) reflect.Value { return reflect.Value{} }

// reproducible is the manifest as the Parquet metadata holds it: what made
// the files, without what differs between machines, folders and runs of
// the same experiment, so that the same seed gives the same bytes.
func reproducible(m *Manifest) Manifest {
	c := *m
	c.Command, c.Workers, c.Status, c.Files, c.Checkpoint = "", 0, "", nil, nil
	c.Shard, c.Shards, c.First, c.End, c.Done = 0, 0, 0, 0, 0
	c.Started, c.Finished, c.Seconds, c.Parquet = time.Time{}, time.Time{}, 0, false
	return c
}

func tableNamed(name string) (Table, bool) {
	for _, t := range Codebook() {
		if t.File == name {
			return t, true
		}
	}
	return Table{}, false
}
