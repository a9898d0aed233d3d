// Package load reads a site's data/ and content/ folders into the model of
// package plan, with every problem placed at its file, line and column.
// It never computes, renders or writes.
package load

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// Site is everything read from a site folder.
type Site struct {
	Config plan.Site
	// Orgs are sorted by ID; each holds its plans, oldest first.
	Orgs     []*plan.Org
	Glossary plan.Glossary
	// Home is content/_index.*.md, the home page's introduction.
	Home plan.Page
	// Pages are the other pages of content/ (content/about.ja.md), by path.
	Pages map[string]*plan.Page
}

// Load reads the site rooted at root. Problems are returned together; the
// Site is incomplete when the list holds errors. Files are named in
// problems by their path relative to root, with forward slashes.
func Load(root string) (*Site, *diag.List) {
	fsys := os.DirFS(root)
	l := &loader{fsys: fsys, problems: &diag.List{}}
	site := &Site{Pages: map[string]*plan.Page{}}
	l.site(site)
	return site, l.problems
}

type loader struct {
	fsys     fs.FS
	mu       sync.Mutex
	problems *diag.List
}

func (l *loader) add(ps ...diag.Problem) {
	l.mu.Lock()
	l.problems.Add(ps...)
	l.mu.Unlock()
}

func (l *loader) errorf(pos diag.Pos, format string, args ...any) {
	l.add(diag.Problem{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

func (l *loader) site(site *Site) {
	if src, err := fs.ReadFile(l.fsys, "data/site.toml"); err == nil {
		_, ps := decodeTOML("data/site.toml", src, &site.Config)
		l.add(ps...)
	} else if !os.IsNotExist(err) {
		l.errorf(diag.Pos{File: "data/site.toml"}, "cannot read: %v", err)
	}
	if src, err := fs.ReadFile(l.fsys, "data/glossary.toml"); err == nil {
		_, ps := decodeTOML("data/glossary.toml", src, &site.Glossary)
		l.add(ps...)
	}

	orgFiles, _ := fs.Glob(l.fsys, "data/orgs/*.toml")
	if len(orgFiles) == 0 {
		l.errorf(diag.Pos{File: "data/orgs"}, "no organizations: add a file data/orgs/<id>.toml for each organization")
	}
	orgs := make([]*plan.Org, len(orgFiles))
	parallel(len(orgFiles), func(i int) { orgs[i] = l.org(orgFiles[i]) })
	byID := map[string]*plan.Org{}
	for _, o := range orgs {
		if o != nil {
			site.Orgs = append(site.Orgs, o)
			byID[o.ID] = o
		}
	}
	sort.Slice(site.Orgs, func(i, j int) bool { return site.Orgs[i].ID < site.Orgs[j].ID })

	l.plans(byID)
	l.content(site, byID)
}

func (l *loader) org(file string) *plan.Org {
	id := strings.TrimSuffix(path.Base(file), ".toml")
	if !plan.ValidID(id) {
		l.errorf(diag.Pos{File: file}, "the file name %q is used in web addresses: rename it with lower-case letters a-z, digits and hyphens only", id+".toml")
		return nil
	}
	src, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		l.errorf(diag.Pos{File: file}, "cannot read: %v", err)
		return nil
	}
	o := &plan.Org{ID: id}
	kp, ps := decodeTOML(file, src, o)
	l.add(ps...)
	if kp == nil {
		return o
	}
	l.issues(kp, plan.ValidateOrg(o))
	return o
}

func (l *loader) issues(kp *keyPositions, issues []plan.Issue) {
	for _, is := range issues {
		sev := diag.Error
		if is.Warning {
			sev = diag.Warning
		}
		l.add(diag.Problem{Pos: kp.Pos(is.Path), Severity: sev, Message: is.Message})
	}
}

func (l *loader) plans(orgs map[string]*plan.Org) {
	files, _ := fs.Glob(l.fsys, "data/plans/*/*.toml")
	strays, _ := fs.Glob(l.fsys, "data/plans/*.toml")
	for _, f := range strays {
		l.errorf(diag.Pos{File: f}, "plans go in a folder per organization: move this file to data/plans/<organization id>/<fiscal year>.toml")
	}
	plans := make([]*plan.Plan, len(files))
	parallel(len(files), func(i int) { plans[i] = l.plan(files[i], orgs) })
	for _, p := range plans {
		if p != nil {
			p.Org.Plans = append(p.Org.Plans, p)
		}
	}
	for _, o := range orgs {
		sort.Slice(o.Plans, func(i, j int) bool { return o.Plans[i].FiscalYear < o.Plans[j].FiscalYear })
	}
}

func (l *loader) plan(file string, orgs map[string]*plan.Org) *plan.Plan {
	orgID := path.Base(path.Dir(file))
	org, ok := orgs[orgID]
	if !ok {
		l.errorf(diag.Pos{File: file}, "this plan is for organization %q, but there is no data/orgs/%s.toml%s", orgID, orgID, suggestion(orgID, mapKeys(orgs)))
		return nil
	}
	year, err := strconv.Atoi(strings.TrimSuffix(path.Base(file), ".toml"))
	if err != nil {
		l.errorf(diag.Pos{File: file}, "a plan file is named by its fiscal year, such as 2024.toml (令和6年度)")
		return nil
	}
	src, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		l.errorf(diag.Pos{File: file}, "cannot read: %v", err)
		return nil
	}
	p := &plan.Plan{OrgID: orgID, Org: org}
	kp, ps := decodeTOML(file, src, p)
	l.add(ps...)
	if kp == nil {
		return nil
	}
	l.issues(kp, plan.ValidatePlan(p))
	if int(p.FiscalYear) != year {
		l.errorf(kp.Pos("fiscal_year"), "fiscal_year = %d does not match the file name %s; name the file after the fiscal year", p.FiscalYear, path.Base(file))
		return nil
	}
	return p
}

// content reads content/: the home introduction, organization and plan
// prose, and other pages.
func (l *loader) content(site *Site, orgs map[string]*plan.Org) {
	var files []string
	fs.WalkDir(l.fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	for _, file := range files {
		l.contentFile(site, orgs, file)
	}
}

func (l *loader) contentFile(site *Site, orgs map[string]*plan.Org, file string) {
	rel := strings.TrimPrefix(file, "content/")
	stem, lng, ok := splitLang(rel)
	if !ok {
		l.errorf(diag.Pos{File: file}, "a content file is named for its language: rename it to %s.ja.md or %s.en.md", strings.TrimSuffix(rel, ".md"), strings.TrimSuffix(rel, ".md"))
		return
	}
	src, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		l.errorf(diag.Pos{File: file}, "cannot read: %v", err)
		return
	}
	var page *plan.Page
	parts := strings.Split(stem, "/")
	switch {
	case stem == "_index":
		page = &site.Home
	case len(parts) == 1:
		if !plan.ValidID(stem) {
			l.errorf(diag.Pos{File: file}, "the file name is used in the page's address: use lower-case letters a-z, digits and hyphens")
			return
		}
		if site.Pages[stem] == nil {
			site.Pages[stem] = &plan.Page{}
		}
		page = site.Pages[stem]
	case len(parts) == 2 && parts[1] == "_index":
		org, ok := orgs[parts[0]]
		if !ok {
			l.errorf(diag.Pos{File: file}, "content/%s/ is for organization %q, but there is no data/orgs/%s.toml%s", parts[0], parts[0], parts[0], suggestion(parts[0], mapKeys(orgs)))
			return
		}
		page = &org.Intro
	case len(parts) == 3 && parts[2] == "_index":
		org, ok := orgs[parts[0]]
		if !ok {
			l.errorf(diag.Pos{File: file}, "content/%s/ is for organization %q, but there is no data/orgs/%s.toml%s", parts[0], parts[0], parts[0], suggestion(parts[0], mapKeys(orgs)))
			return
		}
		p := findPlan(org, parts[1])
		if p == nil {
			l.errorf(diag.Pos{File: file}, "there is no plan data/plans/%s/%s.toml for this prose", parts[0], parts[1])
			return
		}
		page = &p.Body
	default:
		l.errorf(diag.Pos{File: file}, "unexpected content file: content/ holds _index.<lang>.md, <page>.<lang>.md, <org>/_index.<lang>.md and <org>/<year>/_index.<lang>.md")
		return
	}
	l.page(page, file, lng, src)
}

func findPlan(org *plan.Org, year string) *plan.Plan {
	for _, p := range org.Plans {
		if strconv.Itoa(int(p.FiscalYear)) == year {
			return p
		}
	}
	return nil
}

// splitLang splits "meyasubako/_index.ja.md" into "meyasubako/_index" and ja.
func splitLang(rel string) (string, lang.Lang, bool) {
	base := strings.TrimSuffix(rel, ".md")
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return "", "", false
	}
	l := lang.Lang(base[i+1:])
	if !slices.Contains(lang.All, l) {
		return "", "", false
	}
	return base[:i], l, true
}

// frontMatter is what a content file may set between its +++ lines.
type frontMatter struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
}

func (l *loader) page(page *plan.Page, file string, lng lang.Lang, src []byte) {
	fm, body, fmLine, ok := splitFrontMatter(src)
	if !ok {
		l.errorf(diag.Pos{File: file, Line: 1}, "the front matter opened with +++ is not closed: add a line with +++ after it")
		return
	}
	var meta frontMatter
	if fm != nil {
		_, ps := decodeTOML(file, fm, &meta)
		for _, p := range ps {
			if p.Pos.Line > 0 {
				p.Pos.Line += fmLine - 1
			}
			l.add(p)
		}
	}
	if page.Source == nil {
		page.Source = map[lang.Lang]string{}
		page.File = map[lang.Lang]string{}
	}
	setLang(&page.Title, lng, meta.Title)
	setLang(&page.Description, lng, meta.Description)
	page.Source[lng] = string(body)
	page.File[lng] = file
}

func setLang(t *plan.Text, l lang.Lang, s string) {
	if l == lang.Ja {
		t.Ja = s
	} else {
		t.En = s
	}
}

// splitFrontMatter separates TOML front matter between +++ lines from the
// Markdown body. fmLine is the line the front matter starts on. ok is false
// when the front matter is not closed.
func splitFrontMatter(src []byte) (fm, body []byte, fmLine int, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if !bytes.HasPrefix(src, []byte("+++")) {
		return nil, src, 0, true
	}
	nl := bytes.IndexByte(src, '\n')
	if nl < 0 {
		return nil, nil, 0, false
	}
	rest := src[nl+1:]
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		if end < 0 {
			end = len(rest) - off
		}
		if string(bytes.TrimRight(rest[off:off+end], " \t\r")) == "+++" {
			return rest[:off], rest[min(off+end+1, len(rest)):], 2, true
		}
		off += end + 1
	}
	return nil, nil, 0, false
}

func suggestion(word string, candidates []string) string {
	if s := diag.Suggest(word, candidates); s != "" {
		return diag.Message(" (did you mean %q?)", s)
	}
	return ""
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// parallel calls f(0) … f(n-1) on all cores and waits for them.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
