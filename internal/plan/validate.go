package plan

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/fiscal"
)

// An Issue is a problem with a value, at a path such as
// divisions[0].sections[1].programs[2].frequency.per.
type Issue struct {
	Path    string
	Message string
	// Warning is true for problems that do not fail the build.
	Warning bool
}

// Fiscal years a plan may have.
const (
	MinFiscalYear = 1947 // the first year of the social welfare laws' predecessors
	MaxFiscalYear = 2100
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ValidID reports whether id may be used in URLs and anchors: lower-case
// ASCII letters, digits and hyphens.
func ValidID(id string) bool { return idPattern.MatchString(id) }

type checker struct {
	issues []Issue
	ids    map[string]string // program and anchor IDs seen, to their paths
	// targetKeys are the target keys seen: unique within a plan, so
	// that each target can be followed to the next year's plan.
	targetKeys map[string]bool
}

func (c *checker) errorf(path, format string, args ...any) {
	c.issues = append(c.issues, Issue{Path: path, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) warnf(path, format string, args ...any) {
	c.issues = append(c.issues, Issue{Path: path, Message: fmt.Sprintf(format, args...), Warning: true})
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// ValidateOrg checks an organization's values.
func ValidateOrg(o *Org) []Issue {
	var c checker
	if o.Name.Ja == "" {
		c.errorf("name", "the organization needs a Japanese name: name = { ja = \"社会福祉法人 …\", en = \"…\" }")
	}
	if o.LegalType == "" {
		c.errorf("legal_type", "legal_type is missing: add legal_type = \"council\" (社会福祉協議会) or legal_type = \"corporation\" (社会福祉法人)")
	} else if _, ok := LegalTypes[o.LegalType]; !ok {
		c.errorf("legal_type", "legal_type must be \"council\" (社会福祉協議会) or \"corporation\" (社会福祉法人), found %q", o.LegalType)
	}
	if o.Website != "" && !strings.HasPrefix(o.Website, "https://") && !strings.HasPrefix(o.Website, "http://") {
		c.errorf("website", "website must be a full address starting with https://, found %q", o.Website)
	}
	return c.issues
}

// ValidatePlan checks a plan's values. IDs of divisions, sections, programs
// and tables must be unique within the plan because they become anchors.
func ValidatePlan(p *Plan) []Issue {
	c := checker{ids: map[string]string{}, targetKeys: map[string]bool{}}
	if p.FiscalYear < MinFiscalYear || p.FiscalYear > MaxFiscalYear {
		c.errorf("fiscal_year", "fiscal_year %d is not a plausible fiscal year: write the western year the plan's April falls in (令和4年度 = 2022), between %d and %d", p.FiscalYear, MinFiscalYear, MaxFiscalYear)
	}
	for i, pr := range p.Priorities {
		path := index("priorities", i)
		if pr.Title.Ja == "" {
			c.errorf(join(path, "title"), "a priority measure needs a title")
		}
	}
	for i := range p.Divisions {
		d := &p.Divisions[i]
		path := index("divisions", i)
		c.id(join(path, "id"), d.ID, true)
		if d.Name.Ja == "" {
			c.errorf(join(path, "name"), "a division needs a name")
		}
		c.sections(path, d.Sections, 1, p.FiscalYear)
		c.blocks(path, &d.Blocks, p.FiscalYear)
	}
	c.blocks("", &p.Blocks, p.FiscalYear)
	return c.issues
}

// maxSectionDepth bounds nesting; deeper plans are hard to read and to navigate.
const maxSectionDepth = 4

func (c *checker) sections(parent string, ss []Section, depth int, fy fiscal.Year) {
	for i := range ss {
		s := &ss[i]
		path := index(join(parent, "sections"), i)
		if depth > maxSectionDepth {
			c.errorf(path, "sections nest at most %d deep; move this section up a level", maxSectionDepth)
			return
		}
		c.id(join(path, "id"), s.ID, false)
		if s.Name.Ja == "" {
			c.errorf(join(path, "name"), "a section needs a name")
		}
		for j := range s.Programs {
			c.program(index(join(path, "programs"), j), &s.Programs[j], fy)
		}
		c.sections(path, s.Sections, depth+1, fy)
		c.blocks(path, &s.Blocks, fy)
	}
}

func (c *checker) program(path string, pr *Program, fy fiscal.Year) {
	c.id(join(path, "id"), pr.ID, false)
	if pr.Name.Ja == "" {
		c.errorf(join(path, "name"), "a program needs a name (事業計画名)")
	}
	c.marker(join(path, "marker"), pr.Marker)
	if f := pr.Frequency; f != nil {
		if f.Count < 1 {
			c.errorf(join(path, "frequency.count"), "frequency.count must be 1 or more, found %d", f.Count)
		}
		if !slices.Contains(FrequencyPeriods, f.Per) {
			c.errorf(join(path, "frequency.per"), "frequency.per must be one of %s, found %q", strings.Join(FrequencyPeriods, ", "), f.Per)
		}
	}
	for _, n := range []struct {
		key string
		v   int
	}{{"sites", pr.Sites}, {"areas", pr.Areas}, {"classes", pr.Classes}} {
		if n.v < 0 {
			c.errorf(join(path, n.key), "%s cannot be negative, found %d", n.key, n.v)
		}
	}
	c.blocks(path, &pr.Blocks, fy)
}

// id checks an anchor ID; required says whether it must be given.
func (c *checker) id(path, id string, required bool) {
	if id == "" {
		if required {
			c.errorf(path, "an id is required: a short name in lower-case letters, digits and hyphens, such as \"soumu\"")
		}
		return
	}
	if !ValidID(id) {
		c.errorf(path, "id %q may hold only lower-case letters a-z, digits and hyphens", id)
		return
	}
	if prev, dup := c.ids[id]; dup {
		c.errorf(path, "id %q is already used at %s; ids must be unique within a plan", id, prev)
		return
	}
	c.ids[id] = path
}

func (c *checker) marker(path, m string) {
	if m != "" && !slices.Contains(Markers, m) {
		c.errorf(path, "marker must be one of %s, found %q", strings.Join(Markers, ", "), m)
	}
}

// blocks checks the shared parts; fy is the plan's fiscal year, which
// schedule dates are checked against.
func (c *checker) blocks(parent string, b *Blocks, fy fiscal.Year) {
	for i, g := range b.Goals {
		c.marker(join(index(join(parent, "goals"), i), "marker"), g.Marker)
	}
	for i, l := range b.Lists {
		path := index(join(parent, "lists"), i)
		c.id(join(path, "id"), l.ID, false)
		c.marker(join(path, "marker"), l.Marker)
	}
	for i, t := range b.Tables {
		c.table(index(join(parent, "tables"), i), &t)
	}
	for i, f := range b.Fees {
		path := index(join(parent, "fees"), i)
		if f.Amount < 0 {
			c.errorf(join(path, "amount"), "a fee cannot be negative, found %d", f.Amount)
		}
		if f.Name.Ja == "" {
			c.errorf(join(path, "name"), "a fee needs a name")
		}
	}
	for i, f := range b.Facilities {
		path := index(join(parent, "facilities"), i)
		c.id(join(path, "id"), f.ID, false)
		if f.Name.Ja == "" {
			c.errorf(join(path, "name"), "a facility needs a name")
		}
		if f.From.IsSet() != f.To.IsSet() {
			c.errorf(path, "a contract period needs both from and to (\"2022-04\" and \"2025-03\")")
		} else if f.To.Before(f.From) {
			c.errorf(join(path, "to"), "the contract ends (%d-%02d) before it starts (%d-%02d)", f.To.Year, f.To.Month, f.From.Year, f.From.Month)
		}
	}
	for i, t := range b.Targets {
		path := index(join(parent, "targets"), i)
		if !ValidID(t.Key) {
			c.errorf(join(path, "key"), "a target needs a key of lower-case letters, digits and hyphens (such as \"new-consultations\") to follow it across years, found %q", t.Key)
		} else if c.targetKeys[t.Key] {
			c.errorf(join(path, "key"), "target key %q is used twice", t.Key)
		}
		c.targetKeys[t.Key] = true
		for _, n := range []struct {
			key string
			v   *float64
		}{{"value", &t.Value}, {"previous", t.Previous}, {"actual", t.Actual}} {
			if n.v != nil && (math.IsNaN(*n.v) || math.IsInf(*n.v, 0)) {
				c.errorf(join(path, n.key), "%s must be a number such as 1548 or 75, found %v", n.key, *n.v)
			}
		}
		if t.Name.Ja == "" {
			c.errorf(join(path, "name"), "a target needs a name")
		}
		if t.Value < 0 {
			c.errorf(join(path, "value"), "a target value cannot be negative, found %v", t.Value)
		}
		if t.IsRate() && t.Value > 100 {
			c.errorf(join(path, "value"), "a rate target cannot exceed 100%%, found %v", t.Value)
		}
		if t.PeriodMonths < 0 || t.PeriodMonths > 60 {
			c.errorf(join(path, "period_months"), "period_months must be between 1 and 60, found %d", t.PeriodMonths)
		}
		if t.Actual != nil && *t.Actual < 0 {
			c.errorf(join(path, "actual"), "an actual result cannot be negative, found %v", *t.Actual)
		}
		if t.Previous != nil && *t.Previous < 0 {
			c.errorf(join(path, "previous"), "a previous value cannot be negative, found %v", *t.Previous)
		}
	}
	for i := range b.Staffing {
		c.staffing(index(join(parent, "staffing"), i), &b.Staffing[i])
	}
	for i, e := range b.Schedule {
		c.event(index(join(parent, "schedule"), i), &e, fy)
	}
}

func (c *checker) table(path string, t *Table) {
	c.id(join(path, "id"), t.ID, false)
	if len(t.Columns) == 0 {
		c.errorf(join(path, "columns"), "a table needs columns: columns = [{ key = \"town\", label = \"町\" }, …]")
		return
	}
	var keys []string
	for j, col := range t.Columns {
		if col.Key == "" {
			c.errorf(join(index(join(path, "columns"), j), "key"), "a column needs a key")
		}
		keys = append(keys, col.Key)
	}
	for j, row := range t.Rows {
		rpath := index(join(path, "rows"), j)
		for _, k := range sortedKeys(row) {
			if !slices.Contains(keys, k) {
				c.errorf(join(rpath, k), "%q is not a column of this table%s; the columns are %s", k, diag.Hint(k, keys), strings.Join(keys, ", "))
			}
		}
	}
}

func (c *checker) staffing(path string, s *Staffing) {
	c.id(join(path, "id"), s.ID, false)
	var keys []string
	for j, r := range s.Roles {
		if r.Key == "" {
			c.errorf(join(index(join(path, "roles"), j), "key"), "a role needs a key")
		}
		keys = append(keys, r.Key)
	}
	for j, row := range s.Rows {
		rpath := index(join(path, "rows"), j)
		for _, k := range sortedKeys(row.Cells) {
			v := row.Cells[k]
			if !slices.Contains(keys, k) {
				c.errorf(join(rpath, "cells."+k), "%q is not a role of this staffing table%s; the roles are %s", k, diag.Hint(k, keys), strings.Join(keys, ", "))
			}
			if v < 0 {
				c.errorf(join(rpath, "cells."+k), "staff numbers cannot be negative, found %v", v)
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				c.errorf(join(rpath, "cells."+k), "staff numbers are full-time equivalents such as 2 or 0.9, found %v", v)
			}
		}
		if row.StatedTotal != nil && (math.IsNaN(*row.StatedTotal) || math.IsInf(*row.StatedTotal, 0)) {
			c.errorf(join(rpath, "stated_total"), "stated_total must be a number such as 10, found %v", *row.StatedTotal)
			continue
		}
		if row.StatedTotal != nil {
			if computed := row.Total(); !sameFigure(computed, *row.StatedTotal) {
				c.warnf(join(rpath, "stated_total"), "the stated total %s differs from the sum of the row, %s; the page shows the computed total and notes the stated one", FormatFTE(*row.StatedTotal), FormatFTE(computed))
			}
		}
	}
}

func (c *checker) event(path string, e *Event, fy fiscal.Year) {
	c.id(join(path, "id"), e.ID, false)
	if e.Name.Ja == "" {
		c.errorf(join(path, "name"), "a schedule entry needs a name")
	}
	whens := 0
	for _, set := range []bool{len(e.Months) > 0, e.EveryMonth, e.Date.IsSet(), e.AsNeeded} {
		if set {
			whens++
		}
	}
	if whens != 1 {
		c.errorf(path, "a schedule entry needs exactly one of months = [4, 5], every_month = true, date = 2024-06-01 or as_needed = true; found %d", whens)
	}
	for j, m := range e.Months {
		if m < 1 || m > 12 {
			c.errorf(index(join(path, "months"), j), "months[%d] is %d, but a month is 1 to 12 (4 = April)", j, m)
		} else if slices.Contains(e.Months[:j], m) {
			c.warnf(index(join(path, "months"), j), "month %d is listed twice; the calendar shows it once", m)
		}
	}
	if e.End.IsSet() {
		if !e.Date.IsSet() {
			c.errorf(join(path, "end"), "end needs a date to start from")
		} else if e.End.Before(e.Date.Time) {
			c.errorf(join(path, "end"), "end %s is before date %s", e.End.Format(time.DateOnly), e.Date.Format(time.DateOnly))
		}
	}
	if fy != 0 && e.Date.IsSet() && (e.Date.Before(fy.Start()) || e.Date.After(fy.End())) {
		c.warnf(join(path, "date"), "%s is outside fiscal year %d (%s to %s)", e.Date.Format(time.DateOnly), int(fy), fy.Start().Format(time.DateOnly), fy.End().Format(time.DateOnly))
	}
}
