package web

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Export writes the page's files to dir, for any static web server (which
// must serve .wasm as application/wasm). dir must not exist or be empty;
// the files are written to a new folder beside it and renamed into place,
// so dir never holds half an export.
func Export(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("web: export to %s: the folder exists and is not empty", dir)
	} else if err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("web: export to %s: %w", dir, err)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	tmp, err := os.MkdirTemp(parent, ".cisim-export-")
	if err != nil {
		return fmt.Errorf("web: export to %s: %w", dir, err)
	}
	defer os.RemoveAll(tmp) // after the rename, nothing is left there
	assets := Assets()
	err = fs.WalkDir(assets, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(tmp, filepath.FromSlash(name))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(assets, name)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	if err == nil {
		os.Remove(dir) // an empty folder, if any; a failure shows in the rename
		err = os.Rename(tmp, dir)
	}
	if err != nil {
		return fmt.Errorf("web: export to %s: %w", dir, err)
	}
	return nil
}
