package render

import (
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/fiscal"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

func date(s string) plan.Date {
	t, _ := time.Parse(time.DateOnly, s)
	return plan.Date{Time: t}
}

func calendarPage(l *Localizer, p *plan.Plan, base string) *pageData {
	return &pageData{L: l, Site: &Site{BaseURL: base}, Page: Page{Kind: KindCalendar, Lang: l.Lang, Org: p.Org, Plan: p}}
}

func calendarPlan(fy fiscal.Year) *plan.Plan {
	o := &plan.Org{ID: "mihon", Name: lang.T("見本会", "Mihon")}
	p := &plan.Plan{OrgID: "mihon", Org: o, FiscalYear: fy, Title: lang.T("事業計画", "Plan")}
	o.Plans = []*plan.Plan{p}
	return p
}

// The year heads follow the era in force on the 1st of each month, so
// FY2019 splits 2019 at the change from 平成 to 令和 on 1 May.
func TestGridYearHeads(t *testing.T) {
	ja, en := localizers()
	tests := []struct {
		l    *Localizer
		fy   fiscal.Year
		want string
	}{
		{ja, 2024, "令和6年（2024年）×9 令和7年（2025年）×3"},
		{ja, 2019, "平成31年（2019年）×1 令和元年（2019年）×8 令和2年（2020年）×3"},
		{ja, 1988, "昭和63年（1988年）×9 昭和64年（1989年）×1 平成元年（1989年）×2"},
		{en, 2019, "2019×9 2020×3"},
	}
	for _, tt := range tests {
		v := calendarPage(tt.l, calendarPlan(tt.fy), "").ScheduleGrid(nil)
		var got []string
		for _, y := range v.Years {
			got = append(got, y.Label+"×"+itoa(y.Span))
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("%s FY%d: %s, want %s", tt.l.Lang, tt.fy, s, tt.want)
		}
	}
	v := calendarPage(en, calendarPlan(2024), "").ScheduleGrid(nil)
	if m := v.Months[9]; m.Short != "Jan" || m.Full != "January 2025" {
		t.Errorf("column 10: %+v", m)
	}
}

func TestGridCells(t *testing.T) {
	ja, en := localizers()
	events := []plan.Event{
		{Name: lang.T("フォーラム", "Forum"), Date: date("2024-10-19")},
		{Name: lang.T("研修", "Training"), Date: date("2024-10-19"), End: date("2024-10-20")},
		{Name: lang.T("合宿", "Camp"), Date: date("2024-10-30"), End: date("2024-11-02")},
		{Name: lang.T("長期", "Long"), Date: date("2025-01-31"), End: date("2025-03-01")},
		{Name: lang.T("部会", "Subcommittee"), Months: []int{5, 1}},
		{Name: lang.T("会議", "Meeting"), EveryMonth: true},
		{Name: lang.T("翌年度", "Next year"), Date: date("2025-04-01")},
		{Name: lang.T("随時", "As needed"), AsNeeded: true},
	}
	// cells writes a row's twelve cells: text, * for a mark, . for none.
	cells := func(r gridRow) string {
		var b []string
		for _, c := range r.Cells {
			switch {
			case c.Text != "":
				b = append(b, c.Text)
			case c.Mark:
				b = append(b, "*")
			default:
				b = append(b, ".")
			}
		}
		return strings.Join(b, " ")
	}
	tests := []struct {
		l    *Localizer
		want []string
	}{
		{ja, []string{
			". . . . . . 19日 . . . . .",
			". . . . . . 19～20日 . . . . .",
			". . . . . . 30日～ ～2日 . . . .",
			". . . . . . . . . 31日～ * ～1日",
			". * . . . . . . . * . .",
			"* * * * * * * * * * * *",
		}},
		{en, []string{
			". . . . . . 19 . . . . .",
			". . . . . . 19–20 . . . . .",
			". . . . . . 30– –2 . . . .",
			". . . . . . . . . 31– * –1",
			". * . . . . . . . * . .",
			"* * * * * * * * * * * *",
		}},
	}
	for _, tt := range tests {
		v := calendarPage(tt.l, calendarPlan(2024), "").ScheduleGrid(events)
		if len(v.Groups) != 1 || !v.Groups[0].Name.IsZero() {
			t.Fatalf("a block's grid has one unnamed group, got %d", len(v.Groups))
		}
		rows := v.Groups[0].Rows
		if len(rows) != len(tt.want) {
			t.Fatalf("%d rows, want %d", len(rows), len(tt.want))
		}
		for i, w := range tt.want {
			if got := cells(rows[i]); got != w {
				t.Errorf("%s row %d (%s): %s, want %s", tt.l.Lang, i, rows[i].Item.Entry.Name.Ja, got, w)
			}
		}
		if len(v.Outside) != 1 || len(v.AsNeeded) != 1 || len(v.Counts) != 0 || len(v.Every) != 1 {
			t.Errorf("apart: %d outside, %d as needed, %d counts, %d every month", len(v.Outside), len(v.AsNeeded), len(v.Counts), len(v.Every))
		}
		// The list by month: October has three entries, with their days.
		oct := v.ByMonth[6]
		if len(oct.Items) != 3 || oct.Items[2].Prefix != rows[2].Cells[6].Text {
			t.Errorf("October list: %+v", oct.Items)
		}
		if len(v.ByMonth[10].Items) != 1 || v.ByMonth[10].Items[0].Prefix != "" {
			t.Errorf("February, spanned whole by one entry: %+v", v.ByMonth[10].Items)
		}
	}
}

// The plan's grid groups rows by division, links each entry to its place
// on the plan page, and lists counts per year apart.
func TestPlanGridGroups(t *testing.T) {
	ja, _ := localizers()
	p := calendarPlan(2022)
	p.Schedule = []plan.Event{{Name: lang.T("法人全体研修", ""), Months: []int{2}}}
	p.Divisions = []plan.Division{
		{ID: "somu", Name: lang.T("総務課", ""), Sections: []plan.Section{{Name: lang.T("法人運営", ""), Programs: []plan.Program{
			{ID: "rijikai", Name: lang.T("理事会", ""), Frequency: &plan.Frequency{Count: 5, Per: "year"}},
			{ID: "jimukyoku", Name: lang.T("事務局会議", ""), Frequency: &plan.Frequency{Count: 2, Per: "month"}},
		}}}},
		{ID: "center", Name: lang.T("センター", ""), Blocks: plan.Blocks{Schedule: []plan.Event{{Name: lang.T("フォーラム", ""), Date: date("2022-10-19")}}}},
	}
	v := calendarPage(ja, p, "").PlanGrid(p)
	var groups []string
	for _, g := range v.Groups {
		var rows []string
		for _, r := range g.Rows {
			rows = append(rows, r.Item.Entry.Name.Ja+"("+r.Item.Extra+")@"+r.Item.URL)
		}
		groups = append(groups, g.Name.Ja+": "+strings.Join(rows, ", "))
	}
	want := []string{
		": 法人全体研修()@/ja/mihon/2022/",
		"総務課: 事務局会議(月2回)@/ja/mihon/2022/#jimukyoku",
		"センター: フォーラム()@/ja/mihon/2022/#center",
	}
	if strings.Join(groups, "\n") != strings.Join(want, "\n") {
		t.Errorf("groups:\n%s\nwant\n%s", strings.Join(groups, "\n"), strings.Join(want, "\n"))
	}
	if len(v.Counts) != 1 || v.Counts[0].Extra != "年5回" || v.Counts[0].Source[0].Ja != "法人運営" || v.Counts[0].Division.Ja != "総務課" {
		t.Errorf("counts: %+v", v.Counts)
	}
	if !strings.Contains(v.Caption, "令和4年度（2022年度） 年間予定") {
		t.Errorf("caption %q", v.Caption)
	}
}

func TestCalendarNameAndFeed(t *testing.T) {
	ja, en := localizers()
	p := calendarPlan(2024)
	p.Schedule = []plan.Event{{Name: lang.T("理事会", "Board"), Months: []int{6}}}
	if got := CalendarName(p.Org, p); got.Ja != "見本会 令和6年度 年間予定" || got.En != "Mihon: FY2024 schedule" {
		t.Errorf("plan calendar name %+v", got)
	}
	p.Org.Name.En = ""
	if got := CalendarName(p.Org, nil); got.Ja != "見本会 年間予定" || got.En != "" {
		t.Errorf("organization calendar name without English: %+v", got)
	}
	tests := []struct {
		name, base string
		l          *Localizer
		want       calendarFeed
	}{
		{"path only", "", ja, calendarFeed{ICS: "/ja/mihon/2024/calendar/mihon-2024-ja.ics", CSV: "/ja/mihon/2024/calendar/mihon-2024-ja.csv"}},
		{"absolute", "https://example.jp/keikaku/", en, calendarFeed{
			ICS:    "/en/mihon/2024/calendar/mihon-2024-en.ics",
			Webcal: "webcal://example.jp/keikaku/en/mihon/2024/calendar/mihon-2024-en.ics",
			CSV:    "/en/mihon/2024/calendar/mihon-2024-en.csv"}},
	}
	for _, tt := range tests {
		if got := calendarPage(tt.l, p, tt.base).Feed(); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
	p = calendarPlan(2024)
	p.Schedule = []plan.Event{{Name: lang.T("緊急会議", ""), AsNeeded: true}}
	if got := calendarPage(ja, p, "https://example.jp/").Feed(); got.ICS != "" || got.Webcal != "" || got.CSV == "" {
		t.Errorf("no dated entry: want the CSV only, got %+v", got)
	}
}
