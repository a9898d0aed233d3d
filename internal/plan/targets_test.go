package plan

import (
	"github.com/plansite/plansite/internal/fiscal"
	"math"
	"strings"
	"testing"
)

func TestProgress(t *testing.T) {
	tests := []struct {
		name       string
		target     Target
		ok         bool
		percent    int
		hasPercent bool
		points     float64
	}{
		{"no actual", Target{Value: 1548}, false, 0, false, 0},
		{"1,402 of 1,548", Target{Value: 1548, Actual: f(1402)}, true, 91, true, -146},
		{"over", Target{Value: 1548, Actual: f(1600)}, true, 103, true, 52},
		{"zero target", Target{Value: 0, Actual: f(3)}, true, 0, false, 3},
		{"rate", Target{Value: 75, Unit: Text{Ja: "%"}, Actual: f(72.3)}, true, 96, true, -2.7},
	}
	for _, tt := range tests {
		p, ok := tt.target.Progress()
		if ok != tt.ok || p.Percent != tt.percent || p.HasPercent != tt.hasPercent || math.Abs(p.Points-tt.points) > 1e-9 {
			t.Errorf("%s: got %+v, %v", tt.name, p, ok)
		}
	}
}

func TestEachBlocksInPageOrder(t *testing.T) {
	tg := func(k string) Blocks { return Blocks{Targets: []Target{{Key: k}}} }
	p := &Plan{
		Blocks: tg("plan"),
		Divisions: []Division{{
			Name:   Text{Ja: "課"},
			Blocks: tg("division"),
			Sections: []Section{{
				Name:     Text{Ja: "係"},
				Blocks:   tg("section"),
				Programs: []Program{{Name: Text{Ja: "事業"}, Blocks: tg("program")}},
				Sections: []Section{{Name: Text{Ja: "小係"}, Blocks: tg("subsection")}},
			}},
		}},
	}
	var got []string
	p.EachBlocks(func(place Place, b *Blocks) {
		var names []string
		for _, t := range place {
			names = append(names, t.Ja)
		}
		got = append(got, b.Targets[0].Key+"@"+strings.Join(names, ">"))
	})
	want := "plan@ program@課>係>事業 subsection@課>係>小係 section@課>係 division@課"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestTargetHistory(t *testing.T) {
	o := &Org{}
	for _, y := range []struct {
		year int
		keys []string
	}{{2022, []string{"a", "b"}}, {2023, []string{"a"}}, {2024, []string{"a", "c"}}} {
		p := &Plan{FiscalYear: fiscal.Year(y.year), Org: o}
		for _, k := range y.keys {
			p.Divisions = append(p.Divisions, Division{Blocks: Blocks{Targets: []Target{{Key: k}}}})
		}
		o.Plans = append(o.Plans, p)
	}
	h := o.TargetHistory()
	if len(h["a"]) != 3 || h["a"][0].Year() != 2022 || h["a"][2].Year() != 2024 || len(h["b"]) != 1 || len(h["c"]) != 1 {
		t.Errorf("history %v", h)
	}
}

func TestValidateTargets(t *testing.T) {
	p := &Plan{
		FiscalYear: 2024,
		Divisions: []Division{
			{ID: "a", Name: Text{Ja: "課"}, Blocks: Blocks{Targets: []Target{{Key: "k", Name: Text{Ja: "件数"}, Value: math.NaN()}}}},
			{ID: "b", Name: Text{Ja: "課"}, Blocks: Blocks{
				Targets:  []Target{{Key: "k", Name: Text{Ja: "件数"}, Previous: f(-1), Actual: f(math.Inf(1))}},
				Staffing: []Staffing{{Roles: []Role{{Key: "x"}}, Rows: []StaffRow{{Cells: map[string]float64{"x": math.NaN()}, StatedTotal: f(math.NaN())}}}},
			}},
		},
	}
	var got []string
	for _, is := range ValidatePlan(p) {
		got = append(got, is.Path+": "+is.Message)
	}
	want := []string{
		"divisions[0].targets[0].value: value must be a number",
		`divisions[1].targets[0].key: target key "k" is used twice`,
		"divisions[1].targets[0].actual: actual must be a number",
		"divisions[1].targets[0].previous: a previous value cannot be negative",
		"divisions[1].staffing[0].rows[0].cells.x: staff numbers are full-time equivalents",
		"divisions[1].staffing[0].rows[0].stated_total: stated_total must be a number",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d issues:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("issue %d:\ngot  %s\nwant %s…", i, got[i], want[i])
		}
	}
}
