package search_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/plansite/plansite/internal/build"
	"github.com/plansite/plansite/internal/search"
)

// example is the repository's example site, built once for the tests.
var example = sync.OnceValues(func() (build.Output, error) {
	out, _, err := build.Render(context.Background(), build.Options{Source: filepath.Join("..", ".."), BaseURL: "/"})
	return out, err
})

// An acceptance case is one of the queries and what it must find
// first: the document's kind, the start of its address and a word of its
// title. testdata/acceptance.json lists them; the browser test
// (internal/browsertest) types them into the search page.
type acceptance struct {
	Lang, Query       string
	Kind, Path, Title string
}

func readAcceptance(t *testing.T) []acceptance {
	t.Helper()
	data, err := os.ReadFile("testdata/acceptance.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []acceptance
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// fetcher reads one language's index from a built site and counts what
// it reads.
func fetcher(out build.Output, l string) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		data, ok := out["search/"+l+"/"+p]
		if !ok {
			return nil, fmt.Errorf("search/%s/%s: no such file", l, p)
		}
		return data, nil
	}
}

// TestAcceptance runs the queries on the example site and checks
// the first result, logging the top five and the bytes read.
func TestAcceptance(t *testing.T) {
	out, err := example()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range readAcceptance(t) {
		t.Run(a.Lang+"/"+a.Query, func(t *testing.T) {
			s, err := search.Open(fetcher(out, a.Lang))
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Search(a.Query, search.Filter{Org: -1}, 20)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) == 0 {
				t.Fatalf("%q found nothing", a.Query)
			}
			var first search.Hit
			for i, r := range res[:min(5, len(res))] {
				h, err := s.Doc(r.Doc)
				if err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					first = h
					t.Logf("%q: %d result(s), %d bytes to the first", a.Query, len(res), s.Bytes)
				}
				t.Logf("  %d. %.1f %s %s %s", i+1, r.Score, h.Kind, h.Title, h.Path)
			}
			if first.Kind != a.Kind || !strings.HasPrefix(first.Path, a.Path) || !strings.Contains(first.Title, a.Title) {
				t.Errorf("first result is %s %q at %s, want a %s about %q at %s…", first.Kind, first.Title, first.Path, a.Kind, a.Title, a.Path)
			}
		})
	}
}

// TestAnchors checks that every document of the example site's index
// links a page that exists and an anchor on it.
func TestAnchors(t *testing.T) {
	out, err := example()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"ja", "en"} {
		s, err := search.Open(fetcher(out, l))
		if err != nil {
			t.Fatal(err)
		}
		for d := 0; ; d++ {
			h, err := s.Doc(d)
			if err != nil {
				break
			}
			page, anchor, _ := strings.Cut(h.Path, "#")
			html, ok := out[l+"/"+page+"index.html"]
			if !ok {
				t.Errorf("%s doc %d (%s %q): no page %s", l, d, h.Kind, h.Title, page)
				continue
			}
			if anchor != "" && !strings.Contains(string(html), `id="`+anchor+`"`) && !strings.Contains(string(html), `id=`+anchor+`>`) && !strings.Contains(string(html), `id=`+anchor+` `) {
				t.Errorf("%s doc %d (%s %q): no id %q on %s", l, d, h.Kind, h.Title, anchor, page)
			}
		}
	}
}

// TestDeterministic builds the example site again and compares the index
// files with the first build's, byte for byte.
func TestDeterministic(t *testing.T) {
	out, err := example()
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := build.Render(context.Background(), build.Options{Source: filepath.Join("..", ".."), BaseURL: "/"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for name, data := range out {
		if !strings.HasPrefix(name, "search/") {
			continue
		}
		n++
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	for name := range again {
		if _, ok := out[name]; !ok && strings.HasPrefix(name, "search/") {
			t.Errorf("%s is made by one build only", name)
		}
	}
	if n == 0 {
		t.Fatal("no index files")
	}
}
