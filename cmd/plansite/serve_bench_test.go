package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/synth"
	"github.com/plansite/plansite/internal/theme"
)

var (
	benchOrgs = flag.Int("bench-orgs", 1000, "organizations in the synthetic site of BenchmarkServeEdit")
	benchGap  = flag.Duration("bench-gap", 0, "pause of BenchmarkServeEdit between a build's end and the next edit, as a person takes between saves")
)

// builtLine is the server's report of one build.
var builtLine = regexp.MustCompile(`built in (\S+): (\d+) of \d+ files rendered, (\d+) changed`)

// BenchmarkServeEdit measures what a person editing a site sees: the time
// from saving a file to the open page being served with the change, through
// the watcher, the incremental build, the live-reload event and a reload,
// on a synthetic site of -bench-orgs organizations (1,000 by default). Run
// it with a fixed number of edits:
//
//	go test -run '^$' -bench ServeEdit -benchtime 20x -timeout 60m ./cmd/plansite
//
// Each sub-benchmark reports the median and worst latency of its edits,
// the median build time the server reported, and the pages each edit
// rendered.
func BenchmarkServeEdit(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Orgs: *benchOrgs, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	s := startServe(b, dir)
	s.patience = 10 * time.Minute // a layout edit renders every plan page
	org := fmt.Sprintf("org-%05d", *benchOrgs/2)
	planPage := "ja/" + org + "/2024/"
	// Each edit is watched on page, the plan page unless it says otherwise.
	edits := []struct {
		name, file, orig, page string
		edit                   func(orig string, n int) (content, marker string)
	}{
		{
			name: "data", file: "data/plans/" + org + "/2024.toml",
			edit: func(orig string, n int) (string, string) {
				marker := fmt.Sprintf("スローガン第%d版", n)
				return strings.Replace(orig, "よりそい つながろう あなたとわたし", marker, 1), marker
			},
		},
		{
			name: "markdown", file: "content/" + org + "/2024/_index.ja.md",
			edit: func(orig string, n int) (string, string) {
				marker := fmt.Sprintf("基本方針（第%d版）", n)
				return strings.Replace(orig, `title = "基本方針"`, `title = "`+marker+`"`, 1), marker
			},
		},
		{
			// A layout that every plan page uses: the case the goal excepts.
			name: "layout", file: "layouts/plan.html", orig: themeLayout(b, "plan.html"),
			edit: func(orig string, n int) (string, string) {
				marker := fmt.Sprintf("レイアウト第%d版", n)
				return strings.Replace(orig, `<article class="plan">`, `<article class="plan"><p>`+marker+`</p>`, 1), marker
			},
		},
		{
			// A layout that two pages use, the home pages.
			name: "layout-home", file: "layouts/home.html", orig: themeLayout(b, "home.html"), page: "ja/",
			edit: func(orig string, n int) (string, string) {
				marker := fmt.Sprintf("ホーム第%d版", n)
				return strings.Replace(orig, `<ul class="org-list">`, `<p>`+marker+`</p><ul class="org-list">`, 1), marker
			},
		},
	}
	n := 0
	for _, e := range edits {
		b.Run(e.name, func(b *testing.B) {
			s.t = b
			orig := e.orig
			if orig == "" {
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(e.file)))
				if err != nil {
					b.Fatal(err)
				}
				orig = string(data)
			}
			page := planPage
			if e.page != "" {
				page = e.page
			}
			events := s.listen(page)
			var latencies, builds []time.Duration
			rendered, changed := 0, 0
			for b.Loop() {
				n++
				content, marker := e.edit(orig, n)
				if content == orig {
					b.Fatalf("the edit of %s changed nothing", e.file)
				}
				before := s.builds()
				start := time.Now()
				s.write(e.file, content)
				s.expectEvent(events, "reload")
				s.waitPage(page, 200, marker)
				latencies = append(latencies, time.Since(start))
				s.waitFor("the build report", func() bool { return s.builds() > before })
				reports := builtLine.FindAllStringSubmatch(s.stdout.String(), -1)
				last := reports[len(reports)-1]
				d, _ := time.ParseDuration(last[1])
				builds = append(builds, d)
				r, _ := strconv.Atoi(last[2])
				c, _ := strconv.Atoi(last[3])
				rendered += r
				changed += c
				time.Sleep(*benchGap)
			}
			b.ReportMetric(ms(median(latencies)), "ms-median")
			b.ReportMetric(ms(slices.Max(latencies)), "ms-worst")
			b.ReportMetric(ms(median(builds)), "build-ms-median")
			b.ReportMetric(float64(rendered)/float64(len(latencies)), "pages/edit")
			b.ReportMetric(float64(changed)/float64(len(latencies)), "changed/edit")
		})
	}
}

// themeLayout reads one of the theme's layouts, which an edit copies into
// the site's layouts/ with a change.
func themeLayout(b *testing.B, name string) string {
	data, err := fs.ReadFile(theme.Default(), "layouts/"+name)
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
