package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"
	"weak"

	"github.com/plansite/plansite/internal/fiscal"
	"github.com/plansite/plansite/internal/lang"
)

// When says how a schedule entry sits in the fiscal year. Plans give
// times of five kinds, and a calendar treats each differently: only the
// first three can be placed on a calendar; the last two are listed apart.
type When int

const (
	// InMonths is an entry held some time in each of its months, the
	// day not given (months = [5, 8, 1]).
	InMonths When = iota + 1
	// OnDate is an entry on an exact day or range of days (date, end).
	OnDate
	// Monthly is an entry held every month: every_month = true, or a
	// program's frequency per month or per week (月2回, 週1回).
	Monthly
	// Yearly is a program held a number of times a year, the dates not
	// given (年5回): a count, not a date.
	Yearly
	// AsNeeded is an entry held when needed (随時).
	AsNeeded
)

// Dated reports whether entries of this kind can be placed on a calendar.
func (w When) Dated() bool { return w == InMonths || w == OnDate || w == Monthly }

// An Entry is one schedule entry of a plan, gathered from the [[schedule]]
// blocks of the plan, its divisions, sections and programs, or derived from
// a program's frequency, so that the same fact is written once in the data
// and shown in the program table and in the calendar alike.
type Entry struct {
	// Key identifies the entry within its plan and stays the same when
	// other entries are added, removed or edited: the entry's id, the
	// program's id for a frequency, or else a digest of the entry's own
	// name, time and nearest container id, beginning with "~". Editing
	// such an entry's name or time changes its key; give it an id to keep
	// the key.
	Key  string
	When When
	Name Text
	Note Text
	// Months lists the months of an InMonths entry in fiscal order (April
	// first), each once.
	Months []time.Month
	// Date and End are the days of an OnDate entry; End is zero for a
	// single day.
	Date, End Date
	// Frequency is the program's count for entries derived from one.
	Frequency *Frequency
	// Trail names the containers the entry sits in, from the division
	// down; it does not include a program whose frequency the entry is.
	Trail []Crumb
	// Anchor is the id of the nearest element on the plan page that holds
	// the entry: the program, section or division; "" for the plan itself.
	Anchor string
}

// A Crumb is one container of a schedule entry: a division, section or
// program, with its anchor on the plan page.
type Crumb struct {
	Anchor string
	Name   Text
}

// TrailText joins the names of crumbs, an entry's containers, in
// language l: 総務課 › 法人運営係.
func TrailText(l lang.Lang, crumbs []Crumb) string {
	names := make([]string, len(crumbs))
	for i, c := range crumbs {
		names[i] = c.Name.String(l)
	}
	return strings.Join(names, " › ")
}

// Division is the entry's division, the zero Crumb for the plan's own entries.
func (e Entry) Division() Crumb {
	if len(e.Trail) == 0 {
		return Crumb{}
	}
	return e.Trail[0]
}

// LastDay is the last day of an OnDate entry: End, or Date when no end is given.
func (e Entry) LastDay() Date {
	if e.End.IsSet() {
		return e.End
	}
	return e.Date
}

// Entries lists every schedule entry of p in the order of the plan page:
// the plan's own entries, then each division's sections (a program's
// frequency, then the program's own entries, then subsections, then the
// section's entries), then the division's entries. Programs without a
// frequency add nothing; a frequency per year is Yearly, per month or week
// Monthly.
//
// Pages, feeds and CSV files all ask for the list, so it is kept with p
// for as long as anything holds it; once nothing does, the garbage
// collector may drop it and the next call makes it again, so that a build
// does not keep every plan's entries to its end. It is safe for
// concurrent use, but p must not change afterwards. Callers must not
// modify the returned slice. A hollow plan (Hollow) lists none.
func Entries(p *Plan) []Entry {
	c := &p.schedule
	c.mu.Lock()
	defer c.mu.Unlock()
	if (c.made && c.n == 0) || p.hollow {
		return nil
	}
	if first := c.first.Value(); first != nil {
		// The list's array is still held: first is its first element.
		return unsafe.Slice(first, c.n)
	}
	list := gather(p)
	c.made, c.n = true, len(list)
	if len(list) > 0 {
		c.first = weak.Make(&list[0])
	}
	return list
}

// HasSchedule reports whether p has any schedule entry, dated or not.
func HasSchedule(p *Plan) bool {
	c := &p.schedule
	c.mu.Lock()
	made, n := c.made, c.n
	c.mu.Unlock()
	if made {
		return n > 0
	}
	return len(Entries(p)) > 0
}

// scheduleCache holds a plan's entries while they are in use: a weak
// pointer to the first of them, and how many there are.
type scheduleCache struct {
	mu    sync.Mutex
	made  bool // n is known
	n     int
	first weak.Pointer[Entry]
}

func gather(p *Plan) []Entry {
	g := gatherer{seen: map[string]int{}}
	g.events(p.Schedule, nil, "", "")
	for _, d := range p.Divisions {
		trail := []Crumb{{Anchor: d.ID, Name: d.Name}}
		for i, s := range d.Sections {
			g.section(s, trail, SectionAnchor(d.ID, s.ID, i), d.ID)
		}
		g.events(d.Schedule, trail, d.ID, d.ID)
	}
	return g.out
}

// BlockEntries lists the entries of one [[schedule]] block on their own,
// with no trail, as the plan page shows them where they are written.
func BlockEntries(evs []Event) []Entry {
	g := gatherer{seen: map[string]int{}}
	g.events(evs, nil, "", "")
	return g.out
}

// AnyDated reports whether any of es can be placed on a calendar, which an
// iCalendar file needs.
func AnyDated(es []Entry) bool {
	for _, e := range es {
		if e.When.Dated() {
			return true
		}
	}
	return false
}

// SectionAnchor is the anchor of section i (0-based) under the container
// with anchor parent: the section's own id, or the parent's anchor and the
// section's position, such as "somu-2".
func SectionAnchor(parent, id string, i int) string {
	if id != "" {
		return id
	}
	return fmt.Sprintf("%s-%d", parent, i+1)
}

type gatherer struct {
	out []Entry
	// seen counts digest keys, to tell identical unnamed entries apart.
	seen map[string]int
}

// section gathers a section. scope is the id of the nearest container
// whose id is written in the data: digest keys are made from it rather
// than from anchors, which may count positions.
func (g *gatherer) section(s Section, trail []Crumb, anchor, scope string) {
	if s.ID != "" {
		scope = s.ID
	}
	trail = append(slices.Clip(trail), Crumb{Anchor: anchor, Name: s.Name})
	for _, pr := range s.Programs {
		g.program(pr, trail, anchor, scope)
	}
	for i, sub := range s.Sections {
		g.section(sub, trail, SectionAnchor(anchor, sub.ID, i), scope)
	}
	g.events(s.Schedule, trail, anchor, scope)
}

func (g *gatherer) program(pr Program, trail []Crumb, parentAnchor, scope string) {
	anchor := parentAnchor
	if pr.ID != "" {
		anchor, scope = pr.ID, pr.ID
	}
	if f := pr.Frequency; f != nil && f.Count > 0 {
		e := Entry{Name: pr.Name, Frequency: f, Trail: trail, Anchor: anchor, When: Monthly}
		if f.Per == "year" {
			e.When = Yearly
		}
		e.Key = pr.ID
		if e.Key == "" {
			e.Key = g.digest(scope, e)
		}
		g.out = append(g.out, e)
	}
	ptrail := append(slices.Clip(trail), Crumb{Anchor: anchor, Name: pr.Name})
	g.events(pr.Schedule, ptrail, anchor, scope)
}

func (g *gatherer) events(evs []Event, trail []Crumb, anchor, scope string) {
	for _, ev := range evs {
		e := Entry{Name: ev.Name, Note: ev.Note, Trail: trail, Anchor: anchor}
		switch {
		case ev.EveryMonth:
			e.When = Monthly
		case ev.AsNeeded:
			e.When = AsNeeded
		case ev.Date.IsSet():
			e.When, e.Date, e.End = OnDate, ev.Date, ev.End
		case len(ev.Months) > 0:
			e.When = InMonths
			e.Months = fiscalMonths(ev.Months)
		default:
			continue // rejected by validation
		}
		e.Key = ev.ID
		if e.Key == "" {
			e.Key = g.digest(scope, e)
		}
		g.out = append(g.out, e)
	}
}

// digest keys an entry without an id by what it says, so that its key
// does not depend on its position among other entries.
func (g *gatherer) digest(scope string, e Entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%d\x00%s\x00", scope, e.When, e.Name.Ja)
	for _, m := range e.Months {
		fmt.Fprintf(&b, "%d,", m)
	}
	if e.Date.IsSet() {
		b.WriteString(e.Date.Format(time.DateOnly))
	}
	if e.End.IsSet() {
		b.WriteString("/" + e.End.Format(time.DateOnly))
	}
	if f := e.Frequency; f != nil {
		fmt.Fprintf(&b, "%d/%s", f.Count, f.Per)
	}
	sum := sha256.Sum256([]byte(b.String()))
	key := "~" + hex.EncodeToString(sum[:6])
	g.seen[key]++
	if n := g.seen[key]; n > 1 {
		key = fmt.Sprintf("%s-%d", key, n)
	}
	return key
}

// fiscalMonths orders months April first and drops repeats and months
// outside 1-12 (which validation reports).
func fiscalMonths(ms []int) []time.Month {
	var out []time.Month
	for _, m := range ms {
		if m >= 1 && m <= 12 && !slices.Contains(out, time.Month(m)) {
			out = append(out, time.Month(m))
		}
	}
	slices.SortFunc(out, func(a, b time.Month) int { return FiscalIndex(a) - FiscalIndex(b) })
	return out
}

// FiscalIndex is the position of month m in a fiscal year: April is 0,
// March 11.
func FiscalIndex(m time.Month) int { return (int(m) + 8) % 12 }

// InYear reports whether an OnDate entry's days fall within fiscal year y.
func (e Entry) InYear(y fiscal.Year) bool {
	return !e.Date.Before(y.Start()) && !e.LastDay().After(y.End())
}

// Label is the frequency as the plan documents write it: 年5回, 月2回 /
// 5 times a year, twice a month.
func (f Frequency) Label() lang.Text {
	ja, en := "%d回", "%s"
	switch f.Per {
	case "year":
		ja, en = "年%d回", "%s a year"
	case "month":
		ja, en = "月%d回", "%s a month"
	case "week":
		ja, en = "週%d回", "%s a week"
	}
	return lang.T(fmt.Sprintf(ja, f.Count), fmt.Sprintf(en, times(f.Count)))
}

func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}
