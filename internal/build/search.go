package build

import (
	"bytes"
	"maps"
	"slices"
	"strings"

	"github.com/plansite/plansite/internal/assets"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/render"
	"github.com/plansite/plansite/internal/search"
)

// searchScript is the theme's search script, linked from the search pages.
const searchScript = "js/search.js"

// searchIndexDir is the folder of the search index; each language's index
// is in a folder of its name (search/ja/meta.json …).
const searchIndexDir = "search/"

// searchOutputs adds the search page of each language and the search
// index (package search) to the batch. The pages depend on what every page
// does (env) and their layouts; the index on every organization's data and
// prose, the content pages and the glossary, so an unchanged site makes
// none of it again.
//
// The index's file names depend on its contents, so its outputs can be
// added only once it is made: see indexJob.
func (b *Builder) searchOutputs(bt *batch, site *load.Site, rs *render.Site, data, env load.Digest, res *Result) indexJob {
	for name, content := range bt.assets {
		if strings.HasPrefix(name, "js/search.") && assets.Fingerprinted(name) {
			_, integrity := assets.Fingerprint(searchScript, content)
			rs.SearchScript = render.Asset{Path: name, Integrity: integrity}
		}
	}
	for _, p := range searchPages() {
		res.Pages[p.Lang]++
		if bt.isStale(p.OutputPath(), key{env: env, layout: b.layoutKeys[p.Kind]}) {
			bt.add(p.OutputPath(), func(buf *bytes.Buffer) ([]byte, error) { return renderPage(b.renderer, rs, p, b.minifier, buf) })
		}
	}

	k := key{env: data, shared: searchDigest(site)}
	meta := searchIndexDir + string(lang.Ja) + "/meta.json"
	if !bt.isStale(meta, k) {
		for _, name := range bt.lastUnder(searchIndexDir) {
			if name != meta {
				bt.isStale(name, k)
			}
		}
		return indexJob{start: func() {}, add: func() {}}
	}
	in := search.Input{
		Orgs:       site.Orgs,
		Pages:      site.Pages,
		Glossary:   site.Glossary,
		PlanPath:   render.PlanURL,
		PlanTitle:  func(p *plan.Plan, l lang.Lang) string { return render.PlanTitle(p).String(l) },
		TermAnchor: render.TermID,
	}
	if !b.stream { // a Builder that streams builds once: keeping would only cost memory
		in.OrgKey = func(o *plan.Org) string { d := site.Digests.Orgs[o.ID]; return string(d[:]) }
	}
	if b.indexers == nil {
		for _, l := range lang.All {
			b.indexers = append(b.indexers, search.NewIndexer(l))
		}
	}
	files := make([][]search.File, len(lang.All))
	var err error
	job := indexJob{done: make(chan struct{})}
	job.start = func() {
		go func() {
			defer close(job.done)
			for i, ix := range b.indexers {
				if files[i], err = ix.Build(in); err != nil {
					return
				}
			}
		}()
	}
	job.add = func() {
		<-job.done
		if err != nil {
			bt.add(meta, func(*bytes.Buffer) ([]byte, error) { return nil, err })
			return
		}
		for i, l := range lang.All {
			for _, f := range files[i] {
				name := searchIndexDir + string(l) + "/" + f.Path
				if name == meta || bt.isStale(name, k) {
					bt.add(name, made(f.Data))
				}
			}
			files[i] = nil // each file is let go once it is made
		}
	}
	return job
}

// An indexJob makes the search index in the background, one language
// after the other (to bound memory). The build calls start after any
// preview, so that the open page is not slowed, and add when the pages
// are made: add waits for the index and adds its files to the batch. A
// failure is reported by the index's first file. A build that stops
// early still waits for the job (wait), as the next build uses the
// Builder's indexers.
type indexJob struct {
	start, add func()
	done       chan struct{} // closed when the index is made; nil when there is none to make
}

// wait waits for a started job to end.
func (j indexJob) wait() {
	if j.done != nil {
		<-j.done
	}
}

// searchPages lists the search page of each language.
func searchPages() []render.Page {
	var pages []render.Page
	for _, l := range lang.All {
		pages = append(pages, render.Page{Kind: render.KindSearch, Lang: l, Path: "search/"})
	}
	return pages
}

// searchDigest covers what the search index is made from.
func searchDigest(site *load.Site) load.Digest {
	d := site.Digests
	parts := []string{"search", string(d.AllOrgs[:]), string(d.Glossary[:])}
	names := slices.Sorted(maps.Keys(d.Pages))
	for _, name := range names {
		pd := d.Pages[name]
		parts = append(parts, name, string(pd[:]))
	}
	return digestOf(parts...)
}
