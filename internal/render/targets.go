package render

import (
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// targetsView is a block of targets prepared for the page: the rows of
// its table, a chart per target, and the targets' figures in the
// organization's other plans.
type targetsView struct {
	Rows []targetRow
	// HasPrevious and HasActual say whether the table needs those columns.
	HasPrevious, HasActual bool
	// Charts draw the targets, one chart per unit.
	Charts []chart
	// History lists the targets that also appear in other years' plans.
	History []targetHistory
}

// A targetRow is one target of the table with its chart.
type targetRow struct {
	plan.Target
	// ProgressText is the actual against the target in words, "" without
	// an actual result: 1,402 / 1,548件（91%）.
	ProgressText string
}

// A targetHistory is one target followed across the organization's plans.
type targetHistory struct {
	Key   string
	Name  lang.Text
	Years []historyYear
	Chart chart
}

// A historyYear is the target as one year's plan sets it.
type historyYear struct {
	plan.TargetYear
	// Current marks the year of the page's own plan.
	Current      bool
	ProgressText string
}

// Targets prepares a block of targets for the targets layout.
func (d *pageData) Targets(ts []plan.Target) targetsView {
	l := d.L
	var v targetsView
	for _, t := range ts {
		v.HasPrevious = v.HasPrevious || t.Previous != nil
		v.HasActual = v.HasActual || t.Actual != nil
		v.Rows = append(v.Rows, targetRow{Target: t, ProgressText: l.Progress(t)})
	}
	v.Charts = l.targetCharts(ts)
	p := d.Page.Plan
	if p == nil || p.Org == nil || len(p.Org.Plans) < 2 {
		return v
	}
	history := p.Org.TargetHistory()
	for _, t := range ts {
		years := history[t.Key]
		if len(years) < 2 {
			continue
		}
		h := targetHistory{Key: t.Key, Name: t.Name}
		for _, y := range years {
			h.Years = append(h.Years, historyYear{TargetYear: y, Current: y.Plan == p, ProgressText: l.Progress(y.Target)})
		}
		h.Chart = l.historyChart(t, h.Years)
		v.History = append(v.History, h)
	}
	return v
}

// Progress states a target's actual result against its value: for counts
// "1,402 / 1,548件（91%）", for rates "72%（目標との差 −3ポイント）", where
// a share of a share would mislead. It is "" when no actual is given.
func (l *Localizer) Progress(t plan.Target) string {
	pr, ok := t.Progress()
	if !ok {
		return ""
	}
	if t.IsRate() {
		return l.Tf("progressRate", l.Quantity(pr.Actual, t.Unit), l.progressPhrase(t, pr))
	}
	if !pr.HasPercent {
		return l.Num(pr.Actual) + " / " + l.Quantity(t.Value, t.Unit)
	}
	return l.Tf("progressCount", l.Num(pr.Actual), l.Quantity(t.Value, t.Unit), pr.Percent)
}

// progressPhrase is the share of the target reached, or for rates the
// difference in points: "達成率 91%" / "91% of the target".
func (l *Localizer) progressPhrase(t plan.Target, pr plan.Progress) string {
	if t.IsRate() {
		key := "progressPoints"
		if math.Abs(pr.Points) == 1 {
			key = "progressPoint"
		}
		return l.Tf(key, l.signed(pr.Points))
	}
	if pr.HasPercent {
		return l.Tf("progressShare", pr.Percent)
	}
	return ""
}

// signed writes a difference with its sign: +2, −3 (a minus sign, not a
// hyphen), 0.
func (l *Localizer) signed(v float64) string {
	switch {
	case v > 0:
		return "+" + l.Num(v)
	case v < 0:
		return "−" + l.Num(-v)
	}
	return "0"
}

// Geometry of the charts, in SVG user units. A chart is as wide as a
// phone's column (320 at 360 px wide, so its text is drawn near the
// page's own size there), and the page scales it with the column. Every
// text has a line of its own above the bars, wrapped to the width, so no
// text overlaps a bar or runs off the chart.
const (
	chartWidth    = 320
	chartPadding  = 4
	chartNameSize = 13 // font size of a group's name
	chartNameLine = 19
	chartTextSize = 12 // font size of a figure's label
	chartTextLine = 17
	chartBarH     = 10
	chartBarGap   = 6 // below a bar
	chartGroupGap = 8 // between groups
	// chartEms is how many em of text fit on a line: 1 em a Japanese
	// character, 0.6 em a Latin one.
	chartEms = 24
)

// A chart is an SVG bar chart: groups of labelled horizontal bars, all on
// one scale. Rate charts draw each bar over a 0-100% track.
type chart struct {
	// ID prefixes the ids of the chart's title and desc.
	ID     string
	Title  string
	Desc   string
	Width  int
	Height int
	Rate   bool
	Texts  []chartText
	Bars   []chartBar
}

// A chartText is one line of text, at its baseline Y.
type chartText struct {
	Y    int
	Size int
	// Name marks a group's name, drawn bold.
	Name bool
	Text string
}

// A chartBar is one figure's bar, its top at Y.
type chartBar struct {
	// Kind is target, actual or previous, for the bar's class and colour.
	Kind string
	Y    int
	// Length is the bar's length, rounded to a tenth of a unit.
	Length float64
}

// A chartGroup is a name (a target, a year) and its figures.
type chartGroup struct {
	name    string
	figures []figure
}

// figure is one bar to draw before the scale is known.
type figure struct {
	kind  string
	label string
	value float64
}

// SVG draws the chart as inline SVG, with no script: role="img" with
// <title> and <desc> gives it a name and a spoken summary, and the table
// beside it is its full text alternative. Colours are presentation
// attributes, which the stylesheet overrides, so the chart also reads
// without it; every bar has its own label, so no colour must be told
// apart. Like the calendar's cells, the markup is made here, its text
// escaped, because a plan page has dozens of charts of many elements each,
// and a template pays for every value it prints.
func (c chart) SVG() template.HTML {
	id := template.HTMLEscapeString(c.ID)
	width, height := strconv.Itoa(c.Width), strconv.Itoa(c.Height)
	b := make([]byte, 0, 256+160*len(c.Texts)+200*len(c.Bars))
	b = append(b, "\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart"...)
	if c.Rate {
		b = append(b, " chart-rate"...)
	}
	b = append(b, `" role="img" aria-labelledby="`...)
	b = append(b, id...)
	b = append(b, `-title `...)
	b = append(b, id...)
	b = append(b, `-desc" viewBox="0 0 `...)
	b = append(b, width...)
	b = append(b, ' ')
	b = append(b, height...)
	b = append(b, `" width="`...)
	b = append(b, width...)
	b = append(b, `" height="`...)
	b = append(b, height...)
	b = append(b, "\">\n<title id=\""...)
	b = append(b, id...)
	b = append(b, `-title">`...)
	b = append(b, template.HTMLEscapeString(c.Title)...)
	b = append(b, "</title>\n<desc id=\""...)
	b = append(b, id...)
	b = append(b, `-desc">`...)
	b = append(b, template.HTMLEscapeString(c.Desc)...)
	b = append(b, "</desc>"...)
	for _, t := range c.Texts {
		b = append(b, "\n<text class=\"chart-"...)
		if t.Name {
			b = append(b, "name"...)
		} else {
			b = append(b, "text"...)
		}
		b = append(b, `" x="0" y="`...)
		b = strconv.AppendInt(b, int64(t.Y), 10)
		b = append(b, `" font-size="`...)
		b = strconv.AppendInt(b, int64(t.Size), 10)
		b = append(b, '"')
		if t.Name {
			b = append(b, ` font-weight="bold"`...)
		}
		b = append(b, ` fill="currentColor">`...)
		b = append(b, template.HTMLEscapeString(t.Text)...)
		b = append(b, "</text>"...)
	}
	for _, bar := range c.Bars {
		if c.Rate {
			// The track's 1-unit outline is drawn inside the chart.
			b = append(b, "\n<rect class=\"chart-track\" x=\"0.5\" y=\""...)
			b = strconv.AppendInt(b, int64(bar.Y), 10)
			b = append(b, `.5" width="`...)
			b = strconv.AppendInt(b, int64(c.Width-1), 10)
			b = append(b, `" height="`...)
			b = strconv.AppendInt(b, chartBarH-1, 10)
			b = append(b, `" fill="#ffffff" stroke="#767676"/>`...)
		}
		fill := "#0b5394"
		switch bar.Kind {
		case "actual":
			fill = "#1b6e3a"
		case "previous":
			fill = "#767676"
		}
		b = append(b, "\n<rect class=\"chart-bar chart-"...)
		b = append(b, template.HTMLEscapeString(bar.Kind)...)
		b = append(b, `" x="0" y="`...)
		b = strconv.AppendInt(b, int64(bar.Y), 10)
		b = append(b, `" width="`...)
		b = strconv.AppendFloat(b, bar.Length, 'g', -1, 64)
		b = append(b, `" height="`...)
		b = strconv.AppendInt(b, chartBarH, 10)
		b = append(b, `" fill="`...)
		b = append(b, fill...)
		b = append(b, `"/>`...)
	}
	b = append(b, "\n</svg>\n"...)
	return template.HTML(b)
}

// newChart lays groups out on one scale: 0-100 for rates, otherwise 0 to
// the largest figure.
func newChart(id, title, desc string, rate bool, groups []chartGroup) chart {
	c := chart{ID: id, Title: title, Desc: desc, Width: chartWidth, Rate: rate}
	scale := 100.0
	if !rate {
		scale = 0
		for _, g := range groups {
			for _, f := range g.figures {
				scale = max(scale, f.value)
			}
		}
	}
	y := chartPadding
	for i, g := range groups {
		if i > 0 {
			y += chartGroupGap
		}
		for _, line := range wrapText(g.name, chartEms) {
			y += chartNameLine
			c.Texts = append(c.Texts, chartText{Y: y - 5, Size: chartNameSize, Name: true, Text: line})
		}
		for _, f := range g.figures {
			for _, line := range wrapText(f.label, chartEms*chartNameSize/chartTextSize) {
				y += chartTextLine
				c.Texts = append(c.Texts, chartText{Y: y - 5, Size: chartTextSize, Text: line})
			}
			length := 0.0
			if scale > 0 {
				length = math.Round(min(f.value/scale, 1)*chartWidth*10) / 10
			}
			c.Bars = append(c.Bars, chartBar{Kind: f.kind, Y: y, Length: length})
			y += chartBarH + chartBarGap
		}
	}
	c.Height = y - chartBarGap + chartPadding
	return c
}

// wrapText breaks s into lines of at most ems em, counting a Japanese
// character as 1 em and a Latin one as 0.6. Latin words are kept whole,
// and no line starts with closing punctuation (、。）」 and the like).
func wrapText(s string, ems int) []string {
	var lines []string
	var line strings.Builder
	width := 0.0
	for _, tok := range tokens(s) {
		w := textWidth(tok)
		if width+w > float64(ems) && line.Len() > 0 && !strings.ContainsRune(noLineStart, firstRune(tok)) {
			lines = append(lines, strings.TrimRight(line.String(), " "))
			line.Reset()
			width = 0
			if tok == " " {
				continue
			}
		}
		line.WriteString(tok)
		width += w
	}
	if line.Len() > 0 {
		lines = append(lines, strings.TrimRight(line.String(), " "))
	}
	return lines
}

// noLineStart lists characters that may not begin a line (行頭禁則).
const noLineStart = "、。，．,.)）」』】〕％%・ー：:;；!！?？"

// tokens splits s into breakable units: runs of Latin letters and digits,
// single spaces and single other characters.
func tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		latin := r < 0x80 && r != ' '
		if latin {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		out = append(out, string(r))
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w += 0.6
		} else {
			w++
		}
	}
	return w
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// targetCharts draws a block's targets: one chart for each unit of count
// (件, 人), each on its own scale, and one for the rates on 0-100%.
func (l *Localizer) targetCharts(ts []plan.Target) []chart {
	type bucket struct {
		unit    lang.Text
		rate    bool
		targets []plan.Target
	}
	var buckets []*bucket
	find := func(t plan.Target) *bucket {
		for _, b := range buckets {
			if b.rate == t.IsRate() && (b.rate || b.unit == t.Unit) {
				return b
			}
		}
		b := &bucket{unit: t.Unit, rate: t.IsRate()}
		buckets = append(buckets, b)
		return b
	}
	for _, t := range ts {
		b := find(t)
		b.targets = append(b.targets, t)
	}
	var charts []chart
	for _, b := range buckets {
		var groups []chartGroup
		var desc []string
		for _, t := range b.targets {
			figs, sentence := l.targetFigures(t, "")
			groups = append(groups, chartGroup{name: l.Plain(t.Name), figures: figs})
			desc = append(desc, l.Tf("descNamed", l.Plain(t.Name), sentence))
		}
		unit := b.unit.String(l.Lang)
		if b.rate {
			unit = "%"
		}
		charts = append(charts, newChart("chart-"+b.targets[0].Key, l.Tf("chartTitle", unit), l.joinSentences(desc), b.rate, groups))
	}
	return charts
}

// targetFigures lists a target's previous value, value and actual result
// as bars, and says them in a sentence; fy names the year in a history.
func (l *Localizer) targetFigures(t plan.Target, fy string) ([]figure, string) {
	var figs []figure
	var said []string
	add := func(kind, labelKey string, v float64, extra string) {
		q := l.Tf(labelKey, l.Quantity(v, t.Unit)+l.parenthesized(extra))
		figs = append(figs, figure{kind, capitalize(q), v})
		said = append(said, q)
	}
	if t.Previous != nil && fy == "" {
		add("previous", "chartPrevious", *t.Previous, "")
	}
	add("target", "chartTarget", t.Value, "")
	if pr, ok := t.Progress(); ok {
		add("actual", "chartActual", pr.Actual, l.progressPhrase(t, pr))
	}
	return figs, strings.Join(said, l.T("listSep")) + l.T("fullStop")
}

// parenthesized puts s in brackets after a figure: 1,600件（103%） in
// Japanese, 1,600 cases (103%) in English; "" stays "".
func (l *Localizer) parenthesized(s string) string {
	switch {
	case s == "":
		return ""
	case l.Lang == lang.En:
		return " " + l.Tf("parenthesized", s)
	}
	return l.Tf("parenthesized", s)
}

// capitalize upper-cases a leading Latin letter, for a label that stands
// alone: "target 1,548 cases" in a sentence is "Target 1,548 cases" on a
// chart.
func capitalize(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// historyChart draws a target's value and actual result in every year.
func (l *Localizer) historyChart(t plan.Target, years []historyYear) chart {
	var groups []chartGroup
	var desc []string
	for _, y := range years {
		fy := y.Plan.YearLabel(l.Lang) // short enough for a chart; the table gives the western year too
		figs, sentence := l.targetFigures(y.Target, fy)
		groups = append(groups, chartGroup{name: fy, figures: figs})
		desc = append(desc, l.Tf("descNamed", fy, sentence))
	}
	return newChart("chart-"+t.Key+"-history", l.Plain(t.Name)+l.T("historySuffix"), l.joinSentences(desc), t.IsRate(), groups)
}

// joinSentences joins sentences as the language writes them: with no
// space after 。, with one after a full stop.
func (l *Localizer) joinSentences(s []string) string {
	if l.Lang == lang.Ja {
		return strings.Join(s, "")
	}
	return strings.Join(s, " ")
}
