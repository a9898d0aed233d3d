package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/fiscal"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// KindCalendar is a calendar page (layout calendar.html). With Page.Plan
// set it shows that plan's schedule; with only Page.Org set it shows every
// plan of the organization, newest first. Either way it links the
// iCalendar and CSV files that package build writes beside it.
const KindCalendar = "calendar"

// calendarDir is the folder of calendar pages and files, under a plan's or
// an organization's folder.
const calendarDir = "calendar/"

// PlanCalendarURL is the path of a plan's calendar page under its
// language: meyasubako/2024/calendar/.
func PlanCalendarURL(p *plan.Plan) string { return PlanURL(p) + calendarDir }

// OrgCalendarURL is the path of an organization's calendar page under its
// language: meyasubako/calendar/.
func OrgCalendarURL(o *plan.Org) string { return o.ID + "/" + calendarDir }

// PlanCalendarFile is the path, under language l, of a plan's calendar
// file with extension ext ("ics" or "csv"): meyasubako/2024/calendar/meyasubako-2024-ja.ics.
// The language is in the name so that downloaded files keep it.
func PlanCalendarFile(p *plan.Plan, l lang.Lang, ext string) string {
	return fmt.Sprintf("%s%s-%d-%s.%s", PlanCalendarURL(p), p.OrgID, int(p.FiscalYear), l, ext)
}

// OrgCalendarFile is the path, under language l, of an organization's
// calendar file: meyasubako/calendar/meyasubako-ja.ics.
func OrgCalendarFile(o *plan.Org, l lang.Lang, ext string) string {
	return fmt.Sprintf("%s%s-%s.%s", OrgCalendarURL(o), o.ID, l, ext)
}

// CalendarName names the calendar of plan p, or of organization o when p
// is nil: めやす箱 令和6年度 年間予定 / Meyasubako: FY2024 schedule. It is
// the calendar page's title and the calendar's name in calendar apps. The
// English is empty when the organization's name has no English, so that
// pages mark the Japanese shown in its place.
func CalendarName(o *plan.Org, p *plan.Plan) lang.Text {
	ja, en := uiStrings["orgCalendarName"].Ja, uiStrings["orgCalendarName"].En
	var jaArgs, enArgs []any
	if p != nil {
		ja, en = uiStrings["planCalendarName"].Ja, uiStrings["planCalendarName"].En
		jaArgs, enArgs = []any{p.YearLabel(lang.Ja)}, []any{p.YearLabel(lang.En)}
	}
	t := lang.T(fmt.Sprintf(ja, append([]any{o.Name.Ja}, jaArgs...)...), "")
	if o.Name.En != "" {
		t.En = fmt.Sprintf(en, append([]any{o.Name.En}, enArgs...)...)
	}
	return t
}

// CalendarPlans are the plans of the page's organization that have
// schedule entries, newest first. An organization's calendar page shows
// the first and links the others' calendar pages, so that it stays one
// year long however many years are published; its files hold them all.
func (d *pageData) CalendarPlans() []*plan.Plan { return orgCalendarPlans(d.Page.Org) }

func orgCalendarPlans(o *plan.Org) []*plan.Plan {
	var out []*plan.Plan
	for i := len(o.Plans) - 1; i >= 0; i-- {
		if plan.HasSchedule(o.Plans[i]) {
			out = append(out, o.Plans[i])
		}
	}
	return out
}

// HasCalendar reports whether plan p has a calendar page.
func HasCalendar(p *plan.Plan) bool { return plan.HasSchedule(p) }

// OrgHasCalendar reports whether organization o has a calendar page: some
// plan of it has schedule entries.
func OrgHasCalendar(o *plan.Org) bool { return slices.ContainsFunc(o.Plans, HasCalendar) }

// HasCalendar reports whether plan p has a calendar page, for templates.
func (d *pageData) HasCalendar(p *plan.Plan) bool { return HasCalendar(p) }

// OrgHasCalendar reports whether o has a calendar page, for templates.
func (d *pageData) OrgHasCalendar(o *plan.Org) bool { return OrgHasCalendar(o) }

// CalendarName names a plan's calendar, or an organization's when p is nil, for templates.
func (d *pageData) CalendarName(o *plan.Org, p *plan.Plan) lang.Text { return CalendarName(o, p) }

// PlanCalendarURL is the address of a plan's calendar page in the page's language.
func (d *pageData) PlanCalendarURL(p *plan.Plan) string { return d.L.URL(PlanCalendarURL(p)) }

// OrgCalendarURL is the address of an organization's calendar page in the page's language.
func (d *pageData) OrgCalendarURL(o *plan.Org) string { return d.L.URL(OrgCalendarURL(o)) }

// A calendarFeed is what a calendar page offers to download or subscribe to.
type calendarFeed struct {
	// ICS is the iCalendar file's address, "" when no entry is dated and
	// so no file is published.
	ICS string
	// Webcal is the subscription address, "" when the site's address is
	// not known (-baseURL is only a path): webcal: needs a host.
	Webcal template.URL
	CSV    string
}

// Feed is the calendar page's files: its plan's, or its organization's.
func (d *pageData) Feed() calendarFeed {
	l := d.L.Lang
	var ics, csv string
	var entries []plan.Entry
	if p := d.Page.Plan; p != nil {
		ics, csv = PlanCalendarFile(p, l, "ics"), PlanCalendarFile(p, l, "csv")
		entries = plan.Entries(p)
	} else {
		ics, csv = OrgCalendarFile(d.Page.Org, l, "ics"), OrgCalendarFile(d.Page.Org, l, "csv")
		for _, p := range d.Page.Org.Plans {
			entries = append(entries, plan.Entries(p)...)
		}
	}
	f := calendarFeed{CSV: d.L.URL(csv)}
	if plan.AnyDated(entries) {
		f.ICS = d.L.URL(ics)
		if abs := AbsoluteURL(d.Site.BaseURL, l, ics); abs != "" {
			// Built from a base address that build checked to be http or
			// https, and from ids of a-z, 0-9 and hyphens: safe as a URL.
			f.Webcal = template.URL("webcal://" + abs[strings.Index(abs, "://")+3:])
		}
	}
	return f
}

// AbsoluteURL is the full address of path under language l, or "" when
// the site's absolute address base (Site.BaseURL) is not known.
func AbsoluteURL(base string, l lang.Lang, path string) string {
	if base == "" {
		return ""
	}
	return base + string(l) + "/" + path
}

// A gridView is a schedule laid out on the twelve months of a fiscal year:
// a table with a row per dated entry and a column per month for wide
// screens, the same entries as a list by month for narrow ones, and the
// entries without dates listed apart.
type gridView struct {
	Year    fiscal.Year
	Caption string
	// Years head the month columns: 令和6年（2024年） over April to
	// December, then 令和7年（2025年）; a year whose era changed is split.
	Years  []yearHead
	Months []monthHead
	Groups []gridGroup
	// Every lists the monthly entries once, for the list by month.
	Every []gridItem
	// ByMonth lists the other dated entries of each month.
	ByMonth []monthItems
	// Counts (年5回), AsNeeded (随時) and Outside (dates outside the
	// fiscal year) are listed apart.
	Counts, AsNeeded, Outside []gridItem
}

type yearHead struct {
	Label string
	Span  int
}

type monthHead struct {
	// Short shows in the column head (4月, Apr), Full is read out (2024年4月, April 2024).
	Short, Full string
}

// A gridGroup is the rows of one division; Name is zero for the plan's own entries.
type gridGroup struct {
	Name lang.Text
	Rows []gridRow
}

type gridRow struct {
	Item  gridItem
	Cells []gridCell
}

// A gridCell is one month of a row: Text such as 19日 for a dated entry,
// Mark for an entry held some time in the month, neither when none.
type gridCell struct {
	Text string
	Mark bool
}

// A gridItem is an entry as a row head or a list item.
type gridItem struct {
	Entry *plan.Entry // in the list the grid was made from
	// Prefix is the day or date: 19日 in a month's list, 2025年4月1日 in Outside.
	Prefix string
	// Extra is how often: 毎月, 月2回, 年5回.
	Extra string
	// Division is the entry's division, which the grid shows as a row
	// group and the list by month beside Source; zero in a block's grid.
	Division lang.Text
	// Source names where the entry sits below its division: (4) 研修計画.
	Source []lang.Text
	// URL links to the entry's place on the plan page; "" on the plan page itself.
	URL string
}

// monthItems are the entries of one month of the list by month; the
// month's name is its monthHead's Full.
type monthItems struct {
	Items []gridItem
}

// ScheduleGrid lays out one [[schedule]] block of the page's plan, as the
// plan page shows it where the block is written.
func (d *pageData) ScheduleGrid(events []plan.Event) gridView {
	p := d.Page.Plan
	caption := d.L.T("schedule") + d.L.aside(d.L.FiscalRange(p.FiscalYear))
	return d.grid(p, plan.BlockEntries(events), caption, false)
}

// PlanGrid lays out every schedule entry of plan p, grouped by division,
// each linked to its place on the plan page.
func (d *pageData) PlanGrid(p *plan.Plan) gridView {
	caption := d.L.Tf("calendarCaption", d.L.FiscalYear(p)) + d.L.aside(d.L.FiscalRange(p.FiscalYear))
	return d.grid(p, plan.Entries(p), caption, true)
}

func (d *pageData) grid(p *plan.Plan, entries []plan.Entry, caption string, merged bool) gridView {
	fy := p.FiscalYear
	l := d.L
	months := fy.Months()
	v := gridView{Year: fy, Caption: caption, Months: make([]monthHead, 0, len(months)), ByMonth: make([]monthItems, 0, len(months))}
	for _, m := range months {
		v.Months = append(v.Months, monthHead{Short: l.monthShort(m), Full: l.MonthOfYear(fy, m.Month())})
		label := l.yearLabel(m)
		if n := len(v.Years); n > 0 && v.Years[n-1].Label == label {
			v.Years[n-1].Span++
		} else {
			v.Years = append(v.Years, yearHead{Label: label, Span: 1})
		}
		v.ByMonth = append(v.ByMonth, monthItems{})
	}
	for i := range entries {
		e := &entries[i]
		it := gridItem{Entry: e}
		if merged {
			it.URL = l.URL(PlanURL(p))
			if e.Anchor != "" {
				it.URL += "#" + e.Anchor
			}
			it.Division = e.Division().Name
			for _, c := range e.Trail[min(1, len(e.Trail)):] {
				it.Source = append(it.Source, c.Name)
			}
		}
		if e.Frequency != nil {
			it.Extra = l.Frequency(e.Frequency)
		}
		var cells []gridCell
		switch e.When {
		case plan.Yearly:
			v.Counts = append(v.Counts, it)
			continue
		case plan.AsNeeded:
			v.AsNeeded = append(v.AsNeeded, it)
			continue
		case plan.Monthly:
			if it.Extra == "" {
				it.Extra = l.T("everyMonthInline")
			}
			cells = make([]gridCell, 12)
			for i := range cells {
				cells[i].Mark = true
			}
			v.Every = append(v.Every, it)
		case plan.InMonths:
			cells = make([]gridCell, 12)
			for _, m := range e.Months {
				i := plan.FiscalIndex(m)
				cells[i].Mark = true
				v.ByMonth[i].Items = append(v.ByMonth[i].Items, it)
			}
		case plan.OnDate:
			if !e.InYear(fy) {
				it.Prefix = l.Date(e.Date)
				if e.End.IsSet() {
					it.Prefix += l.T("rangeSep") + l.Date(e.End)
				}
				v.Outside = append(v.Outside, it)
				continue
			}
			cells = make([]gridCell, 12)
			for i, m := range months {
				text, in := l.dayCell(e, m)
				if !in {
					continue
				}
				cells[i] = gridCell{Text: text, Mark: text == ""}
				day := it
				day.Prefix = text
				v.ByMonth[i].Items = append(v.ByMonth[i].Items, day)
			}
		}
		name := e.Division().Name
		if !merged {
			name = lang.Text{}
		}
		if n := len(v.Groups); n == 0 || v.Groups[n-1].Name != name {
			v.Groups = append(v.Groups, gridGroup{Name: name})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Rows = append(g.Rows, gridRow{Item: it, Cells: cells})
	}
	return v
}

// writeCells writes a grid row's twelve cells. They are made here rather
// than in the layout because a year of schedule has hundreds of them, and
// a template action per cell costs more than the rest of the page: a day
// (19日) is written as it is, a month held some time as a mark that screen
// readers read as "予定あり" / "planned", and other months empty.
// held is the mark's spoken text, escaped.
func writeCells(b *strings.Builder, cells []gridCell, held string) {
	for _, c := range cells {
		switch {
		case c.Text != "":
			b.WriteString(`<td class="cal-on">`)
			b.WriteString(template.HTMLEscapeString(c.Text))
			b.WriteString(`</td>`)
		case c.Mark:
			b.WriteString(`<td class="cal-on"><span aria-hidden="true">●</span><span class="cal-vh">`)
			b.WriteString(held)
			b.WriteString(`</span></td>`)
		default:
			b.WriteString(`<td></td>`)
		}
	}
}

// Entry writes an entry as a row head or list item: its name, linked to
// its place on the plan page when it has a URL; how often (（毎月）); its
// note; and where it sits, with the division too when full is set, for
// lists, which have no division rows. Like a row's cells, it is made here
// because a calendar page has hundreds of them.
func (d *pageData) Entry(it gridItem, full bool) template.HTML {
	var b strings.Builder
	d.writeEntry(&b, it, full)
	return template.HTML(b.String())
}

// writeEntry writes what Entry returns into b.
func (d *pageData) writeEntry(b *strings.Builder, it gridItem, full bool) {
	l := d.L
	name := l.Text(it.Entry.Name)
	if it.URL != "" {
		b.WriteString(`<a href="`)
		b.WriteString(template.HTMLEscapeString(it.URL))
		b.WriteString(`">`)
		b.WriteString(string(name))
		b.WriteString(`</a>`)
	} else {
		b.WriteString(string(name))
	}
	if it.Extra != "" {
		if l.Lang == lang.En {
			b.WriteByte(' ')
		}
		b.WriteString(`<span class="cal-extra">`)
		b.WriteString(template.HTMLEscapeString(l.Tf("parenthesized", it.Extra)))
		b.WriteString(`</span>`)
	}
	if !it.Entry.Note.IsZero() {
		b.WriteString(` <span class="cal-note">`)
		b.WriteString(string(l.Text(it.Entry.Note)))
		b.WriteString(`</span>`)
	}
	division := full && !it.Division.IsZero()
	if division || len(it.Source) > 0 {
		b.WriteString(` <span class="cal-src">`)
		if division {
			b.WriteString(string(l.Text(it.Division)))
		}
		for i, t := range it.Source {
			if division || i > 0 {
				b.WriteString(" › ")
			}
			b.WriteString(string(l.Text(t)))
		}
		b.WriteString(`</span>`)
	}
}

// MonthHeads writes the month columns' heads: the short name shown (4月,
// Apr) and the full one read out (2024年4月, April 2024). Like its cells,
// the grid's repeated parts are made here: a template action for each would
// cost more than the rest of a calendar page.
func (d *pageData) MonthHeads(v gridView) template.HTML {
	var b strings.Builder
	b.Grow(128 * len(v.Months))
	for _, m := range v.Months {
		b.WriteString(`<th scope="col"><span aria-hidden="true">`)
		b.WriteString(template.HTMLEscapeString(m.Short))
		b.WriteString(`</span><span class="cal-vh">`)
		b.WriteString(template.HTMLEscapeString(m.Full))
		b.WriteString(`</span></th>`)
	}
	return template.HTML(b.String())
}

// Rows writes the grid's rows of one group: each entry as its row's head,
// as Entry writes it, then its twelve cells.
func (d *pageData) Rows(rows []gridRow) template.HTML {
	held := template.HTMLEscapeString(d.L.T("held"))
	var b strings.Builder
	b.Grow(len(rows) * 512) // a row with a long name and a mark in every month
	for _, r := range rows {
		b.WriteString("\n<tr><th scope=\"row\">")
		d.writeEntry(&b, r.Item, false)
		b.WriteString("</th>")
		writeCells(&b, r.Cells, held)
		b.WriteString("</tr>")
	}
	return template.HTML(b.String())
}

// MonthList writes the list by month, for narrow screens: each month's
// name, then its entries, each with its day when it has one; a month
// without any says so, or that only the monthly entries (listed above it)
// are planned.
func (d *pageData) MonthList(v gridView) template.HTML {
	none := d.L.T("nothingPlanned")
	if len(v.Every) > 0 {
		none = d.L.T("onlyEveryMonth")
	}
	items := 0
	for _, m := range v.ByMonth {
		items += len(m.Items)
	}
	var b strings.Builder
	b.Grow(96*len(v.ByMonth) + 256*items)
	for i, m := range v.ByMonth {
		b.WriteString("\n<li><span class=\"cal-month\">")
		b.WriteString(template.HTMLEscapeString(v.Months[i].Full))
		b.WriteString(`</span>`)
		if len(m.Items) == 0 {
			b.WriteString(` <span class="cal-none">`)
			b.WriteString(template.HTMLEscapeString(none))
			b.WriteString(`</span></li>`)
			continue
		}
		b.WriteString("\n<ul>")
		for _, it := range m.Items {
			b.WriteString("\n<li>")
			if it.Prefix != "" {
				b.WriteString(`<span class="cal-day">`)
				b.WriteString(template.HTMLEscapeString(it.Prefix))
				b.WriteString(`</span> `)
			}
			d.writeEntry(&b, it, true)
			b.WriteString("</li>")
		}
		b.WriteString("\n</ul></li>")
	}
	return template.HTML(b.String())
}

// HasRows reports whether any entry has a place in the grid.
func (v gridView) HasRows() bool { return len(v.Groups) > 0 }

// dayCell is what a dated entry shows in the month starting m: its day or
// days (19日, 19～20日), or a start or end that runs over the month's edge
// (30日～, ～2日); "" for a month the entry spans whole. in is false for
// months the entry does not touch.
func (l *Localizer) dayCell(e *plan.Entry, m time.Time) (text string, in bool) {
	first, last := e.Date.Time, e.LastDay().Time
	monthEnd := m.AddDate(0, 1, -1)
	if last.Before(m) || first.After(monthEnd) {
		return "", false
	}
	day := func(t time.Time) string {
		if l.Lang == lang.En {
			return fmt.Sprint(t.Day())
		}
		return fmt.Sprintf("%d日", t.Day())
	}
	sep := l.T("dayRangeSep")
	startsHere, endsHere := !first.Before(m), !last.After(monthEnd)
	switch {
	case startsHere && endsHere && first.Equal(last):
		return day(first), true
	case startsHere && endsHere:
		if l.Lang == lang.Ja {
			return fmt.Sprintf("%d%s%d日", first.Day(), sep, last.Day()), true
		}
		return day(first) + sep + day(last), true
	case startsHere:
		return day(first) + sep, true
	case endsHere:
		return sep + day(last), true
	}
	return "", true
}

// aside puts s in parentheses after a phrase: （s） / " (s)".
func (l *Localizer) aside(s string) string {
	if l.Lang == lang.En {
		return " (" + s + ")"
	}
	return "（" + s + "）"
}

// monthShort names a month in a column head: 4月 / Apr.
func (l *Localizer) monthShort(m time.Time) string {
	if l.Lang == lang.En {
		return m.Format("Jan")
	}
	return fmt.Sprintf("%d月", int(m.Month()))
}

// yearLabel names the calendar year of month m: 令和6年（2024年） by the
// era in force on the 1st, or 2024 in English.
func (l *Localizer) yearLabel(m time.Time) string {
	if l.Lang == lang.En {
		return fmt.Sprint(m.Year())
	}
	era, n, ok := fiscal.EraOfDate(m)
	if !ok {
		return fmt.Sprintf("%d年", m.Year())
	}
	return fmt.Sprintf("%s%s（%d年）", era.Name, fiscal.EraYear(n), m.Year())
}

// prepareCalendar sets a calendar page's title, breadcrumbs and
// translation notice.
func (d *pageData) prepareCalendar(home crumb) {
	p, o := d.Page.Plan, d.Page.Org
	d.Title = CalendarName(o, p)
	orgCrumb := crumb{Name: o.Name, URL: d.L.URL(o.ID + "/")}
	if p != nil {
		d.Crumbs = []crumb{home, orgCrumb, {Name: planTitle(p), URL: d.L.URL(PlanURL(p))}, {Name: uiStrings["schedule"]}}
	} else {
		d.Crumbs = []crumb{home, orgCrumb, {Name: uiStrings["schedule"]}}
	}
	if d.Page.Lang != lang.En {
		return
	}
	var c lang.Coverage
	c.Count(o.Name)
	if p == nil {
		p = d.CalendarPlans()[0]
	}
	{
		for _, e := range plan.Entries(p) {
			c.Count(e.Name)
			c.Count(e.Note)
			for _, t := range e.Trail {
				c.Count(t.Name)
			}
		}
	}
	d.Untranslated = c.Translated < c.Total
}
