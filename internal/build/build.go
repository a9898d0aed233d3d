package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/plansite/plansite/internal/assets"
	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
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
}

// Summary is the one-line report printed after a build.
func (r *Result) Summary() string {
	return fmt.Sprintf("pages: %d ja, %d en; files: %d written, %d unchanged, %d removed; %d warning(s); %s",
		r.Pages[lang.Ja], r.Pages[lang.En], r.Written, r.Unchanged, r.Removed, len(r.Warnings), r.Duration.Round(time.Millisecond))
}

// Run builds the site. On failure it returns a *diag.Errors listing every
// problem with its position, and the destination is not touched.
func Run(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	out, res, err := Render(ctx, opts)
	if err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	stats, err := Publish(opts.Destination, out)
	if err != nil {
		return res, err
	}
	res.Written, res.Unchanged, res.Removed = stats.Written, stats.Unchanged, stats.Removed
	res.Duration = time.Since(start)
	return res, nil
}

// Output is a rendered site: file contents by slash path under the output root.
type Output map[string][]byte

// Render loads, checks and renders the site into memory.
func Render(ctx context.Context, opts Options) (Output, *Result, error) {
	res := &Result{Pages: map[lang.Lang]int{}}
	basePath, err := basePath(opts.BaseURL)
	if err != nil {
		return nil, res, err
	}
	site, problems := load.Load(opts.Source)
	res.Warnings = problems.Warnings()
	if err := problems.Err(); err != nil {
		return nil, res, err
	}
	layouts := theme.Overlay(opts.Source)
	r, err := render.New(layouts, render.Options{BasePath: basePath, UnsafeHTML: site.Config.UnsafeHTML})
	if err != nil {
		return nil, res, err
	}
	var minifier *assets.Minifier
	if !opts.NoMinify {
		minifier = assets.NewMinifier()
	}
	out := Output{}
	rs := &render.Site{Config: site.Config, Orgs: site.Orgs, Glossary: site.Glossary, Home: site.Home, BaseURL: absoluteBase(opts.BaseURL)}
	if err := copyAssets(layouts, minifier, out, rs); err != nil {
		return nil, res, err
	}
	if err := addOpenData(out, rs, site, basePath, opts.NoMinify); err != nil {
		return nil, res, err
	}
	pages := append(pageList(site), calendarPages(site)...)
	for _, p := range pages {
		if p.Kind != render.KindRoot {
			res.Pages[p.Lang]++
		}
	}
	rendered, err := renderAll(ctx, r, rs, pages, minifier)
	if err != nil {
		return nil, res, err
	}
	for i, p := range pages {
		out[p.OutputPath()] = rendered[i]
	}
	if err := calendarFiles(site, rs.BaseURL, out); err != nil {
		return nil, res, err
	}
	res.Files = len(out)
	return out, res, nil
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

// pageList lists every page of the site in a fixed order.
func pageList(site *load.Site) []render.Page {
	pages := []render.Page{{Kind: render.KindRoot, Lang: lang.Ja}}
	names := make([]string, 0, len(site.Pages))
	for name := range site.Pages {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, l := range lang.All {
		pages = append(pages, render.Page{Kind: render.KindHome, Lang: l})
		for _, o := range site.Orgs {
			pages = append(pages, render.Page{Kind: render.KindOrg, Lang: l, Path: o.ID + "/", Org: o})
			for _, p := range o.Plans {
				pages = append(pages, render.Page{Kind: render.KindPlan, Lang: l, Path: render.PlanURL(p), Org: o, Plan: p})
			}
		}
		if len(site.Glossary.Terms) > 0 {
			pages = append(pages, render.Page{Kind: render.KindGlossary, Lang: l, Path: "glossary/"})
		}
		for _, name := range names {
			pages = append(pages, render.Page{Kind: render.KindPage, Lang: l, Path: name + "/", Content: site.Pages[name]})
		}
	}
	return pages
}

// renderAll renders pages on all cores, in page order, and minifies them.
// Every failure is reported, not only the first.
func renderAll(ctx context.Context, r *render.Renderer, site *render.Site, pages []render.Page, m *assets.Minifier) ([][]byte, error) {
	out := make([][]byte, len(pages))
	errs := make([]error, len(pages))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for i := range next {
				if ctx.Err() != nil {
					errs[i] = ctx.Err()
					continue
				}
				buf.Reset()
				if err := r.Render(&buf, site, pages[i]); err != nil {
					errs[i] = err
					continue
				}
				b := bytes.Clone(buf.Bytes())
				if m != nil {
					min, err := m.Minify(pages[i].OutputPath(), b)
					if err != nil {
						errs[i] = fmt.Errorf("%s: minify: %w", pages[i].OutputPath(), err)
						continue
					}
					b = min
				}
				out[i] = b
			}
		}()
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	var list diag.List
	for i, err := range errs {
		if err != nil {
			list.Errorf(diag.Pos{File: pages[i].OutputPath()}, "rendering failed: %v", err)
		}
	}
	if err := list.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// copyAssets minifies and fingerprints the theme's and site's assets/ into
// out and records the stylesheet for the pages.
func copyAssets(fsys fs.FS, m *assets.Minifier, out Output, site *render.Site) error {
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
			if src, err = m.Minify(name, src); err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
		}
		if assets.Fingerprinted(name) {
			hashed, integrity := assets.Fingerprint(name, src)
			if name == stylesheet {
				site.Stylesheet = render.Asset{Path: hashed, Integrity: integrity}
			}
			name = hashed
		}
		out[path.Clean(name)] = src
	}
	if site.Stylesheet.Path == "" {
		return fmt.Errorf("assets/%s is missing: the layouts link it from every page", stylesheet)
	}
	return nil
}

// stylesheet is the theme's main CSS file, linked from every page.
const stylesheet = "css/main.css"
