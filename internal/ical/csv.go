package ical

import (
	"strconv"
	"time"

	"github.com/plansite/plansite/internal/export"
	"github.com/plansite/plansite/internal/plan"
)

// csvHeader names the CSV columns.
var csvHeader = []word{
	{"年度", "Fiscal year"},
	{"開始日", "Start"},
	{"終了日", "End"},
	{"時期", "When"},
	{"予定", "Entry"},
	{"部門", "Division"},
	{"所属", "Under"},
	{"備考", "Note"},
	{"UID", "UID"},
}

// CSV writes the entries of c's plans as a table for spreadsheets: UTF-8
// with a byte order mark, so that Excel reads the Japanese correctly, CRLF
// line ends, a header row in c's language, then one row per event of the
// iCalendar file (an InMonths entry has a row per month) and one row,
// without dates, per Yearly or AsNeeded entry. Start and End are ISO
// dates (2024-05-01), which spreadsheets read as dates; When says the
// time in words (2024年5月, 毎月, 年5回, 随時). The UID column matches the
// iCalendar file. Cells that a spreadsheet would run as formulas are
// defused (export.CSV).
func CSV(c Calendar) []byte {
	l := c.Lang
	header := make([]string, len(csvHeader))
	for i, h := range csvHeader {
		header[i] = h.String(l)
	}
	var records [][]string
	for _, p := range c.Plans {
		for _, e := range plan.Entries(p) {
			row := func(start, end time.Time, when, id string) {
				var division, under string
				if len(e.Trail) > 0 {
					division = e.Trail[0].Name.String(l)
					under = plan.TrailText(l, e.Trail[1:])
				}
				records = append(records, []string{strconv.Itoa(int(p.FiscalYear)), isoDate(start), isoDate(end), when,
					e.Name.String(l), division, under, e.Note.String(l), id})
			}
			switch e.When {
			case plan.InMonths:
				for _, m := range e.Months {
					start := monthStart(p.FiscalYear, m)
					row(start, start.AddDate(0, 1, -1), monthLabel(l, start), uid(p, e, start.Format("2006-01")))
				}
			case plan.OnDate:
				when := dayLabel(l, e.Date.Time)
				if e.End.IsSet() {
					when += words["rangeSep"].String(l) + dayLabel(l, e.End.Time)
				}
				row(e.Date.Time, e.LastDay().Time, when, uid(p, e, ""))
			case plan.Monthly:
				when := words["everyMonthShort"].String(l)
				if e.Frequency != nil {
					when += words["paren"].fmt(l, e.Frequency.Label().String(l))
				}
				row(p.FiscalYear.Start(), p.FiscalYear.End(), when, uid(p, e, ""))
			case plan.Yearly:
				row(time.Time{}, time.Time{}, e.Frequency.Label().String(l), uid(p, e, ""))
			case plan.AsNeeded:
				row(time.Time{}, time.Time{}, words["asNeeded"].String(l), uid(p, e, ""))
			}
		}
	}
	return export.CSV(header, records)
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
