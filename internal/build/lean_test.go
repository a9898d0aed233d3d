package build

import (
	"context"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/sitetest"
	"github.com/plansite/plansite/internal/synth"
)

// TestLeanBuildMatchesWhole checks that plansite build, which keeps the
// plans hollow and reads each organization again for its outputs, makes
// the files that a build holding every plan whole makes: for the example
// site, a synthetic one, and a site whose own home page lists every
// plan's divisions, which a lean build does not hold, so that it must
// load the plans whole.
func TestLeanBuildMatchesWhole(t *testing.T) {
	t.Parallel()
	synthetic := t.TempDir()
	if err := synth.Write(synthetic, synth.Options{Orgs: 6, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	ownHome := copySite(t)
	sitetest.WriteInto(t, ownHome, "-- layouts/home.html --\n{{define \"main\"}}{{range .Site.Orgs}}{{range .Plans}}{{range .Divisions}}<p>{{.Name.Ja}}</p>{{end}}{{end}}{{end}}{{end}}\n")
	for _, c := range []struct {
		name, src string
		lean      bool
	}{{"example", exampleSite, true}, {"synthetic", synthetic, true}, {"own home page", ownHome, false}} {
		t.Run(c.name, func(t *testing.T) {
			opts := Options{Source: c.src, Destination: t.TempDir(), BaseURL: "https://example.jp/keikaku/"}
			b, err := NewBuilder(opts)
			if err != nil {
				t.Fatal(err)
			}
			b.streamOnce()
			if _, err := b.Build(context.Background()); err != nil {
				t.Fatal(err)
			}
			if lean := b.facts != nil; lean != c.lean {
				t.Errorf("the build was lean: %v, want %v", lean, c.lean)
			}
			site, _ := b.cache.Load()
			whole, _ := load.Load(c.src)
			divisions := func(s *load.Site) (n int, first string) {
				for _, o := range s.Orgs {
					for _, p := range o.Plans {
						if n += len(p.Divisions); first == "" && len(p.Divisions) > 0 {
							first = p.Divisions[0].Name.Ja
						}
					}
				}
				return n, first
			}
			held, _ := divisions(site)
			all, first := divisions(whole)
			if all == 0 || (held == 0) != c.lean {
				t.Errorf("the build held %d of the %d divisions of the site's plans", held, all)
			}

			opts.Destination = ""
			want, _, err := Render(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			got := sitetest.Snapshot(t, b.opts.Destination)
			delete(got, manifestName)
			if len(got) != len(want) {
				t.Errorf("%d files, want %d", len(got), len(want))
			}
			for name, data := range want {
				if got[name] != string(data) {
					t.Errorf("%s differs from the whole build's", name)
				}
			}
			if !c.lean && !strings.Contains(got["ja/index.html"], first) {
				t.Errorf("the home page does not list the division %s", first)
			}
		})
	}
}
