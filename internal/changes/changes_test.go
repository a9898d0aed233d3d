package changes

import (
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/plansite/plansite/internal/plan"
)

func decode(t *testing.T, src string) *plan.Plan {
	t.Helper()
	var p plan.Plan
	if _, err := toml.Decode(src, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

const base = `
fiscal_year = 2024
[[divisions]]
id = "soumu"
name = "総務課"
[[divisions.sections]]
name = "法人運営"
[[divisions.sections.programs]]
id = "rijikai"
name = "理事会"
frequency = { count = 5, per = "year" }
[[divisions.sections.programs]]
name = "ふれあいサロン"
sites = 3
[[divisions.sections.targets]]
key = "soudan"
name = "新規相談件数"
value = 1548
unit = "件"
actual = 1600
[[divisions.staffing]]
caption = "職員配置"
roles = [{ key = "soudanin", name = "相談員" }, { key = "jimu", name = "事務員" }]
[[divisions.staffing.rows]]
type = "常勤"
cells = { soudanin = 3, jimu = 1 }
`

// edit applies string replacements to the base plan.
func edit(pairs ...string) string {
	return strings.NewReplacer(pairs...).Replace(base)
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name string
		new  string
		want string // a summary of the changes
	}{
		{"nothing", edit("fiscal_year = 2024", "fiscal_year = 2025", "actual = 1600", "previous = 1600"), ""},
		{"frequency", edit("count = 5", "count = 6"), "changed rijikai: frequency"},
		{"program without id, by name", edit("sites = 3", "sites = 4"), "changed name:ふれあいサロン: sites"},
		{"renamed program without id", edit("ふれあいサロン", "いきいきサロン"), "added name:いきいきサロン; removed name:ふれあいサロン"},
		{"added and removed", edit(`id = "rijikai"`, `id = "hyogiinkai"`), "added hyogiinkai; removed rijikai"},
		{"target value", edit("value = 1548", "value = 1600"), "target soudan 1548 -> 1600"},
		{"target removed", edit(`key = "soudan"`, `key = "houmon"`), "target houmon (new); target soudan (gone)"},
		{"staffing", edit("soudanin = 3, jimu = 1", "soudanin = 4, jimu = 1"), "staffing 職員配置: 常勤 相談員 3 -> 4"},
		{"staffing cell removed", edit("soudanin = 3, jimu = 1", "soudanin = 3"), "staffing 職員配置: 常勤 事務員 1 -> none"},
	}
	old := decode(t, base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Compare(old, decode(t, tt.new))
			if got := summary(c); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func summary(c *Plan) string {
	var parts []string
	for _, p := range c.Changed {
		parts = append(parts, "changed "+programKey(p.New.Program)+": "+strings.Join(p.Fields, ","))
	}
	for _, p := range c.Added {
		parts = append(parts, "added "+programKey(p.Program))
	}
	for _, p := range c.Removed {
		parts = append(parts, "removed "+programKey(p.Program))
	}
	for _, t := range c.Targets {
		switch {
		case t.Old == nil:
			parts = append(parts, "target "+t.Key+" (new)")
		case t.New == nil:
			parts = append(parts, "target "+t.Key+" (gone)")
		default:
			parts = append(parts, "target "+t.Key+" "+plan.FormatFTE(t.Old.Value)+" -> "+plan.FormatFTE(t.New.Value))
		}
	}
	for _, s := range c.Staffing {
		for _, cell := range s.Cells {
			n := "none"
			if cell.HasNew {
				n = plan.FormatFTE(cell.New)
			}
			parts = append(parts, "staffing "+s.Caption().Ja+": "+cell.Type.Ja+" "+cell.Role.Ja+" "+plan.FormatFTE(cell.Old)+" -> "+n)
		}
	}
	return strings.Join(parts, "; ")
}

func TestSince(t *testing.T) {
	org := &plan.Org{ID: "mihon"}
	p22, p24, p25 := decode(t, base), decode(t, base), decode(t, edit("count = 5", "count = 4"))
	p22.FiscalYear, p24.FiscalYear, p25.FiscalYear = 2022, 2024, 2025
	org.Plans = []*plan.Plan{p22, p24, p25}
	for _, p := range org.Plans {
		p.Org = org
	}
	if Previous(p22) != nil || Previous(p24) != p22 || Previous(p25) != p24 {
		t.Error("Previous picks the wrong plan")
	}
	if c := Since(p24); c != nil {
		t.Errorf("identical plans: %+v", c)
	}
	c := Since(p25)
	if c == nil || c.From != 2024 || c.To != 2025 || !reflect.DeepEqual(c.Changed[0].Fields, []string{"frequency"}) {
		t.Errorf("Since(2025) = %+v", c)
	}
}
