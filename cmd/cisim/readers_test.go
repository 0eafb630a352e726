package main

import (
	"bufio"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cisim/cisim/results"
)

// pandasScript prints, for each CSV file given, each column's dtype as
// pandas reads it with its defaults, whether it has a missing value, and
// its first value as pandas holds it (seeds must come back exact).
const pandasScript = `
import sys, pandas as pd
for path in sys.argv[1:]:
    d = pd.read_csv(path)
    for c in d.columns if len(d) else []:
        print(path, c, d[c].dtype, bool(d[c].isna().any()), str(d[c].iloc[0]), sep="\t")
`

// rScript does the same with R's read.csv.
const rScript = `
for (path in commandArgs(trailingOnly = TRUE)) {
  d <- read.csv(path, check.names = FALSE)
  for (c in if (nrow(d) > 0) names(d) else c()) {
    v <- d[[c]][1]
    s <- if (is.numeric(v) && !is.na(v) && v == round(v) && abs(v) < 2^53) sprintf("%.0f", v) else as.character(v)
    cat(path, c, class(d[[c]])[1], any(is.na(d[[c]])), s, sep = "\t"); cat("\n")
  }
}
`

// reader finds a program that can run a check (python3 with pandas, R),
// skipping the test with a message where there is none, unless CI's
// variable requires it.
func reader(t *testing.T, require string, candidates [][]string) []string {
	for _, c := range candidates {
		if _, err := exec.LookPath(c[0]); err == nil && exec.Command(c[0], c[1:]...).Run() == nil {
			return c[:1]
		}
	}
	if os.Getenv(require) != "" {
		t.Fatalf("%s is set but %s cannot run", require, candidates[0][0])
	}
	t.Skipf("%s with what it needs is not installed here (CI installs it; set %s=1 to require it)", candidates[0][0], require)
	return nil
}

// readerTypes maps each file's columns to what a reader typed them as.
func readerTypes(t *testing.T, cmd []string, files []string) map[string][4]string {
	out, err := exec.Command(cmd[0], append(cmd[1:], files...)...).Output()
	if err != nil {
		t.Fatalf("%s: %v", strings.Join(cmd, " "), err)
	}
	got := map[string][4]string{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) == 5 {
			got[f[0]+"/"+f[1]] = [4]string{f[2], f[3], f[4], f[0]}
		}
	}
	return got
}

// checkReader runs a reader over every output file and checks every
// column's type against the codebook; want says which types a kind may
// read as, given whether the column has a missing value.
func checkReader(t *testing.T, cmd []string, want func(k results.Kind, hasNA bool) []string) {
	files := codebookFiles(t)
	got := readerTypes(t, cmd, files)
	for _, file := range files {
		tb := tableOf(t, file)
		f, _ := os.Open(file)
		rows, _ := csvRows(f)
		f.Close()
		for i, name := range rows[0] {
			if len(rows) < 2 {
				break // no rows: nothing typed
			}
			col, _ := tb.Lookup(name)
			g, ok := got[file+"/"+name]
			if !ok {
				t.Errorf("%s: %s did not read column %s", file, cmd[0], name)
				continue
			}
			allNA := true
			for _, r := range rows[1:] {
				allNA = allNA && r[i] == "NA"
			}
			if allNA {
				continue // an empty column has no type to check
			}
			if ok := want(col.Kind, g[1] == "True" || g[1] == "TRUE"); !contains(ok, g[0]) {
				t.Errorf("%s: %s reads %s (%s) as %s, want %v", filepath.Base(file), cmd[0], name, col.Kind, g[0], ok)
			}
			if col.Kind == results.Integer && rows[1][i] != "NA" && g[2] != rows[1][i] {
				t.Errorf("%s: %s reads %s's %s as %s", filepath.Base(file), cmd[0], name, rows[1][i], g[2])
			}
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// TestPandasReadsTheDocumentedTypes: pandas' read_csv, with its defaults,
// types every column of every output file as docs/OUTPUTS.md says.
func TestPandasReadsTheDocumentedTypes(t *testing.T) {
	py := reader(t, "CISIM_REQUIRE_PANDAS", [][]string{{"python3", "-c", "import pandas"}, {"/usr/bin/python3", "-c", "import pandas"}})
	checkReader(t, append(py, "-c", pandasScript), func(k results.Kind, hasNA bool) []string {
		switch k {
		case results.Integer:
			if hasNA {
				return []string{"float64"} // pandas' int64 has no missing value
			}
			return []string{"int64"}
		case results.Number:
			return []string{"float64"}
		case results.Boolean:
			if hasNA {
				return []string{"object"}
			}
			return []string{"bool"}
		}
		return []string{"object"}
	})
}

// TestRReadsTheDocumentedTypes: R's read.csv, with its defaults, types
// every column of every output file as docs/OUTPUTS.md says (integers
// above 2³¹−1, large seeds, as exact doubles).
func TestRReadsTheDocumentedTypes(t *testing.T) {
	r := reader(t, "CISIM_REQUIRE_R", [][]string{{"Rscript", "-e", "invisible(0)"}})
	checkReader(t, append(r, "-e", rScript), func(k results.Kind, hasNA bool) []string {
		switch k {
		case results.Integer:
			return []string{"integer", "numeric"}
		case results.Number:
			return []string{"numeric"}
		case results.Boolean:
			return []string{"logical"}
		}
		return []string{"character"}
	})
}

func csvRows(f *os.File) ([][]string, error) { return csv.NewReader(f).ReadAll() }
