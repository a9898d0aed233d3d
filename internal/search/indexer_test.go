package search_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/render"
	"github.com/plansite/plansite/internal/search"
	"github.com/plansite/plansite/internal/synth"
)

// TestIndexerReuse checks that an Indexer tokenizes again only the
// organizations whose key changed, and that what it makes after changes
// is byte for byte what a new Indexer makes.
func TestIndexerReuse(t *testing.T) {
	site, in, keys := synthInput(t)
	ix := search.NewIndexer(lang.Ja)
	first := buildIndex(t, ix, in)

	// A change under an unchanged key is not seen: the tokens were kept.
	kept := site.Orgs[0].Plans[0]
	kept.Slogan.Text.Ja = "かわらないひょうご"
	if got := buildIndex(t, ix, in); !equalFiles(got, first) {
		t.Error("an organization whose key did not change was tokenized again")
	}
	kept.Slogan.Text.Ja = "よりそい つながろう あなたとわたし"

	// A changed key, a removed organization and a new order.
	changed := site.Orgs[1].Plans[0]
	changed.Slogan.Text.Ja = "ふくしのまちづくりへいこう"
	keys[site.Orgs[1].ID] = "v2"
	in.Orgs = []*plan.Org{site.Orgs[3], site.Orgs[1], site.Orgs[0]}
	got := buildIndex(t, ix, in)
	fresh := in
	fresh.OrgKey = nil
	want := buildIndex(t, search.NewIndexer(lang.Ja), fresh)
	if !equalFiles(got, want) {
		t.Error("after changes, the reused Indexer's files differ from a new Indexer's")
	}
	if equalFiles(got, first) {
		t.Fatal("the changes changed nothing")
	}
	s := openIndex(t, got)
	res, err := s.Search("まちづくりへ", search.Filter{Org: -1}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 {
		t.Fatal("the changed slogan is not found")
	}
	if h, _ := s.Doc(res[0].Doc); h.Path != render.PlanURL(changed) {
		t.Errorf("the changed slogan is found at %s, want %s", h.Path, render.PlanURL(changed))
	}
}

// TestIndexerCancel checks that a cancelled Build stops with ctx's error
// and leaves nothing that changes the next Build.
func TestIndexerCancel(t *testing.T) {
	_, in, _ := synthInput(t)
	ix := search.NewIndexer(lang.Ja)
	ctx, cancel := context.WithCancel(context.Background())
	made := 0
	err := ix.Build(ctx, in, func(search.File) error {
		if made++; made == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled Build returned %v, want context.Canceled", err)
	}
	if made != 3 {
		t.Errorf("a cancelled Build made %d files after the cancel, want none", made-3)
	}
	fresh := in
	fresh.OrgKey = nil
	if !equalFiles(buildIndex(t, ix, in), buildIndex(t, search.NewIndexer(lang.Ja), fresh)) {
		t.Error("after a cancelled Build, the Indexer's files differ from a new Indexer's")
	}
}

// TestIndexerStreams checks that an index begun with organizations whose
// plans say only their years, their documents counted by Input.DocCount,
// and given each organization in full as it comes (as plansite build
// does, so as not to hold every plan at once) is the index Build makes of
// the whole site; and that a count that disagrees with the documents is
// an error, not a wrong index.
func TestIndexerStreams(t *testing.T) {
	site, in, _ := synthInput(t)
	in.OrgKey = nil
	want := buildIndex(t, search.NewIndexer(lang.Ja), in)

	hollow := in
	hollow.Orgs = nil
	counts := map[*plan.Plan]int{}
	for _, o := range site.Orgs {
		h := &plan.Org{ID: o.ID, Name: o.Name}
		for _, p := range o.Plans {
			hp := &plan.Plan{OrgID: p.OrgID, Org: h, FiscalYear: p.FiscalYear, EraLabel: p.EraLabel}
			counts[hp] = search.DocCount(p)
			h.Plans = append(h.Plans, hp)
		}
		hollow.Orgs = append(hollow.Orgs, h)
	}
	stream := func(extra int) ([]search.File, error) {
		hollow.DocCount = func(p *plan.Plan) int { return counts[p] + extra }
		var files []search.File
		w := search.NewIndexer(lang.Ja).Begin(context.Background(), hollow, func(f search.File) error {
			f.Data = bytes.Clone(f.Data) // lent
			files = append(files, f)
			return nil
		})
		for i, o := range site.Orgs {
			if err := w.AddOrg(i, o); err != nil {
				return nil, err
			}
		}
		err := w.Finish()
		slices.SortFunc(files, func(a, b search.File) int { return strings.Compare(a.Path, b.Path) })
		return files, err
	}
	got, err := stream(0)
	if err != nil {
		t.Fatal(err)
	}
	if !equalFiles(got, want) {
		t.Error("the index made organization by organization differs from Build's")
	}
	if _, err := stream(1); err == nil || !strings.Contains(err.Error(), "were counted") {
		t.Errorf("a count one too many gave %v, want an error saying so", err)
	}
}

// TestIndexerSpills checks that an index whose postings do not fit the
// Writer's budget, written out and read back, is byte for byte the index
// made in memory, and is so too when they cannot be written out.
func TestIndexerSpills(t *testing.T) {
	_, in, _ := synthInput(t)
	in.OrgKey = nil
	want := buildIndex(t, search.NewIndexer(lang.Ja), in)
	defer search.SetSpillBudget(4 << 10)()
	if got := buildIndex(t, search.NewIndexer(lang.Ja), in); !equalFiles(got, want) {
		t.Error("the index whose postings were written out differs from the one made in memory")
	}
	// Where no temporary file can be made, the postings stay in memory.
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	if got := buildIndex(t, search.NewIndexer(lang.Ja), in); !equalFiles(got, want) {
		t.Error("without a temporary folder, the index differs from the one made in memory")
	}
}

// TestIndexFallsBackAsPagesDo checks that a page written only in English
// is found in the Japanese index, as its Japanese page shows the English.
func TestIndexFallsBackAsPagesDo(t *testing.T) {
	_, in, _ := synthInput(t)
	in.Pages = map[string]*plan.Page{"about": {Title: lang.T("このサイトについて", "About"), Source: map[lang.Lang]string{lang.En: "Written by the volunteer centre."}}}
	files := buildIndex(t, search.NewIndexer(lang.Ja), in)
	s := openIndex(t, files)
	res, err := s.Search("volunteer centre", search.Filter{Org: -1}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 {
		t.Fatal("the English-only page is not in the Japanese index")
	}
	if h, _ := s.Doc(res[0].Doc); h.Path != "about/" {
		t.Errorf("first result %s, want about/", h.Path)
	}
}

// synthInput loads a synthetic site of four organizations and returns the
// index input of it, with each organization's key in keys ("v1").
func synthInput(t *testing.T) (*load.Site, search.Input, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Orgs: 4, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	site, problems := load.Load(dir)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, o := range site.Orgs {
		keys[o.ID] = "v1"
	}
	in := siteInput(site)
	in.OrgKey = func(o *plan.Org) string { return keys[o.ID] }
	return site, in, keys
}

// siteInput is the index input of site, as package build makes it.
func siteInput(site *load.Site) search.Input {
	return search.Input{Orgs: site.Orgs, Pages: site.Pages, Glossary: site.Glossary, PlanPath: render.PlanURL,
		PlanTitle:  func(p *plan.Plan, l lang.Lang) string { return render.PlanTitle(p).String(l) },
		TermAnchor: render.TermID}
}

func buildIndex(t *testing.T, ix *search.Indexer, in search.Input) []search.File {
	t.Helper()
	files, err := collect(ix, in)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// collect builds the index of in, its files sorted by path.
func collect(ix *search.Indexer, in search.Input) ([]search.File, error) {
	var files []search.File
	err := ix.Build(context.Background(), in, func(f search.File) error {
		f.Data = bytes.Clone(f.Data) // lent
		files = append(files, f)
		return nil
	})
	slices.SortFunc(files, func(a, b search.File) int { return strings.Compare(a.Path, b.Path) })
	return files, err
}

// openIndex opens the index made of files.
func openIndex(t *testing.T, files []search.File) *search.Searcher {
	t.Helper()
	s, err := search.Open(func(p string) ([]byte, error) {
		for _, f := range files {
			if f.Path == p {
				return f.Data, nil
			}
		}
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func equalFiles(a, b []search.File) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			return false
		}
	}
	return true
}
