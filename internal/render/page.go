package render

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/plansite/plansite/internal/changes"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/markdown"
	"github.com/plansite/plansite/internal/plan"
)

// pageData is what a layout executes on.
type pageData struct {
	L    *Localizer
	Site *Site
	Page Page
	// Title is the page's title in its language (fallback unmarked).
	Title lang.Text
	// Crumbs lead from the home page to this one, the current page last.
	Crumbs []crumb
	// TOC lists the plan page's sections.
	TOC []tocEntry
	// Untranslated is set on English pages whose data or prose is partly
	// in Japanese only.
	Untranslated bool
	// Changes lists what changed since the organization's previous plan,
	// on plan pages; nil when there is no previous plan or no change.
	Changes *changes.Plan
	// description keeps what Describe returned (meta.go), and openData
	// what OpenData did, once made.
	description *string
	openData    *[]datasetLink
}

type crumb struct {
	Name lang.Text
	URL  string
}

type tocEntry struct {
	ID       string
	Name     lang.Text
	Children []tocEntry
}

// prepare derives titles, breadcrumbs and the table of contents, and
// reserves the plan's own anchors so Markdown headings do not reuse them.
func (d *pageData) prepare(ids *markdown.IDs) {
	p := d.Page
	home := crumb{Name: d.Site.Config.Title, URL: d.L.URL("")}
	switch p.Kind {
	case KindRoot, KindHome:
		d.Title = d.Site.Config.Title
	case KindOrg:
		d.Title = p.Org.Name
		d.Crumbs = []crumb{home, {Name: p.Org.Name}}
	case KindPlan:
		d.Title = planTitle(p.Plan)
		d.Crumbs = []crumb{home, {Name: p.Org.Name, URL: d.L.URL(p.Org.ID + "/")}, {Name: d.Title}}
		d.TOC = planTOC(p.Plan)
		d.Changes = changes.Since(p.Plan)
		d.TOC = append(d.TOC, changesTOC(d.Changes)...)
		if len(d.OpenData()) > 0 {
			d.TOC = append(d.TOC, tocEntry{ID: anchorOpenData, Name: uiStrings["openData"]})
		}
		if p.Lang == lang.En {
			var c lang.Coverage
			plan.EachText(p.Plan, c.Count)
			c.Count(p.Plan.Body.Markdown())
			d.Untranslated = c.Translated < c.Total
		}
		for _, id := range planIDs(p.Plan) {
			ids.Put([]byte(id))
		}
	case KindCalendar:
		d.prepareCalendar(home)
	case KindGlossary:
		d.Title = uiStrings["glossary"]
		d.Crumbs = []crumb{home, {Name: d.Title}}
	case KindPage:
		d.Title = p.Content.Title
		d.Crumbs = []crumb{home, {Name: d.Title}}
	case KindNotFound:
		d.Title = notFoundTitle
	case KindSearch:
		d.Title = uiStrings["search"]
		d.Crumbs = []crumb{home, {Name: d.Title}}
	}
}

// TermID is the anchor of a glossary term on the glossary page: "term"
// and the term's characters as hexadecimal code points (term-6210-5e74),
// which stays with the term when others are added or moved.
func TermID(ja string) string {
	var b strings.Builder
	b.WriteString("term")
	for _, r := range ja {
		b.WriteByte('-')
		b.WriteString(strconv.FormatInt(int64(r), 16))
	}
	return b.String()
}

func planTitle(p *plan.Plan) lang.Text {
	return lang.T(p.YearLabel(lang.Ja)+" "+p.Title.Ja, p.YearLabel(lang.En)+" "+p.Title.String(lang.En))
}

// BodyTitle is the heading of the plan's prose.
func (d *pageData) BodyTitle() lang.Text { return bodyTitle(d.Page.Plan.Body) }

// HasBody reports whether a content page has prose in any language.
func (d *pageData) HasBody(pg plan.Page) bool {
	return !pg.Markdown().IsZero()
}

// Anchors fixed by the plan layout.
const (
	anchorPolicy     = "policy"
	anchorPriorities = "priorities"
	anchorSlogan     = "slogan"
	anchorOpenData   = "open-data"
)

func planTOC(p *plan.Plan) []tocEntry {
	var toc []tocEntry
	if !p.Body.Markdown().IsZero() {
		toc = append(toc, tocEntry{ID: anchorPolicy, Name: bodyTitle(p.Body)})
	}
	if len(p.Priorities) > 0 {
		toc = append(toc, tocEntry{ID: anchorPriorities, Name: uiStrings["priorities"]})
	}
	for _, d := range p.Divisions {
		e := tocEntry{ID: d.ID, Name: d.Name}
		for j, s := range d.Sections {
			e.Children = append(e.Children, tocEntry{ID: SectionID(d.ID, s.ID, j), Name: s.Name})
		}
		toc = append(toc, e)
	}
	return toc
}

func bodyTitle(pg plan.Page) lang.Text {
	if pg.Title.IsZero() {
		return uiStrings["basicPolicy"]
	}
	return pg.Title
}

// planIDs lists the anchors a plan page sets from data.
func planIDs(p *plan.Plan) []string {
	ids := []string{anchorPolicy, anchorPriorities, anchorSlogan, anchorChanges, anchorOpenData}
	for _, d := range p.Divisions {
		ids = append(ids, d.ID)
	}
	return ids
}

// SectionID is the anchor of a division's section: its own id, or the
// division id and the section's position.
func SectionID(divisionID, sectionID string, i int) string {
	return plan.SectionAnchor(divisionID, sectionID, i)
}

func itoa(n int) string { return strconv.Itoa(n) }

// AlternateURL is the same page in the other language.
func (d *pageData) AlternateURL() string {
	other := &Localizer{Lang: d.Page.Lang.Other(), basePath: d.L.basePath}
	return other.URL(d.Page.Path)
}

// URLIn is this page's address in language l, for hreflang links.
func (d *pageData) URLIn(l string) string {
	loc := &Localizer{Lang: lang.Lang(l), basePath: d.L.basePath}
	return loc.URL(d.Page.Path)
}

// LatestPlan returns an organization's newest plan, or nil.
func LatestPlan(o *plan.Org) *plan.Plan {
	if len(o.Plans) == 0 {
		return nil
	}
	return o.Plans[len(o.Plans)-1]
}

// PlanURL is the path of a plan page under its language.
func PlanURL(p *plan.Plan) string { return p.OrgID + "/" + itoa(int(p.FiscalYear)) + "/" }

// StatedTotalNote explains a stated total that disagrees with the computed one.
func (d *pageData) StatedTotalNote(s plan.Staffing, r plan.StaffRow) string {
	dec := s.Decimals()
	return d.L.Tf("statedTotal", d.L.Fixed(*r.StatedTotal, dec), d.L.Fixed(r.Total(), dec))
}

// PlanURL is a plan page's address in the page's language.
func (d *pageData) PlanURL(p *plan.Plan) string { return d.L.URL(PlanURL(p)) }

// LegalType names an organization's legal type.
func (d *pageData) LegalType(o *plan.Org) lang.Text { return plan.LegalTypes[o.LegalType] }

// SectionID is the anchor of section i of division div.
func (d *pageData) SectionID(div string, s plan.Section, i int) string {
	return SectionID(div, s.ID, i)
}

// A programView is what the program partial shows of one program: the
// page (D), the program (P) at heading level Level, and whether it has
// details to list (a frequency, a commissioner, counts), blocks to show
// before its end (HasLead) and after (HasData).
type programView struct {
	D                         *pageData
	P                         *plan.Program
	Level                     int
	HasMeta, HasLead, HasData bool
}

// Programs lays out a section's programs for the program partial, their
// headings at level. A plan page has hundreds of programs: working out
// here what the partial would ask of each spares it a call per question.
func (d *pageData) Programs(programs []plan.Program, level int) []programView {
	views := make([]programView, len(programs))
	for i := range programs {
		p := &programs[i]
		views[i] = programView{D: d, P: p, Level: level,
			HasMeta: p.Frequency != nil || p.CommissionedBy.Ja != "" || p.Sites != 0 || p.Areas != 0 || p.Classes != 0,
			HasLead: p.Blocks.HasLead(), HasData: p.Blocks.HasData()}
	}
	return views
}

// An orgCard is what the home page shows of one organization: its name,
// linked; its legal type and place (Meta); and a link to its latest plan
// (Latest, "" when it has none).
type orgCard struct {
	URL        string
	Name, Meta template.HTML
	LatestURL  string
	Latest     template.HTML
}

// OrgCards lays out a card for each of orgs, for the home page's list of
// organizations. The list grows with the site: made here, each card costs
// the template a few values to print rather than a score of calls. The
// template passes the organizations itself, so that its mention of Orgs
// tells a build that the page shows every organization (see Uses).
func (d *pageData) OrgCards(orgs []*plan.Org) []orgCard {
	l := d.L
	cards := make([]orgCard, len(orgs))
	latest := template.HTMLEscapeString(l.T("latestPlan")) + ": "
	for i, o := range orgs {
		meta := l.Text(d.LegalType(o))
		if o.Prefecture.Ja != "" {
			meta += " · " + l.Text(o.Prefecture) + " " + l.Text(o.City)
		}
		c := orgCard{URL: l.URL(o.ID + "/"), Name: l.Text(o.Name), Meta: meta}
		if p := LatestPlan(o); p != nil {
			c.LatestURL = d.PlanURL(p)
			c.Latest = template.HTML(latest+template.HTMLEscapeString(l.FiscalYear(p))+" ") + l.Text(p.Title)
		}
		cards[i] = c
	}
	return cards
}
