package build

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/sitetest"
)

const incrementalSite = `
-- data/site.toml --
title = { ja = "計画ポータル", en = "Plans Portal" }
-- data/glossary.toml --
[[terms]]
ja = "社会福祉協議会"
en = "social welfare council"
-- data/orgs/a.toml --
name = { ja = "法人A", en = "Org A" }
legal_type = "council"
-- data/orgs/b.toml --
name = { ja = "法人B", en = "Org B" }
legal_type = "corporation"
-- data/plans/a/2023.toml --
fiscal_year = 2023
title = { ja = "事業計画", en = "Business Plan" }
-- data/plans/a/2024.toml --
fiscal_year = 2024
title = { ja = "事業計画", en = "Business Plan" }
[[divisions]]
id = "somu"
name = { ja = "総務課", en = "General Affairs" }
intro = "総務課の紹介"
[[divisions.schedule]]
name = { ja = "理事会", en = "Board meeting" }
months = [5, 11]
-- data/plans/b/2024.toml --
fiscal_year = 2024
title = { ja = "事業計画", en = "Business Plan" }
-- content/a/2024/_index.ja.md --
基本方針の本文。
-- content/a/_index.ja.md --
法人Aの紹介。
-- content/about.ja.md --
+++
title = "このサイトについて"
+++
説明。
`

// An edit is one step of an editing session: it changes files under the
// site folder and returns the paths to tell the builder of.
type edit struct {
	name   string
	change func(t *testing.T, dir string) []string
	// rendered is how many outputs the build must render; -1 when the
	// build must fail.
	rendered int
	// index is set when the edit changes what the search index is made
	// from, so that all its files are made again.
	index bool
	// changed, when set, must be among the files the build reports as
	// changed; unchanged must not be.
	changed, unchanged []string
}

func writeFile(t testing.TB, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func edits(name, content string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		writeFile(t, dir, name, content)
		return []string{name}
	}
}

func removal(paths ...string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		for _, p := range paths {
			if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
				t.Fatal(err)
			}
		}
		return paths
	}
}

// TestIncrementalMatchesFullBuild runs an editing session through one
// Builder and checks after every step that its output is byte for byte
// what a fresh build of the same folder gives, and that it rendered only
// what the edit can affect. The site has 21 pages: the root, and per
// language the home page, two organizations, three plans, the glossary,
// one content page, and the calendars of organization a and its plan of
// 2024; 8 calendar files, iCalendar and CSV of each calendar; 6 open
// data files: plan.json of each plan, the index and two schemas; and the
// 404 page. Built without a full address, it has no sitemap or feeds
// (furniture_test.go follows those through edits).
func TestIncrementalMatchesFullBuild(t *testing.T) {
	dir := sitetest.Write(t, incrementalSite)
	b, err := NewBuilder(Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := 38 + searchIndexFiles(b.Output()); res.Rendered != want || len(res.Changed) != res.Files {
		t.Fatalf("first build rendered %d outputs and changed %d of %d files, want %d and all", res.Rendered, len(res.Changed), res.Files, want)
	}
	steps := []edit{
		{name: "nothing changed", change: func(*testing.T, string) []string { return []string{"data", "content"} }, rendered: 0},
		{
			name:      "a plan's value",
			index:     true,
			change:    edits("data/plans/a/2024.toml", "fiscal_year = 2024\ntitle = { ja = \"令和6年度事業計画\", en = \"Business Plan\" }\n[[divisions]]\nid = \"somu\"\nname = \"総務課\"\nintro = \"総務課の紹介\"\n[[divisions.schedule]]\nname = \"理事会\"\nmonths = [5, 11]\n"),
			rendered:  23, // the organization's page, its two plans' pages, its two calendar pages and the home page, in both languages, its 8 calendar files, its 2 plan.json and the open-data index
			changed:   []string{"ja/a/2024/index.html", "ja/index.html"},
			unchanged: []string{"ja/b/2024/index.html", "ja/glossary/index.html", "index.html"},
		},
		{
			name:      "a plan's prose",
			index:     true,
			change:    edits("content/a/2024/_index.ja.md", "新しい基本方針。\n"),
			rendered:  11, // as for the value, but not the calendars, which show no prose
			changed:   []string{"ja/a/2024/index.html", "en/a/2024/index.html"},
			unchanged: []string{"ja/a/2023/index.html", "ja/b/index.html"},
		},
		{name: "a content page", index: true, change: edits("content/about.ja.md", "+++\ntitle = \"このサイトについて\"\n+++\n新しい説明。\n"), rendered: 2, changed: []string{"ja/about/index.html"}},
		{name: "the glossary", index: true, change: edits("data/glossary.toml", "[[terms]]\nja = \"地域福祉\"\nen = \"community welfare\"\n"), rendered: 4 /* the glossary and the home page, which links it */, changed: []string{"ja/glossary/index.html", "en/glossary/index.html"}},
		{name: "site settings", index: true, change: edits("data/site.toml", "title = { ja = \"事業計画ポータル\", en = \"Plans Portal\" }\n"), rendered: 38 /* and the search pages */},
		{name: "save without change", change: edits("data/site.toml", "title = { ja = \"事業計画ポータル\", en = \"Plans Portal\" }\n"), rendered: 0},
		{
			name:     "the site's own home layout",
			change:   edits("layouts/home.html", `{{define "main"}}<h1>{{.L.Text .Site.Config.Title}}</h1><ul>{{range .Site.Orgs}}<li>{{$.L.Text .Name}}</li>{{end}}</ul>{{end}}`),
			rendered: 2,
			changed:  []string{"ja/index.html", "en/index.html"},
		},
		{
			name:     "a partial of the plan pages",
			change:   edits("layouts/partials/opendata.html", `{{define "opendata"}}<p>データ</p>{{end}}`),
			rendered: 6, // every plan page, and nothing else
			changed:  []string{"ja/a/2024/index.html", "en/b/2024/index.html"},
		},
		{
			name:     "a plan layout that lists every organization",
			change:   edits("layouts/plan.html", `{{define "main"}}<h1>{{.L.Text .Title}}</h1><nav>{{range .Site.Orgs}}<a href="{{$.L.URL .ID}}">{{$.L.Text .Name}}</a>{{end}}</nav>{{end}}`),
			rendered: 6, // every plan page
		},
		{
			name:     "another organization's name, shown on every plan page by that layout",
			index:    true,
			change:   edits("data/orgs/b.toml", "name = { ja = \"法人B（新）\", en = \"Org B\" }\nlegal_type = \"corporation\"\n"),
			rendered: 12, // b's 2 pages, a's 4 plan pages, the home page, b's plan.json, the open-data index
			changed:  []string{"ja/a/2024/index.html"},
		},
		{name: "the site's layouts removed", change: removal("layouts"), rendered: 8},
		{name: "stylesheet", change: edits("assets/css/main.css", "body { color: #111 }\n"), rendered: 24 /* every page, the 404 and search pages included, and no calendar file */},
		{name: "favicon, not fingerprinted", change: edits("assets/favicon.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`), rendered: 0, changed: []string{"favicon.svg"}, unchanged: []string{"ja/index.html"}},
		{
			name: "a new organization folder with a plan",
			change: func(t *testing.T, dir string) []string {
				writeFile(t, dir, "data/orgs/c.toml", "name = \"法人C\"\nlegal_type = \"council\"\n")
				writeFile(t, dir, "data/plans/c/2025.toml", "fiscal_year = 2025\ntitle = \"事業計画\"\n")
				return []string{"data/orgs/c.toml", "data/plans/c"}
			},
			index:    true,
			rendered: 8, // c's organization and plan pages, the home page, c's plan.json, the open-data index
			changed:  []string{"ja/c/2025/index.html", "en/c/index.html"},
		},
		{name: "the organization deleted", index: true, change: removal("data/orgs/c.toml", "data/plans/c"), rendered: 3 /* the home page and the open-data index */, changed: []string{"ja/c/2025/index.html", "en/c/index.html"}},
		{name: "a broken plan", change: edits("data/plans/b/2024.toml", "fiscal_year = 2024\ntitle = \n"), rendered: -1},
		{name: "fixed as it was", change: edits("data/plans/b/2024.toml", "fiscal_year = 2024\ntitle = { ja = \"事業計画\", en = \"Business Plan\" }\n"), rendered: 0},
		{
			name:     "a schedule for a plan that had none",
			index:    true,
			change:   edits("data/plans/b/2024.toml", "fiscal_year = 2024\ntitle = { ja = \"事業計画\", en = \"Business Plan\" }\n[[divisions]]\nid = \"somu\"\nname = \"総務課\"\n[[divisions.schedule]]\nname = \"理事会\"\nmonths = [6]\n"),
			rendered: 20, // b's 2 pages, its 4 new calendar pages and their 8 files, the home page, b's plan.json and the open-data index
			changed:  []string{"ja/b/calendar/index.html", "en/b/2024/calendar/index.html"},
		},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			before := b.Output()
			b.Forget(step.change(t, dir)...)
			res, err := b.Build(context.Background())
			if step.rendered < 0 {
				if _, ok := err.(*diag.Errors); !ok {
					t.Fatalf("build error = %v, want a list of problems", err)
				}
				if !sameOutput(b.Output(), before) {
					t.Error("a failed build changed the last good output")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			fresh, freshRes, err := Render(context.Background(), Options{Source: dir})
			if err != nil {
				t.Fatal(err)
			}
			if !sameOutput(b.Output(), fresh) {
				t.Errorf("incremental output differs from a full build: %s", outputDiff(b.Output(), fresh))
			}
			if !maps.Equal(res.Pages, freshRes.Pages) {
				t.Errorf("pages = %v, a full build's %v", res.Pages, freshRes.Pages)
			}
			want := step.rendered
			if step.index {
				want += searchIndexFiles(b.Output())
			}
			if res.Rendered != want {
				t.Errorf("rendered %d outputs, want %d", res.Rendered, want)
			}
			for _, name := range step.changed {
				if !slices.Contains(res.Changed, name) {
					t.Errorf("Changed = %v, missing %s", res.Changed, name)
				}
			}
			for _, name := range step.unchanged {
				if slices.Contains(res.Changed, name) {
					t.Errorf("Changed holds %s, which did not change", name)
				}
			}
			if want := changedFiles(before, b.Output()); !slices.Equal(res.Changed, want) {
				t.Errorf("Changed = %v, want %v", res.Changed, want)
			}
		})
	}
}

func sameOutput(a, b Output) bool { return outputDiff(a, b) == "" }

// outputDiff names the first file in which a and b differ, or "".
func outputDiff(a, b Output) string {
	for _, name := range changedFiles(a, b) {
		return name + ": " + firstDiff(string(a[name]), string(b[name]))
	}
	return ""
}

// TestBuilderPublishesChanges checks that a Builder with a destination
// writes only the files that changed after its first build, removes the
// ones that are gone, and leaves the destination as a fresh build would.
func TestBuilderPublishesChanges(t *testing.T) {
	dir, dest := sitetest.Write(t, incrementalSite), t.TempDir()
	b, err := NewBuilder(Options{Source: dir, Destination: dest})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := b.Output()
	writeFile(t, dir, "data/orgs/b.toml", "name = \"法人B（新）\"\nlegal_type = \"corporation\"\n")
	os.RemoveAll(filepath.Join(dir, "content/about.ja.md"))
	b.Forget("data/orgs/b.toml", "content/about.ja.md")
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	indexWritten, indexRemoved := searchIndexChanges(before, b.Output())
	if res.Written-indexWritten != 8 || res.Removed-indexRemoved != 2 {
		t.Errorf("written %d, removed %d; want 8 (b's organization and plan pages, home, b's plan.json, the open-data index) and 2 (about in both languages)", res.Written, res.Removed)
	}
	fresh := t.TempDir()
	if _, err := Run(context.Background(), Options{Source: dir, Destination: fresh}); err != nil {
		t.Fatal(err)
	}
	got, want := sitetest.Snapshot(t, dest), sitetest.Snapshot(t, fresh)
	if len(got) != len(want) {
		t.Errorf("destination has %d files, a fresh build %d", len(got), len(want))
	}
	for name, w := range want {
		if name == manifestName {
			continue // a fresh build's records when each file was written
		}
		if got[name] != w {
			t.Errorf("%s differs from a fresh build's", name)
		}
	}
	if strings.Contains(got[manifestName], "about") {
		t.Error("the manifest still lists the removed page")
	}
}

// TestBuildWithPreview edits the plan layout, which every plan page uses,
// with one plan page open: that page must be shown first, made anew, while
// the others are still as they were; then the build completes.
func TestBuildWithPreview(t *testing.T) {
	dir := sitetest.Write(t, incrementalSite)
	b, err := NewBuilder(Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "layouts/plan.html", `{{define "main"}}<h1>{{.L.Text .Title}}</h1><p>新しいレイアウト</p>{{end}}`)
	b.Forget("layouts/plan.html")
	open := "ja/a/2024/index.html"
	var previews []Output
	res, err := b.BuildWithPreview(context.Background(), Preview{Files: []string{open, "ja/about/index.html"}, Show: func(s *Snapshot) { previews = append(previews, s.Map()) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(previews) != 1 {
		t.Fatalf("%d previews, want 1", len(previews))
	}
	p := previews[0]
	if !strings.Contains(string(p[open]), "新しいレイアウト") {
		t.Error("the open page is not made anew in the preview")
	}
	if strings.Contains(string(p["ja/a/2023/index.html"]), "新しいレイアウト") || p["ja/a/2023/index.html"] == nil {
		t.Error("a page not open should be as in the last build in the preview")
	}
	for _, page := range []string{open, "ja/a/2023/index.html", "en/b/2024/index.html"} {
		if !strings.Contains(string(b.Output()[page]), "新しいレイアウト") {
			t.Errorf("%s is not made anew by the end of the build", page)
		}
	}
	if res.Rendered != 6 {
		t.Errorf("rendered %d outputs, want the 6 plan pages", res.Rendered)
	}

	// Nothing is previewed when the open pages are all there is to make.
	writeFile(t, dir, "layouts/page.html", `{{define "main"}}<h1>{{.L.Text .Title}}</h1>{{end}}`)
	b.Forget("layouts/page.html")
	previews = nil
	if _, err := b.BuildWithPreview(context.Background(), Preview{Files: []string{"ja/about/index.html", "en/about/index.html"}, Show: func(s *Snapshot) { previews = append(previews, s.Map()) }}); err != nil {
		t.Fatal(err)
	}
	if previews != nil {
		t.Error("a preview was shown although nothing else was left to make")
	}
}

// searchIndexFiles counts the files of the search index in out, which are
// all made again when any organization, content page or the glossary
// changes.
func searchIndexFiles[M ~map[string]V, V any](out M) int {
	n := 0
	for name := range out {
		if strings.HasPrefix(name, searchIndexDir) {
			n++
		}
	}
	return n
}

// searchIndexChanges counts the files of the search index that differ
// from prev in next or are new, and those of prev that are gone.
func searchIndexChanges(prev, next Output) (written, removed int) {
	for _, name := range changedFiles(prev, next) {
		if !strings.HasPrefix(name, searchIndexDir) {
			continue
		}
		if _, ok := next[name]; ok {
			written++
		} else {
			removed++
		}
	}
	return written, removed
}
