package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNotFoundAtDepth serves the example site as a host configured with
// ErrorDocument 404 /keikaku/404.html does: a missing address, however
// deep, answers 404 with the 404 page's bytes. The page must come out
// whole there (stylesheet and favicon found, links to both home pages
// that lead to them) and pass axe-core. TestSites checks it, with every
// other page, at its own address and with the Nu HTML Checker.
func TestNotFoundAtDepth(t *testing.T) {
	t.Parallel()
	_, dir, tools := buildExample(t, basePath)
	notFound, err := os.ReadFile(filepath.Join(dir, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	srv := ServeNotFound(t, dir, basePath, notFound)
	tab := Start(t, tools).NewTab(t)

	for _, missing := range []string{basePath + "nothing", basePath + "ja/no/such/plan/2099/", "/elsewhere/deep/page.html"} {
		t.Run(missing, func(t *testing.T) {
			problems, err := tab.Open(srv.URL+missing, View{Width: 1280, Height: 900})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				// The 404 of the missing address itself is expected; any
				// other problem (the stylesheet not found) is not.
				if !strings.HasSuffix(p, " "+srv.URL+missing) || !strings.Contains(p, "404") {
					t.Error(p)
				}
			}
			styled, err := Eval[bool](tab, `[...document.styleSheets].some(s => s.cssRules.length > 0)`)
			if err != nil {
				t.Fatal(err)
			}
			if !styled {
				t.Error("the stylesheet did not load")
			}
			links, err := Eval[[]string](tab, `[...document.querySelectorAll('main a')].map(a => a.href)`)
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{srv.URL + basePath + "ja/", srv.URL + basePath + "en/"}; strings.Join(links, " ") != strings.Join(want, " ") {
				t.Errorf("links %v, want %v", links, want)
			}
			vs, err := tab.Axe(append(WCAG, BestPractice)...)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				t.Errorf("axe: %s", v)
			}
		})
	}
}

// TestHeadsWithFullAddress checks with the Nu HTML Checker the example
// site built with a full address, as TestSites (which builds with a path,
// to serve the site here) does not: the canonical, feed and OpenGraph
// tags of its pages' heads.
func TestHeadsWithFullAddress(t *testing.T) {
	t.Parallel()
	_, dir, tools := buildExample(t, "https://example.jp"+basePath)
	page, err := os.ReadFile(filepath.Join(dir, "ja", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "og:url") {
		t.Fatal("the home page has no og:url: not built with a full address?")
	}
	errs, err := VNU(context.Background(), tools, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Error(e)
	}
}
