package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cisim/cisim/web/internal/wasmsum"
)

// TestWasmFresh checks that static/cisim.wasm was built from the sources
// as they are now: the Go files and embedded files of every module package
// it compiles, and the versions of the other modules. The wasm is a
// committed build artifact, so a change to the model without
// `go generate ./web` would otherwise leave the page running an old model.
func TestWasmFresh(t *testing.T) {
	recorded, err := os.ReadFile("wasm.sum")
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	current, err := wasmsum.Lines(root)
	if err != nil {
		t.Fatal(err)
	}
	if diff := wasmsum.Diff(wasmsum.Parse(recorded), current); len(diff) > 0 {
		t.Fatalf("web/static/cisim.wasm is stale: run go generate ./web (%s)", strings.Join(diff, ", "))
	}
	if _, err := os.Stat(filepath.Join("static", "cisim.wasm")); err != nil {
		t.Fatalf("web/static/cisim.wasm is missing: run go generate ./web (%v)", err)
	}
}

func TestWasmSumDiff(t *testing.T) {
	old := []string{"aa sim/engine.go", "bb sim/steps.go", "cc agents/trust.go", "module gonum.org/v1/gonum@v0.17.0"}
	now := []string{"aa sim/engine.go", "b2 sim/steps.go", "dd sim/new.go", "module gonum.org/v1/gonum@v0.18.0"}
	got := strings.Join(wasmsum.Diff(old, now), "; ")
	want := "changed sim/steps.go; added sim/new.go; changed module gonum.org/v1/gonum; removed agents/trust.go"
	if got != want {
		t.Errorf("Diff = %q, want %q", got, want)
	}
	if got := wasmsum.Parse([]byte(wasmsum.Header + "\n\naa x.go\n")); len(got) != 1 || got[0] != "aa x.go" {
		t.Errorf("Parse = %q", got)
	}
}
