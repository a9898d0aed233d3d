// Package changes compares a plan with the organization's previous plan:
// which programs were added, removed or changed, which targets changed
// value, and how staffing moved. Programs are matched by id (by Japanese
// name when they have none), targets by key, and staffing tables by id
// (by caption when they have none), so that reordering a plan changes
// nothing.
//
// What a plan records about the year before (a target's previous value
// and actual result) and the dates of its schedule, which move every year,
// are not changes of the plan and are not reported.
package changes

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/plansite/plansite/internal/fiscal"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// Plan lists what changed from the plan of fiscal year From to the plan
// of fiscal year To.
type Plan struct {
	From, To fiscal.Year
	// FromPlan is the earlier plan, for links to its page.
	FromPlan *plan.Plan
	Added    []Program
	Removed  []Program
	Changed  []ProgramChange
	Targets  []TargetChange
	Staffing []StaffingChange
}

// Empty reports whether nothing changed.
func (c *Plan) Empty() bool {
	return len(c.Added)+len(c.Removed)+len(c.Changed)+len(c.Targets)+len(c.Staffing) == 0
}

// A Program is a program with the division it belongs to.
type Program struct {
	*plan.Program
	Division lang.Text
}

// A ProgramChange is a program in both plans whose content differs.
type ProgramChange struct {
	Old, New Program
	// Fields are the TOML keys that changed, in the model's field order
	// ("name", "description", "frequency", "fees").
	Fields []string
}

// A TargetChange is a target added, removed, or whose value, unit, period
// or definition changed. Old is nil for an added target, New for a
// removed one.
type TargetChange struct {
	Key      string
	Old, New *plan.Target
}

// A StaffingChange is a staffing table added, removed, or with different
// figures. Old is nil for an added table, New for a removed one.
type StaffingChange struct {
	Old, New *plan.Staffing
	// Cells are the figures that differ, in row then role order of the
	// newer table (the older one's after, for rows or roles it alone has).
	Cells []CellChange
}

// Caption is the table's caption in the newer plan, or the older one.
func (s StaffingChange) Caption() lang.Text {
	if s.New != nil {
		return s.New.Caption
	}
	return s.Old.Caption
}

// A CellChange is one staffing figure: a role in an employment type.
type CellChange struct {
	Type, Role lang.Text
	// Old and New are the figures; HasOld and HasNew say whether the
	// table had the cell at all.
	Old, New       float64
	HasOld, HasNew bool
}

// Previous returns the newest plan of p's organization that is older than
// p, or nil.
func Previous(p *plan.Plan) *plan.Plan {
	if p.Org == nil {
		return nil
	}
	var prev *plan.Plan
	for _, q := range p.Org.Plans {
		if q.FiscalYear < p.FiscalYear && (prev == nil || q.FiscalYear > prev.FiscalYear) {
			prev = q
		}
	}
	return prev
}

// Since compares p with its organization's previous plan. It returns nil
// when there is no previous plan or nothing changed.
func Since(p *plan.Plan) *Plan {
	prev := Previous(p)
	if prev == nil {
		return nil
	}
	c := Compare(prev, p)
	if c.Empty() {
		return nil
	}
	return c
}

// Compare lists what changed from old to new.
func Compare(old, new *plan.Plan) *Plan {
	c := &Plan{From: old.FiscalYear, To: new.FiscalYear, FromPlan: old}
	c.programs(programs(old), programs(new))
	c.targets(targets(old), targets(new))
	c.staffing(staffings(old), staffings(new))
	return c
}

// programKey is how a program is followed across years.
func programKey(p *plan.Program) string {
	if p.ID != "" {
		return p.ID
	}
	return "name:" + p.Name.Ja
}

func (c *Plan) programs(old, new []Program) {
	oldBy := map[string]Program{}
	for _, p := range old {
		oldBy[programKey(p.Program)] = p
	}
	newBy := map[string]bool{}
	for _, p := range new {
		k := programKey(p.Program)
		newBy[k] = true
		o, ok := oldBy[k]
		if !ok {
			c.Added = append(c.Added, p)
			continue
		}
		if fields := programFields(o.Program, p.Program); len(fields) > 0 {
			c.Changed = append(c.Changed, ProgramChange{Old: o, New: p, Fields: fields})
		}
	}
	for _, p := range old {
		if !newBy[programKey(p.Program)] {
			c.Removed = append(c.Removed, p)
		}
	}
}

// skippedProgramFields are not compared: the key itself, and the parts
// reported on their own (targets, staffing) or that move every year
// (schedule dates).
var skippedProgramFields = map[string]bool{"id": true, "targets": true, "staffing": true, "schedule": true}

// programFields lists the TOML keys whose values differ between a and b.
func programFields(a, b *plan.Program) []string {
	var out []string
	var walk func(va, vb reflect.Value)
	walk = func(va, vb reflect.Value) {
		t := va.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous {
				walk(va.Field(i), vb.Field(i))
				continue
			}
			key, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if key == "" || key == "-" || skippedProgramFields[key] {
				continue
			}
			if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
				out = append(out, key)
			}
		}
	}
	walk(reflect.ValueOf(*a), reflect.ValueOf(*b))
	return out
}

// programs lists a plan's programs in page order.
func programs(p *plan.Plan) []Program {
	var out []Program
	var sections func(div lang.Text, ss []plan.Section)
	sections = func(div lang.Text, ss []plan.Section) {
		for i := range ss {
			for j := range ss[i].Programs {
				out = append(out, Program{Program: &ss[i].Programs[j], Division: div})
			}
			sections(div, ss[i].Sections)
		}
	}
	for i := range p.Divisions {
		sections(p.Divisions[i].Name, p.Divisions[i].Sections)
	}
	return out
}

func (c *Plan) targets(old, new []*plan.Target) {
	oldBy := map[string]*plan.Target{}
	for _, t := range old {
		oldBy[t.Key] = t
	}
	newBy := map[string]bool{}
	for _, t := range new {
		newBy[t.Key] = true
		o := oldBy[t.Key]
		if o == nil || o.Value != t.Value || o.Unit != t.Unit || o.PeriodMonths != t.PeriodMonths || !reflect.DeepEqual(o.Definition, t.Definition) {
			c.Targets = append(c.Targets, TargetChange{Key: t.Key, Old: o, New: t})
		}
	}
	for _, t := range old {
		if !newBy[t.Key] {
			c.Targets = append(c.Targets, TargetChange{Key: t.Key, Old: t})
		}
	}
}

// targets lists every target of a plan, wherever it is, in page order.
func targets(p *plan.Plan) []*plan.Target {
	var out []*plan.Target
	eachBlocks(p, func(b *plan.Blocks) {
		for i := range b.Targets {
			out = append(out, &b.Targets[i])
		}
	})
	return out
}

func staffings(p *plan.Plan) []*plan.Staffing {
	var out []*plan.Staffing
	eachBlocks(p, func(b *plan.Blocks) {
		for i := range b.Staffing {
			out = append(out, &b.Staffing[i])
		}
	})
	return out
}

// eachBlocks calls f for the blocks of the plan, its divisions, sections
// and programs, in page order.
func eachBlocks(p *plan.Plan, f func(*plan.Blocks)) {
	f(&p.Blocks)
	var sections func(ss []plan.Section)
	sections = func(ss []plan.Section) {
		for i := range ss {
			f(&ss[i].Blocks)
			for j := range ss[i].Programs {
				f(&ss[i].Programs[j].Blocks)
			}
			sections(ss[i].Sections)
		}
	}
	for i := range p.Divisions {
		f(&p.Divisions[i].Blocks)
		sections(p.Divisions[i].Sections)
	}
}

// staffingKeys names each table: its id, else its caption, else its
// place among the tables without either; a repeated caption gets a count.
func staffingKeys(ss []*plan.Staffing) []string {
	keys := make([]string, len(ss))
	seen := map[string]int{}
	for i, s := range ss {
		k := "id:" + s.ID
		if s.ID == "" {
			k = "caption:" + s.Caption.Ja
		}
		seen[k]++
		if n := seen[k]; n > 1 {
			k += "#" + strconv.Itoa(n)
		}
		keys[i] = k
	}
	return keys
}

func (c *Plan) staffing(old, new []*plan.Staffing) {
	oldKeys, newKeys := staffingKeys(old), staffingKeys(new)
	oldBy := map[string]*plan.Staffing{}
	for i, s := range old {
		oldBy[oldKeys[i]] = s
	}
	newBy := map[string]bool{}
	for i, s := range new {
		newBy[newKeys[i]] = true
		o := oldBy[newKeys[i]]
		if o == nil {
			c.Staffing = append(c.Staffing, StaffingChange{New: s})
			continue
		}
		if cells := cellChanges(o, s); len(cells) > 0 {
			c.Staffing = append(c.Staffing, StaffingChange{Old: o, New: s, Cells: cells})
		}
	}
	for i, s := range old {
		if !newBy[oldKeys[i]] {
			c.Staffing = append(c.Staffing, StaffingChange{Old: s})
		}
	}
}

// cellChanges compares two staffing tables cell by cell, matching rows by
// their Japanese employment type and columns by role key.
func cellChanges(old, new *plan.Staffing) []CellChange {
	type cell struct {
		v  float64
		ok bool
	}
	lookup := func(s *plan.Staffing, typ, role string) cell {
		for _, r := range s.Rows {
			if r.Type.Ja == typ {
				v, ok := r.Cells[role]
				return cell{v, ok}
			}
		}
		return cell{}
	}
	roleName := func(key string) lang.Text {
		for _, s := range []*plan.Staffing{new, old} {
			for _, r := range s.Roles {
				if r.Key == key {
					return r.Name
				}
			}
		}
		return lang.T(key, key)
	}
	var out []CellChange
	seen := map[[2]string]bool{}
	// The newer table's rows and roles first, then what only the older has.
	// A valid table has cells only for its roles.
	for _, s := range []*plan.Staffing{new, old} {
		for _, r := range s.Rows {
			for _, role := range s.Roles {
				id := [2]string{r.Type.Ja, role.Key}
				if seen[id] {
					continue
				}
				seen[id] = true
				a, b := lookup(old, r.Type.Ja, role.Key), lookup(new, r.Type.Ja, role.Key)
				if a != b {
					out = append(out, CellChange{Type: r.Type, Role: roleName(role.Key), Old: a.v, New: b.v, HasOld: a.ok, HasNew: b.ok})
				}
			}
		}
	}
	return out
}
