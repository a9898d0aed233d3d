package build

import (
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/plansite/plansite/internal/atom"
	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/render"
	"github.com/plansite/plansite/internal/sitemap"
)

// The site's furniture: the files that help it be found and that hosts
// show, besides its pages.
//
//   - 404.html, the bilingual page for a missing address, always.
//   - sitemap.xml (a sitemap index with sitemap-1.xml … when the site
//     outgrows one file), robots.txt naming it, and an Atom feed of the
//     plans per language (ja/feed.xml, en/feed.xml), which need the
//     site's full address: they are made only when -baseURL gives one
//     (https://example.jp/keikaku/). Otherwise a build that writes a
//     destination warns once; plansite serve, showing the site to its
//     editors from memory, does not.
//
// The sitemap is keyed on the list of pages (the organizations' data,
// the content pages' names, whether there is a glossary), the feeds on
// every organization with its prose (an entry's summary quotes the
// plan's basic policy), both on the options and data/site.toml; so an
// unchanged site makes none of them again.

// sitemapLimits bounds each sitemap file; zero means the protocol's
// limits. It is a test hook, never set by the program: tests that make it
// small to see the split do not run in parallel, and restore it.
var sitemapLimits sitemap.Limits

// jst is the time zone of the plans' dates.
var jst = time.FixedZone("JST", 9*60*60)

// furniture adds the furniture to bt and returns the warning to give when
// the site's full address is not known and the site is written to a
// destination to be published. data keys outputs on the options
// and site settings; env adds what every page depends on.
func (b *Builder) furniture(bt *batch, site *load.Site, rs *render.Site, data, env load.Digest) []diag.Problem {
	notFound := render.Page{Kind: render.KindNotFound, Lang: lang.Ja}
	if path := notFound.OutputPath(); bt.isStale(path, key{env: env, layout: b.layoutKeys[notFound.Kind], shared: b.sharedKey(site, notFound.Kind)}) {
		bt.add(path, func(sc *scratch) ([]byte, error) { return renderPage(b.renderer, rs, notFound, b.minifier, sc) })
	}
	base := rs.BaseURL
	if base == "" {
		if b.opts.Destination == "" {
			return nil // not a site to publish: plansite serve, Render
		}
		var list diag.List
		list.Warnf(diag.Pos{File: "-baseURL"}, "sitemap.xml, robots.txt and the Atom feeds were not made, and pages have no canonical or og:url links: these need the site's full address; build with -baseURL set to it, such as -baseURL https://example.jp/keikaku/")
		return list.Warnings()
	}

	// The sitemap is made on the workers, after any preview. The parts of
	// a large one share its key: they change only when it does. How many
	// parts there will be is known once it is made, so as many outputs
	// are added as it can have; those it does not need make no file.
	k := key{env: data, shared: sitemapKey(site)}
	if bt.isStale(sitemap.Name, k) {
		var once sync.Once
		var files []sitemap.File
		all := func() []sitemap.File {
			once.Do(func() {
				files = sitemap.Files(base, sitemapURLs(base, sitemapPages(site)), sitemapLimits)
			})
			return files
		}
		bt.add(sitemap.Name, func(*scratch) ([]byte, error) { return all()[0].Data, nil })
		for i := 1; i <= maxSitemapParts(site, base); i++ {
			name := sitemap.PartName(i)
			if !bt.isStale(name, k) {
				continue // made by the last build with the same key: as it would be now
			}
			bt.add(name, func(*scratch) ([]byte, error) {
				if fs := all(); i < len(fs) {
					return fs[i].Data, nil
				}
				return nil, nil
			})
		}
	} else {
		for i := 1; bt.had(sitemap.PartName(i)); i++ {
			bt.isStale(sitemap.PartName(i), k)
		}
	}
	if bt.isStale("robots.txt", key{env: data}) {
		bt.add("robots.txt", made(sitemap.Robots(base+sitemap.Name)))
	}
	all := site.Digests.AllOrgs
	// The feeds of both languages list the same plans, read whole once.
	newest := sync.OnceValues(func() ([]*plan.Plan, error) { return b.wholePlans(newestPlans(site)) })
	for _, l := range lang.All {
		path := string(l) + "/" + render.FeedFile
		if bt.isStale(path, key{env: data, shared: all}) {
			bt.add(path, func(*scratch) ([]byte, error) {
				plans, err := newest()
				if err != nil {
					return nil, err
				}
				return feed(b.renderer, site, base, l, plans).Encode(), nil
			})
		}
	}
	return nil
}

// sitemapKey covers what decides the list of pages: every organization's
// data (its plans, and whether they have calendars), the content pages'
// names and whether there is a glossary.
func sitemapKey(site *load.Site) load.Digest {
	var orgs load.Digest
	for _, o := range site.Orgs {
		orgs.Mix(site.Digests.OrgData[o.ID])
	}
	parts := []string{"sitemap", string(orgs[:]), strconv.FormatBool(len(site.Glossary.Terms) > 0)}
	for name := range site.Pages {
		parts = append(parts, name)
	}
	sort.Strings(parts[3:])
	return digestOf(parts...)
}

// maxSitemapParts bounds the parts of the sitemap of site, counting every
// organization and plan with a calendar page and every address as long as
// the longest can be (organization IDs, years and page names need no
// escaping).
func maxSitemapParts(site *load.Site, base string) int {
	n := 1 + 2*(3+len(site.Pages)) // the root; per language the home, glossary and search pages, the pages
	longest := len("calendar/")
	for _, o := range site.Orgs {
		n += 2 * (2 + 2*len(o.Plans))
		longest = max(longest, len(o.ID)+len("/0000/calendar/"))
	}
	for name := range site.Pages {
		longest = max(longest, len(name)+1)
	}
	return sitemap.MaxParts(n, 3, len(base)+len("ja/")+longest, sitemapLimits)
}

// sitemapPages lists the pages the sitemap lists, in a stable order: every
// page but the 404 page.
func sitemapPages(site *load.Site) []render.Page {
	return slices.Concat(pageList(site), calendarPages(site), searchPages())
}

// sitemapURLs lists every page at its full address under base, with its
// language versions, as the pages' heads link them.
func sitemapURLs(base string, pages []render.Page) []sitemap.URL {
	urls := make([]sitemap.URL, 0, len(pages))
	for _, p := range pages {
		u := sitemap.URL{Loc: render.PageLoc(base, p)}
		for _, hl := range []string{"ja", "en", "x-default"} {
			u.Alternates = append(u.Alternates, sitemap.Alternate{Hreflang: hl, Href: render.AbsolutePageURL(base, hl, p)})
		}
		urls = append(urls, u)
	}
	return urls
}

// feedEntries is the most plans a feed lists: the newest, as feed
// readers fetch the whole file each time they look.
const feedEntries = 100

// newestPlans lists the feedEntries plans of site published last, newest
// first (then by organization and year).
func newestPlans(site *load.Site) []*plan.Plan {
	var plans []*plan.Plan
	for _, o := range site.Orgs {
		plans = append(plans, o.Plans...)
	}
	sort.SliceStable(plans, func(i, j int) bool {
		a, b := plans[i], plans[j]
		if !a.PublishedOn().Equal(b.PublishedOn()) {
			return a.PublishedOn().After(b.PublishedOn())
		}
		if a.OrgID != b.OrgID {
			return a.OrgID < b.OrgID
		}
		return a.FiscalYear > b.FiscalYear
	})
	return plans[:min(len(plans), feedEntries)]
}

// feed is the Atom feed of language l of plans, newestPlans read whole,
// each entry linking its page, with the summary its page describes itself
// with. Dates are midnight in Japan of each plan's publication day
// (plan.PublishedOn, which the data gives), and the feed is as new as its
// newest plan; a site without plans dates its empty feed at the Unix
// epoch, as no data gives a date.
func feed(r *render.Renderer, site *load.Site, base string, l lang.Lang, plans []*plan.Plan) atom.Feed {
	cfg := site.Config
	author := cfg.Publisher.String(l)
	if author == "" {
		author = cfg.Title.String(l)
	}
	home := render.AbsoluteURL(base, l, "")
	f := atom.Feed{
		Lang:      string(l),
		ID:        home,
		Title:     cfg.Title.String(l),
		Subtitle:  render.FeedTitle(l),
		Updated:   time.Unix(0, 0).UTC(),
		Author:    author,
		Self:      render.AbsoluteURL(base, l, render.FeedFile),
		Alternate: home,
	}
	for i, p := range plans {
		day := p.PublishedOn()
		at := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, jst)
		if i == 0 {
			f.Updated = at
		}
		url := render.AbsoluteURL(base, l, render.PlanURL(p))
		org := p.Org.Name.String(l)
		title := org + " " + render.PlanTitle(p).String(l)
		if l == lang.En {
			title = org + ": " + render.PlanTitle(p).String(l)
		}
		f.Entries = append(f.Entries, atom.Entry{ID: url, Title: title, Link: url, Summary: r.PlanSummary(l, p), Author: org, Published: at, Updated: at})
	}
	return f
}
