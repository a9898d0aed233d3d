package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"hash/maphash"
	"io/fs"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/plansite/plansite/internal/assets"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/render"
	"github.com/plansite/plansite/internal/theme"
)

// A Builder builds one site again and again, as plansite serve does. It
// keeps what the last build read and made: the source files by digest
// (load.Cache), the parsed layouts, the minified assets, and the last good
// output with the key of each file. A build after an edit re-reads only the
// files it is told of (Forget), re-parses only those whose bytes changed,
// and renders only the outputs whose key changed; the rest are reused.
//
// A failed or cancelled build leaves the last good output as it was. A
// Builder is not safe for concurrent use, except that Forget and ForgetAll
// may be called at any time, also during a Build.
type Builder struct {
	opts     Options
	basePath string
	cache    *load.Cache
	minifier *assets.Minifier
	memo     *minifyMemo

	// renderer and layoutKeys are reused while rendererKey, the digest of
	// the site's layouts and the options the renderer bakes in, holds.
	renderer    *render.Renderer
	rendererKey load.Digest
	layoutKeys  map[string]load.Digest

	last      Output
	lastKeys  map[string]uint64
	spareKeys map[string]uint64 // a map to reuse for the next build's keys
	seed      maphash.Seed
	published bool
	// openData holds each plan's open-data files, by plan page path.
	openData map[string]planData
}

// A key tells what one output is made from. An output whose key equals the
// one it had in the last good build has the same bytes, and is reused
// rather than made again. To add a kind of output, give each output a key
// that covers everything it reads: a field left zero means "depends on
// nothing of this sort".
type key struct {
	// env covers what every output of its sort depends on: the options
	// and data/site.toml, and for pages the names of fingerprinted assets.
	env load.Digest
	// layout covers the layout files the output's templates come from.
	layout load.Digest
	// own covers the output's own part of the site: for an organization's
	// pages and files, load.Digests.Orgs of that organization.
	own load.Digest
	// shared covers the site-wide parts the output reads, such as
	// load.Digests.AllOrgs for the home page.
	shared load.Digest
}

// An output is one file of the site to make.
type output struct {
	path string
	// make returns the file's bytes, or nil for no file; buf is scratch
	// space it may use.
	make func(buf *bytes.Buffer) ([]byte, error)
}

// A batch gathers one build's outputs. An output whose key is the one it
// had in the last good build is taken from that build at once; the others
// are kept, to be made. Keys are kept as 64-bit hashes with a seed of the
// Builder's: two different keys of one file hash alike once in 2⁶⁴.
type batch struct {
	seed           maphash.Seed
	last           Output
	lastKeys, keys map[string]uint64
	out            Output
	stale          []*output
}

// stale records the key of the output at path and reports whether the
// output must be made. When it need not be, it is taken from the last
// good build. Callers check it before building the make function, so an
// unchanged site costs no allocation per file.
func (bt *batch) isStale(path string, k key) bool {
	var mh maphash.Hash
	mh.SetSeed(bt.seed)
	mh.Write(k.env[:])
	mh.Write(k.layout[:])
	mh.Write(k.own[:])
	mh.Write(k.shared[:])
	h := mh.Sum64()
	bt.keys[path] = h
	if old, ok := bt.last[path]; ok && bt.lastKeys[path] == h {
		bt.out[path] = old
		return false
	}
	return true
}

// add queues an output to be made; call it when isStale says so.
func (bt *batch) add(path string, make func(*bytes.Buffer) ([]byte, error)) {
	bt.stale = append(bt.stale, &output{path: path, make: make})
}

// NewBuilder returns a Builder of the site opts describes. Its first
// Build reads everything.
func NewBuilder(opts Options) (*Builder, error) {
	bp, err := basePath(opts.BaseURL)
	if err != nil {
		return nil, err
	}
	b := &Builder{opts: opts, basePath: bp, cache: load.NewCache(opts.Source), memo: &minifyMemo{}, seed: maphash.MakeSeed()}
	if !opts.NoMinify {
		b.minifier = assets.NewMinifier()
	}
	return b, nil
}

// Forget tells the builder that the files or folders at paths (slash
// paths relative to the source folder) may have changed, appeared or gone,
// so that the next Build reads them again.
func (b *Builder) Forget(paths ...string) { b.cache.Forget(paths...) }

// ForgetAll makes the next Build read every source file again, for when
// changes may have been missed. Files whose bytes did not change are still
// not parsed again, and outputs whose inputs did not change are reused.
func (b *Builder) ForgetAll() { b.cache.ForgetAll() }

// Output returns the files of the last good build. The map is not changed
// by later builds, and must not be changed by the caller.
func (b *Builder) Output() Output { return b.last }

// Build brings the output up to date with the source folder, and publishes
// it into the destination when there is one: the first time by comparing
// every file, then by writing the files that changed and removing the
// ones that are gone. On failure it returns a *diag.Errors listing every
// problem with its position, and nothing is published.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	return b.BuildWithPreview(ctx, Preview{})
}

// A Preview asks a build to make some files before the others and to
// show them as soon as they are made, as plansite serve does for the pages
// open in a browser: after a layout edit that affects thousands of pages,
// the open page is up to date in milliseconds, not seconds.
type Preview struct {
	// Files are the output files to make first.
	Files []string
	// Show, when some of Files had to be made and more is left to make,
	// receives the output with them made anew (and the assets, and every
	// file found unchanged) over the files of the last good build. It
	// must not change the map.
	Show func(Output)
}

// BuildWithPreview is Build, making the files of p first and showing
// them through p.Show before making the rest.
func (b *Builder) BuildWithPreview(ctx context.Context, p Preview) (*Result, error) {
	start := time.Now()
	res := &Result{Pages: map[lang.Lang]int{}}
	site, problems := b.cache.Load()
	res.Warnings = problems.Warnings()
	if err := problems.Err(); err != nil {
		return res, err
	}
	layouts := theme.Over(site.Theme)
	if err := b.prepareRenderer(site, layouts); err != nil {
		return res, err
	}
	keys := b.spareKeys
	if keys == nil {
		keys = make(map[string]uint64, len(b.lastKeys))
	}
	clear(keys)
	bt := &batch{seed: b.seed, last: b.last, lastKeys: b.lastKeys, keys: keys, out: make(Output, len(b.last))}
	out := bt.out
	rs := &render.Site{Config: site.Config, Orgs: site.Orgs, Glossary: site.Glossary, Home: site.Home, BaseURL: absoluteBase(b.opts.BaseURL)}
	if err := copyAssets(layouts, b.minifier, out, rs, b.memo); err != nil {
		return res, err
	}
	assetNames := make([]string, 0, len(out))
	for name := range out {
		assetNames = append(assetNames, name)
	}
	data := b.dataKey(site)
	env := pageKey(data, out)
	memo, err := openData(bt, site, rs, b.basePath, b.opts.NoMinify, data, b.openData)
	if err != nil {
		return res, err
	}

	shared := map[string]load.Digest{}
	pages := append(pageList(site), calendarPages(site)...)
	for _, p := range pages {
		if _, ok := shared[p.Kind]; !ok {
			shared[p.Kind] = b.sharedKey(site, p.Kind)
		}
		if p.Kind != render.KindRoot {
			res.Pages[p.Lang]++
		}
		path := p.OutputPath()
		if bt.isStale(path, key{env: env, layout: b.layoutKeys[p.Kind], own: b.ownDigest(site, p), shared: shared[p.Kind]}) {
			bt.add(path, func(buf *bytes.Buffer) ([]byte, error) { return renderPage(b.renderer, rs, p, b.minifier, buf) })
		}
	}
	calendarFiles(bt, site, rs.BaseURL, func(o *plan.Org) key {
		return key{env: data, own: site.Digests.OrgData[o.ID]} // calendars show no prose
	})
	b.searchOutputs(bt, site, rs, data, env, res)

	stale := bt.stale
	if first, rest := p.split(stale); first != nil && rest != nil {
		if err := b.make(ctx, first, out); err != nil {
			return res, err
		}
		// The last good output, with what is made so far laid over it: the
		// pages not made yet still find the assets they link.
		preview := make(Output, len(b.last)+len(out))
		for name, data := range b.last {
			preview[name] = data
		}
		for name, data := range out {
			preview[name] = data
		}
		p.Show(preview)
		stale = rest
		res.Rendered = len(first)
	}
	if err := b.make(ctx, stale, out); err != nil {
		return res, err
	}
	res.Rendered += len(stale)
	res.Files = len(out)
	res.Changed = changedOutputs(b.last, out, bt.stale, assetNames)
	if err := ctx.Err(); err != nil {
		return res, err
	}

	if b.opts.Destination != "" {
		var st PublishStats
		var err error
		if b.published {
			st, err = publishChanges(b.opts.Destination, out, res.Changed)
		} else {
			st, err = Publish(b.opts.Destination, out)
		}
		if err != nil {
			return res, err
		}
		b.published = true
		res.Written, res.Unchanged, res.Removed = st.Written, st.Unchanged, st.Removed
	}
	b.last, b.lastKeys, b.spareKeys, b.openData = out, keys, b.lastKeys, memo
	res.Duration = time.Since(start)
	return res, nil
}

// make makes the outputs into out.
func (b *Builder) make(ctx context.Context, outputs []*output, out Output) error {
	made, err := renderAll(ctx, outputs)
	if err != nil {
		return err
	}
	for i, o := range outputs {
		if made[i] != nil { // nil: this output makes no file this time
			out[o.path] = made[i]
		}
	}
	return nil
}

// split divides the outputs to make into those of p.Files and the others,
// when there are both and p can show them; otherwise it returns nils.
func (p Preview) split(outputs []*output) (first, rest []*output) {
	if p.Show == nil || len(p.Files) == 0 {
		return nil, nil
	}
	wanted := map[string]bool{}
	for _, f := range p.Files {
		wanted[f] = true
	}
	for _, o := range outputs {
		if wanted[o.path] {
			first = append(first, o)
		} else {
			rest = append(rest, o)
		}
	}
	if first == nil || rest == nil {
		return nil, nil
	}
	return first, rest
}

// prepareRenderer parses the layouts again when they or the options the
// renderer bakes in changed, and computes each page kind's layout key
// from the files its templates come from.
func (b *Builder) prepareRenderer(site *load.Site, layouts fs.FS) error {
	rk := digestOf("renderer", b.basePath, fmt.Sprint(site.Config.UnsafeHTML), string(site.Digests.Layouts[:]))
	if b.renderer != nil && rk == b.rendererKey {
		return nil
	}
	r, err := render.New(layouts, render.Options{BasePath: b.basePath, UnsafeHTML: site.Config.UnsafeHTML})
	if err != nil {
		return err
	}
	keys := map[string]load.Digest{}
	for _, kind := range r.Kinds() {
		parts := []string{"layout", kind}
		for _, f := range r.Uses(kind).Files {
			src, err := fs.ReadFile(layouts, f)
			if err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			parts = append(parts, f, string(src))
		}
		keys[kind] = digestOf(parts...)
	}
	b.renderer, b.rendererKey, b.layoutKeys = r, rk, keys
	return nil
}

// dataKey covers what every output depends on: the options and the
// site's settings.
func (b *Builder) dataKey(site *load.Site) load.Digest {
	return digestOf("data", b.opts.BaseURL, fmt.Sprint(b.opts.NoMinify), string(site.Digests.Config[:]))
}

// pageKey adds to data what every page depends on besides: the
// fingerprinted names of the assets, which pages link.
func pageKey(data load.Digest, assetFiles Output) load.Digest {
	parts := []string{"page", string(data[:])}
	for name := range assetFiles {
		if assets.Fingerprinted(name) {
			parts = append(parts, name)
		}
	}
	sort.Strings(parts[2:])
	return digestOf(parts...)
}

// ownDigest is the page's own part of the site: an organization's pages
// show the organization and all its plans, with their prose when their
// templates mention it (Intro, Body); a content page shows its Markdown.
// Prose is reachable only through those fields: Go code of package render
// that reads it for a page kind must be matched by its layouts.
func (b *Builder) ownDigest(site *load.Site, p render.Page) load.Digest {
	switch {
	case p.Org != nil:
		if fields := b.renderer.Uses(p.Kind).Fields; fields["Intro"] || fields["Body"] {
			return site.Digests.Orgs[p.Org.ID]
		}
		return site.Digests.OrgData[p.Org.ID]
	case p.Kind == render.KindPage:
		return site.Digests.Pages[p.Path[:len(p.Path)-1]]
	}
	return load.Digest{}
}

// sharedKey covers the site-wide parts that the templates of kind reach:
// every organization when they mention Orgs (the home page's list), the
// home prose when they mention Home, the glossary when they mention
// Glossary. A site's own layouts may reach more than the theme's; their
// mentions are what counts.
func (b *Builder) sharedKey(site *load.Site, kind string) load.Digest {
	fields := b.renderer.Uses(kind).Fields
	d := site.Digests
	var parts []string
	if fields["Orgs"] {
		parts = append(parts, "orgs", string(d.AllOrgs[:]))
	}
	if fields["Home"] {
		parts = append(parts, "home", string(d.Home[:]))
	}
	if fields["Glossary"] {
		parts = append(parts, "glossary", string(d.Glossary[:]))
	}
	if parts == nil {
		return load.Digest{}
	}
	return digestOf(parts...)
}

// digestOf hashes parts, each length-prefixed so that no two lists of
// parts give the same input.
func digestOf(parts ...string) load.Digest {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:", len(p))
		h.Write([]byte(p))
	}
	var d load.Digest
	h.Sum(d[:0])
	return d
}

// changedOutputs is changedFiles(prev, next) when the files of next other
// than the made outputs and the assets were taken from prev: only those
// are compared.
func changedOutputs(prev, next Output, made []*output, assets []string) []string {
	var changed []string
	differs := func(name string) {
		b, ok := next[name]
		if old, had := prev[name]; ok != had || !bytes.Equal(old, b) {
			changed = append(changed, name)
		}
	}
	for _, o := range made {
		differs(o.path)
	}
	for _, name := range assets {
		differs(name)
	}
	for name := range prev {
		if _, ok := next[name]; !ok {
			changed = append(changed, name)
		}
	}
	sort.Strings(changed)
	return slices.Compact(changed)
}

// changedFiles lists, sorted, the files of next that are new or differ
// from prev, and those of prev that next no longer has.
func changedFiles(prev, next Output) []string {
	var changed []string
	for name, b := range next {
		if old, ok := prev[name]; !ok || !bytes.Equal(old, b) {
			changed = append(changed, name)
		}
	}
	for name := range prev {
		if _, ok := next[name]; !ok {
			changed = append(changed, name)
		}
	}
	sort.Strings(changed)
	return changed
}

// minifyMemo remembers the last minified form of each asset, by name, so
// that an unchanged stylesheet is not minified again. It is safe for
// concurrent use.
type minifyMemo struct {
	mu   sync.Mutex
	done map[string]minified
}

type minified struct {
	src load.Digest // the digest of the source that was minified
	out []byte
}

func (mm *minifyMemo) minify(m *assets.Minifier, name string, src []byte) ([]byte, error) {
	d := digestOf(string(src))
	mm.mu.Lock()
	prev, ok := mm.done[name]
	mm.mu.Unlock()
	if ok && prev.src == d {
		return prev.out, nil
	}
	out, err := m.Minify(name, src)
	if err != nil {
		return nil, err
	}
	mm.mu.Lock()
	if mm.done == nil {
		mm.done = map[string]minified{}
	}
	mm.done[name] = minified{src: d, out: out}
	mm.mu.Unlock()
	return out, nil
}

// BasePath is the path part of the base URL, with slashes at both ends:
// "/" or "/keikaku/".
func (b *Builder) BasePath() string { return b.basePath }
