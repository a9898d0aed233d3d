package export

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// BOM is the UTF-8 byte order mark that starts every CSV file, so that
// Excel reads it as UTF-8 rather than Shift_JIS.
const BOM = "\ufeff"

// CSV writes a header and records for spreadsheets: BOM first, CRLF line
// ends, and fields quoted as RFC 4180 requires (those holding a comma, a
// double quote or a line break, with quotes doubled). Line breaks inside
// a field are written as CRLF too. A text cell that a spreadsheet would
// run as a formula gets a leading ' (see Defuse); records are not changed.
func CSV(header []string, records [][]string) []byte {
	var buf bytes.Buffer
	buf.WriteString(BOM)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	// Write fails only when its writer does, and a bytes.Buffer does not.
	w.Write(header)
	row := make([]string, 0, len(header))
	for _, r := range records {
		row = row[:0]
		for _, cell := range r {
			row = append(row, Defuse(cell))
		}
		w.Write(row)
	}
	w.Flush()
	return buf.Bytes()
}

// Defuse keeps a spreadsheet from running a cell as a formula (CSV
// injection): text that starts with =, +, -, @, a tab or a carriage
// return gets a leading ', which spreadsheets show as text. Plain
// decimals such as -0.5 are left alone, so they stay numbers.
func Defuse(cell string) string {
	if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) || isDecimal(cell) {
		return cell
	}
	return "'" + cell
}

// isDecimal reports whether s is a signed decimal: -12, +0.5.
func isDecimal(s string) bool {
	digits, dots := 0, 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' && dots == 0:
			dots++
		case (r == '-' || r == '+') && i == 0:
		default:
			return false
		}
	}
	return digits > 0
}

// headers are the CSV header rows per language. The English ones are
// also the columns' names in the README.
var headers = map[string]map[lang.Lang][]string{
	"targets": {
		lang.Ja: {"キー", "掲載箇所", "項目", "目標値", "単位", "期間（月）", "分子", "分母", "前年度", "実績", "備考"},
		lang.En: {"Key", "Location", "Target", "Value", "Unit", "Period (months)", "Numerator", "Denominator", "Previous year", "Actual", "Note"},
	},
	"staffing": {
		lang.Ja: {"表ID", "表", "掲載箇所", "基準日", "単位", "雇用形態", "職種キー", "職種", "人数", "雇用形態の合計（計算値）", "計画書に記載の合計"},
		lang.En: {"Table ID", "Table", "Location", "As of", "Unit", "Employment type", "Role key", "Role", "Number (FTE)", "Row total (computed)", "Stated total"},
	},
}

// TargetsCSV lists the plan's targets in language l, one row each, or
// returns nil when the plan has none.
func TargetsCSV(p *plan.Plan, l lang.Lang) []byte {
	var records [][]string
	p.EachBlocks(func(place plan.Place, b *plan.Blocks) {
		for _, t := range b.Targets {
			var num, den string
			if t.Definition != nil {
				num, den = t.Definition.Numerator.String(l), t.Definition.Denominator.String(l)
			}
			period := ""
			if t.PeriodMonths > 0 {
				period = strconv.Itoa(t.PeriodMonths)
			}
			records = append(records, []string{
				t.Key, location(place, l), t.Name.String(l), number(t.Value), t.Unit.String(l), period,
				num, den, optional(t.Previous), optional(t.Actual), t.Note.String(l),
			})
		}
	})
	if records == nil {
		return nil
	}
	return CSV(headers["targets"][l], records)
}

// StaffingCSV lists the plan's staffing tables in language l, one row per
// figure (an employment type and a role), so that a spreadsheet's sum or
// pivot table counts every figure once. Each row repeats its employment
// type's computed total and the total the plan document states. It
// returns nil when the plan has no staffing.
func StaffingCSV(p *plan.Plan, l lang.Lang) []byte {
	var records [][]string
	p.EachBlocks(func(place plan.Place, b *plan.Blocks) {
		for _, s := range b.Staffing {
			asOf := ""
			if s.AsOf.IsSet() {
				asOf = s.AsOf.Format("2006-01-02")
			}
			table := []string{s.ID, s.Caption.String(l), location(place, l), asOf, s.Unit.String(l)}
			for _, r := range s.Rows {
				totals := []string{number(r.Total()), optional(r.StatedTotal)}
				row := append(table[:len(table):len(table)], r.Type.String(l))
				wrote := false
				for _, role := range s.Roles {
					if v, ok := r.Cells[role.Key]; ok {
						records = append(records, concat(row, []string{role.Key, role.Name.String(l), number(v)}, totals))
						wrote = true
					}
				}
				if !wrote { // keep an empty row's stated total
					records = append(records, concat(row, []string{"", "", ""}, totals))
				}
			}
		}
	})
	if records == nil {
		return nil
	}
	return CSV(headers["staffing"][l], records)
}

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// location names where a block sits: 生活自立相談支援センター ＞ 5. 事業目標値.
func location(place plan.Place, l lang.Lang) string {
	names := make([]string, len(place))
	for i, t := range place {
		names[i] = t.String(l)
	}
	sep := " > "
	if l == lang.Ja {
		sep = " ＞ "
	}
	return strings.Join(names, sep)
}

// number writes a figure as a spreadsheet reads it: no separators, as few
// decimals as it has (1548, 0.9).
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func optional(v *float64) string {
	if v == nil {
		return ""
	}
	return number(*v)
}
