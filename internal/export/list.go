package export

import (
	"path"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// List names the files Plan writes for p, in the same order, without
// making them: Data is nil. It is cheap, for a caller that must link the
// files before, or without, making them.
func List(p *plan.Plan) []File { return ListOf(p, KindsOf(p)) }

// Kinds says which of the data files that not every plan has a plan has.
type Kinds struct{ Targets, Staffing bool }

// KindsOf tells which data files p has: targets when any part of it has
// targets, staffing when any has a staffing table.
func KindsOf(p *plan.Plan) Kinds {
	var k Kinds
	p.EachBlocks(func(_ plan.Place, b *plan.Blocks) {
		k.Targets = k.Targets || len(b.Targets) > 0
		k.Staffing = k.Staffing || len(b.Staffing) > 0
	})
	return k
}

// ListOf is List for a plan that has the kinds of files k says, which
// need not be whole: only its organization and year are read.
func ListOf(p *plan.Plan, k Kinds) []File {
	dir := PlanDir(p)
	files := []File{{Path: path.Join(dir, "plan.json"), Kind: KindPlan, Format: "json", Plan: p}}
	for _, kind := range []string{KindTargets, KindStaffing} {
		if (kind == KindTargets && !k.Targets) || (kind == KindStaffing && !k.Staffing) {
			continue
		}
		for _, l := range lang.All {
			files = append(files, File{Path: path.Join(dir, kind+"."+string(l)+".csv"), Kind: kind, Format: "csv", Lang: l, Plan: p})
		}
	}
	return files
}
