package results

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
)

// mergedFiles are the files of a shard that a merge reads, as paths
// relative to its folder: its summary, its event log and its saved
// accumulators.
func mergedFiles(m *Manifest) []string {
	names := []string{SummaryFile}
	if m.Events {
		names = append(names, EventsFile)
	}
	for i := range m.NumAccumulators() {
		names = append(names, path.Join(StateDir, stateName(i)))
	}
	return names
}

// SetChecksums records in m the SHA-256 of each file of dir that a merge
// will read, so that a file cut, edited or swapped after the shard
// finished is found before it is merged into a result that looks whole.
func SetChecksums(dir string, m *Manifest) error {
	m.Checksums = map[string]string{}
	for _, name := range mergedFiles(m) {
		sum, err := fileSum(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		m.Checksums[name] = sum
	}
	return nil
}

// CheckChecksums checks that each file of dir a merge reads is the one its
// manifest m recorded when the shard finished.
func CheckChecksums(dir string, m *Manifest) error {
	if m.Checksums == nil {
		return fmt.Errorf("results: %s's manifest records no checksums of its files (a shard of an older cisim); run the shard again", dir)
	}
	for _, name := range mergedFiles(m) {
		file := filepath.Join(dir, filepath.FromSlash(name))
		sum, err := fileSum(file)
		if err != nil {
			return err
		}
		if want, ok := m.Checksums[name]; !ok || sum != want {
			return fmt.Errorf("results: %s is not the file its shard wrote (its SHA-256 differs from the manifest's); run the shard again", file)
		}
	}
	return nil
}

func fileSum(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", fmt.Errorf("results: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err = io.Copy(h, f); err != nil {
		return "", fmt.Errorf("results: %s: %w", file, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
