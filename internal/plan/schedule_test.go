package plan

import (
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func day(s string) Date {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return Date{t}
}

// schedulePlan nests entries as seed 000 and seed 004 do: frequencies of
// programs in nested sections, a program's own schedule, section and
// division schedules, and the plan's own.
func schedulePlan() *Plan {
	return &Plan{
		FiscalYear: 2022,
		Blocks:     Blocks{Schedule: []Event{{Name: Text{Ja: "法人全体研修"}, Months: []int{2}}}},
		Divisions: []Division{{
			ID:   "somu",
			Name: Text{Ja: "総務課"},
			Sections: []Section{{
				Name: Text{Ja: "法人運営・財務人事係"},
				Sections: []Section{{
					ID:   "rijikai-hyogiinkai",
					Name: Text{Ja: "① 理事会・評議員会・監査会"},
					Programs: []Program{
						{ID: "rijikai", Name: Text{Ja: "理事会"}, Frequency: &Frequency{Count: 5, Per: "year"}},
						{Name: Text{Ja: "事務局会議"}, Frequency: &Frequency{Count: 2, Per: "month"}},
						{Name: Text{Ja: "職員朝礼"}, Frequency: &Frequency{Count: 1, Per: "week"}},
						{ID: "kaiin", Name: Text{Ja: "会員募集"}, Blocks: Blocks{Schedule: []Event{
							{ID: "gekkan", Name: Text{Ja: "社協会費加入強化月間"}, Months: []int{6}},
						}}},
					},
				}},
			}},
			Blocks: Blocks{Schedule: []Event{
				{Name: Text{Ja: "精神部会"}, Months: []int{1, 8, 5, 8}},
				{Name: Text{Ja: "フォーラム"}, Date: day("2022-10-19"), End: day("2022-10-20")},
				{Name: Text{Ja: "緊急支援調整会議"}, AsNeeded: true},
				{Name: Text{Ja: "支援調整会議"}, EveryMonth: true},
			}},
		}},
	}
}

func TestEntries(t *testing.T) {
	es := Entries(schedulePlan())
	type row struct {
		name, when, trail, anchor string
	}
	whenName := map[When]string{InMonths: "months", OnDate: "date", Monthly: "monthly", Yearly: "yearly", AsNeeded: "as-needed"}
	want := []row{
		{"法人全体研修", "months", "", ""},
		{"理事会", "yearly", "総務課/法人運営・財務人事係/① 理事会・評議員会・監査会", "rijikai"},
		{"事務局会議", "monthly", "総務課/法人運営・財務人事係/① 理事会・評議員会・監査会", "rijikai-hyogiinkai"},
		{"職員朝礼", "monthly", "総務課/法人運営・財務人事係/① 理事会・評議員会・監査会", "rijikai-hyogiinkai"},
		{"社協会費加入強化月間", "months", "総務課/法人運営・財務人事係/① 理事会・評議員会・監査会/会員募集", "kaiin"},
		{"精神部会", "months", "総務課", "somu"},
		{"フォーラム", "date", "総務課", "somu"},
		{"緊急支援調整会議", "as-needed", "総務課", "somu"},
		{"支援調整会議", "monthly", "総務課", "somu"},
	}
	if len(es) != len(want) {
		t.Fatalf("%d entries, want %d", len(es), len(want))
	}
	for i, w := range want {
		e := es[i]
		var trail []string
		for _, c := range e.Trail {
			trail = append(trail, c.Name.Ja)
		}
		got := row{e.Name.Ja, whenName[e.When], strings.Join(trail, "/"), e.Anchor}
		if got != w {
			t.Errorf("entry %d = %+v, want %+v", i, got, w)
		}
	}
	if got := es[5].Months; len(got) != 3 || got[0] != time.May || got[1] != time.August || got[2] != time.January {
		t.Errorf("months [1, 8, 5, 8] in fiscal order, once each: got %v", got)
	}
	if es[1].Key != "rijikai" || es[4].Key != "gekkan" {
		t.Errorf("keys from ids: %q, %q", es[1].Key, es[4].Key)
	}
	if !strings.HasPrefix(es[2].Key, "~") || es[2].Key == es[3].Key {
		t.Errorf("digest keys %q, %q", es[2].Key, es[3].Key)
	}
	// A section without an id is anchored by its position under its parent,
	// as the plan page anchors it.
	if a := es[2].Trail[1].Anchor; a != "somu-1" {
		t.Errorf("section anchor %q, want somu-1", a)
	}
	if d := es[0].Division(); d != (Crumb{}) {
		t.Errorf("the plan's own entry has division %+v", d)
	}
	if !AnyDated(es) || AnyDated(es[1:2]) || AnyDated(es[7:8]) {
		t.Error("AnyDated wrong")
	}
}

func TestEntryInYear(t *testing.T) {
	tests := []struct {
		date, end string
		in        bool
	}{
		{"2022-04-01", "", true},
		{"2023-03-31", "", true},
		{"2022-03-31", "", false},
		{"2023-03-30", "2023-04-02", false},
		{"2022-10-19", "2022-10-20", true},
	}
	for _, tt := range tests {
		e := Entry{When: OnDate, Date: day(tt.date)}
		if tt.end != "" {
			e.End = day(tt.end)
		}
		if got := e.InYear(2022); got != tt.in {
			t.Errorf("%s–%s in FY2022: %v, want %v", tt.date, tt.end, got, tt.in)
		}
	}
}

func TestFrequencyLabel(t *testing.T) {
	tests := []struct {
		f      Frequency
		ja, en string
	}{
		{Frequency{5, "year"}, "年5回", "5 times a year"},
		{Frequency{2, "month"}, "月2回", "twice a month"},
		{Frequency{1, "week"}, "週1回", "once a week"},
	}
	for _, tt := range tests {
		if got := tt.f.Label(); got.Ja != tt.ja || got.En != tt.en {
			t.Errorf("%+v: %+v, want %s / %s", tt.f, got, tt.ja, tt.en)
		}
	}
}

func TestFiscalIndex(t *testing.T) {
	for m, want := range map[time.Month]int{time.April: 0, time.December: 8, time.January: 9, time.March: 11} {
		if got := FiscalIndex(m); got != want {
			t.Errorf("FiscalIndex(%s) = %d, want %d", m, got, want)
		}
	}
}

// Schedule dates are checked against the fiscal year wherever they are
// written, and a month listed twice is a warning.
func TestValidateScheduleInSections(t *testing.T) {
	p := schedulePlan()
	p.Divisions[0].Sections[0].Sections[0].Programs[3].Schedule = append(p.Divisions[0].Sections[0].Sections[0].Programs[3].Schedule,
		Event{Name: Text{Ja: "翌年度の会議"}, Date: day("2023-05-01")})
	issues := ValidatePlan(p)
	var got []string
	for _, is := range issues {
		got = append(got, is.Path+": "+is.Message)
		if !is.Warning {
			t.Errorf("%s: want a warning", is.Path)
		}
	}
	want := []string{
		"divisions[0].sections[0].sections[0].programs[3].schedule[1].date: 2023-05-01 is outside fiscal year 2022",
		"divisions[0].schedule[0].months[3]: month 8 is listed twice",
	}
	if len(got) != len(want) {
		t.Fatalf("issues:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("issue %d = %q, want %q…", i, got[i], want[i])
		}
	}
}

// TestEntriesKeptWhileHeld checks the entries cache: the list is made once
// while something holds it, dropped by the garbage collector once nothing
// does, and then made again the same.
func TestEntriesKeptWhileHeld(t *testing.T) {
	p := schedulePlan()
	held := Entries(p)
	if again := Entries(p); &again[0] != &held[0] {
		t.Fatal("Entries made the list again while it was held")
	}
	want := slices.Clone(held)
	held = nil
	runtime.GC()
	if p.schedule.first.Value() != nil {
		t.Error("the entries were kept after nothing held them")
	}
	if !HasSchedule(p) {
		t.Error("HasSchedule is false after the entries were dropped")
	}
	if got := Entries(p); !reflect.DeepEqual(got, want) {
		t.Errorf("Entries after a collection = %v, want %v", got, want)
	}
	if HasSchedule(&Plan{}) || Entries(&Plan{}) != nil {
		t.Error("a plan without a schedule has entries")
	}
}
