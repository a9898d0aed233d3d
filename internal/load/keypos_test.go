package load

import (
	"testing"

	"github.com/plansite/plansite/internal/diag"
)

const keyposSample = `# 計画
fiscal_year = 2024
title = { ja = "事業計画", en = "Plan" }
policy = """
複数行の
文章"""

[[divisions]]
id = "a"
name = "総務課"

[[divisions.sections]]
name = "法人運営"
[[divisions.sections.programs]]
name = "理事会"
frequency = { count = 5, per = "year" }

[[divisions]]
id = "b"
[[divisions.staffing]]
roles = [
  { key = "lead", name = "センター長" },
  { key = "staff", name = "相談員" },
]
[[divisions.staffing.rows]]
cells = { lead = 0.9, "staff" = 5.6 }
[[divisions.schedule]]
months = [4, 13]
`

func TestScanKeys(t *testing.T) {
	kp := scanKeys("p.toml", []byte(keyposSample))
	tests := []struct {
		path string
		line int
		col  int
	}{
		{"fiscal_year", 2, 1},
		{"title.en", 3, 24},
		{"divisions[0].name", 10, 1},
		{"divisions[0].sections[0].programs[0].frequency.per", 16, 26},
		{"divisions[1].id", 19, 1},
		{"divisions[1].staffing[0].roles[1].name", 23, 20},
		{"divisions[1].staffing[0].rows[0].cells.staff", 26, 23},
		{"divisions[1].schedule[0].months[1]", 28, 14},
		// Not written: falls back to the nearest written ancestor.
		{"divisions[1].staffing[0].rows[0].stated_total", 25, 1},
		{"divisions[0].sections[0].programs[0]", 14, 1},
	}
	for _, tt := range tests {
		got := kp.Pos(tt.path)
		want := diag.Pos{File: "p.toml", Line: tt.line, Col: tt.col}
		if got != want {
			t.Errorf("%s: got %s, want %s", tt.path, got, want)
		}
	}
	if got := kp.Shaped("divisions.id"); len(got) != 2 || got[1].Line != 19 {
		t.Errorf("Shaped(divisions.id) = %v", got)
	}
}
