package sitemap

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func urls(n int) []URL {
	var us []URL
	for i := range n {
		loc := fmt.Sprintf("https://example.jp/ja/p%d/", i)
		us = append(us, URL{Loc: loc, Alternates: []Alternate{{"ja", loc}, {"en", strings.Replace(loc, "/ja/", "/en/", 1)}, {"x-default", loc}}})
	}
	return us
}

func TestMaxPartsOne(t *testing.T) {
	if n := MaxParts(12000, 3, 80, Limits{}); n != 0 {
		t.Errorf("12,000 addresses may need %d parts", n)
	}
	if n := MaxParts(60000, 3, 80, Limits{}); n < 2 {
		t.Errorf("60,000 addresses may need %d parts", n)
	}
}

func TestOneFile(t *testing.T) {
	files := Files("https://example.jp/", urls(3), Limits{})
	if len(files) != 1 || files[0].Path != Name {
		t.Fatalf("files = %v", files)
	}
	got := string(files[0].Data)
	for _, want := range []string{`<urlset xmlns="` + Namespace + `" xmlns:xhtml="` + XHTMLNamespace + `">`, `<url><loc>https://example.jp/ja/p2/</loc><xhtml:link rel="alternate" hreflang="ja" href="https://example.jp/ja/p2/"/>`} {
		if !strings.Contains(got, want) {
			t.Errorf("sitemap lacks %s:\n%s", want, got)
		}
	}
}

// TestSplit splits by count and by size: no file over either limit, every
// address once, in order, and an index naming the parts.
func TestSplit(t *testing.T) {
	all := urls(10)
	one := Files("https://example.jp/", all[:1], Limits{})[0].Data
	for _, lim := range []Limits{{URLs: 3}, {Bytes: len(one) * 2}, {URLs: 4, Bytes: len(one) * 3}, {Bytes: 10}} {
		files := Files("https://example.jp/", all, lim)
		index := string(files[0].Data)
		if !strings.Contains(index, "<sitemapindex") {
			t.Fatalf("%+v: no index: %s", lim, index)
		}
		var locs []string
		for i, f := range files[1:] {
			if f.Path != PartName(i+1) || !strings.Contains(index, "<loc>https://example.jp/"+f.Path+"</loc>") {
				t.Errorf("%+v: part %s not in the index", lim, f.Path)
			}
			n := bytes.Count(f.Data, []byte("<url>"))
			if lim.URLs > 0 && n > lim.URLs {
				t.Errorf("%+v: %s has %d addresses", lim, f.Path, n)
			}
			if lim.Bytes > 0 && len(f.Data) > lim.Bytes && n > 1 {
				t.Errorf("%+v: %s has %d bytes", lim, f.Path, len(f.Data))
			}
			for _, line := range strings.Split(string(f.Data), "\n") {
				if loc, ok := strings.CutPrefix(line, "<url><loc>"); ok {
					locs = append(locs, loc[:strings.Index(loc, "<")])
				}
			}
		}
		if bound := MaxParts(len(all), 3, len("https://example.jp/en/p9/"), lim); len(files)-1 > bound {
			t.Errorf("%+v: %d parts, more than MaxParts's %d", lim, len(files)-1, bound)
		}
		if len(locs) != len(all) {
			t.Errorf("%+v: %d addresses in the parts, want %d", lim, len(locs), len(all))
		}
		for i, l := range locs {
			if l != all[i].Loc {
				t.Errorf("%+v: address %d is %s, want %s", lim, i, l, all[i].Loc)
				break
			}
		}
	}
}

func TestEscaping(t *testing.T) {
	for loc, want := range map[string]string{
		"https://example.jp/?a=1&b=<2>": "https://example.jp/?a=1&amp;b=&lt;2&gt;",
		"https://example.jp/\x01\xff":   "https://example.jp/\uFFFD\uFFFD",
		"https://example.jp/計画/":        "https://example.jp/計画/",
	} {
		data := string(Files("https://example.jp/", []URL{{Loc: loc}}, Limits{})[0].Data)
		if !strings.Contains(data, "<loc>"+want+"</loc>") {
			t.Errorf("%q written as %s", loc, data)
		}
	}
}

// BenchmarkFiles writes the sitemap of 12,000 pages, about a
// 1,000-organization site's.
func BenchmarkFiles(b *testing.B) {
	us := urls(12000)
	b.SetBytes(int64(len(Files("https://example.jp/", us, Limits{})[0].Data)))
	b.ReportAllocs()
	for b.Loop() {
		Files("https://example.jp/", us, Limits{})
	}
}
