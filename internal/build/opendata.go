package build

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/plansite/plansite/internal/export"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/render"
)

// planData adds the open data (package export) of organization o's plans
// to bt; the pages link them as export.List lists them (render.OpenData).
// The files are listed without being made; each plan's are made together,
// by the first of them to be made, and dropped when the last is taken.
// The JSON is compact unless b does not minify; it needs no minifier. k
// is the key of the organization's files, which hold its prose.
func (b *Builder) planData(bt *batch, o *plan.Org, k key) {
	for _, p := range o.Plans {
		files := b.exportFiles(p)
		var pe *planExport
		for i, f := range files {
			if !bt.isStale(f.Path, k) {
				continue
			}
			if pe == nil {
				pe = &planExport{plan: p, held: bt.held, indent: b.opts.NoMinify, first: i}
			}
			pe.left.Add(1)
			bt.add(f.Path, func(*scratch) ([]byte, error) { return pe.take(i) })
		}
	}
}

// A planExport makes one plan's open-data files once, for the outputs
// that take them.
type planExport struct {
	plan   *plan.Plan
	held   *heldOrg // plan's organization
	indent bool
	first  int // the first file to be taken, which reports a failure
	once   sync.Once
	files  []export.File
	err    error
	left   atomic.Int32 // the files not taken yet
}

// take returns the bytes of file i, making the plan's files if they are
// not made yet; the last file taken lets go of them.
func (pe *planExport) take(i int) ([]byte, error) {
	pe.once.Do(func() {
		_, p, err := pe.held.whole(pe.plan)
		if err != nil {
			pe.err = err
			return
		}
		pe.files, pe.err = export.Plan(p, pe.indent)
	})
	var data []byte
	var err error
	switch {
	case pe.err != nil && i == pe.first:
		err = fmt.Errorf("open data: %w", pe.err)
	case pe.err == nil:
		data = pe.files[i].Data
	}
	if pe.left.Add(-1) == 0 {
		pe.files = nil
	}
	return data, err
}

// siteData adds the site's open data: the schemas, and the index of every
// plan's files with their sizes and digests, made after every other output
// so that it reads them from the build's entries rather than holding the
// files. env is the key of every output.
func (b *Builder) siteData(bt *batch, site *load.Site, env load.Digest) {
	basePath, indent := b.basePath, b.opts.NoMinify
	for _, name := range []string{export.PlanSchemaPath, export.IndexSchemaPath} {
		if bt.isStale(name, key{env: env}) {
			bt.add(name, func(*scratch) ([]byte, error) {
				schemas, err := export.Schemas(indent)
				if err != nil {
					return nil, err
				}
				for _, f := range schemas {
					if f.Path == name {
						return f.Data, nil
					}
				}
				return nil, nil
			})
		}
	}
	if !bt.isStale(export.IndexPath, key{env: env, shared: site.Digests.AllOrgs}) {
		return
	}
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
	bt.addLate(export.IndexPath, func(*scratch) ([]byte, error) {
		// Entries have digests of the open-data files (see isOpenData).
		var files []export.File
		for _, o := range site.Orgs {
			g := bt.next[o.ID]
			var whole []*plan.Plan // o's plans read whole, once, when needed
			for j, p := range o.Plans {
				listed := b.exportFiles(p)
				var made []export.File // made again only when its entries lack digests
				for i, f := range listed {
					e, ok := g.files[f.Path]
					if !ok || e.none || e.sum == ([32]byte{}) {
						if made == nil {
							var err error
							if whole == nil {
								whole, err = b.wholePlans(o.Plans)
							}
							if err == nil {
								made, err = export.Plan(whole[j], indent)
							}
							if err != nil {
								return nil, fmt.Errorf("open data: %w", err)
							}
						}
						e = entry{size: int64(len(made[i].Data)), sum: sumOf(made[i].Data)}
					}
					f.Size, f.SHA256 = int(e.size), e.sum
					files = append(files, f)
				}
			}
		}
		return export.Index(site.Config, site.Orgs, files, opts)
	})
}

// exportFiles lists the open-data files of plan p (export.List), as
// planFacts saw them when p is hollow.
func (b *Builder) exportFiles(p *plan.Plan) []export.File {
	if b.facts != nil {
		return export.ListOf(p, b.facts.kinds[p])
	}
	return export.List(p)
}

// wholePlans returns plans whole: as they are, or in a lean build read
// again, each organization once.
func (b *Builder) wholePlans(plans []*plan.Plan) ([]*plan.Plan, error) {
	if b.facts == nil {
		return plans, nil
	}
	read := map[*plan.Org]*plan.Org{}
	whole := make([]*plan.Plan, len(plans))
	for i, p := range plans {
		full := read[p.Org]
		if full == nil {
			var err error
			if full, err = b.cache.ReadOrg(p.Org); err != nil {
				return nil, err
			}
			read[p.Org] = full
		}
		whole[i] = planIn(full, p.Org, p)
	}
	return whole, nil
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
func made(data []byte) func(*scratch) ([]byte, error) {
	return func(*scratch) ([]byte, error) { return data, nil }
}

// formatNames are the file formats as the pages name them.
var formatNames = map[string]string{"json": "JSON", "csv": "CSV"}

// isOpenData reports whether path is a file of the open data, which the
// open-data index lists with its SHA-256.
func isOpenData(path string) bool { return strings.HasPrefix(path, export.Dir+"/") }
