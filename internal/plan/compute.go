package plan

import (
	"math"
	"sort"
	"strconv"
)

// Total sums the row's cells.
func (r StaffRow) Total() float64 {
	var sum float64
	for _, k := range sortedKeys(r.Cells) { // fixed order: float sums depend on it
		sum += r.Cells[k]
	}
	return roundFTE(sum)
}

// Has reports whether the row has a value (possibly 0) for role key.
func (r StaffRow) Has(key string) bool {
	_, ok := r.Cells[key]
	return ok
}

// StatedDiffers reports whether the source's stated total disagrees with
// the computed one.
func (r StaffRow) StatedDiffers() bool {
	return r.StatedTotal != nil && !sameFigure(*r.StatedTotal, r.Total())
}

// RoleTotal sums the column of role key over all rows.
func (s Staffing) RoleTotal(key string) float64 {
	var sum float64
	for _, r := range s.Rows {
		sum += r.Cells[key]
	}
	return roundFTE(sum)
}

// RoleHas reports whether any row has a value for role key.
func (s Staffing) RoleHas(key string) bool {
	for _, r := range s.Rows {
		if r.Has(key) {
			return true
		}
	}
	return false
}

// Total sums every cell of the table.
func (s Staffing) Total() float64 {
	var sum float64
	for _, r := range s.Rows {
		sum += r.Total()
	}
	return roundFTE(sum)
}

// Decimals is the number of decimals to show the table's figures with: 1
// when any cell is fractional (0.9, 5.6), so that a column reads evenly,
// otherwise 0.
func (s Staffing) Decimals() int {
	for _, r := range s.Rows {
		for _, v := range r.Cells {
			if v != math.Trunc(v) {
				return 1
			}
		}
	}
	return 0
}

// roundFTE rounds to two decimals, removing float noise such as 0.1+0.2.
func roundFTE(v float64) float64 { return math.Round(v*100) / 100 }

func sameFigure(a, b float64) bool { return math.Abs(a-b) < 0.005 }

// FormatFTE writes a full-time equivalent with as few decimals as it needs.
func FormatFTE(v float64) string { return strconv.FormatFloat(roundFTE(v), 'f', -1, 64) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// HasLead reports whether b has parts shown before a container's sections
// and programs (goals, profile, lists, tables, notes), so layouts can skip
// empty ones.
func (b Blocks) HasLead() bool {
	return len(b.Goals)+len(b.Profile)+len(b.Lists)+len(b.Tables)+len(b.Notes) > 0
}

// HasData reports whether b has parts shown after a container's sections
// and programs (fees, facilities, targets, staffing, schedule).
func (b Blocks) HasData() bool {
	return len(b.Fees)+len(b.Facilities)+len(b.Targets)+len(b.Staffing)+len(b.Schedule) > 0
}
