package build

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/plansite/plansite/internal/export"
)

// targetsSite has one organization with plans for 2023 and 2024, actual
// results, targets added and dropped between the years, and a staffing
// table whose stated total disagrees.
const targetsSite = "testdata/targets/site"

// TestTargetsGolden builds testdata/targets/site without minifying and
// compares its plan pages and open data with testdata/targets/golden:
// progress against actuals, year over year, the charts, fees in 万円, the
// JSON and the CSV files. "go test ./internal/build -update" rewrites them.
func TestTargetsGolden(t *testing.T) {
	out, _, err := Render(context.Background(), Options{Source: targetsSite, NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for name, data := range out {
		if strings.HasPrefix(name, "data/") || strings.Contains(name, "/tameshi/20") {
			got[name] = string(data)
		}
	}
	golden := "testdata/targets/golden"
	if *update {
		os.RemoveAll(golden)
		for name, content := range got {
			p := filepath.Join(golden, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := map[string]string{}
	filepath.WalkDir(golden, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(golden, p)
			want[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	if len(want) == 0 {
		t.Fatal("no golden files: run go test ./internal/build -update")
	}
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: not built", name)
		} else if g != w {
			t.Errorf("%s differs from the golden file at %s (run with -update to accept)", name, firstDiff(w, g))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: built but has no golden file (run with -update)", name)
		}
	}
}

// TestTargetsProgressAndHistory reads the facts the golden files hold, so
// that a careless -update cannot accept a page that lost them.
func TestTargetsProgressAndHistory(t *testing.T) {
	out, _, err := Render(context.Background(), Options{Source: targetsSite})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		page  string
		facts []string
	}{
		{"ja/tameshi/2024/index.html", []string{
			"1,600 / 1,548件（103%）", // progress, over target
			"72%（目標との差 −3ポイント）",    // a rate's progress in points
			"年度ごとの推移", "新規相談件数の推移",
			"令和5年度（2023年度） 1,500件 1,402 / 1,500件（93%）", // last year's row
			"令和6年度（2024年度） （この計画） 1,548件",
			"5万円", "1,000円", "15,500円", // fees per language
			"計画書に記載の合計は9.0ですが、各欄の合計は8.5です", // the stated-total note
			"オープンデータ",
		}},
		{"en/tameshi/2024/index.html", []string{
			"1,600 / 1,548 cases (103%)", "72% (−3 points against the target)",
			"Year over year", "New consultations by fiscal year",
			"FY2023 1,500 cases 1,402 / 1,500 cases (93%)",
			"¥50,000", "¥1,000", "¥15,500",
			"not yet translated", "Open data",
		}},
		{"ja/tameshi/2023/index.html", []string{"サロン開催数", "12 / 12回（100%）", "令和6年度（2024年度） 1,548件 1,600 / 1,548件（103%）"}},
	}
	for _, tt := range tests {
		text := pageText(out[tt.page])
		for _, f := range tt.facts {
			if !strings.Contains(text, f) {
				t.Errorf("%s lacks %q", tt.page, f)
			}
		}
	}
	// A dropped target has no history; a new one has none yet.
	page := string(out["ja/tameshi/2024/index.html"])
	if strings.Contains(page, "target-salons-history") || strings.Contains(page, "target-places-history") {
		t.Error("history shown for a target in one year only")
	}
}

// TestExampleSiteOpenData checks the published (minified) bytes of the
// example site: every JSON validates against its schema, every CSV parses
// after its BOM, and every plan page links its files.
func TestExampleSiteOpenData(t *testing.T) {
	out, res, err := Render(context.Background(), Options{Source: exampleSite, BaseURL: "/keikaku/"})
	if err != nil {
		t.Fatal(err)
	}
	compiler := jsonschema.NewCompiler()
	compiler.AssertFormat()
	for _, name := range []string{export.PlanSchemaPath, export.IndexSchemaPath} {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		compiler.AddResource("https://example.jp/keikaku/"+name, doc)
	}
	var names []string
	for name := range out {
		names = append(names, name)
	}
	sort.Strings(names)
	jsons, csvs := 0, 0
	for _, name := range names {
		data := out[name]
		switch {
		case strings.HasSuffix(name, ".schema.json"), strings.HasPrefix(name, searchIndexDir):
		case strings.HasSuffix(name, ".json"):
			jsons++
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			// The file names its schema relative to itself, as an editor resolves it.
			ref, _ := inst.(map[string]any)["$schema"].(string)
			schema, err := compiler.Compile("https://example.jp/keikaku/" + path.Join(path.Dir(name), ref))
			if err != nil {
				t.Errorf("%s: $schema %q: %v", name, ref, err)
				continue
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("%s does not validate: %v", name, err)
			}
		case strings.HasSuffix(name, ".csv"):
			csvs++
			if !bytes.HasPrefix(data, []byte(export.BOM)) {
				t.Errorf("%s has no BOM", name)
			}
			if _, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(export.BOM)))).ReadAll(); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	if jsons < 3 || csvs < 4 {
		t.Errorf("%d JSON and %d CSV files; want the index, a plan.json per plan and the めやす箱 CSV files", jsons, csvs)
	}
	page := string(out["ja/meyasubako/2024/index.html"])
	for _, link := range []string{"/keikaku/data/meyasubako/2024/plan.json", "/keikaku/data/meyasubako/2024/targets.ja.csv", "/keikaku/data/meyasubako/2024/staffing.en.csv", "/keikaku/data/plan.schema.json", "/keikaku/data/index.json"} {
		if !strings.Contains(page, "href="+link) {
			t.Errorf("the めやす箱 2024 page does not link %s", link)
		}
	}
	// Seed 004's stated total: 10 stated, 9.0 computed, at its line.
	var warned bool
	for _, w := range res.Warnings {
		if w.Pos.File == "data/plans/meyasubako/2024.toml" && w.Pos.Line == lineOf(t, exampleSite+"/"+w.Pos.File, "stated_total = 10") && strings.Contains(w.Message, "stated total 10") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no stated-total warning at the line of seed 004's stated_total = 10; warnings: %v", res.Warnings)
	}
}

// lineOf returns the line of file that starts with prefix.
func lineOf(t *testing.T, file, prefix string) int {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, prefix) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line starting %q", file, prefix)
	return 0
}

// TestSeed004Targets checks the めやす箱 2024 page: all six targets with
// their definitions and charts, and both staffing tables with computed
// totals and the stated-total note.
func TestSeed004Targets(t *testing.T) {
	out, _, err := Render(context.Background(), Options{Source: exampleSite})
	if err != nil {
		t.Fatal(err)
	}
	page := out["ja/meyasubako/2024/index.html"]
	text := pageText(page)
	for _, fact := range []string{
		"新規相談件数 1,548件", "支援計画作成件数 803件", "就労支援対象者数 516件", "就労・増収率 75%",
		"プラン作成者のうち、自立に向けた改善が見られた者の割合 90%", "家計改善支援事業利用決定件数 48件",
		"就労・増収者 ／ 就労支援対象者数", "自立に向けた改善が見られた者 ／ プラン作成者",
		"常勤職員 0.9 5.6 0.5 2.0 9.0 ※", "非常勤職員 1.0 1.0", "合計 0.9 5.6 0.5 3.0 10.0", // center staffing, computed
		"計画書に記載の合計は10.0ですが、各欄の合計は9.0です",
		"常勤職員 0.1 0.4 0.5", // budget staffing: stated 0.5 agrees
	} {
		if !strings.Contains(text, fact) {
			t.Errorf("the めやす箱 2024 page lacks %q", fact)
		}
	}
	svgs := checkSVGs(t, "ja/meyasubako/2024/index.html", page)
	// Counts in 件 and rates on their own scale, for each of the two blocks.
	if svgs != 3 {
		t.Errorf("%d charts, want 3 (件 and %% of the consultation targets, 件 of the budget target)", svgs)
	}
	for _, v := range []string{"1,548件", "803件", "516件", "75%", "90%", "48件"} {
		if !bytes.Contains(page, []byte("目標 "+v+"</text>")) {
			t.Errorf("no chart draws %s", v)
		}
	}
}

var svgPattern = regexp.MustCompile(`(?s)<svg[ >].*?</svg>`)

// checkSVGs parses every inline SVG of a page as XML and checks what
// assistive technology needs: role="img", and a title and a desc that
// aria-labelledby names. It returns how many it checked.
func checkSVGs(t *testing.T, name string, page []byte) int {
	t.Helper()
	svgs := svgPattern.FindAll(page, -1)
	for i, s := range svgs {
		var svg struct {
			Role     string `xml:"role,attr"`
			Labelled string `xml:"aria-labelledby,attr"`
			ViewBox  string `xml:"viewBox,attr"`
			Title    struct {
				ID   string `xml:"id,attr"`
				Text string `xml:",chardata"`
			} `xml:"title"`
			Desc struct {
				ID   string `xml:"id,attr"`
				Text string `xml:",chardata"`
			} `xml:"desc"`
		}
		if err := xml.Unmarshal(s, &svg); err != nil {
			t.Errorf("%s: svg %d is not XML: %v\n%s", name, i, err, s)
			continue
		}
		if svg.Role != "img" || svg.ViewBox == "" || strings.TrimSpace(svg.Title.Text) == "" || strings.TrimSpace(svg.Desc.Text) == "" {
			t.Errorf("%s: svg %d lacks role=img, a viewBox, a title or a desc: %s", name, i, s)
		}
		if svg.Labelled != svg.Title.ID+" "+svg.Desc.ID {
			t.Errorf("%s: svg %d: aria-labelledby %q does not name its title and desc", name, i, svg.Labelled)
		}
	}
	return len(svgs)
}

// TestAllChartsParse checks every SVG of every page of the example and
// targets sites, as published.
func TestAllChartsParse(t *testing.T) {
	for _, src := range []string{exampleSite, targetsSite} {
		out, _, err := Render(context.Background(), Options{Source: src})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for name, data := range out {
			if strings.HasSuffix(name, ".html") {
				n += checkSVGs(t, name, data)
			}
		}
		if n == 0 {
			t.Errorf("%s: no charts", src)
		}
	}
}
