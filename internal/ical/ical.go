package ical

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/plansite/plansite/internal/fiscal"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// A Calendar is one file's worth of schedule: the entries of one or more
// plans, in one language.
type Calendar struct {
	Lang lang.Lang
	// Name is the calendar's name in calendar apps (X-WR-CALNAME, NAME).
	Name string
	// Description says what the calendar holds (X-WR-CALDESC, DESCRIPTION).
	Description string
	// Plans are the plans whose entries the calendar holds, in order.
	Plans []*plan.Plan
	// PlanURL returns the absolute address of a plan's page, which each
	// event links to with an anchor. Nil, or "", leaves the links out: a
	// calendar app cannot follow a relative address.
	PlanURL func(*plan.Plan) string
}

// ErrNoEvents is returned by Encode for plans with no entry that can be
// placed on a calendar: an iCalendar object with no component is invalid.
var ErrNoEvents = errors.New("no schedule entry has a month or a date, and an iCalendar file needs at least one event")

// prodID names the program that wrote the file, as RFC 5545 requires.
const prodID = "-//plansite//plansite//EN"

// maxLine is the longest line RFC 5545 allows, in octets, without CRLF.
const maxLine = 75

// Encode writes c as an iCalendar object. It returns ErrNoEvents when no
// entry of c's plans is dated (plan.When.Dated).
func Encode(c Calendar) ([]byte, error) {
	w := &writer{}
	w.prop("BEGIN", "", "VCALENDAR")
	w.prop("VERSION", "", "2.0")
	w.prop("PRODID", "", prodID)
	w.prop("CALSCALE", "", "GREGORIAN")
	w.prop("METHOD", "", "PUBLISH")
	if c.Name != "" {
		w.text("X-WR-CALNAME", "", c.Name)
		w.text("NAME", "", c.Name)
	}
	if c.Description != "" {
		w.text("X-WR-CALDESC", "", c.Description)
		w.text("DESCRIPTION", "", c.Description)
	}
	// Ask subscribers to look for changes daily (RFC 7986 and its
	// predecessor, which Outlook reads).
	w.prop("REFRESH-INTERVAL", ";VALUE=DURATION", "P1D")
	w.prop("X-PUBLISHED-TTL", "", "P1D")
	events := 0
	for _, p := range c.Plans {
		pageURL := ""
		if c.PlanURL != nil {
			pageURL = c.PlanURL(p)
		}
		for _, e := range plan.Entries(p) {
			events += w.entry(c.Lang, p, e, pageURL)
		}
	}
	if events == 0 {
		return nil, ErrNoEvents
	}
	w.prop("END", "", "VCALENDAR")
	return w.buf.Bytes(), nil
}

// entry writes the events of one entry and returns how many it wrote.
func (w *writer) entry(l lang.Lang, p *plan.Plan, e plan.Entry, pageURL string) int {
	fy := p.FiscalYear
	switch e.When {
	case plan.InMonths:
		for _, m := range e.Months {
			start := monthStart(fy, m)
			w.event(l, p, e, pageURL, uid(p, e, start.Format("2006-01")), func() {
				w.prop("DTSTART", ";VALUE=DATE", start.Format(dateFormat))
				w.prop("DTEND", ";VALUE=DATE", start.AddDate(0, 1, 0).Format(dateFormat))
			}, words["inMonth"].fmt(l, monthLabel(l, start)))
		}
		return len(e.Months)
	case plan.OnDate:
		w.event(l, p, e, pageURL, uid(p, e, ""), func() {
			w.prop("DTSTART", ";VALUE=DATE", e.Date.Format(dateFormat))
			w.prop("DTEND", ";VALUE=DATE", e.LastDay().AddDate(0, 0, 1).Format(dateFormat))
		}, "")
		return 1
	case plan.Monthly:
		when := words["everyMonth"].fmt(l, fiscalRange(l, fy))
		if e.Frequency != nil {
			when += words["sep"].String(l) + e.Frequency.Label().String(l)
		}
		w.event(l, p, e, pageURL, uid(p, e, ""), func() {
			w.prop("DTSTART", ";VALUE=DATE", fy.Start().Format(dateFormat))
			w.prop("DURATION", "", "P28D")
			w.prop("RRULE", "", "FREQ=MONTHLY;COUNT=12")
		}, when)
		return 1
	}
	return 0
}

const dateFormat = "20060102"

// event writes one VEVENT; times writes its DTSTART and DTEND or DURATION.
func (w *writer) event(l lang.Lang, p *plan.Plan, e plan.Entry, pageURL, id string, times func(), when string) {
	w.prop("BEGIN", "", "VEVENT")
	w.text("UID", "", id)
	w.prop("DTSTAMP", "", stamp(p.FiscalYear))
	times()
	summary := e.Name.In(l)
	if e.When == plan.Monthly && e.Frequency != nil {
		summary.Value += words["paren"].fmt(l, e.Frequency.Label().String(l))
	}
	w.text("SUMMARY", langParam(l, summary), summary.Value)
	var desc []string
	if when != "" {
		desc = append(desc, when)
	}
	if !e.Note.IsZero() {
		desc = append(desc, e.Note.String(l))
	}
	if t := plan.TrailText(l, e.Trail); t != "" {
		desc = append(desc, t)
	}
	desc = append(desc, p.Org.Name.String(l)+" "+planName(l, p))
	w.text("DESCRIPTION", "", strings.Join(desc, "\n"))
	if pageURL != "" {
		if e.Anchor != "" {
			pageURL += "#" + e.Anchor
		}
		w.prop("URL", "", pageURL)
	}
	w.prop("TRANSP", "", "TRANSPARENT")
	w.prop("END", "", "VEVENT")
}

// langParam marks text shown in a language other than the calendar's.
func langParam(l lang.Lang, t lang.Localized) string {
	if t.Lang != l {
		return ";LANGUAGE=" + string(t.Lang)
	}
	return ""
}

// uid is the identifier of the event of entry e of plan p; month, such as
// "2024-05", tells apart the events of an InMonths entry and is "" for
// the others. See the package documentation for why it is stable.
func uid(p *plan.Plan, e plan.Entry, month string) string {
	id := fmt.Sprintf("%s/%d/%s", p.OrgID, int(p.FiscalYear), e.Key)
	if month != "" {
		id += "/" + month
	}
	return id + "@plansite"
}

// stamp is the DTSTAMP of the events of fiscal year fy: the year's first
// moment in Japan, 1 April 00:00 JST, written in UTC.
func stamp(fy fiscal.Year) string {
	return fy.Start().Add(-9 * time.Hour).Format("20060102T150405Z")
}

func monthStart(fy fiscal.Year, m time.Month) time.Time {
	return time.Date(fy.CalendarYear(m), m, 1, 0, 0, 0, 0, time.UTC)
}

// planName is the plan's year and title: 令和6年度 事業計画 / FY2024 Business Plan.
func planName(l lang.Lang, p *plan.Plan) string {
	if l == lang.En {
		return p.FiscalYear.EnLabel() + " " + p.Title.String(l)
	}
	return strings.TrimSpace(p.EraYear() + " " + p.Title.String(l))
}

// A writer builds an iCalendar object line by line.
type writer struct {
	buf bytes.Buffer
}

// prop writes a content line whose value needs no escaping; params start
// with ";".
func (w *writer) prop(name, params, value string) {
	fold(&w.buf, name+params+":"+value)
}

// text writes a content line with a TEXT value, escaped.
func (w *writer) text(name, params, value string) {
	w.prop(name, params, escape(value))
}

// escape makes s a TEXT value (RFC 5545, 3.3.11): backslash, semicolon
// and comma are escaped, a newline becomes \n, and other control
// characters, which TEXT may not hold, are dropped.
func escape(s string) string {
	if plainText(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch {
		case r == '\\', r == ';', r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainText reports whether s is valid UTF-8 with nothing escape must
// change: no backslash, semicolon, comma or control character.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c == '\\' || c == ';' || c == ',' {
			return false
		}
	}
	return utf8.ValidString(s)
}

// fold writes line and a CRLF to b, folded so that no line is longer than
// 75 octets: a longer line is broken before the character that would pass
// the limit, and the rest continues on lines that start with one space
// (which counts towards their 75). A UTF-8 character is never split.
func fold(b *bytes.Buffer, line string) {
	if len(line) <= maxLine {
		b.WriteString(line)
		b.WriteString("\r\n")
		return
	}
	n := 0
	for i := 0; i < len(line); {
		_, size := utf8.DecodeRuneInString(line[i:])
		if n+size > maxLine {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteString(line[i : i+size])
		n += size
		i += size
	}
	b.WriteString("\r\n")
}
