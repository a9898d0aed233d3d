package plan

import (
	"github.com/plansite/plansite/internal/fiscal"
	"github.com/plansite/plansite/internal/lang"
)

// Text is localized text; see lang.Text.
type Text = lang.Text

// Site holds the site settings from data/site.toml.
type Site struct {
	Title       Text `toml:"title"`
	Description Text `toml:"description"`
	// Publisher is who runs the site, shown in the footer.
	Publisher Text `toml:"publisher"`
	// UnsafeHTML lets raw HTML in Markdown through. Off by default: raw
	// HTML is escaped and shown as text.
	UnsafeHTML bool `toml:"unsafe_html"`
}

// An Org is a social welfare council or corporation, from data/orgs/<ID>.toml.
type Org struct {
	// ID is the file name without .toml; it is the organization's URL segment.
	ID        string `toml:"-"`
	Name      Text   `toml:"name"`
	ShortName Text   `toml:"short_name"`
	// LegalType is "council" (社会福祉協議会) or "corporation" (社会福祉法人).
	LegalType  string `toml:"legal_type"`
	Prefecture Text   `toml:"prefecture"`
	City       Text   `toml:"city"`
	Address    Text   `toml:"address"`
	Postcode   string `toml:"postcode"`
	Phone      string `toml:"phone"`
	Website    string `toml:"website"`
	Summary    Text   `toml:"summary"`

	// Intro is the organization's introduction from content/<ID>/_index.*.md.
	Intro Page `toml:"-"`
	// Plans are the organization's plans, oldest first.
	Plans []*Plan `toml:"-"`
}

// LegalTypes lists the allowed values of Org.LegalType with their names.
var LegalTypes = map[string]Text{
	"council":     lang.T("社会福祉協議会", "Social Welfare Council"),
	"corporation": lang.T("社会福祉法人", "Social Welfare Corporation"),
}

// A Plan is one organization's plan for one fiscal year, from
// data/plans/<org>/<year>.toml.
type Plan struct {
	OrgID string `toml:"-"`
	Org   *Org   `toml:"-"`

	FiscalYear fiscal.Year `toml:"fiscal_year"`
	// EraLabel overrides the fiscal year's 和暦 label, for plans written
	// before an era change (平成31年度 rather than 令和元年度).
	EraLabel string `toml:"era_label"`
	// Published is the day the plan was published; when not given it is
	// the first day of the fiscal year (see PublishedOn).
	Published  Date       `toml:"published"`
	Title      Text       `toml:"title"`
	Subtitle   Text       `toml:"subtitle"`
	Slogan     Slogan     `toml:"slogan"`
	Priorities []Priority `toml:"priorities"`
	Divisions  []Division `toml:"divisions"`
	Blocks

	// Body is content/<org>/<year>/_index.*.md: the plan's basic policy
	// (基本方針) or other opening prose, shown under its front matter title.
	Body Page `toml:"-"`

	// schedule caches Entries.
	schedule scheduleCache
	// hollow is set once Hollow let go of the plan's parts.
	hollow bool
}

// Hollow lets go of the plan's parts, its priorities, divisions and
// blocks, keeping what lists of plans show of it: its year, titles,
// slogan, publication date and prose, and whether it has schedule
// entries (HasSchedule). plansite build keeps its plans hollow, and their
// prose apart, so as not to hold every plan at once, and reads each again
// in full for its pages.
func (p *Plan) Hollow() {
	HasSchedule(p) // counted while the entries are there
	p.Priorities, p.Divisions, p.Blocks = nil, nil, Blocks{}
	p.hollow = true
}

// A Slogan is a plan's motto and the plan it comes from.
type Slogan struct {
	Text   Text `toml:"text"`
	Source Text `toml:"source"`
}

// A Priority is one priority measure (重点施策).
type Priority struct {
	Title Text `toml:"title"`
	// Body is Markdown.
	Body Text `toml:"body"`
}

// Blocks are the structured parts that a plan, a division and a section can
// each hold.
type Blocks struct {
	Goals      []Goal     `toml:"goals"`
	Profile    []Field    `toml:"profile"`
	Tables     []Table    `toml:"tables"`
	Fees       []Fee      `toml:"fees"`
	Facilities []Facility `toml:"facilities"`
	Targets    []Target   `toml:"targets"`
	Staffing   []Staffing `toml:"staffing"`
	Schedule   []Event    `toml:"schedule"`
	Lists      []List     `toml:"lists"`
	Notes      []Text     `toml:"notes"`
}

// A Division is a department (課, センター, 部門) or a project plan within
// a plan.
type Division struct {
	// ID is the division's anchor on the plan page, unique within the plan.
	ID   string `toml:"id"`
	Name Text   `toml:"name"`
	// Intro is Markdown shown under the name.
	Intro Text `toml:"intro"`
	// Policy is the division's own basic policy, Markdown.
	Policy   Text      `toml:"policy"`
	Sections []Section `toml:"sections"`
	Blocks
}

// A Section is a unit (係) or a numbered heading within a division.
// Sections nest: (1) 法人運営 -> ① 理事会・評議員会・監査会.
type Section struct {
	ID       string    `toml:"id"`
	Name     Text      `toml:"name"`
	Intro    Text      `toml:"intro"`
	Programs []Program `toml:"programs"`
	Sections []Section `toml:"sections"`
	Blocks
}

// A Program is one line of a plan's program table (事業計画名 / 具体的な内容).
type Program struct {
	// ID is a stable key, unique within the plan, used for anchors and to
	// follow the program across years.
	ID   string `toml:"id"`
	Name Text   `toml:"name"`
	// Description is Markdown.
	Description Text `toml:"description"`
	// Items are enumerated points, marked as Marker says.
	Items  []Text `toml:"items"`
	Marker string `toml:"marker"`
	// Frequency is how often the program's meeting or event takes place.
	Frequency *Frequency `toml:"frequency"`
	// CommissionedBy names who commissions the program (市の受託).
	CommissionedBy Text `toml:"commissioned_by"`
	// Sites, Areas and Classes count places, areas and classes (3施設, 5地域7教室).
	Sites   int `toml:"sites"`
	Areas   int `toml:"areas"`
	Classes int `toml:"classes"`
	Blocks
}

// Frequency is a count per period: 年5回 is {Count: 5, Per: "year"}.
type Frequency struct {
	Count int    `toml:"count"`
	Per   string `toml:"per"`
}

// FrequencyPeriods are the allowed values of Frequency.Per.
var FrequencyPeriods = []string{"year", "month", "week"}

// A Goal is a heading with points under it.
type Goal struct {
	Title  Text   `toml:"title"`
	Items  []Text `toml:"items"`
	Marker string `toml:"marker"`
}

// A List is a titled enumeration (evaluation criteria ア-エ).
type List struct {
	ID     string `toml:"id"`
	Title  Text   `toml:"title"`
	Intro  Text   `toml:"intro"`
	Items  []Text `toml:"items"`
	Marker string `toml:"marker"`
}

// Markers are the allowed enumeration styles.
var Markers = []string{"bullet", "number", "circled", "katakana", "paren"}

// A Field is one label and value of a profile (施設の名称, 所在地).
type Field struct {
	Label Text `toml:"label"`
	Value Text `toml:"value"`
}

// A Table is a generic table, such as the per-town table of goals and plans.
type Table struct {
	ID      string   `toml:"id"`
	Caption Text     `toml:"caption"`
	Columns []Column `toml:"columns"`
	// Rows map column keys to cells (Markdown). The first column heads the row.
	Rows []map[string]Text `toml:"rows"`
}

// A Column is a table column with a key used by the rows.
type Column struct {
	Key   string `toml:"key"`
	Label Text   `toml:"label"`
}

// A Fee is a charge, such as a membership fee, in yen.
type Fee struct {
	Name   Text `toml:"name"`
	Amount int  `toml:"amount"`
	// Per says what the amount is for (1世帯 一口).
	Per  Text `toml:"per"`
	Note Text `toml:"note"`
}

// A Facility is a place the organization runs, with an optional contract period.
type Facility struct {
	ID   string `toml:"id"`
	Name Text   `toml:"name"`
	// From and To are the first and last month of the contract, "2022-04".
	From YearMonth `toml:"from"`
	To   YearMonth `toml:"to"`
	Note Text      `toml:"note"`
}

// A Target is a numeric target, which can be followed across years by Key.
type Target struct {
	Key   string  `toml:"key"`
	Name  Text    `toml:"name"`
	Value float64 `toml:"value"`
	// Unit is 件, 人 or %; a % unit makes the target a rate.
	Unit         Text     `toml:"unit"`
	PeriodMonths int      `toml:"period_months"`
	Definition   *Ratio   `toml:"definition"`
	Previous     *float64 `toml:"previous"`
	Actual       *float64 `toml:"actual"`
	Note         Text     `toml:"note"`
}

// Ratio defines a rate as numerator over denominator.
type Ratio struct {
	Numerator   Text `toml:"numerator"`
	Denominator Text `toml:"denominator"`
}

// IsRate reports whether the target is a percentage.
func (t Target) IsRate() bool { return t.Unit.Ja == "%" || t.Unit.Ja == "％" }

// Staffing is a table of staff by role (columns) and employment type (rows),
// in full-time equivalents.
type Staffing struct {
	ID      string     `toml:"id"`
	Caption Text       `toml:"caption"`
	AsOf    Date       `toml:"as_of"`
	Unit    Text       `toml:"unit"`
	Roles   []Role     `toml:"roles"`
	Rows    []StaffRow `toml:"rows"`
}

// A Role is a staffing column.
type Role struct {
	Key  string `toml:"key"`
	Name Text   `toml:"name"`
}

// A StaffRow is one employment type (常勤 / 非常勤) with its counts per role key.
type StaffRow struct {
	Type  Text               `toml:"type"`
	Cells map[string]float64 `toml:"cells"`
	// StatedTotal is the total printed in the source document, kept to
	// show and flag a disagreement with the computed total.
	StatedTotal *float64 `toml:"stated_total"`
}

// An Event is a schedule entry. Exactly one of Months, EveryMonth, Date or
// AsNeeded says when it happens.
type Event struct {
	ID   string `toml:"id"`
	Name Text   `toml:"name"`
	// Months lists the months it takes place in (4 = April).
	Months []int `toml:"months"`
	// EveryMonth marks a monthly event (毎月).
	EveryMonth bool `toml:"every_month"`
	// Date and End give an exact day or range.
	Date Date `toml:"date"`
	End  Date `toml:"end"`
	// AsNeeded marks an event held when needed (随時).
	AsNeeded bool `toml:"as_needed"`
	Note     Text `toml:"note"`
}

// Page is Markdown content: a front matter title and the rendered body per
// language. Missing languages are absent from the map.
type Page struct {
	Title Text
	// Description is a one-line summary for listings and meta tags.
	Description Text
	// Source is the Markdown per language.
	Source map[lang.Lang]string
	// File names the source file per language, for positions.
	File map[lang.Lang]string
}

// Markdown is the page's Markdown as localized text.
func (p Page) Markdown() Text { return lang.T(p.Source[lang.Ja], p.Source[lang.En]) }

// A Glossary lists the terms of Japanese welfare administration with their
// English renderings, from data/glossary.toml.
type Glossary struct {
	Terms []Term `toml:"terms"`
}

// A Term is one glossary entry.
type Term struct {
	// Ja is the Japanese term and Reading its reading in hiragana.
	Ja      string `toml:"ja"`
	Reading string `toml:"reading"`
	// En is the English used for the term throughout the site.
	En string `toml:"en"`
	// Note explains the term, Markdown.
	Note Text `toml:"note"`
}
