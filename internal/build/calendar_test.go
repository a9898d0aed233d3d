package build

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/plansite/plansite/internal/ical/icaltest"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/sitetest"
)

// absBase is an absolute -baseURL in a subfolder, which gives webcal:
// links and event URLs.
const absBase = "https://example.jp/keikaku/"

func renderSite(t *testing.T, source, baseURL string) (Output, *load.Site) {
	t.Helper()
	out, _, err := Render(context.Background(), Options{Source: source, BaseURL: baseURL})
	if err != nil {
		t.Fatal(err)
	}
	site, problems := load.Load(source)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	return out, site
}

// expectedEvents lists the events the data of p asks for in language l,
// read from the plan's TOML structure directly rather than through
// plan.Entries, as "summary|first day|day after the last|RRULE".
func expectedEvents(p *plan.Plan, l lang.Lang) []string {
	var out []string
	fy := p.FiscalYear
	events := func(evs []plan.Event) {
		for _, e := range evs {
			name := e.Name.String(l)
			switch {
			case e.EveryMonth:
				out = append(out, fmt.Sprintf("%s|%d-04-01|%d-04-29|FREQ=MONTHLY;COUNT=12", name, fy, fy))
			case e.Date.IsSet():
				last := e.Date
				if e.End.IsSet() {
					last = e.End
				}
				out = append(out, fmt.Sprintf("%s|%s|%s|", name, e.Date.Format(time.DateOnly), last.AddDate(0, 0, 1).Format(time.DateOnly)))
			case len(e.Months) > 0:
				seen := map[int]bool{}
				for _, m := range e.Months {
					if seen[m] {
						continue
					}
					seen[m] = true
					start := time.Date(fy.CalendarYear(time.Month(m)), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
					out = append(out, fmt.Sprintf("%s|%s|%s|", name, start.Format(time.DateOnly), start.AddDate(0, 1, 0).Format(time.DateOnly)))
				}
			}
		}
	}
	var programs func([]plan.Program)
	var sections func([]plan.Section)
	programs = func(ps []plan.Program) {
		for _, pr := range ps {
			if f := pr.Frequency; f != nil && (f.Per == "month" || f.Per == "week") {
				paren := "（%s）"
				if l == lang.En {
					paren = " (%s)"
				}
				out = append(out, fmt.Sprintf("%s|%d-04-01|%d-04-29|FREQ=MONTHLY;COUNT=12", pr.Name.String(l)+fmt.Sprintf(paren, f.Label().String(l)), fy, fy))
			}
			events(pr.Schedule)
		}
	}
	sections = func(ss []plan.Section) {
		for _, s := range ss {
			programs(s.Programs)
			sections(s.Sections)
			events(s.Schedule)
		}
	}
	events(p.Schedule)
	for _, d := range p.Divisions {
		sections(d.Sections)
		events(d.Schedule)
	}
	return out
}

// parsedEvents lists the events of an iCalendar file as expectedEvents does.
func parsedEvents(t *testing.T, name string, data []byte) (*goical.Calendar, []string) {
	t.Helper()
	cal, err := icaltest.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []string
	for _, ev := range cal.Events() {
		summary, err := ev.Props.Text(goical.PropSummary)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		start, err := ev.DateTimeStart(time.UTC)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		end, err := ev.DateTimeEnd(time.UTC)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if v := ev.Props.Get(goical.PropDateTimeStart).ValueType(); v != goical.ValueDate {
			t.Errorf("%s: %s starts at a %s, want an all-day DATE", name, summary, v)
		}
		rrule := ""
		if p := ev.Props.Get(goical.PropRecurrenceRule); p != nil {
			rrule = p.Value
		}
		out = append(out, fmt.Sprintf("%s|%s|%s|%s", summary, start.Format(time.DateOnly), end.Format(time.DateOnly), rrule))
	}
	return cal, out
}

// TestCalendarFilesParse parses every iCalendar file of the example site
// and of the test site with go-ical, strictly, and checks its events
// against the data: one per month of a months entry, one per dated entry,
// one monthly recurring event per every_month entry and per program held
// a number of times a month or week; the summaries in the file's language.
func TestCalendarFilesParse(t *testing.T) {
	for _, source := range []string{exampleSite, testSite} {
		out, site := renderSite(t, source, absBase)
		files := 0
		for _, o := range site.Orgs {
			for _, l := range lang.All {
				var orgWant []string
				for _, p := range o.Plans {
					want := expectedEvents(p, l)
					orgWant = append(orgWant, want...)
					name := fmt.Sprintf("%s/%s/%d/calendar/%s-%d-%s.ics", l, o.ID, int(p.FiscalYear), o.ID, int(p.FiscalYear), l)
					checkICS(t, out, name, want)
					files++
				}
				checkICS(t, out, fmt.Sprintf("%s/%s/calendar/%s-%s.ics", l, o.ID, o.ID, l), orgWant)
				files++
			}
		}
		var built []string
		for name := range out {
			if strings.HasSuffix(name, ".ics") {
				built = append(built, name)
			}
		}
		if len(built) > files {
			t.Errorf("%s: %d .ics files built, %d checked: %v", source, len(built), files, built)
		}
	}
}

func checkICS(t *testing.T, out Output, name string, want []string) {
	t.Helper()
	data, ok := out[name]
	if len(want) == 0 {
		if ok {
			t.Errorf("%s: built, but the data has no dated entry", name)
		}
		return
	}
	if !ok {
		t.Errorf("%s: not built, but the data has %d events", name, len(want))
		return
	}
	cal, got := parsedEvents(t, name, data)
	slices.Sort(got)
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: events differ from the data\n got: %s\nwant: %s", name, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	calName, _ := cal.Props.Text("X-WR-CALNAME")
	if calName == "" {
		t.Errorf("%s: no X-WR-CALNAME", name)
	}
	for _, ev := range cal.Events() {
		if u := ev.Props.Get(goical.PropURL); u == nil || !strings.HasPrefix(u.Value, absBase) {
			t.Errorf("%s: event %s links %v, want an address under %s", name, ev.Props.Get(goical.PropUID).Value, u, absBase)
			break
		}
	}
	t.Logf("%s: %d events, %q", name, len(got), calName)
}

// TestSeedCalendars checks the acceptance criteria on the example site:
// seed 004's two monthly tables and its 随時 items, and seed 000's meeting
// frequencies, are on the calendar pages in both languages.
func TestSeedCalendars(t *testing.T) {
	out, site := renderSite(t, exampleSite, "/")
	org := map[string]*plan.Org{}
	for _, o := range site.Orgs {
		org[o.ID] = o
	}
	for _, l := range lang.All {
		t.Run(string(l), func(t *testing.T) {
			// Seed 004: every entry of its schedule blocks, the as-needed
			// ones in the list apart.
			meyasu := org["meyasubako"]
			if meyasu == nil || len(meyasu.Plans) == 0 {
				t.Fatal("the example site has no plan of meyasubako")
			}
			p := meyasu.Plans[len(meyasu.Plans)-1]
			for _, page := range []string{
				fmt.Sprintf("%s/meyasubako/%d/calendar/index.html", l, int(p.FiscalYear)),
				fmt.Sprintf("%s/meyasubako/calendar/index.html", l),
			} {
				text := pageText(out[page])
				asNeeded := strings.Index(text, map[lang.Lang]string{lang.Ja: "随時", lang.En: "As needed"}[l])
				entries := plan.Entries(p)
				asNeededEntries := 0
				for _, e := range entries {
					if e.When == plan.AsNeeded {
						asNeededEntries++
					}
				}
				// The training plan (2 entries), the activity plan (11 and 4
				// as needed) and the budget program's plan (2).
				if len(entries) < 19 || asNeededEntries < 4 {
					t.Errorf("seed 004 has %d schedule entries, %d as needed; the source has 19, 4 as needed", len(entries), asNeededEntries)
				}
				for _, e := range entries {
					name := e.Name.String(l)
					i := strings.LastIndex(text, name)
					switch {
					case i < 0:
						t.Errorf("%s lacks %q", page, name)
					case e.When == plan.AsNeeded && (asNeeded < 0 || i < asNeeded):
						t.Errorf("%s: %q is not under the as-needed heading", page, name)
					}
				}
			}
			// Seed 000: the meeting frequencies of its programs.
			text := pageText(out[string(l)+"/bungoono-shakyo/2022/calendar/index.html"])
			want := map[lang.Lang][]string{
				lang.Ja: {"理事会（年5回）", "評議員会（年3回）", "監査会（年2回）", "事務局会議（月2回）"},
				lang.En: {"Board of Directors (5 times a year)", "Board of Councilors (3 times a year)", "Audit meetings (twice a year)", "(twice a month)"},
			}[l]
			for _, w := range want {
				if !strings.Contains(squeeze(text), squeeze(w)) {
					t.Errorf("the calendar page of seed 000 lacks %q", w)
				}
			}
		})
	}
}

// squeeze removes spaces, which tags leave between Japanese words in pageText.
func squeeze(s string) string { return strings.ReplaceAll(s, " ", "") }

// TestCalendarTablesAccessible checks every table of every page: a
// caption, as the first child, that says something, and a scope on every
// header cell.
func TestCalendarTablesAccessible(t *testing.T) {
	for _, source := range []string{exampleSite, testSite} {
		out, _ := renderSite(t, source, "/")
		tables := 0
		for name, page := range out {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			n, problems := tableProblems(page)
			tables += n
			for _, p := range problems {
				t.Errorf("%s: %s", name, p)
			}
		}
		calendarTables := 0
		for name, page := range out {
			if strings.Contains(name, "/calendar/") && strings.HasSuffix(name, ".html") {
				calendarTables += bytes.Count(page, []byte("<table"))
			}
		}
		if calendarTables == 0 {
			t.Errorf("%s: no calendar tables to check", source)
		}
		t.Logf("%s: %d tables checked, %d on calendar pages", source, tables, calendarTables)
	}
}

// tableProblems lists the tables of page without a non-empty caption as
// their first child, and the header cells without a valid scope.
func tableProblems(page []byte) (tables int, problems []string) {
	l := html.NewLexer(parse.NewInputBytes(page))
	var tag string
	var attrs map[string]string
	wantCaption, inCaption := false, false
	var caption strings.Builder
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			if l.Err() != io.EOF {
				problems = append(problems, "HTML: "+l.Err().Error())
			}
			return tables, problems
		case html.StartTagToken:
			tag, attrs = strings.ToLower(string(l.Text())), map[string]string{}
		case html.AttributeToken:
			attrs[strings.ToLower(string(l.AttrKey()))] = strings.Trim(string(l.AttrVal()), `"'`)
		case html.StartTagCloseToken, html.StartTagVoidToken:
			if wantCaption && tag != "caption" {
				problems = append(problems, fmt.Sprintf("table %d: the first child is <%s>, not <caption>", tables, tag))
			}
			wantCaption = false
			switch tag {
			case "table":
				tables++
				wantCaption = true
			case "caption":
				inCaption = true
				caption.Reset()
			case "th":
				if s := attrs["scope"]; !slices.Contains([]string{"col", "row", "colgroup", "rowgroup"}, s) {
					problems = append(problems, fmt.Sprintf("table %d: <th> with scope %q", tables, s))
				}
			}
		case html.TextToken:
			if wantCaption && strings.TrimSpace(string(data)) != "" {
				problems = append(problems, fmt.Sprintf("table %d: text before the caption", tables))
				wantCaption = false
			}
			if inCaption {
				caption.Write(data)
			}
		case html.EndTagToken:
			if strings.ToLower(string(l.Text())) == "caption" {
				inCaption = false
				if strings.TrimSpace(caption.String()) == "" {
					problems = append(problems, fmt.Sprintf("table %d: empty caption", tables))
				}
			}
		}
	}
}

// TestSubscribeLinks checks the subscription links: webcal: only when
// -baseURL is an absolute address, and the explanation otherwise.
func TestSubscribeLinks(t *testing.T) {
	tests := []struct {
		base       string
		wantWebcal string
		wantText   string
	}{
		{absBase, "webcal://example.jp/keikaku/ja/mihon/2024/calendar/mihon-2024-ja.ics", "購読すると"},
		{"/keikaku/", "", "リンクのアドレスをコピーし"},
	}
	for _, tt := range tests {
		out, _ := renderSite(t, testSite, tt.base)
		page := string(out["ja/mihon/2024/calendar/index.html"])
		if tt.wantWebcal != "" && !strings.Contains(page, "href="+tt.wantWebcal) {
			t.Errorf("base %s: no link to %s", tt.base, tt.wantWebcal)
		}
		if tt.wantWebcal == "" && strings.Contains(page, "webcal:") {
			t.Errorf("base %s: a webcal: link without a host", tt.base)
		}
		if !strings.Contains(page, tt.wantText) {
			t.Errorf("base %s: the page does not explain subscribing (%q)", tt.base, tt.wantText)
		}
		for _, link := range []string{"/keikaku/ja/mihon/2024/calendar/mihon-2024-ja.ics", "/keikaku/ja/mihon/2024/calendar/mihon-2024-ja.csv", "/keikaku/ja/mihon/calendar/"} {
			if !strings.Contains(page, "href="+link) {
				t.Errorf("base %s: no link to %s", tt.base, link)
			}
		}
		for page, link := range map[string]string{"ja/mihon/2024/index.html": "/keikaku/ja/mihon/2024/calendar/", "en/mihon/index.html": "/keikaku/en/mihon/calendar/"} {
			if !strings.Contains(string(out[page]), "href="+link) {
				t.Errorf("base %s: %s does not link its calendar %s", tt.base, page, link)
			}
		}
		if ics := out["en/mihon/2024/calendar/mihon-2024-en.ics"]; tt.wantWebcal == "" && bytes.Contains(ics, []byte("\r\nURL:")) {
			t.Errorf("base %s: events link relative addresses, which calendar apps cannot follow", tt.base)
		}
	}
}

// A plan whose entries have no dates gets a calendar page and a CSV, but
// no iCalendar file, which would be invalid without events; the page says
// so. A plan with no entries at all gets no calendar.
func TestCalendarWithoutDates(t *testing.T) {
	t.Parallel()
	src := sitetest.Write(t, `
-- data/site.toml --
title = "見本"
-- data/orgs/kai.toml --
name = "社会福祉法人 見本会"
legal_type = "corporation"
-- data/plans/kai/2023.toml --
fiscal_year = 2023
title = "事業計画"
-- data/plans/kai/2024.toml --
fiscal_year = 2024
title = "事業計画"

[[divisions]]
id = "somu"
name = "総務課"

[[divisions.sections]]
name = "法人運営"

[[divisions.sections.programs]]
id = "rijikai"
name = "理事会"
frequency = { count = 4, per = "year" }

[[divisions.schedule]]
name = "緊急支援調整会議"
as_needed = true
`)
	out, _, err := Render(context.Background(), Options{Source: src, BaseURL: absBase})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ja/kai/2024/calendar/index.html", "en/kai/calendar/index.html", "ja/kai/2024/calendar/kai-2024-ja.csv", "en/kai/calendar/kai-en.csv"} {
		if _, ok := out[name]; !ok {
			t.Errorf("%s not built", name)
		}
	}
	for name := range out {
		if strings.HasSuffix(name, ".ics") || strings.Contains(name, "kai/2023/calendar") {
			t.Errorf("%s built", name)
		}
	}
	page := squeeze(pageText(out["ja/kai/2024/calendar/index.html"]))
	for _, want := range []string{"カレンダーアプリ用のファイルはありません", "理事会（年4回）", "緊急支援調整会議"} {
		if !strings.Contains(page, want) {
			t.Errorf("the calendar page lacks %q", want)
		}
	}
	if strings.Contains(string(out["ja/kai/2024/calendar/index.html"]), "webcal:") {
		t.Error("a subscription link to a file that does not exist")
	}
	if strings.Contains(string(out["ja/kai/2023/index.html"]), "/calendar/") && !strings.Contains(string(out["ja/kai/2023/index.html"]), "kai/calendar/") {
		t.Error("the 2023 plan, which has no schedule, links a calendar")
	}
}

// TestCalendarCSV reads the test site's CSV as a spreadsheet would.
func TestCalendarCSV(t *testing.T) {
	out, _ := renderSite(t, testSite, "/")
	data := out["ja/mihon/2024/calendar/mihon-2024-ja.csv"]
	if !bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Fatal("no byte order mark: Excel would read the Japanese as Shift_JIS")
	}
	if bytes.Count(data, []byte("\n")) != bytes.Count(data, []byte("\r\n")) {
		t.Error("lines do not all end in CRLF")
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"年度", "開始日", "終了日", "時期", "予定", "部門", "所属", "備考", "UID"},
		{"2024", "", "", "年5回", "理事会", "総務課", "法人運営・財務人事係 › 理事会・評議員会", "", "mihon/2024/rijikai@plansite"},
		{"2024", "2024-04-01", "2025-03-31", "毎月（月2回）", "事務局会議", "総務課", "法人運営・財務人事係 › 理事会・評議員会", "", "mihon/2024/jimukyoku@plansite"},
	}
	if len(rows) != 8 {
		t.Errorf("%d rows, want 8: the header, 2 programs, 1 every month, 2 months of 1 entry, 1 date, 1 as needed", len(rows))
	}
	for i, w := range want {
		if i < len(rows) && !slices.Equal(rows[i], w) {
			t.Errorf("row %d = %q, want %q", i, rows[i], w)
		}
	}
	for _, r := range rows[1:] {
		if r[3] == "2024年6月" && (r[1] != "2024-06-01" || r[2] != "2024-06-30" || r[4] != "要保護児童対策協議会") {
			t.Errorf("June row %q", r)
		}
	}
}

// TestUIDsSurviveAnUnrelatedEntry rebuilds the test site with one more
// schedule entry, written before the others: every other event keeps its
// UID, so subscribers' calendars update instead of duplicating.
func TestUIDsSurviveAnUnrelatedEntry(t *testing.T) {
	t.Parallel()
	uids := func(out Output) map[string]string {
		cal, err := icaltest.Parse(out["ja/mihon/calendar/mihon-ja.ics"])
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, ev := range cal.Events() {
			summary, _ := ev.Props.Text(goical.PropSummary)
			m[summary+" "+ev.Props.Get(goical.PropDateTimeStart).Value] = ev.Props.Get(goical.PropUID).Value
		}
		return m
	}
	src := copySite(t)
	before, _, err := Render(context.Background(), Options{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	planFile := src + "/data/plans/mihon/2024.toml"
	raw, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	data := string(raw)
	// A new first entry of the center's schedule, and a new division.
	data = strings.Replace(data, "[[divisions.schedule]]", "[[divisions.schedule]]\nname = \"新しい研修会\"\nmonths = [9]\n\n[[divisions.schedule]]", 1)
	data += "\n[[divisions]]\nid = \"new\"\nname = \"新設課\"\n\n[[divisions.schedule]]\nname = \"開所式\"\ndate = 2024-04-01\n"
	sitetest.WriteInto(t, src, "-- data/plans/mihon/2024.toml --\n"+data)
	after, _, err := Render(context.Background(), Options{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	a, b := uids(before), uids(after)
	if len(b) != len(a)+2 {
		t.Fatalf("%d events after adding two, %d before", len(b), len(a))
	}
	for k, uid := range a {
		if b[k] != uid {
			t.Errorf("%s: UID %s became %s", k, uid, b[k])
		}
	}
}

// TestOrgPageCount checks that orgPageCount counts what orgPages lists,
// on the example site, whose organizations have calendars and plans
// without, and on a site whose organizations have none.
func TestOrgPageCount(t *testing.T) {
	for _, src := range []string{"../..", sitetest.Write(t, incrementalSite)} {
		site, problems := load.Load(src)
		if err := problems.Err(); err != nil {
			t.Fatal(err)
		}
		for _, o := range site.Orgs {
			if got, want := orgPageCount(o), len(orgPages(o))/len(lang.All); got != want {
				t.Errorf("%s: orgPageCount = %d, orgPages lists %d a language", o.ID, got, want)
			}
		}
	}
}
