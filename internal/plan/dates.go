package plan

import (
	"fmt"
	"time"

	"github.com/plansite/plansite/internal/diag"
)

// Date is a calendar day. In TOML it is a local date (2024-04-01) or a
// string of that form. The zero Date means "not given".
type Date struct {
	time.Time
}

// UnmarshalTOML accepts a TOML local date or a "2006-01-02" string.
func (d *Date) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case time.Time:
		if x.Hour() != 0 || x.Minute() != 0 || x.Second() != 0 {
			return diag.Errorf("expected a date such as 2024-04-01, found a date with a time of day")
		}
		d.Time = time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)
		return nil
	case string:
		t, err := time.Parse(time.DateOnly, x)
		if err != nil {
			return diag.Errorf("expected a date such as 2024-04-01, found %q", x)
		}
		d.Time = t
		return nil
	}
	return diag.Errorf("expected a date such as 2024-04-01, found %T", v)
}

// IsSet reports whether a date was given.
func (d Date) IsSet() bool { return !d.Time.IsZero() }

// MarshalText writes the date as 2006-01-02, for JSON.
func (d Date) MarshalText() ([]byte, error) {
	if !d.IsSet() {
		return []byte(""), nil
	}
	return []byte(d.Format(time.DateOnly)), nil
}

// YearMonth is a month of a year, written "2022-04" in TOML. The zero
// value means "not given".
type YearMonth struct {
	Year  int
	Month time.Month
}

// UnmarshalTOML accepts a "2006-01" string.
func (ym *YearMonth) UnmarshalTOML(v any) error {
	s, ok := v.(string)
	if !ok {
		return diag.Errorf("expected a month written as a string such as \"2022-04\", found %T", v)
	}
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return diag.Errorf("expected a month such as \"2022-04\" (year-month), found %q", s)
	}
	*ym = YearMonth{Year: t.Year(), Month: t.Month()}
	return nil
}

// IsSet reports whether a month was given.
func (ym YearMonth) IsSet() bool { return ym.Year != 0 }

// Before reports whether ym is earlier than other.
func (ym YearMonth) Before(other YearMonth) bool {
	return ym.Year < other.Year || ym.Year == other.Year && ym.Month < other.Month
}

// MarshalText writes the month as 2006-01, for JSON.
func (ym YearMonth) MarshalText() ([]byte, error) {
	if !ym.IsSet() {
		return []byte(""), nil
	}
	return fmt.Appendf(nil, "%04d-%02d", ym.Year, int(ym.Month)), nil
}
