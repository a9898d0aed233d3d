// Package atom writes Atom feeds (RFC 4287). It returns bytes and writes
// no files; the caller gives every date, so a feed never reads the clock.
package atom

import (
	"bytes"
	"encoding/xml"
	"time"
)

// Namespace is the Atom namespace.
const Namespace = "http://www.w3.org/2005/Atom"

// A Feed is one feed: its own address (Self), the page it stands for
// (Alternate), and its entries in the order given.
type Feed struct {
	// Lang is the feed's language, as xml:lang.
	Lang      string
	ID        string
	Title     string
	Subtitle  string
	Updated   time.Time
	Author    string
	Self      string
	Alternate string
	Entries   []Entry
}

// An Entry is one item of a feed.
type Entry struct {
	ID, Title, Link, Summary, Author string
	Published, Updated               time.Time
}

// Encode returns the feed as XML. Dates are written in RFC 3339 with the
// offset they carry.
func (f Feed) Encode() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<feed xmlns="` + Namespace + `" xml:lang="`)
	esc(&b, f.Lang)
	b.WriteString("\">\n")
	elem(&b, "id", f.ID)
	elem(&b, "title", f.Title)
	if f.Subtitle != "" {
		elem(&b, "subtitle", f.Subtitle)
	}
	elem(&b, "updated", f.Updated.Format(time.RFC3339))
	author(&b, f.Author)
	link(&b, "self", "application/atom+xml", f.Self)
	link(&b, "alternate", "text/html", f.Alternate)
	for _, e := range f.Entries {
		b.WriteString("<entry>\n")
		elem(&b, "id", e.ID)
		elem(&b, "title", e.Title)
		link(&b, "alternate", "text/html", e.Link)
		elem(&b, "published", e.Published.Format(time.RFC3339))
		elem(&b, "updated", e.Updated.Format(time.RFC3339))
		author(&b, e.Author)
		if e.Summary != "" {
			elem(&b, "summary", e.Summary)
		}
		b.WriteString("</entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

func elem(b *bytes.Buffer, name, text string) {
	b.WriteString("<" + name + ">")
	esc(b, text)
	b.WriteString("</" + name + ">\n")
}

func author(b *bytes.Buffer, name string) {
	b.WriteString("<author><name>")
	esc(b, name)
	b.WriteString("</name></author>\n")
}

func link(b *bytes.Buffer, rel, typ, href string) {
	b.WriteString(`<link rel="` + rel + `" type="` + typ + `" href="`)
	esc(b, href)
	b.WriteString("\"/>\n")
}

func esc(b *bytes.Buffer, s string) {
	xml.EscapeText(b, []byte(s)) // never fails on a bytes.Buffer
}
