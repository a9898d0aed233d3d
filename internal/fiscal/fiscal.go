// Package fiscal knows Japanese fiscal years (年度, 1 April to 31 March) and
// the Japanese era calendar (和暦) from 明治 to 令和, which Go's standard
// library does not have. It has pure functions only.
package fiscal

import (
	"fmt"
	"time"
)

// An Era is a Japanese era name with the day it began.
type Era struct {
	Name   string // 令和
	Romaji string // Reiwa
	Start  time.Time
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Eras lists the modern eras, oldest first. The first day of 明治 is the
// Gregorian date of the lunar new year of 1868, from which the era was
// counted when it was proclaimed.
var Eras = []Era{
	{"明治", "Meiji", day(1868, time.January, 25)},
	{"大正", "Taishō", day(1912, time.July, 30)},
	{"昭和", "Shōwa", day(1926, time.December, 25)},
	{"平成", "Heisei", day(1989, time.January, 8)},
	{"令和", "Reiwa", day(2019, time.May, 1)},
}

// FirstYear is the first western year this package can name in an era.
const FirstYear = 1868

// EraOfDate returns the era in force on t and the year within it (1 for 元年).
// ok is false before 明治.
func EraOfDate(t time.Time) (era Era, year int, ok bool) {
	d := day(t.Year(), t.Month(), t.Day())
	for i := len(Eras) - 1; i >= 0; i-- {
		if !d.Before(Eras[i].Start) {
			return Eras[i], t.Year() - Eras[i].Start.Year() + 1, true
		}
	}
	return Era{}, 0, false
}

// EraOfYear returns the era that names western year y by the customary
// reading, the newest era that began on or before 31 December of y: 2019 is
// 令和元年, 1989 is 平成元年.
func EraOfYear(y int) (era Era, year int, ok bool) {
	return EraOfDate(day(y, time.December, 31))
}

// EraYear formats the year within an era: 元年 for 1, otherwise 4年.
func EraYear(year int) string {
	if year == 1 {
		return "元年"
	}
	return fmt.Sprintf("%d年", year)
}

// Year is a fiscal year, named by the western year in which it begins:
// Year 2022 runs from 1 April 2022 to 31 March 2023.
type Year int

// Of returns the fiscal year that contains t.
func Of(t time.Time) Year {
	if t.Month() < time.April {
		return Year(t.Year() - 1)
	}
	return Year(t.Year())
}

// Start returns 1 April of the fiscal year.
func (y Year) Start() time.Time { return day(int(y), time.April, 1) }

// End returns 31 March of the following calendar year.
func (y Year) End() time.Time { return day(int(y)+1, time.March, 31) }

// Months returns the twelve months of the fiscal year in order, April first,
// as the first day of each month.
func (y Year) Months() []time.Time {
	out := make([]time.Time, 12)
	for i := range out {
		out[i] = day(int(y), time.April+time.Month(i), 1)
	}
	return out
}

// CalendarYear returns the western year in which month m of the fiscal year
// falls: April to December in the first year, January to March in the next.
func (y Year) CalendarYear(m time.Month) int {
	if m < time.April {
		return int(y) + 1
	}
	return int(y)
}

// EraLabel is the Japanese name of the fiscal year in the era calendar,
// such as 令和4年度. A fiscal year is named after the era of the calendar
// year it begins in (EraOfYear), so FY2019, which began on 1 April 2019 under
// 平成31, is 令和元年度, as documents written after May 2019 call it; plans
// written before then can override the label. Before 明治 it returns "".
func (y Year) EraLabel() string {
	era, n, ok := EraOfYear(int(y))
	if !ok {
		return ""
	}
	return era.Name + EraYear(n) + "度"
}

// JaLabel is the full Japanese label: 令和4年度 (2022年度).
func (y Year) JaLabel() string {
	if e := y.EraLabel(); e != "" {
		return fmt.Sprintf("%s（%d年度）", e, int(y))
	}
	return fmt.Sprintf("%d年度", int(y))
}

// EnLabel is the short English label: FY2022.
func (y Year) EnLabel() string { return fmt.Sprintf("FY%d", int(y)) }

// EnRange is the English span: April 2022 - March 2023.
func (y Year) EnRange() string {
	return fmt.Sprintf("April %d – March %d", int(y), int(y)+1)
}

// JaRange is the Japanese span: 2022年4月～2023年3月.
func (y Year) JaRange() string {
	return fmt.Sprintf("%d年4月～%d年3月", int(y), int(y)+1)
}

// JaMonth formats a month in the era calendar: 令和4年4月 (2019-04 is
// 平成31年4月 and 2019-05 令和元年5月, by the era in force on the 1st).
func JaMonth(year int, m time.Month) string {
	era, n, ok := EraOfDate(day(year, m, 1))
	if !ok {
		return fmt.Sprintf("%d年%d月", year, int(m))
	}
	return fmt.Sprintf("%s%s%d月", era.Name, EraYear(n), int(m))
}

// JaDate formats a date in the era calendar: 令和6年4月1日.
func JaDate(t time.Time) string {
	era, n, ok := EraOfDate(t)
	if !ok {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return fmt.Sprintf("%s%s%d月%d日", era.Name, EraYear(n), int(t.Month()), t.Day())
}
