package ical_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/plansite/plansite/internal/ical"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// examplePlan is a small plan of FY2024 with one entry of each kind.
func examplePlan() *plan.Plan {
	date := func(s string) plan.Date {
		var d plan.Date
		d.UnmarshalTOML(s)
		return d
	}
	return &plan.Plan{
		OrgID:      "mihon",
		Org:        &plan.Org{ID: "mihon", Name: lang.T("見本福祉会", "Mihon Welfare")},
		FiscalYear: 2024,
		Title:      lang.T("事業計画", "Business Plan"),
		Divisions: []plan.Division{{
			ID:   "center",
			Name: lang.T("相談支援センター", "Support Center"),
			Sections: []plan.Section{{
				Name: lang.T("法人運営", "Management"),
				Programs: []plan.Program{{
					ID:        "rijikai",
					Name:      lang.T("理事会", "Board of Directors"),
					Frequency: &plan.Frequency{Count: 5, Per: "year"},
				}},
			}},
			Blocks: plan.Blocks{Schedule: []plan.Event{
				{ID: "coordination", Name: lang.T("支援調整会議", "Support coordination meeting"), EveryMonth: true},
				{ID: "subcommittee", Name: lang.T("精神部会", "Mental health subcommittee"), Months: []int{5, 1}},
				{ID: "forum", Name: lang.T("生きるを支えるフォーラム", "Supporting Life Forum"), Date: date("2024-10-19")},
				{ID: "emergency", Name: lang.T("緊急支援調整会議", ""), AsNeeded: true},
			}},
		}},
	}
}

// Encode writes the dated entries as events; the count per year (理事会
// 年5回) and the as-needed entry have no dates and are left out.
func ExampleEncode() {
	b, err := ical.Encode(ical.Calendar{
		Lang:  lang.Ja,
		Name:  "見本福祉会 年間予定",
		Plans: []*plan.Plan{examplePlan()},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(strings.ReplaceAll(string(b), "\r\n", "\n"))
	// Output:
	// BEGIN:VCALENDAR
	// VERSION:2.0
	// PRODID:-//plansite//plansite//EN
	// CALSCALE:GREGORIAN
	// METHOD:PUBLISH
	// X-WR-CALNAME:見本福祉会 年間予定
	// NAME:見本福祉会 年間予定
	// REFRESH-INTERVAL;VALUE=DURATION:P1D
	// X-PUBLISHED-TTL:P1D
	// BEGIN:VEVENT
	// UID:mihon/2024/coordination@plansite
	// DTSTAMP:20240331T150000Z
	// DTSTART;VALUE=DATE:20240401
	// DURATION:P28D
	// RRULE:FREQ=MONTHLY;COUNT=12
	// SUMMARY:支援調整会議
	// DESCRIPTION:毎月（2024年4月～2025年3月）\n相談支援センター
	//  \n見本福祉会 令和6年度 事業計画
	// TRANSP:TRANSPARENT
	// END:VEVENT
	// BEGIN:VEVENT
	// UID:mihon/2024/subcommittee/2024-05@plansite
	// DTSTAMP:20240331T150000Z
	// DTSTART;VALUE=DATE:20240501
	// DTEND;VALUE=DATE:20240601
	// SUMMARY:精神部会
	// DESCRIPTION:2024年5月に予定（日は未定）\n相談支援センタ
	//  ー\n見本福祉会 令和6年度 事業計画
	// TRANSP:TRANSPARENT
	// END:VEVENT
	// BEGIN:VEVENT
	// UID:mihon/2024/subcommittee/2025-01@plansite
	// DTSTAMP:20240331T150000Z
	// DTSTART;VALUE=DATE:20250101
	// DTEND;VALUE=DATE:20250201
	// SUMMARY:精神部会
	// DESCRIPTION:2025年1月に予定（日は未定）\n相談支援センタ
	//  ー\n見本福祉会 令和6年度 事業計画
	// TRANSP:TRANSPARENT
	// END:VEVENT
	// BEGIN:VEVENT
	// UID:mihon/2024/forum@plansite
	// DTSTAMP:20240331T150000Z
	// DTSTART;VALUE=DATE:20241019
	// DTEND;VALUE=DATE:20241020
	// SUMMARY:生きるを支えるフォーラム
	// DESCRIPTION:相談支援センター\n見本福祉会 令和6年度 事業
	//  計画
	// TRANSP:TRANSPARENT
	// END:VEVENT
	// END:VCALENDAR
}

// An English calendar writes each name in English, and an untranslated
// name in Japanese marked with LANGUAGE=ja.
func ExampleEncode_english() {
	p := examplePlan()
	p.Divisions[0].Schedule = p.Divisions[0].Schedule[3:]
	p.Divisions[0].Schedule[0].AsNeeded, p.Divisions[0].Schedule[0].Months = false, []int{6}
	b, _ := ical.Encode(ical.Calendar{Lang: lang.En, Plans: []*plan.Plan{p},
		PlanURL: func(p *plan.Plan) string { return "https://example.jp/en/mihon/2024/" }})
	for _, line := range strings.Split(string(b), "\r\n") {
		if strings.HasPrefix(line, "SUMMARY") || strings.HasPrefix(line, "URL") || strings.HasPrefix(line, "UID") {
			fmt.Println(line)
		}
	}
	// Output:
	// UID:mihon/2024/emergency/2024-06@plansite
	// SUMMARY;LANGUAGE=ja:緊急支援調整会議
	// URL:https://example.jp/en/mihon/2024/#center
}

// A plan whose entries have no dates gives no iCalendar file.
func ExampleEncode_noDates() {
	p := examplePlan()
	p.Divisions[0].Schedule = nil
	_, err := ical.Encode(ical.Calendar{Lang: lang.Ja, Plans: []*plan.Plan{p}})
	fmt.Println(errors.Is(err, ical.ErrNoEvents))
	// Output: true
}

// CSV lists every entry, the undated ones too, with a byte order mark for Excel.
func ExampleCSV() {
	b := ical.CSV(ical.Calendar{Lang: lang.Ja, Plans: []*plan.Plan{examplePlan()}})
	fmt.Printf("%q\n", b[:3])
	fmt.Print(strings.ReplaceAll(string(b[3:]), "\r\n", "\n"))
	// Output:
	// "\ufeff"
	// 年度,開始日,終了日,時期,予定,部門,所属,備考,UID
	// 2024,,,年5回,理事会,相談支援センター,法人運営,,mihon/2024/rijikai@plansite
	// 2024,2024-04-01,2025-03-31,毎月,支援調整会議,相談支援センター,,,mihon/2024/coordination@plansite
	// 2024,2024-05-01,2024-05-31,2024年5月,精神部会,相談支援センター,,,mihon/2024/subcommittee/2024-05@plansite
	// 2024,2025-01-01,2025-01-31,2025年1月,精神部会,相談支援センター,,,mihon/2024/subcommittee/2025-01@plansite
	// 2024,2024-10-19,2024-10-19,2024年10月19日,生きるを支えるフォーラム,相談支援センター,,,mihon/2024/forum@plansite
	// 2024,,,随時,緊急支援調整会議,相談支援センター,,,mihon/2024/emergency@plansite
}
