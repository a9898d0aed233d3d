package search_test

import (
	"encoding/json"
	"flag"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/search"
)

// synthDir names a site to measure, such as one written by
// "go run ./cmd/plansite gen -orgs 1000 DIR".
var synthDir = flag.String("search.site", "", "measure the search index of the site in this folder (a synthetic one from plansite gen)")

// TestMeasure reports, for the example site and the site of
// -search.site, the size of each language's index, the time and memory
// its building takes, and the bytes a query reads to its first result and
// to its first ten.
//
//	go run ./cmd/plansite gen -orgs 1000 /tmp/synth
//	go test -run TestMeasure -v ./internal/search -search.site /tmp/synth
func TestMeasure(t *testing.T) {
	if testing.Short() {
		t.Skip("measures only")
	}
	sites := map[string]string{"example": "../.."}
	if *synthDir != "" {
		sites["synthetic"] = *synthDir
	} else {
		t.Log("measuring the example site only; -search.site DIR adds another")
	}
	queries := map[string][]string{
		"ja": {"サロン", "成年後見", "支援調整会議", "ハローワーク", "75%", "支援", "地域福祉", "見守り会議", "ボランティア", "相談", "見"},
		"en": {"food bank", "guardianship", "support", "welfare", "program 12", "district council"},
	}
	for name, dir := range sites {
		t.Run(name, func(t *testing.T) {
			site, problems := load.Load(dir)
			if err := problems.Err(); err != nil {
				t.Fatal(err)
			}
			in := siteInput(site)
			for _, l := range lang.All {
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				peak := sampleHeap()
				start := time.Now()
				files, err := collect(search.NewIndexer(l), in)
				took := time.Since(start)
				maxHeap := peak()
				if err != nil {
					t.Fatal(err)
				}
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				size, counts := 0, map[string]int{}
				var meta search.Meta
				for _, f := range files {
					size += len(f.Data)
					dir, _, _ := strings.Cut(f.Path, "/")
					counts[dir]++
					if f.Path == "meta.json" {
						if err := json.Unmarshal(f.Data, &meta); err != nil {
							t.Fatal(err)
						}
					}
				}
				t.Logf("%s/%s: %d docs; index %d files (%d shards s/, %d postings pages p/, %d doc chunks d/), %.1f MB; built in %s, %.0f MB allocated, heap peak %.0f MB above the site's %.0f MB",
					name, l, meta.Docs, len(files), counts["s"], counts["p"], counts["d"], float64(size)/1e6, took.Round(time.Millisecond),
					float64(after.TotalAlloc-before.TotalAlloc)/1e6, float64(maxHeap-before.HeapInuse)/1e6, float64(before.HeapInuse)/1e6)
				byPath := map[string][]byte{}
				for _, f := range files {
					byPath[f.Path] = f.Data
				}
				files = nil
				for _, q := range queries[string(l)] {
					s, err := search.Open(func(p string) ([]byte, error) { return byPath[p], nil })
					if err != nil {
						t.Fatal(err)
					}
					res, err := s.Search(q, search.Filter{Org: -1}, 20)
					if err != nil {
						t.Fatal(err)
					}
					if len(res) == 0 {
						t.Logf("  %-14q no result, %6d bytes", q, s.Bytes)
						continue
					}
					h, _ := s.Doc(res[0].Doc)
					first := s.Bytes
					for _, r := range res[:min(10, len(res))] {
						s.Doc(r.Doc)
					}
					t.Logf("  %-14q %2d results; %6d bytes to the first, %6d to ten; first: %s %s", q, len(res), first, s.Bytes, h.Kind, h.Path)
					if first > 100_000 {
						t.Errorf("%q reads %d bytes before its first result", q, first)
					}
				}
			}
		})
	}
}

// sampleHeap samples the heap in use until the returned function is
// called, which returns the highest value seen.
func sampleHeap() func() uint64 {
	stop := make(chan struct{})
	done := make(chan uint64)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				done <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { close(stop); return <-done }
}
