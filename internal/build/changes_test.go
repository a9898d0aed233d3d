package build

import (
	"context"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/sitetest"
)

// TestChangesSection builds an organization with two plans and checks the
// newer plan's page lists what changed, in both languages, and the older
// one's does not.
func TestChangesSection(t *testing.T) {
	plan := func(year, count, value string) string {
		return `fiscal_year = ` + year + `
title = { ja = "事業計画", en = "Business Plan" }
[[divisions]]
id = "soumu"
name = { ja = "総務課", en = "General Affairs" }
[[divisions.sections]]
name = { ja = "法人運営", en = "Management" }
[[divisions.sections.programs]]
id = "rijikai"
name = { ja = "理事会", en = "Board of Directors" }
frequency = { count = ` + count + `, per = "year" }
[[divisions.targets]]
key = "soudan"
name = { ja = "新規相談件数", en = "New consultations" }
value = ` + value + `
unit = { ja = "件", en = "cases" }
`
	}
	src := sitetest.Write(t, `
-- data/orgs/mihon.toml --
name = { ja = "社会福祉法人 見本会", en = "Mihon-kai" }
legal_type = "corporation"
-- data/plans/mihon/2023.toml --
`+plan("2023", "5", "1548")+`
-- data/plans/mihon/2024.toml --
`+plan("2024", "6", "1600"))
	out, _, err := Render(context.Background(), Options{Source: src, NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	ja, en := string(out["ja/mihon/2024/index.html"]), string(out["en/mihon/2024/index.html"])
	for _, want := range []string{
		`<li><a href="#changes">前年度からの変更</a>`,
		`<h2 id="changes-title">令和5年度（2023年度）からの変更</h2>`,
		`<li><a href="#rijikai">理事会</a>: 開催頻度</li>`,
		`<td class="num">1,548件</td>`,
		`<td class="num">1,600件</td>`,
	} {
		if !strings.Contains(ja, want) {
			t.Errorf("ja page lacks %s", want)
		}
	}
	for _, want := range []string{
		`<h2 id="changes-title">Changes since FY2023</h2>`,
		`<li><a href="#rijikai">Board of Directors</a>: Frequency</li>`,
		`<td class="num">1,548 cases</td>`,
	} {
		if !strings.Contains(en, want) {
			t.Errorf("en page lacks %s", want)
		}
	}
	if strings.Contains(string(out["ja/mihon/2023/index.html"]), `id="changes"`) {
		t.Error("the oldest plan has a changes section")
	}
}
