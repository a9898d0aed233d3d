package plan

import (
	"math"

	"github.com/plansite/plansite/internal/fiscal"
)

// Progress compares a target's actual result with its value.
type Progress struct {
	// Actual is the result.
	Actual float64
	// Percent is the actual as a share of the target value, rounded to a
	// whole percent (1,402 of 1,548 is 91). It is meaningful only when
	// HasPercent is true: a target of 0 has no share.
	Percent    int
	HasPercent bool
	// Points is the actual minus the target value, for rate targets, where
	// a share of a share would mislead: 72% against 75% is -3 points.
	Points float64
}

// Progress returns the target's progress and true when an actual result
// is given, or false.
func (t Target) Progress() (Progress, bool) {
	if t.Actual == nil {
		return Progress{}, false
	}
	p := Progress{Actual: *t.Actual, Points: roundFTE(*t.Actual - t.Value)}
	if t.Value > 0 {
		p.Percent = int(math.Round(*t.Actual / t.Value * 100))
		p.HasPercent = true
	}
	return p, true
}

// A Place says where a block sits in a plan: the names of the division,
// sections and program that hold it, outermost first. The plan's own
// blocks have an empty Place.
type Place []Text

// EachBlocks calls f for the blocks of the plan and of every division,
// section and program in it, in page order (a container's blocks after
// its sections and programs, as the page shows them), with where each
// sits. f must not keep place: its backing array is reused.
func (p *Plan) EachBlocks(f func(place Place, b *Blocks)) {
	f(nil, &p.Blocks)
	place := make(Place, 0, 8)
	for i := range p.Divisions {
		d := &p.Divisions[i]
		in := append(place, d.Name)
		eachSectionBlocks(in, d.Sections, f)
		f(in, &d.Blocks)
	}
}

func eachSectionBlocks(place Place, ss []Section, f func(Place, *Blocks)) {
	for i := range ss {
		s := &ss[i]
		in := append(place, s.Name)
		for j := range s.Programs {
			f(append(in, s.Programs[j].Name), &s.Programs[j].Blocks)
		}
		eachSectionBlocks(in, s.Sections, f)
		f(in, &s.Blocks)
	}
}

// Targets lists every target of the plan in page order.
func (p *Plan) Targets() []Target {
	var out []Target
	p.EachBlocks(func(_ Place, b *Blocks) { out = append(out, b.Targets...) })
	return out
}

// A TargetYear is a target as one year's plan sets it.
type TargetYear struct {
	Plan   *Plan
	Target Target
}

// Year is the fiscal year of the plan that sets the target.
func (ty TargetYear) Year() fiscal.Year { return ty.Plan.FiscalYear }

// TargetHistory maps each target key of the organization's plans to the
// target in every plan that has it, oldest first: the same target year
// over year.
func (o *Org) TargetHistory() map[string][]TargetYear {
	h := map[string][]TargetYear{}
	for _, p := range o.Plans {
		for _, t := range p.Targets() {
			h[t.Key] = append(h[t.Key], TargetYear{Plan: p, Target: t})
		}
	}
	return h
}
