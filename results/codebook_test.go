package results

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/OUTPUTS.md's codebook from Codebook()")

const (
	codebookStart = "<!-- codebook: made by `go test ./results -run TestCodebookDoc -update`; do not edit by hand -->\n"
	codebookEnd   = "<!-- end of codebook -->\n"
)

// codebookMarkdown is docs/OUTPUTS.md's codebook: a table per file.
func codebookMarkdown() string {
	var b strings.Builder
	for _, t := range Codebook() {
		fmt.Fprintf(&b, "### %s\n\n%s.\n\n| column | type | unit | meaning |\n|---|---|---|---|\n", t.File, t.Meaning)
		for _, c := range t.Columns {
			kind := c.Kind.String()
			if c.Levels != nil {
				kind += ": " + strings.Join(c.Levels, ", ")
			}
			name := "`" + c.Name + "`"
			if c.Name == Lever {
				name = "*a lever's key*"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", name, kind, c.Unit, c.Meaning)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestCodebookDoc checks that docs/OUTPUTS.md holds the codebook as
// Codebook() has it, so the document cannot drift from what the writers and
// the Parquet files use.
func TestCodebookDoc(t *testing.T) {
	path := "../docs/OUTPUTS.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i, j := strings.Index(doc, codebookStart), strings.Index(doc, codebookEnd)
	if i < 0 || j < i {
		t.Fatalf("%s has no codebook markers", path)
	}
	want := doc[:i] + codebookStart + "\n" + codebookMarkdown() + doc[j:]
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if doc != want {
		t.Errorf("%s's codebook is not Codebook()'s: run go test ./results -run TestCodebookDoc -update", path)
	}
}

func TestFormatKeepsTheKind(t *testing.T) {
	num := Column{Name: "x", Kind: Number}
	for _, x := range []float64{0, 7, -3, 0.5, 1e21, 1.5e-7, 155331514, 1.0 / 3} {
		if err := num.Check(FormatValue(x)); err != nil {
			t.Error(err)
		}
		if y, err := Parse(nil, FormatValue(x)); err != nil || y != x {
			t.Errorf("%v: written %s, read %v, %v", x, FormatValue(x), y, err)
		}
	}
	if got := FormatValue(7); got != "7.0" {
		t.Errorf("FormatValue(7) = %s, want 7.0", got)
	}
	phase := Column{Name: "phase", Kind: Category, Levels: phaseLevels}
	if f := Format(Category, phaseLevels, 1); f != "run" || phase.Check(f) != nil {
		t.Errorf("phase 1 written %q", f)
	}
	if f := Format(Boolean, nil, 1); f != "TRUE" {
		t.Errorf("true written %q", f)
	}
}
