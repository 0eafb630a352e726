package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/cisim/cisim/web/internal/wasmsum"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	// go generate runs in the package directory: web/.
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	build := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w",
		"-o", filepath.Join("web", "static", "cisim.wasm"), wasmsum.Package)
	build.Dir = root
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err = build.Run(); err != nil {
		return fmt.Errorf("building the wasm: %v", err)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %v", err)
	}
	js, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return err
	}
	if err = os.WriteFile(filepath.Join("static", "wasm_exec.js"), js, 0o644); err != nil {
		return err
	}
	lines, err := wasmsum.Lines(root)
	if err != nil {
		return err
	}
	return os.WriteFile("wasm.sum", wasmsum.Format(lines), 0o644)
}
