package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/plansite/plansite/internal/ical/icaltest"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

func TestFold(t *testing.T) {
	a75 := strings.Repeat("a", 75)
	tests := []struct {
		name, in string
		want     []string // physical lines, without CRLF
	}{
		{"short", "SUMMARY:理事会", []string{"SUMMARY:理事会"}},
		{"exactly 75 octets", a75, []string{a75}},
		{"76 octets", a75 + "b", []string{a75, " b"}},
		// "SUMMARY:" is 8 octets; 22 kana of 3 octets make 74; the 23rd
		// would end at 77, so it moves to the next line whole.
		{"three-octet characters", "SUMMARY:" + strings.Repeat("あ", 25),
			[]string{"SUMMARY:" + strings.Repeat("あ", 22), " " + strings.Repeat("あ", 3)}},
		// A continuation line holds the space and 24 kana (73 octets); a
		// 25th would make 76.
		{"continuation limit", strings.Repeat("あ", 60),
			[]string{strings.Repeat("あ", 25), " " + strings.Repeat("あ", 24), " " + strings.Repeat("あ", 11)}},
		{"four-octet characters", "X:" + strings.Repeat("𠮷", 20),
			[]string{"X:" + strings.Repeat("𠮷", 18), " " + strings.Repeat("𠮷", 2)}},
		{"empty", "", []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			fold(&b, tt.in)
			want := strings.Join(tt.want, "\r\n") + "\r\n"
			if b.String() != want {
				t.Errorf("fold(%q) =\n%q\nwant\n%q", tt.in, b.String(), want)
			}
		})
	}
}

// FuzzFold checks, for any text, that the folded lines end in CRLF, hold
// at most 75 octets and whole UTF-8 characters, and unfold to the line.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "SUMMARY:倉敷市要保護児童対策協議会（倉敷・玉島・水島・児島地区）", strings.Repeat("𠮷a", 80), "a,b;c\\d\ne", "\r\n\x00\x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		line := "DESCRIPTION:" + escape(s)
		var b bytes.Buffer
		fold(&b, line)
		out := b.String()
		if err := icaltest.CheckLines(b.Bytes()); err != nil && line != "" {
			t.Fatalf("fold(%q): %v", line, err)
		}
		unfolded := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", "")
		if unfolded != line {
			t.Fatalf("unfolding gives %q, want %q", unfolded, line)
		}
		if utf8.ValidString(s) && strings.ContainsAny(unfolded[len("DESCRIPTION:"):], "\r\n") {
			t.Fatalf("escaped text holds a raw line break: %q", unfolded)
		}
	})
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"理事会", "理事会"},
		{"定例、就労準備", "定例、就労準備"}, // the ideographic comma is not escaped
		{"a,b;c\\d", `a\,b\;c\\d`},
		{"一行目\n二行目\r\n三行目", `一行目\n二行目\n三行目`},
		{"tab\there", "tab\there"},
		{"bell\x07", "bell"},
		{"bad \xff byte", "bad \uFFFD byte"},
	}
	for _, tt := range tests {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// testPlan has an entry of every kind, nested as real plans nest them, with
// text that needs escaping and names long enough to fold.
func testPlan() *plan.Plan {
	return &plan.Plan{
		OrgID:      "meyasu",
		Org:        &plan.Org{ID: "meyasu", Name: lang.T("社会福祉法人 めやす会", "Meyasu Welfare")},
		FiscalYear: 2024,
		Title:      lang.T("事業計画", "Business Plan"),
		Blocks: plan.Blocks{Schedule: []plan.Event{
			{Name: lang.T("法人全体研修", "Corporate training"), Months: []int{2}},
		}},
		Divisions: []plan.Division{{
			ID:   "somu",
			Name: lang.T("総務課", "General Affairs"),
			Sections: []plan.Section{{
				Name: lang.T("法人運営・財務人事係", "Management, Finance and Personnel"),
				Programs: []plan.Program{
					{ID: "rijikai", Name: lang.T("理事会", "Board of Directors"), Frequency: &plan.Frequency{Count: 5, Per: "year"}},
					{ID: "jimukyoku", Name: lang.T("事務局会議", "Secretariat meeting"), Frequency: &plan.Frequency{Count: 2, Per: "month"}},
					{Name: lang.T("会員募集", "Membership drive"), Blocks: plan.Blocks{Schedule: []plan.Event{
						{ID: "kaihi-gekkan", Name: lang.T("社協会費加入強化月間", "Membership month"), Months: []int{6}},
					}}},
				},
			}},
		}, {
			ID:   "center",
			Name: lang.T("生活自立相談支援センター", "Livelihood Support Center"),
			Blocks: plan.Blocks{Schedule: []plan.Event{
				{Name: lang.T("定例、就労準備、ひきこもり対象者支援調整会議", "Support coordination meetings: regular, employment preparation, hikikomori"), EveryMonth: true},
				{Name: lang.T("倉敷地域自立支援協議会精神部会", "Mental health subcommittee"), Months: []int{5, 8, 1}, Note: lang.T("会場: 倉敷市役所; 詳細は追って", "Venue: city hall; details, later")},
				{Name: lang.T("生きるを支えるフォーラム", "Supporting Life Forum"), Date: date(2024, 10, 19), End: date(2024, 10, 20)},
				{Name: lang.T("研修会", ""), Date: date(2025, 3, 31)},
				{Name: lang.T("緊急支援調整会議", "Emergency meeting"), AsNeeded: true},
			}},
		}},
	}
}

func date(y int, m time.Month, d int) plan.Date {
	return plan.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

type wantEvent struct {
	summary    string
	start, end string // the first occurrence, end exclusive
	count      int    // occurrences
}

// TestEncodeParses parses the encoded calendar with go-ical and checks
// each event's dates and summary against the plan.
func TestEncodeParses(t *testing.T) {
	tests := []struct {
		lang lang.Lang
		want []wantEvent
	}{
		{lang.Ja, []wantEvent{
			{"法人全体研修", "2025-02-01", "2025-03-01", 1},
			{"事務局会議（月2回）", "2024-04-01", "2024-04-29", 12},
			{"社協会費加入強化月間", "2024-06-01", "2024-07-01", 1},
			{"定例、就労準備、ひきこもり対象者支援調整会議", "2024-04-01", "2024-04-29", 12},
			{"倉敷地域自立支援協議会精神部会", "2024-05-01", "2024-06-01", 1},
			{"倉敷地域自立支援協議会精神部会", "2024-08-01", "2024-09-01", 1},
			{"倉敷地域自立支援協議会精神部会", "2025-01-01", "2025-02-01", 1},
			{"生きるを支えるフォーラム", "2024-10-19", "2024-10-21", 1},
			{"研修会", "2025-03-31", "2025-04-01", 1},
		}},
		{lang.En, []wantEvent{
			{"Corporate training", "2025-02-01", "2025-03-01", 1},
			{"Secretariat meeting (twice a month)", "2024-04-01", "2024-04-29", 12},
			{"Membership month", "2024-06-01", "2024-07-01", 1},
			{"Support coordination meetings: regular, employment preparation, hikikomori", "2024-04-01", "2024-04-29", 12},
			{"Mental health subcommittee", "2024-05-01", "2024-06-01", 1},
			{"Mental health subcommittee", "2024-08-01", "2024-09-01", 1},
			{"Mental health subcommittee", "2025-01-01", "2025-02-01", 1},
			{"Supporting Life Forum", "2024-10-19", "2024-10-21", 1},
			{"研修会", "2025-03-31", "2025-04-01", 1},
		}},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			data, err := Encode(Calendar{Lang: tt.lang, Name: "めやす会, 年間予定; 2024", Plans: []*plan.Plan{testPlan()}})
			if err != nil {
				t.Fatal(err)
			}
			cal, err := icaltest.Parse(data)
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if name, _ := cal.Props.Text("X-WR-CALNAME"); name != "めやす会, 年間予定; 2024" {
				t.Errorf("X-WR-CALNAME = %q", name)
			}
			events := cal.Events()
			if len(events) != len(tt.want) {
				t.Fatalf("%d events, want %d", len(events), len(tt.want))
			}
			uids := map[string]bool{}
			for i, ev := range events {
				checkEvent(t, ev, tt.want[i])
				uid := ev.Props.Get(goical.PropUID).Value
				if uids[uid] {
					t.Errorf("UID %s is used twice", uid)
				}
				uids[uid] = true
				if v := ev.Props.Get(goical.PropDateTimeStart).ValueType(); v != goical.ValueDate {
					t.Errorf("%s: DTSTART has VALUE=%s, want DATE", uid, v)
				}
				if s := ev.Props.Get(goical.PropDateTimeStamp).Value; s != "20240331T150000Z" {
					t.Errorf("%s: DTSTAMP %s, want 1 April 2024 00:00 JST", uid, s)
				}
			}
			note := testPlan().Divisions[1].Schedule[1].Note.String(tt.lang)
			if d, _ := events[4].Props.Text(goical.PropDescription); !strings.Contains(d, "\n"+note+"\n") {
				t.Errorf("DESCRIPTION %q lacks the note %q on a line of its own", d, note)
			}
		})
	}
}

func checkEvent(t *testing.T, ev goical.Event, w wantEvent) {
	t.Helper()
	summary, err := ev.Props.Text(goical.PropSummary)
	if err != nil || summary != w.summary {
		t.Errorf("SUMMARY %q (%v), want %q", summary, err, w.summary)
	}
	start, err := ev.DateTimeStart(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	end, err := ev.DateTimeEnd(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if got := start.Format(time.DateOnly) + "/" + end.Format(time.DateOnly); got != w.start+"/"+w.end {
		t.Errorf("%s: %s, want %s/%s", w.summary, got, w.start, w.end)
	}
	set, err := ev.RecurrenceSet(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	count := 1
	if set != nil {
		occ := set.All()
		count = len(occ)
		for i, o := range occ {
			// Each occurrence starts on the 1st of the next fiscal month
			// and, lasting 28 days, ends within it.
			if o.Day() != 1 || o.AddDate(0, 0, 27).Month() != o.Month() {
				t.Errorf("%s: occurrence %d on %s leaves its month", w.summary, i, o.Format(time.DateOnly))
			}
		}
		if first, last := occ[0], occ[len(occ)-1]; first.Format("2006-01") != "2024-04" || last.Format("2006-01") != "2025-03" {
			t.Errorf("%s: recurs %s to %s, want April 2024 to March 2025", w.summary, first.Format("2006-01"), last.Format("2006-01"))
		}
	}
	if count != w.count {
		t.Errorf("%s: %d occurrences, want %d", w.summary, count, w.count)
	}
}

// An English calendar marks a name shown in Japanese with LANGUAGE=ja.
func TestFallbackLanguage(t *testing.T) {
	data, _ := Encode(Calendar{Lang: lang.En, Plans: []*plan.Plan{testPlan()}})
	if !bytes.Contains(data, []byte("SUMMARY;LANGUAGE=ja:研修会\r\n")) {
		t.Errorf("untranslated summary not marked:\n%s", data)
	}
	if bytes.Contains(data, []byte("SUMMARY;LANGUAGE=ja:Supporting")) {
		t.Error("translated summary marked as Japanese")
	}
}

// uids lists the UIDs of an encoded calendar by summary and start.
func uids(t *testing.T, p *plan.Plan) map[string]string {
	t.Helper()
	data, err := Encode(Calendar{Lang: lang.Ja, Plans: []*plan.Plan{p}})
	if err != nil {
		t.Fatal(err)
	}
	cal, err := icaltest.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, ev := range cal.Events() {
		summary, _ := ev.Props.Text(goical.PropSummary)
		out[summary+" "+ev.Props.Get(goical.PropDateTimeStart).Value] = ev.Props.Get(goical.PropUID).Value
	}
	return out
}

// TestUIDStable adds unrelated entries before, among and after the others,
// with and without ids, and edits another entry: every other event keeps
// its UID.
func TestUIDStable(t *testing.T) {
	before := uids(t, testPlan())
	p := testPlan()
	center := &p.Divisions[1]
	center.Schedule = append([]plan.Event{
		{Name: lang.T("新しい会議", "New meeting"), Months: []int{7}},
		{ID: "new-forum", Name: lang.T("新しいフォーラム", "New forum"), Date: date(2024, 11, 3)},
	}, center.Schedule...)
	center.Schedule = append(center.Schedule, plan.Event{Name: lang.T("追加の研修会", ""), Months: []int{9}})
	p.Blocks.Schedule = append([]plan.Event{{Name: lang.T("年度初め", ""), EveryMonth: true}}, p.Blocks.Schedule...)
	p.Divisions = append([]plan.Division{{ID: "new", Name: lang.T("新設課", "New"), Sections: []plan.Section{{Name: lang.T("係", "Unit")}}}}, p.Divisions...)
	// An edit of an unrelated entry.
	p.Divisions[2].Schedule[5].Note = lang.T("会場未定", "Venue to be decided")
	after := uids(t, p)
	if len(after) != len(before)+4 {
		t.Fatalf("%d events after adding 4, had %d", len(after), len(before))
	}
	for k, uid := range before {
		if after[k] != uid {
			t.Errorf("%s: UID %s became %s", k, uid, after[k])
		}
	}
}

// Two identical entries without ids get different UIDs.
func TestUIDTwins(t *testing.T) {
	p := testPlan()
	twin := plan.Event{Name: lang.T("見学会", ""), Months: []int{7}}
	p.Divisions[1].Schedule = append(p.Divisions[1].Schedule, twin, twin)
	data, err := Encode(Calendar{Lang: lang.Ja, Plans: []*plan.Plan{p}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := icaltest.Parse(data); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(data), "\r\n") {
		if strings.HasPrefix(line, "UID:") {
			if seen[line] {
				t.Errorf("%s twice", line)
			}
			seen[line] = true
		}
	}
}

func TestReproducible(t *testing.T) {
	a, _ := Encode(Calendar{Lang: lang.Ja, Plans: []*plan.Plan{testPlan()}})
	b, _ := Encode(Calendar{Lang: lang.Ja, Plans: []*plan.Plan{testPlan()}})
	if !bytes.Equal(a, b) {
		t.Error("two encodings of the same plan differ")
	}
}

func BenchmarkEncode(b *testing.B) {
	p := testPlan()
	data, _ := Encode(Calendar{Lang: lang.Ja, Plans: []*plan.Plan{p}})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Encode(Calendar{Lang: lang.Ja, Plans: []*plan.Plan{p}})
	}
}
