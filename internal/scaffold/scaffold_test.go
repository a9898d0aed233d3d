package scaffold

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/plansite/plansite/internal/changes"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

const org = `
-- data/orgs/mihon.toml --
name = { ja = "社会福祉法人 見本会", en = "Mihon-kai" }
legal_type = "corporation"
`

// prev is a 2023 plan with every kind of value a new year rewrites.
const prev = `
-- data/plans/mihon/2023.toml --
# 令和5年度 事業計画（コメントは写されます）
fiscal_year = 2023
era_label = "令和5年度"
published = 2023-03-24
title = { ja = "2023年度 事業計画", en = "FY2023 Business Plan" }

[[divisions]]
id = "soudan"
name = "相談支援課"

[[divisions.targets]]
key = "new-consultations"
name = "新規相談件数"
value = 1548
unit = "件"
previous = 1400
actual = 1620  # 年度末の実績

[[divisions.targets]]
key = "plans"
name = "支援計画作成件数"
value = 800
unit = "件"
previous = 760

[[divisions.targets]]
key = "rate"
name = { ja = "就労・増収率", en = "Rate" }
value = 75
unit = "%"
actual = 71.5

[[divisions.staffing]]
as_of = 2023-04-01
roles = [{ key = "soudanin", name = "相談員" }]
[[divisions.staffing.rows]]
type = "常勤"
cells = { soudanin = 3 }

[[divisions.schedule]]
name = "研修会"
date = "2023-06-01"
end = 2023-06-02

[[divisions.schedule]]
name = "閏日の会"
date = 2024-02-29

[[divisions.sections]]
name = "法人運営"
[[divisions.sections.targets]]
key = "inline"
name = "会議"
value = 4
unit = "回"
definition = { numerator = "開催", denominator = "予定" }
-- content/mihon/2023/_index.ja.md --
+++
title = "2023年度 基本方針"
+++
令和5年度も地域とともに歩みます。
-- content/mihon/2023/_index.en.md --
In FY2023 we walk with the community.
`

func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		os.WriteFile(file, []byte(got), 0o644)
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v: run go test ./internal/scaffold -update", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test ./internal/scaffold -update and review the diff):\n%s", file, got)
	}
}

func TestNewPlanFromPrevious(t *testing.T) {
	dir := sitetest.Write(t, org+prev)
	res, err := NewPlan(dir, "mihon", 2024)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"content/mihon/2024/_index.en.md", "content/mihon/2024/_index.ja.md", "data/plans/mihon/2024.toml",
		// The #:schema lines point at the schemas, which did not exist yet.
		"schema/glossary.schema.json", "schema/org.schema.json", "schema/plan.schema.json", "schema/site.schema.json"}
	if strings.Join(res.Created, " ") != strings.Join(want, " ") || res.From != "data/plans/mihon/2023.toml" {
		t.Errorf("created %v from %q", res.Created, res.From)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "data/plans/mihon/2024.toml"))
	golden(t, "from-previous.toml.golden", string(got))
	var review []string
	for _, p := range res.Review {
		review = append(review, p.Pos.String()+": "+p.Message)
	}
	golden(t, "from-previous.review.golden", strings.Join(review, "\n")+"\n")

	// The new plan loads without a problem and, until edited, is the
	// same plan: no "what changed" section.
	site, problems := load.Load(dir)
	if len(problems.Problems()) > 0 {
		t.Fatalf("the new plan does not load cleanly:\n%v", problems.Err())
	}
	plans := site.Orgs[0].Plans
	if len(plans) != 2 || plans[1].FiscalYear != 2024 {
		t.Fatalf("plans = %v", plans)
	}
	if c := changes.Since(plans[1]); c != nil {
		t.Errorf("an unedited new year shows changes: %+v", c)
	}
	if md, _ := os.ReadFile(filepath.Join(dir, "content/mihon/2024/_index.ja.md")); !strings.Contains(string(md), "令和5年度も地域とともに歩みます。") {
		t.Errorf("prose not copied: %s", md)
	}
}

func TestNewPlanFromTemplate(t *testing.T) {
	dir := sitetest.Write(t, org)
	res, err := NewPlan(dir, "mihon", 2025)
	if err != nil {
		t.Fatal(err)
	}
	if res.From != "" || len(res.Created) != 6 {
		t.Errorf("result = %+v", res)
	}
	if _, problems := load.Load(dir); len(problems.Problems()) > 0 {
		t.Fatalf("the template does not load cleanly:\n%v", problems.Err())
	}
	// The template's commented examples are valid too, once uncommented.
	file := filepath.Join(dir, "data/plans/mihon/2025.toml")
	src, _ := os.ReadFile(file)
	uncommented := regexp.MustCompile(`(?m)^# ?((\[|[a-z_]+ = ).*)$`).ReplaceAllString(string(src), "$1")
	if !strings.Contains(uncommented, "\nkey = \"new-consultations\"") {
		t.Fatalf("examples not uncommented:\n%s", uncommented)
	}
	os.WriteFile(file, []byte(uncommented), 0o644)
	if _, problems := load.Load(dir); len(problems.Problems()) > 0 {
		t.Fatalf("the template's examples do not load cleanly:\n%v\n%s", problems.Err(), uncommented)
	}
}

func TestNewNeverOverwrites(t *testing.T) {
	dir := sitetest.Write(t, org+prev+`
-- data/plans/mihon/2024.toml --
fiscal_year = 2024
`)
	_, err := NewPlan(dir, "mihon", 2024)
	if err == nil || !strings.Contains(err.Error(), "data/plans/mihon/2024.toml already exists") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/mihon/2024")); !os.IsNotExist(err) {
		t.Error("wrote the prose although the plan exists")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "data/plans/mihon/2024.toml")); string(b) != "fiscal_year = 2024\n" {
		t.Errorf("overwrote: %q", b)
	}
	if _, err := NewOrg(dir, "mihon"); err == nil || !strings.Contains(err.Error(), "data/orgs/mihon.toml already exists") {
		t.Errorf("new org over an existing one: %v", err)
	}
}

func TestNewErrors(t *testing.T) {
	dir := sitetest.Write(t, org)
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"missing org", func() error { _, err := NewPlan(dir, "mihn", 2024); return err },
			`there is no organization "mihn" (data/orgs/mihn.toml): create it first with "plansite new org mihn" (did you mean "mihon"?)`},
		{"bad year", func() error { _, err := NewPlan(dir, "mihon", 24); return err }, "24 is not a plausible fiscal year"},
		{"bad org id", func() error { _, err := NewOrg(dir, "見本会"); return err }, `"見本会" cannot be an organization id`},
	}
	for _, tt := range tests {
		if err := tt.run(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestNewOrg(t *testing.T) {
	dir := sitetest.Write(t, "-- data/site.toml --\ntitle = \"見本\"\n")
	res, err := NewOrg(dir, "mihon-shakyo")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Created) != 5 || res.Created[0] != "data/orgs/mihon-shakyo.toml" {
		t.Errorf("created %v", res.Created)
	}
	// The schemas now exist: a second organization adds only its file.
	if res, err := NewOrg(dir, "mihon2"); err != nil || len(res.Created) != 1 {
		t.Errorf("second org: %v, %v", res, err)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "data/orgs/mihon-shakyo.toml"))
	if !strings.HasPrefix(string(src), "#:schema ../../schema/org.schema.json\n") {
		t.Errorf("no schema directive:\n%s", src)
	}
	if _, problems := load.Load(dir); len(problems.Problems()) > 0 {
		t.Fatalf("the new organization does not load cleanly:\n%v", problems.Err())
	}
}

func TestRemoval(t *testing.T) {
	tests := []struct{ src, key, want string }{
		{"a = 1\nactual = 5\nb = 2\n", "actual", "a = 1\nb = 2\n"},
		{"actual = 5  # note\nb = 2\n", "actual", "b = 2\n"},
		{"t = { a = 1, actual = 5 }\n", "t.actual", "t = { a = 1 }\n"},
		{"t = { actual = 5, a = 1 }\n", "t.actual", "t = { a = 1 }\n"},
	}
	for _, tt := range tests {
		for _, s := range load.KeySpans([]byte(tt.src)) {
			if s.Path == tt.key {
				if got := string(apply([]byte(tt.src), []edit{removal([]byte(tt.src), s)})); got != tt.want {
					t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
				}
			}
		}
	}
}

// FuzzEditPlan: any plan that parses is rewritten for the next year
// without a panic, and the result still parses.
func FuzzEditPlan(f *testing.F) {
	f.Add([]byte(sitetest.Files(prev)["data/plans/mihon/2023.toml"]))
	f.Add([]byte("fiscal_year = 2023\n[[targets]]\nkey = \"a\"\nname = \"相談\"\nvalue = 1\nactual = 2\nprevious = 3\n"))
	f.Add([]byte("fiscal_year = 2023\ntargets = [{ key = \"a\", name = \"x\", value = 1, actual = 2, previous = 3 }]\n"))
	f.Add([]byte("fiscal_year = 2023\n[[schedule]]\nname = \"x\"\ndate = 2024-02-29\nend = \"2024-03-01\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := toml.Decode(string(src), new(plan.Plan)); err != nil {
			return
		}
		e := &editor{file: "data/plans/mihon/2024.toml", from: 2023, to: 2024}
		out := e.plan(src)
		if _, err := toml.Decode(string(out), new(plan.Plan)); err != nil {
			t.Errorf("the rewritten plan does not parse: %v\n--- from\n%s\n--- to\n%s", err, src, out)
		}
	})
}
