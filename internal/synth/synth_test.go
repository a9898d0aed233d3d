package synth

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDeterministic writes the same site twice and a site with another
// seed, and checks the shape issue 10 asks for.
func TestDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, w := range []struct {
		dir  string
		seed uint64
	}{{a, 1}, {b, 1}, {c, 2}} {
		if err := Write(w.dir, Options{Orgs: 3, Seed: w.seed}); err != nil {
			t.Fatal(err)
		}
	}
	files := tree(t, a)
	if len(files) != 1+3+3*2*3 {
		t.Fatalf("%d files, want %d", len(files), 1+3+3*2*3)
	}
	other := tree(t, b)
	for name, data := range files {
		if !bytes.Equal(data, other[name]) {
			t.Errorf("%s differs between two sites of the same seed", name)
		}
	}
	if bytes.Equal(files["data/plans/org-00001/2023.toml"], tree(t, c)["data/plans/org-00001/2023.toml"]) {
		t.Error("seeds 1 and 2 gave the same plan")
	}
	for name, data := range files {
		s := string(data)
		switch {
		case strings.HasPrefix(name, "data/plans/"):
			if n := strings.Count(s, "[[divisions.sections.programs]]"); n < 38 || n > 42 {
				t.Errorf("%s: %d programs, want 38 to 42", name, n)
			}
			if n := strings.Count(s, "[[divisions.targets]]"); n != 5 {
				t.Errorf("%s: %d targets, want 5", name, n)
			}
			if n := strings.Count(s, "[[divisions.staffing.rows]]"); n != 2 {
				t.Errorf("%s: %d staffing rows, want 2", name, n)
			}
			for m := 1; m <= 12; m++ {
				if n := strings.Count(s, "months = ["+itoa(m)+"]\n"); n < 1 || n > 3 {
					t.Errorf("%s: month %d has %d entries, want 1 to 3", name, m, n)
				}
			}
		case strings.HasPrefix(name, "content/"):
			if n := len(data); n < 1400 || n > 1700 {
				t.Errorf("%s: %d bytes of prose, want about 1.5 KB", name, n)
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
