package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cisim/cisim/results"
)

// codebookRoot is the temporary folder of codebookFolders, removed by
// TestMain.
var codebookRoot string

func removeCodebookFolders() {
	if codebookRoot != "" {
		os.RemoveAll(codebookRoot)
	}
}

// codebookFolders runs every command that writes CSV files once, small,
// and returns their output folders (shared by the codebook's tests).
var codebookFolders = sync.OnceValues(func() ([]string, error) {
	root, err := os.MkdirTemp("", "cisim-codebook-")
	if err != nil {
		return nil, err
	}
	codebookRoot = root
	dir := func(name string) string { return filepath.Join(root, name) }
	runs := [][]string{
		withTiny("compare", "--runs", "6", "--out", dir("compare")),
		withTiny("sweep", "isolated", "collective-impact", "--vary", "governance.common_agenda=0:1:2",
			"--vary", "governance.backbone_staff=0:2:2", "--vary", "problem.complementarity=0.2:0.8:2", "--runs", "3", "--out", dir("sweep")),
		withTiny("sensitivity", "collective-impact", "--vary", "problem.complementarity=0:1", "--vary", "governance.power_sharing=0:1",
			"--samples", "8", "--runs", "1", "--out", dir("sensitivity")),
		withTiny("conditions", "--runs", "2", "--out", dir("conditions")),
		withTiny("hypotheses", "H2", "--runs", "2", "--out", dir("hypotheses")),
		withTiny("explain", "--runs", "3", "--channels", "referral,voice", "--orders", "0", "--out", dir("explain")),
		{"discover", dir("sweep"), "--metric", "mean_trust", "--above", "0.15", "--min-mass", "0.1"},
		withTiny("eval", "collective-impact", "--points", filepath.Join(root, "matrix.csv"), "--runs", "2", "--out", dir("eval")),
		withTiny("calibrate", "--particles", "8", "--runs", "1", "--generations", "2", "--predictive", "4", "--quiet", "--out", dir("calibrate")),
		{"robust", "collective-impact", filepath.Join("..", "..", "examples", "adaptive-backbone.yaml"), "--futures", "8", "--runs", "2",
			"--years", "4", "--set", "beneficiaries.count=200", "--quiet", "--satisfice", "outcome_rate>=0.2", "--out", dir("robust")},
	}
	matrix := "governance.backbone_staff,funding.pooled,problem.complementarity\n0,0,0.5\n2,1,0.25\n"
	if err := os.WriteFile(filepath.Join(root, "matrix.csv"), []byte(matrix), 0o644); err != nil {
		return nil, err
	}
	for _, args := range runs {
		if code, _, stderr := runCLI(args...); code != 0 {
			return nil, &cliError{args, stderr}
		}
	}
	var dirs []string
	for _, args := range runs {
		for i, a := range args {
			if a == "--out" {
				dirs = append(dirs, args[i+1])
			}
		}
	}
	return dirs, nil
})

type cliError struct {
	args   []string
	stderr string
}

func (e *cliError) Error() string { return strings.Join(e.args, " ") + ": " + e.stderr }

// codebookFiles are every CSV file the commands wrote, by path. The
// tests of the files' formats skip under the race detector (withoutRace).
func codebookFiles(t *testing.T) []string {
	withoutRace(t)
	dirs, err := codebookFolders()
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, d := range dirs {
		csvs, _ := filepath.Glob(filepath.Join(d, "*.csv"))
		files = append(files, csvs...)
	}
	return files
}

func tableOf(t *testing.T, file string) results.Table {
	for _, tb := range results.Codebook() {
		if tb.File == filepath.Base(file) {
			return tb
		}
	}
	t.Fatalf("%s is not in the codebook", file)
	return results.Table{}
}

// TestOutputsFollowTheCodebook reads every CSV file every command writes:
// each column must be in docs/OUTPUTS.md's codebook and each field a value
// of the column's type, NA where undefined.
func TestOutputsFollowTheCodebook(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every command")
	}
	seen := map[string]bool{}
	for _, file := range codebookFiles(t) {
		tb := tableOf(t, file)
		seen[tb.File] = true
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(rows) < 1 {
			t.Fatalf("%s: %d rows, %v", file, len(rows), err)
		}
		cols := make([]results.Column, len(rows[0]))
		for i, name := range rows[0] {
			var ok bool
			if cols[i], ok = tb.Lookup(name); !ok {
				t.Errorf("%s: column %s is not in the codebook", file, name)
			}
		}
		bad := 0
		for r, row := range rows[1:] {
			for i, field := range row {
				if err := cols[i].Check(field); err != nil && bad < 5 {
					bad++
					t.Errorf("%s line %d: %v", file, r+2, err)
				}
			}
		}
	}
	for _, tb := range results.Codebook() {
		// decisions.csv is a class's (serve --class): web/game's
		// TestCSVFollowsTheCodebook reads it against the codebook.
		if !seen[tb.File] && tb.File != results.ClassDecisionsCSV {
			t.Errorf("no command's files had %s", tb.File)
		}
	}
}
