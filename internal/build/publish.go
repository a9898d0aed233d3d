package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// manifestName lists, in the destination, the files plansite wrote there.
const manifestName = ".plansite-files"

// PublishStats counts what Publish did.
type PublishStats struct {
	Written, Unchanged, Removed int
}

// Publish syncs out into dir: changed files are written atomically,
// unchanged ones left alone, and files of the previous build that out no
// longer has are removed. It refuses a non-empty dir that has no manifest.
func Publish(dir string, out Output) (PublishStats, error) {
	var st PublishStats
	previous, err := readManifest(dir)
	if err != nil {
		return st, err
	}
	names := make([]string, 0, len(out))
	for name := range out {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if old, err := os.ReadFile(target); err == nil && bytes.Equal(old, out[name]) {
			st.Unchanged++
			continue
		}
		if err := writeAtomic(target, out[name]); err != nil {
			return st, err
		}
		st.Written++
	}
	for _, name := range previous {
		if _, keep := out[name]; keep {
			continue
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.Remove(target); err == nil {
			st.Removed++
			removeEmptyParents(dir, filepath.Dir(target))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return st, fmt.Errorf("removing stale %s: %w", target, err)
		}
	}
	manifest := []byte(strings.Join(names, "\n") + "\n")
	if old, err := os.ReadFile(filepath.Join(dir, manifestName)); err != nil || !bytes.Equal(old, manifest) {
		if err := writeAtomic(filepath.Join(dir, manifestName), manifest); err != nil {
			return st, err
		}
	}
	return st, nil
}

// readManifest returns the files of the previous build in dir. A missing
// or empty dir has none; a non-empty dir without a manifest is refused.
func readManifest(dir string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err == nil {
		var names []string
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSpace(line); line != "" && filepath.IsLocal(filepath.FromSlash(line)) {
				names = append(names, line)
			}
		}
		return names, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(entries) > 0 {
		return nil, fmt.Errorf("the destination %s holds files that plansite did not write (it has no %s); to protect them, nothing was written: choose an empty or new folder, or empty this one", dir, manifestName)
	}
	return nil, nil
}

// writeAtomic writes data to a temporary file beside name and renames it
// over name, so readers never see a partly written file.
func writeAtomic(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-"+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return os.Rename(tmp.Name(), name)
}

// removeEmptyParents removes now-empty folders from dir up to, not
// including, root.
func removeEmptyParents(root, dir string) {
	for dir != root && strings.HasPrefix(dir, root) {
		if err := os.Remove(dir); err != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}

// publishChanges brings dir, last synced with the build before, up to date
// with out: it writes the files named in changed that out has and removes
// those it no longer has, without comparing the files nothing changed.
func publishChanges(dir string, out Output, changed []string) (PublishStats, error) {
	st := PublishStats{Unchanged: len(out)}
	namesChanged := false
	for _, name := range changed {
		target := filepath.Join(dir, filepath.FromSlash(name))
		data, ok := out[name]
		if !ok {
			namesChanged = true
			if err := os.Remove(target); err == nil {
				st.Removed++
				removeEmptyParents(dir, filepath.Dir(target))
			} else if !errors.Is(err, fs.ErrNotExist) {
				return st, fmt.Errorf("removing stale %s: %w", target, err)
			}
			continue
		}
		if _, err := os.Stat(target); err != nil {
			namesChanged = true
		}
		if err := writeAtomic(target, data); err != nil {
			return st, err
		}
		st.Written++
		st.Unchanged--
	}
	if namesChanged {
		names := make([]string, 0, len(out))
		for name := range out {
			names = append(names, name)
		}
		sort.Strings(names)
		if err := writeAtomic(filepath.Join(dir, manifestName), []byte(strings.Join(names, "\n")+"\n")); err != nil {
			return st, err
		}
	}
	return st, nil
}
