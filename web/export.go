package web

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Export writes the page's files to dir, for any static web server (which
// must serve .wasm as application/wasm). dir must be a new folder in an
// existing one, or an existing empty folder (or a link to one). The files
// are written to a temporary folder first and renamed into place, so dir
// never holds half an export.
func Export(dir string) error {
	fail := func(err error) error { return fmt.Errorf("web: export to %s: %w", dir, err) }
	entries, err := os.ReadDir(dir) // through a symbolic link, as writing will
	switch {
	case err == nil && len(entries) > 0:
		return fail(errors.New("the folder exists and is not empty"))
	case err == nil:
		// An existing folder keeps its mode, owner and any link to it: the
		// files are moved into it rather than the folder replaced.
		if err = exportInto(dir); err != nil {
			return fail(err)
		}
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return fail(err)
	}
	if _, err = os.Lstat(dir); err == nil {
		return fail(errors.New("a symbolic link to a folder that does not exist"))
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if st, serr := os.Stat(parent); serr != nil || !st.IsDir() {
		return fail(fmt.Errorf("the folder %s does not exist; create it first", parent))
	}
	tmp, err := os.MkdirTemp(parent, ".cisim-export-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(tmp) // after the rename, nothing is left there
	err = writeAssets(tmp)
	if err == nil {
		err = os.Chmod(tmp, 0o755) // MkdirTemp's 0700 would hide the page from the web server
	}
	if err == nil {
		err = os.Rename(tmp, dir)
	}
	if err != nil {
		return fail(err)
	}
	return nil
}

// exportInto writes the assets to a temporary folder inside the empty
// folder dir, then renames each into dir; on a failure it removes what it
// had moved, leaving dir empty again.
func exportInto(dir string) (err error) {
	tmp, err := os.MkdirTemp(dir, ".cisim-export-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err = writeAssets(tmp); err != nil {
		return err
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return err
	}
	var moved []string
	defer func() {
		if err != nil {
			for _, p := range moved {
				os.RemoveAll(p)
			}
		}
	}()
	for _, e := range entries {
		to := filepath.Join(dir, e.Name())
		if err := os.Rename(filepath.Join(tmp, e.Name()), to); err != nil {
			return err
		}
		moved = append(moved, to)
	}
	return nil
}

// writeAssets writes the embedded files to the existing folder dir.
func writeAssets(dir string) error {
	assets := Assets()
	return fs.WalkDir(assets, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(assets, name)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
