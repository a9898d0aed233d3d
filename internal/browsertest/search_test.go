package browsertest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/plansite/plansite/internal/search"
)

// TestSearch checks the search page of the example site in a real
// browser: the page's tokenizer against the cases the Go tokenizer passes
// (internal/search/testdata/spec.json), the acceptance queries
// typed into the page (internal/search/testdata/acceptance.json), with
// the time from the last keystroke to the results shown, and axe-core on
// the page with results. TestSites checks the empty page like any other,
// with the Nu checker.
func TestSearch(t *testing.T) {
	root, dir, tools := buildExample(t, basePath)
	site := Serve(t, dir, basePath).URL + basePath
	tab := Start(t, tools).NewTab(t)

	t.Run("spec", func(t *testing.T) {
		spec, err := os.ReadFile(filepath.Join(root, "internal/search/testdata/spec.json"))
		if err != nil {
			t.Fatal(err)
		}
		open(t, tab, site+"ja/search/")
		type result struct {
			Name, Norm string
			Doc, Query []string
		}
		got, err := Eval[[]result](tab, `(function (cases) {
  var s = window.plansiteSearch;
  return cases.map(function (c) {
    var norm = s.normalize(c.input);
    return {Name: c.name, Norm: norm, Doc: s.docTokens(norm),
      Query: s.queryTokens(c.input).map(function (t) { return t.text + (t.prefix ? '*' : ''); })};
  });
})(`+string(spec)+`)`)
		if err != nil {
			t.Fatal(err)
		}
		var want []struct {
			Name  string   `json:"name"`
			Norm  string   `json:"normalized"`
			Doc   []string `json:"doc"`
			Query []string `json:"query"`
		}
		if err := json.Unmarshal(spec, &want); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%d results for %d cases", len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			if g.Norm != w.Norm || !slices.Equal(g.Doc, w.Doc) || !slices.Equal(g.Query, w.Query) {
				t.Errorf("%s: script gives %q, %q, %q; want %q, %q, %q", w.Name, g.Norm, g.Doc, g.Query, w.Norm, w.Doc, w.Query)
			}
		}
		// The shard of a token is chosen alike: FNV-1a of its UTF-8.
		shards, err := Eval[[]int](tab, `['さろ', '成年', '見', 'food', '75%'].map(function (t) { return window.plansiteSearch.shardOf(t, 1024); })`)
		if err != nil {
			t.Fatal(err)
		}
		if want := []int{search.ShardOf("さろ", 1024), search.ShardOf("成年", 1024), search.ShardOf("見", 1024), search.ShardOf("food", 1024), search.ShardOf("75%", 1024)}; !slices.Equal(shards, want) {
			t.Errorf("script shards %v, Go %v", shards, want)
		}
	})

	data, err := os.ReadFile(filepath.Join(root, "internal/search/testdata/acceptance.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Lang, Query, Kind, Path, Title string }
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	t.Run("acceptance", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.Lang+"/"+c.Query, func(t *testing.T) {
				open(t, tab, site+c.Lang+"/search/")
				cold := typeQuery(t, tab, c.Query)
				// Again, with the shards loaded: clear the field and type anew.
				if err := tab.Do(chromedp.Evaluate[chromedp.Void](`document.getElementById('search-q').value = ''`)); err != nil {
					t.Fatal(err)
				}
				warm := typeQuery(t, tab, c.Query)
				t.Logf("%q: last keystroke to results: %.1f ms with the index's first files to load, %.1f ms with them loaded (%d bytes of index read)", c.Query, cold.Millis, warm.Millis, warm.Bytes)
				first := warm
				wantHref := basePath + c.Lang + "/" + c.Path
				if !strings.HasPrefix(first.Href, wantHref) || !strings.Contains(first.Title, c.Title) {
					t.Errorf("first result %q at %s, want one about %q at %s…", first.Title, first.Href, c.Title, wantHref)
				}
				if !first.Marked {
					t.Error("the first result has no highlighted match")
				}
				if !strings.Contains(first.Status, c.Query) {
					t.Errorf("status %q does not name the query", first.Status)
				}
				vs, err := tab.Axe(append(WCAG, BestPractice)...)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range vs {
					t.Errorf("axe, with results: %s", v)
				}
				for _, p := range tab.Problems() {
					t.Error(p)
				}
			})
		}
	})

	// The filters, as a link with them in its query string sets them.
	for _, f := range []struct{ query, want string }{
		{"ja/search/?q=支援&year=2022", "/2022/"},
		{"ja/search/?q=支援&org=1", "/meyasubako/"},
		{"en/search/?q=support&org=0&year=2022", "/bungoono-shakyo/2022/"},
	} {
		t.Run("filters/"+f.query, func(t *testing.T) {
			open(t, tab, site+f.query)
			got, err := Eval[[]string](tab, `new Promise(function (resolve) {
  var box = document.getElementById('search');
  (function wait() {
    if (box.dataset.state === 'done') resolve([...document.querySelectorAll('#search-results a')].map(function (a) { return a.getAttribute('href'); }));
    else setTimeout(wait, 10);
  })();
})`)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 {
				t.Fatal("found nothing")
			}
			for _, h := range got {
				if !strings.Contains(h, f.want) {
					t.Errorf("a result outside %s: %s", f.want, h)
				}
			}
		})
	}
}

// open loads a page and fails the test on its problems.
func open(t *testing.T, tab *Tab, url string) {
	t.Helper()
	problems, err := tab.Open(url, View{Width: 1280, Height: 900})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// typed is what the page showed after a query was typed.
type typed struct {
	Millis              float64
	Href, Title, Status string
	Marked              bool
	Bytes               int
}

// typeQuery types query into the search field a character at a time, as
// a keyboard or an input method commits it, and waits for its results:
// Millis is from the last keystroke's input event to the results in the
// page.
func typeQuery(t *testing.T, tab *Tab, query string) typed {
	t.Helper()
	const watch = `(function () {
  var box = document.getElementById('search');
  var input = document.getElementById('search-q');
  window.__searchTimes = {last: 0, done: 0};
  box.dataset.state = 'idle';
  box.dataset.query = '';
  input.addEventListener('input', function () { window.__searchTimes.last = performance.now(); });
  new MutationObserver(function () {
    if (box.dataset.state === 'done' && box.dataset.query === input.value.trim()) window.__searchTimes.done = performance.now();
  }).observe(box, {attributes: true, childList: true, subtree: true});
  input.focus();
})()`
	if err := tab.Do(chromedp.Evaluate[chromedp.Void](watch)); err != nil {
		t.Fatal(err)
	}
	for _, r := range query {
		err := tab.Do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: string(r)})
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
	}
	res, err := Eval[typed](tab, `new Promise(function (resolve, reject) {
  var started = performance.now();
  (function wait() {
    var ts = window.__searchTimes;
    if (ts.done > ts.last && ts.last > 0) {
      var a = document.querySelector('#search-results li a');
      resolve({Millis: ts.done - ts.last, Href: a ? a.getAttribute('href') : '', Title: a ? a.textContent : '',
        Marked: !!document.querySelector('#search-results li mark'), Status: document.getElementById('search-status').textContent,
        Bytes: performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/search/') >= 0 && e.name.endsWith('.json'); })
          .reduce(function (n, e) { return n + e.encodedBodySize; }, 0)});
    } else if (performance.now() - started > 10000) {
      reject(new Error('no results within 10 s; status: ' + document.getElementById('search-status').textContent));
    } else {
      setTimeout(wait, 5);
    }
  })();
})`)
	if err != nil {
		t.Fatalf("%q: %v", query, err)
	}
	return res
}
