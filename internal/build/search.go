package build

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"slices"
	"sync"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/render"
	"github.com/plansite/plansite/internal/search"
	"github.com/plansite/plansite/internal/workers"
)

// searchScript is the theme's search script, linked from the search pages.
const searchScript = "js/search.js"

// searchIndexDir is the folder of the search index; each language's index
// is in a folder of its name (search/ja/meta.json …).
const searchIndexDir = "search/"

// searchOutputs adds the search page of each language to the batch and
// returns the job making the search index (package search), or nil when
// the index is up to date. The pages depend on what every page does (env),
// their layouts and the site-wide parts these mention; the index on every organization's data and prose, the
// content pages and the glossary, so an unchanged site makes none of it
// again.
func (b *Builder) searchOutputs(bt *batch, site *load.Site, rs *render.Site, data, env load.Digest, shared map[string]load.Digest, held []*heldOrg, res *Result) *indexJob {
	for _, p := range searchPages() {
		res.Pages[p.Lang]++
		b.addPage(bt, rs, p, env, load.Digest{}, shared)
	}

	// The index's files are a group of their own, taken whole, without a
	// look at each of its thousands of files, while its key holds.
	// Otherwise the job asks for it when it starts, after any preview:
	// the group's map, sized for the last build's files, takes
	// milliseconds to make in a large site.
	k := key{env: data, shared: searchDigest(site)}
	indexKey := digestOf("search", string(data[:]), string(k.shared[:]))
	if bt.takeWhole(searchIndexDir, indexKey) {
		return nil
	}
	meta := searchIndexDir + string(lang.Ja) + "/meta.json"
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
	if b.facts != nil {
		in.DocCount = b.facts.docCount
	}
	for _, h := range held {
		h.indexing = true
	}
	if b.indexers == nil {
		for _, l := range lang.All {
			b.indexers = append(b.indexers, search.NewIndexer(l))
		}
	}
	return &indexJob{indexers: b.indexers, in: in, held: held, meta: meta, key: k.sum(), groupKey: indexKey, sink: bt.sink, together: b.stream}
}

// An indexJob makes the search index of every language on a goroutine of
// its own, organization by organization, and hands each file to the sink
// as soon as it is made, so that the index is never held whole. plansite
// build renders the pages meanwhile, and the index takes each
// organization once its pages are made, while it is still held
// (heldOrg). The build calls start after any preview, so that the open
// page is not slowed, and add to wait for it; its files are recorded in
// its group as they are made. A build that previews must not be lean:
// the index would wait for outputs not yet asked for.
type indexJob struct {
	indexers   []*search.Indexer
	in         search.Input
	held       []*heldOrg // in.Orgs, as the index reads them
	meta       string     // the first file's path, which reports a failure of the whole index
	key        keySum
	groupKey   load.Digest
	group, old *group // the index's own group ("search/"), in this build and the last, once started
	sink       sink

	done chan struct{}
	// together is set when the languages' indexes are made at once:
	// in plansite build (see eachWriter).
	together bool
	mu       sync.Mutex // guards indexed
	indexed  indexMade
}

// start asks bt for the index's group and starts making the index.
func (j *indexJob) start(ctx context.Context, bt *batch) {
	if j == nil {
		return
	}
	bt.ask(searchIndexDir, j.groupKey)
	j.group, j.old = bt.cur, bt.old
	j.done = make(chan struct{})
	go func() {
		defer close(j.done)
		if err := j.build(ctx); err != nil {
			j.indexed.failed = append(j.indexed.failed, &output{path: j.meta, err: err})
		}
	}()
}

// build makes the index, letting each organization go once it is added.
func (j *indexJob) build(ctx context.Context) error {
	writers := make([]*search.Writer, len(j.indexers))
	keep := j.sink.keeps() // the index lends its files' bytes
	for i, ix := range j.indexers {
		dir := searchIndexDir + string(lang.All[i]) + "/"
		writers[i] = ix.Begin(ctx, j.in, func(f search.File) error {
			if keep {
				f.Data = bytes.Clone(f.Data)
			}
			j.put(dir+f.Path, f.Data)
			return nil
		})
		defer writers[i].Close()
	}
	for i, h := range j.held {
		o, err := h.indexed(ctx)
		if err == nil {
			err = j.eachWriter(writers, func(w *search.Writer) error { return w.AddOrg(i, o) })
		}
		h.let()
		if err != nil {
			return err
		}
	}
	return j.eachWriter(writers, (*search.Writer).Finish)
}

// eachWriter calls f with each language's writer, all at once when
// j.together is set: at the end of plansite build, when the pages are
// made, the index is all that is left to make, and the languages' share
// the cores.
func (j *indexJob) eachWriter(writers []*search.Writer, f func(*search.Writer) error) error {
	if !j.together {
		for _, w := range writers {
			if err := f(w); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, len(writers))
	workers.Each(len(writers), func(i int) { errs[i] = f(writers[i]) })
	return errors.Join(errs...)
}

// put hands one file of the index to the sink, unless it is still as the
// last build made it. A failure is the file's, reported with the others.
func (j *indexJob) put(name string, data []byte) {
	e, ok := j.old.files[name]
	if !ok || !e.current(j.sink, name, j.key) {
		var changed bool
		var err error
		e, changed, err = j.sink.put(name, data, e)
		e.key = j.key
		j.mu.Lock()
		j.indexed.made++
		if changed {
			j.indexed.changed = append(j.indexed.changed, name)
		}
		if err != nil {
			j.indexed.failed = append(j.indexed.failed, &output{path: name, err: err})
		}
		j.mu.Unlock()
	}
	j.group.mu.Lock()
	j.group.files[name] = e
	j.group.mu.Unlock()
}

// indexMade is what an indexJob made: how many files, those that changed,
// and those that failed (or the whole index, under its first file).
type indexMade struct {
	made    int
	changed []string
	failed  []*output
}

// wait waits for a started job to end.
func (j *indexJob) wait() {
	if j != nil && j.done != nil {
		<-j.done
	}
}

// add waits for the index, whose files are recorded in its group as they
// are made, and returns what it made, for the build to count.
func (j *indexJob) add() indexMade {
	if j == nil {
		return indexMade{}
	}
	j.wait()
	return j.indexed
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
