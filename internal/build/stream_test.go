package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/export"
	"github.com/plansite/plansite/internal/sitetest"
	"github.com/plansite/plansite/internal/synth"
)

// TestRenderFailureLeavesDestination breaks a layout so that rendering
// fails after other files were made and staged: the destination must be
// exactly as before, with nothing staged left behind.
func TestRenderFailureLeavesDestination(t *testing.T) {
	t.Parallel()
	src, dest := copySite(t), t.TempDir()
	buildInto(t, src, dest, false)
	before := sitetest.Snapshot(t, dest)
	// Every page changes (the site title), and plan pages fail to render.
	sitetest.WriteInto(t, src, "-- data/site.toml --\ntitle = \"新しい題\"\n-- layouts/plan.html --\n{{define \"main\"}}{{index .Site.Orgs 99}}{{end}}\n")
	if _, err := Run(context.Background(), Options{Source: src, Destination: dest}); err == nil || !strings.Contains(err.Error(), "rendering failed") {
		t.Fatalf("want a rendering failure, got %v", err)
	}
	after := sitetest.Snapshot(t, dest)
	if len(after) != len(before) {
		t.Errorf("files: %d before, %d after", len(before), len(after))
	}
	for name, b := range before {
		if after[name] != b {
			t.Errorf("%s changed after a failed build", name)
		}
	}
	entries, _ := os.ReadDir(dest)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), stagingPrefix) {
			t.Errorf("%s left behind", e.Name())
		}
	}

	// Into a folder that did not exist: it does not exist afterwards.
	fresh := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: src, Destination: fresh}); err == nil {
		t.Fatal("the broken build succeeded")
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("a failed first build left %s: %v", fresh, err)
	}
}

// TestRebuildMakesOnlyWhatChanged builds, edits one organization's plan,
// and builds again in a new Builder, as a second plansite build does: only
// that organization's outputs and the site-wide ones that list it are
// made, and a file changed in the destination by hand is made again.
func TestRebuildMakesOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	src, dest := sitetest.Write(t, incrementalSite), t.TempDir()
	if _, err := Run(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Source: src, Destination: dest})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rendered != 0 || res.Written != 0 || res.Unchanged != res.Files || res.Pages["ja"] != 11 {
		t.Errorf("unchanged rebuild: %+v", res)
	}
	writeFile(t, src, "data/orgs/b.toml", "name = \"法人B（新）\"\nlegal_type = \"corporation\"\n")
	os.WriteFile(filepath.Join(dest, "ja/glossary/index.html"), []byte("edited by hand"), 0o644)
	res, err = Run(context.Background(), Options{Source: src, Destination: dest})
	if err != nil {
		t.Fatal(err)
	}
	// b's organization and plan pages and the home page in both
	// languages, b's plan.json, the open-data index, and the glossary page
	// edited by hand; and the search index, which names b (some of its
	// files come out as they were).
	if n := searchIndexFiles(sitetest.Snapshot(t, dest)); res.Rendered != 9+n || res.Written < 10 || res.Written > 9+n {
		t.Errorf("rendered %d, wrote %d; want %d and 10 to %[3]d", res.Rendered, res.Written, 9+n)
	}
	// Organization a's group, taken whole from the manifest, still counts.
	if res.Pages["ja"] != 11 || res.Pages["en"] != 11 {
		t.Errorf("pages after the edit: %v, want 11 in each language", res.Pages)
	}
	fresh := t.TempDir()
	if _, err := Run(context.Background(), Options{Source: src, Destination: fresh}); err != nil {
		t.Fatal(err)
	}
	got, want := sitetest.Snapshot(t, dest), sitetest.Snapshot(t, fresh)
	delete(got, manifestName)
	delete(want, manifestName)
	if len(got) != len(want) {
		t.Errorf("destination has %d files, a fresh build %d", len(got), len(want))
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s differs from a fresh build's", name)
		}
	}
}

// TestOpenDataIndexWithoutDigests: the open-data index lists each file's
// SHA-256, taken from the build's entries; files whose entries lack it
// (a manifest that does not record it) are made again to take it, and
// the index comes out as a fresh build's.
func TestOpenDataIndexWithoutDigests(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := synth.Write(src, synth.Options{Orgs: 3, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	if _, err := Run(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(dest, manifestName)
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	blanked := 0
	for _, line := range strings.Split(string(data), "\n") {
		if fields := strings.Split(line, "\t"); len(fields) == 5 && isOpenData(fields[0]) {
			fields[4] = ""
			line = strings.Join(fields, "\t")
			blanked++
		}
		lines = append(lines, line)
	}
	if blanked == 0 {
		t.Fatal("no open-data file in the manifest")
	}
	if err := os.WriteFile(manifest, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	// An edit of one organization: the index is made again, the other
	// organizations' files are not.
	org := filepath.Join(src, "data/orgs/org-00001.toml")
	b, err := os.ReadFile(org)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(org, append(b, "\n# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	fresh := t.TempDir()
	if _, err := Run(context.Background(), Options{Source: src, Destination: fresh}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dest, export.IndexPath))
	want, _ := os.ReadFile(filepath.Join(fresh, export.IndexPath))
	if len(want) == 0 || !bytes.Equal(got, want) {
		t.Errorf("index.json after entries without digests differs from a fresh build's:\n%s\nwant\n%s", got, want)
	}
}
