package search

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// Kinds of documents, as the index and the search page name them.
const (
	KindOrg      = "org"
	KindPlan     = "plan"
	KindDivision = "division"
	KindSection  = "section"
	KindProgram  = "program"
	KindTarget   = "target"
	KindEvent    = "event"
	KindPage     = "page"
	KindTerm     = "term"
)

// A Doc is one thing a search can land on: a part of a page, with the
// address of its anchor.
type Doc struct {
	Kind  string
	Title string
	// Path is the address under the language's root, with the anchor:
	// "meyasubako/2024/#ikiiki-salon".
	Path string
	// OrgName is the name of the doc's organization, "" for none, and
	// YearLabel its fiscal year's name (令和6年度, FY2024), "" for none.
	OrgName   string
	YearLabel string
	// Context names the containers of the doc: division › section.
	Context string
	// Text is the doc's own words, as plain text.
	Text string
}

// Input is what the documents are made from.
type Input struct {
	Orgs     []*plan.Org
	Pages    map[string]*plan.Page
	Glossary plan.Glossary
	// PlanPath is a plan page's path under its language, "org/2024/".
	PlanPath func(*plan.Plan) string
	// PlanTitle is a plan's title, with its year, in language l.
	PlanTitle func(p *plan.Plan, l lang.Lang) string
	// TermAnchor is a glossary term's anchor on the glossary page.
	TermAnchor func(ja string) string
	// OrgKey, when not nil, says what an organization's documents are
	// made from (a digest of its files): an Indexer tokenizes them again
	// only when it changed. Nil makes them anew every time.
	OrgKey func(*plan.Org) string
	// DocCount, when not nil, says how many documents a plan has, for
	// plans not read in full until they are added (Indexer.Begin); nil
	// counts them (DocCount).
	DocCount func(*plan.Plan) int
}

// orgDoc is the document of organization o itself.
func orgDoc(l lang.Lang, o *plan.Org) Doc {
	var b textBuilder
	b.add(plan.LegalTypes[o.LegalType].String(l), o.Prefecture.String(l), o.City.String(l), o.Address.String(l), o.Summary.String(l))
	b.md(pageSource(o.Intro, l))
	return Doc{Kind: KindOrg, Title: o.Name.String(l), Path: o.ID + "/", OrgName: o.Name.String(l), Text: b.String()}
}

// siteDocs lists the documents of no organization: the content pages by
// name, then the glossary's terms.
func siteDocs(in Input, l lang.Lang) []Doc {
	var docs []Doc
	names := slices.Sorted(maps.Keys(in.Pages))
	for _, name := range names {
		pg := in.Pages[name]
		var b textBuilder
		b.add(pg.Description.String(l))
		b.md(pageSource(*pg, l))
		docs = append(docs, Doc{Kind: KindPage, Title: pg.Title.String(l), Path: name + "/", Text: b.String()})
	}
	for _, t := range in.Glossary.Terms {
		var b textBuilder
		title := t.Ja
		if l == lang.En && t.En != "" {
			title = t.En + " (" + t.Ja + ")"
		} else if t.En != "" {
			b.add(t.En)
		}
		b.add(t.Reading)
		b.md(t.Note.String(l))
		docs = append(docs, Doc{Kind: KindTerm, Title: title, Path: "glossary/#" + in.TermAnchor(t.Ja), Text: b.String()})
	}
	return docs
}

// pageSource is the Markdown of pg that its page shows in language l,
// falling back to the other language as the page does.
func pageSource(pg plan.Page, l lang.Lang) string {
	return pg.Markdown().String(l)
}

// planDocs lists the documents of one plan, in the order of its page: the
// plan (slogan, prose, priorities), its divisions, sections, programs,
// targets and schedule entries.
func planDocs(in Input, l lang.Lang, o *plan.Org, p *plan.Plan) []Doc {
	var docs []Doc
	base := in.PlanPath(p)
	yl := p.YearLabel(l)
	mk := func(kind, title, anchor, context, text string) Doc {
		path := base
		if anchor != "" {
			path += "#" + anchor
		}
		return Doc{Kind: kind, Title: title, Path: path, OrgName: o.Name.String(l), YearLabel: yl, Context: context, Text: text}
	}
	var b textBuilder
	b.add(p.Subtitle.String(l), p.Slogan.Text.String(l), p.Slogan.Source.String(l))
	b.md(pageSource(p.Body, l))
	for _, pr := range p.Priorities {
		b.add(pr.Title.String(l))
		b.md(pr.Body.String(l))
	}
	b.blocks(p.Blocks, l)
	docs = append(docs, mk(KindPlan, in.PlanTitle(p, l), "", "", b.String()))
	docs = targetDocs(docs, p.Blocks, l, "", mk)
	for _, d := range p.Divisions {
		var b textBuilder
		b.md(d.Intro.String(l))
		b.md(d.Policy.String(l))
		b.blocks(d.Blocks, l)
		name := d.Name.String(l)
		docs = append(docs, mk(KindDivision, name, d.ID, "", b.String()))
		for i, s := range d.Sections {
			docs = sectionDocs(docs, s, plan.SectionAnchor(d.ID, s.ID, i), name, l, mk)
		}
		docs = targetDocs(docs, d.Blocks, l, name, mk)
	}
	for _, e := range plan.Entries(p) {
		if e.Frequency != nil {
			continue // the program is its document
		}
		docs = append(docs, mk(KindEvent, e.Name.String(l), e.Anchor, plan.TrailText(l, e.Trail), plainMarkdown(e.Note.String(l))))
	}
	return docs
}

// DocCount is how many documents planDocs makes of plan p: its own, one
// per target, division, section and program, and one per schedule entry
// that is not a program's.
func DocCount(p *plan.Plan) int {
	n := 1 + len(p.Blocks.Targets)
	for _, d := range p.Divisions {
		n += 1 + len(d.Blocks.Targets)
		for _, s := range d.Sections {
			n += sectionDocCount(s)
		}
	}
	for _, e := range plan.Entries(p) {
		if e.Frequency == nil {
			n++
		}
	}
	return n
}

// sectionDocCount is how many documents sectionDocs makes of s.
func sectionDocCount(s plan.Section) int {
	n := 1 + len(s.Blocks.Targets)
	for _, pr := range s.Programs {
		n += 1 + len(pr.Blocks.Targets)
	}
	for _, sub := range s.Sections {
		n += sectionDocCount(sub)
	}
	return n
}

type makeDoc func(kind, title, anchor, context, text string) Doc

func sectionDocs(docs []Doc, s plan.Section, anchor, context string, l lang.Lang, mk makeDoc) []Doc {
	var b textBuilder
	b.md(s.Intro.String(l))
	b.blocks(s.Blocks, l)
	name := s.Name.String(l)
	docs = append(docs, mk(KindSection, name, anchor, context, b.String()))
	inner := context + " › " + name
	for _, pr := range s.Programs {
		var b textBuilder
		b.md(pr.Description.String(l))
		for _, it := range pr.Items {
			b.md(it.String(l))
		}
		b.add(pr.CommissionedBy.String(l))
		if pr.Frequency != nil {
			b.add(pr.Frequency.Label().String(l))
		}
		b.blocks(pr.Blocks, l)
		a := anchor // a program without an id is found at its section
		if pr.ID != "" {
			a = pr.ID
		}
		docs = append(docs, mk(KindProgram, pr.Name.String(l), a, inner, b.String()))
		docs = targetDocs(docs, pr.Blocks, l, inner, mk)
	}
	for i, sub := range s.Sections {
		docs = sectionDocs(docs, sub, plan.SectionAnchor(anchor, sub.ID, i), inner, l, mk)
	}
	return targetDocs(docs, s.Blocks, l, inner, mk)
}

func targetDocs(docs []Doc, bl plan.Blocks, l lang.Lang, context string, mk makeDoc) []Doc {
	for _, t := range bl.Targets {
		var b textBuilder
		b.add(strconv.FormatFloat(t.Value, 'f', -1, 64) + t.Unit.String(l))
		if t.Definition != nil {
			b.add(t.Definition.Numerator.String(l), t.Definition.Denominator.String(l))
		}
		b.add(t.Note.String(l))
		docs = append(docs, mk(KindTarget, t.Name.String(l), "target-"+t.Key, context, b.String()))
	}
	return docs
}

// textBuilder joins the words of a document.
type textBuilder struct{ strings.Builder }

func (b *textBuilder) add(texts ...string) {
	for _, t := range texts {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
}

func (b *textBuilder) md(s string) { b.add(plainMarkdown(s)) }

// blocks adds the words of the blocks shown with their container's text:
// goals, profile, lists, tables, fees, facilities and notes. Targets and
// schedule entries are documents of their own.
func (b *textBuilder) blocks(bl plan.Blocks, l lang.Lang) {
	for _, g := range bl.Goals {
		b.add(g.Title.String(l))
		for _, it := range g.Items {
			b.md(it.String(l))
		}
	}
	for _, f := range bl.Profile {
		b.add(f.Label.String(l))
		b.md(f.Value.String(l))
	}
	for _, li := range bl.Lists {
		b.add(li.Title.String(l))
		b.md(li.Intro.String(l))
		for _, it := range li.Items {
			b.md(it.String(l))
		}
	}
	for _, t := range bl.Tables {
		b.add(t.Caption.String(l))
		for _, row := range t.Rows {
			for _, c := range t.Columns {
				if cell, ok := row[c.Key]; ok {
					b.md(cell.String(l))
				}
			}
		}
	}
	for _, f := range bl.Fees {
		b.add(f.Name.String(l), f.Per.String(l))
		b.md(f.Note.String(l))
	}
	for _, f := range bl.Facilities {
		b.add(f.Name.String(l))
		b.md(f.Note.String(l))
	}
	for _, n := range bl.Notes {
		b.md(n.String(l))
	}
}

var (
	mdLink   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdMarks  = regexp.MustCompile("(?m)^[ \t]*(?:#{1,6}[ \t]+|>[ \t]*|[-*+][ \t]+|[0-9]+[.)][ \t]+)")
	mdInline = strings.NewReplacer("**", "", "__", "", "`", "", "<br>", " ")
)

// plainMarkdown is Markdown's text without its markup, on one line. Most
// of the prose it is given is plain sentences: each rewrite is skipped
// when a quick look shows it would change nothing.
func plainMarkdown(s string) string {
	if s == "" {
		return ""
	}
	if strings.IndexByte(s, '[') >= 0 {
		s = mdLink.ReplaceAllString(s, "$1")
	}
	if lineMarked(s) {
		s = mdMarks.ReplaceAllString(s, "")
	}
	if strings.ContainsAny(s, "*_`<") {
		s = mdInline.Replace(s)
	}
	if strings.ContainsAny(s, "\t\n\f\r") || strings.Contains(s, "  ") {
		// Runs of the white space a Markdown line break or indent is made
		// of become one space.
		s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
		}), " ")
	}
	return strings.TrimSpace(s)
}

// lineMarked reports whether a line of s may start with a mark mdMarks
// removes: after spaces or tabs, one of # > - * + or a digit.
func lineMarked(s string) bool {
	for line := range strings.Lines(s) {
		if t := strings.TrimLeft(line, " \t"); t != "" && strings.IndexByte("#>-*+0123456789", t[0]) >= 0 {
			return true
		}
	}
	return false
}
