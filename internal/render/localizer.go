package render

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/fiscal"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/markdown"
	"github.com/plansite/plansite/internal/plan"
)

// A Localizer formats values for one page in one language. Templates reach
// it as .L. It is made per page and is not safe for concurrent use.
type Localizer struct {
	Lang     lang.Lang
	basePath string
	md       *markdown.Converter
	ids      *markdown.IDs
}

// T returns the theme string key in the page's language.
func (l *Localizer) T(key string) string {
	s, ok := uiStrings[key]
	if !ok {
		if s, ok = changeStrings[key]; !ok {
			return "[" + key + "]"
		}
	}
	return s.String(l.Lang)
}

// Tf formats the theme string key with args.
func (l *Localizer) Tf(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// Text returns t as escaped inline HTML. Missing English shows the
// Japanese, marked with lang="ja" and a visible note for screen readers
// and eyes alike.
func (l *Localizer) Text(t lang.Text) template.HTML {
	loc := t.In(l.Lang)
	esc := template.HTMLEscapeString(loc.Value)
	if !loc.Fallback {
		return template.HTML(esc)
	}
	return template.HTML(fmt.Sprintf(`<span lang="%s" class="fallback">%s<span class="fallback-mark" lang="%s"> (%s)</span></span>`,
		loc.Lang, esc, l.Lang, template.HTMLEscapeString(l.T("untranslatedShort"))))
}

// Plain returns t in the page's language as plain text, falling back to
// Japanese unmarked, for attributes and titles.
func (l *Localizer) Plain(t lang.Text) string { return t.String(l.Lang) }

// Markdown renders t as a block of HTML with headings kept as written.
func (l *Localizer) Markdown(t lang.Text) (template.HTML, error) { return l.markdown(t, 0) }

// Prose renders t with its largest heading at level top.
func (l *Localizer) Prose(t lang.Text, top int) (template.HTML, error) { return l.markdown(t, top) }

func (l *Localizer) markdown(t lang.Text, top int) (template.HTML, error) {
	loc := t.In(l.Lang)
	out, err := l.md.Render(loc.Value, top, l.ids)
	if err != nil {
		return "", err
	}
	if !loc.Fallback {
		return template.HTML(out), nil
	}
	return template.HTML(fmt.Sprintf(`<div lang="%s" class="fallback">%s<p class="fallback-note" lang="%s">%s</p></div>`,
		loc.Lang, out, l.Lang, template.HTMLEscapeString(l.T("untranslated")))), nil
}

// Page renders the body of a content page in the page's language.
func (l *Localizer) Page(p plan.Page, top int) (template.HTML, error) {
	return l.markdown(p.Markdown(), top)
}

// URL returns the site path of a page: URL "meyasubako/2024/" is
// /ja/meyasubako/2024/ under the base path.
func (l *Localizer) URL(path string) string { return l.basePath + "/" + string(l.Lang) + "/" + path }

// Root returns a path under the base path, for files not per language.
func (l *Localizer) Root(path string) string { return l.basePath + "/" + path }

// Num formats a figure with thousands separators and as few decimals as
// it has: 1548 → 1,548; 0.9 → 0.9.
func (l *Localizer) Num(v float64) string {
	return groupThousands(strconv.FormatFloat(v, 'f', -1, 64))
}

// Int formats an integer with thousands separators.
func (l *Localizer) Int(v int) string { return groupThousands(strconv.Itoa(v)) }

// Fixed formats v with exactly d decimals: 9 with 1 → 9.0.
func (l *Localizer) Fixed(v float64, d int) string {
	return groupThousands(strconv.FormatFloat(math.Round(v*100)/100, 'f', d, 64))
}

func groupThousands(s string) string {
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if neg {
		out = "-" + out
	}
	if frac != "" {
		out += "." + frac
	}
	return out
}

// Yen formats an amount of money: 1,000円 in Japanese, ¥1,000 in
// English. Japanese counts whole ten-thousands in 万 and 億, as plans
// print them: 50,000 is 5万円, 1,200,000 is 120万円 and 150,000,000 is
// 1億5,000万円; an amount with a remainder below 万 keeps its digits
// (15,500円), so no figure is ever rounded.
func (l *Localizer) Yen(v int) string {
	if l.Lang != lang.Ja {
		return "¥" + l.Int(v)
	}
	if v <= 0 || v%10000 != 0 {
		return l.Int(v) + "円"
	}
	man := v / 10000
	var s string
	if oku := man / 10000; oku > 0 {
		s = l.Int(oku) + "億"
	}
	if rest := man % 10000; rest > 0 {
		s += l.Int(rest) + "万"
	}
	return s + "円"
}

// Quantity formats a value with its unit: 1,548件 / 1,548 cases; 75% in both.
func (l *Localizer) Quantity(v float64, unit lang.Text) string {
	u := unit.String(l.Lang)
	n := l.Num(v)
	if u == "%" || u == "％" {
		return n + "%"
	}
	if l.Lang == lang.Ja || u == "" {
		return n + u
	}
	return n + " " + u
}

// FiscalYear labels a plan's year: 令和6年度（2024年度）/ FY2024. A plan's
// own era label overrides the computed one.
func (l *Localizer) FiscalYear(p *plan.Plan) string {
	if l.Lang == lang.En {
		return p.FiscalYear.EnLabel()
	}
	if p.EraLabel != "" {
		return fmt.Sprintf("%s（%d年度）", p.EraLabel, int(p.FiscalYear))
	}
	return p.FiscalYear.JaLabel()
}

// FiscalRange is the span of the year: 2024年4月～2025年3月 / April 2024 – March 2025.
func (l *Localizer) FiscalRange(y fiscal.Year) string {
	if l.Lang == lang.En {
		return y.EnRange()
	}
	return y.JaRange()
}

// Date formats a day: 令和6年4月1日 / 1 April 2024.
func (l *Localizer) Date(d plan.Date) string {
	if l.Lang == lang.En {
		return d.Format("2 January 2006")
	}
	return fiscal.JaDate(d.Time)
}

// Month formats a month: 令和4年4月 / April 2022.
func (l *Localizer) Month(ym plan.YearMonth) string {
	if l.Lang == lang.En {
		return fmt.Sprintf("%s %d", ym.Month, ym.Year)
	}
	return fiscal.JaMonth(ym.Year, ym.Month)
}

// MonthOfYear names month m of fiscal year y with its calendar year:
// 2024年4月 / April 2024.
func (l *Localizer) MonthOfYear(y fiscal.Year, m time.Month) string {
	cy := y.CalendarYear(m)
	if l.Lang == lang.En {
		return fmt.Sprintf("%s %d", m, cy)
	}
	return fmt.Sprintf("%d年%d月", cy, int(m))
}

// Frequency formats a count per period: 年5回 / 5 times a year.
func (l *Localizer) Frequency(f *plan.Frequency) string { return f.Label().String(l.Lang) }

// Marker returns the enumeration mark for item i (0-based) of style.
func (l *Localizer) Marker(style string, i int) string {
	switch style {
	case "circled":
		if i < 20 {
			return string(rune('①' + i))
		}
	case "katakana":
		if i < len(katakanaMarks) {
			return string(katakanaMarks[i])
		}
	case "paren":
		return fmt.Sprintf("(%d)", i+1)
	case "number":
		return fmt.Sprintf("%d.", i+1)
	}
	return ""
}

// katakanaMarks is the アイウエオ order used to enumerate items.
var katakanaMarks = []rune("アイウエオカキクケコサシスセソタチツテト")
