package build

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/synth"
	"github.com/plansite/plansite/internal/theme"
)

var buildOrgs = flag.Int("build-orgs", 100, "organizations in the synthetic site of BenchmarkBuild")

// BenchmarkBuild renders and publishes a synthetic site of 100
// organizations (-build-orgs; 200 plans, 1,206 pages) into a fresh folder.
func BenchmarkBuild(b *testing.B) {
	src := b.TempDir()
	if err := synth.Write(src, synth.Options{Orgs: *buildOrgs, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		dest := b.TempDir()
		b.StartTimer()
		if _, err := Run(context.Background(), Options{Source: src, Destination: dest}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuildUnchanged builds into a folder that already holds the
// same site, so every file compares equal and none is written.
func BenchmarkRebuildUnchanged(b *testing.B) {
	src, dest := b.TempDir(), b.TempDir()
	if err := synth.Write(src, synth.Options{Orgs: 100, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if _, err := Run(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), Options{Source: src, Destination: dest}); err != nil {
			b.Fatal(err)
		}
	}
}

var rebuildOrgs = flag.Int("rebuild-orgs", 100, "organizations in the synthetic site of BenchmarkRebuild")

// BenchmarkRebuild times a Builder's rebuild of a synthetic site of 100
// organizations (-rebuild-orgs) after one edit, as plansite serve does
// after a save, and reports how many pages each rebuild rendered.
func BenchmarkRebuild(b *testing.B) {
	src := b.TempDir()
	if err := synth.Write(src, synth.Options{Orgs: *rebuildOrgs, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	edits := []struct {
		name, file string
		old, new   string // the text replaced, alternately, by the edits
		theme      string // the theme's layout the site's file starts as, if any
	}{
		{name: "unchanged", file: "data/plans/org-00042/2024.toml"},
		{name: "data", file: "data/plans/org-00042/2024.toml", old: "よりそい つながろう", new: "ささえあい つながろう"},
		{name: "markdown", file: "content/org-00042/2024/_index.ja.md", old: "基本方針", new: "基本方針（案）"},
		{name: "layout-home", file: "layouts/home.html", old: `<ul class="org-list">`, new: `<p>改</p><ul class="org-list">`, theme: "home.html"},
	}
	for _, e := range edits {
		b.Run(e.name, func(b *testing.B) {
			if e.theme != "" {
				layout, err := fs.ReadFile(theme.Default(), "layouts/"+e.theme)
				if err != nil {
					b.Fatal(err)
				}
				writeFile(b, src, e.file, string(layout))
				defer os.Remove(filepath.Join(src, filepath.FromSlash(e.file)))
			}
			builder, err := NewBuilder(Options{Source: src})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := builder.Build(context.Background()); err != nil {
				b.Fatal(err)
			}
			name := filepath.Join(src, filepath.FromSlash(e.file))
			orig, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			defer os.WriteFile(name, orig, 0o644)
			edited := []byte(strings.Replace(string(orig), e.old, e.new, 1))
			if e.old != "" && bytes.Equal(edited, orig) {
				b.Fatalf("%s does not hold %q", e.file, e.old)
			}
			rendered := 0
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				b.StopTimer()
				content := orig
				if i%2 == 0 {
					content = edited
				}
				i++
				if err := os.WriteFile(name, content, 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				builder.Forget(e.file)
				res, err := builder.Build(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				rendered += res.Rendered
			}
			b.ReportMetric(float64(rendered)/float64(i), "pages/op")
		})
	}
}
