package check

import (
	"fmt"
	"io"
	"strings"

	"github.com/plansite/plansite/internal/diag"
)

// WriteProblems prints the problems grouped by file, errors then warnings
// within each file, each as file:line:col: message so that editors can
// jump to it, a blank line between files, and a closing count.
func (r *Report) WriteProblems(w io.Writer, loc diag.Locale) {
	groups := r.ByFile()
	errs, warns := 0, 0
	for i, g := range groups {
		if i > 0 {
			fmt.Fprintln(w)
		}
		for _, p := range g.Errors {
			fmt.Fprintln(w, p.Localized(loc))
		}
		for _, p := range g.Warnings {
			fmt.Fprintln(w, p.Localized(loc))
		}
		errs += len(g.Errors)
		warns += len(g.Warnings)
	}
	if len(groups) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, loc.Sprintf("%d error(s) and %d warning(s) in %d file(s)", errs, warns, len(groups)))
	if !r.Rendered && errs > 0 {
		fmt.Fprintln(w, loc.Sprintf("links to anchors and files are checked once the errors are fixed"))
	}
}

// WriteCoverage prints the translation coverage table: per plan, the
// texts with English, all texts, the share, and the first texts still
// without English.
func (r *Report) WriteCoverage(w io.Writer, loc diag.Locale) {
	if len(r.Coverage) == 0 {
		return
	}
	fmt.Fprintln(w, loc.Sprintf("Translation coverage (texts with English / all texts):"))
	rows := [][]string{{loc.Sprintf("plan"), loc.Sprintf("translated"), loc.Sprintf("share")}}
	for _, c := range r.Coverage {
		rows = append(rows, []string{c.Plan, fmt.Sprintf("%d / %d", c.Translated, c.Total), fmt.Sprintf("%d%%", c.Percent())})
	}
	widths := make([]int, 3)
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], width(cell))
		}
	}
	for i, row := range rows {
		var b strings.Builder
		b.WriteString("  ")
		b.WriteString(pad(row[0], widths[0], false))
		b.WriteString("  ")
		b.WriteString(pad(row[1], widths[1], true))
		b.WriteString("  ")
		b.WriteString(pad(row[2], widths[2], true))
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		if i == 0 {
			continue
		}
		if c := r.Coverage[i-1]; len(c.Missing) > 0 {
			quoted := make([]string, len(c.Missing))
			for j, m := range c.Missing {
				quoted[j] = "「" + m + "」"
			}
			fmt.Fprintln(w, "    "+loc.Sprintf("not yet translated: %s", strings.Join(quoted, " ")))
		}
	}
}

// pad fills s with spaces to w display columns, on the left when right is set.
func pad(s string, w int, right bool) string {
	fill := strings.Repeat(" ", max(0, w-width(s)))
	if right {
		return fill + s
	}
	return s + fill
}

// width is the number of terminal columns s takes: two for East Asian
// wide characters (kana, kanji, full-width forms), one for the rest.
func width(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
			r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
			r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000 && r <= 0x3FFFD:
			n += 2
		default:
			n++
		}
	}
	return n
}
