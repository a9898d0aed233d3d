package render

import (
	"html/template"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

func fp(v float64) *float64 { return &v }

func TestYenPerLanguage(t *testing.T) {
	ja, en := localizers()
	tests := []struct {
		l    *Localizer
		v    int
		want string
	}{
		{ja, 1000, "1,000円"},
		{ja, 50000, "5万円"},
		{ja, 15500, "15,500円"}, // a remainder below 万 keeps every digit
		{ja, 1200000, "120万円"},
		{ja, 12340000, "1,234万円"},
		{ja, 100000000, "1億円"},
		{ja, 150000000, "1億5,000万円"},
		{ja, 0, "0円"},
		{en, 1000, "¥1,000"},
		{en, 50000, "¥50,000"},
		{en, 150000000, "¥150,000,000"},
	}
	for _, tt := range tests {
		if got := tt.l.Yen(tt.v); got != tt.want {
			t.Errorf("%s Yen(%d) = %q, want %q", tt.l.Lang, tt.v, got, tt.want)
		}
	}
}

func TestProgress(t *testing.T) {
	ja, en := localizers()
	cases := lang.T("件", "cases")
	pct := lang.T("%", "")
	tests := []struct {
		name   string
		l      *Localizer
		target plan.Target
		want   string
	}{
		{"no actual", ja, plan.Target{Value: 1548, Unit: cases}, ""},
		{"count ja", ja, plan.Target{Value: 1548, Unit: cases, Actual: fp(1402)}, "1,402 / 1,548件（91%）"},
		{"count en", en, plan.Target{Value: 1548, Unit: cases, Actual: fp(1402)}, "1,402 / 1,548 cases (91%)"},
		{"over target", en, plan.Target{Value: 1548, Unit: cases, Actual: fp(1600)}, "1,600 / 1,548 cases (103%)"},
		{"target of zero", ja, plan.Target{Value: 0, Unit: cases, Actual: fp(3)}, "3 / 0件"},
		{"rate below", ja, plan.Target{Value: 75, Unit: pct, Actual: fp(72)}, "72%（目標との差 −3ポイント）"},
		{"rate above", en, plan.Target{Value: 70, Unit: pct, Actual: fp(72)}, "72% (+2 points against the target)"},
		{"one point", en, plan.Target{Value: 70, Unit: pct, Actual: fp(71)}, "71% (+1 point against the target)"},
		{"rate met", ja, plan.Target{Value: 90, Unit: pct, Actual: fp(90)}, "90%（目標との差 0ポイント）"},
		{"fractional points", en, plan.Target{Value: 75, Unit: pct, Actual: fp(72.5)}, "72.5% (−2.5 points against the target)"},
	}
	for _, tt := range tests {
		if got := tt.l.Progress(tt.target); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWrapText(t *testing.T) {
	tests := []struct {
		name string
		s    string
		ems  int
		want []string
	}{
		{"fits", "新規相談件数", 24, []string{"新規相談件数"}},
		{"japanese", "プラン作成者のうち、自立に向けた改善が見られた者の割合", 24, []string{"プラン作成者のうち、自立に向けた改善が見られた者", "の割合"}},
		// 、 may not begin a line: it stays on the line before.
		{"no comma at line start", "一二三四五、六七", 5, []string{"一二三四五、", "六七"}},
		{"latin words kept whole", "Rate of finding work or increasing income", 24, []string{"Rate of finding work or increasing", "income"}},
		{"mixed", "NPO法人の数", 3, []string{"NPO法", "人の数"}},
		{"empty", "", 24, nil},
	}
	for _, tt := range tests {
		got := wrapText(tt.s, tt.ems)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestChartGeometry(t *testing.T) {
	counts := newChart("c", "件", "", false, []chartGroup{
		{name: "新規相談件数", figures: []figure{{"target", "目標 1,548件", 1548}, {"actual", "実績 774件", 774}}},
		{name: "支援計画作成件数", figures: []figure{{"target", "目標 0件", 0}}},
	})
	var lengths []float64
	for _, b := range counts.Bars {
		lengths = append(lengths, b.Length)
	}
	if len(lengths) != 3 || lengths[0] != chartWidth || lengths[1] != chartWidth/2 || lengths[2] != 0 {
		t.Errorf("count bars %v: want the largest full width, half, none", lengths)
	}
	rates := newChart("r", "%", "", true, []chartGroup{{name: "率", figures: []figure{{"target", "目標 75%", 75}, {"actual", "実績 120%", 120}}}})
	if rates.Bars[0].Length != 240 || rates.Bars[1].Length != chartWidth {
		t.Errorf("rate bars %v, %v: want 75%% of the width and a full one", rates.Bars[0].Length, rates.Bars[1].Length)
	}
	// Every text and bar is inside the chart, and nothing overlaps.
	for _, c := range []chart{counts, rates} {
		bottom := 0
		for _, tx := range c.Texts {
			if tx.Y <= bottom-chartTextLine || tx.Y > c.Height {
				t.Errorf("%s: text %q at %d outside or overlapping (height %d)", c.ID, tx.Text, tx.Y, c.Height)
			}
		}
		for _, b := range c.Bars {
			if b.Y+chartBarH > c.Height || b.Length < 0 || b.Length > float64(c.Width) {
				t.Errorf("%s: bar %+v outside the chart %dx%d", c.ID, b, c.Width, c.Height)
			}
			bottom = b.Y + chartBarH
		}
		if c.Height != bottom+chartPadding {
			t.Errorf("%s: height %d, last bar ends at %d", c.ID, c.Height, bottom)
		}
	}
}

// TestTargetChartsGroupByUnit draws counts of one unit on one scale, and
// rates apart on 0-100%.
func TestTargetChartsGroupByUnit(t *testing.T) {
	ja, _ := localizers()
	cases, people, pct := lang.T("件", "cases"), lang.T("人", "people"), lang.T("%", "")
	charts := ja.targetCharts([]plan.Target{
		{Key: "a", Name: lang.T("相談", ""), Value: 1548, Unit: cases},
		{Key: "b", Name: lang.T("率", ""), Value: 75, Unit: pct},
		{Key: "c", Name: lang.T("計画", ""), Value: 803, Unit: cases},
		{Key: "d", Name: lang.T("参加者", ""), Value: 40, Unit: people},
	})
	var got []string
	for _, c := range charts {
		got = append(got, c.ID+" "+c.Title)
	}
	want := []string{"chart-a 数値目標のグラフ（件）", "chart-b 数値目標のグラフ（%）", "chart-d 数値目標のグラフ（人）"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("charts %q, want %q", got, want)
	}
	if d := charts[0].Desc; d != "相談：目標 1,548件。計画：目標 803件。" {
		t.Errorf("desc %q", d)
	}
	if !charts[1].Rate || charts[0].Rate {
		t.Error("only the % chart is a rate chart")
	}
}

// chartTemplate is the bar-chart partial that drew charts before
// chart.SVG: what html/template makes of it is what SVG must make.
const chartTemplate = `{{$c := .}}
<svg xmlns="http://www.w3.org/2000/svg" class="chart{{if $c.Rate}} chart-rate{{end}}" role="img" aria-labelledby="{{$c.ID}}-title {{$c.ID}}-desc" viewBox="0 0 {{$c.Width}} {{$c.Height}}" width="{{$c.Width}}" height="{{$c.Height}}">
<title id="{{$c.ID}}-title">{{$c.Title}}</title>
<desc id="{{$c.ID}}-desc">{{$c.Desc}}</desc>
{{- range $c.Texts}}
<text class="{{if .Name}}chart-name{{else}}chart-text{{end}}" x="0" y="{{.Y}}" font-size="{{.Size}}"{{if .Name}} font-weight="bold"{{end}} fill="currentColor">{{.Text}}</text>
{{- end}}
{{- range $c.Bars}}
{{- if $c.Rate}}
<rect class="chart-track" x="0.5" y="{{.Y}}.5" width="{{$c.Width | dec}}" height="9" fill="#ffffff" stroke="#767676"/>
{{- end}}
<rect class="chart-bar chart-{{.Kind}}" x="0" y="{{.Y}}" width="{{.Length}}" height="10" fill="{{if eq .Kind "actual"}}#1b6e3a{{else if eq .Kind "previous"}}#767676{{else}}#0b5394{{end}}"/>
{{- end}}
</svg>
`

// TestChartSVG checks chart.SVG against the template it replaced, on
// charts of every kind of bar, a rate chart's tracks, and text that needs
// escaping.
func TestChartSVG(t *testing.T) {
	tmpl := template.Must(template.New("chart").Funcs(template.FuncMap{"dec": func(n int) int { return n - 1 }}).Parse(chartTemplate))
	for _, rate := range []bool{false, true} {
		c := newChart("chart-target-1", `相談件数 <"予定">`, "目標 191件。実績 'A&B'。", rate, []chartGroup{
			{name: "地域福祉活動への参加率（全年代・全地区を対象とする）", figures: []figure{
				{kind: "target", label: "目標 80%", value: 80},
				{kind: "actual", label: "実績 72.5%", value: 72.5},
				{kind: "previous", label: "前年度 66.6%", value: 66.6},
			}},
			{name: "Volunteers", figures: []figure{{kind: "target", label: "Target 0.1%", value: 0.1}}},
		})
		var want strings.Builder
		if err := tmpl.Execute(&want, c); err != nil {
			t.Fatal(err)
		}
		if got := string(c.SVG()); got != want.String() {
			t.Errorf("rate %v: SVG() =\n%s\nthe template made\n%s", rate, got, want.String())
		}
	}
}
