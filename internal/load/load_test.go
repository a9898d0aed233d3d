package load

import (
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/sitetest"
)

const baseSite = `
-- data/orgs/meyasu.toml --
name = { ja = "社会福祉法人 めやす箱", en = "Meyasubako" }
legal_type = "corporation"
`

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name  string
		files string
		want  []string // "file:line:col: message part" prefixes, in order
	}{
		{
			name: "unknown nested key with hint",
			files: `-- data/plans/meyasu/2024.toml --
fiscal_year = 2024
[[divisions]]
id = "a"
name = "部門"
[[divisions.staffing]]
roles = [{ key = "x", name = "相談員" }]
captoin = "職員配置"
`,
			want: []string{`data/plans/meyasu/2024.toml:7:1: unknown key "captoin": did you mean "caption"?`},
		},
		{
			name: "impossible values",
			files: `-- data/plans/meyasu/1850.toml --
fiscal_year = 1850
[[divisions]]
id = "Bad ID"
name = "部門"
[[divisions.staffing]]
roles = [{ key = "x", name = "相談員" }]
[[divisions.staffing.rows]]
type = "常勤"
cells = { x = -1, y = 2 }
`,
			want: []string{
				"data/plans/meyasu/1850.toml:1:1: fiscal_year 1850 is not a plausible fiscal year",
				`data/plans/meyasu/1850.toml:3:1: id "Bad ID" may hold only`,
				`data/plans/meyasu/1850.toml:9:11: staff numbers cannot be negative`,
				`data/plans/meyasu/1850.toml:9:19: "y" is not a role of this staffing table`,
			},
		},
		{
			name: "plan for a missing organization",
			files: `-- data/plans/meyasub/2024.toml --
fiscal_year = 2024
`,
			want: []string{`data/plans/meyasub/2024.toml: this plan is for organization "meyasub", but there is no data/orgs/meyasub.toml (did you mean "meyasu"?)`},
		},
		{
			name: "names the site's own pages have",
			files: `-- data/orgs/search.toml --
name = "検索会"
legal_type = "council"
-- content/glossary.ja.md --
用語。
`,
			want: []string{
				`content/glossary.ja.md: the name "glossary" is taken by the site's own pages (/ja/glossary/, /en/glossary/): rename the file`,
				`data/orgs/search.toml: the name "search" is taken by the site's own pages (/ja/search/, /en/search/): rename the file`,
			},
		},
		{
			name: "a page named as an organization",
			files: `-- content/meyasu.ja.md --
めやす箱について。
`,
			want: []string{`content/meyasu.ja.md: this page would have the address of organization "meyasu"'s page (/ja/meyasu/): rename one of them`},
		},
		{
			name: "file name and fiscal year disagree",
			files: `-- data/plans/meyasu/2024.toml --
fiscal_year = 2023
`,
			want: []string{"data/plans/meyasu/2024.toml:1:1: fiscal_year = 2023 does not match the file name 2024.toml"},
		},
		{
			name: "front matter",
			files: `-- content/meyasu/_index.ja.md --
+++
title = "紹介"
autor = "広報"
+++
本文
-- content/about.ja.md --
+++
title = "x"
`,
			want: []string{
				"content/about.ja.md:1: the front matter opened with +++ is not closed",
				`content/meyasu/_index.ja.md:3:1: unknown key "autor"`,
			},
		},
		{
			name: "content for a missing plan and a bad language",
			files: `-- content/meyasu/2030/_index.ja.md --
本文
-- content/meyasu/_index.fr.md --
texte
`,
			want: []string{
				"content/meyasu/2030/_index.ja.md: there is no plan data/plans/meyasu/2030.toml",
				"content/meyasu/_index.fr.md: a content file is named for its language",
			},
		},
		{
			name: "a plan that cannot be read, and its prose",
			files: `-- data/plans/meyasu/2024.toml --
fiscal_year =
-- content/meyasu/2024/_index.ja.md --
本文
`,
			want: []string{"data/plans/meyasu/2024.toml:1:14: fiscal_year: expected value"},
		},
		{
			name: "schedule entries",
			files: `-- data/plans/meyasu/2024.toml --
fiscal_year = 2024
[[schedule]]
name = "理事会"
months = [4]
as_needed = true
[[schedule]]
name = "研修"
date = 2025-06-01
`,
			want: []string{
				"data/plans/meyasu/2024.toml:2:1: a schedule entry needs exactly one of",
				"data/plans/meyasu/2024.toml:8:1: warning: 2025-06-01 is outside fiscal year 2024",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := sitetest.Write(t, baseSite+tt.files)
			_, problems := Load(dir)
			got := problems.Problems()
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), join(got))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i].Error(), w) {
					t.Errorf("problem %d:\ngot  %s\nwant %s…", i, got[i].Error(), w)
				}
			}
		})
	}
}

func join(ps []diag.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

func TestLoadSite(t *testing.T) {
	dir := sitetest.Write(t, baseSite+`
-- data/plans/meyasu/2024.toml --
fiscal_year = 2024
title = { ja = "事業計画", en = "Plan" }
-- data/plans/meyasu/2023.toml --
fiscal_year = 2023
-- content/meyasu/2024/_index.ja.md --
+++
title = "基本方針"
+++
本文です。
-- content/meyasu/2024/_index.en.md --
Body.
`)
	site, problems := Load(dir)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	if len(site.Orgs) != 1 || len(site.Orgs[0].Plans) != 2 {
		t.Fatalf("orgs = %+v", site.Orgs)
	}
	p := site.Orgs[0].Plans[1]
	if p.FiscalYear != 2024 || p.Org != site.Orgs[0] || p.Title.En != "Plan" {
		t.Errorf("plan = %+v", p)
	}
	if p.Body.Title.Ja != "基本方針" || !strings.Contains(p.Body.Source["ja"], "本文です。") || p.Body.Source["en"] != "Body.\n" {
		t.Errorf("body = %+v", p.Body)
	}
}

// FuzzDecodePlan checks that no input panics the decoder and that every
// problem names its file.
func FuzzDecodePlan(f *testing.F) {
	f.Add([]byte("fiscal_year = 2024\n[[divisions]]\nid = \"a\"\nname = { ja = \"総務課\", en = \"x\" }\n"))
	f.Add([]byte("fiscal_year = \"2024\"\n"))
	f.Add([]byte("[[divisions.staffing.rows]]\ncells = { a = 1.5 }\nstated_total = 3\n"))
	f.Add([]byte("title = \"\"\"\n複数行\n\"\"\"\nx = [1,\n2]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var p plan.Plan
		kp, problems := decodeTOML("f.toml", src, &p)
		for _, pr := range problems {
			if pr.Pos.File != "f.toml" || pr.Message == "" {
				t.Errorf("problem without file or message: %+v", pr)
			}
		}
		if kp != nil {
			for _, is := range plan.ValidatePlan(&p) {
				if pos := kp.Pos(is.Path); pos.File != "f.toml" {
					t.Errorf("issue %s has no position", is.Path)
				}
			}
		}
	})
}
