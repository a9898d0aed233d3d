package check

import (
	"context"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/sitetest"
)

const linkSite = `
-- data/orgs/mihon.toml --
name = { ja = "社会福祉法人 見本会", en = "Mihon-kai" }
legal_type = "corporation"
-- data/plans/mihon/2023.toml --
fiscal_year = 2023
title = { ja = "事業計画", en = "Plan" }
-- data/plans/mihon/2024.toml --
fiscal_year = 2024
title = { ja = "事業計画", en = "Plan" }

[[divisions]]
id = "soumu"
name = { ja = "総務課", en = "General Affairs" }
intro = { ja = "[前年度](../2023/)・[総務課](#soumu)・[地域](#chiiki)", en = "[last year](/en/mihon/2023/#soumu-x)" }

[[divisions.sections]]
name = "法人運営"

[[divisions.sections.programs]]
id = "salon"
name = "ふれあいサロン"
description = """
毎月開きます。
[会の紹介](/ja/mihon)、[外部](https://example.jp/)、[メール](mailto:a@example.jp)、![地図](/img/map.png)
"""
-- content/about.ja.md --
+++
title = "このサイトについて"
+++
[事業計画](/ja/mihon/2024/#salon)と[基本方針](/ja/mihon/2024/#基本方針)。

[なし](/ja/mihon/2025/)
`

func TestLinks(t *testing.T) {
	dir := sitetest.Write(t, linkSite)
	r, err := Run(context.Background(), Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Rendered {
		t.Fatalf("not rendered:\n%s", list(r.Problems.Problems()))
	}
	want := []string{
		`content/about.ja.md:4:31: broken link "/ja/mihon/2024/#基本方針": /ja/mihon/2024/ has no anchor "#基本方針"`,
		`content/about.ja.md:6:1: broken link "/ja/mihon/2025/": the site has no page or file "/ja/mihon/2025/" (did you mean "/ja/mihon/2023/"?)`,
		`data/plans/mihon/2024.toml:7:11: broken link "#chiiki": /ja/mihon/2024/ has no anchor "#chiiki"`,
		`data/plans/mihon/2024.toml:7:63: broken link "/en/mihon/2023/#soumu-x": /en/mihon/2023/ has no anchor "#soumu-x"`,
		`data/plans/mihon/2024.toml:15:1: broken link "/img/map.png": the site has no page or file "/img/map.png"`,
	}
	got := r.Problems.Problems()
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), list(got))
	}
	for i, w := range want {
		if got[i].Error() != w {
			t.Errorf("problem %d:\ngot  %s\nwant %s", i, got[i].Error(), w)
		}
	}
}

// TestLinksBeforeRendering: with errors elsewhere the site is not
// rendered, and links to pages are checked against the data.
func TestLinksBeforeRendering(t *testing.T) {
	dir := sitetest.Write(t, linkSite+`
-- data/plans/mihon/2022.toml --
fiscal_year = 2022
titel = "x"
`)
	r, _ := Run(context.Background(), Options{Source: dir})
	if r.Rendered {
		t.Fatal("rendered a site with errors")
	}
	var got []string
	for _, p := range r.Problems.Problems() {
		got = append(got, p.Error())
	}
	joined := strings.Join(got, "\n")
	for _, w := range []string{
		`content/about.ja.md:6:1: broken link "/ja/mihon/2025/"`,
		`data/plans/mihon/2022.toml:2:1: unknown key "titel"`,
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("missing %q in\n%s", w, joined)
		}
	}
	if strings.Contains(joined, "anchor") || strings.Contains(joined, "map.png") {
		t.Errorf("anchors or files checked without rendering:\n%s", joined)
	}
}

func TestCoverageAndReport(t *testing.T) {
	dir := sitetest.Write(t, linkSite)
	r, _ := Run(context.Background(), Options{Source: dir})
	if len(r.Coverage) != 2 || r.Coverage[1].Plan != "mihon/2024" {
		t.Fatalf("coverage = %+v", r.Coverage)
	}
	c := r.Coverage[1]
	if c.Total != 6 || c.Translated != 3 || c.Missing[0] != "法人運営" {
		t.Errorf("coverage = %+v", c)
	}
	var b strings.Builder
	r.WriteCoverage(&b, diag.Japanese)
	if !strings.Contains(b.String(), "  mihon/2024     3 / 6   50%\n    英訳のない文: 「法人運営」") {
		t.Errorf("table:\n%s", b.String())
	}
}

func TestWidth(t *testing.T) {
	for s, want := range map[string]int{"plan": 4, "計画": 4, "英訳あり": 8, "ｱ": 1, "１": 2} {
		if got := width(s); got != want {
			t.Errorf("width(%q) = %d, want %d", s, got, want)
		}
	}
}

func list(ps []diag.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}
