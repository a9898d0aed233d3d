package load

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/sitetest"
	"github.com/plansite/plansite/internal/synth"
)

const cacheSite = `
-- data/site.toml --
title = "サイト"
-- data/orgs/a.toml --
name = "法人A"
legal_type = "council"
-- data/orgs/b.toml --
name = "法人B"
legal_type = "council"
-- data/plans/a/2024.toml --
fiscal_year = 2024
title = "事業計画"
-- data/plans/a/2023.toml --
fiscal_year = 2023
-- data/plans/b/2024.toml --
fiscal_year = 2024
-- content/a/2024/_index.ja.md --
本文
-- content/a/_index.ja.md --
紹介
-- content/about.ja.md --
このサイトについて
-- layouts/home.html --
{{define "main"}}home{{end}}
-- assets/css/extra.css --
p { color: red }
`

// loadBoth loads dir through the cache and afresh, checks that both give
// the same site and problems, and returns the cached load's site.
func loadBoth(t *testing.T, c *Cache, dir string) *Site {
	t.Helper()
	got, gotProblems := c.Load()
	want, wantProblems := Load(dir)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the cached load differs from a fresh one:\ncached %+v\nfresh  %+v", got, want)
	}
	if g, w := join(gotProblems.Problems()), join(wantProblems.Problems()); g != w {
		t.Errorf("problems differ:\ncached %s\nfresh  %s", g, w)
	}
	return got
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCacheReparsesOnlyWhatChanged(t *testing.T) {
	dir := sitetest.Write(t, cacheSite)
	c := NewCache(dir)
	first := loadBoth(t, c, dir)
	if c.parses != 9 {
		t.Errorf("first load parsed %d files, want the 9 of data/ and content/", c.parses)
	}
	d0 := first.Digests

	steps := []struct {
		name   string
		change func() []string // edits the folder, returns the paths to forget
		parses int             // files parsed again
		// relinked is whether only the organizations edited are linked
		// again (relink), not the whole site; loadBoth checks that it
		// makes what a full link makes.
		relinked bool
		check    func(t *testing.T, before, after Digests)
	}{
		{
			name:     "nothing changed",
			change:   func() []string { return []string{"data/plans/a/2024.toml", "content"} },
			relinked: true,
			check: func(t *testing.T, before, after Digests) {
				if !reflect.DeepEqual(before, after) {
					t.Error("digests changed although no file did")
				}
			},
		},
		{
			name: "plan value edited",
			change: func() []string {
				write(t, dir, "data/plans/a/2024.toml", "fiscal_year = 2024\ntitle = \"新しい事業計画\"\n")
				return []string{"data/plans/a/2024.toml"}
			},
			parses:   1,
			relinked: true,
			check: func(t *testing.T, before, after Digests) {
				if before.Orgs["a"] == after.Orgs["a"] || before.Plans["a/2024"] == after.Plans["a/2024"] || before.AllOrgs == after.AllOrgs {
					t.Error("the plan's digests did not change")
				}
				if before.Orgs["b"] != after.Orgs["b"] || before.Plans["a/2023"] != after.Plans["a/2023"] || before.Config != after.Config || before.Home != after.Home {
					t.Error("digests of parts that did not change changed")
				}
			},
		},
		{
			name: "prose edited",
			change: func() []string {
				write(t, dir, "content/a/2024/_index.ja.md", "新しい本文\n")
				return []string{"content/a/2024/_index.ja.md"}
			},
			parses:   1,
			relinked: true,
			check: func(t *testing.T, before, after Digests) {
				if before.Plans["a/2024"] == after.Plans["a/2024"] || before.Plans["a/2023"] != after.Plans["a/2023"] {
					t.Error("only the plan of the prose should change")
				}
			},
		},
		{
			name: "organization's file edited",
			change: func() []string {
				write(t, dir, "data/orgs/a.toml", "name = \"法人A（改）\"\nlegal_type = \"council\"\n")
				return []string{"data/orgs/a.toml"}
			},
			parses:   1,
			relinked: true,
			check: func(t *testing.T, before, after Digests) {
				if before.Plans["a/2023"] == after.Plans["a/2023"] || before.Plans["a/2024"] == after.Plans["a/2024"] {
					t.Error("plans show their organization's name: their digests should change")
				}
			},
		},
		{
			name: "mistakes in two organizations' files at once",
			change: func() []string {
				write(t, dir, "data/plans/a/2023.toml", "fiscal_year = 2023\ntitle = \n")
				write(t, dir, "data/orgs/b.toml", "name = \"法人B\"\nlegal_type = \"council\"\ncolour = \"青\"\n")
				write(t, dir, "content/a/_index.ja.md", "+++\ntitle = \"紹介\"\n本文\n")
				write(t, dir, "data/plans/b/2024.toml", "fiscal_year = 2023\n") // not its file's year: the plan is dropped
				return []string{"data/plans/a/2023.toml", "data/orgs/b.toml", "content/a/_index.ja.md", "data/plans/b/2024.toml"}
			},
			parses:   4,
			relinked: true,
			check: func(t *testing.T, _, _ Digests) {
				_, problems := Load(dir)
				files := map[string]bool{}
				for _, p := range problems.Errors() {
					files[p.Pos.File] = true
				}
				if len(files) != 4 {
					t.Errorf("want an error in each of the four files, got %v", problems.Problems())
				}
			},
		},
		{
			name: "mistakes fixed",
			change: func() []string {
				write(t, dir, "data/plans/a/2023.toml", "fiscal_year = 2023\n")
				write(t, dir, "data/orgs/b.toml", "name = \"法人B\"\nlegal_type = \"council\"\n")
				write(t, dir, "content/a/_index.ja.md", "紹介\n")
				write(t, dir, "data/plans/b/2024.toml", "fiscal_year = 2024\n")
				return []string{"data/plans/a/2023.toml", "data/orgs/b.toml", "content/a/_index.ja.md", "data/plans/b/2024.toml"}
			},
			parses:   4,
			relinked: true,
		},
		{
			name: "new organization folder with a plan",
			change: func() []string {
				write(t, dir, "data/orgs/c.toml", "name = \"法人C\"\nlegal_type = \"council\"\n")
				write(t, dir, "data/plans/c/2024.toml", "fiscal_year = 2024\n")
				write(t, dir, "content/c/2024/_index.en.md", "Body\n")
				return []string{"data/orgs/c.toml", "data/plans/c", "content/c"}
			},
			parses: 3,
		},
		{
			name: "organization deleted, folders and all",
			change: func() []string {
				for _, p := range []string{"data/orgs/c.toml", "data/plans/c", "content/c"} {
					if err := os.RemoveAll(filepath.Join(dir, p)); err != nil {
						t.Fatal(err)
					}
				}
				return []string{"data/orgs/c.toml", "data/plans/c", "content/c"}
			},
		},
		{
			name: "editor's lock and backup files are not content",
			change: func() []string {
				write(t, dir, "content/.#about.ja.md", "lock")
				write(t, dir, "data/orgs/a.toml~", "backup")
				write(t, dir, "data/plans/a/.2024.toml.swp", "swap")
				return []string{"content/.#about.ja.md", "data/orgs/a.toml~", "data/plans/a/.2024.toml.swp"}
			},
			relinked: true,
		},
		{
			name: "layout edited",
			change: func() []string {
				write(t, dir, "layouts/home.html", `{{define "main"}}HOME{{end}}`)
				return []string{"layouts/home.html"}
			},
			relinked: true,
			check: func(t *testing.T, before, after Digests) {
				if before.Layouts == after.Layouts || before.Theme["layouts/home.html"] == after.Theme["layouts/home.html"] {
					t.Error("the layout's digest did not change")
				}
				if before.Theme["assets/css/extra.css"] != after.Theme["assets/css/extra.css"] || before.AllOrgs != after.AllOrgs {
					t.Error("digests of other parts changed")
				}
			},
		},
		{
			name: "asset edited",
			change: func() []string {
				write(t, dir, "assets/css/extra.css", "p { color: #222 }")
				return []string{"assets/css/extra.css"}
			},
			relinked: true,
			check: func(t *testing.T, before, after Digests) {
				if before.Theme["assets/css/extra.css"] == after.Theme["assets/css/extra.css"] {
					t.Error("the asset's digest did not change")
				}
				if before.Layouts != after.Layouts || before.AllOrgs != after.AllOrgs {
					t.Error("digests of other parts changed")
				}
			},
		},
		{
			name: "a folder replaced by a file of the same name",
			change: func() []string {
				if err := os.RemoveAll(filepath.Join(dir, "assets/css")); err != nil {
					t.Fatal(err)
				}
				write(t, dir, "assets/css", "not a folder")
				return []string{"assets/css"}
			},
		},
		{
			name: "the file replaced by a folder again",
			change: func() []string {
				if err := os.Remove(filepath.Join(dir, "assets/css")); err != nil {
					t.Fatal(err)
				}
				write(t, dir, "assets/css/extra.css", "p { color: #333 }")
				return []string{"assets/css"}
			},
		},
		{
			// The watcher reports a folder removed, not each file in it.
			name: "the folder removed",
			change: func() []string {
				if err := os.RemoveAll(filepath.Join(dir, "assets/css")); err != nil {
					t.Fatal(err)
				}
				return []string{"assets/css"}
			},
		},
	}
	before := d0
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			parses, relinks := c.parses, c.relinks
			c.Forget(step.change()...)
			after := loadBoth(t, c, dir).Digests
			if got := c.parses - parses; got != step.parses {
				t.Errorf("parsed %d files, want %d", got, step.parses)
			}
			if got := c.relinks > relinks; got != step.relinked {
				t.Errorf("relinked only the organizations edited: %v, want %v", got, step.relinked)
			}
			if step.check != nil {
				step.check(t, before, after)
			}
			before = after
		})
	}

	t.Run("forget all, nothing changed", func(t *testing.T) {
		parses := c.parses
		c.ForgetAll()
		loadBoth(t, c, dir)
		if c.parses != parses {
			t.Errorf("parsed %d files again, want none", c.parses-parses)
		}
	})
}

func TestMemFS(t *testing.T) {
	m := memFS{"layouts/home.html": []byte("h"), "layouts/partials/a.html": []byte("a"), "assets/x.css": []byte("x")}
	entries, err := m.ReadDir("layouts")
	if err != nil || len(entries) != 2 || entries[0].Name() != "home.html" || !entries[1].IsDir() {
		t.Fatalf("ReadDir(layouts) = %v, %v", entries, err)
	}
	if err := fstest.TestFS(m, "layouts/home.html", "layouts/partials/a.html", "assets/x.css"); err != nil {
		t.Error(err)
	}
	if _, err := m.Open("nothing"); err == nil {
		t.Error("opening a missing file succeeded")
	}
	if _, err := m.Open("../x"); err == nil {
		t.Error("opening an invalid path succeeded")
	}
}

// BenchmarkCacheLoadUnchanged loads a synthetic site of 1,000
// organizations again after one file was forgotten but not changed: the
// cost of a rebuild that finds nothing to do, before rendering.
func BenchmarkCacheLoadUnchanged(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Orgs: 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	c := NewCache(dir)
	c.Load()
	b.ReportAllocs()
	for b.Loop() {
		c.Forget("data/plans/org-00500/2024.toml")
		if _, problems := c.Load(); problems.HasErrors() {
			b.Fatal(problems.Err())
		}
	}
}

// TestLeanCache checks that a lean cache shows each plan whole, keeps it
// hollow, and gives an organization's plans back whole, from their
// snapshots or, once those are gone, their files, as a fresh load has
// them; and that a plan file edited since the load is then an error that
// names it.
func TestLeanCache(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Orgs: 3, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	whole, problems := Load(dir)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	c := NewCache(dir)
	var seen atomic.Int32 // see is called from many goroutines
	c.Lean(func(p *plan.Plan) {
		if len(p.Divisions) > 0 {
			seen.Add(1)
		}
	})
	site, problems := c.Load()
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	for i, o := range site.Orgs {
		full, err := c.ReadOrg(o)
		if err != nil {
			t.Fatal(err)
		}
		for k, p := range o.Plans {
			w, f := whole.Orgs[i].Plans[k], full.Plans[k]
			if len(p.Divisions) != 0 || len(p.Body.Source) != 0 || plan.HasSchedule(p) != plan.HasSchedule(w) || p.Title != w.Title || p.Body.Title != w.Body.Title {
				t.Errorf("%s %d: the hollow plan is not its whole plan's summary", o.ID, p.FiscalYear)
			}
			if !reflect.DeepEqual(f.Divisions, w.Divisions) || !reflect.DeepEqual(f.Blocks, w.Blocks) || f.Body.Source[lang.Ja] != w.Body.Source[lang.Ja] || f.Org != full {
				t.Errorf("%s %d: the plan read again differs from a fresh load's", o.ID, p.FiscalYear)
			}
		}
	}
	if n := int(seen.Load()); n != 2*len(site.Orgs) {
		t.Errorf("see was shown %d whole plans, want %d", n, 2*len(site.Orgs))
	}

	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReadOrg(site.Orgs[0]); err == nil {
		t.Error("a closed lean cache gave its prose back")
	}

	// Without snapshots, the plans are parsed again from their files, and
	// the prose is kept.
	c = NewCache(dir)
	c.Lean(func(*plan.Plan) {})
	c.Close()
	if site, problems = c.Load(); problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	again, err := c.ReadOrg(site.Orgs[0])
	if err != nil || !reflect.DeepEqual(again.Plans[0].Divisions, whole.Orgs[0].Plans[0].Divisions) || again.Plans[0].Body.Source[lang.Ja] != whole.Orgs[0].Plans[0].Body.Source[lang.Ja] {
		t.Errorf("without snapshots, the plan read again differs from a fresh load's (%v)", err)
	}
	o := site.Orgs[1]
	name := "data/plans/" + o.ID + "/" + strconv.Itoa(int(o.Plans[0].FiscalYear)) + ".toml"
	src, _ := os.ReadFile(filepath.Join(dir, name))
	write(t, dir, name, string(src)+"\n# edited\n")
	if _, err := c.ReadOrg(o); err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "build again") {
		t.Errorf("reading a plan edited since the load gave %v, want an error naming %s", err, name)
	}
}
