package build

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const testSite = "testdata/site"

func buildInto(t *testing.T, source, dest string, noMinify bool) *Result {
	t.Helper()
	res, err := Run(context.Background(), Options{Source: source, Destination: dest, BaseURL: "/", NoMinify: noMinify})
	if err != nil {
		t.Fatalf("build %s: %v", source, err)
	}
	return res
}

// TestGolden builds testdata/site without minifying, so the golden files
// read as HTML, and compares every output file with testdata/golden.
// Run "go test ./internal/build -update" to rewrite them, and review the diff.
func TestGolden(t *testing.T) {
	dest := t.TempDir()
	buildInto(t, testSite, dest, true)
	got := sitetest.Snapshot(t, dest)
	delete(got, manifestName)
	golden := "testdata/golden"
	if *update {
		os.RemoveAll(golden)
		for name, content := range got {
			p := filepath.Join(golden, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := sitetest.Snapshot(t, golden)
	if len(want) == 0 {
		t.Fatal("no golden files: run go test ./internal/build -update")
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: not built", name)
			continue
		}
		if g != w {
			t.Errorf("%s differs from the golden file at %s (run with -update to accept)", name, firstDiff(w, g))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: built but has no golden file (run with -update)", name)
		}
	}
}

// firstDiff reports the line and column of the first difference.
func firstDiff(a, b string) string {
	line, col := 1, 1
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			break
		}
		if a[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return "line " + itoa(line) + ", column " + itoa(col)
}

func itoa(n int) string { return strconv.Itoa(n) }

// copySite copies testdata/site to a temporary folder tests may change.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := sitetest.Snapshot(t, testSite)
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestAllErrorsReportedTogether(t *testing.T) {
	t.Parallel()
	src := copySite(t)
	sitetest.WriteInto(t, src, `
-- data/orgs/broken.toml --
name = "社会福祉法人 壊れ会"
legal_type = "corporation
-- data/plans/mihon/2023.toml --
fiscal_year = 2023
titel = "事業計画"
-- data/plans/mihon/2025.toml --
fiscal_year = 2025
title = "事業計画"

[[divisions]]
id = "a"
name = "総務課"

[[divisions.schedule]]
name = "理事会"
months = [4, 13]
`)
	dest := t.TempDir()
	_, err := Run(context.Background(), Options{Source: src, Destination: dest})
	var list *diag.Errors
	if !errors.As(err, &list) {
		t.Fatalf("want *diag.Errors, got %v", err)
	}
	want := []struct{ file, line, text string }{
		{"data/orgs/broken.toml", "2", "legal_type"},
		{"data/plans/mihon/2023.toml", "2", `unknown key "titel": did you mean "title"?`},
		{"data/plans/mihon/2025.toml", "10", "months[1] is 13"},
	}
	if len(list.List) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(list.List), len(want), err)
	}
	for i, w := range want {
		p := list.List[i]
		if p.Pos.File != w.file || itoa(p.Pos.Line) != w.line || p.Pos.Col == 0 || !strings.Contains(p.Message, w.text) {
			t.Errorf("error %d = %s; want %s:%s containing %q", i, p.Error(), w.file, w.line, w.text)
		}
	}
	if entries, _ := os.ReadDir(dest); len(entries) != 0 {
		t.Errorf("failed build wrote %d entries into the destination", len(entries))
	}
}

func TestFailedBuildLeavesOutputUnchanged(t *testing.T) {
	t.Parallel()
	src := copySite(t)
	dest := t.TempDir()
	buildInto(t, src, dest, false)
	before := sitetest.Snapshot(t, dest)

	// Break one file and remove a plan: neither may reach the output.
	sitetest.WriteInto(t, src, "-- data/orgs/mihon.toml --\nname = [\n")
	os.Remove(filepath.Join(src, "data/plans/mihon/2024.toml"))
	if _, err := Run(context.Background(), Options{Source: src, Destination: dest}); err == nil {
		t.Fatal("build of a broken site succeeded")
	}
	after := sitetest.Snapshot(t, dest)
	if len(after) != len(before) {
		t.Fatalf("files: %d before, %d after", len(before), len(after))
	}
	for name, b := range before {
		if after[name] != b {
			t.Errorf("%s changed after a failed build", name)
		}
	}
}

func TestReproducible(t *testing.T) {
	t.Parallel()
	a, b := t.TempDir(), t.TempDir()
	buildInto(t, testSite, a, false)
	buildInto(t, testSite, b, false)
	sa, sb := sitetest.Snapshot(t, a), sitetest.Snapshot(t, b)
	delete(sa, manifestName) // it records when each file was written
	delete(sb, manifestName)
	if len(sa) == 0 || len(sa) != len(sb) {
		t.Fatalf("file counts %d and %d", len(sa), len(sb))
	}
	for name, content := range sa {
		if sb[name] != content {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
}

func TestUnchangedBuildWritesNothing(t *testing.T) {
	t.Parallel()
	dest := t.TempDir()
	first := buildInto(t, testSite, dest, false)
	if first.Written != first.Files || first.Unchanged != 0 {
		t.Fatalf("first build: %+v", first)
	}
	mtimes := modTimes(t, dest)
	time.Sleep(10 * time.Millisecond)
	second := buildInto(t, testSite, dest, false)
	if second.Written != 0 || second.Unchanged != first.Files || second.Removed != 0 {
		t.Errorf("second build: written %d, unchanged %d, removed %d; want 0, %d, 0", second.Written, second.Unchanged, second.Removed, first.Files)
	}
	for name, m := range modTimes(t, dest) {
		if !m.Equal(mtimes[name]) {
			t.Errorf("%s was rewritten", name)
		}
	}
}

// TestTouchedFilesAreComparedNotRewritten: a file whose modification
// time changed since the last build (a copy, a restore from backup) is
// read and compared; with the same bytes, it is kept as it is.
func TestTouchedFilesAreComparedNotRewritten(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public") // made by the build
	first := buildInto(t, testSite, dest, false)
	touched := time.Now().Add(-time.Hour).Truncate(time.Second)
	for name := range modTimes(t, dest) {
		if filepath.Base(name) != manifestName {
			os.Chtimes(name, touched, touched)
		}
	}
	second := buildInto(t, testSite, dest, false)
	if second.Written != 0 || second.Unchanged != first.Files {
		t.Errorf("second build: written %d, unchanged %d; want 0, %d", second.Written, second.Unchanged, first.Files)
	}
	for name, m := range modTimes(t, dest) {
		if filepath.Base(name) != manifestName && !m.Equal(touched) {
			t.Errorf("%s was rewritten", name)
		}
	}
}

// TestLoadGCPercent: lean builds load the site with the garbage
// collector's percent raised, which is the whole process's; it is put
// back when the last of the loads under way is done, and left alone when
// GOGC sets it. Not parallel: it sets GOGC, and other tests' builds would
// change the percent meanwhile.
func TestLoadGCPercent(t *testing.T) {
	gogc := func() uint64 {
		s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	t.Setenv("GOGC", "")
	before := gogc()
	first := raiseGCForLoad()
	second := raiseGCForLoad()
	if got := gogc(); got != loadGCPercent {
		t.Fatalf("GC percent %d while loading, want %d", got, loadGCPercent)
	}
	first() // the loads end in another order than they began
	if got := gogc(); got != loadGCPercent {
		t.Errorf("GC percent %d while a load is under way, want %d", got, loadGCPercent)
	}
	second()
	if got := gogc(); got != before {
		t.Errorf("GC percent %d after the loads, want %d as before them", got, before)
	}

	t.Setenv("GOGC", "100")
	putBack := raiseGCForLoad()
	if got := gogc(); got != before {
		t.Errorf("GC percent %d with GOGC set, want %d as it was", got, before)
	}
	putBack()
}

func modTimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			info, _ := d.Info()
			out[p] = info.ModTime()
		}
		return nil
	})
	return out
}

func TestRemovedPlanIsRemovedFromOutput(t *testing.T) {
	t.Parallel()
	src := copySite(t)
	dest := t.TempDir()
	buildInto(t, src, dest, false)
	planPage := filepath.Join(dest, "ja/mihon/2024/index.html")
	if _, err := os.Stat(planPage); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(src, "content/mihon/2024"))
	os.Remove(filepath.Join(src, "data/plans/mihon/2024.toml"))
	data, _ := filepath.Glob(filepath.Join(dest, "data/mihon/2024/*"))
	index := modTimes(t, filepath.Join(dest, "search"))
	res := buildInto(t, src, dest, false)
	for p := range index { // fewer documents may need fewer index files
		if _, err := os.Stat(p); err != nil {
			res.Removed--
		}
	}
	// In both languages: the plan page, its calendar page, .ics and .csv,
	// and the organization's calendar page, .ics and .csv, as the
	// organization has no schedule left; and the plan's data files.
	if want := 14 + len(data); len(data) == 0 || res.Removed != want {
		t.Errorf("removed %d files, want %d (the plan page, the plan's and the organization's calendars, in both languages, and the plan's %d data files)", res.Removed, want, len(data))
	}
	if _, err := os.Stat(planPage); !os.IsNotExist(err) {
		t.Errorf("stale plan page still there: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(planPage)); !os.IsNotExist(err) {
		t.Errorf("empty folder of the stale page left behind")
	}
}

func TestRefusesForeignDestination(t *testing.T) {
	t.Parallel()
	dest := t.TempDir()
	precious := filepath.Join(dest, "thesis.docx")
	os.WriteFile(precious, []byte("years of work"), 0o644)
	_, err := Run(context.Background(), Options{Source: testSite, Destination: dest})
	if err == nil || !strings.Contains(err.Error(), "did not write") {
		t.Fatalf("want a refusal, got %v", err)
	}
	if b, _ := os.ReadFile(precious); string(b) != "years of work" {
		t.Error("foreign file changed")
	}
	if entries, _ := os.ReadDir(dest); len(entries) != 1 {
		t.Errorf("destination has %d entries, want only the foreign file", len(entries))
	}
}

func TestSubfolderBaseURL(t *testing.T) {
	t.Parallel()
	out, _, err := Render(context.Background(), Options{Source: testSite, BaseURL: "https://example.jp/keikaku/"})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out["ja/mihon/2024/index.html"])
	for _, want := range []string{`href=/keikaku/ja/mihon/`, `href=/keikaku/en/mihon/2024/`, `/keikaku/css/main.`, `href=/keikaku/ja/glossary/`} {
		if !strings.Contains(page, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(page, `href=/ja/`) || strings.Contains(page, `href="/ja/`) {
		t.Error("a link escapes the subfolder")
	}
	if _, _, err := Render(context.Background(), Options{Source: testSite, BaseURL: "ftp://x/"}); err == nil {
		t.Error("ftp base URL accepted")
	}
}

func TestPagesOfEveryKind(t *testing.T) {
	t.Parallel()
	out, res, err := Render(context.Background(), Options{Source: testSite})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range out {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, want := range []string{"index.html", "ja/index.html", "en/index.html", "ja/mihon/index.html", "en/mihon/2024/index.html", "ja/glossary/index.html", "en/about/index.html", "ja/mihon/calendar/index.html", "en/mihon/2024/calendar/index.html", "ja/search/index.html", "search/en/meta.json"} {
		if _, ok := out[want]; !ok {
			t.Errorf("missing %s in %v", want, names)
		}
	}
	if res.Pages["ja"] != 8 || res.Pages["en"] != 8 {
		t.Errorf("pages = %v", res.Pages)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Message, "stated total 10") {
		t.Errorf("warnings = %v", res.Warnings)
	}
}
