package fiscal

import (
	"testing"
	"time"
)

func TestEraOfDateBoundaries(t *testing.T) {
	tests := []struct {
		date     time.Time
		era      string
		year, ok int
	}{
		{day(1868, 1, 24), "", 0, 0},
		{day(1868, 1, 25), "明治", 1, 1},
		{day(1912, 7, 29), "明治", 45, 1},
		{day(1912, 7, 30), "大正", 1, 1},
		{day(1926, 12, 24), "大正", 15, 1},
		{day(1926, 12, 25), "昭和", 1, 1},
		{day(1989, 1, 7), "昭和", 64, 1},
		{day(1989, 1, 8), "平成", 1, 1},
		{day(2019, 4, 30), "平成", 31, 1},
		{day(2019, 5, 1), "令和", 1, 1},
		{day(2022, 4, 1), "令和", 4, 1},
	}
	for _, tt := range tests {
		era, y, ok := EraOfDate(tt.date)
		if era.Name != tt.era || y != tt.year || ok != (tt.ok == 1) {
			t.Errorf("%s: got %s %d %v, want %s %d", tt.date.Format(time.DateOnly), era.Name, y, ok, tt.era, tt.year)
		}
	}
}

func TestYearLabels(t *testing.T) {
	tests := []struct {
		fy                   Year
		era, ja, en, enRange string
	}{
		{2022, "令和4年度", "令和4年度（2022年度）", "FY2022", "April 2022 – March 2023"},
		{2024, "令和6年度", "令和6年度（2024年度）", "FY2024", "April 2024 – March 2025"},
		{2019, "令和元年度", "令和元年度（2019年度）", "FY2019", "April 2019 – March 2020"},
		{2018, "平成30年度", "平成30年度（2018年度）", "FY2018", "April 2018 – March 2019"},
		{1989, "平成元年度", "平成元年度（1989年度）", "FY1989", "April 1989 – March 1990"},
		{1988, "昭和63年度", "昭和63年度（1988年度）", "FY1988", "April 1988 – March 1989"},
		{1926, "昭和元年度", "昭和元年度（1926年度）", "FY1926", "April 1926 – March 1927"},
		{1912, "大正元年度", "大正元年度（1912年度）", "FY1912", "April 1912 – March 1913"},
		{1868, "明治元年度", "明治元年度（1868年度）", "FY1868", "April 1868 – March 1869"},
		{1867, "", "1867年度", "FY1867", "April 1867 – March 1868"},
	}
	for _, tt := range tests {
		if got := tt.fy.EraLabel(); got != tt.era {
			t.Errorf("%d EraLabel = %q, want %q", tt.fy, got, tt.era)
		}
		if got := tt.fy.JaLabel(); got != tt.ja {
			t.Errorf("%d JaLabel = %q, want %q", tt.fy, got, tt.ja)
		}
		if got := tt.fy.EnLabel(); got != tt.en {
			t.Errorf("%d EnLabel = %q, want %q", tt.fy, got, tt.en)
		}
		if got := tt.fy.EnRange(); got != tt.enRange {
			t.Errorf("%d EnRange = %q, want %q", tt.fy, got, tt.enRange)
		}
	}
}

func TestOfAndMonths(t *testing.T) {
	tests := []struct {
		date time.Time
		want Year
	}{
		{day(2023, 3, 31), 2022},
		{day(2023, 4, 1), 2023},
		{day(2024, 1, 15), 2023},
		{day(2024, 12, 31), 2024},
	}
	for _, tt := range tests {
		if got := Of(tt.date); got != tt.want {
			t.Errorf("Of(%s) = %d, want %d", tt.date.Format(time.DateOnly), got, tt.want)
		}
	}
	months := Year(2024).Months()
	if len(months) != 12 || months[0] != day(2024, 4, 1) || months[11] != day(2025, 3, 1) {
		t.Errorf("Months = %v", months)
	}
	if Year(2024).CalendarYear(time.January) != 2025 || Year(2024).CalendarYear(time.December) != 2024 {
		t.Error("CalendarYear wrong")
	}
	if Year(2022).Start() != day(2022, 4, 1) || Year(2022).End() != day(2023, 3, 31) {
		t.Error("Start/End wrong")
	}
}

func TestJaMonthAndDate(t *testing.T) {
	tests := []struct {
		y    int
		m    time.Month
		want string
	}{
		{2022, time.April, "令和4年4月"},
		{2025, time.March, "令和7年3月"},
		{2019, time.April, "平成31年4月"},
		{2019, time.May, "令和元年5月"},
		{1850, time.May, "1850年5月"},
	}
	for _, tt := range tests {
		if got := JaMonth(tt.y, tt.m); got != tt.want {
			t.Errorf("JaMonth(%d, %d) = %q, want %q", tt.y, tt.m, got, tt.want)
		}
	}
	if got := JaDate(day(2024, 4, 1)); got != "令和6年4月1日" {
		t.Errorf("JaDate = %q", got)
	}
}
