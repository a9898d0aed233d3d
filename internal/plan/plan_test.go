package plan

import (
	"strings"
	"testing"
)

func f(v float64) *float64 { return &v }

func TestStaffingTotals(t *testing.T) {
	// Seed 004: 0.9 + 5.6 + 0.5 + 2 full-time, stated as 10; 1 part-time.
	s := Staffing{
		Roles: []Role{{Key: "lead"}, {Key: "counselor"}, {Key: "finance"}, {Key: "work"}},
		Rows: []StaffRow{
			{Cells: map[string]float64{"lead": 0.9, "counselor": 5.6, "finance": 0.5, "work": 2}, StatedTotal: f(10)},
			{Cells: map[string]float64{"work": 1}},
		},
	}
	if got := s.Rows[0].Total(); got != 9 {
		t.Errorf("full-time total = %v, want 9", got)
	}
	if !s.Rows[0].StatedDiffers() || s.Rows[1].StatedDiffers() {
		t.Error("StatedDiffers wrong")
	}
	if got := s.RoleTotal("work"); got != 3 {
		t.Errorf("work column = %v, want 3", got)
	}
	if s.RoleHas("missing") || !s.RoleHas("lead") {
		t.Error("RoleHas wrong")
	}
	if got := s.Total(); got != 10 {
		t.Errorf("table total = %v, want 10", got)
	}
	if s.Decimals() != 1 {
		t.Errorf("Decimals = %d, want 1", s.Decimals())
	}
	// Float noise: 0.1 + 0.2 is 0.3 here.
	noise := StaffRow{Cells: map[string]float64{"a": 0.1, "b": 0.2}, StatedTotal: f(0.3)}
	if noise.StatedDiffers() || FormatFTE(noise.Total()) != "0.3" {
		t.Errorf("0.1+0.2 = %v", noise.Total())
	}
}

func TestValidatePlan(t *testing.T) {
	p := &Plan{
		FiscalYear: 2024,
		Divisions: []Division{{
			ID:   "a",
			Name: Text{Ja: "部門"},
			Sections: []Section{{
				Name: Text{Ja: "係"},
				Programs: []Program{
					{ID: "a", Name: Text{Ja: "重複"}, Frequency: &Frequency{Count: 0, Per: "day"}},
					{Name: Text{}, Sites: -1, Marker: "roman"},
				},
			}},
			Blocks: Blocks{
				Facilities: []Facility{{Name: Text{Ja: "センター"}, From: YearMonth{2025, 4}, To: YearMonth{2022, 3}}},
				Targets:    []Target{{Key: "rate", Name: Text{Ja: "率"}, Value: 120, Unit: Text{Ja: "%"}}, {Key: "rate", Name: Text{Ja: "率"}}},
				Fees:       []Fee{{Name: Text{Ja: "会費"}, Amount: -5}},
			},
		}},
	}
	want := []string{
		`divisions[0].sections[0].programs[0].id: id "a" is already used`,
		"divisions[0].sections[0].programs[0].frequency.count: frequency.count must be 1 or more",
		`divisions[0].sections[0].programs[0].frequency.per: frequency.per must be one of year, month, week, found "day"`,
		"divisions[0].sections[0].programs[1].name: a program needs a name",
		`divisions[0].sections[0].programs[1].marker: marker must be one of`,
		"divisions[0].sections[0].programs[1].sites: sites cannot be negative",
		"divisions[0].fees[0].amount: a fee cannot be negative",
		"divisions[0].facilities[0].to: the contract ends (2022-03) before it starts (2025-04)",
		"divisions[0].targets[0].value: a rate target cannot exceed 100%",
		`divisions[0].targets[1].key: target key "rate" is used twice`,
	}
	issues := ValidatePlan(p)
	if len(issues) != len(want) {
		for _, is := range issues {
			t.Log(is.Path + ": " + is.Message)
		}
		t.Fatalf("got %d issues, want %d", len(issues), len(want))
	}
	for i, w := range want {
		if got := issues[i].Path + ": " + issues[i].Message; !strings.HasPrefix(got, w) {
			t.Errorf("issue %d:\ngot  %s\nwant %s…", i, got, w)
		}
	}
}

func TestEachText(t *testing.T) {
	p := &Plan{
		Title:     Text{Ja: "事業計画", En: "Plan"},
		Divisions: []Division{{Name: Text{Ja: "総務課"}, Blocks: Blocks{Tables: []Table{{Rows: []map[string]Text{{"b": {Ja: "二"}, "a": {Ja: "一"}}}}}}}},
	}
	var got []string
	EachText(p, func(t Text) {
		if t.Ja != "" {
			got = append(got, t.Ja)
		}
	})
	if strings.Join(got, ",") != "事業計画,総務課,一,二" {
		t.Errorf("texts = %v", got)
	}
}
