package export

import (
	"path"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// List names the files Plan writes for p, in the same order, without
// making them: Data is nil. It is cheap, for a caller that must link the
// files before, or without, making them.
func List(p *plan.Plan) []File {
	dir := PlanDir(p)
	files := []File{{Path: path.Join(dir, "plan.json"), Kind: KindPlan, Format: "json", Plan: p}}
	var targets, staffing bool
	p.EachBlocks(func(_ plan.Place, b *plan.Blocks) {
		targets = targets || len(b.Targets) > 0
		staffing = staffing || len(b.Staffing) > 0
	})
	for _, kind := range []string{KindTargets, KindStaffing} {
		if (kind == KindTargets && !targets) || (kind == KindStaffing && !staffing) {
			continue
		}
		for _, l := range lang.All {
			files = append(files, File{Path: path.Join(dir, kind+"."+string(l)+".csv"), Kind: kind, Format: "csv", Lang: l, Plan: p})
		}
	}
	return files
}
