package render

import (
	"bytes"
	"testing"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/synth"
	"github.com/plansite/plansite/internal/theme"
)

// benchSite loads a synthetic site of orgs organizations for the render
// benchmarks.
func benchSite(b *testing.B, orgs int) (*Renderer, *Site) {
	b.Helper()
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Orgs: orgs, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	site, problems := load.Load(dir)
	if err := problems.Err(); err != nil {
		b.Fatal(err)
	}
	r, err := New(theme.Default(), Options{BasePath: "/"})
	if err != nil {
		b.Fatal(err)
	}
	rs := &Site{Config: site.Config, Orgs: site.Orgs, Glossary: site.Glossary, Home: site.Home,
		Stylesheet: Asset{Path: "css/main.0123456789ab.css", Integrity: "sha384-x"}}
	return r, rs
}

// BenchmarkRender renders one synthetic organization's pages of each kind
// in both languages, as a build does for every organization.
func BenchmarkRender(b *testing.B) {
	r, site := benchSite(b, 4)
	o := site.Orgs[0]
	pages := map[string][]Page{}
	for _, l := range lang.All {
		pages[KindOrg] = append(pages[KindOrg], Page{Kind: KindOrg, Lang: l, Path: o.ID + "/", Org: o})
		pages[KindCalendar] = append(pages[KindCalendar], Page{Kind: KindCalendar, Lang: l, Path: OrgCalendarURL(o), Org: o})
		for _, p := range o.Plans {
			pages[KindPlan] = append(pages[KindPlan], Page{Kind: KindPlan, Lang: l, Path: PlanURL(p), Org: o, Plan: p})
			pages[KindCalendar] = append(pages[KindCalendar], Page{Kind: KindCalendar, Lang: l, Path: PlanCalendarURL(p), Org: o, Plan: p})
		}
		pages[KindHome] = append(pages[KindHome], Page{Kind: KindHome, Lang: l})
	}
	for _, kind := range []string{KindPlan, KindCalendar, KindOrg, KindHome} {
		b.Run(kind, func(b *testing.B) {
			var buf bytes.Buffer
			n := 0
			for _, p := range pages[kind] {
				buf.Reset()
				if err := r.Render(&buf, site, p); err != nil {
					b.Fatal(err)
				}
				n += buf.Len()
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range pages[kind] {
					buf.Reset()
					if err := r.Render(&buf, site, p); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
