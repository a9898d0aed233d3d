package build

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	stdhtml "html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/atom"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/sitemap"
	"github.com/plansite/plansite/internal/sitetest"
	"github.com/plansite/plansite/internal/synth"
)

// testBase is the full address the furniture tests build with.
const testBase = "https://example.jp/keikaku/"

// The sitemap protocol's elements, decoded by namespace: an element in
// another namespace does not match.
type (
	urlset struct {
		XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []sitemapURL `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
	sitemapURL struct {
		Loc   string      `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		Links []xhtmlLink `xml:"http://www.w3.org/1999/xhtml link"`
	}
	xhtmlLink struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	sitemapIndex struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
	}
)

// Atom's elements (RFC 4287), by namespace.
type (
	atomFeed struct {
		XMLName xml.Name     `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		ID      string       `xml:"http://www.w3.org/2005/Atom id"`
		Title   string       `xml:"http://www.w3.org/2005/Atom title"`
		Updated string       `xml:"http://www.w3.org/2005/Atom updated"`
		Authors []atomAuthor `xml:"http://www.w3.org/2005/Atom author"`
		Links   []atomLink   `xml:"http://www.w3.org/2005/Atom link"`
		Entries []atomEntry  `xml:"http://www.w3.org/2005/Atom entry"`
	}
	atomEntry struct {
		ID        string       `xml:"http://www.w3.org/2005/Atom id"`
		Title     string       `xml:"http://www.w3.org/2005/Atom title"`
		Updated   string       `xml:"http://www.w3.org/2005/Atom updated"`
		Published string       `xml:"http://www.w3.org/2005/Atom published"`
		Summary   string       `xml:"http://www.w3.org/2005/Atom summary"`
		Authors   []atomAuthor `xml:"http://www.w3.org/2005/Atom author"`
		Links     []atomLink   `xml:"http://www.w3.org/2005/Atom link"`
	}
	atomAuthor struct {
		Name string `xml:"http://www.w3.org/2005/Atom name"`
	}
	atomLink struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	}
)

// decodeStrict decodes XML into v with a strict decoder, and checks that
// nothing but white space and comments follows the root element.
func decodeStrict(t *testing.T, name string, data []byte, v any) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	if err := d.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: after the root element: %v", name, err)
		}
		if cd, ok := tok.(xml.CharData); ok && len(bytes.TrimSpace(cd)) == 0 {
			continue
		}
		if _, ok := tok.(xml.Comment); !ok {
			t.Fatalf("%s: %T after the root element", name, tok)
		}
	}
}

// pageURLs lists the full address of every HTML page of out but the 404
// page, as the sitemap must list them.
func pageURLs(out Output) []string {
	var urls []string
	for name := range out {
		if !strings.HasSuffix(name, ".html") || name == "404.html" {
			continue
		}
		urls = append(urls, testBase+strings.TrimSuffix(name, "index.html"))
	}
	sort.Strings(urls)
	return urls
}

// checkSitemapURLs checks the addresses of a sitemap against the pages:
// every page once, each with its ja, en and x-default versions, full
// addresses of pages that exist.
func checkSitemapURLs(t *testing.T, out Output, urls []sitemapURL) {
	t.Helper()
	pages := pageURLs(out)
	var locs []string
	for _, u := range urls {
		locs = append(locs, u.Loc)
		var langs []string
		for _, l := range u.Links {
			langs = append(langs, l.Hreflang)
			if l.Rel != "alternate" {
				t.Errorf("%s: link rel=%q", u.Loc, l.Rel)
			}
			if _, ok := slices.BinarySearch(pages, l.Href); !ok {
				t.Errorf("%s: alternate %s %s is not a page of the site", u.Loc, l.Hreflang, l.Href)
			}
		}
		if strings.Join(langs, " ") != "ja en x-default" {
			t.Errorf("%s: alternates %v, want ja, en and x-default", u.Loc, langs)
		}
		self := u.Loc
		if self != testBase {
			if !slices.ContainsFunc(u.Links, func(l xhtmlLink) bool { return l.Href == self }) {
				t.Errorf("%s: not among its own alternates", self)
			}
		}
	}
	sort.Strings(locs)
	if !slices.Equal(locs, pages) {
		t.Errorf("sitemap lists\n%v\nwant every page\n%v", locs, pages)
	}
	for _, lang := range []string{"ja/", "en/"} {
		if !slices.ContainsFunc(locs, func(l string) bool { return strings.HasPrefix(l, testBase+lang) }) {
			t.Errorf("no page of %s in the sitemap", lang)
		}
	}
}

func TestSitemap(t *testing.T) {
	out, _, err := Render(context.Background(), Options{Source: testSite, BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	data := out[sitemap.Name]
	for _, ns := range []string{`xmlns="` + sitemap.Namespace + `"`, `xmlns:xhtml="` + sitemap.XHTMLNamespace + `"`} {
		if !bytes.Contains(data, []byte(ns)) {
			t.Errorf("sitemap.xml does not declare %s", ns)
		}
	}
	var set urlset
	decodeStrict(t, sitemap.Name, data, &set)
	checkSitemapURLs(t, out, set.URLs)
	if robots := string(out["robots.txt"]); !strings.Contains(robots, "\nSitemap: "+testBase+"sitemap.xml\n") {
		t.Errorf("robots.txt does not name the sitemap:\n%s", robots)
	}
	if _, ok := out[sitemap.PartName(1)]; ok {
		t.Error("a small site has a split sitemap")
	}
}

// TestSitemapSplit builds with a limit of 5 addresses a file: sitemap.xml
// becomes an index of parts that together list every page.
func TestSitemapSplit(t *testing.T) {
	defer func(l sitemap.Limits) { sitemapLimits = l }(sitemapLimits)
	sitemapLimits = sitemap.Limits{URLs: 5}
	out, _, err := Render(context.Background(), Options{Source: testSite, BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	var index sitemapIndex
	decodeStrict(t, sitemap.Name, out[sitemap.Name], &index)
	pages := pageURLs(out)
	if want := (len(pages) + 4) / 5; len(index.Sitemaps) != want {
		t.Fatalf("the index lists %d sitemaps, want %d for %d pages", len(index.Sitemaps), want, len(pages))
	}
	var all []sitemapURL
	for i, s := range index.Sitemaps {
		name := sitemap.PartName(i + 1)
		if s.Loc != testBase+name {
			t.Errorf("index entry %d is %s, want %s", i, s.Loc, testBase+name)
		}
		var set urlset
		decodeStrict(t, name, out[name], &set)
		if len(set.URLs) > 5 {
			t.Errorf("%s has %d addresses", name, len(set.URLs))
		}
		all = append(all, set.URLs...)
	}
	checkSitemapURLs(t, out, all)
}

func TestFeeds(t *testing.T) {
	site := sitetest.Write(t, `
-- data/site.toml --
title = { ja = "計画ポータル", en = "Plans Portal" }
publisher = { ja = "見本市", en = "Mihon City" }
-- data/orgs/a.toml --
name = { ja = "法人A", en = "Org A" }
legal_type = "council"
summary = { ja = "Aの紹介。", en = "About A." }
-- data/orgs/b.toml --
name = "法人B"
legal_type = "corporation"
-- data/plans/a/2023.toml --
fiscal_year = 2023
title = { ja = "事業計画", en = "Business Plan" }
-- data/plans/a/2024.toml --
fiscal_year = 2024
published = 2024-03-25
title = { ja = "事業計画", en = "Business Plan" }
slogan = { text = { ja = "よりそい", en = "Side by side" } }
-- data/plans/b/2024.toml --
fiscal_year = 2024
title = "事業計画"
-- content/b/2024/_index.ja.md --
基本方針の**本文**。二文目。
`)
	out, _, err := Render(context.Background(), Options{Source: site, BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		// b/2024 (1 April 2024) is newer than a/2024 (25 March 2024).
		"ja": {"ja/b/2024/", "ja/a/2024/", "ja/a/2023/"},
		"en": {"en/b/2024/", "en/a/2024/", "en/a/2023/"},
	}
	for _, lang := range []string{"ja", "en"} {
		name := lang + "/feed.xml"
		var f atomFeed
		decodeStrict(t, name, out[name], &f)
		if f.Lang != lang || f.ID != testBase+lang+"/" || f.Title == "" || len(f.Authors) != 1 || f.Authors[0].Name == "" {
			t.Errorf("%s: lang %q, id %q, title %q, authors %v", name, f.Lang, f.ID, f.Title, f.Authors)
		}
		if f.Updated != "2024-04-01T00:00:00+09:00" {
			t.Errorf("%s: updated %s, want the newest plan's date", name, f.Updated)
		}
		if !slices.Contains(f.Links, atomLink{Rel: "self", Type: "application/atom+xml", Href: testBase + name}) {
			t.Errorf("%s: no self link in %v", name, f.Links)
		}
		var got []string
		for _, e := range f.Entries {
			got = append(got, strings.TrimPrefix(e.ID, testBase))
			if e.Title == "" || len(e.Authors) != 1 || e.Authors[0].Name == "" || len(e.Links) != 1 || e.Links[0].Href != e.ID {
				t.Errorf("%s: entry %+v lacks a title, author or link", name, e)
			}
			for _, d := range []string{e.Updated, e.Published} {
				if _, err := time.Parse(time.RFC3339, d); err != nil {
					t.Errorf("%s: %s: %v", name, e.ID, err)
				}
			}
		}
		if !slices.Equal(got, want[lang]) {
			t.Errorf("%s: entries %v, want %v", name, got, want[lang])
		}
	}
	var ja atomFeed
	decodeStrict(t, "ja/feed.xml", out["ja/feed.xml"], &ja)
	for _, e := range ja.Entries {
		switch strings.TrimPrefix(e.ID, testBase) {
		case "ja/a/2024/":
			if e.Summary != "よりそい。Aの紹介。" || e.Published != "2024-03-25T00:00:00+09:00" {
				t.Errorf("a/2024: summary %q, published %s", e.Summary, e.Published)
			}
		case "ja/b/2024/":
			if e.Summary != "基本方針の本文。二文目。" {
				t.Errorf("b/2024: summary %q", e.Summary)
			}
		case "ja/a/2023/":
			if e.Published != "2023-04-01T00:00:00+09:00" {
				t.Errorf("a/2023: published %s, want 1 April of its fiscal year", e.Published)
			}
		}
	}
}

// heads returns the meta and link tags of a page's head, each as its
// attributes, read with an HTML lexer (the pages are minified: most
// attribute values are unquoted).
func heads(page string) []map[string]string {
	head, _, _ := strings.Cut(page, "</head>")
	l := html.NewLexer(parse.NewInputString(head))
	var tags []map[string]string
	var cur map[string]string
	for {
		tt, _ := l.Next()
		switch tt {
		case html.ErrorToken:
			return tags
		case html.StartTagToken:
			cur = nil
			if name := string(l.Text()); name == "meta" || name == "link" {
				cur = map[string]string{}
				tags = append(tags, cur)
			}
		case html.AttributeToken:
			if cur != nil {
				cur[string(l.AttrKey())] = stdhtml.UnescapeString(strings.Trim(string(l.AttrVal()), `"'`))
			}
		}
	}
}

// find returns the value of attribute want of the first tag whose
// attribute key is value.
func find(tags []map[string]string, key, value, want string) (string, bool) {
	for _, t := range tags {
		if t[key] == value {
			v, ok := t[want]
			return v, ok
		}
	}
	return "", false
}

// TestPageHeads checks the head of every page kind, minified as
// published: canonical link and og:url its own full address, language
// versions and the feed as full addresses, OpenGraph and Twitter meta,
// a description, the favicon.
func TestPageHeads(t *testing.T) {
	out, _, err := Render(context.Background(), Options{Source: testSite, BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, u := range pageURLs(out) {
		name := strings.TrimPrefix(u, testBase) + "index.html"
		page := string(out[name])
		kinds[regexp.MustCompile(`<body class=kind-([a-z]+)`).FindStringSubmatch(page)[1]] = true
		tags := heads(page)
		lang := "ja"
		if strings.HasPrefix(name, "en/") {
			lang = "en"
		}
		check := func(what, got string, ok bool, want string) {
			t.Helper()
			if !ok || got != want && want != "" || got == "" {
				t.Errorf("%s: %s is %q, want %q", name, what, got, want)
			}
		}
		canonical, ok := find(tags, "rel", "canonical", "href")
		check("canonical", canonical, ok, u)
		og, ok := find(tags, "property", "og:url", "content")
		check("og:url", og, ok, u)
		for _, p := range []string{"og:title", "og:description", "og:type", "og:site_name"} {
			v, ok := find(tags, "property", p, "content")
			check(p, v, ok, "")
		}
		locale, ok := find(tags, "property", "og:locale", "content")
		other, ok2 := find(tags, "property", "og:locale:alternate", "content")
		if want := map[string]string{"ja": "ja_JP", "en": "en_US"}[lang]; !ok || !ok2 || locale != want || other == want || other == "" {
			t.Errorf("%s: og:locale %q, og:locale:alternate %q", name, locale, other)
		}
		card, ok := find(tags, "name", "twitter:card", "content")
		check("twitter:card", card, ok, "summary")
		desc, ok := find(tags, "name", "description", "content")
		check("description", desc, ok, "")
		for _, hl := range []string{"ja", "en", "x-default"} {
			href, ok := find(tags, "hreflang", hl, "href")
			if !ok || !strings.HasPrefix(href, testBase) {
				t.Errorf("%s: hreflang %s is %q, want a full address", name, hl, href)
			}
		}
		feed, ok := find(tags, "type", "application/atom+xml", "href")
		check("feed link", feed, ok, testBase+lang+"/feed.xml")
		icon, ok := find(tags, "rel", "icon", "href")
		check("favicon", icon, ok, "/keikaku/favicon.svg")
	}
	for _, k := range []string{"root", "home", "org", "plan", "calendar", "glossary", "page"} {
		if !kinds[k] {
			t.Errorf("no page of kind %s was checked", k)
		}
	}
}

// TestNotFoundPage checks 404.html: at the output root, in both
// languages, kept out of search results, and every address it links
// absolute, so it works at any depth of a missing address.
func TestNotFoundPage(t *testing.T) {
	for _, base := range []string{"/", "/keikaku/", testBase} {
		out, _, err := Render(context.Background(), Options{Source: testSite, BaseURL: base})
		if err != nil {
			t.Fatal(err)
		}
		page := string(out["404.html"])
		if page == "" {
			t.Fatalf("-baseURL %s: no 404.html", base)
		}
		path := strings.TrimPrefix(base, "https://example.jp")
		for _, want := range []string{`<html lang=ja`, `lang=en`, `<meta name=robots content="noindex">`, `href=` + path + `ja/`, `href=` + path + `en/`, `href=` + path + `favicon.svg`, "ページが見つかりません", "Page not found"} {
			if !strings.Contains(page, want) {
				t.Errorf("-baseURL %s: 404.html lacks %s", base, want)
			}
		}
		for _, m := range regexp.MustCompile(`(?:href|src)=("?)([^" >]+)`).FindAllStringSubmatch(page, -1) {
			if u := m[2]; !strings.HasPrefix(u, path) && !strings.HasPrefix(u, "#") {
				t.Errorf("-baseURL %s: 404.html links %s, not absolute from %s", base, u, path)
			}
		}
		if strings.Contains(page, "canonical") {
			t.Errorf("-baseURL %s: 404.html has a canonical link", base)
		}
	}
}

// TestFurnitureWithoutAddress: with a path for -baseURL, there is no
// sitemap, robots.txt or feed, pages have no canonical link, and a build
// into a destination warns once, saying what to set; one in memory (as
// plansite serve makes) does not warn.
func TestFurnitureWithoutAddress(t *testing.T) {
	t.Parallel()
	_, res, err := Render(context.Background(), Options{Source: testSite, BaseURL: "/keikaku/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Message, "-baseURL") {
			t.Errorf("a build in memory warns: %v", w)
		}
	}
	b, err := NewBuilder(Options{Source: testSite, BaseURL: "/keikaku/", Destination: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	res, err = b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := b.Output()
	for _, name := range []string{"sitemap.xml", "robots.txt", "ja/feed.xml", "en/feed.xml"} {
		if _, ok := out[name]; ok {
			t.Errorf("%s made without the site's full address", name)
		}
	}
	for name, data := range out {
		if strings.HasSuffix(name, ".html") && (bytes.Contains(data, []byte("canonical")) || bytes.Contains(data, []byte("og:url")) || bytes.Contains(data, []byte("atom+xml"))) {
			t.Errorf("%s links a full address it cannot know", name)
		}
	}
	var n int
	for _, w := range res.Warnings {
		if strings.Contains(w.Message, "-baseURL") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d warnings about -baseURL, want 1: %v", n, res.Warnings)
	}
}

// TestFurnitureIncremental follows the sitemap and the feeds through an
// editing session of a site with a full address: each build is byte for
// byte a fresh one's, and they are made again only when what they read
// changed. The sitemap is split (3 addresses a file) so that its parts
// are followed too.
func TestFurnitureIncremental(t *testing.T) {
	defer func(l sitemap.Limits) { sitemapLimits = l }(sitemapLimits)
	sitemapLimits = sitemap.Limits{URLs: 3}
	dir := sitetest.Write(t, incrementalSite)
	opts := Options{Source: dir, BaseURL: testBase}
	b, err := NewBuilder(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	furniture := func(out Output) []string {
		var names []string
		for name := range out {
			if strings.HasPrefix(name, "sitemap") || strings.HasSuffix(name, "feed.xml") || name == "robots.txt" {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		return names
	}
	if got := furniture(b.Output()); len(got) != 3+9 {
		t.Fatalf("furniture %v: want robots.txt, two feeds, the index and 8 parts of 23 pages", got)
	}
	for _, step := range []struct {
		name   string
		change func(t *testing.T, dir string) []string
		// rendered counts every output made; changed lists the
		// furniture whose bytes changed, the sitemap's parts aside.
		rendered int
		changed  []string
	}{
		{name: "nothing", change: func(*testing.T, string) []string { return []string{"data"} }, rendered: 0},
		{name: "a plan's prose", change: edits("content/a/2024/_index.ja.md", "新しい基本方針。\n"), rendered: 13 /* 11 as without a full address, and the two feeds; not the sitemap */, changed: []string{"en/feed.xml", "ja/feed.xml"} /* en shows the Japanese */},
		{name: "a plan's publication date", change: edits("data/plans/b/2024.toml", "fiscal_year = 2024\npublished = 2024-05-01\ntitle = { ja = \"事業計画\", en = \"Business Plan\" }\n"), rendered: 22 /* b's 4 pages, the 2 home pages, 2 open-data files, 2 feeds, the sitemap and the 11 parts it may have (8 made) */, changed: []string{"en/feed.xml", "ja/feed.xml"}},
		{name: "a new content page", change: edits("content/help.ja.md", "+++\ntitle = \"使い方\"\n+++\n本文。\n"), rendered: 15 /* the page in 2 languages, the sitemap and the 12 parts it may have (9 made) */, changed: []string{"sitemap.xml"}},
		{name: "a new plan", change: edits("data/plans/b/2025.toml", "fiscal_year = 2025\ntitle = \"事業計画\"\n"), rendered: 27 /* b's 6 pages, the 2 home pages, 3 open-data files, 2 feeds, the sitemap and the 13 parts it may have (9 made: 27 addresses, so the index of parts is as it was) */, changed: []string{"en/feed.xml", "ja/feed.xml"}},
		{name: "site settings", change: edits("data/site.toml", "title = { ja = \"新ポータル\", en = \"New Portal\" }\n"), rendered: 60 /* everything, and the 4 parts the sitemap may have but does not */, changed: []string{"en/feed.xml", "ja/feed.xml"}},
	} {
		t.Run(step.name, func(t *testing.T) {
			b.Forget(step.change(t, dir)...)
			res, err := b.Build(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			fresh, _, err := Render(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			if d := outputDiff(b.Output(), fresh); d != "" {
				t.Errorf("incremental output differs from a full build: %s", d)
			}
			want := step.rendered
			if want > 0 { // every edit here changes what the search index reads
				want += searchIndexFiles(b.Output())
			}
			if res.Rendered != want {
				t.Errorf("rendered %d outputs, want %d", res.Rendered, want)
			}
			var changed []string
			for _, name := range res.Changed {
				if slices.Contains(furniture(fresh), name) && !strings.HasPrefix(name, "sitemap-") {
					changed = append(changed, name)
				}
			}
			if fmt.Sprint(changed) != fmt.Sprint(step.changed) && !(len(changed) == 0 && len(step.changed) == 0) {
				t.Errorf("changed furniture %v, want %v", changed, step.changed)
			}
		})
	}
}

// TestFurnitureReproducible: two builds give the same bytes.
func TestFurnitureReproducible(t *testing.T) {
	t.Parallel()
	a, _, err := Render(context.Background(), Options{Source: "../..", BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Render(context.Background(), Options{Source: "../..", BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	if d := outputDiff(a, b); d != "" {
		t.Errorf("two builds of the example site differ: %s", d)
	}
	for _, name := range []string{"sitemap.xml", "robots.txt", "ja/feed.xml", "en/feed.xml", "404.html"} {
		if len(a[name]) == 0 {
			t.Errorf("the example site has no %s", name)
		}
	}
}

// TestFeedsParse reads the example site's feeds with gofeed's Atom
// parser, as a feed reader would.
func TestFeedsParse(t *testing.T) {
	t.Parallel()
	out, _, err := Render(context.Background(), Options{Source: "../..", BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"ja", "en"} {
		name := l + "/feed.xml"
		f, err := (&atom.Parser{}).Parse(bytes.NewReader(out[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.ID != testBase+l+"/" || f.Title == "" || f.UpdatedParsed == nil || len(f.Authors) == 0 || len(f.Entries) != 2 {
			t.Fatalf("%s: %+v", name, f)
		}
		if f.Language != l {
			t.Errorf("%s: language %q", name, f.Language)
		}
		for _, e := range f.Entries {
			if e.ID == "" || e.Title == "" || e.UpdatedParsed == nil || e.PublishedParsed == nil || e.Summary == "" || len(e.Links) != 1 || e.Links[0].Href != e.ID {
				t.Errorf("%s: entry %+v", name, e)
			}
		}
		if !f.UpdatedParsed.Equal(*f.Entries[0].UpdatedParsed) {
			t.Errorf("%s: updated %v, not its newest entry's %v", name, f.UpdatedParsed, f.Entries[0].UpdatedParsed)
		}
	}
}

// xhtmlLinkSchema declares the one XHTML element a sitemap holds, as
// search engines document it, for xmllint to check the alternates; it is
// ours, not an official schema.
const xhtmlLinkSchema = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1999/xhtml" elementFormDefault="qualified">
<xsd:element name="link"><xsd:complexType>
<xsd:attribute name="rel" use="required"><xsd:simpleType><xsd:restriction base="xsd:string"><xsd:enumeration value="alternate"/></xsd:restriction></xsd:simpleType></xsd:attribute>
<xsd:attribute name="hreflang" type="xsd:string" use="required"/>
<xsd:attribute name="href" type="xsd:anyURI" use="required"/>
</xsd:complexType></xsd:element>
</xsd:schema>
`

// TestSitemapSchema validates the sitemaps with xmllint against the
// official schemas of sitemaps.org (sitemap.xsd and siteindex.xsd), which
// are not in this repository: set PLANSITE_SITEMAP_XSD to the folder
// holding them to run it. The sitemap is split (7 addresses a file) so
// that the index is checked too.
func TestSitemapSchema(t *testing.T) {
	xsd := os.Getenv("PLANSITE_SITEMAP_XSD")
	if xsd == "" {
		t.Skip("set PLANSITE_SITEMAP_XSD to a folder with sitemap.xsd and siteindex.xsd to validate with xmllint")
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed (Debian: libxml2-utils)")
	}
	defer func(l sitemap.Limits) { sitemapLimits = l }(sitemapLimits)
	sitemapLimits = sitemap.Limits{URLs: 7}
	out, _, err := Render(context.Background(), Options{Source: "../..", BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	abs, err := filepath.Abs(xsd)
	if err != nil {
		t.Fatal(err)
	}
	write("xhtml-link.xsd", []byte(xhtmlLinkSchema))
	urlset := write("urlset.xsd", []byte(`<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:plansite:test">
<xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="`+filepath.ToSlash(filepath.Join(abs, "sitemap.xsd"))+`"/>
<xsd:import namespace="http://www.w3.org/1999/xhtml" schemaLocation="xhtml-link.xsd"/>
</xsd:schema>
`))
	var parts []string
	for i := 1; out[sitemap.PartName(i)] != nil; i++ {
		parts = append(parts, write(sitemap.PartName(i), out[sitemap.PartName(i)]))
	}
	if len(parts) < 2 {
		t.Fatalf("the sitemap was not split: %d parts", len(parts))
	}
	index := write(sitemap.Name, out[sitemap.Name])
	for _, run := range [][]string{
		append([]string{"--noout", "--nonet", "--schema", urlset}, parts...),
		{"--noout", "--nonet", "--schema", filepath.Join(abs, "siteindex.xsd"), index},
	} {
		msg, err := exec.Command(xmllint, run...).CombinedOutput()
		if err != nil {
			t.Errorf("xmllint %s: %v\n%s", strings.Join(run, " "), err, msg)
		}
		t.Logf("%s", msg)
	}
}

// TestFeedLimit: a feed lists the feedEntries newest plans, not every plan.
func TestFeedLimit(t *testing.T) {
	t.Parallel()
	var site strings.Builder
	site.WriteString("-- data/site.toml --\ntitle = \"ポータル\"\n")
	n := feedEntries + 5
	for i := range n {
		fmt.Fprintf(&site, "-- data/orgs/o%03d.toml --\nname = \"法人%d\"\nlegal_type = \"council\"\n", i, i)
		// Publication days a day apart: o000 oldest.
		fmt.Fprintf(&site, "-- data/plans/o%03d/2024.toml --\nfiscal_year = 2024\npublished = %s\ntitle = \"事業計画\"\n", i, time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly))
	}
	out, _, err := Render(context.Background(), Options{Source: sitetest.Write(t, site.String()), BaseURL: testBase})
	if err != nil {
		t.Fatal(err)
	}
	var f atomFeed
	decodeStrict(t, "ja/feed.xml", out["ja/feed.xml"], &f)
	if len(f.Entries) != feedEntries {
		t.Fatalf("%d entries, want %d", len(f.Entries), feedEntries)
	}
	if first, last := f.Entries[0].ID, f.Entries[feedEntries-1].ID; first != fmt.Sprintf("%sja/o%03d/2024/", testBase, n-1) || last != fmt.Sprintf("%sja/o%03d/2024/", testBase, n-feedEntries) {
		t.Errorf("entries from %s to %s", first, last)
	}
}

// BenchmarkFurniture makes the sitemap and both feeds of a synthetic site
// of 1,000 organizations (-rebuild-orgs), as a build with a full address
// does after a change to any of them, and reports their sizes.
func BenchmarkFurniture(b *testing.B) {
	src := b.TempDir()
	orgs := max(*rebuildOrgs, 1000)
	if err := synth.Write(src, synth.Options{Orgs: orgs, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	bl, err := NewBuilder(Options{Source: src, BaseURL: testBase})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := bl.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	site, problems := bl.cache.Load()
	if err := problems.Err(); err != nil {
		b.Fatal(err)
	}
	var size int
	b.ReportAllocs()
	for b.Loop() {
		files := sitemap.Files(testBase, sitemapURLs(testBase, sitemapPages(site)), sitemap.Limits{})
		size = len(files[0].Data)
		for _, l := range []string{"ja", "en"} {
			size += len(feed(bl.renderer, site, testBase, lang.Lang(l), newestPlans(site)).Encode())
		}
	}
	b.ReportMetric(float64(size), "bytes")
}
