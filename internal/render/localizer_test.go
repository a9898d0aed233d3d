package render

import (
	"testing"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/markdown"
	"github.com/plansite/plansite/internal/plan"
)

func localizers() (ja, en *Localizer) {
	md := markdown.New(markdown.Options{})
	return &Localizer{Lang: lang.Ja, md: md, ids: markdown.NewIDs("")},
		&Localizer{Lang: lang.En, md: md, ids: markdown.NewIDs("")}
}

func TestNumbersPerLanguage(t *testing.T) {
	ja, en := localizers()
	cases := lang.T("件", "cases")
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"count ja", ja.Quantity(1548, cases), "1,548件"},
		{"count en", en.Quantity(1548, cases), "1,548 cases"},
		{"rate ja", ja.Quantity(75, lang.T("%", "")), "75%"},
		{"rate en", en.Quantity(75, lang.T("%", "")), "75%"},
		{"fraction", ja.Num(0.9), "0.9"},
		{"fixed", ja.Fixed(9, 1), "9.0"},
		{"fixed rounding", en.Fixed(0.1+0.2, 1), "0.3"},
		{"big", ja.Num(1234567), "1,234,567"},
		{"negative", ja.Num(-1234.5), "-1,234.5"},
		{"yen ja", ja.Yen(1000), "1,000円"},
		{"yen en", en.Yen(50000), "¥50,000"},
		{"frequency ja", ja.Frequency(&plan.Frequency{Count: 5, Per: "year"}), "年5回"},
		{"frequency en", en.Frequency(&plan.Frequency{Count: 5, Per: "year"}), "5 times a year"},
		{"twice a month", en.Frequency(&plan.Frequency{Count: 2, Per: "month"}), "twice a month"},
		{"once a week ja", ja.Frequency(&plan.Frequency{Count: 1, Per: "week"}), "週1回"},
		{"circled", ja.Marker("circled", 2), "③"},
		{"katakana", ja.Marker("katakana", 3), "エ"},
		{"paren", ja.Marker("paren", 0), "(1)"},
		{"month ja", ja.Month(plan.YearMonth{Year: 2022, Month: 4}), "令和4年4月"},
		{"month en", en.Month(plan.YearMonth{Year: 2025, Month: 3}), "March 2025"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestFallbackIsMarked(t *testing.T) {
	_, en := localizers()
	got := string(en.Text(lang.T("評議員会", "")))
	want := `<span lang="ja" class="fallback">評議員会<span class="fallback-mark" lang="en"> (not yet translated)</span></span>`
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if got := string(en.Text(lang.T("<理事会>", "<Board>"))); got != "&lt;Board&gt;" {
		t.Errorf("not escaped: %s", got)
	}
}

func TestUIStringsHaveBothLanguages(t *testing.T) {
	for key, s := range uiStrings {
		if s.Ja == "" || s.En == "" {
			t.Errorf("%q lacks a language: %+v", key, s)
		}
	}
}
