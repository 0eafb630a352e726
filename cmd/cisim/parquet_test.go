package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cisim/cisim/results"
)

// duckDB is the folder holding node_modules/@duckdb/node-api (CI installs
// it from the npm registry into CISIM_DUCKDB), or the test skips.
func duckDB(t *testing.T) string {
	dir := os.Getenv("CISIM_DUCKDB")
	_, nerr := exec.LookPath("node")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api")); dir == "" || err != nil || nerr != nil {
		if os.Getenv("CISIM_REQUIRE_DUCKDB") != "" {
			t.Fatalf("CISIM_REQUIRE_DUCKDB is set but CISIM_DUCKDB=%q holds no @duckdb/node-api or node is missing", dir)
		}
		t.Skip("DuckDB for node is not installed (CI runs npm install --prefix DIR @duckdb/node-api and sets CISIM_DUCKDB=DIR)")
	}
	return dir
}

type duckFile struct {
	File    string      `json:"file"`
	Columns [][2]string `json:"columns"`
	Rows    [][]any     `json:"rows"`
	Keys    [][]string  `json:"keys"`
}

var duckTypes = map[results.Kind]string{results.Integer: "BIGINT", results.Number: "DOUBLE", results.Boolean: "BOOLEAN",
	results.Category: "VARCHAR", results.Text: "VARCHAR"}

// TestDuckDBReadsTheParquetFiles writes a comparison and a sweep with
// --format csv,parquet and reads every Parquet file with DuckDB: the same
// columns in the same order, typed as the codebook says, and every value
// equal to the CSV file's (NA as null), and the manifest in the metadata.
func TestDuckDBReadsTheParquetFiles(t *testing.T) {
	withoutRace(t)
	duck := duckDB(t)
	out := t.TempDir()
	mustRun(t, withTiny("compare", "--runs", "4", "--format", "csv,parquet", "--out", filepath.Join(out, "c"))...)
	mustRun(t, withTiny("sweep", "collective-impact", "--vary", "governance.common_agenda=0:1:2", "--runs", "2",
		"--format", "csv,parquet", "--out", filepath.Join(out, "s"))...)
	pqs, _ := filepath.Glob(filepath.Join(out, "*", "*.parquet"))
	if len(pqs) < 8 {
		t.Fatalf("%d Parquet files: %v", len(pqs), pqs)
	}
	cmd := exec.Command("node", "testdata/duckdb-read.js")
	cmd.Args = append(cmd.Args, pqs...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(duck, "node_modules"))
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("duckdb: %v", err)
	}
	var files []duckFile
	if err := json.Unmarshal(b, &files); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		compareWithCSV(t, f)
	}
}

func compareWithCSV(t *testing.T, f duckFile) {
	name := strings.TrimSuffix(filepath.Base(f.File), ".parquet") + ".csv"
	csvFile, err := os.Open(filepath.Join(filepath.Dir(f.File), name))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := csvRows(csvFile)
	csvFile.Close()
	tb := tableOf(t, name)
	if len(f.Columns) != len(rows[0]) || len(f.Rows) != len(rows)-1 {
		t.Fatalf("%s: %d columns and %d rows, the CSV %d and %d", f.File, len(f.Columns), len(f.Rows), len(rows[0]), len(rows)-1)
	}
	for i, h := range rows[0] {
		col, _ := tb.Lookup(h)
		if f.Columns[i][0] != h || f.Columns[i][1] != duckTypes[col.Kind] {
			t.Errorf("%s: column %d is %v, want %s %s", name, i, f.Columns[i], h, duckTypes[col.Kind])
		}
	}
	if len(f.Keys) != 1 || f.Keys[0][0] != results.ManifestKey {
		t.Errorf("%s: metadata keys %v, want %s", name, f.Keys, results.ManifestKey)
	}
	bad := 0
	for r, row := range f.Rows {
		for i, v := range row {
			if want := rows[r+1][i]; !sameValue(v, want) && bad < 5 {
				bad++
				t.Errorf("%s line %d, %s: DuckDB reads %v, the CSV has %s", name, r+2, rows[0][i], v, want)
			}
		}
	}
}

// sameValue says whether DuckDB's JSON value is the CSV field.
func sameValue(v any, field string) bool {
	switch v := v.(type) {
	case nil:
		return field == "NA"
	case bool:
		return field == map[bool]string{true: "TRUE", false: "FALSE"}[v]
	case float64:
		x, err := results.Parse(nil, field)
		return err == nil && x == v
	case string:
		if inf, ok := map[string]string{"Infinity": "Inf", "-Infinity": "-Inf"}[v]; ok {
			return field == inf
		}
		return v == field
	}
	return false
}
