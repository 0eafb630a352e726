package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schema compiles a JSON Schema of docs/schema (the others of the folder
// are there for its references).
func schema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	dir := filepath.Join("..", "..", "docs", "schema")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if err := c.AddResource("https://github.com/cisim/cisim/docs/schema/"+e.Name(), doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile("https://github.com/cisim/cisim/docs/schema/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, what string, b []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err == nil {
		err = s.Validate(v)
	}
	if err != nil {
		t.Errorf("%s does not follow its schema: %v", what, err)
	}
}

// compare --json and run --json on stdout, and comparison.json in the
// folder, follow the JSON Schemas of docs/schema: snake_case, null for an
// undefined number (a run of 2 replicates has undefined ones), and the
// schema's version.
func TestJSONFollowsItsSchema(t *testing.T) {
	withoutRace(t)
	cmp, file := schema(t, "compare.schema.json"), schema(t, "comparison.schema.json")
	for _, args := range [][]string{
		{"compare", "--runs", "2", "--years", "1", "--set", "beneficiaries.count=100"},
		{"compare", "--runs", "12", "--years", "2"},
		{"run", "isolated", "--runs", "3", "--years", "1"},
	} {
		out := t.TempDir()
		stdout := mustRun(t, append(args, "--quiet", "--json", "--out", out)...)
		validate(t, cmp, strings.Join(args, " "), []byte(stdout))
		if args[0] == "compare" {
			b, _ := os.ReadFile(filepath.Join(out, "comparison.json"))
			validate(t, file, "comparison.json", b)
		}
	}
}

// Every command's --json is one object whose first key is schema_version,
// whose keys are snake_case (lever keys keep their dots), and which follows
// its command's JSON Schema in docs/schema.
func TestEveryJSONOutputIsVersionedAndSnakeCase(t *testing.T) {
	withoutRace(t)
	root := t.TempDir()
	tiny := []string{"--runs", "4", "--years", "1", "--set", "beneficiaries.count=100", "--quiet", "--json"}
	at := func(name string) string { return filepath.Join(root, name) }
	runs := [][]string{
		append([]string{"compare", "--out", at("c")}, tiny...),
		append([]string{"sweep", "collective-impact", "--vary", "governance.backbone_staff=0:2:2", "--out", at("s")}, tiny...),
		append([]string{"sensitivity", "collective-impact", "--method", "morris", "--trajectories", "4",
			"--vary", "governance.backbone_staff=0:2", "--vary", "governance.power_sharing=0:1", "--out", at("m")}, tiny...),
		{"discover", at("c"), "--above", "0", "--json"},
		append([]string{"explain", "--channels", "referral,shocks", "--out", at("e")}, tiny...),
		append([]string{"hypotheses", "H1", "--out", at("h")}, tiny...),
		append([]string{"sensitivity", "collective-impact", "--samples", "8",
			"--vary", "governance.backbone_staff=0:2", "--vary", "governance.power_sharing=0:1", "--out", at("so")}, tiny...),
		append([]string{"conditions", "--out", at("f")}, tiny...),
		append([]string{"sweep", "isolated", "collective-impact", "--vary", "governance.common_agenda=0:1:2",
			"--vary", "problem.complementarity=0.2:0.8:2", "--out", at("s2")}, tiny...),
		{"discover", at("s2"), "--metric", "mean_trust", "--above", "0.15", "--min-mass", "0.1", "--json"},
		append([]string{"eval", "isolated", "collective-impact", "--points", writePoints(t, root), "--out", at("ev")}, tiny...),
		append([]string{"robust", "isolated", "collective-impact", "--futures", "4", "--out", at("rb")}, tiny...),
	}
	schemas := map[string]string{"compare": "compare.schema.json", "sweep": "sweep.schema.json", "sensitivity": "sensitivity.schema.json",
		"discover": "discover.schema.json", "explain": "explain.schema.json", "hypotheses": "hypotheses.schema.json",
		"conditions": "conditions.schema.json", "eval": "sweep.schema.json", "robust": "robust.schema.json"}
	snake := func(k string) bool { return strings.Trim(k, "abcdefghijklmnopqrstuvwxyz0123456789_.") == "" }
	var walk func(x any, bad *[]string)
	walk = func(x any, bad *[]string) {
		switch v := x.(type) {
		case map[string]any:
			for k, e := range v {
				if !snake(k) {
					*bad = append(*bad, k)
				}
				walk(e, bad)
			}
		case []any:
			for _, e := range v {
				walk(e, bad)
			}
		}
	}
	for _, args := range runs {
		stdout := mustRun(t, args...)
		if !strings.HasPrefix(stdout, "{\n  \"schema_version\": 1,") {
			t.Errorf("%s --json does not start with the schema version: %.60q", args[0], stdout)
		}
		var v any
		if err := json.Unmarshal([]byte(stdout), &v); err != nil {
			t.Fatalf("%s: %v", args[0], err)
		}
		var bad []string
		walk(v, &bad)
		if len(bad) > 0 {
			t.Errorf("%s --json: keys not in snake_case: %v", args[0], bad)
		}
		validate(t, schema(t, schemas[args[0]]), strings.Join(args, " "), []byte(stdout))
	}
}

// writePoints writes a small design matrix for cisim eval, as a
// spreadsheet would: a header of lever keys and a row per point.
func writePoints(t *testing.T, dir string) string {
	path := filepath.Join(dir, "points.csv")
	if err := os.WriteFile(path, []byte("governance.power_sharing,governance.common_agenda\n0.2,0\n0.8,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
