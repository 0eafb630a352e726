package experiments

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cisim/cisim/results"
)

// A discovery writes into the folder of the run it reads, or into a
// folder of its own (--out). In the run's folder its files join those the
// manifest lists, so that a new run into the folder removes them with the
// run's; a folder of its own may hold an earlier discovery's files, and
// nothing else unless forced. Either folder is locked while it writes.

// discoveryFiles are the names of every file a discovery of run m may
// write, plots and Parquet files included, whether or not it draws them.
func discoveryFiles(m *results.Manifest) []string {
	files := []string{"discovery.csv", "discovery_trajectory.csv"}
	if m.Parquet {
		files = append(files, results.ParquetName(files[0]), results.ParquetName(files[1]))
	}
	return append(files, "plots/discovery_tradeoff.png", "plots/discovery_tradeoff.svg", "discovery.html")
}

// anyDiscoveryFiles are the names of every file any discovery may write.
var anyDiscoveryFiles = discoveryFiles(&results.Manifest{Parquet: true})

// checkDiscoveryOut refuses, unless force, a folder of its own for a
// discovery that holds a run (whose files the discovery's would sit beside
// unlisted) or files no discovery writes. A file of a discovery's name is
// an earlier discovery's only beside the table of boxes only cisim writes;
// without it, a discovery.html or a plots folder is someone else's.
func checkDiscoveryOut(out string, force bool) error {
	if _, err := results.ReadManifest(out); err == nil && !force {
		return fmt.Errorf("experiments: --out %s holds a cisim run of its own; write the discovery into the folder it reads (no --out) or a folder of its own", out)
	}
	earlier := isBoxesTable(filepath.Join(out, "discovery.csv"))
	return results.CheckOwnFiles(out, force, func(name string) bool {
		if name == "plots" {
			return earlier && onlyDiscoveryPlots(filepath.Join(out, name))
		}
		return earlier && slices.Contains(anyDiscoveryFiles, name)
	})
}

// onlyDiscoveryPlots reports whether the folder dir holds nothing but a
// discovery's plots.
func onlyDiscoveryPlots(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !slices.Contains(anyDiscoveryFiles, "plots/"+e.Name()) {
			return false
		}
	}
	return true
}

// removeStaleDiscovery removes from out the files an earlier discovery
// wrote that this one, which wrote files, did not (a plot it no longer
// draws would otherwise be left to look like its own).
func removeStaleDiscovery(out string, files []string) error {
	for _, f := range anyDiscoveryFiles {
		if slices.Contains(files, f) {
			continue
		}
		if err := os.Remove(filepath.Join(out, filepath.FromSlash(f))); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("experiments: %w", err)
		}
	}
	os.Remove(filepath.Join(out, "plots")) // only if empty: a run's plots stay
	return nil
}

// isBoxesTable reports whether the file at path begins as discovery.csv
// does: a file of that name that does not is someone else's.
func isBoxesTable(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := strings.Join(boxesHeader(nil), ",")
	b := make([]byte, len(head))
	_, err = io.ReadFull(f, b)
	return err == nil && string(b) == head
}

// listDiscovery makes files the discovery files the manifest of run m in
// dir lists (first every file a discovery may write, then those it wrote),
// reading the manifest again under the lock: the run must still be the
// one m describes, complete.
func listDiscovery(dir string, m *results.Manifest, files []string) error {
	now, err := results.ReadManifest(dir)
	if err != nil || now.Identity() != m.Identity() || now.Status != results.StatusComplete {
		return fmt.Errorf("experiments: %s changed while it was read; try again", dir)
	}
	all := discoveryFiles(m)
	list := slices.DeleteFunc(slices.Clone(now.Files), func(f string) bool { return slices.Contains(all, f) })
	list = append(list, files...)
	if slices.Equal(list, now.Files) {
		return nil
	}
	now.Files = list
	return results.WriteManifest(dir, now)
}

// sameFolder reports whether paths a and b name one folder.
func sameFolder(a, b string) bool {
	abs := func(p string) string {
		if q, err := filepath.EvalSymlinks(p); err == nil {
			p = q
		}
		q, _ := filepath.Abs(p)
		return q
	}
	return abs(a) == abs(b)
}
