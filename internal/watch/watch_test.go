package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// harness runs a Watcher over a temporary site folder holding content/a.md
// and data/orgs/a.toml, and collects its batches.
type harness struct {
	t       *testing.T
	root    string
	batches chan Batch
}

func newHarness(t *testing.T, ignore func(string) bool) *harness {
	t.Helper()
	t.Parallel()
	h := &harness{t: t, root: t.TempDir(), batches: make(chan Batch, 100)}
	h.write("content/a.md", "a")
	h.write("data/orgs/a.toml", "a")
	// Generous quiet times: a loaded test machine may pause between two
	// writes longer than an editor ever does.
	w, err := New(Options{Root: h.root, Dirs: []string{"content", "data", "layouts"}, Ignore: ignore, Quiet: 250 * time.Millisecond, BurstQuiet: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := w.Run(ctx, func(b Batch) { h.batches <- b }, func(err error) { t.Errorf("watch error: %v", err) }); err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		w.Close()
	})
	return h
}

func (h *harness) path(name string) string { return filepath.Join(h.root, filepath.FromSlash(name)) }

func (h *harness) write(name, content string) {
	h.t.Helper()
	if err := os.MkdirAll(filepath.Dir(h.path(name)), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(h.path(name), []byte(content), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) rename(from, to string) {
	h.t.Helper()
	if err := os.Rename(h.path(from), h.path(to)); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) remove(name string) {
	h.t.Helper()
	if err := os.RemoveAll(h.path(name)); err != nil {
		h.t.Fatal(err)
	}
}

// next waits for the next batch.
func (h *harness) next() Batch {
	h.t.Helper()
	select {
	case b := <-h.batches:
		return b
	case <-time.After(10 * time.Second):
		h.t.Fatal("no batch within 10s")
		return Batch{}
	}
}

// none checks that no batch comes for a while.
func (h *harness) none() {
	h.t.Helper()
	select {
	case b := <-h.batches:
		h.t.Errorf("unexpected batch %v", b.Paths)
	case <-time.After(1500 * time.Millisecond):
	}
}

// expect waits for a batch and checks that it holds every path of want
// and none of notWant.
func (h *harness) expect(want []string, notWant ...string) Batch {
	h.t.Helper()
	b := h.next()
	for _, p := range want {
		if !slices.Contains(b.Paths, p) {
			h.t.Errorf("batch %v lacks %s", b.Paths, p)
		}
	}
	for _, p := range notWant {
		if slices.Contains(b.Paths, p) {
			h.t.Errorf("batch %v holds %s", b.Paths, p)
		}
	}
	return b
}

func TestWriteInPlace(t *testing.T) {
	h := newHarness(t, nil)
	h.write("content/a.md", "b")
	h.expect([]string{"content/a.md"})
	h.none()
}

func TestAtomicSave(t *testing.T) {
	h := newHarness(t, nil)
	h.write("content/.a.md.tmp-1234", "b") // hidden temporary file, as many editors name it
	h.rename("content/.a.md.tmp-1234", "content/a.md")
	b := h.expect([]string{"content/a.md"})
	if len(b.Paths) != 1 {
		t.Errorf("batch = %v, want only content/a.md", b.Paths)
	}
}

// TestVimSave replays vim's default save: it checks that it may create
// files with a test file "4913", renames the original to a backup, writes
// a new file under the original name and deletes the backup.
func TestVimSave(t *testing.T) {
	h := newHarness(t, nil)
	h.write("content/4913", "")
	h.remove("content/4913")
	h.rename("content/a.md", "content/a.md~")
	h.write("content/a.md", "b")
	h.remove("content/a.md~")
	b := h.expect([]string{"content/a.md"}, "content/a.md~")
	if len(b.Paths) > 2 {
		t.Errorf("batch = %v, want content/a.md and perhaps content/4913", b.Paths)
	}
	h.none()
}

func TestNewFoldersAreWatched(t *testing.T) {
	h := newHarness(t, nil)
	// A new organization: folders two deep made at once, with files in them
	// before the watcher can have seen the folders.
	h.write("content/b/2024/_index.ja.md", "b")
	h.write("data/plans/b/2024.toml", "b")
	h.expect([]string{"content/b", "data/plans"})
	h.write("content/b/2024/_index.en.md", "b")
	h.expect([]string{"content/b/2024/_index.en.md"})
	h.write("data/plans/b/2025.toml", "b")
	h.expect([]string{"data/plans/b/2025.toml"})
}

func TestMissingFolderAppears(t *testing.T) {
	h := newHarness(t, nil)
	h.write("layouts/home.html", "x")
	h.expect([]string{"layouts"})
	h.write("layouts/home.html", "y")
	h.expect([]string{"layouts/home.html"})
	// Folders at the root that are not watched are not reported.
	h.write("public/index.html", "x")
	h.none()
}

func TestDeletedAndRecreatedFolder(t *testing.T) {
	h := newHarness(t, nil)
	h.write("content/b/2024/_index.ja.md", "b")
	h.next()
	h.remove("content/b")
	h.expect([]string{"content/b"})
	h.write("content/b/2024/_index.ja.md", "c")
	h.expect([]string{"content/b"})
	h.write("content/b/2024/_index.ja.md", "d")
	h.expect([]string{"content/b/2024/_index.ja.md"})
}

func TestRenamedFolder(t *testing.T) {
	h := newHarness(t, nil)
	h.write("content/b/2024/_index.ja.md", "b")
	h.next()
	h.rename("content/b", "content/c")
	h.expect([]string{"content/b", "content/c"})
	h.write("content/c/2024/_index.ja.md", "c")
	h.expect([]string{"content/c/2024/_index.ja.md"}, "content/b/2024/_index.ja.md")
}

// TestBurstIsOneBatch writes 300 files across 30 folders, as a checkout of
// another branch does, and expects them in one batch.
func TestBurstIsOneBatch(t *testing.T) {
	h := newHarness(t, nil)
	for i := range 300 {
		h.write(fmt.Sprintf("data/plans/org-%02d/%d.toml", i%30, 2000+i/30), "x")
	}
	b := h.next()
	files := 0
	for _, p := range b.Paths {
		if strings.HasSuffix(p, ".toml") || strings.HasPrefix(p, "data/plans/org-") {
			files++
		}
	}
	if files < 30 {
		t.Errorf("batch holds %d of the changed paths: %v", files, b.Paths)
	}
	h.none()
}

func TestIgnored(t *testing.T) {
	h := newHarness(t, func(p string) bool { return p == "content/out" || strings.HasPrefix(p, "content/out/") })
	h.write("content/out/index.html", "x")
	h.write("content/.a.md.swp", "x")
	h.write("content/.git/HEAD", "x")
	if err := os.Chmod(h.path("content/a.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.none()
	h.write("content/a.md", "b")
	h.expect([]string{"content/a.md"}, "content/out/index.html", "content/.a.md.swp")
}

func TestIgnoredNames(t *testing.T) {
	tests := map[string]bool{
		"content/a.md":             false,
		"content/.a.md.swp":        true,
		"content/.#a.md":           true,
		"content/#a.md#":           true,
		"content/a.md~":            true,
		"data/.git/objects/ab":     true,
		"data/plans/org/2024.toml": false,
	}
	for p, want := range tests {
		if got := Ignored(p); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", p, got, want)
		}
	}
}
