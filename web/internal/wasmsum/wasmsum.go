package wasmsum

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Header is the first line of web/wasm.sum.
const Header = "# What web/static/cisim.wasm was built from: written by go generate ./web; checked by TestWasmFresh."

// Package is the WebAssembly entry point, relative to the module root.
const Package = "./web/wasm"

type listed struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	EmbedFiles []string
	Module     *struct {
		Path    string
		Version string
		Main    bool
	}
}

// Lines returns web/wasm.sum's lines for the module at root: "sha256 path"
// for each source file (paths relative to root, with slashes), then
// "module path@version" for each other module, sorted.
func Lines(root string) ([]string, error) {
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Dir,GoFiles,EmbedFiles,Module", Package)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("wasmsum: go list: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var files, modules []string
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("wasmsum: go list output: %v", err)
		}
		switch {
		case p.Module == nil: // the standard library: the Go release
		case !p.Module.Main:
			modules = append(modules, "module "+p.Module.Path+"@"+p.Module.Version)
		default:
			for _, f := range slices.Concat(p.GoFiles, p.EmbedFiles) {
				path := filepath.Join(p.Dir, f)
				b, err := os.ReadFile(path)
				if err != nil {
					return nil, fmt.Errorf("wasmsum: %v", err)
				}
				rel, err := filepath.Rel(root, path)
				if err != nil {
					return nil, fmt.Errorf("wasmsum: %v", err)
				}
				sum := sha256.Sum256(b)
				files = append(files, hex.EncodeToString(sum[:])+" "+filepath.ToSlash(rel))
			}
		}
	}
	slices.SortFunc(files, func(a, b string) int { return strings.Compare(a[65:], b[65:]) })
	slices.Sort(modules)
	return slices.Concat(files, slices.Compact(modules)), nil
}

// Format is the content of web/wasm.sum for the given lines.
func Format(lines []string) []byte {
	return []byte(Header + "\n" + strings.Join(lines, "\n") + "\n")
}

// Diff names what differs between the recorded lines and the current
// ones: changed, added and removed files or module versions.
func Diff(recorded, current []string) []string {
	key := func(l string) string {
		if strings.HasPrefix(l, "module ") {
			path, _, _ := strings.Cut(strings.TrimPrefix(l, "module "), "@")
			return "module " + path
		}
		_, k, _ := strings.Cut(l, " ")
		return k
	}
	old := map[string]string{}
	for _, l := range recorded {
		old[key(l)] = l
	}
	var diff []string
	for _, l := range current {
		k := key(l)
		switch o, ok := old[k]; {
		case !ok:
			diff = append(diff, "added "+k)
		case o != l:
			diff = append(diff, "changed "+k)
		}
		delete(old, k)
	}
	for _, l := range recorded {
		if _, ok := old[key(l)]; ok {
			diff = append(diff, "removed "+key(l))
		}
	}
	return diff
}

// Parse reads web/wasm.sum's lines, without the header and blank lines.
func Parse(b []byte) []string {
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	return lines
}
