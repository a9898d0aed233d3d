package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/markdown"
	"github.com/plansite/plansite/internal/plan"
)

// What a page's head tells search engines, feed readers and the sites a
// page is shared on: its canonical address, the same page in the other
// language, a description taken from the page's own content, OpenGraph
// and Twitter card meta, and the site's Atom feeds. Addresses other sites
// read must be absolute, so the canonical link, og:url and the feed links
// are left out when the site's full address (Site.BaseURL) is not known.

// KindNotFound is the bilingual page a host shows for a missing address,
// written to 404.html at the output root. Its links are absolute from the
// base path, so it works at any depth.
const KindNotFound = "notfound"

// FeedFile is the name of each language's Atom feed in its language
// folder: ja/feed.xml, en/feed.xml.
const FeedFile = "feed.xml"

// DescriptionLength is the most characters of a page's description, per
// language: about what search results show.
var DescriptionLength = map[lang.Lang]int{lang.Ja: 120, lang.En: 160}

// metaStrings are the words of the page head and the 404 page.
var metaStrings = map[string]lang.Text{
	"feedTitle":           lang.T("新しく公開された事業計画（Atom フィード）", "Newly published plans (Atom feed)"),
	"glossaryDescription": lang.T("社会福祉の行政で使われる用語と、このサイトで使う英語の訳語の一覧です。", "The terms of Japanese welfare administration, with the English this site uses for each."),
	"calendarDescription": lang.T("%s。行事と会議の予定を、4月から翌年3月までの月ごとに示します。", "%s. Its events and meetings, month by month from April to March."),
}

// Canonical is the page's full address, or "" when the site's full
// address is not known.
func (d *pageData) Canonical() string {
	if d.Site.BaseURL == "" {
		return ""
	}
	return PageLoc(d.Site.BaseURL, d.Page)
}

// HrefIn is this page's address in language l ("ja", "en"), or for
// "x-default" the page for readers of neither language: the language
// choice at the site's root for the home pages, the Japanese page for
// the others. It is a full address when the site's is known, and a path
// from the host otherwise. The root page's own address is the site's.
func (d *pageData) HrefIn(l string) string {
	if d.Site.BaseURL != "" {
		return AbsolutePageURL(d.Site.BaseURL, l, d.Page)
	}
	if l == "x-default" {
		if d.Page.Kind == KindRoot || d.Page.Kind == KindHome {
			return d.L.Root("")
		}
		l = string(lang.Ja)
	}
	return d.URLIn(l)
}

// AbsolutePageURL is the full address under base of page p in language
// hreflang ("ja", "en"), or of the page for readers of neither
// ("x-default"): the root's language choice for the home pages and the
// root, the Japanese page for the others. The root page itself is base.
func AbsolutePageURL(base, hreflang string, p Page) string {
	if hreflang == "x-default" {
		if p.Kind == KindRoot || p.Kind == KindHome {
			return base
		}
		hreflang = string(lang.Ja)
	}
	return AbsoluteURL(base, lang.Lang(hreflang), p.Path)
}

// PageLoc is the full address under base of page p itself: base for the
// root page, which stands apart from both languages' home pages.
func PageLoc(base string, p Page) string {
	if p.Kind == KindRoot {
		return base
	}
	return AbsoluteURL(base, p.Lang, p.Path)
}

// OGLocale is the OpenGraph locale of language l: ja_JP or en_US.
func (d *pageData) OGLocale(l lang.Lang) string {
	if l == lang.En {
		return "en_US"
	}
	return "ja_JP"
}

// A feedLink is an Atom feed a page links in its head.
type feedLink struct {
	URL, Title string
	Lang       lang.Lang
}

// Feeds are the Atom feeds the page links: its language's, or both on the
// root page; none when the site's full address is not known, as then no
// feed is written.
func (d *pageData) Feeds() []feedLink {
	if d.Site.BaseURL == "" {
		return nil
	}
	langs := []lang.Lang{d.Page.Lang}
	if d.Page.Kind == KindRoot {
		langs = lang.All
	}
	var links []feedLink
	for _, l := range langs {
		links = append(links, feedLink{URL: AbsoluteURL(d.Site.BaseURL, l, FeedFile), Title: metaStrings["feedTitle"].String(l), Lang: l})
	}
	return links
}

// MetaText is a word of the page head in the page's language.
func (d *pageData) MetaText(key string) lang.Text { return metaStrings[key] }

// CalendarDescription describes a calendar page from its title.
func (d *pageData) CalendarDescription() lang.Text {
	f := metaStrings["calendarDescription"]
	name := d.Title
	return lang.T(strings.Replace(f.Ja, "%s", name.Ja, 1), strings.Replace(f.En, "%s", name.String(lang.En), 1))
}

// Describe is the page's description for meta tags, made from parts
// (lang.Text, plan.Page or string; Markdown reduced to its first
// paragraph, a page's front matter description preferred) joined as
// sentences, each said once, and trimmed to DescriptionLength. Parts without text in the
// page's language are left out; when no part has any, the Japanese of
// all is used. Without any text it is the site's description, or its
// title. The result
// is kept: a layout may ask for it twice (description and og:description).
func (d *pageData) Describe(parts ...any) string {
	if d.description != nil {
		return *d.description
	}
	s := describe(d.L.md, d.Page.Lang, parts)
	if s == "" {
		s = describe(d.L.md, d.Page.Lang, []any{d.Site.Config.Description})
	}
	if s == "" {
		s = describe(d.L.md, d.Page.Lang, []any{d.Site.Config.Title})
	}
	d.description = &s
	return s
}

// DescribeAny is Describe of the first of parts that has text in the
// page's language (or, when none has, in Japanese): for parts that say
// the same thing in other words, such as an organization's summary and
// its introduction.
func (d *pageData) DescribeAny(parts ...any) string {
	if d.description != nil {
		return *d.description
	}
	for _, p := range parts {
		if s := describe(d.L.md, d.Page.Lang, []any{p}); s != "" {
			d.description = &s // what Describe(p) would make, and keep
			return s
		}
	}
	return d.Describe()
}

// PlanSummary is the description of plan p's page in language l, as its
// page describes itself: the slogan, the opening of its basic policy, the
// organization's summary. The feeds use it.
func (r *Renderer) PlanSummary(l lang.Lang, p *plan.Plan) string {
	return describe(r.md, l, planDescriptionParts(p))
}

// planDescriptionParts are what a plan page's description is made of;
// layouts/plan.html names the same, so that the page's key covers them.
func planDescriptionParts(p *plan.Plan) []any {
	return []any{p.Slogan.Text, p.Body, p.Org.Summary}
}

func describe(md *markdown.Converter, l lang.Lang, parts []any) string {
	texts := func(l lang.Lang, fallback bool) []string {
		var out []string
		for _, part := range parts {
			var s string
			switch p := part.(type) {
			case string:
				s = p
			case lang.Text:
				if s = p.Ja; l == lang.En && !fallback {
					s = p.En
				}
			case plan.Page:
				pl := l
				if fallback {
					pl = lang.Ja
				}
				if s = p.Description.Ja; pl == lang.En {
					s = p.Description.En
				}
				if s == "" && md != nil {
					s = md.FirstParagraph(p.Source[pl])
				}
			}
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	ts := texts(l, false)
	sentenceLang := l
	if len(ts) == 0 && l != lang.Ja {
		ts, sentenceLang = texts(lang.Ja, true), lang.Ja
	}
	var b strings.Builder
	for _, t := range ts {
		if strings.Contains(b.String(), t) {
			continue // an introduction that opens with the summary
		}
		if b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			switch {
			case strings.ContainsRune("。．！？!?.", last) && sentenceLang == lang.Ja:
			case strings.ContainsRune("。．！？!?.", last):
				b.WriteByte(' ')
			case sentenceLang == lang.Ja:
				b.WriteString("。")
			default:
				b.WriteString(". ")
			}
		}
		b.WriteString(t)
	}
	return Trim(b.String(), DescriptionLength[l])
}

// Trim shortens s to at most max characters, counting as one character a
// letter with its combining marks, variation selectors and joined emoji,
// and never cutting inside one. White space is collapsed first. A cut
// prefers the end of a sentence (。 . ! ?), then a space, in the later
// half of the text kept; otherwise it cuts where the limit falls, and an
// ellipsis (…) ends a text cut mid-sentence, within max.
func Trim(s string, max int) string {
	s = collapseSpace(s)
	// bounds[i] is the byte offset where character i+1 starts.
	var bounds []int
	prev, flags := rune(-1), 0 // flags counts the regional indicators in a row
	for i, r := range s {
		isFlag := r >= 0x1F1E6 && r <= 0x1F1FF
		pair := isFlag && flags%2 == 1 // the second letter of a flag
		if i > 0 && !pair && !joins(prev, r) {
			bounds = append(bounds, i)
		}
		if isFlag {
			flags++
		} else {
			flags = 0
		}
		prev = r
	}
	bounds = append(bounds, len(s))
	if len(bounds) <= max || max <= 1 {
		return s
	}
	limit := max - 1 // room for the ellipsis
	sentence, space := -1, -1
	for c := limit; c > limit/2; c-- {
		end := bounds[c-1] // the text's end after c characters
		last, _ := utf8.DecodeLastRuneInString(s[:end])
		if sentence < 0 && strings.ContainsRune("。．！？!?", last) || sentence < 0 && last == '.' && (end == len(s) || s[end] == ' ') {
			sentence = end
		}
		if space < 0 && end < len(s) && s[end] == ' ' {
			space = end
		}
	}
	// A sentence end may use the ellipsis's room too.
	if end := bounds[max-1]; sentence < 0 {
		last, _ := utf8.DecodeLastRuneInString(s[:end])
		if strings.ContainsRune("。．！？!?", last) {
			sentence = end
		}
	}
	switch {
	case sentence >= 0:
		return s[:sentence]
	case space >= 0:
		return strings.TrimRight(s[:space], " 、,") + "…"
	}
	return strings.TrimRight(s[:bounds[limit-1]], " 、,") + "…"
}

// joins reports whether r belongs to the same character as prev, the rune
// before it: a combining mark, a variation selector, an emoji modifier or
// what follows a zero-width joiner.
func joins(prev, r rune) bool {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc):
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF: // variation selectors
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF: // emoji skin tones
		return true
	case r == 0x200D, prev == 0x200D: // zero-width joiner
		return true
	case r >= 0xE0020 && r <= 0xE007F: // emoji tag sequences
		return true
	case r == 0x3099 || r == 0x309A: // combining dakuten and handakuten
		return true
	}
	return false
}

// collapseSpace turns each run of ASCII white space into one space and
// trims the ends; the ideographic space (U+3000) is kept as written.
func collapseSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
	}), " ")
}

// notFoundTitle names the 404 page in both languages at once: it is one
// page for readers of either.
var notFoundTitle = lang.T("ページが見つかりません（Page not found）", "Page not found")

// PlanTitle is a plan's title with its fiscal year, as its page shows
// it: 令和6年度 事業計画 / FY2024 Business Plan.
func PlanTitle(p *plan.Plan) lang.Text { return planTitle(p) }

// FeedTitle names the Atom feed of language l.
func FeedTitle(l lang.Lang) string { return metaStrings["feedTitle"].String(l) }
