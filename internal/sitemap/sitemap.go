// Package sitemap writes sitemaps in the sitemaps.org protocol 0.9, each
// address with its language versions as xhtml:link alternates, split into
// several files under a sitemap index when one file would exceed the
// protocol's limits; and the robots.txt line that points to them. It
// returns bytes and writes no files.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Namespaces of the sitemap protocol and of the xhtml:link alternates.
const (
	Namespace      = "http://www.sitemaps.org/schemas/sitemap/0.9"
	XHTMLNamespace = "http://www.w3.org/1999/xhtml"
)

// Name is the file robots.txt points to: the sitemap itself, or the
// sitemap index when there are several.
const Name = "sitemap.xml"

// A URL is one page's address with its versions in other languages.
type URL struct {
	Loc string
	// Alternates are the page's language versions, itself included, as
	// search engines ask: ja, en and x-default.
	Alternates []Alternate
}

// An Alternate is one language version of a page.
type Alternate struct {
	Hreflang, Href string
}

// Limits bound one sitemap file. The zero value means the protocol's:
// 50,000 addresses and 50 MB (52,428,800 bytes) uncompressed.
type Limits struct {
	URLs  int
	Bytes int
}

func (l Limits) orDefault() Limits {
	if l.URLs <= 0 {
		l.URLs = 50000
	}
	if l.Bytes <= 0 {
		l.Bytes = 50 << 20
	}
	return l
}

// A File is one file to publish, by slash path under the site root.
type File struct {
	Path string
	Data []byte
}

const (
	header = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<urlset xmlns="` + Namespace + `" xmlns:xhtml="` + XHTMLNamespace + `">` + "\n"
	footer      = "</urlset>\n"
	indexHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<sitemapindex xmlns="` + Namespace + `">` + "\n"
	indexFooter = "</sitemapindex>\n"
)

// Files returns the sitemap of urls, in their order: Name alone when it
// fits within lim, otherwise Name as an index of sitemap-1.xml,
// sitemap-2.xml … . base is the site's full address with a trailing
// slash, where the files will be; the index gives their full addresses.
// An address too large for a file on its own gets a file of its own.
func Files(base string, urls []URL, lim Limits) []File {
	lim = lim.orDefault()
	room := lim.Bytes - len(header) - len(footer)
	var parts [][]byte
	var cur []byte // the part being written, from its header
	n := 0
	var entry bytes.Buffer
	for i, u := range urls {
		entry.Reset()
		writeURL(&entry, u)
		if n > 0 && (n == lim.URLs || len(cur)-len(header)+entry.Len() > room) {
			parts = append(parts, append(cur, footer...))
			cur, n = nil, 0
		}
		if cur == nil {
			// Room for the rest of the addresses if they are the size of
			// this one, up to a full part: one allocation, no copying.
			size := min(entry.Len()*min(len(urls)-i, lim.URLs), room) + len(header) + len(footer)
			cur = append(make([]byte, 0, size), header...)
		}
		cur = append(cur, entry.Bytes()...)
		n++
	}
	if n > 0 || len(parts) == 0 {
		if cur == nil {
			cur = []byte(header)
		}
		parts = append(parts, append(cur, footer...))
	}
	if len(parts) == 1 {
		return []File{{Path: Name, Data: parts[0]}}
	}
	var index bytes.Buffer
	index.WriteString(indexHeader)
	files := []File{{Path: Name}}
	for i, p := range parts {
		name := PartName(i + 1)
		files = append(files, File{Path: name, Data: p})
		index.WriteString("<sitemap><loc>")
		escape(&index, base+name)
		index.WriteString("</loc></sitemap>\n")
	}
	index.WriteString(indexFooter)
	files[0].Data = index.Bytes()
	return files
}

func writeURL(b *bytes.Buffer, u URL) {
	b.WriteString("<url><loc>")
	escape(b, u.Loc)
	b.WriteString("</loc>")
	for _, a := range u.Alternates {
		b.WriteString(`<xhtml:link rel="alternate" hreflang="`)
		escape(b, a.Hreflang)
		b.WriteString(`" href="`)
		escape(b, a.Href)
		b.WriteString(`"/>`)
	}
	b.WriteString("</url>\n")
}

func escape(b *bytes.Buffer, s string) {
	if plain(s) {
		b.WriteString(s) // the usual address: nothing to escape
		return
	}
	xml.EscapeText(b, []byte(s)) // never fails on a bytes.Buffer
}

// plain reports whether s is valid UTF-8 with no byte XML escapes: no
// markup characters and no control characters.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '&', c == '<', c == '>', c == '"', c == '\'':
			return false
		}
	}
	return utf8.ValidString(s)
}

// Robots is a robots.txt that lets every crawler in and names the sitemap
// at sitemapURL. Crawlers read robots.txt only at the root of a host: a
// site in a subfolder should have its host add the Sitemap line to the
// host's own robots.txt.
func Robots(sitemapURL string) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\nDisallow:\n\nSitemap: ")
	b.WriteString(sitemapURL)
	b.WriteString("\n")
	return []byte(b.String())
}

// PartName is the name of part i (from 1) of a sitemap split under an
// index: sitemap-1.xml.
func PartName(i int) string { return fmt.Sprintf("sitemap-%d.xml", i) }

// MaxParts bounds, without writing them, the parts Files makes of n
// addresses with len(Alternates) at most alternates, none longer than
// longest bytes once escaped: 0 when they surely fit in one sitemap.
func MaxParts(n, alternates, longest int, lim Limits) int {
	lim = lim.orDefault()
	entry := len("<url><loc></loc></url>\n") + longest +
		alternates*(len(`<xhtml:link rel="alternate" hreflang="x-default" href=""/>`)+longest)
	room := lim.Bytes - len(header) - len(footer)
	bytes := n * entry
	if n <= lim.URLs && bytes <= room {
		return 0
	}
	// A part is closed when full, or when the next address would not fit:
	// two parts in a row then hold more than room bytes between them.
	return (n+lim.URLs-1)/lim.URLs + 2*bytes/max(room, 1) + 1
}
