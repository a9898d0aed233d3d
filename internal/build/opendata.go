package build

import (
	"bytes"
	"fmt"

	"github.com/plansite/plansite/internal/export"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/render"
)

// openData lists the site's open data (package export) as outputs and
// tells the pages what to link. Each plan's files are made by export.Plan
// and kept while nothing of the plan's organization changed (memo holds
// them between builds, by plan); the index of all files is made again when
// any of them changed. The JSON is compact unless indent is set; it needs
// no minifier, and its sizes and digests in data/index.json are those of
// the published bytes.
func openData(bt *batch, site *load.Site, rs *render.Site, basePath string, indent bool, env load.Digest, memo map[string]planData) (map[string]planData, error) {
	opts := export.Options{
		BasePath: basePath,
		Indent:   indent,
		PageURL: func(l lang.Lang, o *plan.Org, p *plan.Plan) string {
			if p == nil {
				return render.URL(basePath, l, o.ID+"/")
			}
			return render.URL(basePath, l, render.PlanURL(p))
		},
	}
	next := make(map[string]planData, len(memo))
	od := &render.OpenData{Index: export.IndexPath, Schema: export.PlanSchemaPath, Plans: make(map[*plan.Plan][]render.Dataset, len(memo))}
	var all load.Digest
	for _, o := range site.Orgs {
		own := site.Digests.Orgs[o.ID] // plan.json holds the plan's prose
		all.Mix(own)
		for _, p := range o.Plans {
			id := render.PlanURL(p)
			pd, ok := memo[id]
			if !ok || pd.own != own {
				fs, err := export.Plan(p, indent)
				if err != nil {
					return nil, fmt.Errorf("open data: %w", err)
				}
				pd = planData{own: own, files: fs, sets: datasets(fs)}
			}
			next[id] = pd
			od.Plans[p] = pd.sets
			for _, f := range pd.files {
				if bt.isStale(f.Path, key{env: env, own: own}) {
					bt.add(f.Path, made(f.Data))
				}
			}
		}
	}
	for _, name := range []string{export.PlanSchemaPath, export.IndexSchemaPath} {
		if bt.isStale(name, key{env: env}) {
			schemas, err := export.Schemas(indent)
			if err != nil {
				return nil, err
			}
			for _, f := range schemas {
				if f.Path == name {
					bt.add(name, made(f.Data))
				}
			}
		}
	}
	if bt.isStale(export.IndexPath, key{env: env, shared: all}) {
		bt.add(export.IndexPath, func(*bytes.Buffer) ([]byte, error) {
			var files []export.File
			for _, o := range site.Orgs {
				for _, p := range o.Plans {
					for _, f := range next[render.PlanURL(p)].files {
						f.Plan = p // the plan of this load
						files = append(files, f)
					}
				}
			}
			return export.Index(site.Config, site.Orgs, files, opts)
		})
	}
	rs.OpenData = od
	return next, nil
}

// planData is one plan's open-data files, made from the data whose
// digest is own, and the datasets its page links.
type planData struct {
	own   load.Digest
	files []export.File
	sets  []render.Dataset
}

// datasets groups one plan's files by kind, as its page links them.
func datasets(files []export.File) []render.Dataset {
	var sets []render.Dataset
	for _, f := range files {
		if n := len(sets); n == 0 || sets[n-1].Kind != f.Kind {
			sets = append(sets, render.Dataset{Kind: f.Kind, Format: formatNames[f.Format], Files: map[lang.Lang]string{}})
		}
		sets[len(sets)-1].Files[f.Lang] = f.Path
	}
	return sets
}

// made makes bytes already made.
func made(data []byte) func(*bytes.Buffer) ([]byte, error) {
	return func(*bytes.Buffer) ([]byte, error) { return data, nil }
}

// formatNames are the file formats as the pages name them.
var formatNames = map[string]string{"json": "JSON", "csv": "CSV"}
