package build

import (
	"fmt"

	"github.com/plansite/plansite/internal/export"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/render"
)

// addOpenData writes the site's open data (package export) into out and
// tells the pages what to link. The JSON is compact unless indent is set;
// it needs no minifier, and its sizes and digests in data/index.json are
// those of the published bytes.
func addOpenData(out Output, rs *render.Site, site *load.Site, basePath string, indent bool) error {
	files, err := export.Site(site.Config, site.Orgs, export.Options{
		BasePath: basePath,
		Indent:   indent,
		PageURL: func(l lang.Lang, o *plan.Org, p *plan.Plan) string {
			if p == nil {
				return render.URL(basePath, l, o.ID+"/")
			}
			return render.URL(basePath, l, render.PlanURL(p))
		},
	})
	if err != nil {
		return fmt.Errorf("open data: %w", err)
	}
	od := &render.OpenData{Index: export.IndexPath, Schema: export.PlanSchemaPath, Plans: map[*plan.Plan][]render.Dataset{}}
	for _, f := range files {
		out[f.Path] = f.Data
		if f.Plan == nil {
			continue
		}
		sets := od.Plans[f.Plan]
		if n := len(sets); n == 0 || sets[n-1].Kind != f.Kind {
			sets = append(sets, render.Dataset{Kind: f.Kind, Format: formatNames[f.Format], Files: map[lang.Lang]string{}})
		}
		sets[len(sets)-1].Files[f.Lang] = f.Path
		od.Plans[f.Plan] = sets
	}
	rs.OpenData = od
	return nil
}

// formatNames are the file formats as the pages name them.
var formatNames = map[string]string{"json": "JSON", "csv": "CSV"}
