// Package sitetest builds whole test sites written as one txtar-style
// string, as Hugo's integration tests do:
//
//	-- data/orgs/example.toml --
//	name = "社会福祉法人 見本会"
//	-- data/plans/example/2024.toml --
//	fiscal_year = 2024
//
// Each "-- name --" line starts a file.
package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Files parses a txtar-style archive into file contents by slash path.
func Files(archive string) map[string]string {
	files := map[string]string{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			files[name] = body.String()
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			continue
		}
		if name != "" {
			body.WriteString(line)
		}
	}
	flush()
	return files
}

// Write writes the archive's files under a new temporary folder and
// returns the folder.
func Write(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	WriteInto(t, dir, archive)
	return dir
}

// WriteInto writes the archive's files under dir, replacing files of the
// same names.
func WriteInto(t testing.TB, dir, archive string) {
	t.Helper()
	for name, content := range Files(archive) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Snapshot reads every file under dir into a map by slash path, to compare
// output trees byte for byte.
func Snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}
