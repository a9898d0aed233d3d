package load

import (
	"os"
	"path/filepath"
	"testing"
)

// TestScan checks that Scan's digest changes with a source file's bytes
// and not with files Load ignores.
func TestScan(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("data/orgs/a.toml", "name = \"A\"\n")
	write("content/_index.ja.md", "本文\n")
	first, n, err := Scan(dir)
	if err != nil || n != 2 {
		t.Fatalf("Scan = %d files, %v", n, err)
	}
	write("data/orgs/a.toml~", "backup")
	write("content/.#_index.ja.md", "lock")
	if again, _, _ := Scan(dir); again != first {
		t.Error("ignored files changed the digest")
	}
	write("data/orgs/a.toml", "name = \"B\"\n")
	if edited, _, _ := Scan(dir); edited == first {
		t.Error("an edit left the digest as it was")
	}
}
