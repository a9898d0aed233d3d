package render

import (
	"html/template"
	"strings"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// StaffingMeta is a staffing table's as-of date and unit for its caption,
// in brackets: （令和6年4月1日現在、単位: 名） / (As of 1 April 2024,
// unit: staff). It is "" when the table gives neither.
func (d *pageData) StaffingMeta(s plan.Staffing) template.HTML {
	l := d.L
	var parts []string
	if s.AsOf.IsSet() {
		date := template.HTMLEscapeString(l.Date(s.AsOf))
		asOf := template.HTMLEscapeString(l.T("asOf"))
		if l.Lang == lang.Ja {
			parts = append(parts, date+asOf)
		} else {
			parts = append(parts, asOf+" "+date)
		}
	}
	if !s.Unit.IsZero() {
		parts = append(parts, template.HTMLEscapeString(l.T("unit"))+": "+string(l.Text(s.Unit)))
	}
	if len(parts) == 0 {
		return ""
	}
	return template.HTML(l.Tf("parenthesized", strings.Join(parts, template.HTMLEscapeString(l.T("listSep")))))
}
