package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/plansite/plansite/internal/assets"
	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/export"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/render"
	"github.com/plansite/plansite/internal/search"
	"github.com/plansite/plansite/internal/theme"
	"github.com/plansite/plansite/internal/workers"
)

// A Builder builds one site again and again, as plansite serve does. It
// keeps what the last build read and made: the source files by digest
// (load.Cache), the parsed layouts, the minified assets, and the list of
// the last good build's outputs with the key of each (a state), by group:
// the outputs of one organization, and those of the site as a whole. A
// build after an edit re-reads only the files it is told of (Forget),
// re-parses only those whose bytes changed, takes whole the groups whose
// inputs did not change (an organization not edited costs no work per
// file), and renders only the outputs whose key changed.
//
// Where the outputs go depends on the options. With a destination and no
// Preview (plansite build), each output is compared with the file in the
// destination as soon as it is made and, when it differs, staged; the
// staged files are moved into place only when the whole build succeeded
// (publish.go), and the keys are kept in the destination's manifest, so
// that the next build, even in a new process, renders only what changed.
// Otherwise the files are kept as a Snapshot (Files), their bytes in a
// temporary file.
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

	// stream sends the outputs to the destination as they are made,
	// keeping none in memory (Run, plansite build).
	stream bool
	// facts, when set, makes the build lean: the plans are kept hollow
	// between the load and the outputs that read them again (heldOrg),
	// and facts holds what the build needs to know of them meanwhile.
	facts *planFacts
	// program identifies the running program in the keys kept in the
	// destination, so that another version of plansite renders again.
	program load.Digest

	// state lists the outputs of the last good build; files holds them
	// when they are kept in memory.
	state     state
	files     *Snapshot
	published bool

	// indexers make the search index of each language, keeping what
	// they tokenized for the next build.
	indexers []*search.Indexer
}

// A key tells what one output is made from. An output whose key equals the
// one it had in the last good build has the same bytes, and is not made
// again. To add a kind of output, give each output a key that covers
// everything it reads: a field left zero means "depends on nothing of this
// sort".
type key struct {
	// env covers what every output of its sort depends on: the options,
	// the program and data/site.toml, and for pages the names of
	// fingerprinted assets.
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

// keySum is a key as kept between builds: the first half of the SHA-256
// of its parts.
type keySum [16]byte

func (k key) sum() keySum {
	var buf [4 * sha256.Size]byte
	copy(buf[0:], k.env[:])
	copy(buf[sha256.Size:], k.layout[:])
	copy(buf[2*sha256.Size:], k.own[:])
	copy(buf[3*sha256.Size:], k.shared[:])
	full := sha256.Sum256(buf[:])
	return keySum(full[:16])
}

// An entry is what a build keeps of one output: its key, and what it
// made. A large site has hundreds of thousands: the fields are in an
// order that leaves the least padding (72 bytes).
type entry struct {
	key keySum
	// size and sum are the file's length and SHA-256; sum is zero when
	// unknown (a manifest written by an older plansite).
	sum  [sha256.Size]byte
	size int64
	// mtime is the modification time of the file in the destination, in
	// nanoseconds, as the build wrote or found it; 0 when unknown.
	mtime int64
	// none is set when the output made no file.
	none bool
	// pending is set while the output is still to be made.
	pending bool
}

// sumOf is the SHA-256 of a file's bytes.
func sumOf(data []byte) [sha256.Size]byte { return sha256.Sum256(data) }

// A group is the outputs of one part of the site, made from inputs whose
// digest is key: when a build finds the same key, it takes the group as
// it was without asking for its outputs. The site's group, "", has the
// zero key and is always asked.
type group struct {
	key   load.Digest
	files map[string]entry
	// pages is an organization's page count in each language
	// (orgPageCount), once counted.
	pages int
	// org and global are, for an organization's group, the organization
	// as loaded and the build's global key when the group was last
	// keyed (orgKey). org keeps that load's value, and its plans, until
	// a build keys the group again.
	org    *plan.Org
	global load.Digest
	// mu guards files while outputs are made (output.put, indexJob.put).
	mu sync.Mutex
}

// A state is the outputs of a build, by group ID: an organization's ID,
// or "" for the site's own outputs.
type state map[string]*group

// An output is one file of the site to make. There are hundreds of
// thousands in a large site's first build: it is kept small.
type output struct {
	path string
	// make returns the file's bytes, or nil for no file; sc is the
	// worker's scratch space, which it may use.
	make       func(sc *scratch) ([]byte, error)
	group, old *group   // its group in this build, and as the last made it
	held       *heldOrg // the organization the output reads, or nil
	asset      bool     // an asset, made before any page: not counted as rendered

	// Set when made.
	changed bool
	err     error
}

// scratch is a worker's space for making outputs, used again for each
// output it makes.
type scratch struct {
	page bytes.Buffer // a page as its layouts wrote it
	min  bytes.Buffer // the page minified, when reuse is set
	// reuse is set when the sink is done with the bytes it is handed
	// once put returns: a page made in the buffers above can be handed
	// as it is, without a copy of its own.
	reuse bool
}

// put hands the bytes made (nil: no file) to s and records in the
// output's group what s made of them, under the key recorded when the
// output was asked for.
func (o *output) put(s sink, data []byte) {
	e, changed, err := s.put(o.path, data, o.old.files[o.path])
	o.changed, o.err = changed, err
	o.group.mu.Lock()
	e.key = o.group.files[o.path].key
	o.group.files[o.path] = e
	o.group.mu.Unlock()
}

// A sink receives the outputs of a build as they are made: the
// destination (destSink) or memory (memSink).
type sink interface {
	// intact reports whether the file the last build made for path, as
	// e describes it, is still there as it was made.
	intact(path string, e entry) bool
	// intactAll reports whether all the files the last build made, as
	// files describes them, are still there as they were made.
	intactAll(files map[string]entry) bool
	// put takes the bytes made for path (nil: no file), whose entry in
	// the last build was prev (zero if none), and tells what it made and
	// whether it differs from the last build's. It is called from many
	// goroutines at once.
	put(path string, data []byte, prev entry) (entry, bool, error)
	// keeps reports whether put keeps the bytes it is handed after it
	// returns.
	keeps() bool
}

// A batch gathers one build's outputs, group by group.
//
// To add a kind of output, write a function that, for each file, calls
// isStale with the file's path and key and, only when it reports true,
// add (or addLate) with a function making the bytes; call it from
// build. Outputs of one organization go inside that
// organization's group (orgOutputs); site-wide ones are asked for on
// every build, in the site's group. Keys are checked against the last good
// build's, kept in memory by a Builder and in the destination's manifest
// by plansite build, so an unchanged file costs one key and, with a
// destination, one stat.
type batch struct {
	prev, next state
	cur, old   *group   // the group being asked for, and as it was
	held       *heldOrg // the organization whose outputs are being added, or nil
	sink       sink
	entered    []*group  // the groups asked for their outputs
	outputs    []*output // to make, in order
	late       []*output // to make after the others
	// assets holds this build's assets by output path, for pages to link.
	assets map[string][]byte
}

func newBatch(prev state, s sink) *batch {
	bt := &batch{prev: prev, next: make(state, len(prev)), sink: s, assets: map[string][]byte{}}
	bt.enter("", load.Digest{})
	return bt
}

// enter makes id the current group; when its key is not zero and equals
// the last build's, the group is taken whole and enter returns false: its
// outputs need not be asked for.
func (bt *batch) enter(id string, k load.Digest) bool {
	if bt.takeWhole(id, k) {
		return false
	}
	bt.ask(id, k)
	return true
}

// takeWhole makes id the current group, as the last build made it, when
// its key is not zero and equals the last build's and its files are
// intact, and reports whether it did.
func (bt *batch) takeWhole(id string, k load.Digest) bool {
	old := bt.prev[id]
	if old == nil || k == (load.Digest{}) || old.key != k || !bt.sink.intactAll(old.files) {
		return false
	}
	bt.next[id] = old
	bt.cur, bt.old = old, old
	return true
}

// ask makes id, with key k, the current group, whose outputs are asked
// for.
func (bt *batch) ask(id string, k load.Digest) {
	old := bt.prev[id]
	if old == nil {
		old = &group{}
	}
	g := bt.next[id]
	if g == nil {
		g = &group{key: k, files: make(map[string]entry, len(old.files))}
		bt.next[id] = g
		bt.entered = append(bt.entered, g)
	}
	bt.cur, bt.old = g, old
}

// isStale records the key of the output at path and reports whether the
// output must be made: it need not when the last good build made it with
// the same key and what it made is still there. Callers check it before
// building the make function, so an unchanged site costs no allocation
// per file.
func (bt *batch) isStale(path string, k key) bool {
	h := k.sum()
	if e, ok := bt.old.files[path]; ok && e.current(bt.sink, path, h) {
		bt.cur.files[path] = e
		return false
	}
	bt.cur.files[path] = entry{key: h, pending: true}
	return true
}

// current reports whether the output at path, which the last good build
// made as e, was made with key h and is still in s as it was made.
func (e entry) current(s sink, path string, h keySum) bool {
	return e.key == h && !e.pending && (e.none || s.intact(path, e))
}

// add queues an output to be made; call it when isStale says so.
func (bt *batch) add(path string, make func(*scratch) ([]byte, error)) {
	if bt.held != nil {
		bt.held.rendering()
	}
	bt.outputs = append(bt.outputs, &output{path: path, make: make, group: bt.cur, old: bt.old, held: bt.held})
}

// addLate queues an output to be made after every other output of the
// build, when their entries (sizes and digests) are known in bt.next.
func (bt *batch) addLate(path string, make func(*scratch) ([]byte, error)) {
	bt.late = append(bt.late, &output{path: path, make: make, group: bt.cur, old: bt.old})
}

// addAsset queues an asset, already made, for the pages to link.
func (bt *batch) addAsset(path string, data []byte) {
	bt.assets[path] = data
	if bt.isStale(path, key{own: digestOf("asset", path, string(data))}) {
		bt.outputs = append(bt.outputs, &output{path: path, make: made(data), group: bt.cur, old: bt.old, asset: true})
	}
}

// had reports whether the last good build made the file path in the
// current group.
func (bt *batch) had(path string) bool {
	e, ok := bt.old.files[path]
	return ok && !e.none
}

// NewBuilder returns a Builder of the site opts describes. Its first
// Build reads everything.
func NewBuilder(opts Options) (*Builder, error) {
	bp, err := basePath(opts.BaseURL)
	if err != nil {
		return nil, err
	}
	b := &Builder{opts: opts, basePath: bp, cache: load.NewCache(opts.Source), memo: &minifyMemo{}}
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

// Files returns the files of the last good build, or nil when the
// Builder streams its outputs to a destination (Run).
func (b *Builder) Files() *Snapshot { return b.files }

// Output returns a copy of the files of the last good build; Files gives
// them without reading them.
func (b *Builder) Output() Output { return b.files.Map() }

// Close closes the temporary file holding the files of the last good
// build, which the Builder's Snapshots can no longer read after. Where
// the system cannot remove an open file (Windows), this removes it; the
// files of earlier builds, moved out of it when it was compacted, are
// closed as they are collected.
func (b *Builder) Close() error {
	if b.files == nil {
		return nil
	}
	return b.files.store.close()
}

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
	// file found unchanged) over the files of the last good build.
	Show func(*Snapshot)
}

// BuildWithPreview is Build, making the files of p first and showing
// them through p.Show before making the rest.
func (b *Builder) BuildWithPreview(ctx context.Context, p Preview) (*Result, error) {
	start := time.Now()
	res := &Result{Pages: map[lang.Lang]int{}}
	prev := b.state
	var dest *destSink
	var source load.Digest
	if b.stream {
		m, err := readManifest(b.opts.Destination)
		if err != nil {
			return res, err
		}
		if b.program == (load.Digest{}) {
			b.program = programDigest()
		}
		scan, n, err := load.Scan(b.opts.Source)
		if err == nil && b.program != (load.Digest{}) {
			source = digestOf("source", string(scan[:]), fmt.Sprint(n), string(b.program[:]), b.opts.BaseURL, fmt.Sprint(b.opts.NoMinify))
		}
		if source != (load.Digest{}) && m.unchanged(source, b.opts.Destination) {
			res.Files, res.Unchanged, res.Warnings, res.Pages = m.files(), m.files(), m.warnings, m.pages
			res.Duration = time.Since(start)
			b.state = m.state
			return res, nil
		}
		prev = m.state
		dest = newDestSink(b.opts.Destination)
	}
	res, err := b.build(ctx, p, prev, dest)
	if err != nil {
		if dest != nil {
			dest.abort()
		}
		return res, err
	}
	if dest != nil {
		st, err := dest.commit(b.state, res, source)
		if err != nil {
			dest.abort()
			return res, err
		}
		res.Written, res.Unchanged, res.Removed = st.Written, st.Unchanged, st.Removed
	}
	res.Duration = time.Since(start)
	return res, nil
}

// build makes the outputs whose keys changed since prev into dest, or,
// when dest is nil, into memory.
func (b *Builder) build(ctx context.Context, p Preview, prev state, dest *destSink) (*Result, error) {
	res := &Result{Pages: map[lang.Lang]int{}}
	site, problems := b.load()
	res.Warnings = problems.Warnings()
	if err := problems.Err(); err != nil {
		return res, err
	}
	layouts := theme.Over(site.Theme)
	if err := b.prepareRenderer(site, layouts); err != nil {
		return res, err
	}
	if b.facts != nil && b.layoutsReachOtherPlans(site) {
		// The site's layouts may read plans in full where a lean build
		// holds them hollow: load them whole.
		b.cache.Close()
		b.facts, b.cache = nil, load.NewCache(b.opts.Source)
		site, problems = b.cache.Load()
		res.Warnings = problems.Warnings()
		if err := problems.Err(); err != nil {
			return res, err
		}
	}
	var mem *memSink
	var s sink = dest
	if dest == nil {
		mem = newMemSink(b.files)
		s = mem
	}
	bt := newBatch(prev, s)
	rs := &render.Site{Config: site.Config, Orgs: site.Orgs, Glossary: site.Glossary, Home: site.Home, BaseURL: absoluteBase(b.opts.BaseURL)}
	if err := copyAssets(layouts, b.minifier, bt, rs, b.memo); err != nil {
		return res, err
	}
	data := b.dataKey(site)
	env := pageKey(data, bt.assets)
	rs.OpenData = &render.OpenData{Index: export.IndexPath, Schema: export.PlanSchemaPath, Plan: func(p *plan.Plan) []render.Dataset { return datasets(export.List(p)) }}

	// Each organization's outputs form a group, taken whole when nothing
	// it is made from changed: the organization's files, and what every
	// output of the site depends on (the options and the settings, in
	// data; the assets' names) or its pages do (the layouts of their
	// kinds and the site-wide parts those mention). The layouts of other
	// kinds are left out, so that an edit of the home page's layout does
	// not make every organization's group be asked for its outputs.
	shared := map[string]load.Digest{}
	for _, kind := range b.renderer.Kinds() {
		shared[kind] = b.sharedKey(site, kind)
	}
	globalParts := []string{"org", string(env[:]), string(data[:])}
	for _, kind := range orgKinds {
		lk, sk := b.layoutKeys[kind], shared[kind]
		globalParts = append(globalParts, kind, string(lk[:]), string(sk[:]))
	}
	global := digestOf(globalParts...)
	var read func(*plan.Org) (*plan.Org, error)
	if b.facts != nil {
		read = b.cache.ReadOrg
	}
	held := heldOrgs(site.Orgs, read)
	for i, o := range site.Orgs {
		if bt.enter(o.ID, orgKey(bt.prev, site, o, global)) {
			bt.held = held[i]
			b.orgOutputs(bt, site, rs, o, env, data, shared)
			bt.held = nil
		}
		bt.cur.org, bt.cur.global = o, global
		// Counted whether or not the group was asked: a group taken
		// whole has its pages all the same. The group keeps the count,
		// unless it was read from the manifest.
		if bt.cur.pages == 0 {
			bt.cur.pages = orgPageCount(o)
		}
		for _, l := range lang.All {
			res.Pages[l] += bt.cur.pages
		}
	}

	bt.enter("", load.Digest{})
	for _, p := range sitePages(site) {
		if p.Kind != render.KindRoot {
			res.Pages[p.Lang]++
		}
		b.addPage(bt, rs, p, env, b.ownDigest(site, p), shared)
	}
	b.siteData(bt, site, data)
	res.Warnings = append(res.Warnings, b.furniture(bt, site, rs, data, env)...)
	index := b.searchOutputs(bt, site, rs, data, env, shared, held, res)

	var first, rest []*output
	if mem != nil {
		first, rest = p.split(bt.outputs)
	}
	if first != nil {
		if err := b.make(ctx, first, s); err != nil {
			return res, err
		}
		res.Rendered = countRendered(first)
		p.Show(mem.snapshot())
		bt.outputs = rest
	}
	// The search index is made on its own goroutine. plansite build
	// renders the pages meanwhile, and makes the languages' indexes at
	// once. plansite serve waits for it first, made a language at a
	// time, which leaves a core free to serve the open page, just shown,
	// to the browser reloading it.
	index.start(ctx, bt)
	defer index.wait()
	var indexed indexMade
	if mem != nil {
		indexed = index.add()
	}
	if err := b.make(ctx, bt.outputs, s); err != nil {
		return res, err
	}
	// Made: what they made is in their groups' entries. A large site has
	// hundreds of thousands; they are let go before the index's last
	// files are written.
	res.Rendered += countRendered(bt.outputs)
	res.Changed = changedPaths(res.Changed, first, bt.outputs)
	first, bt.outputs = nil, nil
	if mem == nil {
		indexed = index.add()
	}
	if err := failures(ctx, indexed.failed); err != nil {
		return res, err
	}
	res.Rendered += indexed.made
	if err := b.make(ctx, bt.late, s); err != nil {
		return res, err
	}
	res.Rendered += countRendered(bt.late)
	dropPending(bt)
	if err := ctx.Err(); err != nil {
		return res, err
	}

	// What the last build made and this one did not is gone.
	res.Changed = changedPaths(res.Changed, bt.late)
	res.Changed = append(res.Changed, indexed.changed...)
	removed := removedFiles(prev, bt.next, bt.entered)
	res.Changed = append(res.Changed, removed...)
	sort.Strings(res.Changed)
	res.Changed = slices.Compact(res.Changed)
	for _, g := range bt.next {
		for _, e := range g.files {
			if !e.none {
				res.Files++
			}
		}
	}

	if dest != nil {
		dest.removed = removed
	} else {
		for _, name := range removed {
			mem.remove(name)
		}
		files := mem.snapshot().compacted()
		if b.opts.Destination != "" {
			var st PublishStats
			var err error
			if b.published {
				st, err = publishChanges(b.opts.Destination, files, res.Changed)
			} else {
				st, err = Publish(b.opts.Destination, files)
			}
			// A failed publish may have written some files: the next
			// build compares them all.
			b.published = err == nil
			if err != nil {
				return res, err
			}
			res.Written, res.Unchanged, res.Removed = st.Written, st.Unchanged, st.Removed
		}
		b.files = files
	}
	b.state = bt.next
	return res, nil
}

// loadGCPercent is the garbage collector's percent while a lean build
// loads the site. The load allocates several times the site's sources
// while it keeps only hollow plans, a small part of what the build
// holds later when its memory peaks: collecting less often there costs
// the peak little and saves about 6% of the build's CPU at 5,000
// organizations.
const loadGCPercent = 250

// loadGC counts the loads under way at loadGCPercent: the percent is
// the whole process's, raised by the first and put back by the last.
var loadGC struct {
	sync.Mutex
	loads int
	prev  int
}

// raiseGCForLoad sets the garbage collector's percent to loadGCPercent,
// unless the GOGC environment variable sets it, and returns the function
// that puts it back once every load that raised it is done.
func raiseGCForLoad() (putBack func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	loadGC.Lock()
	if loadGC.loads++; loadGC.loads == 1 {
		loadGC.prev = debug.SetGCPercent(loadGCPercent)
	}
	loadGC.Unlock()
	return func() {
		loadGC.Lock()
		if loadGC.loads--; loadGC.loads == 0 {
			debug.SetGCPercent(loadGC.prev)
		}
		loadGC.Unlock()
	}
}

// load loads the site from b's cache; a lean build's at loadGCPercent.
func (b *Builder) load() (*load.Site, *diag.List) {
	if b.facts != nil {
		defer raiseGCForLoad()()
	}
	return b.cache.Load()
}

// orgKinds are the kinds of the pages of an organization's group
// (orgPages): the layouts and site-wide parts of these kinds are all an
// organization's group depends on besides its own files.
var orgKinds = []string{render.KindOrg, render.KindPlan, render.KindCalendar}

// orgOutputs adds the outputs of organization o: its pages, its calendar
// pages and files, and its plans' open data.
func (b *Builder) orgOutputs(bt *batch, site *load.Site, rs *render.Site, o *plan.Org, env, data load.Digest, shared map[string]load.Digest) {
	for _, p := range orgPages(o) {
		b.addPage(bt, rs, p, env, b.ownDigest(site, p), shared)
	}
	calendarFiles(bt, o, rs.BaseURL, key{env: data, own: site.Digests.OrgData[o.ID]}) // calendars show no prose
	b.planData(bt, o, key{env: data, own: site.Digests.Orgs[o.ID]})                   // plan.json holds the plan's prose
}

// addPage adds one page.
func (b *Builder) addPage(bt *batch, rs *render.Site, p render.Page, env, own load.Digest, shared map[string]load.Digest) {
	path := p.OutputPath()
	if bt.isStale(path, key{env: env, layout: b.layoutKeys[p.Kind], own: own, shared: shared[p.Kind]}) {
		h := bt.held
		bt.add(path, func(sc *scratch) ([]byte, error) {
			if h != nil {
				var err error
				if p, err = h.page(p); err != nil {
					return nil, err
				}
			}
			return renderPage(b.renderer, rs, p, b.minifier, sc)
		})
	}
}

// dropPending forgets the outputs whose keys were recorded but which were
// never added to be made.
func dropPending(bt *batch) {
	for _, g := range bt.entered {
		for path, e := range g.files {
			if e.pending { // asked for, never added
				delete(g.files, path)
			}
		}
	}
}

// removedFiles lists the files of prev that next no longer has. A file
// gone from its group may have moved to another, one of the groups asked
// this build: a group taken whole holds the files it held.
func removedFiles(prev, next state, asked []*group) []string {
	var gone []string // not in their group any more; perhaps moved to another
	for id, og := range prev {
		ng := next[id]
		if ng == og {
			continue
		}
		for path, e := range og.files {
			if e.none {
				continue
			}
			if ng != nil {
				if ne, ok := ng.files[path]; ok && !ne.none {
					continue
				}
			}
			gone = append(gone, path)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	removed := slices.DeleteFunc(gone, func(path string) bool {
		for _, g := range asked {
			if e, ok := g.files[path]; ok && !e.none {
				return true
			}
		}
		return false
	})
	sort.Strings(removed)
	return removed
}

// changedPaths appends to dst the paths of the outputs whose bytes
// changed.
func changedPaths(dst []string, lists ...[]*output) []string {
	for _, outputs := range lists {
		for _, o := range outputs {
			if o.changed {
				dst = append(dst, o.path)
			}
		}
	}
	return dst
}

func countRendered(outputs []*output) int {
	n := 0
	for _, o := range outputs {
		if !o.asset {
			n++
		}
	}
	return n
}

// make makes the outputs on all cores and hands each to s. Every failure
// is reported, not only the first.
func (b *Builder) make(ctx context.Context, outputs []*output, s sink) error {
	reuse := !s.keeps()
	workers.EachWith(len(outputs), func() *scratch { return &scratch{reuse: reuse} }, func(sc *scratch, i int) {
		o := outputs[i]
		if o.held != nil {
			defer o.held.done()
		}
		if ctx.Err() != nil {
			o.err = ctx.Err()
			return
		}
		sc.page.Reset()
		data, err := o.make(sc)
		o.make = nil // what it holds is no longer needed
		if err != nil {
			o.err = err
			return
		}
		o.put(s, data)
	})
	return failures(ctx, outputs)
}

// failures lists the outputs that could not be made, or returns ctx's
// error when the build was cancelled.
func failures(ctx context.Context, outputs []*output) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var list diag.List
	for _, o := range outputs {
		if o.err != nil {
			list.Errorf(diag.Pos{File: o.path}, "rendering failed: %v", o.err)
		}
	}
	return list.Err()
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
		if wanted[o.path] || o.asset {
			first = append(first, o)
		} else {
			rest = append(rest, o)
		}
	}
	if countRendered(first) == 0 || rest == nil {
		return nil, rest
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

// layoutsReachOtherPlans reports whether the site's own layouts may read
// more of the plans of other organizations than their years, titles and
// slogans, which are all a lean build holds of them (plan.Plan.Hollow;
// their prose is let go too, load.Cache.Lean): the
// layouts of a page of no organization mention a name that the built-in
// theme's do not, or those of an organization's pages mention the list of
// every organization and the theme's do not.
func (b *Builder) layoutsReachOtherPlans(site *load.Site) bool {
	if site.Digests.Layouts == (load.Digest{}) {
		return false // the built-in theme's layouts
	}
	builtIn, err := render.New(theme.Default(), render.Options{BasePath: b.basePath})
	if err != nil {
		return true
	}
	for _, kind := range b.renderer.Kinds() {
		own, theirs := b.renderer.Uses(kind).Fields, builtIn.Uses(kind).Fields
		if slices.Contains(orgKinds, kind) {
			if own["Orgs"] && !theirs["Orgs"] {
				return true
			}
			continue
		}
		for name := range own {
			if !theirs[name] {
				return true
			}
		}
	}
	return false
}

// dataKey covers what every output depends on: the options, the program
// when the keys are kept in the destination, and the site's settings.
func (b *Builder) dataKey(site *load.Site) load.Digest {
	return digestOf("data", b.opts.BaseURL, fmt.Sprint(b.opts.NoMinify), string(b.program[:]), string(site.Digests.Config[:]))
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

// orgKey is the key of organization o's group (groupKey), or the last
// build's, in prev, when that build keyed it for the same loaded value of
// o under the same global key: a load that relinks some organizations
// keeps the others' values, which are never changed. Digesting every
// organization's key took 0.8 ms of each edit's preview at 5,000
// organizations.
func orgKey(prev state, site *load.Site, o *plan.Org, global load.Digest) load.Digest {
	if old := prev[o.ID]; old != nil && old.org == o && old.global == global {
		return old.key
	}
	return groupKey(global, site.Digests.Orgs[o.ID], site.Digests.OrgData[o.ID])
}

// groupKey is the key of an organization's group: what every group
// depends on (global) and the organization's files (own, and ownData
// without prose). It is made once per organization on every build, so it
// allocates nothing.
func groupKey(global, own, ownData load.Digest) load.Digest {
	var b [3 * len(load.Digest{})]byte
	copy(b[:], global[:])
	copy(b[len(global):], own[:])
	copy(b[2*len(global):], ownData[:])
	return sha256.Sum256(b[:])
}

// digestOf hashes parts, each length-prefixed so that no two lists of
// parts give the same input.
func digestOf(parts ...string) load.Digest {
	h := sha256.New()
	var n []byte
	for _, p := range parts {
		n = strconv.AppendInt(n[:0], int64(len(p)), 10)
		h.Write(append(n, ':'))
		io.WriteString(h, p)
	}
	var d load.Digest
	h.Sum(d[:0])
	return d
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
