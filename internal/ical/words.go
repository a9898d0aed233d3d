package ical

import (
	"fmt"
	"time"

	"github.com/plansite/plansite/internal/fiscal"
	"github.com/plansite/plansite/internal/lang"
)

// word is a phrase of the calendar files in both languages, with %s verbs.
type word lang.Text

func (w word) String(l lang.Lang) string { return lang.Text(w).String(l) }

func (w word) fmt(l lang.Lang, args ...any) string { return fmt.Sprintf(w.String(l), args...) }

// words are the phrases the files use besides the plans' own text.
var words = map[string]word{
	"inMonth":         {"%sに予定（日は未定）", "Planned for %s (day not fixed)"},
	"everyMonth":      {"毎月（%s）", "Every month (%s)"},
	"everyMonthShort": {"毎月", "Every month"},
	"asNeeded":        {"随時", "As needed"},
	"sep":             {"、", ", "},
	"paren":           {"（%s）", " (%s)"},
	"rangeSep":        {"～", " – "},
}

// monthLabel names the month of t: 2024年5月 / May 2024.
func monthLabel(l lang.Lang, t time.Time) string {
	if l == lang.En {
		return t.Format("January 2006")
	}
	return fmt.Sprintf("%d年%d月", t.Year(), int(t.Month()))
}

// dayLabel names a day: 2024年10月19日 / 19 October 2024.
func dayLabel(l lang.Lang, t time.Time) string {
	if l == lang.En {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// fiscalRange is the span of a fiscal year: 2024年4月～2025年3月.
func fiscalRange(l lang.Lang, fy fiscal.Year) string {
	if l == lang.En {
		return fy.EnRange()
	}
	return fy.JaRange()
}
