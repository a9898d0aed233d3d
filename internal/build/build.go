package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/plansite/plansite/internal/assets"
	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/export"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/render"
	"github.com/plansite/plansite/internal/theme"
)

// Options say what to build and where.
type Options struct {
	// Source is the site folder (content/, data/, layouts/, assets/).
	Source string
	// Destination is the output folder.
	Destination string
	// BaseURL is where the site will be hosted, "/" or
	// "https://example.jp/keikaku/"; its path prefixes every link.
	BaseURL string
	// NoMinify leaves HTML, CSS and other text output as rendered.
	NoMinify bool
}

// Result summarizes a build.
type Result struct {
	// Pages counts HTML pages per language; the language root page is not counted.
	Pages map[lang.Lang]int
	// Files is the number of files the build produced.
	Files                       int
	Written, Unchanged, Removed int
	Warnings                    []diag.Problem
	Duration                    time.Duration

	// Rendered counts the outputs made by this build; the others were
	// reused from the last good build because nothing they are made from
	// changed.
	Rendered int
	// Changed lists, sorted, the outputs whose bytes differ from the
	// last good build's, including new and removed ones; the first
	// build lists every output.
	Changed []string
}

// Summary is the one-line report printed after a build.
func (r *Result) Summary() string {
	return fmt.Sprintf("pages: %d ja, %d en; files: %d written, %d unchanged, %d removed; %d warning(s); %s",
		r.Pages[lang.Ja], r.Pages[lang.En], r.Written, r.Unchanged, r.Removed, len(r.Warnings), r.Duration.Round(time.Millisecond))
}

// Run builds the site into opts.Destination, keeping no more of it in
// memory than the files being made: each is compared with the file in
// the destination as it is made and staged when it differs, and the
// staged files are moved into place once everything succeeded. A
// destination built before is brought up to date by making only the
// files whose keys changed, as its manifest records them. On failure it
// returns a *diag.Errors listing every problem with its position, and the
// destination is not touched.
func Run(ctx context.Context, opts Options) (*Result, error) {
	b, err := NewBuilder(opts)
	if err != nil {
		return &Result{Pages: map[lang.Lang]int{}}, err
	}
	if opts.Destination != "" {
		b.streamOnce()
		defer func() { b.cache.Close() }() // a lean cache's snapshots
	}
	return b.Build(ctx)
}

// streamOnce makes b, new, a Builder for one build into the destination
// (Run): its outputs go to the destination as they are made, and it
// holds each organization's plans whole only while their outputs are
// made, as plansite build needs nothing of them in between.
func (b *Builder) streamOnce() {
	b.stream = true
	b.facts = &planFacts{docs: map[*plan.Plan]int{}, kinds: map[*plan.Plan]export.Kinds{}}
	b.cache.Lean(b.facts.see)
}

// Output is a rendered site: file contents by slash path under the output root.
type Output map[string][]byte

// Render loads, checks and renders the site into memory; it writes
// nothing, whatever opts.Destination says.
func Render(ctx context.Context, opts Options) (Output, *Result, error) {
	opts.Destination = ""
	b, err := NewBuilder(opts)
	if err != nil {
		return nil, &Result{Pages: map[lang.Lang]int{}}, err
	}
	defer b.Close()
	res, err := b.Build(ctx)
	if err != nil {
		return nil, res, err
	}
	return b.Output(), res, nil
}

// basePath returns the path part of baseURL, with a trailing slash.
func basePath(baseURL string) (string, error) {
	if baseURL == "" {
		return "/", nil
	}
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("-baseURL %q: expected a path such as / or /keikaku/, or an address such as https://example.jp/keikaku/", baseURL)
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p, nil
}

// pageList lists every page of the site in a fixed order, but for the
// calendar pages (calendarPages).
func pageList(site *load.Site) []render.Page {
	pages := []render.Page{{Kind: render.KindRoot, Lang: lang.Ja}}
	for _, l := range lang.All {
		own := langSitePages(site, l)
		pages = append(pages, own[0]) // the home page, then the organizations'
		for _, o := range site.Orgs {
			pages = append(pages, langOrgPages(o, l)...)
		}
		pages = append(pages, own[1:]...)
	}
	return pages
}

// sitePages lists the pages that belong to no organization: the root,
// and per language the home page, the glossary and the content pages.
func sitePages(site *load.Site) []render.Page {
	pages := []render.Page{{Kind: render.KindRoot, Lang: lang.Ja}}
	for _, l := range lang.All {
		pages = append(pages, langSitePages(site, l)...)
	}
	return pages
}

// langSitePages lists the pages of language l that belong to no
// organization: the home page first, the glossary, the content pages.
func langSitePages(site *load.Site, l lang.Lang) []render.Page {
	pages := []render.Page{{Kind: render.KindHome, Lang: l}}
	if len(site.Glossary.Terms) > 0 {
		pages = append(pages, render.Page{Kind: render.KindGlossary, Lang: l, Path: "glossary/"})
	}
	for _, name := range slices.Sorted(maps.Keys(site.Pages)) {
		pages = append(pages, render.Page{Kind: render.KindPage, Lang: l, Path: name + "/", Content: site.Pages[name]})
	}
	return pages
}

// orgPages lists the pages of organization o, per language: its page, its
// plans' pages and its calendar pages.
func orgPages(o *plan.Org) []render.Page {
	var pages []render.Page
	for _, l := range lang.All {
		pages = append(pages, langOrgPages(o, l)...)
	}
	return append(pages, orgCalendarPages(o)...)
}

// orgPageCount is how many pages organization o has in each language:
// its page, its plans' and its calendar pages (orgPages), counted without
// listing them.
func orgPageCount(o *plan.Org) int {
	calendars := 0
	for _, p := range o.Plans {
		if render.HasCalendar(p) {
			calendars++
		}
	}
	if calendars > 0 {
		calendars++ // the organization's own (render.OrgHasCalendar)
	}
	return 1 + len(o.Plans) + calendars
}

// langOrgPages lists organization o's page and its plans' pages in
// language l.
func langOrgPages(o *plan.Org, l lang.Lang) []render.Page {
	pages := []render.Page{{Kind: render.KindOrg, Lang: l, Path: o.ID + "/", Org: o}}
	for _, p := range o.Plans {
		pages = append(pages, render.Page{Kind: render.KindPlan, Lang: l, Path: render.PlanURL(p), Org: o, Plan: p})
	}
	return pages
}

// renderPage renders one page and minifies it, in sc's buffers when the
// sink is done with the bytes once it has them (scratch.reuse).
func renderPage(r *render.Renderer, site *render.Site, p render.Page, m *assets.Minifier, sc *scratch) ([]byte, error) {
	if err := r.Render(&sc.page, site, p); err != nil {
		return nil, err
	}
	if m == nil {
		if sc.reuse {
			return sc.page.Bytes(), nil
		}
		return bytes.Clone(sc.page.Bytes()), nil
	}
	out := &sc.min
	if !sc.reuse {
		out = new(bytes.Buffer)
	}
	// A page is .html, which MinifyInto always writes anew: sc.page can be
	// read in place.
	min, err := m.MinifyInto(out, p.OutputPath(), sc.page.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%s: minify: %w", p.OutputPath(), err)
	}
	return min, nil
}

// copyAssets minifies and fingerprints the theme's and site's assets/ into
// bt and records the stylesheet for the pages.
func copyAssets(fsys fs.FS, m *assets.Minifier, bt *batch, site *render.Site, memo *minifyMemo) error {
	files, err := theme.Files(fsys, "assets")
	if err != nil {
		return fmt.Errorf("assets: %w", err)
	}
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		name := strings.TrimPrefix(f, "assets/")
		if m != nil {
			if src, err = memo.minify(m, name, src); err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
		}
		if assets.Fingerprinted(name) {
			hashed, integrity := assets.Fingerprint(name, src)
			switch name {
			case stylesheet:
				site.Stylesheet = render.Asset{Path: hashed, Integrity: integrity}
			case searchScript:
				site.SearchScript = render.Asset{Path: hashed, Integrity: integrity}
			}
			name = hashed
		}
		bt.addAsset(path.Clean(name), src)
	}
	if site.Stylesheet.Path == "" {
		return fmt.Errorf("assets/%s is missing: the layouts link it from every page", stylesheet)
	}
	return nil
}

// stylesheet is the theme's main CSS file, linked from every page.
const stylesheet = "css/main.css"
